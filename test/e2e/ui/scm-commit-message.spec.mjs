// Generate Commit Message in real VS Code: a workspace that is a git repository with a staged
// change; the command (the Source Control title button runs the same) fills the repository's
// commit input from the mock, in the repository's style, without the staged .env file.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

export const title = 'scm: Generate Commit Message fills the commit input from the staged diff';

const KEY = 'sk-e2e-commit-message-0123456789';
const MESSAGE = 'feat(greeting): greet by name';

// The harness turns Git off for a quiet workbench; this scenario needs it.
export const settings = { 'git.enabled': true };

export const files = { 'src/greet.ts': 'export const greet = () => "hi";\n' };

export function setup({ workspace }) {
  const git = (...args) => execFileSync('git', args, { cwd: workspace, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'e2e@example.com');
  git('config', 'user.name', 'e2e');
  git('add', '-A');
  git('commit', '-q', '-m', 'feat: first version');
  git('commit', '-q', '--allow-empty', '-m', 'fix(greet): say hi');
  execFileSync('sh', ['-c', 'printf \'export const greet = (name: string) => `hi ${name}`;\\n\' > src/greet.ts && printf \'API_TOKEN=do-not-send\\n\' > .env'], { cwd: workspace });
  git('add', 'src/greet.ts', '.env');
}

export default async function ({ page, helpers, mock }) {
  await helpers.setApiKey(KEY);
  mock.enqueue({ script: { text: MESSAGE }, shape: { delayMs: 30, piece: 4 } });
  // The command waits for the Git extension to open the repository; then Source Control shows its box.
  await helpers.runCommand('siliconflow.generateCommitMessage');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+G');

  const input = page.locator('.scm-editor .view-lines').first();
  await input.getByText(MESSAGE).waitFor({ timeout: 30_000 });
  assert.equal((await input.innerText()).replace(/\u00a0/g, ' ').trim(), MESSAGE);

  const chat = mock.requests.filter((r) => r.path === '/v1/chat/completions');
  assert.equal(chat.length, 1);
  const sent = JSON.stringify(chat[0].body);
  assert.match(sent, /greet = \(name: string\)/, 'the staged diff is sent');
  assert.doesNotMatch(sent, /do-not-send/, 'the .env content is never sent');
  assert.match(sent, /may hold secrets: \.env/, 'the left-out file is named');
  assert.match(sent, /Conventional Commits/, 'the recent subjects are conventional');
  await helpers.screenshot('filled');
}
