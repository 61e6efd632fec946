// Every CommonMark spec example (commonmark-spec 0.31.2, a dev dependency, CC-BY-SA-4.0) fed to the
// incremental renderer character by character and in random chunks ends as exactly the one-shot
// render. The one-shot render differs from plain `marked` by policy (images are not loaded, raw
// HTML is text, links get a title and open through the host, code blocks get a header, math is
// typeset); the count is printed for the record.
import { strict as assert } from 'node:assert';
import { Marked } from 'marked';
import { MarkdownStream } from '../../src/webview/markdownStream';
import { fullRenderHtml, makeRenderer, makeWindow, randomChunks, seededRandom } from './webview-renderer-helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const spec = require('commonmark-spec') as { tests: { markdown: string; html: string; number: number; section: string }[] };

describe('CommonMark spec examples: incremental = one-shot', function () {
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

  it(`all ${spec.tests.length} examples, character by character and in random chunks`, () => {
    const random = seededRandom(652);
    const mismatches: number[] = [];
    for (const example of spec.tests) {
      const expected = fullRenderHtml(win, renderer, example.markdown);
      const byChar = streamed(example.markdown.split(''));
      const byChunks = streamed(randomChunks(example.markdown, random, 8));
      if (byChar !== expected || byChunks !== expected) mismatches.push(example.number);
    }
    assert.deepEqual(mismatches, [], `examples whose streamed render differs: ${mismatches.join(', ')}`);
  });

  it('records how many examples the one-shot render differs from plain marked on (policies)', () => {
    const plain = new Marked({ gfm: true });
    let differs = 0;
    for (const example of spec.tests) {
      const holder = win.document.createElement('div');
      holder.innerHTML = plain.parse(example.markdown) as string;
      if (holder.innerHTML !== fullRenderHtml(win, renderer, example.markdown)) differs++;
    }
    console.log(`      one-shot render ≠ plain marked on ${differs} of ${spec.tests.length} CommonMark examples`);
    assert.ok(differs < spec.tests.length);
  });
});
