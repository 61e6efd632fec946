// The status bar in real VS Code: the balance from the mock's /user/info, and today's estimated
// cost in the tooltip after an answer (the chat answer shows its cost too).
import assert from 'node:assert/strict';

export const title = 'status bar: balance from /user/info and today’s cost after an answer';

const KEY = 'sk-e2e-balance-0123456789';
const MODEL = 'Qwen/Qwen3-Coder-480B-A35B-Instruct';

// The mock is not siliconflow.cn, so the built-in ¥ table does not apply: the user's price does.
export const settings = { 'siliconflow.model': MODEL, 'siliconflow.modelPrices': { [MODEL]: { input: 8, output: 16 } } };

export default async function ({ page, helpers, mock }) {
  const item = page.locator('.statusbar-item').filter({ has: page.locator('[aria-label*="SiliconFlow model:"]') }).or(page.locator('.statusbar-item[aria-label*="SiliconFlow model:"]')).first();
  await helpers.setApiKey(KEY);
  // 0.88 granted + 88.00 paid; no ¥ sign: the currency of a service other than siliconflow.cn is not known.
  await item.getByText('88.88').waitFor({ timeout: 30_000 });
  assert.doesNotMatch(await item.innerText(), /¥/);
  assert.ok(mock.requests.some((r) => r.path === '/v1/user/info'));

  await helpers.openChat();
  mock.enqueue({ path: '/v1/chat/completions', script: { text: 'Done.', usage: { inputTokens: 1000, outputTokens: 500 } } });
  await helpers.sendChatMessage('Hello');
  // 1000 × ¥8 + 500 × ¥16 per million = ¥0.0160, beside the tokens.
  await helpers.waitForChatText('≈ ¥0.0160');
  const label = async () => (await item.getAttribute('aria-label')) ?? (await item.locator('[aria-label]').first().getAttribute('aria-label')) ?? '';
  const deadline = Date.now() + 20_000;
  while (!/Today: ¥0\.0160 estimated over 1 requests/.test(await label())) {
    if (Date.now() > deadline) assert.fail(`today's cost never reached the tooltip: ${await label()}`);
    await page.waitForTimeout(200);
  }
  assert.match(await label(), /Balance: 88\.88 \(paid 88\.00, granted 0\.88\)/);
}
