// Table rows for the decode section.
import { median } from '../lib/stats';
import { fmt, type Row } from '../lib/table';
import type { DecodeResult, ReaderResult } from './bench';

const TARGETS: Record<string, { ratio: number; against: string; label: string }> = {
  openai: { ratio: 3, against: 'openai package', label: '/chat/completions' },
  anthropic: { ratio: 1.5, against: '@anthropic-ai/sdk', label: '/messages' },
};

const speed = (r: ReaderResult): string =>
  r.status === 'ok' && r.eventsPerSec !== undefined && r.mbPerSec !== undefined
    ? `${fmt.int(r.eventsPerSec)} ev/s, ${r.mbPerSec.toFixed(1)} MB/s${r.sane ? '' : ' (WRONG TEXT)'}`
    : (r.note ?? r.status);

/**
 * theirs ÷ ours time, taken within each round (the readers of a round run back to back) and then
 * the median: a burst of load elsewhere then slows both sides of a ratio alike.
 */
export function perRoundRatio(theirs: ReaderResult, ours: ReaderResult): number | undefined {
  if (theirs.status !== 'ok' || ours.status !== 'ok' || !theirs.runsMs || !ours.runsMs) return undefined;
  const rounds = Math.min(theirs.runsMs.length, ours.runsMs.length);
  if (rounds === 0) return undefined;
  return median(Array.from({ length: rounds }, (_, k) => theirs.runsMs![k] / ours.runsMs![k]));
}

export function decodeRows(result: DecodeResult): Row[] {
  const rows: Row[] = [];
  for (const p of result.protocols) {
    const target = TARGETS[p.protocol];
    const ours = p.readers.find((r) => r.name.startsWith('ours'));
    const theirs = p.readers.find((r) => r.name === target.against);
    const lean = p.readers.find((r) => r.name.startsWith('lean'));
    const ratio = ours && theirs ? perRoundRatio(theirs, ours) : undefined;
    rows.push({
      measure: `Decode ${target.label} (${fmt.int(p.events)} events, ${(p.bytes / 1e6).toFixed(1)} MB)`,
      ours: ours ? speed(ours) : 'missing',
      baseline: theirs ? `${target.against}: ${speed(theirs)}` : 'missing',
      ratio: ratio === undefined ? '—' : fmt.ratio(ratio),
      target: `≥ ${target.ratio}× ${target.against}`,
      verdict: ratio === undefined ? 'pending' : ratio >= target.ratio && ours!.sane ? 'pass' : 'miss',
    });
    if (lean && theirs?.status === 'ok' && lean.status === 'ok') {
      rows.push({
        measure: `  reference: lean fetch+parser+JSON.parse loop, ${target.label}`,
        ours: speed(lean),
        baseline: target.against,
        ratio: fmt.ratio(perRoundRatio(theirs, lean) ?? Number.NaN),
        target: '(context: JSON.parse of every event)',
        verdict: 'info',
      });
    }
  }
  return rows;
}
