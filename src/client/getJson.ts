// One GET that answers JSON (the model list, the account): the retry loop with backoff, one
// AttemptControl per attempt (cancel and idle timeout close the connection), the logging hooks,
// and a body that is not JSON reported as a protocol error. The retry rule is RetryPolicy's
// (retry.ts), shared with the streams.
import { cancelledError, protocolError, scrubJson, type ErrorContext } from './errors';
import { AttemptControl, authHeaders, joinUrl, openResponse, readBounded, type RequestSpec } from './http';
import { RetryPolicy } from './retry';
import type { ClientOptions } from './types';

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
  const retries = new RetryPolicy(opts, spec);
  for (let attempt = 0; ; attempt++) {
    const ctx: ErrorContext = { baseUrl: req.baseUrl, apiKey: req.apiKey };
    retries.begin(attempt);
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
      await retries.afterFailure(attempt, control.translate(err, ctx, phase, false), ctx);
    } finally {
      control.dispose();
    }
  }
}
