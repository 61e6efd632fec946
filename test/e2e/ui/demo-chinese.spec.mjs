// VS Code started in Chinese (as `npm run demo -- --locale zh-cn` does): with the local display-
// language pack (test/e2e/lib/locale-pack.mjs) the extension's zh-cn translations show — its
// commands in the palette, the chat view. VS Code's own UI stays English (no Chinese pack offline).
import assert from 'node:assert/strict';

export const title = 'demo in Chinese: --locale zh-cn shows the extension in Chinese';
export const locale = 'zh-cn';

export default async function ({ page, helpers, log }) {
  // The palette lists the extension's commands by their Chinese titles (once the extensions are
  // scanned: the palette takes its list when it opens, so reopen it until they are there).
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'SiliconFlow: 新建聊天' }).first();
  const deadline = Date.now() + 30_000;
  for (;;) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill('>SiliconFlow: 新建聊天');
    if (await row.waitFor({ timeout: 2_000 }).then(() => true, () => false)) break;
    if (Date.now() > deadline) throw new Error('the palette never listed "SiliconFlow: 新建聊天"');
  }
  await page.keyboard.press('Escape');
  log('the palette shows "SiliconFlow: 新建聊天"');

  // The chat view, in Chinese.
  const frame = await helpers.openChat();
  await frame.getByRole('heading', { name: '向 SiliconFlow 提问' }).waitFor({ timeout: 30_000 });
  const box = frame.getByRole('textbox', { name: '消息' });
  await box.waitFor({ timeout: 10_000 });
  assert.match((await box.getAttribute('placeholder')) ?? '', /Enter 发送/);
  await helpers.screenshot('chat-zh');
  log('the chat view shows its Chinese strings');
}
