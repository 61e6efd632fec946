// Where the chat's actions land, in real VS Code: with only the SiliconFlow log (the Output panel)
// open, Insert at Cursor, Apply and Attach Active File refuse with "open a file first" and leave the
// log alone; with a file open, Apply proposes on the file; after Accept from the editor title the
// notification's Accept says the proposal was already accepted instead of silently doing nothing;
// a file deleted on disk while its proposal is open is refused as deleted.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

export const title = 'editor actions: only on real files ("open a file first"), settled proposal controls say so, deleted file detected';
export const timeoutMs = 180_000;

const KEY = 'sk-e2e-actions-0123456789abcdef';
const CODE = 'export const answer = 42;';
const ANSWER = `Here it is:\n\n\`\`\`ts\n${CODE}\n\`\`\`\n`;
export const files = { 'src/target.ts': 'export const answer = 0;\n', 'src/doomed.ts': 'export const doomed = true;\n' };

export default async function ({ page, helpers, mock, workspace, log }) {
  const toast = (text) => page.locator('.notifications-toasts .notification-list-item', { hasText: text }).first();
  const diffEditor = page.locator('.monaco-diff-editor');
  const clearToasts = () => helpers.runCommand('Notifications: Clear All Notifications');

  async function quickOpen(name) {
    await helpers.openFile(name);
    await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
  }

  await helpers.setApiKey(KEY);
  const frame = await helpers.openChat();
  mock.enqueue({ path: '/v1/chat/completions', script: { text: ANSWER }, shape: { delayMs: 2 } });
  await helpers.sendChatMessage('Give me the constant.');
  await helpers.waitForChatText(CODE);
  const block = frame.locator('.code-block').last();

  // 1. Only the log is open (the Output panel, focused): every action refuses and names it.
  await helpers.runCommand('siliconflow.showLog');
  const output = page.locator('.part.panel .view-lines').first();
  await output.filter({ hasText: 'chat' }).waitFor({ timeout: 20_000 });
  await output.click();
  const logBefore = (await output.innerText()).replace(/\u00a0/g, ' ');
  await clearToasts();

  await block.getByRole('button', { name: 'Insert at Cursor' }).click();
  await toast('Open a file first, then Insert at Cursor again').waitFor({ timeout: 10_000 });
  assert.match(await toast('Open a file first').innerText(), /The Output panel is not a file you can edit/);
  await block.getByRole('button', { name: 'Apply' }).click();
  await toast('Open a file first, then Apply again').waitFor({ timeout: 10_000 });
  await frame.getByRole('button', { name: 'Attach Active File' }).click();
  await toast('Open a file first, then attach it again').waitFor({ timeout: 10_000 });
  await helpers.screenshot('refused-on-output');
  assert.equal(await diffEditor.count(), 0, 'Apply opened a proposal on the log');
  assert.equal(await frame.locator('.pending-chips .chip').count(), 0, 'the log was attached as context');
  const logAfter = (await output.innerText()).replace(/\u00a0/g, ' ');
  assert.ok(!logAfter.includes(CODE), 'the code was written into the log');
  assert.ok(logAfter.startsWith(logBefore.slice(0, 40)), 'the log was replaced');
  log('Output panel: Insert, Apply and Attach refused');

  // 2. A file open: Apply proposes on it; Accept from the editor title; the notification's Accept then says so.
  await quickOpen('target.ts');
  await clearToasts();
  await block.getByRole('button', { name: 'Apply' }).click();
  await diffEditor.first().waitFor({ timeout: 20_000 });
  await toast('proposal is ready').waitFor({ timeout: 20_000 });
  // Apply again while the proposal's diff has the focus: it says a proposal is waiting, by the
  // file's name (not "open a file first", not an internal scheme), and opens no second one.
  await page.waitForTimeout(1_100); // past the double-click guard: a deliberate second click
  await block.getByRole('button', { name: 'Apply' }).click();
  await toast('A proposal for target.ts is open and waiting').waitFor({ timeout: 10_000 });
  assert.equal(await page.locator('.tabs-container .tab', { hasText: 'target.ts' }).filter({ hasText: 'Apply' }).count() <= 1, true);
  await page.locator('.editor-actions .action-label[aria-label="Accept Proposal"]').click();
  await diffEditor.first().waitFor({ state: 'detached', timeout: 10_000 });
  await toast('proposal is ready').locator('a.monaco-button', { hasText: 'Accept' }).click();
  await toast('this proposal was already accepted').waitFor({ timeout: 10_000 });
  await helpers.screenshot('stale-control');
  log('a stale Accept says the proposal was already accepted');

  // 3. The file is deleted on disk while its proposal is open: Accept refuses, saying so.
  await quickOpen('doomed.ts');
  await clearToasts();
  await block.getByRole('button', { name: 'Apply' }).click();
  await diffEditor.first().waitFor({ timeout: 20_000 });
  await toast('proposal is ready').waitFor({ timeout: 20_000 });
  unlinkSync(join(workspace, 'src/doomed.ts'));
  await page.locator('.editor-actions .action-label[aria-label="Accept Proposal"]').click();
  await toast('was deleted on disk after the request').waitFor({ timeout: 10_000 });
  await diffEditor.first().waitFor({ state: 'detached', timeout: 10_000 });
  await helpers.screenshot('deleted');
  await page.waitForTimeout(500);
  assert.equal(existsSync(join(workspace, 'src/doomed.ts')), false, 'the deleted file was written again');
  assert.ok(!readFileSync(join(workspace, 'src/target.ts'), 'utf8').includes('doomed'), 'the proposal landed elsewhere');
  log('a deleted file is refused as deleted');
}
