// Hiding the chat view destroys its webview (no retained context); showing it again restores the
// conversation from the host — mid-answer the stream carries on — without a new request, and
// without losing or repeating any text.
import assert from 'node:assert/strict';

export const title = 'chat: hide and show the view mid-answer and after it; restored without a new request';

const KEY = 'sk-e2e-chat-hide-0123456789';
const COUNT = 120;
const sentences = Array.from({ length: COUNT }, (_, i) => `Part ${i + 1} here.`).join(' ') + ' THE END.';

/**
 * Switches the side bar to the Explorer: its activity-bar icon, or else its keyboard shortcut. Not
 * through the palette: its helper presses Escape first, and Escape in the chat stops the answer (as
 * it should).
 */
async function hideChat(page, helpers) {
  await helpers.showSideBarContainer('Explorer', () => page.keyboard.press('Control+Shift+E'));
  await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 10_000 });
  // Not retained: VS Code removes the webview's frame, so what comes back is a new page.
  await page.locator('iframe.webview').first().waitFor({ state: 'detached', timeout: 10_000 });
  await page.waitForTimeout(500);
}

function chatRequests(mock) {
  return mock.requests.filter((r) => r.path === '/v1/chat/completions').length;
}

export default async function ({ helpers, mock, page }) {
  await helpers.setApiKey(KEY);
  let frame = await helpers.openChat();
  mock.enqueue({ path: '/v1/chat/completions', script: { text: sentences }, shape: { delayMs: 40, piece: 6 } });
  await helpers.sendChatMessage('Count for me');
  await frame.getByRole('article').last().getByText(/Part 5 here/).waitFor({ timeout: 30_000 });

  await hideChat(page, helpers);
  frame = await helpers.openChat();
  const answer = frame.getByRole('article').filter({ hasText: 'Part 1 here.' });
  await answer.waitFor({ timeout: 20_000 });
  await answer.getByText(/THE END/).waitFor({ timeout: 60_000 });
  const text = await answer.innerText();
  for (let i = 1; i <= COUNT; i++) {
    const n = text.split(`Part ${i} here.`).length - 1;
    assert.equal(n, 1, `"Part ${i} here." appears ${n} times after hide/show mid-answer`);
  }
  assert.equal(chatRequests(mock), 1);

  await hideChat(page, helpers);
  frame = await helpers.openChat();
  await frame.getByRole('article').filter({ hasText: 'THE END.' }).waitFor({ timeout: 20_000 });
  await frame.getByRole('article').filter({ hasText: 'Count for me' }).waitFor();
  assert.equal(chatRequests(mock), 1, 'showing the view again must not send a request');
}
