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
import { SiliconFlowError, cancelledError, scrubIngested, unexpectedBody, type ErrorContext } from './errors';
import { AttemptControl, DEFAULT_TIMEOUT_MS, authHeaders, joinUrl, noContentLimit, openResponse, readBounded, type RequestSpec } from './http';
import { OpenAIDecoder, openAIRequestBody } from './openai';
import { RetryPolicy } from './retry';
import { SseParser } from './sse';
import type { ChatRequest, ClientOptions, StreamEvent } from './types';

function requestSpec(req: ChatRequest): RequestSpec {
  const headers: Record<string, string> = {
    ...authHeaders(req.apiKey),
    'Content-Type': 'application/json',
    Accept: 'text/event-stream',
  };
  if (req.protocol === 'anthropic') {
    headers['anthropic-version'] = '2023-06-01';
    return { method: 'POST', url: joinUrl(req.baseUrl, '/messages'), path: '/messages', headers, body: JSON.stringify(anthropicRequestBody(req)) };
  }
  return { method: 'POST', url: joinUrl(req.baseUrl, '/chat/completions'), path: '/chat/completions', headers, body: JSON.stringify(openAIRequestBody(req)) };
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
 * How long (ms) to wait, once the answer has given its finish reason, for the rest (a trailing
 * usage chunk, the end marker) before ending it normally; real servers send both at once.
 */
export const FINISH_GRACE_MS = 1_500;

/** The next chunk, or undefined when `ms` passed first or the read failed (the connection reset). */
function readWithin(reader: ReadableStreamDefaultReader<Uint8Array>, ms: number): Promise<ReadableStreamReadResult<Uint8Array> | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    reader.read().then(
      (r) => {
        clearTimeout(timer);
        resolve(r);
      },
      () => {
        clearTimeout(timer);
        resolve(undefined);
      },
    );
  });
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
  /** Milliseconds without any part of the answer before kind 'timeout' (see ChatRequest.noContentTimeoutMs). */
  noContentTimeoutMs?: number;
  decoder: (ctx: ErrorContext, out: EventBatch) => StreamDecoder;
}

export function streamChat(req: ChatRequest, opts: ClientOptions = {}): AsyncGenerator<StreamEvent> {
  return streamRequest(
    () => ({ spec: requestSpec(req), context: { baseUrl: req.baseUrl, apiKey: req.apiKey, model: req.model }, timeoutMs: req.timeoutMs, noContentTimeoutMs: req.noContentTimeoutMs, decoder: (ctx, out) => decoderFor(req, ctx, out) }),
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
  const retries = new RetryPolicy(opts, spec);
  const timeoutMs = target.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const noContentMs = noContentLimit(timeoutMs, target.noContentTimeoutMs);
  // Shorter than the idle timeout, so silence after the finish reason ends the answer, not the request.
  const graceMs = timeoutMs > 0 ? Math.min(FINISH_GRACE_MS, timeoutMs / 2) : FINISH_GRACE_MS;
  let yielded = false;
  for (let attempt = 0; ; attempt++) {
    // A fresh context per attempt: each response has its own trace id.
    const ctx: ErrorContext = { ...target.context };
    retries.begin(attempt);
    const control = new AttemptControl(opts.signal, timeoutMs, noContentMs);
    let phase: 'connect' | 'body' = 'connect';
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    let bodyDone = false;
    let error: SiliconFlowError;
    try {
      if (control.cause === 'cancelled') throw cancelledError(ctx);
      const res = await openResponse(spec, attempt, control, ctx, opts);
      phase = 'body';
      // Quoted in messages when the body is not an event stream: scrubbed like every kept header.
      const contentType = scrubIngested(res.headers.get('content-type') ?? '', ctx.apiKey);
      if (isNotEventStream(contentType) || !res.body) {
        const { text, cut } = await readBounded(res);
        throw unexpectedBody(res.status, scrubIngested(text, ctx.apiKey, cut), contentType, ctx);
      }
      const isEventStream = /event-stream/i.test(contentType);
      reader = res.body.getReader();
      const batch = new EventBatch();
      const decoder = target.decoder(ctx, batch);
      const sse = new SseParser(decoder);
      for (;;) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        // After the finish reason, a reset or silence ends the answer normally (after a grace
        // period for the usage chunk); the end marker is only a formality then.
        let endedAfterFinish = false;
        if (decoder.finishing) {
          const next = await readWithin(reader, graceMs);
          if (next === undefined && control.cause) throw new Error('aborted');
          endedAfterFinish = next === undefined;
          chunk = next ?? { done: true, value: undefined };
        } else {
          chunk = await reader.read();
        }
        bodyDone = chunk.done && !endedAfterFinish;
        let failed = false;
        let failure: unknown;
        try {
          if (endedAfterFinish) {
            decoder.end();
          } else if (chunk.done) {
            sse.end();
            // A body that gave no event but had text: a gateway's error, classified from its start.
            if (!sse.sawMessage && sse.headHasText) throw unexpectedBody(res.status, scrubIngested(sse.head, ctx.apiKey), contentType, ctx);
            decoder.end();
          } else if (sse.feed(chunk.value)) {
            control.touch();
            // 64 K characters and no event, in a body not labelled as an event stream: not one.
            if (!sse.sawMessage && sse.headFull && !isEventStream) throw unexpectedBody(res.status, scrubIngested(sse.head, ctx.apiKey, true), contentType, ctx);
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
    await retries.afterFailure(attempt, error, ctx, yielded);
  }
}
