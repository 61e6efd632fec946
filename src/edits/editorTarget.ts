// The vscode side of editable.ts: the facts of a document (scheme, read-only) and the editor an
// action from the chat or an editor command acts on, with the refusal shown when there is none.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { chooseTarget, PROPOSAL_SCHEME, verdictFor, refusalText, type Action, type DocumentFacts, type Purpose, type Verdict } from './editable';

/** Is the document's file read-only (its permissions or its file system)? False when unknown. */
async function isReadOnly(document: vscode.TextDocument): Promise<boolean> {
  if (vscode.workspace.fs.isWritableFileSystem(document.uri.scheme) === false) return true;
  if (document.uri.scheme !== 'file') return false;
  try {
    const stat = await vscode.workspace.fs.stat(document.uri);
    return ((stat.permissions ?? 0) & vscode.FilePermission.Readonly) !== 0;
  } catch {
    return false; // deleted on disk: the open document can still be edited (and saved again)
  }
}

export async function documentFacts(document: vscode.TextDocument): Promise<DocumentFacts> {
  return { scheme: document.uri.scheme, readOnly: await isReadOnly(document) };
}

/** How a refusal names a document: the Output panel by that name, a file by its base name. */
export function documentName(document: vscode.TextDocument): string {
  if (document.uri.scheme === 'output') return vscode.l10n.t('The Output panel');
  const base = path.basename(document.uri.path) || document.uri.toString();
  if (document.uri.scheme === PROPOSAL_SCHEME) return base; // the proposal's file, by its name
  return document.uri.scheme === 'file' || document.uri.scheme === 'untitled' ? base : `${base} (${document.uri.scheme})`;
}

/**
 * The editor `action` acts on (see chooseTarget), or undefined after telling the user why there is
 * none ("open a file first", "read-only").
 */
export async function editorFor(action: Action, purpose: Purpose): Promise<vscode.TextEditor | undefined> {
  const active = vscode.window.activeTextEditor;
  const visible = vscode.window.visibleTextEditors;
  const verdicts = new Map<vscode.TextEditor, Verdict>();
  for (const editor of new Set([...(active ? [active] : []), ...visible])) {
    verdicts.set(editor, verdictFor(await documentFacts(editor.document), purpose));
  }
  const choice = chooseTarget(active, visible, (e) => verdicts.get(e) ?? 'notADocument');
  if (choice.ok) return choice.target;
  const name = choice.refused ? documentName(choice.refused.document) : undefined;
  void vscode.window.showWarningMessage(refusalText(action, choice.verdict, name, vscode.l10n));
  return undefined;
}

/** The same rule for a document named by a command's arguments (a code action, "Run Again"). */
export async function refuseDocument(document: vscode.TextDocument, action: Action, purpose: Purpose): Promise<boolean> {
  const verdict = verdictFor(await documentFacts(document), purpose);
  if (verdict === 'ok') return false;
  void vscode.window.showWarningMessage(refusalText(action, verdict, documentName(document), vscode.l10n));
  return true;
}
