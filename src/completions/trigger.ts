// When an inline completion request really goes to the network. Typing fires the provider on
// every keystroke; this policy turns that into few requests: a debounce, every new keystroke
// aborting the request in flight (the client closes the socket), typing through a shown
// suggestion keeping its rest without a request, a cache of recent answers (back-space and
// retype cost nothing), and a circuit breaker that stops requests after failures that repeat
// (a refused key, a model that does not do FIM, rate limits) and reports its state once instead of
// an error per keystroke. Pure: time comes from a Clock, the network from a fetch function.
import { SiliconFlowError } from '../client';
import { isFimRefusal } from '../client/fim';

/** setTimeout / clearTimeout / now, so tests drive time by hand. */
export interface Clock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Milliseconds. */
  now(): number;
}

export const systemClock: Clock = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export type BreakerReason = 'auth' | 'refused' | 'rate_limit' | 'failing';

export type BreakerState =
  | { open: false }
  /** `until`: clock time (ms) of the next trial request; undefined = until reset() (key or model changed). */
  | { open: true; reason: BreakerReason; message: string; until?: number };

export interface TriggerOptions {
  /** Milliseconds of quiet typing before a request. */
  debounceMs: number;
  clock?: Clock;
  /** Answers kept (least recently used go first). Default 50. */
  cacheSize?: number;
  /** Consecutive transient failures (429, 503, timeouts, network) that open the breaker. Default 3. */
  failureThreshold?: number;
  /** First cool-down after transient failures, doubled each time up to 5 minutes. Default 30 s. */
  cooldownMs?: number;
  /** Fires on every change of the breaker's state (not per request). */
  onBreakerChange?: (state: BreakerState) => void;
  /** Fires with the number of requests in flight (0 or 1). */
  onBusyChange?: (busy: boolean) => void;
}

export interface CompletionQuery {
  /**
   * Where the cursor is, as text that grows as the user types: e.g. `uri:line:` + the line's text
   * before the cursor. A query whose position extends the one of the shown suggestion by the
   * suggestion's first characters is answered with the rest, without a request.
   */
  position: string;
  /** Identifies the request's content (model, prompt and suffix): equal keys get the cached answer. */
  cacheKey: string;
  /** Runs the request; resolves with the cleaned answer (undefined for nothing to show). */
  fetch: (signal: AbortSignal) => Promise<string | undefined>;
  /** Aborts this query (VS Code's cancellation token, a keystroke). */
  signal?: AbortSignal;
}

export interface TriggerStats {
  /** Requests sent to the network. */
  requests: number;
  /** Queries answered from the cache. */
  cacheHits: number;
  /** Queries answered by typing through a shown suggestion. */
  typedThrough: number;
  /** Queries dropped by the open breaker. */
  blocked: number;
}

const MAX_COOLDOWN_MS = 5 * 60_000;

/** Text typed since a suggestion was shown, when it is the start of that suggestion: the rest still applies. */
export function remainderAfterTyping(shownAt: string, suggestion: string, now: string): string | undefined {
  if (!now.startsWith(shownAt)) return undefined;
  const typed = now.slice(shownAt.length);
  if (typed === '' || typed.includes('\n') || !suggestion.startsWith(typed)) return undefined;
  const rest = suggestion.slice(typed.length);
  return rest.trim() === '' ? undefined : rest;
}

export class CompletionTrigger {
  readonly stats: TriggerStats = { requests: 0, cacheHits: 0, typedThrough: 0, blocked: 0 };
  private readonly clock: Clock;
  private readonly cache = new Map<string, string | undefined>();
  private shown: { position: string; text: string } | undefined;
  private pending: { cancel: () => void } | undefined;
  private inFlight: { key: string; controller: AbortController; answer: Promise<string | undefined> } | undefined;
  private failures = 0;
  private cooldowns = 0;
  private breaker: BreakerState = { open: false };

  constructor(private options: TriggerOptions) {
    this.clock = options.clock ?? systemClock;
  }

  get state(): BreakerState {
    return this.breaker;
  }

  /**
   * The suggestion for `query`, or undefined. Supersedes the previous query: its debounce ends
   * and its request is aborted. Never throws for network failures (they feed the breaker).
   */
  async complete(query: CompletionQuery): Promise<string | undefined> {
    // The same request asked again (VS Code re-asks for the same position): wait for the one in flight.
    const joined = this.inFlight && this.inFlight.key === query.cacheKey && !this.inFlight.controller.signal.aborted ? this.inFlight : undefined;
    this.pending?.cancel();
    if (joined) return joined.answer.then((a) => (query.signal?.aborted ? undefined : a));
    this.inFlight?.controller.abort();
    if (query.signal?.aborted) return undefined;

    if (this.shown) {
      const rest = remainderAfterTyping(this.shown.position, this.shown.text, query.position);
      if (rest !== undefined) {
        this.stats.typedThrough++;
        return rest;
      }
    }
    if (this.cache.has(query.cacheKey)) {
      const hit = this.cache.get(query.cacheKey);
      this.cache.delete(query.cacheKey);
      this.cache.set(query.cacheKey, hit);
      this.stats.cacheHits++;
      return hit;
    }
    if (this.breaker.open) {
      if (this.breaker.until === undefined || this.clock.now() < this.breaker.until) {
        this.stats.blocked++;
        return undefined;
      }
      // Cool-down over: this request is the trial (the breaker stays open until it succeeds).
    }

    if (!(await this.debounce(query.signal))) return undefined;

    const controller = new AbortController();
    const onAbort = (): void => controller.abort();
    query.signal?.addEventListener('abort', onAbort, { once: true });
    this.stats.requests++;
    this.options.onBusyChange?.(true);
    const flight = { key: query.cacheKey, controller, answer: this.run(query, controller.signal) };
    this.inFlight = flight;
    try {
      return await flight.answer;
    } finally {
      query.signal?.removeEventListener('abort', onAbort);
      if (this.inFlight === flight) {
        this.inFlight = undefined;
        this.options.onBusyChange?.(false);
      }
    }
  }

  private async run(query: CompletionQuery, signal: AbortSignal): Promise<string | undefined> {
    try {
      const answer = await query.fetch(signal);
      if (signal.aborted) return undefined;
      this.remember(query.cacheKey, answer);
      this.succeeded();
      return answer;
    } catch (err) {
      if (!signal.aborted) this.failed(err);
      return undefined;
    }
  }

  /** A changed debounce setting applies from the next query. */
  setDebounce(ms: number): void {
    this.options.debounceMs = ms;
  }

  /** Records what is on screen now, for typing through it (undefined: nothing is shown). */
  noteShown(position: string, text: string | undefined): void {
    this.shown = text === undefined ? undefined : { position, text };
  }

  /** Closes the breaker and forgets answers and failures (the key, the model or the base URL changed). */
  reset(): void {
    this.cache.clear();
    this.shown = undefined;
    this.failures = 0;
    this.cooldowns = 0;
    this.setBreaker({ open: false });
  }

  /** Stops the pending debounce and the request in flight. */
  cancel(): void {
    this.pending?.cancel();
    this.inFlight?.controller.abort();
  }

  private debounce(signal: AbortSignal | undefined): Promise<boolean> {
    return new Promise((resolve) => {
      const done = (go: boolean): void => {
        this.clock.clearTimeout(handle);
        signal?.removeEventListener('abort', onAbort);
        if (this.pending === entry) this.pending = undefined;
        resolve(go);
      };
      const onAbort = (): void => done(false);
      const entry = { cancel: () => done(false) };
      const handle = this.clock.setTimeout(() => done(true), this.options.debounceMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending = entry;
    });
  }

  private remember(key: string, answer: string | undefined): void {
    this.cache.set(key, answer);
    const max = this.options.cacheSize ?? 50;
    while (this.cache.size > max) this.cache.delete(this.cache.keys().next().value as string);
  }

  private succeeded(): void {
    this.failures = 0;
    this.cooldowns = 0;
    if (this.breaker.open) this.setBreaker({ open: false });
  }

  private failed(err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof SiliconFlowError && err.kind === 'cancelled') return;
    if (err instanceof SiliconFlowError && (err.kind === 'auth' || err.kind === 'forbidden')) {
      return this.setBreaker({ open: true, reason: 'auth', message });
    }
    if (isFimRefusal(err)) return this.setBreaker({ open: true, reason: 'refused', message });
    this.failures++;
    const threshold = this.options.failureThreshold ?? 3;
    // A trial after a cool-down that fails again reopens at once, for longer.
    if (this.failures < threshold && !this.breaker.open) return;
    const base = this.options.cooldownMs ?? 30_000;
    const wait = Math.min(MAX_COOLDOWN_MS, base * 2 ** this.cooldowns++);
    const reason: BreakerReason = err instanceof SiliconFlowError && err.kind === 'rate_limit' ? 'rate_limit' : 'failing';
    this.setBreaker({ open: true, reason, message, until: this.clock.now() + wait });
  }

  private setBreaker(next: BreakerState): void {
    const prev = this.breaker;
    this.breaker = next;
    const same = prev.open === next.open && (!prev.open || (next.open && prev.reason === next.reason && prev.until === next.until));
    if (!same) this.options.onBreakerChange?.(next);
  }
}
