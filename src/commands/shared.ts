// What every editor command needs first: the document and selection it was invoked on, the
// context-size check, and the selection as a chat attachment.
import * as vscode from 'vscode';
import type { ChatMessage } from '../client';
import { editorFor, refuseDocument } from '../edits/editorTarget';
import type { ContextAttachment } from '../protocol';
import type { SiliconFlowService } from '../service/gateway';
import { makeAttachment } from '../prompts/attachments';
import type { CodeTarget } from './target';

/** Arguments the code actions and "Run Again" pass; commands from the palette get none. */
export interface CommandArgs {
  uri: vscode.Uri;
  range?: vscode.Range;
  diagnostics?: readonly vscode.Diagnostic[];
  instruction?: string;
}

export function isCommandArgs(value: unknown): value is CommandArgs {
  return typeof value === 'object' && value !== null && (value as { uri?: unknown }).uri instanceof vscode.Uri;
}

export interface Invocation {
  document: vscode.TextDocument;
  selection: vscode.Range;
  position: vscode.Position;
}

/**
 * The document and selection the command applies to, or undefined (with a message) when there is
 * none: only a file or an untitled document (never the Output panel, a Git view or a proposal
 * preview), and for `forEditing` one that is not read-only (see edits/editable.ts).
 */
export async function invocation(arg: unknown, forEditing: boolean): Promise<Invocation | undefined> {
  const purpose = forEditing ? 'edit' : 'read';
  if (isCommandArgs(arg)) {
    const document = await vscode.workspace.openTextDocument(arg.uri);
    if (await refuseDocument(document, 'command', purpose)) return undefined;
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
    const selection = arg.range ?? editor?.selection ?? new vscode.Range(0, 0, 0, 0);
    return { document, selection, position: arg.range?.start ?? editor?.selection.active ?? selection.start };
  }
  const editor = await editorFor('command', purpose);
  if (!editor) return undefined;
  return { document: editor.document, selection: editor.selection, position: editor.selection.active };
}

/**
 * True when the request fits the context window of the model used for `purpose`, with
 * `answerTokens` kept for the reply (the service's own check, the one stream() applies too);
 * otherwise says so clearly and returns false, so nothing is sent.
 */
export function fitsOrExplain(
  service: SiliconFlowService,
  messages: readonly ChatMessage[],
  purpose: 'chat' | 'command',
  answerTokens: number,
): boolean {
  const fit = service.measureFit(messages, purpose, answerTokens);
  if (fit.fits) return true;
  void vscode.window.showErrorMessage(
    vscode.l10n.t(
      'The selection is too large for {0}: the request needs about {1} tokens with its answer, and the context window holds {2}. Select less code, or set the window in "siliconflow.contextWindows" if it is larger.',
      fit.model,
      fit.neededTokens.toLocaleString('en-US'),
      fit.windowTokens.toLocaleString('en-US'),
    ),
  );
  return false;
}

/** The target as a chat attachment (prompts/attachments.ts), cut to `maxChars` like any other. */
export function attachmentFor(target: CodeTarget, maxChars: number): ContextAttachment {
  const { selection } = target;
  const lines = selection.wholeFile ? undefined : { start: selection.startLine, end: selection.endLine };
  return makeAttachment({ path: selection.path, languageId: selection.languageId, text: selection.code, lines }, maxChars);
}
