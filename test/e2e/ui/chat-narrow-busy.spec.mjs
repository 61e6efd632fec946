// The chat in VS Code's narrowest side bar (170 px, dragged there like a user): Send is whole and
// inside the view; and Enter while an answer streams keeps the message and says why it was not
// sent, then Enter sends it once the answer is done.
import assert from 'node:assert/strict';

export const title = 'chat: usable at 170 px; Enter while an answer streams says so and keeps the message';

const KEY = 'sk-e2e-narrow-busy-0123456789';
const story = Array.from({ length: 80 }, (_, i) => `Sentence ${i + 1} of the story.`).join(' ');

export default async function ({ page, helpers, mock, log }) {
  await helpers.setApiKey(KEY);
  const frame = await helpers.openChat();

  // Drag the side bar's edge as far left as VS Code allows (its minimum is 170 px).
  const sidebar = page.locator('.part.sidebar');
  const box = await sidebar.boundingBox();
  const edgeX = box.x + box.width;
  await page.mouse.move(edgeX, box.y + 300);
  await page.mouse.down();
  await page.mouse.move(box.x + 140, box.y + 300, { steps: 8 });
  await page.mouse.up();
  const narrow = await sidebar.boundingBox();
  assert.ok(narrow.width <= 175 && narrow.width >= 165, `the side bar is ${narrow.width} px wide`);

  const send = frame.getByRole('button', { name: 'Send' });
  const viewWidth = await frame.locator('body').evaluate((b) => b.ownerDocument.defaultView.innerWidth);
  const sendBox = await send.evaluate((b) => b.getBoundingClientRect().toJSON());
  assert.ok(sendBox.right <= viewWidth + 0.5 && sendBox.width >= 24, `Send is at ${sendBox.left}–${sendBox.right} of ${viewWidth} px`);
  await helpers.screenshot('narrow');
  log(`side bar ${narrow.width} px: Send whole at ${Math.round(sendBox.left)}–${Math.round(sendBox.right)} of ${viewWidth}`);

  // Enter while an answer streams.
  mock.enqueue({ path: '/v1/chat/completions', script: { text: story }, shape: { delayMs: 60, piece: 8 } });
  await helpers.sendChatMessage('Tell me a story');
  const answer = frame.getByRole('article').last();
  await answer.getByText(/Sentence 2 of/).waitFor({ timeout: 30_000 });
  const input = frame.getByRole('textbox', { name: 'Message' });
  await input.fill('And another one');
  await input.press('Enter');
  const hint = frame.locator('.composer-hint');
  await hint.waitFor({ state: 'visible', timeout: 5_000 });
  assert.match(await hint.innerText(), /still being written/);
  assert.equal(await input.inputValue(), 'And another one', 'the message was lost');
  const chats = () => mock.requests.filter((r) => r.path === '/v1/chat/completions').length;
  assert.equal(chats(), 1, 'a second request went out while the first streamed');
  await helpers.screenshot('busy-hint');

  await answer.getByText(/Sentence 80 of/).waitFor({ timeout: 60_000 });
  await hint.waitFor({ state: 'hidden', timeout: 10_000 });
  mock.enqueue({ path: '/v1/chat/completions', script: { text: 'Another story.' } });
  await input.press('Enter');
  await helpers.waitForChatText('Another story.');
  assert.equal(chats(), 2);
  log('Enter while streaming kept the message and said why; Enter afterwards sent it');
}
