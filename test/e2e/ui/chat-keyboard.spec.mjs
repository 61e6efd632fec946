// The chat with the keyboard only, in real VS Code: Tab reaches every control of the view and each
// shows a visible focus ring; Esc stops an answer (from the input and from elsewhere in the view);
// ↑ in the empty box recalls the last prompt; the history list (title, date, open, delete) works
// from the keyboard. Also: an answer cut at the token limit says so under it.
import assert from 'node:assert/strict';

export const title = 'chat: keyboard only — Tab with focus rings, Esc stops, ↑ recalls, history open/delete';

const KEY = 'sk-e2e-chat-keyboard-0123456789';
const FIRST = 'First question for the keyboard test';
const ANSWER = 'Here is an example:\n\n```ts\nconst answer = 42;\n```\n\nAnd a [link](https://example.com/docs).';
const slowStory = Array.from({ length: 200 }, (_, i) => `Sentence ${i + 1} of the story.`).join(' ');

export default async function ({ helpers, mock, page, log }) {
  await helpers.setApiKey(KEY);
  const frame = await helpers.openChat();

  /** The focused element inside the webview: its name, whether a focus ring is drawn, whether it is visible. */
  const focused = () =>
    frame.locator('body').evaluate((body) => {
      const doc = body.ownerDocument;
      const view = doc.defaultView;
      const el = doc.activeElement;
      if (!el || el === doc.body || el === doc.documentElement) return null;
      const style = view.getComputedStyle(el);
      let opacity = 1;
      for (let node = el; node; node = node.parentElement) opacity *= Number(view.getComputedStyle(node).opacity);
      const rect = el.getBoundingClientRect();
      const ring =
        (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 && style.outlineColor !== 'rgba(0, 0, 0, 0)') ||
        (style.boxShadow !== 'none' && style.boxShadow !== '');
      return {
        name: el.getAttribute('aria-label') || el.textContent.trim().replace(/\s+/g, ' ').slice(0, 60) || el.tagName,
        tag: el.tagName.toLowerCase(),
        ring,
        outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
        visible: opacity > 0 && rect.width > 0 && rect.height > 0,
        text: el.textContent.trim().replace(/\s+/g, ' '),
      };
    });

  /** Presses Tab until focus leaves the webview (or comes round again); returns every stop. */
  async function tabThrough(max = 60) {
    const stops = [];
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      const now = await focused();
      if (!now) break;
      if (stops.length && stops[0].name === now.name && stops[0].text === now.text) break;
      stops.push(now);
    }
    return stops;
  }

  // 1. A conversation to move through: thinking, a code block, a link, an answer cut at max_tokens.
  mock.enqueue({
    path: '/v1/chat/completions',
    script: { reasoning: 'Thinking about the example.', text: ANSWER, finishReason: 'length' },
    shape: { delayMs: 5 },
  });
  await helpers.sendChatMessage(FIRST);
  const answer = frame.getByRole('article').filter({ hasText: 'const answer = 42;' });
  await answer.waitFor({ timeout: 30_000 });
  await answer.getByText('The answer reached the token limit (max_tokens).').waitFor({ timeout: 10_000 });
  await frame.getByRole('button', { name: 'Send' }).waitFor({ timeout: 10_000 });

  // 2. Tab from the first control to the last: every control is reached, each with a visible ring.
  await frame.getByRole('button', { name: 'New Chat' }).focus();
  const first = await focused();
  const stops = [first, ...(await tabThrough())];
  log(`tab order: ${stops.map((s) => s.name).join(' → ')}`);
  const names = stops.map((s) => s.name);
  const expected = [
    'New Chat', 'History', 'Conversation', 'Copy', 'Edit', 'Regenerate', 'Insert at Cursor', 'Apply', 'link',
    'Message', 'Attach Active File', 'Attach Selection', 'Send',
  ];
  for (const name of expected) assert.ok(names.includes(name), `Tab never reaches "${name}" (reached: ${names.join(', ')})`);
  assert.ok(names.some((n) => n.startsWith('Model: ')), 'Tab reaches the model picker');
  assert.ok(stops.some((s) => s.tag === 'summary' && /Thought/.test(s.text)), 'Tab reaches the thinking section');
  assert.ok(names.filter((n) => n === 'Copy').length >= 3, 'Copy on both messages and on the code block');
  for (const stop of stops) {
    assert.ok(stop.visible, `"${stop.name}" has focus but cannot be seen`);
    assert.ok(stop.ring, `"${stop.name}" has focus but no focus ring (outline: ${stop.outline})`);
  }
  await helpers.screenshot('focus-ring');

  // 3. Esc stops an answer while the focus is in the input.
  mock.enqueue({ path: '/v1/chat/completions', script: { text: slowStory }, shape: { delayMs: 50, piece: 8 } });
  const input = frame.getByRole('textbox', { name: 'Message' });
  await input.focus();
  await page.keyboard.type('Tell me a long story');
  await page.keyboard.press('Enter');
  const story = frame.getByRole('article').last();
  await story.getByText(/Sentence 3 of/).waitFor({ timeout: 30_000 });
  await page.keyboard.press('Escape');
  await story.getByText('Interrupted').waitFor({ timeout: 10_000 });
  const chatRequests = () => mock.requests.map((r, i) => [r, i]).filter(([r]) => r.path === '/v1/chat/completions').map(([, i]) => i);
  await mock.waitForClientClose(chatRequests()[1], 10_000);

  // 4. ↑ in the empty box recalls the last prompt; Enter sends it again. Esc from the conversation
  //    (not the input) stops too.
  assert.equal(await input.inputValue(), '');
  await page.keyboard.press('ArrowUp');
  assert.equal(await input.inputValue(), 'Tell me a long story');
  mock.enqueue({ path: '/v1/chat/completions', script: { text: slowStory }, shape: { delayMs: 50, piece: 8 } });
  await page.keyboard.press('Enter');
  const again = frame.getByRole('article').last();
  await again.getByText(/Sentence 3 of/).waitFor({ timeout: 30_000 });
  await frame.getByRole('region', { name: 'Conversation' }).focus();
  await page.keyboard.press('Escape');
  await again.getByText('Interrupted').waitFor({ timeout: 10_000 });
  await mock.waitForClientClose(chatRequests()[2], 10_000);
  assert.equal(chatRequests().length, 3);

  // 5. History by keyboard: New Chat, then History; the list shows the title and the date; open it.
  await frame.getByRole('button', { name: 'New Chat' }).focus();
  await page.keyboard.press('Enter');
  await frame.getByRole('article').first().waitFor({ state: 'detached', timeout: 10_000 });
  await page.keyboard.press('Tab');
  assert.equal((await focused())?.name, 'History');
  await page.keyboard.press('Enter');
  const entry = frame.locator('#history-panel .history-item', { hasText: FIRST });
  await entry.waitFor({ timeout: 10_000 });
  const openStop = await focused();
  assert.ok(openStop?.text.includes(FIRST), `focus goes to the first conversation, not "${openStop?.name}"`);
  // A conversation from a moment ago reads "just now"; its full date is on the <time> element's hover.
  assert.match(openStop.text, /just now/i, 'the entry shows when, relative to now');
  assert.match(await entry.locator('time').getAttribute('title'), new RegExp(String(new Date().getFullYear())), 'the full date on hover');
  assert.ok(openStop.ring && openStop.visible);
  await page.keyboard.press('Tab');
  const renameStop = await focused();
  assert.equal(renameStop?.name, `Rename "${FIRST}"`);
  assert.ok(renameStop.ring && renameStop.visible, 'the rename button shows when it has focus');
  await page.keyboard.press('Tab');
  const deleteStop = await focused();
  assert.equal(deleteStop?.name, `Delete "${FIRST}"`);
  assert.ok(deleteStop.ring && deleteStop.visible, 'the delete button shows when it has focus');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await frame.getByRole('article').filter({ hasText: FIRST }).waitFor({ timeout: 10_000 });
  assert.equal(await frame.locator('#history-panel').isHidden(), true);
  assert.equal((await focused())?.name, 'History', 'focus returns to History after opening a conversation');

  // 6. Delete from the list by keyboard; Esc closes the list and gives focus back to History.
  await page.keyboard.press('Enter');
  await entry.waitFor({ timeout: 10_000 });
  // The focus moves to the first conversation when the fresh list arrives; wait for that, not a time.
  for (let i = 0; i < 100 && !(await focused())?.text.includes(FIRST); i++) await page.waitForTimeout(50);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal((await focused())?.name, `Delete "${FIRST}"`);
  await page.keyboard.press('Enter');
  await frame.locator('#history-panel').getByText('No saved conversations yet.').waitFor({ timeout: 10_000 });
  await frame.getByRole('article').first().waitFor({ state: 'detached', timeout: 10_000 });
  const afterDelete = await focused();
  assert.ok(afterDelete && afterDelete.ring, 'focus stays in the history panel after a delete');
  await page.keyboard.press('Escape');
  assert.equal(await frame.locator('#history-panel').isHidden(), true);
  assert.equal((await focused())?.name, 'History');
  assert.equal(chatRequests().length, 3, 'nothing sent by the history actions');
}
