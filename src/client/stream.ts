// streamChat: one request path for both protocols. Builds the body, retries with backoff while
// nothing has been shown yet, and turns the event stream into StreamEvents.
import { AnthropicDecoder, anthropicRequestBody } from './anthropic';
import type { StreamDecoder } from './decoder';
import { SiliconFlowError, cancelledError, scrubSecrets, unexpectedBody, type ErrorContext } from './errors';
import { AttemptControl, DEFAULT_TIMEOUT_MS, authHeaders, joinUrl, openResponse, report, type RequestSpec } from './http';
import { OpenAIDecoder, openAIRequestBody } from './openai';
import { DEFAULT_MAX_RETRIES, backoffDelay, sleep } from './retry';
import { readSse } from './sse';
import type { AttemptInfo, ChatRequest, ClientOptions, StreamEvent } from './types';

function requestSpec(req: ChatRequest): RequestSpec {
  const headers: Record<string, string> = {
    ...authHeaders(req.apiKey),
    'Content-Type': 'application/json',
    Accept: 'text/event-stream',
  };
  if (req.protocol === 'anthropic') {
    headers['anthropic-version'] = '2023-06-01';
    return { method: 'POST', url: joinUrl(req.baseUrl, '/messages'), headers, body: JSON.stringify(anthropicRequestBody(req)) };
  }
  return { method: 'POST', url: joinUrl(req.baseUrl, '/chat/completions'), headers, body: JSON.stringify(openAIRequestBody(req)) };
}

function decoderFor(req: ChatRequest, ctx: ErrorContext): StreamDecoder {
  return req.protocol === 'anthropic' ? new AnthropicDecoder(ctx) : new OpenAIDecoder(ctx);
}

/** A body that is plainly not an event stream: a JSON error sent with 200, or a proxy's HTML page. */
function isNotEventStream(contentType: string): boolean {
  return /json|html/i.test(contentType) && !/event-stream/i.test(contentType);
}

async function* oneAttempt(
  req: ChatRequest,
  spec: RequestSpec,
  attempt: number,
  opts: ClientOptions,
  ctx: ErrorContext,
): AsyncGenerator<StreamEvent> {
  const control = new AttemptControl(opts.signal, req.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let phase: 'connect' | 'body' = 'connect';
  let yieldedHere = false;
  try {
    if (control.cause === 'cancelled') throw cancelledError(ctx);
    const res = await openResponse(spec, attempt, control, ctx, opts);
    phase = 'body';
    const contentType = res.headers.get('content-type') ?? '';
    if (isNotEventStream(contentType) || !res.body) {
      throw unexpectedBody(res.status, await res.text(), contentType, ctx);
    }
    const decoder = decoderFor(req, ctx);
    const emit = function* (events: StreamEvent[]): Generator<StreamEvent> {
      for (const event of events) {
        control.pause();
        yieldedHere = true;
        yield event;
        control.resume();
      }
    };
    for await (const message of readSse(res.body, () => control.touch())) {
      yield* emit(decoder.push(message));
      // Bytes after the end marker are not read; dispose() closes the connection.
      if (decoder.complete) return;
    }
    yield* emit(decoder.end());
  } catch (err) {
    throw control.translate(err, ctx, phase, yieldedHere);
  } finally {
    control.dispose();
  }
}

export async function* streamChat(req: ChatRequest, opts: ClientOptions = {}): AsyncGenerator<StreamEvent> {
  const spec = requestSpec(req);
  const maxRetries = Math.max(0, opts.maxRetries ?? DEFAULT_MAX_RETRIES);
  let yielded = false;
  let delayMs = 0;
  let previousError: SiliconFlowError | undefined;
  for (let attempt = 0; ; attempt++) {
    // A fresh context per attempt: each response has its own trace id.
    const ctx: ErrorContext = { baseUrl: req.baseUrl, apiKey: req.apiKey, model: req.model };
    const info: AttemptInfo = { attempt, method: spec.method, url: spec.url, delayMs };
    if (previousError) info.previousError = { kind: previousError.kind, status: previousError.status, traceId: previousError.traceId };
    report(opts.onAttempt, info);
    try {
      for await (const event of oneAttempt(req, spec, attempt, opts, ctx)) {
        yielded = true;
        yield event;
      }
      return;
    } catch (err) {
      const error = err instanceof SiliconFlowError ? err : new SiliconFlowError(scrubSecrets(String(err), req.apiKey), 'protocol');
      // Once something was shown, a retry would repeat or contradict it: fail instead.
      if (yielded || !error.retryable || attempt >= maxRetries || opts.signal?.aborted) throw error;
      previousError = error;
      delayMs = backoffDelay(attempt, opts.random);
      await sleep(delayMs, opts.signal, () => cancelledError(ctx));
    }
  }
}
