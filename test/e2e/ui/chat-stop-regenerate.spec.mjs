// Stop mid-answer keeps what came, marked interrupted, and closes the request; Regenerate replaces
// that answer with a new one for the same question.
import assert from 'node:assert/strict';

export const title = 'chat: Stop keeps the partial answer as interrupted; Regenerate streams a new one';

const KEY = 'sk-e2e-chat-stop-0123456789';
const sentences = Array.from({ length: 200 }, (_, i) => `Sentence ${i + 1} of the long story.`).join(' ');

export default async function ({ helpers, mock, page }) {
  await helpers.setApiKey(KEY);
  const frame = await helpers.openChat();
  mock.enqueue({ path: '/v1/chat/completions', script: { text: sentences }, shape: { delayMs: 50, piece: 8 } });
  await helpers.sendChatMessage('Tell me a long story');

  const answer = frame.getByRole('article').last();
  await answer.getByText(/Sentence 3 of/).waitFor({ timeout: 30_000 });
  await frame.getByRole('button', { name: 'Stop' }).click();
  await answer.getByText('Interrupted').waitFor({ timeout: 10_000 });
  // Request 0 is the key check (GET /models); the chat request comes after it.
  await mock.waitForClientClose(mock.requests.findIndex((r) => r.path === '/v1/chat/completions'), 10_000);

  const partial = await answer.innerText();
  assert.match(partial, /Sentence 1 of the long story\./);
  assert.ok(!partial.includes('Sentence 200 of'), 'the whole story arrived: nothing was stopped');
  await page.waitForTimeout(1_000);
  assert.equal(await answer.innerText(), partial, 'text kept arriving after Stop');
  await helpers.screenshot('stopped');

  mock.enqueue({ path: '/v1/chat/completions', script: { text: 'A fresh, **short** answer.' }, shape: { delayMs: 10 } });
  await frame.getByRole('button', { name: 'Regenerate' }).last().click();
  await frame.getByRole('article').filter({ hasText: 'A fresh, short answer.' }).waitFor({ timeout: 30_000 });
  const texts = (await helpers.chatMessages()).join('\n');
  assert.ok(!texts.includes('Sentence 1 of the long story'), 'the interrupted answer should be replaced');
  assert.equal((await frame.getByRole('article').count()), 2, 'one question, one answer');

  const chats = mock.requests.filter((r) => r.path === '/v1/chat/completions');
  assert.equal(chats.length, 2);
  assert.deepEqual(chats[1].body.messages, chats[0].body.messages, 'Regenerate asks the same question again');
}
