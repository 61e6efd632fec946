// One HTTP attempt: fetch with the caller's signal and an idle watchdog wired to one
// AbortController (so cancelling or timing out really closes the connection), the logging hooks,
// and the mapping of whatever failed to a SiliconFlowError.
import {
  SiliconFlowError,
  cancelledError,
  errorFromNetwork,
  errorFromResponse,
  idleTimeoutError,
  protocolError,
  truncatedError,
  type ErrorContext,
} from './errors';
import { SseFormatError } from './sse';
import type { ClientOptions } from './types';

/**
 * Idle timeout (ms) when the request sets none; 0 disables it. The one default: the settings'
 * `siliconflow.requestTimeoutSeconds` default is this value in seconds (a unit test holds
 * package.json to it).
 */
export const DEFAULT_TIMEOUT_MS = 120_000;
export const TRACE_HEADER = 'x-siliconcloud-trace-id';

export interface RequestSpec {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** `base` + `/path`, whatever slashes the user typed at the end of the base URL. */
export function joinUrl(base: string, path: string): string {
  return `${base.trim().replace(/\/+$/, '')}${path}`;
}

/**
 * The lifetime of one attempt. Aborts its fetch when the caller's signal aborts or when no
 * progress was seen for `timeoutMs`, and remembers which of the two it was.
 *
 * The idle watchdog does no timer work per chunk or per event: progress only records a timestamp,
 * and a single timer, when it fires, looks at how long it has really been quiet and either aborts
 * or re-arms itself for the rest. (Clearing and re-setting a timer around every event cost more
 * than decoding the event.) While the consumer holds events (`pause()` … `resume()`), the server's
 * silence is not counted: the consumer's own slowness must not time the request out.
 */
export class AttemptControl {
  readonly controller = new AbortController();
  private abortCause: 'cancelled' | 'timeout' | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** performance.now() of the last progress (or of the consumer handing control back). */
  private lastProgressAt = performance.now();
  private paused = false;
  private disposed = false;
  private readonly onUserAbort = (): void => this.abort('cancelled');
  private readonly onTimer = (): void => this.checkIdle();

  constructor(
    private readonly userSignal: AbortSignal | undefined,
    private readonly timeoutMs: number,
  ) {
    if (userSignal?.aborted) this.abort('cancelled');
    else userSignal?.addEventListener('abort', this.onUserAbort, { once: true });
    this.arm(timeoutMs);
  }

  get cause(): 'cancelled' | 'timeout' | undefined {
    return this.abortCause;
  }

  /** Progress was seen: restart the idle clock. */
  touch(): void {
    this.lastProgressAt = performance.now();
  }

  /** The consumer holds an event: its own slowness is not the server's silence. */
  pause(): void {
    this.paused = true;
  }

  /** The consumer asks for more: the idle clock starts again from now. */
  resume(): void {
    this.paused = false;
    this.lastProgressAt = performance.now();
    // The timer lapses if it fires while paused (see checkIdle); a full period from now is due.
    if (this.timer === undefined) this.arm(this.timeoutMs);
  }

  /** Ends the attempt; aborting an already finished fetch is harmless and closes a half-read body. */
  dispose(): void {
    this.disposed = true;
    this.disarm();
    this.userSignal?.removeEventListener('abort', this.onUserAbort);
    if (!this.controller.signal.aborted) this.controller.abort();
  }

  private arm(ms: number): void {
    if (this.timeoutMs > 0 && this.abortCause === undefined && !this.disposed) this.timer = setTimeout(this.onTimer, ms);
  }

  private disarm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private checkIdle(): void {
    this.timer = undefined;
    // Paused: the clock restarts when resume() is called, which re-arms the timer then. Not
    // re-arming now means a caller that abandons the iterator without return() leaves no timer.
    if (this.paused) return;
    const idle = performance.now() - this.lastProgressAt;
    // Timers may fire a fraction of a millisecond early by this clock: re-arm for what is left.
    if (idle < this.timeoutMs) return this.arm(Math.max(1, Math.ceil(this.timeoutMs - idle)));
    this.abort('timeout');
  }

  private abort(cause: 'cancelled' | 'timeout'): void {
    if (this.abortCause !== undefined) return;
    this.abortCause = cause;
    this.disarm();
    this.controller.abort();
  }

  /** Turns whatever was thrown during the attempt into a SiliconFlowError. */
  translate(err: unknown, ctx: ErrorContext, phase: 'connect' | 'body', yieldedHere: boolean): SiliconFlowError {
    if (this.abortCause === 'cancelled') return cancelledError(ctx);
    if (this.abortCause === 'timeout') return idleTimeoutError(ctx, this.timeoutMs);
    if (err instanceof SiliconFlowError) {
      if (err.traceId === undefined && ctx.traceId !== undefined) err.traceId = ctx.traceId;
      return err;
    }
    if (err instanceof SseFormatError) return protocolError(ctx, err.message);
    if (phase === 'body' && yieldedHere) {
      const network = errorFromNetwork(err, ctx, 'body');
      return truncatedError(ctx, `connection lost: ${String(network.code ?? (err instanceof Error ? err.message : err))}`);
    }
    return errorFromNetwork(err, ctx, phase);
  }
}

type FetchInit = RequestInit & { dispatcher?: unknown };

/**
 * Sends the request and returns the response once its status is 2xx. A non-2xx answer is read and
 * thrown as a SiliconFlowError; `ctx.traceId` is filled in from the response either way.
 */
export async function openResponse(
  spec: RequestSpec,
  attempt: number,
  control: AttemptControl,
  ctx: ErrorContext,
  opts: ClientOptions,
): Promise<Response> {
  const doFetch = opts.fetch ?? fetch;
  const init: FetchInit = {
    method: spec.method,
    headers: spec.headers,
    body: spec.body,
    signal: control.controller.signal,
  };
  if (opts.dispatcher !== undefined) init.dispatcher = opts.dispatcher;
  const started = Date.now();
  const res = await doFetch(spec.url, init);
  control.touch();
  ctx.traceId = res.headers.get(TRACE_HEADER) ?? undefined;
  report(opts.onResponse, { attempt, status: res.status, traceId: ctx.traceId, elapsedMs: Date.now() - started });
  if (res.ok) return res;
  let text = '';
  try {
    text = await res.text();
  } catch (err) {
    // The error body could not be read; the status alone still says what happened — unless the
    // attempt was cancelled or timed out meanwhile, which translate() reports.
    if (control.cause) throw err;
  }
  throw errorFromResponse(res.status, text, res.headers.get('content-type') ?? '', ctx);
}

/** Calls a logging hook; a hook that throws must not turn into a failed (or retried) request. */
export function report<T>(hook: ((info: T) => void) | undefined, info: T): void {
  try {
    hook?.(info);
  } catch {
    // Logging is best effort.
  }
}

export function authHeaders(apiKey: string): Record<string, string> {
  return { Authorization: `Bearer ${apiKey}` };
}
