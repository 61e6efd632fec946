// Section 2: streaming render cost in headless Chromium. The chat's real incremental renderer
// against a full re-render of the whole answer on every chunk, at 40k and 80k characters.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { median, percentile, sum } from '../lib/stats';
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

/**
 * A long code block: one word of 120 KB (the pathological case for highlight.js) or 500 KB, or 500 KB
 * of ordinary lines; the worst frame while it streams and when it is reopened.
 */
export interface LongWordResult {
  chars: number;
  shape: 'one word' | 'lines';
  language: string;
  chunks: number;
  /** Worst single update while streaming, and the 95th percentile, in ms. */
  streamMaxMs: number;
  streamP95Ms: number;
  /** Worst of the reopen tries (one-shot render of the stored answer), in ms. */
  reopenMaxMs: number;
  sameAsOneShot: boolean;
}

export type RenderResult =
  | {
      status: 'ok';
      longWord: LongWordResult[];
      chromium: string;
      measured: string;
      cases: RenderCase[];
      /** Incremental total at twice the length ÷ at the base length, per round (both run in each round). */
      growthPerRound: number[];
      /** Median of growthPerRound. */
      growth: number;
    }
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

async function warmUp(page: Page, mode: RenderMode, chunks: string[], stride: number): Promise<void> {
  // In the same page: JIT, highlight.js grammar compilation, style sheet caches.
  await runInPage(page, { mode, chunks: chunks.slice(0, Math.min(chunks.length, mode === 'full' ? 200 : 1000)), stride });
}

interface Size {
  chars: number;
  chunks: number;
  codeBlocks: number;
  fullStride: number;
}

interface OpenCase {
  size: Size;
  text: string;
  chunks: string[];
  page: Page;
}

async function openCase(script: string, size: Size, newPage: () => Promise<Page>): Promise<OpenCase> {
  const text = markdownAnswer(size.chars, size.codeBlocks, 4242);
  const chunks = chunksOf(text, size.chunks, 2424);
  const page = await newPage();
  const errors: Error[] = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.setContent(pageHtml(script));
  if (errors.length > 0) throw errors[0];
  return { size, text, chunks, page };
}

const INCREMENTAL_ROUNDS = 5;

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
    const sizes: Size[] = [
      { chars: 40_000 * scale, chunks: 2_000 * scale, codeBlocks: Math.round(30 * scale), fullStride: 2 },
      { chars: 80_000 * scale, chunks: 4_000 * scale, codeBlocks: Math.round(60 * scale), fullStride: 8 },
    ];
    const newPage = (): Promise<Page> => browser.newPage({ viewport: { width: 420, height: 900 } }); // a sidebar's size
    const open: OpenCase[] = [];
    for (const size of sizes) open.push(await openCase(script, size, newPage));
    for (const c of open) await warmUp(c.page, 'incremental', c.chunks, 1);
    // Both lengths in every round, so a burst of load elsewhere hits both and the growth ratio
    // (taken per round, then the median) stays meaningful on a shared machine.
    const incrementalRuns: PageRunResult[][] = open.map(() => []);
    for (let round = 0; round < INCREMENTAL_ROUNDS; round++) {
      for (let i = 0; i < open.length; i++) {
        incrementalRuns[i].push(await runInPage(open[i].page, { mode: 'incremental', chunks: open[i].chunks, stride: 1 }));
      }
      opts.log(`  render incremental, both lengths: round ${round + 1}/${INCREMENTAL_ROUNDS}`);
    }
    const cases: RenderCase[] = [];
    for (let i = 0; i < open.length; i++) {
      const { size, text, chunks, page } = open[i];
      await warmUp(page, 'full', chunks, size.fullStride);
      const full = await runInPage(page, { mode: 'full', chunks, stride: size.fullStride });
      opts.log(`  render full re-render, ${chunks.length} chunks (1 chunk in ${size.fullStride} timed)`);
      await page.close();
      cases.push({
        chars: text.length,
        chunks: chunks.length,
        codeBlocks: size.codeBlocks,
        incremental: summarize('incremental', 1, chunks.length, incrementalRuns[i]),
        full: summarize('full', size.fullStride, chunks.length, [full]),
      });
    }
    const perRound = incrementalRuns[1].map((r, k) => sum(r.durations) / sum(incrementalRuns[0][k].durations));
    const longWord: LongWordResult[] = [];
    const longCases: { shape: 'one word' | 'lines'; language: string; chars: number }[] = [
      { shape: 'one word', language: 'js', chars: 120_000 },
      { shape: 'one word', language: 'java', chars: 120_000 },
      { shape: 'one word', language: 'js', chars: 500_000 },
      { shape: 'lines', language: 'js', chars: 500_000 },
    ];
    for (const { shape, language, chars: fullChars } of longCases) {
      const chars = opts.quick ? fullChars / 4 : fullChars;
      const line = 'const value = compute(1, 2, "text"); // a comment\n';
      const body = shape === 'one word' ? 'a'.repeat(chars) : line.repeat(Math.ceil(chars / line.length)).slice(0, chars);
      const text = `A long block:\n\n\`\`\`${language}\n${body}\n\`\`\`\n\nDone.`;
      const chunks = chunksOf(text, opts.quick ? 500 : 2_000, 77);
      const page = await newPage();
      await page.setContent(pageHtml(script));
      await runInPage(page, { mode: 'incremental', chunks: chunks.slice(0, 50), stride: 1 });
      const streamed = await runInPage(page, { mode: 'incremental', chunks, stride: 1 });
      const reopened = await page.evaluate(([t, n]: [string, number]) => window.benchReopen(t, n), [text, 5] as [string, number]);
      await page.close();
      longWord.push({
        chars,
        shape,
        language,
        chunks: chunks.length,
        streamMaxMs: Math.max(...streamed.durations),
        streamP95Ms: percentile(streamed.durations, 95),
        reopenMaxMs: Math.max(...reopened),
        sameAsOneShot: streamed.sameAsOneShot,
      });
      opts.log(`  render long block (${shape}, ${chars / 1000} KB, ${language}): worst frame ${Math.max(...streamed.durations).toFixed(1)} ms streaming, ${Math.max(...reopened).toFixed(1)} ms reopening`);
    }
    return { status: 'ok', chromium: browser.version(), measured: MEASURED, cases, longWord, growthPerRound: perRound, growth: median(perRound) };
  } finally {
    await browser.close();
  }
}
