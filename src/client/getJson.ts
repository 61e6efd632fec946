// One GET that answers JSON (the model list, the account): the retry loop with backoff, one
// AttemptControl per attempt (cancel and idle timeout close the connection), the logging hooks,
// and a body that is not JSON reported as a protocol error. Streams have their own loop
// (stream.ts), because a retry there is only allowed before the first event.
import { SiliconFlowError, cancelledError, protocolError, scrubJson, type ErrorContext } from './errors';
import { AttemptControl, authHeaders, joinUrl, openResponse, readBounded, report, type RequestSpec } from './http';
import { DEFAULT_MAX_RETRIES, backoffDelay, sleep } from './retry';
import type { AttemptInfo, ClientOptions } from './types';

export interface JsonGet {
  baseUrl: string;
  apiKey: string;
  /** Path and query after the base URL, e.g. '/user/info'. */
  path: string;
  /** What the body is, for the protocol error ("a model list", "the account information"). */
  what: string;
  /** Idle time (ms) with no progress before the attempt fails with kind 'timeout'. */
  timeoutMs: number;
}

/** Bytes read of a JSON answer (SiliconFlow's model list is ~20 KB); a longer body is not one. */
const MAX_JSON_BYTES = 4 * 1024 * 1024;

/**
 * GETs `baseUrl + path` with the Bearer key and hands the parsed JSON to `read`, which returns the
 * result or throws (a protocolError for a body of the wrong shape). Retries what
 * SiliconFlowError.retryable allows (429, 503, 504, network) up to `opts.maxRetries` times.
 * Throws SiliconFlowError: 'cancelled' when `opts.signal` aborts, 'protocol' when the body is not
 * JSON or longer than 4 MB, otherwise the kind of the HTTP status (errorFromResponse; a redirect is
 * never followed, see openResponse).
 */
export async function getJson<T>(req: JsonGet, opts: ClientOptions, read: (payload: unknown, ctx: ErrorContext) => T): Promise<T> {
  const signal = opts.signal;
  const spec: RequestSpec = {
    method: 'GET',
    url: joinUrl(req.baseUrl, req.path),
    path: req.path.replace(/[?#].*$/, ''),
    headers: { ...authHeaders(req.apiKey), Accept: 'application/json' },
  };
  const maxRetries = Math.max(0, opts.maxRetries ?? DEFAULT_MAX_RETRIES);
  let delayMs = 0;
  let previousError: SiliconFlowError | undefined;
  for (let attempt = 0; ; attempt++) {
    const ctx: ErrorContext = { baseUrl: req.baseUrl, apiKey: req.apiKey };
    const info: AttemptInfo = { attempt, method: 'GET', url: spec.url, delayMs };
    if (previousError) info.previousError = { kind: previousError.kind, status: previousError.status, traceId: previousError.traceId };
    report(opts.onAttempt, info);
    const control = new AttemptControl(signal, req.timeoutMs);
    let phase: 'connect' | 'body' = 'connect';
    try {
      if (control.cause === 'cancelled') throw cancelledError(ctx);
      const res = await openResponse(spec, attempt, control, ctx, opts);
      phase = 'body';
      const { text, cut } = await readBounded(res, MAX_JSON_BYTES);
      if (cut) throw protocolError(ctx, `${req.what} longer than ${MAX_JSON_BYTES / 1024 / 1024} MB`);
      let payload: unknown;
      try {
        payload = JSON.parse(text);
      } catch {
        throw protocolError(ctx, `${req.what} that is not JSON`);
      }
      // Every string scrubbed of the key (a server that echoes it, e.g. as a model id), before use.
      return read(scrubJson(payload, req.apiKey), ctx);
    } catch (err) {
      const error = control.translate(err, ctx, phase, false);
      if (!error.retryable || attempt >= maxRetries || signal?.aborted) throw error;
      previousError = error;
      delayMs = backoffDelay(attempt, opts.random);
      await sleep(delayMs, signal, () => cancelledError(ctx));
    } finally {
      control.dispose();
    }
  }
}
