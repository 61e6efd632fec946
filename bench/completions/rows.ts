// Table rows for inline completion.
import { fmt, type Row } from '../lib/table';
import type { CompletionsResult } from './bench';

const pct = (n: number): string => `${(n * 100).toFixed(1)} %`;

export function completionsRows(r: CompletionsResult): Row[] {
  const perHundred = (n: number): number => (n * 100) / r.typing.chars;
  const ours = perHundred(r.typing.requests);
  const rec = r.recovery.recovered / r.recovery.answers;
  const wrong = r.recovery.madeWrong / r.recovery.spans;
  return [
    {
      measure: `Inline completion: prompt building + post-processing per request, ${fmt.int(r.cost.lines)}-line file (p95 over ${r.cost.samples} cursors, fastest of 3 each)`,
      ours: `${fmt.ms(r.cost.p95Ms)} (median ${fmt.ms(r.cost.medianMs)})`,
      baseline: `${fmt.ms(r.cost.baselineP95Ms)} (character cut, trim only)`,
      ratio: fmt.ratio(r.cost.p95Ms / r.cost.baselineP95Ms),
      target: '≤ 5 ms',
      verdict: r.cost.p95Ms <= 5 ? 'pass' : 'miss',
    },
    {
      measure: `Inline completion: requests per 100 typed characters (${fmt.int(r.typing.chars)} keys replayed, ${Math.round(r.typing.seconds)} s)`,
      ours: `${ours.toFixed(1)} (${r.typing.typedThrough} typed through, ${r.typing.cacheHits} cached)`,
      baseline: `${perHundred(r.typing.baselineRequests).toFixed(1)} (one per key)`,
      ratio: fmt.ratio(r.typing.requests / r.typing.baselineRequests),
      target: '≤ 10',
      verdict: ours <= 10 ? 'pass' : 'miss',
    },
    {
      measure: `Inline completion: noisy answers recovered exactly (${fmt.int(r.recovery.answers)} answers on ${fmt.int(r.recovery.spans)} axios spans)`,
      ours: pct(rec),
      baseline: `${pct(r.recovery.baselineRecovered / r.recovery.answers)} (whitespace trimmed only)`,
      ratio: '—',
      target: '≥ 95 %',
      verdict: rec >= 0.95 ? 'pass' : 'miss',
    },
    {
      measure: 'Inline completion: correct answers made wrong by post-processing',
      ours: `${pct(wrong)} (${r.recovery.madeWrong} of ${fmt.int(r.recovery.spans)})`,
      baseline: '—',
      ratio: '—',
      target: '≤ 1 %',
      verdict: wrong <= 0.01 ? 'pass' : 'miss',
    },
  ];
}
