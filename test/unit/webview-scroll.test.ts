// The chat follows a new question and its answer in a real Chromium (scroll events are asynchronous
// there, unlike jsdom): sending from the bottom of a long conversation shows the question, and an
// answer that fails shows its error box, without the reader having to press "Jump to latest".
import assert from 'node:assert/strict';
import type { HostMessage, MessageView } from '../../src/protocol';
import { closeBrowser, openChatPage, type ChatPage } from './webview-chromium';

const LONG = 'A line of an earlier answer that fills the view. '.repeat(60);

function init(): HostMessage {
  const messages: MessageView[] = [];
  for (let i = 0; i < 4; i++) {
    messages.push({ id: `u${i}`, role: 'user', text: `Question ${i}`, status: 'complete', createdAt: i * 2 });
    messages.push({ id: `a${i}`, role: 'assistant', text: LONG, status: 'complete', createdAt: i * 2 + 1 });
  }
  return { type: 'init', version: 1, session: { id: 's1', title: 'Long', messages }, model: 'deepseek-ai/DeepSeek-V3', busy: false, hasKey: true, strings: {}, pending: [], draft: '' } as HostMessage;
}

interface Seen {
  /** Pixels of the element below the visible area of the message list (0: all of it in view). */
  below: number;
  jumpShown: boolean;
}

const SEEN = (selector: string): string => `(async () => {
  await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => requestAnimationFrame(() => r()));
  const list = document.querySelector('.messages').getBoundingClientRect();
  const all = document.querySelectorAll(${JSON.stringify(selector)});
  const target = all[all.length - 1].getBoundingClientRect();
  return { below: Math.max(0, Math.round(target.bottom - list.bottom)), jumpShown: !document.querySelector('.jump-to-latest').hidden };
})()`;

async function seen(chat: ChatPage, selector: string): Promise<Seen> {
  return (chat.page as unknown as { evaluate<T>(code: string): Promise<T> }).evaluate<Seen>(SEEN(selector));
}

/** Posts host messages in one go, as the host does (no frame in between), then waits a frame. */
async function sendAll(chat: ChatPage, messages: HostMessage[]): Promise<void> {
  await (chat.page as unknown as { evaluate(code: string): Promise<void> }).evaluate(
    `(async () => { for (const m of ${JSON.stringify(messages)}) window.postMessage(m, '*'); await new Promise((r) => setTimeout(r, 30)); await new Promise((r) => requestAnimationFrame(() => r())); })()`,
  );
}

/** One turn as the host sends it: the question, an empty streaming answer, then the failure. */
async function failingTurn(chat: ChatPage, n: number): Promise<void> {
  const answer: MessageView = { id: `r${n}`, role: 'assistant', text: '', status: 'streaming', model: 'deepseek-ai/DeepSeek-V3', createdAt: 101 + n };
  await sendAll(chat, [
    { type: 'messageAdded', message: { id: `q${n}`, role: 'user', text: `again ${n}`, status: 'complete', createdAt: 100 + n } },
    { type: 'pending', attachments: [] },
    { type: 'messageAdded', message: answer },
    { type: 'busy', busy: true },
    { type: 'context', context: { usedTokens: 1300, windowTokens: 164_000, leftOut: [] } },
  ]);
  await sendAll(chat, [
    { type: 'messageUpdated', message: { ...answer, status: 'error', error: { kind: 'server', needsKey: false, message: 'The service failed (HTTP 500). Try again in a moment.' } } },
    { type: 'busy', busy: false },
    { type: 'context', context: { usedTokens: 1300, windowTokens: 164_000, leftOut: [] } },
  ]);
}

describe('the chat follows a new question and its answer (real Chromium)', function () {
  this.timeout(60_000);
  let chat: ChatPage;

  before(async function () {
    const page = await openChatPage(300, 500);
    if (typeof page === 'string') return this.skip(); // no Chromium here
    chat = page;
    await chat.send(init());
  });
  after(async () => {
    await chat?.close();
    await closeBrowser();
  });

  it('a failed answer sent from the bottom shows its error box, and so does the next one', async () => {
    for (let n = 1; n <= 2; n++) {
      // The reader scrolls to the bottom by hand (a wheel stops within a few pixels of it) and sends.
      await (chat.page as unknown as { evaluate(code: string): Promise<void> }).evaluate(
        `(async () => { const m = document.querySelector('.messages'); m.scrollTop = m.scrollHeight - m.clientHeight - 5; await new Promise((r) => setTimeout(r, 100));
          const box = document.querySelector('.message-input'); box.value = 'again ${n}'; box.dispatchEvent(new Event('input'));
          box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })); })()`,
      );
      await failingTurn(chat, n);
      const error = await seen(chat, '.error-box');
      assert.equal(error.below, 0, `turn ${n}: the error box is ${error.below} px below the visible area`);
      assert.equal(error.jumpShown, false, `turn ${n}: "Jump to latest" shows although the reader was at the bottom`);
    }
  });

  it('the end of the conversation stays in view when the composer grows under it (a notice)', async () => {
    await failingTurn(chat, 3);
    await sendAll(chat, [{ type: 'notice', text: 'A notice above the composer that takes two or three lines in a side bar of this width.' }]);
    const error = await seen(chat, '.error-box');
    assert.equal(error.below, 0, `the error box is ${error.below} px below the visible area`);
  });

  it('a question asked while scrolled up (a command from the editor) brings the view to it and follows its answer', async () => {
    await (chat.page as unknown as { evaluate(code: string): Promise<void> }).evaluate(
      `(async () => { document.querySelector('.messages').scrollTop = 0; await new Promise((r) => setTimeout(r, 100)); })()`,
    );
    await chat.send({ type: 'messageAdded', message: { id: 'e1', role: 'user', text: 'Explain this code', status: 'complete', createdAt: 200 } });
    await chat.send({ type: 'messageAdded', message: { id: 'e2', role: 'assistant', text: '', status: 'streaming', createdAt: 201 } });
    for (let i = 0; i < 5; i++) await chat.send({ type: 'delta', messageId: 'e2', text: 'The function adds two numbers and returns the sum. '.repeat(8) });
    await chat.send({ type: 'messageUpdated', message: { id: 'e2', role: 'assistant', text: 'x '.repeat(10) + 'The end.', status: 'complete', createdAt: 201 } });
    const answer = await seen(chat, '.message');
    assert.equal(answer.below, 0, `the end of the answer is ${answer.below} px below the visible area`);
    assert.equal(answer.jumpShown, false);
  });
});
