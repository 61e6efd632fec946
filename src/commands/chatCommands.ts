// Explain Selection and Ask About Selection: both go to the chat view, the code attached to the
// user's message so it shows as context there.
import * as vscode from 'vscode';
import { estimateTokens } from '../service/params';
import { explainRequest } from '../prompts/editorPrompts';
import { fenced } from '../prompts/fence';
import type { EditorCommandDeps } from './deps';
import { attachmentFor, fitsOrExplain, invocation } from './shared';
import { resolveTarget } from './target';

// Room kept for an explanation.
const EXPLAIN_ANSWER_TOKENS = 2048;

export async function explainSelection(deps: EditorCommandDeps, arg: unknown): Promise<void> {
  const inv = await invocation(arg, false);
  const target = inv && (await resolveTarget(inv.document, inv.selection, inv.position));
  if (!target) return;
  const text = explainRequest(target.selection);
  // Checked on the whole code: an explanation of a cut-off selection would mislead.
  const probe = [{ role: 'user' as const, content: `${text}\n\n${fenced(target.selection.code, target.selection.languageId)}` }];
  if (!fitsOrExplain(deps.service, probe, 'chat', EXPLAIN_ANSWER_TOKENS)) return;
  deps.log.info(`explain ${target.selection.path} lines ${target.selection.startLine}-${target.selection.endLine} (~${estimateTokens(target.selection.code)} tokens)`);
  await deps.chat.send(text, [attachmentFor(target, deps.service.settings().attachmentMaxChars)]);
}

export async function askAboutSelection(deps: EditorCommandDeps, arg: unknown): Promise<void> {
  const inv = await invocation(arg, false);
  const target = inv && (await resolveTarget(inv.document, inv.selection, inv.position));
  if (!target) return;
  await deps.chat.prefill('', [attachmentFor(target, deps.service.settings().attachmentMaxChars)]);
}

export function registerChatCommands(deps: EditorCommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('siliconflow.explainSelection', (arg?: unknown) => explainSelection(deps, arg)),
    vscode.commands.registerCommand('siliconflow.askAboutSelection', (arg?: unknown) => askAboutSelection(deps, arg)),
  ];
}
