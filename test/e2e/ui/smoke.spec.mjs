// Smoke: the packaged extension, installed from the .vsix, answers a chat question from the mock
// server once the key has been entered through "SiliconFlow: Set API Key".
import assert from 'node:assert/strict';

export const title = 'chat: set the key, ask a question, read the streamed answer';

const KEY = 'sk-e2e-smoke-0123456789abcdef';

export default async function ({ helpers, mock }) {
  await helpers.setApiKey(KEY);
  await helpers.openChat();
  await helpers.sendChatMessage('How do I reverse a list in Python?');
  // The mock's default answer to an English question starts with "You asked: …" (test/mock-server/answers.ts).
  const answer = await helpers.waitForChatText('Here is a short, practical overview', 45_000);
  assert.match(answer, /You asked/);
  await helpers.screenshot('answered');

  // The key went from the input box through SecretStorage into the request, and only there.
  const chat = mock.requests.find((r) => /\/(chat\/completions|messages)$/.test(r.path));
  assert.ok(chat, 'no chat request reached the mock');
  const auth = chat.headers.authorization ?? chat.headers['x-api-key'];
  assert.ok(String(auth).includes(KEY), 'the request did not carry the key that was typed');
  const page = await helpers.chatFrame().locator('body').innerText();
  assert.ok(!page.includes(KEY), 'the key is visible in the chat view');
}
