// One HTTP attempt: fetch with the caller's signal and an idle watchdog wired to one
// AbortController (so cancelling or timing out really closes the connection), the logging hooks,
// and the mapping of whatever failed to a SiliconFlowError. What it does with a misbehaving server
// (redirects, bounded reads, the key in what the server sends, time limits): docs/hostile-servers.md.
import {
  SiliconFlowError,
  cancelledError,
  errorFromNetwork,
  errorFromResponse,
  idleTimeoutError,
  noContentError,
  protocolError,
  redirectError,
  scrubIngested,
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
/**
 * Longest time (ms) a stream may stay open sending no part of the answer (only pings, empty
 * events, comments) when the request sets none; at least the idle timeout. 0 disables it.
 */
export const DEFAULT_NO_CONTENT_TIMEOUT_MS = 300_000;
/** Bytes read of an error body or of a body that is not an event stream; the rest is not read. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** The no-content limit of a request: its own, or the default but never below the idle timeout. */
export function noContentLimit(timeoutMs: number, requested: number | undefined): number {
  if (requested !== undefined) return Math.max(0, requested);
  return Math.max(DEFAULT_NO_CONTENT_TIMEOUT_MS, timeoutMs);
}

export interface RequestSpec {
  method: 'GET' | 'POST';
  url: string;
  /** The path appended to the base URL ('/chat/completions', '/models'), without the query: a redirect's target minus it is the base URL to suggest. */
  path?: string;
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
  private abortCause: 'cancelled' | 'timeout' | 'no_content' | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** performance.now() of the last progress (or of the consumer handing control back). */
  private lastProgressAt = performance.now();
  /** performance.now() of the last part of the answer (an event handed to the consumer). */
  private lastContentAt = this.lastProgressAt;
  private paused = false;
  private disposed = false;
  private readonly onUserAbort = (): void => this.abort('cancelled');
  private readonly onTimer = (): void => this.checkIdle();

  /**
   * `timeoutMs`: idle limit (no bytes but comments); `noContentMs`: limit on time without any part
   * of the answer (pings and empty events count as progress, not as content). 0 disables either.
   */
  constructor(
    private readonly userSignal: AbortSignal | undefined,
    private readonly timeoutMs: number,
    private readonly noContentMs = 0,
  ) {
    if (userSignal?.aborted) this.abort('cancelled');
    else userSignal?.addEventListener('abort', this.onUserAbort, { once: true });
    this.arm(this.nextCheckIn(performance.now()));
  }

  get cause(): 'cancelled' | 'timeout' | 'no_content' | undefined {
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

  /**
   * The consumer asks for more after it was handed events (part of the answer): the idle and the
   * no-content clocks start again from now.
   */
  resume(): void {
    this.paused = false;
    const now = performance.now();
    this.lastProgressAt = now;
    this.lastContentAt = now;
    // The timer lapses if it fires while paused (see checkIdle); a full period from now is due.
    if (this.timer === undefined) this.arm(this.nextCheckIn(now));
  }

  /** Ends the attempt; aborting an already finished fetch is harmless and closes a half-read body. */
  dispose(): void {
    this.disposed = true;
    this.disarm();
    this.userSignal?.removeEventListener('abort', this.onUserAbort);
    if (!this.controller.signal.aborted) this.controller.abort();
  }

  /** Milliseconds until the nearer of the two limits would be reached (Infinity: none is set). */
  private nextCheckIn(now: number): number {
    let ms = Infinity;
    if (this.timeoutMs > 0) ms = this.timeoutMs - (now - this.lastProgressAt);
    if (this.noContentMs > 0) ms = Math.min(ms, this.noContentMs - (now - this.lastContentAt));
    return ms;
  }

  private arm(ms: number): void {
    if (ms !== Infinity && this.abortCause === undefined && !this.disposed) this.timer = setTimeout(this.onTimer, Math.max(1, Math.ceil(ms)));
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
    const now = performance.now();
    if (this.timeoutMs > 0 && now - this.lastProgressAt >= this.timeoutMs) return this.abort('timeout');
    if (this.noContentMs > 0 && now - this.lastContentAt >= this.noContentMs) return this.abort('no_content');
    // Timers may fire a fraction of a millisecond early by this clock: re-arm for what is left.
    this.arm(this.nextCheckIn(now));
  }

  private abort(cause: 'cancelled' | 'timeout' | 'no_content'): void {
    if (this.abortCause !== undefined) return;
    this.abortCause = cause;
    this.disarm();
    this.controller.abort();
  }

  /** Turns whatever was thrown during the attempt into a SiliconFlowError. */
  translate(err: unknown, ctx: ErrorContext, phase: 'connect' | 'body', yieldedHere: boolean): SiliconFlowError {
    if (this.abortCause === 'cancelled') return cancelledError(ctx);
    if (this.abortCause === 'timeout') return idleTimeoutError(ctx, this.timeoutMs);
    if (this.abortCause === 'no_content') return noContentError(ctx, this.noContentMs);
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
 * Reads at most `maxBytes` of a body as text, then cancels the rest (a 64 MB error page costs
 * 64 KB). `cut` says whether the body went on past the limit.
 */
export async function readBounded(res: Response, maxBytes: number = MAX_ERROR_BODY_BYTES): Promise<{ text: string; cut: boolean }> {
  if (!res.body) return { text: '', cut: false };
  const reader = res.body.getReader();
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text: text + decoder.decode(), cut: false };
      const room = maxBytes - bytes;
      if (value.byteLength >= room) {
        text += decoder.decode(value.subarray(0, room));
        reader.cancel().catch(() => undefined);
        return { text, cut: true };
      }
      bytes += value.byteLength;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * Reads a bounded prefix of a body and scrubs the key from it (also a start of the key left at the
 * cut), before anything parses or quotes it.
 */
export async function readScrubbed(res: Response, apiKey: string, maxBytes: number = MAX_ERROR_BODY_BYTES): Promise<string> {
  const { text, cut } = await readBounded(res, maxBytes);
  return scrubIngested(text, apiKey, cut);
}

/**
 * Sends the request and returns the response once its status is 2xx. Redirects are never followed
 * (`redirect: 'manual'`): a 3xx is thrown (kind 'not_found', `location` set) naming its target. A non-2xx answer
 * is read (at most MAX_ERROR_BODY_BYTES, scrubbed of the key) and thrown as a SiliconFlowError;
 * `ctx.traceId` is filled in from the response either way, scrubbed of the key.
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
    redirect: 'manual',
  };
  if (opts.dispatcher !== undefined) init.dispatcher = opts.dispatcher;
  const started = Date.now();
  const res = await doFetch(spec.url, init);
  control.touch();
  const rawTrace = res.headers.get(TRACE_HEADER);
  ctx.traceId = rawTrace === null ? undefined : scrubIngested(rawTrace, ctx.apiKey);
  report(opts.onResponse, { attempt, status: res.status, traceId: ctx.traceId, elapsedMs: Date.now() - started });
  if (res.ok) return res;
  if ((res.status >= 300 && res.status < 400) || res.type === 'opaqueredirect') {
    res.body?.cancel().catch(() => undefined);
    throw redirectError(res.status, redirectTarget(res.headers.get('location'), spec.url, ctx.apiKey), spec.path ?? '', ctx);
  }
  let text = '';
  try {
    text = await readScrubbed(res, ctx.apiKey);
  } catch (err) {
    // The error body could not be read; the status alone still says what happened — unless the
    // attempt was cancelled or timed out meanwhile, which translate() reports.
    if (control.cause) throw err;
  }
  throw errorFromResponse(res.status, text, scrubIngested(res.headers.get('content-type') ?? '', ctx.apiKey), ctx);
}

/** The Location header as an absolute URL (relative ones resolve against the request), scrubbed. */
function redirectTarget(location: string | null, requestUrl: string, apiKey: string): string | undefined {
  if (!location) return undefined;
  let absolute = location;
  try {
    absolute = new URL(location, requestUrl).href;
  } catch {
    // Not a URL: quoted as sent.
  }
  return scrubIngested(absolute, apiKey).slice(0, 300);
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
