// The one thinking rule (src/prompts/think.ts): every form a model sends its reasoning in ends up
// as reasoning, the answer keeps only the answer, for any chunking of the stream.
import assert from 'node:assert/strict';
import { ThinkSplitter, splitThinking, type StreamEnd, type ThinkChange } from '../../src/prompts/think';

/** Feeds `chunks` as text deltas and ends the stream; returns what a consumer applying the changes holds. */
function streamed(chunks: string[], end: StreamEnd = 'normal', reasoningFirst = ''): { answer: string; reasoning: string } {
  const s = new ThinkSplitter();
  let answer = '';
  let reasoning = '';
  const apply = (changes: ThinkChange[]): void => {
    for (const c of changes) {
      if (c.kind === 'text') answer += c.text;
      else if (c.kind === 'reasoning') reasoning += c.text;
      else ({ answer, reasoning } = c);
    }
  };
  if (reasoningFirst) apply(s.pushReasoning(reasoningFirst));
  for (const c of chunks) apply(s.pushText(c));
  apply(s.end(end));
  // The consumer's copy and the splitter's own totals agree.
  assert.deepEqual({ answer, reasoning }, { answer: s.answer, reasoning: s.reasoning });
  return { answer, reasoning };
}

function chunkings(s: string, count: number): string[][] {
  let seed = 11;
  const rnd = (): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const out: string[][] = [[s], s.split('')];
  for (let k = 0; k < count; k++) {
    const chunks: string[] = [];
    for (let i = 0; i < s.length; ) {
      const n = 1 + Math.floor(rnd() * 9);
      chunks.push(s.slice(i, i + n));
      i += n;
    }
    out.push(chunks);
  }
  return out;
}

function forEveryChunking(text: string, expected: { answer: string; reasoning: string }, end: StreamEnd = 'normal'): void {
  for (const chunks of chunkings(text, 120)) assert.deepEqual(streamed(chunks, end), expected, JSON.stringify(chunks));
  assert.deepEqual(splitThinking(text, end), expected, 'the one-shot split agrees');
}

describe('the thinking rule (one module, every form)', () => {
  it('reasoning_content / thinking blocks stay reasoning, the text is the answer', () => {
    assert.deepEqual(streamed(['Use a ', 'for loop.'], 'normal', 'The user wants a loop.'), {
      reasoning: 'The user wants a loop.',
      answer: 'Use a for loop.',
    });
  });

  it('<think>…</think> at the start is reasoning (leading whitespace allowed, blank lines after dropped)', () => {
    forEveryChunking('\n<think>The user greets me. 1 < 2 </thin k></think>\n\nHello! Use `<think>` tags.', {
      reasoning: 'The user greets me. 1 < 2 </thin k>',
      answer: 'Hello! Use `<think>` tags.',
    });
  });

  it('a lone </think>: the text before it is reasoning, not the answer (issue example)', () => {
    forEveryChunking('The user wants a loop.</think>Use a for loop.', { reasoning: 'The user wants a loop.', answer: 'Use a for loop.' });
    forEveryChunking('Plan:\n\n- a\n- b\n\n```js\nlet x;\n```\n</think>\n\nDone.', {
      reasoning: 'Plan:\n\n- a\n- b\n\n```js\nlet x;\n```\n',
      answer: 'Done.',
    });
  });

  it('a lone </think> after reasoning_content still ends the reasoning', () => {
    assert.deepEqual(streamed(['more thought', '</think>', 'Answer'], 'normal', 'first '), { reasoning: 'first more thought', answer: 'Answer' });
  });

  it('the streaming view moves the text to reasoning when the lone tag arrives', () => {
    const s = new ThinkSplitter();
    assert.deepEqual(s.pushText('The user wants'), [{ kind: 'text', text: 'The user wants' }]);
    assert.deepEqual(s.pushText(' a loop.</th'), [{ kind: 'text', text: ' a loop.' }], 'a half tag is held back');
    assert.deepEqual(s.pushText('ink>Use'), [{ kind: 'reset', answer: 'Use', reasoning: 'The user wants a loop.' }]);
    assert.deepEqual(s.pushText(' it.'), [{ kind: 'text', text: ' it.' }]);
  });

  it('tags inside code blocks or inline code are text', () => {
    for (const text of [
      'Close it with `</think>` and go on.',
      'Use ``a ` </think>`` here.',
      '```html\n<p>x</p></think>\n```\nafter',
      '~~~~\n```\n</think>\n```\n~~~~\nafter',
      '    indented is not special but `x` </thin k> is text',
      'Say <think>hi</think> in the middle',
    ]) {
      forEveryChunking(text, { answer: text, reasoning: '' });
    }
  });

  it('an unclosed backtick run ends with its paragraph: a tag after a blank line counts', () => {
    forEveryChunking('a ` b\n\nthought</think>Answer', { reasoning: 'a ` b\n\nthought', answer: 'Answer' });
  });

  it('a tag after a backtick run that nothing closes is outside code (the run was literal): it counts', () => {
    // The new-user run's example: three backticks mid-line are not a fence, and no run closes them.
    forEveryChunking('Maybe use ```python blocks.\n</think>\n\nAnswer C.', { reasoning: 'Maybe use ```python blocks.\n', answer: 'Answer C.' });
    // Same paragraph to the end of the answer, a fence after it, a single backtick, a run of two.
    forEveryChunking('It costs `5.</think>Answer', { reasoning: 'It costs `5.', answer: 'Answer' });
    forEveryChunking('Try `` x\n</think>\n```js\nlet a;\n```', { reasoning: 'Try `` x\n', answer: '```js\nlet a;\n```' });
    forEveryChunking('A ` b </think> c\n\nd', { reasoning: 'A ` b ', answer: 'c\n\nd' });
    // But when the same run closes later in the paragraph, the tag was inside the span: text.
    for (const text of ['Use `a </think> b` here.', 'Use ```a\n</think>\nb``` here.', 'x ` y </think>\nz ` w\n\nmore']) {
      forEveryChunking(text, { answer: text, reasoning: '' });
    }
  });

  it('an answer that starts with an indented code block keeps its indentation after the thinking', () => {
    forEveryChunking('<think>plan</think>\n\n    indented();\n    code();\n\nText.', { reasoning: 'plan', answer: '    indented();\n    code();\n\nText.' });
    forEveryChunking('plan</think>  \n\n    code();', { reasoning: 'plan', answer: '    code();' });
    forEveryChunking('<think>plan</think>   Answer', { reasoning: 'plan', answer: 'Answer' });
    forEveryChunking('<think>\n\n    code();', { reasoning: '', answer: '    code();' });
  });

  it('only the first lone </think> counts', () => {
    forEveryChunking('r</think>A </think> B', { reasoning: 'r', answer: 'A </think> B' });
    forEveryChunking('<think>a</think>B </think>', { reasoning: 'a', answer: 'B </think>' });
  });

  it('an unclosed <think> at a normal end is the answer (Copy gives it, not "")', () => {
    forEveryChunking('<think>\nThe answer is 42.', { answer: 'The answer is 42.', reasoning: '' });
  });

  it('an unclosed <think> cut short (length, stop pressed) stays reasoning', () => {
    forEveryChunking('<think>still thinking </thi', { answer: '', reasoning: 'still thinking </thi' }, 'cut');
  });

  it('text without any tag is untouched, including look-alikes', () => {
    for (const text of ['Hello', '<thinking>no</thinking>', '<th', '  indented', '<', '</thinkx>', '</ think>']) {
      forEveryChunking(text, { answer: text, reasoning: '' });
    }
  });

  it('streams reasoning as it comes instead of holding it to the end', () => {
    const s = new ThinkSplitter();
    assert.deepEqual(s.pushText('<think>abc'), [{ kind: 'reasoning', text: 'abc' }]);
    assert.deepEqual(s.pushText('def</'), [{ kind: 'reasoning', text: 'def' }]);
    assert.deepEqual(s.pushText('think>Hi'), [{ kind: 'text', text: 'Hi' }]);
  });

  it('while streaming, the answer only grows: a half-arrived tag is held back, never flashed', () => {
    const full = '<think>思考一下</think>\n好的 `</think>` 答案';
    const final = splitThinking(full, 'normal');
    for (let cut = 0; cut <= full.length; cut++) {
      const partial = splitThinking(full.slice(0, cut));
      assert.ok(final.answer.startsWith(partial.answer), `answer at ${cut}: ${partial.answer}`);
      assert.ok(final.reasoning.startsWith(partial.reasoning), `reasoning at ${cut}: ${partial.reasoning}`);
    }
    assert.deepEqual(final, { reasoning: '思考一下', answer: '好的 `</think>` 答案' });
  });
});
