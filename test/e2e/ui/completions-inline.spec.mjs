// Inline completions in real VS Code against the mock's POST /v1/completions: typing shows ghost
// text from the mock, Tab accepts it into the file, typing its first characters sends no new
// request, Esc dismisses it, switched off there is no request at all, and a model that refuses
// FIM shows the breaker's state once (one notification, the status bar) while typing goes on.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const title = 'completions: ghost text from the mock, Tab accepts, typing through, Esc, off, refusing model';
export const timeoutMs = 180_000;

const KEY = 'sk-e2e-completions-0123456789abcdef';
const FILE = 'src/total.ts';
// The marker makes the mock's default FIM answer "items.length;" for every request from this file.
const ORIGINAL = '// mock-fim: items.length;\nconst items = [1, 2, 3];\n';
export const files = { [FILE]: ORIGINAL };
export const settings = {
  'siliconflow.inlineCompletions.enabled': true,
  'siliconflow.inlineCompletions.debounceMs': 100,
  // The suggest widget would open on identifiers and take part; this scenario is about ghost text alone.
  'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
  'editor.suggestOnTriggerCharacters': false,
  'files.autoSave': 'off',
};

export default async function ({ page, helpers, workspace, mock, log }) {
  const onDisk = () => readFileSync(join(workspace, FILE), 'utf8');
  const fimRequests = () => mock.requests.filter((r) => r.path === '/v1/completions' || (r.path === '/v1/chat/completions' && r.body && typeof r.body.prefix === 'string')).length;
  const ghost = page.locator('.monaco-editor .ghost-text-decoration, .monaco-editor .ghost-text-decoration-preview');
  const editorLines = page.locator('.editor-instance .monaco-editor .view-lines').first();

  async function waitFor(check, what, timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      await page.waitForTimeout(50);
    }
  }
  /** Typing stops; a request would be sent after the debounce (100 ms): wait well past it. */
  const quietPeriod = () => page.waitForTimeout(1200);
  const ghostText = async () => (await ghost.allInnerTexts()).join('').replace(/\u00a0/g, ' ');

  async function newLineAndType(text) {
    await editorLines.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type(text, { delay: 30 });
  }

  /** A new line above the file's last line, so there is text after the cursor (a FIM suffix). */
  async function lineAboveLastAndType(text) {
    await editorLines.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.type(text, { delay: 30 });
  }

  await helpers.setApiKey(KEY);
  await helpers.openFile('total.ts');
  await editorLines.waitFor();

  // 1. Typing shows ghost text from the mock.
  await page.keyboard.press('Control+End');
  await page.keyboard.type('const total = ', { delay: 30 });
  await waitFor(async () => (await ghostText()).includes('items.length;'), 'the ghost text shows the mock\'s completion');
  const request = mock.requests.find((r) => r.path === '/v1/completions');
  assert.equal(request.body.model, 'Qwen/Qwen2.5-Coder-7B-Instruct');
  assert.ok(request.body.prompt.startsWith('// Path: src/total.ts\n// Language: typescript\n'), 'the prompt has the header');
  assert.ok(request.body.prompt.endsWith('const total = '), 'the prompt ends at the cursor');
  assert.equal(request.body.stream, true);
  await helpers.screenshot('ghost-text');
  log(`ghost text shown after ${fimRequests()} request(s)`);

  // 2. Typing the first characters of the suggestion keeps the rest and sends no request.
  const before = fimRequests();
  await page.keyboard.type('it', { delay: 30 });
  await quietPeriod();
  assert.equal(fimRequests(), before, 'typing through the suggestion sent a request');
  assert.ok((await ghostText()).includes('ems.length;'), `the rest of the suggestion is still shown: "${await ghostText()}"`);

  // 3. Tab accepts; the file holds it.
  await page.keyboard.press('Tab');
  await waitFor(async () => (await ghost.count()) === 0, 'the ghost text is gone after Tab');
  await page.keyboard.press('Control+S');
  await waitFor(async () => onDisk().includes('const total = items.length;'), 'the accepted completion is on disk');
  assert.ok(!onDisk().includes('items.length;items'), 'accepted once');
  log('Tab accepted the completion');

  // 4. Esc dismisses.
  await newLineAndType('const again = ');
  await waitFor(async () => (await ghostText()).includes('items.length;'), 'a new suggestion is shown');
  await page.keyboard.press('Escape');
  await waitFor(async () => (await ghost.count()) === 0, 'Esc removed the ghost text');
  await page.keyboard.press('Control+S');
  await waitFor(async () => onDisk().endsWith('const again = '), 'the file was saved');
  log('Esc dismissed the suggestion');

  // 5. Switched off: no request at all.
  await helpers.runCommand('siliconflow.inlineCompletions.toggle');
  await waitFor(async () => (await page.locator('.statusbar-item', { hasText: 'Completions' }).locator('.codicon-circle-slash').count()) > 0, 'the status bar shows off');
  const whileOn = fimRequests();
  await newLineAndType('const off = ');
  await newLineAndType('export { items };');
  await quietPeriod();
  assert.equal(fimRequests(), whileOn, 'a request was sent while completions were off');
  assert.equal(await ghost.count(), 0);
  log('off: no request');

  // 6. A model that refuses FIM: the breaker opens, its state is shown once, typing sends nothing more.
  await helpers.runCommand('siliconflow.inlineCompletions.toggle');
  await helpers.runCommand('siliconflow.inlineCompletions.selectModel');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Other model id' }).first().click();
  await helpers.answerInputBox('Qwen/Qwen2.5-7B-Instruct');
  await helpers.runCommand('Notifications: Clear All Notifications');
  const beforeRefusal = fimRequests();
  await lineAboveLastAndType('const refused = ');
  const notice = page.locator('.notifications-toasts .notification-list-item', { hasText: 'does not do fill-in-the-middle' });
  await notice.first().waitFor({ timeout: 15_000 });
  const afterRefusal = fimRequests();
  assert.ok(afterRefusal > beforeRefusal, 'the refusing model was asked');
  assert.ok(afterRefusal - beforeRefusal <= 2, 'asked once per form (completions, then chat), not retried');
  await page.keyboard.type(' more typing', { delay: 30 });
  await quietPeriod();
  assert.equal(fimRequests(), afterRefusal, 'the open breaker still sent requests');
  assert.equal(await notice.count(), 1, 'the breaker\'s state was announced more than once');
  assert.ok((await page.locator('[aria-label*="does not do fill-in-the-middle"]').count()) > 0, 'the status bar shows the paused state');
  await helpers.screenshot('breaker-open');
  log('refusing model: breaker open, announced once');
}
