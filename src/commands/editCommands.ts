// Refactor, Fix and Add Documentation: the answer streams into a diff preview and is applied only
// when the user accepts it (src/edits/proposal.ts), on an unchanged document.
import * as vscode from 'vscode';
import type { ChatMessage } from '../client';
import type { Proposal } from '../edits/proposal';
import { estimateTokens } from '../service/params';
import { documentMessages, fixMessages, refactorMessages, type PromptDiagnostic } from '../prompts/editorPrompts';
import { extractCode } from '../prompts/extract';
import { streamEndOf } from '../prompts/think';
import { streamAnswer } from './answer';
import { askInstruction } from './instruction';
import { documentName } from '../edits/location';
import type { EditorCommandDeps } from './deps';
import { fitsOrExplain, invocation, isCommandArgs, type CommandArgs } from './shared';
import { resolveTarget, type CodeTarget } from './target';

export type EditKind = 'refactor' | 'fix' | 'document';

const COMMAND_IDS: Record<EditKind, string> = {
  refactor: 'siliconflow.refactorSelection',
  fix: 'siliconflow.fixSelection',
  document: 'siliconflow.addDocumentation',
};

function titleFor(kind: EditKind, document: vscode.TextDocument): string {
  const name = documentName(document);
  if (kind === 'refactor') return vscode.l10n.t('Refactor: {0}', name);
  if (kind === 'fix') return vscode.l10n.t('Fix: {0}', name);
  return vscode.l10n.t('Document: {0}', name);
}

const SEVERITY: Record<vscode.DiagnosticSeverity, PromptDiagnostic['severity']> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

function promptDiagnostics(diagnostics: readonly vscode.Diagnostic[]): PromptDiagnostic[] {
  return diagnostics.map((d) => ({ message: d.message, severity: SEVERITY[d.severity], line: d.range.start.line + 1, source: d.source }));
}

/** The problems the editor reports inside the target (passed in by the quick fix, else looked up). */
function diagnosticsIn(target: CodeTarget, given?: readonly vscode.Diagnostic[]): vscode.Diagnostic[] {
  const all = given ?? vscode.languages.getDiagnostics(target.document.uri);
  return all.filter((d) => target.range.intersection(d.range) !== undefined);
}

/** Builds the messages, asking the user for what is needed; undefined when they cancelled. */
async function messagesFor(
  kind: EditKind,
  target: CodeTarget,
  args: CommandArgs | undefined,
  state: vscode.Memento,
): Promise<{ messages: ChatMessage[]; instruction: string } | undefined> {
  if (kind === 'refactor') {
    const instruction = args?.instruction ?? (await askInstruction(state, titleFor(kind, target.document)));
    if (instruction === undefined) return undefined;
    return { messages: refactorMessages(target.selection, instruction), instruction };
  }
  if (kind === 'fix') {
    const diagnostics = diagnosticsIn(target, args?.diagnostics);
    let instruction = args?.instruction ?? '';
    // With nothing reported, the user may say what is wrong (optional: Enter on empty is fine).
    if (!diagnostics.length && args?.instruction === undefined) {
      const typed = await vscode.window.showInputBox({
        title: titleFor(kind, target.document),
        prompt: vscode.l10n.t('No problems are reported here. Describe what is wrong (optional), or press Enter to let the model look for bugs.'),
        ignoreFocusOut: true,
      });
      if (typed === undefined) return undefined;
      instruction = typed;
    }
    return { messages: fixMessages(target.selection, promptDiagnostics(diagnostics), instruction), instruction };
  }
  return { messages: documentMessages(target.selection), instruction: '' };
}

export async function runEditCommand(kind: EditKind, deps: EditorCommandDeps, state: vscode.Memento, arg: unknown): Promise<void> {
  const args = isCommandArgs(arg) ? arg : undefined;
  const inv = await invocation(arg, true);
  const target = inv && (await resolveTarget(inv.document, inv.selection, inv.position));
  if (!target) return;
  const model = deps.service.modelFor('command');
  // The reply is about as long as the code it replaces (documentation adds some).
  const answerTokens = Math.ceil(estimateTokens(target.selection.code) * 1.5) + 512;
  // Refuse a selection too large for the model before asking the user anything about it.
  const probe = kind === 'refactor' ? refactorMessages(target.selection, '') : kind === 'fix' ? fixMessages(target.selection, []) : documentMessages(target.selection);
  if (!fitsOrExplain(deps.service, probe, 'command', answerTokens)) return;
  const built = await messagesFor(kind, target, args, state);
  if (!built) return;
  if (!fitsOrExplain(deps.service, built.messages, 'command', answerTokens)) return;

  const title = titleFor(kind, target.document);
  const document = target.document;
  const runAgain = (): void =>
    void vscode.commands.executeCommand(COMMAND_IDS[kind], {
      uri: document.uri,
      range: document.validateRange(target.range),
      instruction: built.instruction,
    } satisfies CommandArgs);

  let proposal: Proposal;
  try {
    proposal = await deps.proposals.open({ document, range: target.range, title, runAgain });
  } catch (err) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not open the preview: {0}', err instanceof Error ? err.message : String(err)));
    return;
  }
  deps.log.info(`${kind}: ${target.selection.path} lines ${target.selection.startLine}-${target.selection.endLine}, model ${model}`);

  const languageId = document.languageId;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('{0}: {1} is writing a proposal…', title, model), cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      // Closing the preview (or Reject) while it streams stops the request too.
      proposal.closed.addEventListener('abort', () => controller.abort());
      let lines = 0;
      return streamAnswer(deps.service, built.messages, controller.signal, (answer) => {
        const code = extractCode(answer, languageId).code;
        proposal.update(code);
        const now = code ? code.split('\n').length : 0;
        if (now !== lines) progress.report({ message: vscode.l10n.t('Lines so far: {0}', now) });
        lines = now;
      });
    },
  );

  if (result.status === 'cancelled') {
    proposal.abandon();
    deps.log.info(`${kind}: cancelled`);
    return;
  }
  if (result.status === 'failed') {
    proposal.abandon();
    deps.log.error(`${kind}: ${result.message}`);
    const retry = vscode.l10n.t('Retry');
    const choice = await vscode.window.showErrorMessage(vscode.l10n.t('{0} failed: {1}', title, result.message), retry);
    if (choice === retry) runAgain();
    return;
  }
  const code = extractCode(result.text, languageId, streamEndOf(result.finishReason)).code;
  if (!code.trim()) {
    proposal.abandon();
    void vscode.window.showWarningMessage(vscode.l10n.t('{0}: the model answered without any code, so there is nothing to apply.', title));
    return;
  }
  if (result.finishReason === 'length') {
    proposal.abandon();
    void vscode.window.showWarningMessage(
      vscode.l10n.t('{0}: the answer was cut off at the token limit, so the proposal would be incomplete. Select less code or raise "siliconflow.maxTokens".', title),
    );
    return;
  }
  proposal.update(code);
  const outcome = await proposal.finish();
  deps.log.info(`${kind}: proposal ${outcome}`);
}

export function registerEditCommands(deps: EditorCommandDeps, state: vscode.Memento): vscode.Disposable[] {
  return (Object.keys(COMMAND_IDS) as EditKind[]).map((kind) =>
    vscode.commands.registerCommand(COMMAND_IDS[kind], (arg?: unknown) => runEditCommand(kind, deps, state, arg)),
  );
}
