// Generate Tests: the answer streams into a new editor beside the code — never into the
// selection. When a test file path can be suggested and no such file exists, the new editor is an
// untitled document for that path, so Save writes it there.
import * as vscode from 'vscode';
import { estimateTokens } from '../service/params';
import { testsMessages } from '../prompts/editorPrompts';
import { extractCode } from '../prompts/extract';
import { streamEndOf } from '../prompts/think';
import { suggestTestPath } from '../prompts/testPath';
import { streamAnswer } from './answer';
import { folderRelative } from '../edits/location';
import type { EditorCommandDeps } from './deps';
import { fitsOrExplain, invocation } from './shared';
import { resolveTarget } from './target';

// The new editor is rewritten at most this often while the answer streams.
const RENDER_INTERVAL_MS = 150;

/** An untitled document for the suggested test path when that file does not exist yet; else a plain one. */
async function testDocument(source: vscode.TextDocument): Promise<{ document: vscode.TextDocument; path?: string; fileExists?: boolean }> {
  const rel = folderRelative(source);
  const testRel = rel && suggestTestPath(rel.path);
  if (rel && testRel) {
    const fileUri = vscode.Uri.joinPath(rel.folder.uri, testRel);
    const exists = await vscode.workspace.fs.stat(fileUri).then(
      () => true,
      () => false,
    );
    if (!exists) {
      const document = await vscode.workspace.openTextDocument(fileUri.with({ scheme: 'untitled' }));
      // An earlier run's unsaved tests (maybe edited since) are still open under this name:
      // writing here would replace them, so that run's document is left alone.
      if (document.getText().length === 0) return { document, path: testRel, fileExists: false };
      const fresh = await vscode.workspace.openTextDocument({ language: source.languageId, content: '' });
      return { document: fresh, path: testRel, fileExists: false };
    }
    // The file exists: never overwrite it; the user can copy what they want from a new editor.
    const document = await vscode.workspace.openTextDocument({ language: source.languageId, content: '' });
    return { document, path: testRel, fileExists: true };
  }
  return { document: await vscode.workspace.openTextDocument({ language: source.languageId, content: '' }) };
}

export async function generateTests(deps: EditorCommandDeps, arg: unknown): Promise<void> {
  const inv = await invocation(arg, false);
  const target = inv && (await resolveTarget(inv.document, inv.selection, inv.position));
  if (!target) return;
  const source = target.document;
  const rel = folderRelative(source);
  const suggested = rel && suggestTestPath(rel.path);
  const messages = testsMessages(target.selection, suggested);
  const model = deps.service.modelFor('command');
  // Tests usually run longer than the code they test.
  if (!fitsOrExplain(deps.service, messages, 'command', estimateTokens(target.selection.code) * 3 + 1024)) return;

  const { document: initial, path, fileExists } = await testDocument(source);
  let document = initial;
  if (document.languageId !== source.languageId) document = await vscode.languages.setTextDocumentLanguage(document, source.languageId);
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false, preserveFocus: true });

  // Our own edits set `written`; any other change means the user took over the editor: stop writing.
  let written = document.version;
  let pending: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let chain = Promise.resolve();
  const userEdited = (): boolean => document.isClosed || document.version !== written;
  const write = (text: string): Promise<void> =>
    (chain = chain.then(async () => {
      if (userEdited()) return;
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
      if (await vscode.workspace.applyEdit(edit)) written = document.version;
    }));
  const schedule = (text: string): void => {
    pending = text;
    timer ??= setTimeout(() => {
      timer = undefined;
      if (pending !== undefined) void write(pending);
    }, RENDER_INTERVAL_MS);
  };

  const title = path ? vscode.l10n.t('Tests for {0} → {1}', target.selection.path, path) : vscode.l10n.t('Tests for {0}', target.selection.path);
  deps.log.info(`tests: ${target.selection.path} lines ${target.selection.startLine}-${target.selection.endLine}, model ${model}`);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('{0}: {1} is writing…', title, model), cancellable: true },
    async (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return streamAnswer(deps.service, messages, controller.signal, (answer) => schedule(extractCode(answer, source.languageId).code));
    },
  );
  if (timer) clearTimeout(timer);
  timer = undefined;
  const code = extractCode(result.text, source.languageId, result.status === 'done' ? streamEndOf(result.finishReason) : 'cut').code;
  if (code) await write(code + '\n');
  await chain;

  if (result.status === 'failed') {
    deps.log.error(`tests: ${result.message}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Generating tests failed: {0}', result.message));
  } else if (result.status === 'done' && !code) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The model answered without any code.'));
  } else if (result.status === 'done' && path) {
    void vscode.window.showInformationMessage(
      fileExists
        ? vscode.l10n.t('The tests are ready in a new editor. {0} already exists, so nothing was written to it.', path)
        : vscode.l10n.t('The tests are ready. Save them as {0}.', path),
    );
  }
}

export function registerTestCommand(deps: EditorCommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('siliconflow.generateTests', (arg?: unknown) => generateTests(deps, arg));
}
