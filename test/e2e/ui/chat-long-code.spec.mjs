// Long code in real VS Code: an answer with a 120 KB one-word line and a 3,000-line block streams in
// while the user types in the composer (the view does not freeze), both blocks hold exactly the
// code, and Insert at Cursor writes the whole 120 KB line into the file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const title = 'chat: a 120 KB one-line block and a 3,000-line block stream in, stay exact, and Insert writes the whole line';
export const timeoutMs = 240_000;
export const files = { 'long.js': '' };

const KEY = 'sk-e2e-long-code-0123456789';
const WORD = 'a'.repeat(120_000);
const LINES = Array.from({ length: 3_000 }, (_, i) => `line ${i};`).join('\n');
const ANSWER = `One line:\n\n\`\`\`js\n${WORD}\n\`\`\`\n\nMany lines:\n\n\`\`\`text\n${LINES}\n\`\`\`\n\nDone.`;

export default async function ({ page, helpers, mock, workspace, log }) {
  await helpers.setApiKey(KEY);
  // The file the code goes into, open in the editor first.
  await helpers.openFile('long.js');
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();

  const frame = await helpers.openChat();
  mock.enqueue({ script: { text: ANSWER }, shape: { piece: 400, delayMs: 5 } });
  await helpers.sendChatMessage('Show me long code');

  // While it streams, typing in the composer lands, key by key.
  const answer = frame.getByRole('article').last();
  await answer.locator('.code-piece').first().waitFor({ timeout: 30_000 });
  const input = frame.getByRole('textbox', { name: 'Message' }).or(frame.locator('textarea')).first();
  await input.click();
  await input.pressSequentially('typed while streaming', { delay: 20 });
  assert.equal(await input.inputValue(), 'typed while streaming');
  await helpers.waitForChatText('Done.', 120_000);
  await helpers.screenshot('streamed');

  const codes = answer.locator('pre > code');
  assert.equal(await codes.count(), 2);
  assert.equal(await codes.nth(0).textContent(), WORD, 'the one-line block holds the whole line');
  assert.equal(await codes.nth(1).textContent(), LINES, 'the 3,000-line block holds every line');
  assert.equal(await codes.nth(0).locator('.code-piece').count(), Math.ceil(WORD.length / 2048));
  assert.equal(await codes.nth(1).locator('.code-lines').count(), Math.ceil(3_000 / 64));
  log('both blocks exact, in parts');

  // Insert at Cursor puts all of it into the file.
  await answer.locator('.code-block').first().getByRole('button', { name: 'Insert at Cursor' }).click();
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+S');
  const deadline = Date.now() + 20_000;
  let onDisk = '';
  while (Date.now() < deadline) {
    onDisk = readFileSync(join(workspace, 'long.js'), 'utf8');
    if (onDisk.length >= WORD.length) break;
    await page.waitForTimeout(200);
  }
  assert.equal(onDisk.replace(/\n$/, ''), WORD, 'Insert at Cursor wrote the whole 120 KB line');
  log('Insert at Cursor wrote the whole line');
}
