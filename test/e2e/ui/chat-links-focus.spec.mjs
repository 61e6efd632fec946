// Links in answers open once, through VS Code's "open the external website?" confirmation (they
// once opened a new tab at once and asked as well); Focus Chat (Ctrl+Alt+Y C) puts the caret in the
// message box, so what the user types lands there, whether the view was open already or not.
import assert from 'node:assert/strict';

export const title = 'chat: a link opens once through the confirmation; Ctrl+Alt+Y C puts the caret in the message box';

const KEY = 'sk-e2e-links-focus-0123456789';
export const files = { 'src/notes.ts': 'export const notes = 1;\n' };

export default async function ({ page, helpers, mock, log }) {
  const frame = () => helpers.chatFrame();
  const input = () => frame().locator('textarea').first();

  async function focusEditor() {
    await helpers.openFile('notes.ts');
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  }
  async function focusChatByKeys() {
    await page.keyboard.press('Control+Alt+Y');
    await page.keyboard.press('c');
  }
  async function waitForInputValue(expected) {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const value = await input().inputValue().catch(() => undefined);
      if (value === expected) return;
      if (Date.now() > deadline) throw new Error(`the message box holds ${JSON.stringify(value)}, not ${JSON.stringify(expected)}`);
      await page.waitForTimeout(100);
    }
  }

  await helpers.setApiKey(KEY);

  // 1. Focus Chat from the editor, the view never opened yet: typing lands in the message box.
  await focusEditor();
  await focusChatByKeys();
  await input().waitFor({ timeout: 30_000 });
  // The first keystrokes may come before the view has built its UI; type once it is there.
  await page.waitForTimeout(300);
  await page.keyboard.type('first words');
  await waitForInputValue('first words');
  log('Ctrl+Alt+Y C on a new view: typing lands in the message box');

  // 2. Again with the view open, from the editor: the caret goes back to the message box.
  await focusEditor();
  await page.keyboard.type('// in the file');
  await focusChatByKeys();
  await page.waitForTimeout(300);
  await page.keyboard.type(' and more');
  await waitForInputValue('first words and more');
  await helpers.screenshot('focused');
  log('Ctrl+Alt+Y C on an open view: typing lands in the message box');

  // 3. A link in an answer: VS Code asks first, nothing opens before; Open opens exactly one tab.
  await input().fill('');
  mock.enqueue({ path: '/v1/chat/completions', script: { text: 'Read [the guide](https://docs.example.com/guide) first.' }, shape: { delayMs: 2 } });
  await helpers.sendChatMessage('Where are the docs?');
  await helpers.waitForChatText('the guide');
  const opened = [];
  page.context().on('page', (p) => opened.push(p));
  await frame().getByRole('link', { name: 'the guide' }).click();
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 10_000 });
  assert.match(await dialog.innerText(), /open the external website/i);
  assert.match(await dialog.innerText(), /docs\.example\.com\/guide/);
  await page.waitForTimeout(1_000);
  assert.equal(opened.length, 0, 'a tab opened before the user confirmed');
  await helpers.screenshot('link-confirmation');
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
  const deadline = Date.now() + 10_000;
  while (opened.length === 0 && Date.now() < deadline) await page.waitForTimeout(100);
  await page.waitForTimeout(1_500);
  assert.equal(opened.length, 1, `the link opened ${opened.length} times`);
  assert.equal(await dialog.count(), 0, 'a second confirmation appeared');
  for (const p of opened) await p.close().catch(() => undefined);
  log('the link opened once, after the confirmation');
}
