// How a document is named in prompts and attachments: relative to the workspace folder that holds
// it (with the folder's name when several are open), or its untitled name ("Untitled-1").
import * as vscode from 'vscode';

export function documentPath(document: vscode.TextDocument): string {
  if (document.isUntitled) return document.uri.path;
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  // Outside every folder: the file name only, so no absolute home path goes into a prompt.
  if (!folder) return document.uri.path.split('/').pop() ?? document.uri.path;
  const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  return vscode.workspace.asRelativePath(document.uri, multiRoot);
}

/** The path inside its own workspace folder (no folder name), and that folder; undefined outside any. */
export function folderRelative(document: vscode.TextDocument): { folder: vscode.WorkspaceFolder; path: string } | undefined {
  if (document.isUntitled) return undefined;
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  if (!folder) return undefined;
  return { folder, path: vscode.workspace.asRelativePath(document.uri, false) };
}

/** Just the file name, for titles ("Refactor: math.ts"). */
export function documentName(document: vscode.TextDocument): string {
  return document.uri.path.split('/').pop() || document.uri.path;
}

/**
 * The 1-based lines a range covers, as prompts and attachment labels give them: a range that ends
 * at column 0 of a later line does not include that line (a selection of whole lines ends there).
 */
export function lineSpan(range: vscode.Range): { start: number; end: number } {
  const last = range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
  return { start: range.start.line + 1, end: last + 1 };
}
