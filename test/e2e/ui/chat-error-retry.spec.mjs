// A request that fails mid-answer keeps the partial text, marked interrupted, with the client's
// message and a Retry that replaces it; a refused key offers "Set API Key" beside Retry.
import assert from 'node:assert/strict';

export const title = 'chat: an error keeps the partial answer with the message, Retry; 401 offers Set API Key';

const KEY = 'sk-e2e-chat-error-0123456789';
const LONG = Array.from({ length: 60 }, (_, i) => `Word${i + 1}`).join(' ');

export default async function ({ helpers, mock }) {
  await helpers.setApiKey(KEY);
  const frame = await helpers.openChat();

  mock.enqueue({
    path: '/v1/chat/completions',
    script: { text: LONG },
    shape: { delayMs: 20, piece: 6 },
    fault: { kind: 'midstream', shape: 'native', afterEvents: 6 },
  });
  await helpers.sendChatMessage('Fail in the middle please');
  const failed = frame.getByRole('article').last();
  await failed.locator('.error-box').waitFor({ timeout: 30_000 });
  const failedText = await failed.innerText();
  assert.match(failedText, /Word1 /, 'the partial answer is gone');
  assert.match(failedText, /Interrupted/);
  assert.match(await failed.locator('.error-text').innerText(), /overloaded|try again/i);
  assert.equal(await failed.getByRole('button', { name: 'Set API Key' }).count(), 0);
  await helpers.screenshot('midstream-error');

  mock.enqueue({ path: '/v1/chat/completions', script: { text: 'Recovered answer.' }, shape: { delayMs: 5 } });
  await failed.getByRole('button', { name: 'Retry' }).click();
  await frame.getByRole('article').filter({ hasText: 'Recovered answer.' }).waitFor({ timeout: 30_000 });
  assert.equal(await frame.locator('.error-box').count(), 0, 'the failed answer should be replaced');
  assert.equal(await frame.getByRole('article').count(), 2);

  mock.enqueue({ path: '/v1/chat/completions', fault: { kind: 'status', status: 401 } });
  await helpers.sendChatMessage('And now with a refused key');
  const refused = frame.getByRole('article').last();
  await refused.locator('.error-box').waitFor({ timeout: 30_000 });
  await refused.getByRole('button', { name: 'Set API Key' }).waitFor();
  await refused.getByRole('button', { name: 'Retry' }).waitFor();
  await helpers.screenshot('refused-key');
  // The question stays in the conversation.
  await frame.getByRole('article').filter({ hasText: 'And now with a refused key' }).waitFor();
}
