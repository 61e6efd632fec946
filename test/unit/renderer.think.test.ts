// `<think>…</think>` at the start of an answer is thinking, not answer text — also while it streams.
import { strict as assert } from 'node:assert';
import { splitThinkTags } from '../../src/webview/thinkTags';

describe('think-tag extraction', () => {
  it('splits a closed think block from the answer', () => {
    assert.deepEqual(splitThinkTags('<think>plan it</think>\n\nThe answer.'), { thinking: 'plan it', thinkingOpen: false, answer: 'The answer.' });
  });

  it('allows leading whitespace before the tag', () => {
    assert.deepEqual(splitThinkTags('\n  <think>x</think>A'), { thinking: 'x', thinkingOpen: false, answer: 'A' });
  });

  it('treats an unclosed tag as thinking still in progress, with no answer yet', () => {
    assert.deepEqual(splitThinkTags('<think>first thoughts'), { thinking: 'first thoughts', thinkingOpen: true, answer: '' });
  });

  it('hides a closing tag that is still arriving', () => {
    assert.deepEqual(splitThinkTags('<think>abc</thi'), { thinking: 'abc', thinkingOpen: true, answer: '' });
    assert.deepEqual(splitThinkTags('<think>abc<'), { thinking: 'abc', thinkingOpen: true, answer: '' });
  });

  it('holds back a half-arrived opening tag while streaming, shows it as text when final', () => {
    assert.deepEqual(splitThinkTags('<thi'), { thinkingOpen: false, answer: '' });
    assert.deepEqual(splitThinkTags('<thi', true), { thinkingOpen: false, answer: '<thi' });
    assert.deepEqual(splitThinkTags('<b>'), { thinkingOpen: false, answer: '<b>' });
  });

  it('an answer that ends while still thinking keeps the thinking, closed', () => {
    assert.deepEqual(splitThinkTags('<think>cut off', true), { thinking: 'cut off', thinkingOpen: false, answer: '' });
  });

  it('only a tag at the very start counts: later tags are ordinary text', () => {
    const text = 'Answer first. <think>not thinking</think> more';
    assert.deepEqual(splitThinkTags(text), { thinkingOpen: false, answer: text });
  });

  it('a second think block after the first stays in the answer', () => {
    assert.deepEqual(splitThinkTags('<think>a</think>B <think>c</think>'), { thinking: 'a', thinkingOpen: false, answer: 'B <think>c</think>' });
  });

  it('gives the same final split for every chunk boundary', () => {
    const full = '<think>思考一下：用户想要什么？</think>\n好的，答案如下。';
    const expected = splitThinkTags(full, true);
    for (let cut = 0; cut <= full.length; cut++) {
      const partial = splitThinkTags(full.slice(0, cut));
      assert.ok(!partial.answer.includes('<think') && !partial.answer.includes('</think'), `no tag shown at ${cut}`);
      assert.ok(expected.answer.startsWith(partial.answer), `answer only grows at ${cut}`);
    }
    assert.deepEqual(expected, { thinking: '思考一下：用户想要什么？', thinkingOpen: false, answer: '好的，答案如下。' });
  });
});
