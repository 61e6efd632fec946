// What the chat does to the editor on the user's request: attach the active file or selection as
// context, insert a code block at the cursor, or apply one through the diff preview.
import * as vscode from 'vscode';
import { editorFor } from '../edits/editorTarget';
import { documentName, documentPath, lineSpan } from '../edits/location';
import type { ProposalPreviews } from '../edits/proposal';
import { makeAttachment } from '../prompts/attachments';
import type { ContextAttachment } from '../protocol';
import { applyWarnings } from './applyCheck';

/** The active file or selection as an attachment (prompts/attachments.ts), cut to `maxChars`. */
export async function attachmentFromEditor(what: 'file' | 'selection', maxChars: number): Promise<ContextAttachment | undefined> {
  const editor = await editorFor(what === 'file' ? 'attachFile' : 'attachSelection', 'read');
  if (!editor) return undefined;
  const document = editor.document;
  const source = { path: documentPath(document), languageId: document.languageId };
  if (what === 'file') return makeAttachment({ ...source, text: document.getText() }, maxChars);
  const selection = editor.selection;
  if (selection.isEmpty) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Select some text in the editor to attach it to the chat.'));
    return undefined;
  }
  return makeAttachment({ ...source, text: document.getText(selection), lines: lineSpan(selection) }, maxChars);
}

/** Replaces the selection (or inserts at the cursor) in the active editor with `code`. */
export async function insertAtCursor(code: string): Promise<void> {
  const editor = await editorFor('insert', 'edit');
  if (!editor) return;
  const ok = await editor.edit((builder) => builder.replace(editor.selection, code));
  if (!ok) void vscode.window.showWarningMessage(vscode.l10n.t('The code could not be inserted into {0}.', documentName(editor.document)));
}

// Display names of common languages for the questions Apply asks (VS Code has no API for them).
const LANGUAGE_NAMES: Record<string, string> = {
  typescript: 'TypeScript', typescriptreact: 'TypeScript React', javascript: 'JavaScript', javascriptreact: 'JavaScript React',
  python: 'Python', shellscript: 'Shell Script', powershell: 'PowerShell', csharp: 'C#', cpp: 'C++', c: 'C', java: 'Java',
  go: 'Go', rust: 'Rust', ruby: 'Ruby', php: 'PHP', kotlin: 'Kotlin', swift: 'Swift', html: 'HTML', css: 'CSS', json: 'JSON',
  yaml: 'YAML', markdown: 'Markdown', sql: 'SQL',
};

/**
 * Proposes `code` (a chat block tagged `language`, if at all) as the replacement of the selection,
 * or of the whole file when nothing is selected, in a diff preview; nothing changes until the user
 * accepts. First asks when the block's language clearly is not the file's, and when a snippet much
 * smaller than the file would replace all of it (then it can go in at the cursor instead).
 */
export async function applyToEditor(code: string, proposals: ProposalPreviews, language?: string): Promise<void> {
  const editor = await editorFor('apply', 'edit');
  if (!editor) return;
  const document = editor.document;
  const name = documentName(document);
  // Lines as the user counts them: the empty line after a final line break is not one.
  const fileLines = document.lineCount - (document.lineCount > 1 && document.lineAt(document.lineCount - 1).text === '' ? 1 : 0);
  const warnings = applyWarnings(code, language, document.languageId, fileLines, !editor.selection.isEmpty);
  if (warnings.languageClash) {
    const anyway = vscode.l10n.t('Propose Anyway');
    const question = vscode.l10n.t('This is a {0} block; the open file is {1}. Propose it anyway?', language ?? '', LANGUAGE_NAMES[document.languageId] ?? document.languageId);
    if ((await vscode.window.showWarningMessage(question, { modal: true }, anyway)) !== anyway) return;
  }
  let range = editor.selection.isEmpty
    ? new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length))
    : new vscode.Range(editor.selection.start, editor.selection.end);
  if (warnings.replacesWholeFile) {
    const whole = vscode.l10n.t('Replace Whole File');
    const atCursor = vscode.l10n.t('Insert at Cursor');
    const codeLines = code.replace(/\s+$/, '').split(/\r?\n/).length;
    const question = vscode.l10n.t(
      'Nothing is selected, so all {0} lines of {1} would be replaced by these {2} lines. Insert the block at the cursor instead, or select the code it should replace?',
      fileLines, name, codeLines,
    );
    const choice = await vscode.window.showWarningMessage(question, { modal: true }, atCursor, whole);
    if (choice === undefined) return;
    if (choice === atCursor) range = new vscode.Range(editor.selection.active, editor.selection.active);
  }
  try {
    const proposal = await proposals.open({ document, range, title: vscode.l10n.t('Apply: {0}', name) });
    proposal.update(code);
    const outcome = await proposal.finish();
    switch (outcome) {
      case 'accepted':
        vscode.window.setStatusBarMessage(vscode.l10n.t('Applied the change to {0}.', name), 4000);
        break;
      case 'rejected':
        vscode.window.setStatusBarMessage(vscode.l10n.t('The change to {0} was discarded.', name), 4000);
        break;
      case 'stale': // the proposal said why (changed, closed or deleted)
      case 'cancelled':
        break;
    }
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not preview the change: {0}', e instanceof Error ? e.message : String(e)));
  }
}

/** Opens an http(s) link from an answer in the browser; anything else was already refused. */
export async function openLink(href: string): Promise<void> {
  const uri = vscode.Uri.parse(href, true);
  if (uri.scheme !== 'http' && uri.scheme !== 'https') return;
  await vscode.env.openExternal(uri);
}

export async function copyToClipboard(text: string): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied to the clipboard.'), 2000);
}
