// streamChat: one request path for both protocols. Builds the body, retries with backoff while
// nothing has been shown yet, and turns the event stream into StreamEvents.
//
// Shape, chosen for speed (a long answer is 100,000+ events): everything between the network and
// the caller is synchronous per network chunk (TextDecoder → eventsource-parser → protocol
// decoder, which appends to an EventBatch), and this file's one async generator awaits the next
// chunk and yields the batch's events one by one. Each extra async generator in that path used to
// cost more per event than parsing it.
import { AnthropicDecoder, anthropicRequestBody } from './anthropic';
import { EventBatch, type StreamDecoder } from './decoder';
import { SiliconFlowError, cancelledError, unexpectedBody, type ErrorContext } from './errors';
import { AttemptControl, DEFAULT_TIMEOUT_MS, authHeaders, joinUrl, openResponse, report, type RequestSpec } from './http';
import { OpenAIDecoder, openAIRequestBody } from './openai';
import { DEFAULT_MAX_RETRIES, backoffDelay, sleep } from './retry';
import { SseParser } from './sse';
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

function decoderFor(req: ChatRequest, ctx: ErrorContext, out: EventBatch): StreamDecoder {
  return req.protocol === 'anthropic' ? new AnthropicDecoder(ctx, out) : new OpenAIDecoder(ctx, out);
}

/** A body that is plainly not an event stream: a JSON error sent with 200, or a proxy's HTML page. */
function isNotEventStream(contentType: string): boolean {
  return /json|html/i.test(contentType) && !/event-stream/i.test(contentType);
}

function ignore(): void {
  // A body that fails to cancel is closed by AttemptControl.dispose() anyway.
}

/**
 * What one streamed request needs besides the caller's options: the HTTP request, what error
 * messages may mention, the idle timeout, and the decoder that turns its SSE messages into events.
 */
export interface StreamTarget {
  spec: RequestSpec;
  /** baseUrl, apiKey (only so it can be scrubbed from messages) and model. */
  context: { baseUrl: string; apiKey: string; model?: string };
  /** Idle milliseconds without bytes before kind 'timeout'; undefined = DEFAULT_TIMEOUT_MS, 0 = none. */
  timeoutMs?: number;
  decoder: (ctx: ErrorContext, out: EventBatch) => StreamDecoder;
}

export function streamChat(req: ChatRequest, opts: ClientOptions = {}): AsyncGenerator<StreamEvent> {
  return streamRequest(
    () => ({ spec: requestSpec(req), context: { baseUrl: req.baseUrl, apiKey: req.apiKey, model: req.model }, timeoutMs: req.timeoutMs, decoder: (ctx, out) => decoderFor(req, ctx, out) }),
    opts,
  );
}

/**
 * The one streamed request path (chat and FIM): sends `target.spec`, retries 429 / 503 / 504 /
 * network failures with backoff while nothing has been yielded, and yields what the decoder makes
 * of the event stream. Throws SiliconFlowError (kinds as in streamChat). Stopping the iteration or
 * aborting `opts.signal` closes the connection. `makeTarget` runs on the first next(), so a request
 * body that cannot be built fails there, like every other error.
 */
export async function* streamRequest(makeTarget: () => StreamTarget, opts: ClientOptions = {}): AsyncGenerator<StreamEvent> {
  const target = makeTarget();
  const spec = target.spec;
  const maxRetries = Math.max(0, opts.maxRetries ?? DEFAULT_MAX_RETRIES);
  const timeoutMs = target.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let yielded = false;
  let delayMs = 0;
  let previousError: SiliconFlowError | undefined;
  for (let attempt = 0; ; attempt++) {
    // A fresh context per attempt: each response has its own trace id.
    const ctx: ErrorContext = { ...target.context };
    const info: AttemptInfo = { attempt, method: spec.method, url: spec.url, delayMs };
    if (previousError) info.previousError = { kind: previousError.kind, status: previousError.status, traceId: previousError.traceId };
    report(opts.onAttempt, info);
    const control = new AttemptControl(opts.signal, timeoutMs);
    let phase: 'connect' | 'body' = 'connect';
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    let bodyDone = false;
    let error: SiliconFlowError;
    try {
      if (control.cause === 'cancelled') throw cancelledError(ctx);
      const res = await openResponse(spec, attempt, control, ctx, opts);
      phase = 'body';
      const contentType = res.headers.get('content-type') ?? '';
      if (isNotEventStream(contentType) || !res.body) {
        throw unexpectedBody(res.status, await res.text(), contentType, ctx);
      }
      reader = res.body.getReader();
      const batch = new EventBatch();
      const decoder = target.decoder(ctx, batch);
      const sse = new SseParser(decoder);
      for (;;) {
        const chunk = await reader.read();
        bodyDone = chunk.done;
        let failed = false;
        let failure: unknown;
        try {
          if (chunk.done) {
            sse.end();
            decoder.end();
          } else if (sse.feed(chunk.value)) {
            control.touch();
          }
        } catch (err) {
          failed = true;
          failure = err;
        }
        // Events decoded before a failure in the same chunk are shown first: a mid-stream error
        // comes after the text that preceded it.
        if (batch.events.length > 0) {
          yielded = true;
          control.pause();
          for (const event of batch.events) yield event;
          batch.clear();
          control.resume();
        }
        if (failed) throw failure;
        // Bytes after the end marker are not read; dispose() closes the connection.
        if (chunk.done || decoder.complete) return;
      }
    } catch (err) {
      error = control.translate(err, ctx, phase, yielded);
    } finally {
      // Reached also when the caller stops iterating early: the connection is closed either way.
      if (reader && !bodyDone) reader.cancel().catch(ignore);
      else reader?.releaseLock();
      control.dispose();
    }
    // Once something was shown, a retry would repeat or contradict it: fail instead.
    if (yielded || !error.retryable || attempt >= maxRetries || opts.signal?.aborted) throw error;
    previousError = error;
    delayMs = backoffDelay(attempt, opts.random);
    await sleep(delayMs, opts.signal, () => cancelledError(ctx));
  }
}
