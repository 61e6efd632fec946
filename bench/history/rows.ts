// Table rows for the chat-history section.
import { fmt, type Row } from '../lib/table';
import type { HistoryResult } from './bench';

/** A save beside 1,000 conversations may cost at most this much more than beside 20. */
const TARGET_RATIO = 2;

export function historyRows(result: HistoryResult): Row[] {
  const ratio = result.saveMs.many / result.saveMs.few;
  return [
    {
      measure: `Chat history: save a new conversation beside ${fmt.int(result.sessions.many)} stored (median of ${result.saves})`,
      ours: fmt.ms(result.saveMs.many),
      baseline: `${fmt.ms(result.saveMs.few)} beside ${result.sessions.few}`,
      ratio: fmt.ratio(ratio),
      target: `< ${TARGET_RATIO}× (O(1) per save)`,
      verdict: ratio < TARGET_RATIO ? 'pass' : 'miss',
    },
  ];
}
