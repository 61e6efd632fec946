// VS Code started in Chinese (as `npm run demo -- --locale zh-cn` does): with the local display-
// language pack (test/e2e/lib/locale-pack.mjs) the extension's zh-cn translations show — its
// commands in the palette, the chat view. VS Code's own UI stays English (no Chinese pack offline).
import assert from 'node:assert/strict';

export const title = 'demo in Chinese: --locale zh-cn shows the extension in Chinese';
export const locale = 'zh-cn';

export default async function ({ page, helpers, log }) {
  // The palette lists the extension's commands by their Chinese titles.
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill('>SiliconFlow: 新建聊天');
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: '新建聊天' }).first().waitFor({ timeout: 30_000 });
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
