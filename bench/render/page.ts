// Runs inside headless Chromium (bundled by esbuild). Streams a markdown answer chunk by chunk into
// a DOM element, either through the chat's real incremental renderer or through a full re-render
// of the whole text with the same markdown renderer (same marked options, highlight.js languages,
// DOMPurify allow-list and code-block decoration), and times each chunk.
//
// What one chunk's time is: performance.now() around (1) the renderer's update call with the text
// so far and (2) a read of `offsetHeight`, which forces the style recalculation and layout the
// browser would otherwise do before the next frame. Paint and compositing are not included (they
// happen off the main thread's JS and are about the same for both). Between chunks the page
// yields to the event loop (a MessageChannel hop, untimed), as it would between host messages.
import { createMarkdownRenderer } from '../../src/webview/markdown';
import { MarkdownStream } from '../../src/webview/markdownStream';

export type RenderMode = 'incremental' | 'full';

export interface PageRunResult {
  /** Time per timed chunk, in ms. */
  durations: number[];
  /** Index of the chunk each duration belongs to. */
  timedChunks: number[];
  /** The final DOM equals a one-shot render of the whole text. */
  sameAsOneShot: boolean;
  finalHtmlChars: number;
}

export interface PageRunOptions {
  mode: RenderMode;
  chunks: string[];
  /** Time every chunk (1) or every n-th (the full re-render's cost depends only on the text so far). */
  stride: number;
}

const yieldToEventLoop = (() => {
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(0);
    });
})();

function freshContainer(): HTMLElement {
  document.getElementById('answer')?.remove();
  const container = document.createElement('div');
  container.id = 'answer';
  container.className = 'markdown'; // as AssistantMessageView creates it, so chat.css applies
  document.querySelector('article')?.append(container);
  return container;
}

function oneShotHtml(text: string): string {
  const probe = document.createElement('div');
  probe.append(createMarkdownRenderer(window).renderAll(text));
  return probe.innerHTML;
}

async function run(options: PageRunOptions): Promise<PageRunResult> {
  const container = freshContainer();
  const renderer = createMarkdownRenderer(window);
  const stream = options.mode === 'incremental' ? new MarkdownStream(container, renderer) : undefined;
  const durations: number[] = [];
  const timedChunks: number[] = [];
  let text = '';
  for (let i = 0; i < options.chunks.length; i++) {
    text += options.chunks[i];
    const last = i === options.chunks.length - 1;
    if (stream) {
      const start = performance.now();
      stream.update(text);
      void container.offsetHeight; // forced style + layout, inside the timing
      durations.push(performance.now() - start);
      timedChunks.push(i);
    } else if ((i + 1) % options.stride === 0 || last) {
      const start = performance.now();
      container.replaceChildren(renderer.renderAll(text));
      void container.offsetHeight;
      durations.push(performance.now() - start);
      timedChunks.push(i);
    }
    await yieldToEventLoop();
  }
  stream?.finish();
  const html = container.innerHTML;
  return { durations, timedChunks, sameAsOneShot: html === oneShotHtml(text), finalHtmlChars: html.length };
}

/** Reopening a stored answer: one one-shot render of the whole text plus layout, as the chat does on `session`; ms per try. */
async function reopen(text: string, tries: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < tries; i++) {
    const container = freshContainer();
    const start = performance.now();
    const stream = new MarkdownStream(container, createMarkdownRenderer(window));
    stream.update(text);
    stream.finish();
    void container.offsetHeight;
    times.push(performance.now() - start);
    await yieldToEventLoop();
  }
  return times;
}

declare global {
  interface Window {
    benchRender: (options: PageRunOptions) => Promise<PageRunResult>;
    benchReopen: (text: string, tries: number) => Promise<number[]>;
  }
}
window.benchRender = run;
window.benchReopen = reopen;
