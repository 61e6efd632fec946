// The results table: one row per measure, with its baseline from the same run, the target and
// whether it was met. Printed as markdown so the same text goes into the README.
export type Verdict = 'pass' | 'miss' | 'pending' | 'info';

export interface Row {
  measure: string;
  ours: string;
  baseline: string;
  ratio: string;
  target: string;
  verdict: Verdict;
}

export function formatTable(rows: readonly Row[]): string {
  const header: Row = { measure: 'Measure', ours: 'Ours', baseline: 'Baseline (same run)', ratio: 'Ratio', target: 'Target', verdict: 'info' };
  const cells = (r: Row, isHeader = false): string[] => [
    r.measure, r.ours, r.baseline, r.ratio, r.target, isHeader ? 'Result' : r.verdict === 'info' ? '' : r.verdict,
  ];
  const all = [cells(header, true), ...rows.map((r) => cells(r))];
  const widths = all[0].map((_, col) => Math.max(...all.map((line) => width(line[col]))));
  const line = (values: string[]): string =>
    `| ${values.map((v, col) => v + ' '.repeat(widths[col] - width(v))).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(all[0]), rule, ...all.slice(1).map(line)].join('\n');
}

/** Display width: CJK characters take two columns in a terminal. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

export const fmt = {
  int: (n: number): string => Math.round(n).toLocaleString('en-US'),
  ms: (n: number): string => (n >= 100 ? `${Math.round(n).toLocaleString('en-US')} ms` : `${n.toFixed(n >= 10 ? 1 : 2)} ms`),
  ratio: (n: number): string => `${n.toFixed(n >= 10 ? 1 : 2)}×`,
  bytes: (n: number): string => `${n.toLocaleString('en-US')} B`,
};
