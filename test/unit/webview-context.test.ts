// What the webview shows about the next request: the context meter in the composer, questions
// without an answer marked as not sent, and a line where older turns stop being sent.
import { strict as assert } from 'node:assert';
import { compactTokens } from '../../src/webview/composer';
import { createHarness, initMessage, message, session } from './webview-harness';

const conversation = session([
  message({ id: 'u1', role: 'user', text: 'oldest question' }),
  message({ id: 'a1', role: 'assistant', text: 'oldest answer' }),
  message({ id: 'u2', role: 'user', text: 'failed question' }),
  message({ id: 'a2', role: 'assistant', text: '', status: 'error', error: { kind: 'server', message: 'boom', needsKey: false } }),
  message({ id: 'u3', role: 'user', text: 'recent question' }),
  message({ id: 'a3', role: 'assistant', text: 'recent answer' }),
]);

describe('chat webview: context', () => {
  it('shows the context meter from init and updates it; warns near the window', () => {
    const h = createHarness({ init: initMessage({ context: { usedTokens: 12_345, windowTokens: 131_072, leftOut: [] } }) });
    const meter = h.doc.querySelector<HTMLElement>('[role="meter"]')!;
    assert.equal(meter.hidden, false);
    assert.equal(meter.textContent, '12.3k / 131k');
    assert.equal(meter.getAttribute('aria-valuenow'), '12345');
    assert.equal(meter.getAttribute('aria-valuemax'), '131072');
    assert.match(meter.getAttribute('aria-label') ?? '', /12,345 of 131,072 tokens \(9%\)/);
    assert.equal(meter.classList.contains('warning'), false);
    h.send({ type: 'context', context: { usedTokens: 120_000, windowTokens: 131_072, leftOut: [] } });
    assert.equal(meter.textContent, '120k / 131k');
    assert.equal(meter.classList.contains('warning'), true);
  });

  it('has no meter when the host measured nothing', () => {
    const h = createHarness();
    assert.equal(h.doc.querySelector<HTMLElement>('[role="meter"]')!.hidden, true);
  });

  it('marks a question without answer as not sent, and says where older turns stop being sent', () => {
    const h = createHarness({ init: initMessage({ session: conversation }) });
    h.frame();
    h.send({
      type: 'context',
      context: {
        usedTokens: 900,
        windowTokens: 8000,
        leftOut: [
          { id: 'u1', reason: 'trimmed' },
          { id: 'a1', reason: 'trimmed' },
          { id: 'u2', reason: 'unanswered' },
          { id: 'a2', reason: 'noAnswer' },
        ],
      },
    });
    const articles = Array.from(h.doc.querySelectorAll<HTMLElement>('.message'));
    assert.deepEqual(articles.map((a) => a.classList.contains('left-out')), [true, true, true, true, false, false]);
    const notes = articles.map((a) => a.querySelector<HTMLElement>('.left-out-note'));
    assert.equal(notes[0]!.hidden, true, 'a trimmed question has no "no answer" note');
    assert.equal(notes[2]!.hidden, false);
    assert.match(notes[2]!.textContent ?? '', /Not sent with your next message: this question has no answer/);
    const line = h.doc.querySelector<HTMLElement>('.trimmed-note')!;
    assert.equal(line.hidden, false);
    assert.equal(line.previousElementSibling, articles[1], 'the line follows the last message left out for the window');
    assert.match(line.textContent ?? '', /The 2 messages above are no longer sent/);

    // Retry sent the question again: the host's next context clears the marks.
    h.send({ type: 'context', context: { usedTokens: 950, windowTokens: 8000, leftOut: [] } });
    assert.equal(h.doc.querySelectorAll('.message.left-out').length, 0);
    assert.equal(line.hidden, true);
  });

  it('a new conversation drops the marks of the previous one', () => {
    const h = createHarness({ init: initMessage({ session: conversation, context: { usedTokens: 1, windowTokens: 10, leftOut: [{ id: 'u3', reason: 'trimmed' }, { id: 'a3', reason: 'trimmed' }] } }) });
    assert.equal(h.doc.querySelectorAll('.message.left-out').length, 2);
    h.send({ type: 'session', session: session([message({ id: 'u3', role: 'user', text: 'same id, new chat' })], 's2') });
    assert.equal(h.doc.querySelectorAll('.message.left-out').length, 0);
    assert.equal(h.doc.querySelector<HTMLElement>('.trimmed-note')!.hidden, true);
  });

  it('writes token counts compactly', () => {
    assert.deepEqual([950, 1000, 12_345, 99_960, 131_072].map(compactTokens), ['950', '1k', '12.3k', '100k', '131k']);
  });
});
