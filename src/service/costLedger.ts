// Today's total cost, kept across reloads and windows in the extension's global state. Pure apart
// from the Memento-shaped store it is given, so it is unit-tested in plain Node.
import type { CostEstimate } from './pricing';

/** The small part of vscode.Memento the ledger uses. */
export interface LedgerStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** What was spent on one local calendar day. */
export interface DayTotal {
  /** Local date, `YYYY-MM-DD`. */
  day: string;
  /** Sum of the known estimates, ¥. */
  yuan: number;
  /** Requests whose model had no known price (not counted in `yuan`). */
  unknown: number;
  requests: number;
}

const KEY = 'siliconflow.cost.today';

/** `YYYY-MM-DD` of `date` in local time (a user's "today", not UTC's). */
export function localDay(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function isDayTotal(v: unknown): v is DayTotal {
  if (typeof v !== 'object' || v === null) return false;
  const d = v as Record<string, unknown>;
  const count = (n: unknown): boolean => typeof n === 'number' && Number.isFinite(n) && n >= 0;
  return typeof d.day === 'string' && count(d.yuan) && count(d.unknown) && count(d.requests);
}

export class CostLedger {
  constructor(
    private readonly store: LedgerStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Today's total; a total stored on an earlier day counts as nothing spent yet today. */
  today(): DayTotal {
    const day = localDay(this.now());
    const stored = this.store.get<unknown>(KEY);
    return isDayTotal(stored) && stored.day === day ? stored : { day, yuan: 0, unknown: 0, requests: 0 };
  }

  /** Adds one request's estimate to today's total and stores it; returns the new total. */
  async add(cost: CostEstimate): Promise<DayTotal> {
    const current = this.today();
    const next: DayTotal = {
      day: current.day,
      yuan: current.yuan + (cost.yuan ?? 0),
      unknown: current.unknown + (cost.yuan === undefined ? 1 : 0),
      requests: current.requests + 1,
    };
    await this.store.update(KEY, next);
    return next;
  }
}
