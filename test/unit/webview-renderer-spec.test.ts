// Every CommonMark spec example (commonmark-spec 0.31.2, a dev dependency, CC BY-SA 4.0) and every
// GitHub Flavored Markdown spec example (0.29-gfm, test/data/gfm-spec, CC BY-SA 4.0: the CommonMark
// base of its day plus tables, task lists, strikethrough, autolinks and the tag filter) fed to the
// incremental renderer character by character and in random chunks ends as exactly the one-shot
// render. The one-shot render differs from plain `marked` by policy (images are not loaded, raw
// HTML is text, links get a title and open through the host, code blocks get a header, math is
// typeset, task boxes are glyphs); how many examples differ, and by which policy, is printed for
// the record, and a difference no policy explains fails the test.
import { strict as assert } from 'node:assert';
import { Marked } from 'marked';
import { MarkdownStream } from '../../src/webview/markdownStream';
import { fullRenderHtml, makeRenderer, makeWindow, randomChunks, seededRandom } from './webview-renderer-helpers';

interface Example {
  markdown: string;
  number: number;
  section: string;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const commonMark = (require('commonmark-spec') as { tests: Example[] }).tests;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const gfm = (require('../data/gfm-spec/spec.json') as { markdown: string; example: number; section: string }[]).map((t) => ({ markdown: t.markdown, number: t.example, section: t.section }));
const SPECS: [string, Example[]][] = [['CommonMark 0.31.2', commonMark], ['GFM 0.29', gfm]];

/**
 * Which of our policies makes the one-shot render of `markdown` differ from plain marked, judged
 * from plain marked's HTML; undefined when none applies (a difference there is a fault).
 */
function policyOf(plainHtml: string, markdown: string): string | undefined {
  if (/<img\b/.test(plainHtml)) return 'images are not loaded';
  if (/<pre><code/.test(plainHtml)) return 'code blocks get a header and highlighting';
  if (/<a\b/.test(plainHtml)) return 'links get a title, unsafe schemes are dropped';
  if (/<input\b/.test(plainHtml)) return 'task boxes are glyphs';
  if (/\$|\\\(|\\\[/.test(markdown)) return 'math is typeset';
  if (/<[a-zA-Z/!?]/.test(markdown)) return 'raw HTML is shown as text';
  return undefined;
}

for (const [name, examples] of SPECS) describe(`${name} spec examples: incremental = one-shot`, function () {
  this.timeout(600_000);
  const win = makeWindow();
  const renderer = makeRenderer(win);

  function streamed(chunks: string[]): string {
    const container = win.document.createElement('div');
    const stream = new MarkdownStream(container, renderer);
    let text = '';
    for (const chunk of chunks) {
      text += chunk;
      stream.update(text);
    }
    stream.finish();
    return container.innerHTML;
  }

  it(`all ${examples.length} examples, character by character and in random chunks`, () => {
    const random = seededRandom(652);
    const mismatches: number[] = [];
    for (const example of examples) {
      const expected = fullRenderHtml(win, renderer, example.markdown);
      const byChar = streamed(example.markdown.split(''));
      const byChunks = streamed(randomChunks(example.markdown, random, 8));
      if (byChar !== expected || byChunks !== expected) mismatches.push(example.number);
    }
    assert.deepEqual(mismatches, [], `examples whose streamed render differs: ${mismatches.join(', ')}`);
  });

  it('differs from plain marked only where a policy says so; records how many and why', () => {
    const plain = new Marked({ gfm: true });
    const byPolicy = new Map<string, number>();
    const unexplained: number[] = [];
    for (const example of examples) {
      const holder = win.document.createElement('div');
      holder.innerHTML = plain.parse(example.markdown) as string;
      if (holder.innerHTML === fullRenderHtml(win, renderer, example.markdown)) continue;
      const policy = policyOf(holder.innerHTML, example.markdown);
      if (policy) byPolicy.set(policy, (byPolicy.get(policy) ?? 0) + 1);
      else unexplained.push(example.number);
    }
    const total = [...byPolicy.values()].reduce((a, b) => a + b, 0) + unexplained.length;
    console.log(`      one-shot render ≠ plain marked on ${total} of ${examples.length} ${name} examples: ${[...byPolicy].map(([p, n]) => `${n} ${p}`).join('; ')}`);
    assert.deepEqual(unexplained, [], 'examples that differ with no policy to explain it');
  });
});
