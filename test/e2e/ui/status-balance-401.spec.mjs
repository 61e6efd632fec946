// A service that refuses /user/info (401) hides the balance quietly: no notification, no
// "set the key again" prompt; the chat keeps working with the same key.
import assert from 'node:assert/strict';

export const title = 'status bar: a 401 on /user/info hides the balance without a notification';

const KEY = 'sk-e2e-balance-401-0123456789';

export default async function ({ page, helpers, mock }) {
  mock.enqueue({ path: '/v1/user/info', fault: { kind: 'status', status: 401 }, times: 10 });
  const item = page.locator('.statusbar-item').filter({ has: page.locator('[aria-label*="SiliconFlow model:"]') }).or(page.locator('.statusbar-item[aria-label*="SiliconFlow model:"]')).first();
  await item.waitFor({ timeout: 30_000 });
  await helpers.setApiKey(KEY);
  const infoRequests = () => mock.requests.filter((r) => r.path === '/v1/user/info').length;
  // The read after the key was set, then one more by the command: both refused.
  const deadline = Date.now() + 30_000;
  while (infoRequests() < 1) {
    if (Date.now() > deadline) assert.fail('the balance was never asked for');
    await page.waitForTimeout(100);
  }
  await helpers.runCommand('siliconflow.refreshBalance');
  while (infoRequests() < 2) {
    if (Date.now() > deadline) assert.fail('Refresh Account Balance did not ask again');
    await page.waitForTimeout(100);
  }
  await page.waitForTimeout(1000); // let any (wrong) notification surface
  assert.doesNotMatch(await item.innerText(), /\d+\.\d\d/, 'no balance shown');
  // Every notification of the session, toasts that already hid included: the notification center.
  await helpers.runCommand('Notifications: Show Notifications');
  const center = page.locator('.notifications-center');
  await center.waitFor({ timeout: 10_000 });
  // The one expected entry is "The API key works…" from Set API Key.
  await center.getByText('The API key works').first().waitFor({ timeout: 10_000 });
  const entries = await center.locator('.notification-list-item').allInnerTexts();
  assert.deepEqual(entries.filter((t) => /401|reject|balance|user\/info/i.test(t)), [], `notifications: ${JSON.stringify(entries)}`);
}
