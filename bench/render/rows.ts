// Table rows for the render section.
import { fmt, type Row } from '../lib/table';
import type { RenderCase, RenderResult } from './bench';

const TARGET = { ratio: 30, p95Ms: 1.5, growth: 2.2, frameMs: 50 };

const label = (c: RenderCase): string => `${(c.chars / 1000).toFixed(0)}k chars / ${fmt.int(c.chunks)} chunks`;
const sampled = (c: RenderCase): string =>
  c.full.stride === 1 ? '' : `, est. from 1 chunk in ${c.full.stride}`;
const wrong = (ok: boolean): string => (ok ? '' : ' (DOM ≠ one-shot render)');

export function renderRows(result: RenderResult): Row[] {
  if (result.status !== 'ok') {
    const pending = (measure: string, target: string): Row => ({ measure, ours: result.note, baseline: '—', ratio: '—', target, verdict: 'pending' });
    return [
      pending('Render 40k chars / 2,000 chunks: total', `≥ ${TARGET.ratio}× cheaper`),
      pending('Render p95 per chunk (40k)', `≤ ${TARGET.p95Ms} ms`),
      pending('Render growth at twice the length', `≤ ${TARGET.growth}×`),
    ];
  }
  const rows: Row[] = [];
  const [base, double] = result.cases;
  for (const c of result.cases) {
    const ratio = c.full.totalMs / c.incremental.totalMs;
    rows.push({
      measure: `Render ${label(c)}: total scripting+layout`,
      ours: `${fmt.ms(c.incremental.totalMs)}${wrong(c.incremental.sameAsOneShot)}`,
      baseline: `full re-render: ${fmt.ms(c.full.totalMs)}${sampled(c)}${wrong(c.full.sameAsOneShot)}`,
      ratio: fmt.ratio(ratio),
      target: c === base ? `≥ ${TARGET.ratio}× cheaper` : '(context)',
      verdict: c === base ? (ratio >= TARGET.ratio && c.incremental.sameAsOneShot ? 'pass' : 'miss') : 'info',
    });
    rows.push({
      measure: `Render ${label(c)}: p95 per chunk`,
      ours: `${fmt.ms(c.incremental.p95Ms)} (mean ${fmt.ms(c.incremental.meanMs)})`,
      baseline: `${fmt.ms(c.full.p95Ms)} (mean ${fmt.ms(c.full.meanMs)})`,
      ratio: fmt.ratio(c.full.p95Ms / c.incremental.p95Ms),
      target: c === base ? `≤ ${TARGET.p95Ms} ms` : '(context)',
      verdict: c === base ? (c.incremental.p95Ms <= TARGET.p95Ms ? 'pass' : 'miss') : 'info',
    });
  }
  for (const w of result.longWord) {
    const worst = Math.max(w.streamMaxMs, w.reopenMaxMs);
    rows.push({
      measure: `Render a ${(w.chars / 1000).toFixed(0)} KB \`${w.language}\` block of ${w.shape === 'lines' ? 'ordinary lines' : 'one word'}: worst frame streaming (${fmt.int(w.chunks)} chunks) / reopening`,
      ours: `${fmt.ms(w.streamMaxMs)} (p95 ${fmt.ms(w.streamP95Ms)}) / ${fmt.ms(w.reopenMaxMs)}${wrong(w.sameAsOneShot)}`,
      baseline: '—',
      ratio: '—',
      target: `≤ ${TARGET.frameMs} ms`,
      verdict: worst <= TARGET.frameMs && w.sameAsOneShot ? 'pass' : 'miss',
    });
  }
  if (base && double) {
    rows.push({
      measure: 'Render growth at twice the length (80k/40k total, median per round)',
      ours: fmt.ratio(result.growth),
      baseline: `full re-render: ${fmt.ratio(double.full.totalMs / base.full.totalMs)}`,
      ratio: '—',
      target: `≤ ${TARGET.growth}×`,
      verdict: result.growth <= TARGET.growth ? 'pass' : 'miss',
    });
  }
  return rows;
}
