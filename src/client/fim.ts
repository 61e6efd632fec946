// Fill-in-the-middle (FIM): the text between a prefix and a suffix, for inline completion.
// Wire facts (docs/fim.md; SiliconFlow's FIM guide):
//   POST /completions {model, prompt, suffix, max_tokens, temperature, stop, stream} answers in the
//   OpenAI completions shape, `choices[0].text` (deltas of it when streamed);
//   POST /chat/completions with top-level `prefix` and `suffix` next to `messages` is the other
//   documented form, for models served only through the chat endpoint.
// A model that does not do FIM answers 400 (isFimRefusal); the caller decides whether to try the
// chat form and must not retry per keystroke.
//
// Streamed, always: the first characters arrive sooner, a single-line caller can stop reading
// (closing the socket, so the server stops generating) as soon as the line is complete, and a
// keystroke that makes the request useless closes it mid-generation; the idle timeout and the
// truncation rule of the chat stream apply unchanged because it is the same request path.
import { EventBatch, putDefined } from './decoder';
import { SiliconFlowError } from './errors';
import { authHeaders, joinUrl, type RequestSpec } from './http';
import { OpenAIDecoder } from './openai';
import { streamRequest } from './stream';
import type { ClientOptions, StreamEvent } from './types';

const MAX_STOP_SEQUENCES = 4;

/** Which documented FIM form a request uses. */
export type FimEndpoint = 'completions' | 'chat';

export interface FimRequest {
  /** e.g. 'https://api.siliconflow.cn/v1'. */
  baseUrl: string;
  apiKey: string;
  /** e.g. 'Qwen/Qwen2.5-Coder-7B-Instruct'. */
  model: string;
  /** The text before the cursor (characters; the caller keeps it within the model's budget). */
  prompt: string;
  /** The text after the cursor. */
  suffix?: string;
  /** Completion tokens at most. */
  maxTokens?: number;
  temperature?: number;
  /** Up to 4; extra ones are dropped. */
  stop?: string[];
  /** Idle milliseconds without bytes before kind 'timeout' (DEFAULT_TIMEOUT_MS when undefined). */
  timeoutMs?: number;
  /**
   * 'completions' (default): POST /completions with prompt + suffix. 'chat': POST
   * /chat/completions with `prefix` / `suffix`, the fallback for models served only there.
   */
  endpoint?: FimEndpoint;
}

/**
 * The instruction sent as the user turn of the chat form; the `prefix` field makes the answer
 * continue the prefix, and `suffix` is the text it must lead into.
 */
export const FIM_CHAT_INSTRUCTION = 'Complete the code: write only the text that goes between the given prefix and suffix.';

function common(req: FimRequest, body: Record<string, unknown>): Record<string, unknown> {
  putDefined(body, 'max_tokens', req.maxTokens);
  putDefined(body, 'temperature', req.temperature);
  if (req.stop && req.stop.length > 0) body.stop = req.stop.slice(0, MAX_STOP_SEQUENCES);
  body.stream = true;
  return body;
}

/** The JSON body of POST /completions. */
export function fimCompletionsBody(req: FimRequest): Record<string, unknown> {
  const body: Record<string, unknown> = { model: req.model, prompt: req.prompt };
  if (req.suffix !== undefined && req.suffix !== '') body.suffix = req.suffix;
  return common(req, body);
}

/** The JSON body of POST /chat/completions in its prefix/suffix form. */
export function fimChatBody(req: FimRequest): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model: req.model,
    messages: [{ role: 'user', content: FIM_CHAT_INSTRUCTION }],
    prefix: req.prompt,
  };
  if (req.suffix !== undefined && req.suffix !== '') body.suffix = req.suffix;
  return common(req, body);
}

function fimSpec(req: FimRequest): RequestSpec {
  const chat = req.endpoint === 'chat';
  return {
    method: 'POST',
    url: joinUrl(req.baseUrl, chat ? '/chat/completions' : '/completions'),
    path: chat ? '/chat/completions' : '/completions',
    headers: { ...authHeaders(req.apiKey), 'Content-Type': 'application/json', Accept: 'text/event-stream' },
    body: JSON.stringify(chat ? fimChatBody(req) : fimCompletionsBody(req)),
  };
}

/** Passes the chat form's events on without reasoning or tool calls: a FIM answer is text, usage, done. */
class TextOnlyBatch extends EventBatch {
  constructor(private readonly inner: EventBatch) {
    super();
  }

  override delta(type: 'text' | 'reasoning', text: string): void {
    if (type === 'text') this.inner.delta(type, text);
  }

  override add(event: StreamEvent): void {
    if (event.type !== 'tool_call' && event.type !== 'reasoning') this.inner.add(event);
  }
}

/**
 * Streams the middle between `req.prompt` and `req.suffix`. Events: `text` deltas, one `usage`
 * (when the server reports it), then `done` with the finish reason ('stop' | 'length').
 * Same base URL, key, proxy (`opts.dispatcher`), retries, abort and idle timeout as streamChat,
 * through the same request path. Throws SiliconFlowError; a model that does not do FIM in this
 * form fails with kind 'bad_request' (see isFimRefusal).
 */
export function streamFim(req: FimRequest, opts: ClientOptions = {}): AsyncGenerator<StreamEvent> {
  return streamRequest(
    () => ({
      spec: fimSpec(req),
      context: { baseUrl: req.baseUrl, apiKey: req.apiKey, model: req.model },
      timeoutMs: req.timeoutMs,
      // One decoder for both: the completions chunks are read from `choices[].text`.
      decoder: (ctx, out) => new OpenAIDecoder(ctx, new TextOnlyBatch(out)),
    }),
    opts,
  );
}

/**
 * True when `err` says the model does not do FIM in the form that was used: a 400 that is not
 * "model does not exist" (20012) and not a context-length complaint. Retrying it per keystroke is
 * pointless; the other form (or another model) may work.
 */
export function isFimRefusal(err: unknown): boolean {
  if (!(err instanceof SiliconFlowError) || err.kind !== 'bad_request') return false;
  if (err.code === 20012 || err.code === '20012') return false;
  return !/too long for the context window/.test(err.message);
}
