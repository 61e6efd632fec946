// The lightbulb: "Fix with SiliconFlow" on a diagnostic, "Refactor with SiliconFlow" on a selection.
import * as vscode from 'vscode';
import type { CommandArgs } from './shared';
import { DOCUMENT_SCHEMES } from '../edits/editable';

class SiliconFlowCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.RefactorRewrite];

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const wants = (kind: vscode.CodeActionKind): boolean => !context.only || context.only.contains(kind) || kind.contains(context.only);
    const actions: vscode.CodeAction[] = [];
    if (context.diagnostics.length && wants(vscode.CodeActionKind.QuickFix)) {
      const title = vscode.l10n.t('Fix with SiliconFlow');
      const fix = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      fix.diagnostics = [...context.diagnostics];
      // A selection is fixed as selected; a bare cursor on a problem fixes the function around it
      // (an empty range at the problem: target resolution then looks for the enclosing function).
      const at = context.diagnostics[0].range.start;
      const args: CommandArgs = { uri: document.uri, range: range.isEmpty ? new vscode.Range(at, at) : range, diagnostics: context.diagnostics };
      fix.command = { command: 'siliconflow.fixSelection', title, arguments: [args] };
      actions.push(fix);
    }
    if (!range.isEmpty && wants(vscode.CodeActionKind.RefactorRewrite)) {
      const title = vscode.l10n.t('Refactor with SiliconFlow');
      const refactor = new vscode.CodeAction(title, vscode.CodeActionKind.RefactorRewrite);
      refactor.command = { command: 'siliconflow.refactorSelection', title, arguments: [{ uri: document.uri, range } satisfies CommandArgs] };
      actions.push(refactor);
    }
    return actions;
  }
}

export function registerCodeActions(): vscode.Disposable {
  // Real files and untitled documents only: not our own previews, output panes or git views.
  // The documents the commands may act on (edits/editable.ts): no light bulb on the Output panel or a Git view.
  const selector: vscode.DocumentSelector = DOCUMENT_SCHEMES.map((scheme) => ({ scheme }));
  return vscode.languages.registerCodeActionsProvider(selector, new SiliconFlowCodeActions(), {
    providedCodeActionKinds: SiliconFlowCodeActions.kinds,
  });
}
