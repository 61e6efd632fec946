// Incremental rendering must be invisible: however the answer is chunked, what the reader sees
// after every update equals a one-shot render of the text received so far.
import { strict as assert } from 'node:assert';
import { MarkdownStream, stableBlockCount } from '../../src/webview/markdownStream';
import { splitThinking } from '../../src/prompts/think';
import { fullRenderHtml, htmlWithoutTail, makeRenderer, makeWindow, randomChunks, seededRandom } from './webview-renderer-helpers';

const RICH_ANSWER = [
  '<think>The user wants a **refactor**. Let me think about lists\n\n- and tables</think>',
  '',
  '# Plan',
  'Here is what I would change, with `inline code`, **bold**, _em_, ~~gone~~ and a [link](https://example.com/a?b=1&c=2 "Example").',
  'Second line of the same paragraph, with an autolink https://siliconflow.cn and <b>raw html</b>.',
  '',
  '## 中文部分',
  '',
  '这是一个中文段落，包含**粗体**和`代码`。流式输出时，每个字符都可能被拆开。',
  '',
  '1. First step',
  '',
  '2. Second step, loose list',
  '   with a continuation line',
  '',
  '10. Tenth step',
  '',
  '- bullet one',
  '- bullet two',
  '  - nested a',
  '  - nested b',
  '- [x] done task',
  '- [ ] open task',
  '',
  '| Name | Size | Note |',
  '|:-----|-----:|:----:|',
  '| a.ts | 12 | 短 |',
  '| b.py | 3400 | `x|y` |',
  'Trailing row without pipes',
  '',
  '> A quote',
  '> over two lines',
  '',
  '> Second quote',
  '',
  'Setext heading',
  '--------------',
  'Text right after the code:',
  '```ts',
  'export function add(a: number, b: number): number {',
  '  return a + b; // <script>alert(1)</script>',
  '}',
  '```',
  'Paragraph glued to the fence.',
  '',
  '~~~python',
  'def greet(name):',
  '    print(f"hi {name}")',
  '',
  '',
  'greet("世界")',
  '~~~',
  '',
  '    indented code',
  '',
  '    still indented',
  '',
  '***',
  '',
  '<div class="x">',
  'html block',
  '</div>',
  '',
  '```',
  'no language',
  '```',
  '',
  'Finally an unterminated block:',
  '',
  '```python',
  'for i in range(3):',
  '    print(i)',
  '',
].join('\n');

describe('incremental markdown rendering', () => {
  const win = makeWindow();
  const renderer = makeRenderer(win);
  const expectedFinal = fullRenderHtml(win, renderer, splitThinking(RICH_ANSWER, 'normal').answer);

  function streamIn(chunks: string[], checkEveryStep: boolean): { container: HTMLElement; stream: MarkdownStream } {
    const container = win.document.createElement('div');
    const stream = new MarkdownStream(container, renderer);
    let received = '';
    for (const chunk of chunks) {
      received += chunk;
      const answer = splitThinking(received).answer;
      stream.update(answer);
      if (checkEveryStep) {
        assert.equal(htmlWithoutTail(container), fullRenderHtml(win, renderer, answer), `after ${JSON.stringify(received.slice(-40))}`);
      }
    }
    stream.update(splitThinking(received, 'normal').answer);
    stream.finish();
    return { container, stream };
  }

  it('renders the rich answer in one piece like a full render', () => {
    const { container } = streamIn([RICH_ANSWER], false);
    assert.equal(container.innerHTML, expectedFinal);
    assert.ok(container.querySelectorAll('.code-block').length >= 4, 'code blocks are decorated');
    assert.ok(container.querySelector('table'), 'the table is rendered');
  });

  it('equals a full render after every update, for random chunkings', function () {
    this.timeout(60_000);
    // Checking every step costs a full render per step (slow in jsdom), so fewer, coarser chunkings here.
    for (let seed = 1; seed <= 3; seed++) {
      const chunks = randomChunks(RICH_ANSWER, seededRandom(seed), seed === 1 ? 20 : 50);
      const { container } = streamIn(chunks, true);
      assert.equal(container.innerHTML, expectedFinal, `seed ${seed}`);
    }
  });

  it('equals a full render at the end, for many more random chunkings', function () {
    this.timeout(60_000);
    for (let seed = 100; seed < 125; seed++) {
      const chunks = randomChunks(RICH_ANSWER, seededRandom(seed), 20 + (seed % 7) * 20);
      assert.equal(streamIn(chunks, false).container.innerHTML, expectedFinal, `seed ${seed}`);
    }
  });

  it('character by character', function () {
    this.timeout(20_000);
    assert.equal(streamIn(Array.from(RICH_ANSWER), false).container.innerHTML, expectedFinal);
  });

  it('keeps finished blocks as the same DOM nodes while the tail grows', () => {
    const container = win.document.createElement('div');
    const stream = new MarkdownStream(container, renderer);
    stream.update('# Title\n\nFirst paragraph.\n\nSecond');
    const heading = container.querySelector('h1');
    stream.update('# Title\n\nFirst paragraph.\n\nSecond paragraph grows\n\n```js\nlet x');
    const first = container.querySelector('p');
    assert.ok(heading && first);
    stream.update('# Title\n\nFirst paragraph.\n\nSecond paragraph grows\n\n```js\nlet x = 1;\n```\n\nDone.');
    assert.equal(container.querySelector('h1'), heading, 'heading node kept');
    assert.equal(container.querySelector('p'), first, 'first paragraph node kept');
  });

  it('starts over when the text is replaced rather than extended', () => {
    const container = win.document.createElement('div');
    const stream = new MarkdownStream(container, renderer);
    stream.update('Old answer.\n\nMore old text.\n\nTail');
    stream.update('New answer.');
    assert.equal(htmlWithoutTail(container), fullRenderHtml(win, renderer, 'New answer.'));
    stream.finish();
    stream.update('Replaced after finishing.');
    stream.finish();
    assert.equal(container.innerHTML, fullRenderHtml(win, renderer, 'Replaced after finishing.'));
  });

  it('resolves reference links defined after their use', () => {
    const text = 'See [the docs][docs].\n\nMore text here.\n\n[docs]: https://docs.siliconflow.cn\n\nEnd.';
    const container = win.document.createElement('div');
    const stream = new MarkdownStream(container, renderer);
    let received = '';
    for (const chunk of randomChunks(text, seededRandom(7), 5)) {
      received += chunk;
      stream.update(received);
    }
    stream.finish();
    assert.equal(container.innerHTML, fullRenderHtml(win, renderer, text));
    assert.equal(container.querySelector('a')?.getAttribute('href'), 'https://docs.siliconflow.cn');
  });

  it('handles CR LF line endings, also when a CR and its LF arrive in different chunks', () => {
    const text = RICH_ANSWER.replace(/\n/g, '\r\n');
    const container = win.document.createElement('div');
    const stream = new MarkdownStream(container, renderer);
    let received = '';
    // Cut right after every CR once, so each CR LF pair is split across two updates.
    for (const piece of text.split(/(?<=\r)/)) {
      received += piece;
      stream.update(received);
      assert.equal(htmlWithoutTail(container), fullRenderHtml(win, renderer, received), `after ${JSON.stringify(received.slice(-40))}`);
    }
    stream.finish();
    assert.equal(container.innerHTML, fullRenderHtml(win, renderer, text));
  });

  it('changes the growing block in place instead of replacing it', () => {
    const container = win.document.createElement('div');
    const stream = new MarkdownStream(container, renderer);
    stream.update('Intro paragraph.\n\n- first item\n- second');
    const list = container.querySelector('ul');
    const firstItem = container.querySelector('li');
    stream.update('Intro paragraph.\n\n- first item\n- second item, longer now\n- third');
    assert.equal(container.querySelector('ul'), list, 'the list element is kept');
    assert.equal(container.querySelector('li'), firstItem, 'the finished item is kept');
    assert.equal(container.querySelectorAll('li').length, 3);
    assert.equal(htmlWithoutTail(container), fullRenderHtml(win, renderer, 'Intro paragraph.\n\n- first item\n- second item, longer now\n- third'));
  });

  it('groups finished blocks while streaming and leaves exactly the one-shot DOM when finished', () => {
    const text = Array.from({ length: 120 }, (_, i) => (i % 10 === 0 ? `## Part ${i}` : `Paragraph ${i} with **bold** text.`)).join('\n\n');
    const container = win.document.createElement('div');
    const stream = new MarkdownStream(container, renderer);
    let received = '';
    for (const chunk of randomChunks(text, seededRandom(11), 40)) {
      received += chunk;
      stream.update(received);
    }
    assert.ok(container.querySelectorAll(':scope > .md-part').length > 1, 'finished blocks are grouped');
    assert.ok(container.children.length < 20, `the container has few children while streaming (${container.children.length})`);
    assert.equal(htmlWithoutTail(container), fullRenderHtml(win, renderer, text));
    stream.finish();
    assert.equal(container.querySelector('.md-part, .md-tail'), null, 'no wrappers are left');
    assert.equal(container.innerHTML, fullRenderHtml(win, renderer, text));
  });

  it('keeps a selection made in a finished block when the answer finishes', () => {
    const container = win.document.createElement('div');
    win.document.body.append(container);
    const stream = new MarkdownStream(container, renderer);
    const text = Array.from({ length: 60 }, (_, i) => `Paragraph number ${i}.`).join('\n\n');
    stream.update(text);
    const target = Array.from(container.querySelectorAll('p')).find((p) => p.textContent === 'Paragraph number 7.')!;
    const selection = win.getSelection()!;
    selection.setBaseAndExtent(target.firstChild!, 2, target.firstChild!, 9);
    stream.finish();
    assert.equal(selection.toString(), 'ragraph');
    assert.equal(selection.anchorNode, target.firstChild);
    container.remove();
  });

  it('does not commit a list while the next line could still continue it', () => {
    const renderer2 = makeRenderer(win);
    const tokens = renderer2.lex('1. a\n\n2');
    assert.equal(stableBlockCount(tokens, '1. a\n\n2'.length).tokens, 0);
    const complete = renderer2.lex('1. a\n\nText\n');
    assert.equal(stableBlockCount(complete, '1. a\n\nText\n'.length).tokens, 2);
  });
});
