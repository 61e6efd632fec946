// An editor command with nothing selected in a Python file, in code-server (which has no Python
// extension, so VS Code has no outline of the file): the command works on the method around the
// cursor, found by indentation — not "the cursor is not inside a function".
import assert from 'node:assert/strict';
import { paletteTitle } from './helpers.mjs';

export const title = 'editor: no selection in Python without an outline — the method around the cursor, by indentation';

const KEY = 'sk-e2e-python-0123456789abcdef';
const SOURCE = [
  'import math',
  '',
  '',
  'class Circle:',
  '    def __init__(self, r):',
  '        self.r = r',
  '',
  '    def area(self):',
  '        return math.pi * self.r ** 2',
  '',
  '',
  'print(Circle(1).area())',
  '',
].join('\n');
export const files = { 'shapes.py': SOURCE };

export default async function ({ page, helpers, mock, log }) {
  await helpers.setApiKey(KEY);
  await helpers.openFile('shapes.py');
  const quickOpen = page.locator('.quick-input-widget .quick-input-box input');
  await page.locator('.tabs-container .tab.active', { hasText: 'shapes.py' }).waitFor();
  // The cursor on line 9 ("return math.pi …"), nothing selected.
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+G');
  await quickOpen.fill(':9');
  await quickOpen.press('Enter');

  const before = mock.requests.length;
  await page.keyboard.press('F1');
  await quickOpen.waitFor({ state: 'visible', timeout: 10_000 });
  const title = paletteTitle('siliconflow.refactorSelection');
  await quickOpen.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: title }).first().waitFor({ timeout: 10_000 });
  await quickOpen.press('Enter');
  // No "use the whole file?" question: straight to the instruction.
  await helpers.answerInputBox('');
  assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'it asked about the whole file');
  await page.locator('.monaco-diff-editor').first().waitFor({ timeout: 20_000 });
  const deadline = Date.now() + 10_000;
  while (!mock.requests.slice(before).some((r) => r.path === '/v1/chat/completions') && Date.now() < deadline) await page.waitForTimeout(100);
  const request = mock.requests.slice(before).find((r) => r.path === '/v1/chat/completions');
  assert.ok(request, 'no request was sent');
  const prompt = request.body.messages.at(-1).content;
  assert.ok(prompt.includes('shapes.py:8-9'), `the prompt does not name the method's lines:\n${prompt.slice(0, 400)}`);
  assert.match(prompt, /```python\n {4}def area\(self\):\n {8}return math\.pi/);
  await helpers.screenshot('python-method');
  log('Refactor with no selection took the method around the cursor (lines 8-9)');
}
