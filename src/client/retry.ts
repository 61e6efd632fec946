// Exponential backoff with full jitter (a random wait between 0 and base·2^attempt, capped), so that
// many clients hit by the same 429/503 do not come back in lock step. SiliconFlow documents no
// Retry-After header, so the client picks the wait itself.
import { cancelledError, type ErrorContext, type SiliconFlowError } from './errors';
import { report } from './http';
import type { AttemptInfo, ClientOptions } from './types';

export const DEFAULT_MAX_RETRIES = 3;
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 8000;

/** Milliseconds to wait before retry number `retry` (0 = the first retry). */
export function backoffDelay(retry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** retry);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * ceiling);
}

/** Waits `ms`, or rejects with `onAbort()` as soon as `signal` aborts (also if already aborted). */
export function sleep(ms: number, signal: AbortSignal | undefined, onAbort: () => Error): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(onAbort());
      return;
    }
    const abort = (): void => {
      clearTimeout(timer);
      reject(onAbort());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', abort, { once: true });
  });
}

/**
 * The retry rule every request of the client follows (chat and FIM streams, the JSON GETs):
 * attempt 0, then up to `opts.maxRetries` (default DEFAULT_MAX_RETRIES) retries of a failure that
 * SiliconFlowError.retryable allows (429, 503, 504, network), each after a backoffDelay() and only
 * while nothing has been shown to the caller. The loop itself stays with the request (a stream
 * yields inside it); this keeps what goes from one attempt to the next.
 */
export class RetryPolicy {
  private readonly maxRetries: number;
  private delayMs = 0;
  private previousError: SiliconFlowError | undefined;

  private readonly method: AttemptInfo['method'];
  private readonly url: string;

  /** `request`: the method and URL reported to onAttempt (only those: its headers carry the key). */
  constructor(
    private readonly opts: ClientOptions,
    request: Pick<AttemptInfo, 'method' | 'url'>,
  ) {
    this.maxRetries = Math.max(0, opts.maxRetries ?? DEFAULT_MAX_RETRIES);
    this.method = request.method;
    this.url = request.url;
  }

  /** Tells opts.onAttempt that attempt number `attempt` (0 = the first try) starts now. */
  begin(attempt: number): void {
    const info: AttemptInfo = { attempt, method: this.method, url: this.url, delayMs: this.delayMs };
    const previous = this.previousError;
    if (previous) info.previousError = { kind: previous.kind, status: previous.status, traceId: previous.traceId };
    report(this.opts.onAttempt, info);
  }

  /**
   * After attempt `attempt` failed with `error`: throws `error` when it may not be retried (not
   * retryable, retries used up, the signal aborted, or `shown`: something was already yielded, which
   * a retry would repeat or contradict); otherwise waits the backoff and returns. Throws a
   * 'cancelled' SiliconFlowError (for `ctx`) when the signal aborts during the wait.
   */
  async afterFailure(attempt: number, error: SiliconFlowError, ctx: ErrorContext, shown = false): Promise<void> {
    if (shown || !error.retryable || attempt >= this.maxRetries || this.opts.signal?.aborted) throw error;
    this.previousError = error;
    this.delayMs = backoffDelay(attempt, this.opts.random);
    await sleep(this.delayMs, this.opts.signal, () => cancelledError(ctx));
  }
}
