// The history list: the open conversation marked, relative times, search by message text, rename,
// and Undo after a delete.
import assert from 'node:assert/strict';

export const title = 'chat: history marks the open chat, searches text, renames, and undoes a delete';

const KEY = 'sk-e2e-chat-history-0123456789';

export default async function ({ helpers, mock, page }) {
  await helpers.setApiKey(KEY);
  const frame = await helpers.openChat();
  mock.enqueue({ path: '/v1/chat/completions', script: { text: 'Alpha answer about a zebra.' }, shape: { delayMs: 5 } });
  await helpers.sendChatMessage('Alpha question');
  await helpers.waitForChatText('Alpha answer about a zebra.');
  await frame.getByRole('button', { name: 'New Chat' }).click();
  mock.enqueue({ path: '/v1/chat/completions', script: { text: 'Beta answer.' }, shape: { delayMs: 5 } });
  await helpers.sendChatMessage('Beta question');
  await helpers.waitForChatText('Beta answer.');

  await frame.getByRole('button', { name: 'History' }).click();
  const panel = frame.locator('#history-panel');
  const items = panel.locator('.history-item');
  await items.nth(1).waitFor({ timeout: 10_000 });
  assert.equal(await items.count(), 2);
  const current = panel.locator('.history-open[aria-current="true"]');
  assert.match(await current.innerText(), /Beta question/, 'the open conversation is marked');
  assert.match(await items.first().innerText(), /just now/);

  // Search finds a word only in an answer's text.
  await panel.getByRole('searchbox', { name: 'Search conversations' }).fill('zebra');
  await items.filter({ hasText: 'Alpha question' }).waitFor({ timeout: 10_000 });
  assert.equal(await items.count(), 1);
  assert.match(await items.first().innerText(), /Alpha question/);
  await panel.getByRole('searchbox', { name: 'Search conversations' }).fill('');
  await items.nth(1).waitFor({ timeout: 10_000 });

  // Rename.
  await panel.getByRole('button', { name: 'Rename "Beta question"' }).click();
  const rename = panel.locator('.history-rename-input');
  await rename.fill('Renamed beta');
  await rename.press('Enter');
  await panel.getByText('Renamed beta').waitFor({ timeout: 10_000 });

  // Delete, then Undo.
  await panel.getByRole('button', { name: 'Delete "Alpha question"' }).click();
  await panel.getByText('Deleted "Alpha question".').waitFor({ timeout: 10_000 });
  assert.equal(await items.filter({ hasText: 'Alpha question' }).count(), 0);
  await helpers.screenshot('deleted');
  await panel.getByRole('button', { name: 'Undo' }).click();
  await items.filter({ hasText: 'Alpha question' }).waitFor({ timeout: 10_000 });
  assert.equal(await items.count(), 2);

  // Reopening it shows the conversation whole.
  await items.filter({ hasText: 'Alpha question' }).locator('.history-open').click();
  await helpers.waitForChatText('Alpha answer about a zebra.');

  // The "Show Chat History" quick pick: the open conversation marked, relative times, a delete with Undo.
  await helpers.runCommand('siliconflow.showHistory');
  const rows = page.locator('.quick-input-widget .monaco-list-row');
  await rows.filter({ hasText: 'Renamed beta' }).waitFor({ timeout: 10_000 });
  assert.match(await rows.filter({ hasText: 'Alpha question' }).innerText(), /open now/);
  // When, as the chat's own list says it ("just now", "2 minutes ago"), not a full date and time.
  assert.match(await rows.filter({ hasText: 'Renamed beta' }).innerText(), /just now|minutes? ago/);
  const beta = rows.filter({ hasText: 'Renamed beta' });
  await beta.hover();
  await beta.locator('.action-label.codicon-trash').click();
  await rows.filter({ hasText: 'Renamed beta' }).waitFor({ state: 'detached', timeout: 10_000 });
  await page.keyboard.press('Escape');
  const toast = page.locator('.notifications-toasts .notification-list-item').filter({ hasText: 'Deleted "Renamed beta".' });
  await toast.waitFor({ timeout: 10_000 });
  await toast.hover();
  await toast.getByRole('button', { name: 'Undo' }).click();
  await helpers.runCommand('siliconflow.showHistory');
  await rows.filter({ hasText: 'Renamed beta' }).waitFor({ timeout: 10_000 });
  await page.keyboard.press('Escape');
}
