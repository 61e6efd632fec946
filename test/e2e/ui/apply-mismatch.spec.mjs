// Apply from the chat asks before a doubtful proposal, in real VS Code: a bash block on an open
// TypeScript file asks "Propose it anyway?" (declining opens no diff); a two-line TypeScript snippet
// with nothing selected in a 32-line file says the whole file would be replaced and offers Insert at
// Cursor, which proposes the snippet at the cursor (the rest of the file untouched).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const title = 'Apply asks before a block of another language, and before replacing a whole file with a snippet';
export const timeoutMs = 180_000;

const KEY = 'sk-e2e-applymismatch-0123456789abcdef';
const FILE = Array.from({ length: 32 }, (_, i) => `export const item${i} = ${i};`).join('\n') + '\n';
export const files = { 'src/inventory.ts': FILE };

export default async function ({ page, helpers, mock, workspace, log }) {
  const dialog = page.locator('.monaco-dialog-box');
  const diffEditor = page.locator('.monaco-diff-editor');

  await helpers.setApiKey(KEY);
  await helpers.openFile('inventory.ts');
  await page.locator('.tabs-container .tab.active', { hasText: 'inventory.ts' }).waitFor();

  const frame = await helpers.openChat();
  mock.enqueue({ path: '/v1/chat/completions', script: { text: 'Run:\n\n```bash\ncurl -s https://example.com/api \\\n  -o out.json\n```\n' }, shape: { delayMs: 2 } });
  await helpers.sendChatMessage('How do I download it?');
  await helpers.waitForChatText('curl -s');
  await frame.locator('.code-block').last().getByRole('button', { name: 'Apply' }).click();
  await dialog.filter({ hasText: 'This is a bash block; the open file is TypeScript' }).waitFor({ timeout: 20_000 });
  await helpers.screenshot('apply-language-question');
  await dialog.locator('a.monaco-button', { hasText: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached', timeout: 10_000 });
  await page.waitForTimeout(1000);
  assert.equal(await diffEditor.count(), 0, 'declining still opened a proposal');
  log('a bash block on a TypeScript file asks first; declining proposes nothing');

  mock.enqueue({ path: '/v1/chat/completions', script: { text: 'Add:\n\n```ts\nexport const extra = 1;\nexport const more = 2;\n```\n' }, shape: { delayMs: 2 } });
  await helpers.sendChatMessage('Add two constants.');
  await helpers.waitForChatText('export const more');
  await frame.locator('.code-block').last().getByRole('button', { name: 'Apply' }).click();
  await dialog.filter({ hasText: 'all 32 lines of inventory.ts would be replaced by these 2 lines' }).waitFor({ timeout: 20_000 });
  await helpers.screenshot('apply-whole-file-question');
  await dialog.locator('a.monaco-button', { hasText: 'Insert at Cursor' }).click();
  await diffEditor.first().waitFor({ timeout: 20_000 });
  await page.locator('.editor-actions .action-label[aria-label="Accept Proposal"]').click();
  await diffEditor.first().waitFor({ state: 'detached', timeout: 10_000 });
  await page.keyboard.press('Control+S');
  await page.waitForTimeout(1500);
  const after = readFileSync(join(workspace, 'src/inventory.ts'), 'utf8');
  assert.ok(after.includes('export const extra = 1;'), 'the snippet was not inserted');
  assert.ok(after.includes('export const item31 = 31;') && after.includes('export const item0 = 0;'), 'the rest of the file was replaced');
  log('a small snippet with no selection offers Insert at Cursor, which keeps the file');
}
