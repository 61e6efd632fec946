// Shared set-up for the webview renderer tests: a jsdom window and a deterministic random source.
import { strict as assert } from 'node:assert';
import { JSDOM } from 'jsdom';
import { MarkdownStream } from '../../src/webview/markdownStream';
import { createMarkdownRenderer, type MarkdownRenderer } from '../../src/webview/markdown';

export function makeWindow(options: { runScripts?: 'dangerously' } = {}): Window {
  const dom = new JSDOM('<!doctype html><html><body><div id="app"></div></body></html>', {
    pretendToBeVisual: true,
    ...options,
  });
  // KaTeX (math.ts) builds its nodes in the global document, as in the webview.
  (globalThis as { document?: Document }).document ??= dom.window.document;
  return dom.window as unknown as Window;
}

export function makeRenderer(win: Window): MarkdownRenderer {
  return createMarkdownRenderer(win);
}

/** The mock server's seeded PRNG (mulberry32), so a failing chunking can be reproduced from its seed. */
export { seededRandom } from '../mock-server/random';

/** Splits `text` into random pieces of 1..maxPiece characters. */
export function randomChunks(text: string, random: () => number, maxPiece: number): string[] {
  const chunks: string[] = [];
  let at = 0;
  while (at < text.length) {
    const size = 1 + Math.floor(random() * maxPiece);
    chunks.push(text.slice(at, at + size));
    at += size;
  }
  return chunks;
}

/**
 * HTML of a node with the streaming wrappers unwrapped: the open tail (`display: contents`) and the
 * groups of committed blocks (plain blocks that margins collapse through), which `finish` removes.
 */
export function htmlWithoutTail(container: Element): string {
  const clone = container.cloneNode(true) as Element;
  for (const wrapper of Array.from(clone.querySelectorAll('.md-part, .md-tail'))) wrapper.replaceWith(...Array.from(wrapper.childNodes));
  return clone.innerHTML;
}

export function fullRenderHtml(win: Window, renderer: MarkdownRenderer, markdown: string): string {
  const holder = win.document.createElement('div');
  holder.append(renderer.renderAll(markdown.replace(/\r\n?/g, '\n')));
  return holder.innerHTML;
}

/** The one-shot render of `markdown` inside a detached <div>, to query like the chat's DOM. */
export function renderToElement(win: Window, renderer: MarkdownRenderer, markdown: string): HTMLElement {
  const holder = win.document.createElement('div');
  holder.innerHTML = fullRenderHtml(win, renderer, markdown);
  return holder;
}

/**
 * Streams `answer` into a MarkdownStream char by char (size 1) and in random chunks of at most each
 * other size, asserting after every chunk that the settled part equals the one-shot render of what
 * arrived, and after finish() that the whole equals the one-shot render of the answer.
 */
export function assertStreamsLikeOneShot(win: Window, renderer: MarkdownRenderer, answer: string, random: () => number, sizes: number[]): void {
  const expected = fullRenderHtml(win, renderer, answer);
  for (const size of sizes) {
    const container = win.document.createElement('div');
    const stream = new MarkdownStream(container, renderer);
    let received = '';
    for (const chunk of size === 1 ? answer.split('') : randomChunks(answer, random, size)) {
      received += chunk;
      stream.update(received);
      assert.equal(htmlWithoutTail(container), fullRenderHtml(win, renderer, received), `after ${JSON.stringify(received.slice(-30))}`);
    }
    stream.finish();
    assert.equal(container.innerHTML, expected);
  }
}
