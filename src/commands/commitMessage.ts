// "Generate Commit Message": the staged diff (or, when nothing is staged, all changes, which the
// prompt and the progress say) of a repository, read through VS Code's built-in Git extension
// (vscode.git, API version 1), is sent without secret-looking files and cut to the model's
// context; the answer streams into that repository's commit message box. Cancelling puts the
// box back as it was. The rules themselves are in prompts/commitMessage.ts.
import * as vscode from 'vscode';
import { budgetDiff, cleanCommitMessage, commitMessagePrompt, detectSubjectStyle, filterSecrets, splitDiff } from '../prompts/commitMessage';
import { readCommitMessageLanguage } from '../service/config';
import { streamEndOf } from '../prompts/think';
import type { EditorCommandDeps } from './deps';

/** The part of the Git extension's API (extensions/git/src/api/git.d.ts, version 1) used here. */
interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly inputBox: { value: string };
  diff(cached?: boolean): Promise<string>;
  log(options?: { maxEntries?: number }): Promise<{ message: string }[]>;
}
interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  readonly onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  readonly repositories: GitRepository[];
  getRepository(uri: vscode.Uri): GitRepository | null;
}
interface GitExtension {
  getAPI(version: 1): GitApi;
}

/** Most characters of diff sent, whatever the context window: a commit message needs no more. */
const MAX_DIFF_CHARS = 60_000;
/** Characters per token assumed for a diff when fitting it in the context window (code tokenizes densely). */
const CHARS_PER_TOKEN = 2.5;
/** How long to wait for the Git extension to finish opening the workspace's repositories. */
const GIT_INIT_WAIT_MS = 15_000;
/** Room kept for the answer (tokens). */
const ANSWER_TOKENS = 1024;

async function gitApi(): Promise<GitApi | undefined> {
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!extension) return undefined;
  let api: GitApi;
  try {
    const exports = extension.isActive ? extension.exports : await extension.activate();
    // getAPI throws ("Git model not found") while the extension is turned off by `git.enabled`.
    api = exports.getAPI(1);
  } catch {
    return undefined;
  }
  // Right after the window opens, the Git extension may still be looking for repositories.
  if (api.state !== 'initialized') {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, GIT_INIT_WAIT_MS);
      const listener = api.onDidChangeState((state) => state === 'initialized' && done());
      function done(): void {
        clearTimeout(timer);
        listener.dispose();
        resolve();
      }
    });
  }
  return api;
}

/** The repository the command is for: the one whose Source Control title was clicked, else the only or the active editor's, else the user picks. */
async function pickRepository(api: GitApi, arg: unknown): Promise<GitRepository | undefined> {
  const rootUri = (arg as { rootUri?: unknown } | undefined)?.rootUri;
  if (rootUri instanceof vscode.Uri) {
    const repo = api.getRepository(rootUri);
    if (repo) return repo;
  }
  if (api.repositories.length <= 1) return api.repositories[0];
  const active = vscode.window.activeTextEditor?.document.uri;
  const fromEditor = active ? api.getRepository(active) : null;
  if (fromEditor) return fromEditor;
  const picked = await vscode.window.showQuickPick(
    api.repositories.map((repo) => ({ label: vscode.workspace.asRelativePath(repo.rootUri, false) || repo.rootUri.fsPath, repo })),
    { placeHolder: vscode.l10n.t('Which repository is the commit message for?') },
  );
  return picked?.repo;
}

export async function generateCommitMessage(deps: EditorCommandDeps, arg?: unknown): Promise<void> {
  const api = await gitApi();
  if (!api) {
    void vscode.window.showErrorMessage(vscode.l10n.t("VS Code's Git extension is turned off or not available, so the changes cannot be read. Turn on the setting git.enabled (or enable the built-in Git extension) and try again."));
    return;
  }
  const repo = await pickRepository(api, arg);
  if (!repo) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No Git repository is open.'));
    return;
  }
  let diff: string;
  let allChanges: boolean;
  try {
    diff = await repo.diff(true);
    allChanges = diff.trim() === '';
    if (allChanges) diff = await repo.diff(false);
  } catch (err) {
    deps.log.error(`commit message: git diff failed: ${err instanceof Error ? err.message : String(err)}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Git could not read the changes of this repository. The SiliconFlow log has the details.'));
    return;
  }
  if (diff.trim() === '') {
    void vscode.window.showInformationMessage(vscode.l10n.t('There are no changes to describe: nothing is staged and the working tree has no changes to tracked files.'));
    return;
  }
  const { kept, secret } = filterSecrets(splitDiff(diff));
  if (kept.length === 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Every changed file looks like it holds secrets ({0}), so nothing was sent.', secret.join(', ')));
    return;
  }
  const subjects = await repo.log({ maxEntries: 20 }).then((commits) => commits.map((c) => c.message), () => [] as string[]);
  const language = readCommitMessageLanguage();
  const promptFor = (diffText: string) => commitMessagePrompt({
    diffText,
    allChanges,
    style: detectSubjectStyle(subjects),
    language,
    secretFiles: secret,
  });
  const fit = deps.service.measureFit(promptFor(''), 'command', ANSWER_TOKENS);
  const budget = Math.min(MAX_DIFF_CHARS, Math.max(1000, Math.floor((fit.windowTokens - fit.neededTokens) * CHARS_PER_TOKEN)));
  const { text, summarised } = budgetDiff(kept, budget);
  const messages = promptFor(text);
  deps.log.info(
    `commit message: ${kept.length} files${allChanges ? ' (nothing staged: all changes)' : ' (staged)'}, ${text.length} chars of diff` +
      `${summarised ? `, ${summarised} files cut to fit` : ''}${secret.length ? `, left out as secrets: ${secret.join(', ')}` : ''}`,
  );
  if (secret.length > 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Left out of the commit message request because they may hold secrets: {0}', secret.join(', ')));
  }

  const before = repo.inputBox.value;
  const title = allChanges
    ? vscode.l10n.t('Writing a commit message for all changes (nothing is staged)…')
    : vscode.l10n.t('Writing a commit message for the staged changes…');
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (_progress, token) => {
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    let reply = '';
    try {
      let finishReason: string | undefined;
      for await (const event of deps.service.stream(messages, { purpose: 'command', signal: abort.signal })) {
        if (event.type === 'done') finishReason = event.finishReason;
        if (event.type !== 'text') continue;
        reply += event.text;
        repo.inputBox.value = cleanCommitMessage(reply);
      }
      const message = cleanCommitMessage(reply, streamEndOf(finishReason));
      repo.inputBox.value = message || before;
      if (!message) void vscode.window.showWarningMessage(vscode.l10n.t('The model answered with an empty commit message.'));
    } catch (err) {
      repo.inputBox.value = before;
      if (abort.signal.aborted) return;
      void vscode.window.showErrorMessage(err instanceof Error ? err.message : String(err));
    } finally {
      cancel.dispose();
    }
  });
}

export function registerCommitMessageCommand(deps: EditorCommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('siliconflow.generateCommitMessage', (arg?: unknown) => generateCommitMessage(deps, arg));
}
