// The chat in a dark theme: it draws only with the theme's colours, so the same answer must read
// well there too. Leaves test-results/chat-dark-theme-answered.png (the README's dark screenshot;
// chat-stream-answered.png is the light one).
import assert from 'node:assert/strict';

export const title = 'chat: an answer with thinking and code in the dark theme';
export const settings = { 'workbench.colorTheme': 'Default Dark Modern' };

const KEY = 'sk-e2e-chat-dark-0123456789';
const ANSWER = [
  'Use `sorted()` with a **key**:',
  '',
  '```python',
  'people = [("Ada", 36), ("Linus", 28)]',
  'by_age = sorted(people, key=lambda p: p[1])',
  '```',
  '',
  '- `sorted` returns a new list',
  '- `list.sort()` sorts in place',
].join('\n');

export default async function ({ helpers, mock, page }) {
  await helpers.setApiKey(KEY);
  const frame = await helpers.openChat();
  mock.enqueue({
    path: '/v1/chat/completions',
    script: { reasoning: 'Sorting tuples by their second element: sorted with a key function.', text: ANSWER, usage: { inputTokens: 18, outputTokens: 64 } },
    shape: { delayMs: 15, piece: 8 },
  });
  await helpers.sendChatMessage('How do I sort a list of tuples by age?');
  const answer = frame.getByRole('article').last();
  await answer.getByText('18 in · 64 out').waitFor({ timeout: 30_000 });
  // The workbench really is dark (the theme reached the webview through VS Code's variables).
  const body = await frame.locator('body').evaluate((b) => b.ownerDocument.defaultView.getComputedStyle(b).backgroundColor);
  const [r, g, bl] = (body.match(/\d+/g) ?? ['255', '255', '255']).map(Number);
  assert.ok(r + g + bl < 3 * 100, `the chat background is not dark: ${body}`);
  await page.mouse.move(0, 0);
  await helpers.screenshot('answered');
}
