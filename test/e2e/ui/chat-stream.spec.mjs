// The chat streams an answer from the mock: thinking shown open while the model thinks and folded
// with its duration afterwards, markdown rendered, code highlighted with its actions, token usage.
import assert from 'node:assert/strict';

export const title = 'chat: streamed markdown, highlighted code, folded thinking and token usage';

const KEY = 'sk-e2e-chat-stream-0123456789';
const REASONING = 'The user wants a Python example. A list comprehension is the idiomatic answer here.';
const ANSWER = [
  'Here is a **list comprehension** that builds squares:',
  '',
  '```python',
  'squares = [n * n for n in range(10)]',
  'print(squares)',
  '```',
  '',
  'It runs in one line.',
].join('\n');

export default async function ({ helpers, mock }) {
  await helpers.setApiKey(KEY);
  const frame = await helpers.openChat();
  mock.enqueue({
    path: '/v1/chat/completions',
    script: { reasoning: REASONING, text: ANSWER, usage: { inputTokens: 21, outputTokens: 57, reasoningTokens: 12 } },
    shape: { delayMs: 60, piece: 6 },
  });
  await helpers.sendChatMessage('Show me a list comprehension');

  const answer = frame.getByRole('article').last();
  // While the model thinks, its thinking is open.
  await answer.locator('details.thinking[open]').waitFor({ timeout: 20_000 });
  // The finished answer: usage shown, thinking folded with its time.
  await answer.getByText('21 in · 57 out').waitFor({ timeout: 30_000 });
  assert.equal(await answer.locator('details.thinking').getAttribute('open'), null, 'thinking should fold when the answer starts');
  assert.match(await answer.locator('details.thinking summary').innerText(), /Thought for \d+ s/);
  assert.equal(await answer.locator('details.thinking .thinking-body').textContent(), REASONING);

  // Markdown rendered (bold), the code highlighted and labelled, with its actions.
  assert.equal(await answer.locator('strong').first().innerText(), 'list comprehension');
  const code = answer.locator('pre code').first();
  assert.equal((await code.innerText()).trim(), 'squares = [n * n for n in range(10)]\nprint(squares)');
  assert.ok((await code.locator('span[class*="hljs-"]').count()) > 0, 'the code is not highlighted');
  for (const name of ['Copy', 'Insert at Cursor', 'Apply']) {
    assert.ok((await answer.getByRole('button', { name }).count()) > 0, `no "${name}" button on the code block`);
  }
  await helpers.screenshot('answered');

  // One request; the model was sent the question only.
  const chats = mock.requests.filter((r) => r.path === '/v1/chat/completions');
  assert.equal(chats.length, 1);
  assert.deepEqual(chats[0].body.messages, [{ role: 'user', content: 'Show me a list comprehension' }]);
}
