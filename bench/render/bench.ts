// Section 2: streaming render cost in headless Chromium. The chat's real incremental renderer
// against a full re-render of the whole answer on every chunk, at 40k and 80k characters.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { percentile, sum } from '../lib/stats';
import { chunksOf, markdownAnswer } from './corpus';
import type { PageRunOptions, PageRunResult, RenderMode } from './page';
import { CHROMIUM_PATH, findChromium, type Page } from './playwright';

const ROOT = join(__dirname, '..', '..');

export interface ModeResult {
  mode: RenderMode;
  /** Every `stride`-th chunk was timed; the total is then mean × chunks (the cost of a full re-render depends only on the text so far). */
  stride: number;
  timedChunks: number;
  runsTotalMs: number[];
  /** Total for all chunks: the median run (measured, or estimated from the stride sample). */
  totalMs: number;
  meanMs: number;
  p95Ms: number;
  maxMs: number;
  sameAsOneShot: boolean;
}

export interface RenderCase {
  chars: number;
  chunks: number;
  codeBlocks: number;
  incremental: ModeResult;
  full: ModeResult;
}

export type RenderResult =
  | { status: 'ok'; chromium: string; measured: string; cases: RenderCase[] }
  | { status: 'pending'; note: string };

const MEASURED =
  'per chunk: performance.now() around MarkdownStream.update(textSoFar) (or, for the baseline, ' +
  'container.replaceChildren(renderAll(textSoFar))) plus a forced style+layout (offsetHeight read); ' +
  'paint/composite excluded; the page yields to the event loop between chunks (untimed).';

async function bundlePage(): Promise<string> {
  const out = await esbuild.build({
    entryPoints: [join(__dirname, 'page.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true, // as the shipped webview bundle is built
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

function pageHtml(script: string): string {
  // The chat's own stylesheet, so layout costs what it costs in the chat view.
  const cssFile = join(ROOT, 'media', 'chat.css');
  const css = existsSync(cssFile) ? readFileSync(cssFile, 'utf8') : '';
  // `</script` cannot appear inside an inline script; the bundle is escaped defensively.
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><style>${css}</style></head><body><main class="messages"><article class="message assistant"></article></main><script>${script.replace(/<\/script/gi, '<\\/script')}</script></body></html>`;
}

const runInPage = (page: Page, options: PageRunOptions): Promise<PageRunResult> =>
  page.evaluate((o: PageRunOptions) => window.benchRender(o), options);

function summarize(mode: RenderMode, stride: number, chunks: number, runs: PageRunResult[]): ModeResult {
  const totals = runs.map((r) => (stride === 1 ? sum(r.durations) : (sum(r.durations) / r.durations.length) * chunks));
  const order = totals.map((t, i) => ({ t, i })).sort((a, b) => a.t - b.t);
  const middle = order[Math.floor(order.length / 2)];
  const chosen = runs[middle.i];
  return {
    mode,
    stride,
    timedChunks: chosen.durations.length,
    runsTotalMs: totals,
    totalMs: middle.t,
    meanMs: sum(chosen.durations) / chosen.durations.length,
    p95Ms: percentile(chosen.durations, 95),
    maxMs: Math.max(...chosen.durations),
    sameAsOneShot: runs.every((r) => r.sameAsOneShot),
  };
}

async function measureMode(
  page: Page,
  mode: RenderMode,
  chunks: string[],
  stride: number,
  runs: number,
  log: (line: string) => void,
): Promise<ModeResult> {
  // Warm-up in the same page: JIT, highlight.js grammar compilation, style sheet caches.
  await runInPage(page, { mode, chunks: chunks.slice(0, Math.min(chunks.length, mode === 'full' ? 200 : 1000)), stride });
  const results: PageRunResult[] = [];
  for (let r = 0; r < runs; r++) {
    results.push(await runInPage(page, { mode, chunks, stride }));
    log(`  render ${mode} ${chunks.length} chunks: run ${r + 1}/${runs}`);
  }
  return summarize(mode, stride, chunks.length, results);
}

export async function benchRender(opts: { quick: boolean; log: (line: string) => void }): Promise<RenderResult> {
  if (!existsSync(join(ROOT, 'src', 'webview', 'markdownStream.ts'))) {
    return { status: 'pending', note: 'pending: incremental renderer src/webview/markdownStream.ts' };
  }
  const chromium = findChromium();
  if (typeof chromium === 'string') return { status: 'pending', note: chromium };
  let script: string;
  try {
    script = await bundlePage();
  } catch (e) {
    return { status: 'pending', note: `pending: the renderer does not bundle yet (${e instanceof Error ? e.message.split('\n')[0] : String(e)})` };
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-extensions', '--no-first-run'],
  });
  try {
    const scale = opts.quick ? 0.25 : 1;
    const sizes = [
      { chars: 40_000 * scale, chunks: 2_000 * scale, codeBlocks: Math.round(30 * scale), fullStride: 2 },
      { chars: 80_000 * scale, chunks: 4_000 * scale, codeBlocks: Math.round(60 * scale), fullStride: 8 },
    ];
    const cases: RenderCase[] = [];
    for (const size of sizes) {
      const text = markdownAnswer(size.chars, size.codeBlocks, 4242);
      const chunks = chunksOf(text, size.chunks, 2424);
      const page = await browser.newPage({ viewport: { width: 420, height: 900 } }); // a sidebar's size
      const errors: Error[] = [];
      page.on('pageerror', (e) => errors.push(e));
      await page.setContent(pageHtml(script));
      if (errors.length > 0) throw errors[0];
      const incremental = await measureMode(page, 'incremental', chunks, 1, 5, opts.log);
      const full = await measureMode(page, 'full', chunks, size.fullStride, 1, opts.log);
      await page.close();
      cases.push({ chars: text.length, chunks: chunks.length, codeBlocks: size.codeBlocks, incremental, full });
    }
    return { status: 'ok', chromium: browser.version(), measured: MEASURED, cases };
  } finally {
    await browser.close();
  }
}
