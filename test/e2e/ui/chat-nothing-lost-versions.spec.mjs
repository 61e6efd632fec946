// Regenerate keeps the previous answer (‹ 1/2 ›), and the version chosen is what the model is sent
// next; Copy and Regenerate are at the end of the answer; editing an earlier message says first
// that the later turns will go.
import assert from 'node:assert/strict';

export const title = 'chat: answer versions on Regenerate, actions at the end of an answer, a warning before an edit drops turns';

const KEY = 'sk-e2e-chat-versions-0123456789';
const LONG = Array.from({ length: 80 }, (_, i) => `Line ${i + 1} of the first answer.`).join('\n\n');

export default async function ({ helpers, mock }) {
  await helpers.setApiKey(KEY);
  const frame = await helpers.openChat();
  mock.enqueue({ path: '/v1/chat/completions', script: { text: LONG }, shape: { delayMs: 2 } });
  await helpers.sendChatMessage('Explain it');
  await helpers.waitForChatText('Line 80 of the first answer.');

  const answer = frame.getByRole('article', { name: 'SiliconFlow' }).last();
  const end = answer.locator('.answer-actions');
  await end.getByRole('button', { name: 'Copy' }).waitFor({ timeout: 10_000 });
  mock.enqueue({ path: '/v1/chat/completions', script: { text: 'The second answer.' }, shape: { delayMs: 5 } });
  await end.getByRole('button', { name: 'Regenerate' }).click();
  await helpers.waitForChatText('The second answer.');

  const versions = frame.getByRole('group', { name: 'Version 2 of 2' });
  await versions.waitFor({ timeout: 10_000 });
  await versions.getByRole('button', { name: 'Previous version' }).click();
  await frame.getByRole('group', { name: 'Version 1 of 2' }).waitFor({ timeout: 10_000 });
  await helpers.waitForChatText('Line 80 of the first answer.');
  assert.ok(!(await helpers.chatMessages()).join('\n').includes('The second answer.'));
  await helpers.screenshot('version-1-of-2');

  mock.enqueue({ path: '/v1/chat/completions', script: { text: 'Follow-up answer.' }, shape: { delayMs: 5 } });
  await helpers.sendChatMessage('And then?');
  await helpers.waitForChatText('Follow-up answer.');
  const chats = mock.requests.filter((r) => r.path === '/v1/chat/completions');
  const sent = chats[2].body.messages.filter((m) => m.role === 'assistant').map((m) => m.content);
  assert.equal(sent.length, 1);
  assert.match(String(sent[0]), /^Line 1 of the first answer\./, 'the chosen version is what the model is sent');

  // Editing the first question: before sending, the edit box says the later turns go.
  const first = frame.getByRole('article', { name: 'You' }).first();
  await first.hover();
  await first.getByRole('button', { name: 'Edit' }).click();
  await first.getByText(/the 3 messages after it are removed/).waitFor({ timeout: 10_000 });
  await helpers.screenshot('edit-warning');
  await first.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await frame.getByRole('article').count(), 4, 'Cancel drops nothing');
}
