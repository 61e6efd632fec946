// A conversation longer than the model's context window does not dead-end: the meter in the
// composer shows what the next request sends, the oldest turns are left out automatically, and a
// line in the conversation says so; a failed question is not glued to the next one.
import assert from 'node:assert/strict';

export const title = 'chat: the context meter, the oldest turns left out when the window is full, a failed turn not glued';

const MODEL = 'Qwen/Qwen3-Coder-480B-A35B-Instruct';
export const settings = { 'siliconflow.model': MODEL, 'siliconflow.contextWindows': { [MODEL]: 4000 } };

const KEY = 'sk-e2e-chat-context-0123456789';
/** About 1,000 tokens by the service's estimate (3.5 characters a token). */
const question = (i) => `Question ${i}: ` + 'lorem ipsum '.repeat(290);
const chatRequests = (mock) => mock.requests.filter((r) => r.path === '/v1/chat/completions');
const contents = (request) => request.body.messages.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)));

export default async function ({ helpers, mock }) {
  await helpers.setApiKey(KEY);
  const frame = await helpers.openChat();

  // A failed turn first: its question must not ride along with the next one.
  mock.enqueue({
    path: '/v1/chat/completions',
    script: { text: Array.from({ length: 40 }, (_, i) => `Word${i}`).join(' ') },
    shape: { delayMs: 10, piece: 6 },
    fault: { kind: 'midstream', shape: 'native', afterEvents: 4 },
  });
  await helpers.sendChatMessage('A question whose answer fails');
  await frame.getByRole('article').last().locator('.error-box').waitFor({ timeout: 30_000 });
  const failedQuestion = frame.getByRole('article', { name: 'You' }).first();
  await failedQuestion.getByText(/Not sent with your next message/).waitFor({ timeout: 10_000 });

  for (let i = 1; i <= 3; i++) {
    mock.enqueue({ path: '/v1/chat/completions', script: { text: `Answer ${i}.` }, shape: { delayMs: 5 } });
    await helpers.sendChatMessage(question(i));
    await helpers.waitForChatText(`Answer ${i}.`);
  }

  const requests = chatRequests(mock);
  assert.equal(requests.length, 4);
  assert.ok(!contents(requests[1]).some((c) => c.includes('whose answer fails')), 'the failed question was sent again');
  assert.equal(requests[1].body.messages.length, 1 + (requests[1].body.messages[0].role === 'system' ? 1 : 0));
  const last = contents(requests[3]);
  assert.ok(last.some((c) => c.startsWith('Question 3:')), 'the question asked');
  assert.ok(!last.some((c) => c.startsWith('Question 1:')), 'the oldest turn is left out');

  // The meter: tokens the next request sends, of the 4,000-token window.
  const meter = frame.getByRole('meter');
  await meter.waitFor({ timeout: 10_000 });
  assert.match(await meter.getAttribute('aria-label'), /of 4,000 tokens/);
  assert.match(await meter.innerText(), /^([\d.]+k? \/ 4k)?$/, 'the figures, or only the bar in a narrow side bar');
  const fit = await meter.evaluate((m) => {
    const send = m.ownerDocument.querySelector('.send-button').getBoundingClientRect();
    const r = m.getBoundingClientRect();
    const text = m.querySelector('.context-meter-text');
    return { right: r.right, sendLeft: send.left, textClipped: text.scrollWidth > text.clientWidth + 1 };
  });
  assert.ok(fit.right <= fit.sendLeft + 0.5 && !fit.textClipped, `the meter is cut: ${JSON.stringify(fit)}`);
  assert.equal(await meter.getAttribute('aria-valuemax'), '4000');
  assert.ok(Number(await meter.getAttribute('aria-valuenow')) <= 4000);

  // The conversation says where the turns stop being sent; nothing is removed from it.
  const note = frame.locator('.trimmed-note');
  await note.waitFor({ timeout: 10_000 });
  assert.match(await note.innerText(), /messages above are no longer sent/);
  assert.equal(await frame.getByRole('article').count(), 8, 'every message is still shown');
  assert.equal(await frame.locator('.message.left-out').count() >= 4, true);
  await helpers.screenshot('trimmed');
}
