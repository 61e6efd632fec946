// How amounts of money (yuan) are written, the same in the host (status bar, log) and the chat
// webview. Pure: no vscode, no DOM.

/**
 * `¥1.23`, `¥0.0042`, `¥0` — two decimals from ¥1 up, four below, `<¥0.0001` for a cost that is
 * not zero but rounds to it. `unit: false` leaves the ¥ sign out (an amount whose currency the
 * service does not say).
 */
export function formatYuan(yuan: number, unit = true): string {
  const sign = unit ? '¥' : '';
  if (!Number.isFinite(yuan)) return `${sign}?`;
  if (yuan === 0) return `${sign}0`;
  const abs = Math.abs(yuan);
  if (abs < 0.0001) return `<${sign}0.0001`;
  const text = abs < 1 ? abs.toFixed(4) : abs.toFixed(2);
  return `${yuan < 0 ? '-' : ''}${sign}${text}`;
}

/** A sum of estimates (¥): the known part and how many were unknown (`yuan` absent). */
export interface CostTotal {
  /** Sum of the known estimates. */
  yuan: number;
  /** How many estimates were known (a free model's ¥0 included). */
  known: number;
  unknown: number;
}

export function sumCosts(costs: Iterable<{ yuan?: number } | undefined>): CostTotal {
  const total: CostTotal = { yuan: 0, known: 0, unknown: 0 };
  for (const cost of costs) {
    if (!cost) continue;
    if (cost.yuan === undefined) {
      total.unknown++;
    } else {
      total.known++;
      total.yuan += cost.yuan;
    }
  }
  return total;
}
