// What the two protocol decoders (openai.ts, anthropic.ts) have in common: the interface the
// request loop drives, the batch they write events into, and reading one event's JSON.
import { protocolError, scrubSecrets, streamErrorFrom, truncatedError, type ErrorContext } from './errors';
import { LayoutReader } from './layoutReader';
import type { SseSink } from './sse';
import type { StreamEvent } from './types';

/**
 * A protocol decoder is the SSE parser's sink: `message()` turns one SSE message into StreamEvents
 * appended to the decoder's EventBatch, and throws a SiliconFlowError for an error event.
 */
export interface StreamDecoder extends SseSink {
  /** True once the answer is complete; bytes after that point are not read. */
  readonly complete: boolean;
  /**
   * True once the answer has said it is finished (a finish reason, a stop reason) but its end
   * marker has not come yet: a trailing usage chunk may still follow, and then end() closes it
   * normally, also when the connection is reset or goes quiet instead.
   */
  readonly finishing: boolean;
  /** Called when the body ends: adds the closing events (usage, done), or throws kind 'truncated'. */
  end(): void;
}

/**
 * What both protocols do with one SSE message before their own reading: nothing once the answer
 * is complete, nothing for empty data, `[DONE]` ends the stream (it is not JSON, docs/wire.md §1,
 * §2), a token in SiliconFlow's exact layout takes the quick path without JSON.parse (never under
 * an `event: error` line, which makes any payload an error), and any other event's JSON is checked
 * for an error (thrown as a SiliconFlowError) before the subclass reads it.
 */
export abstract class JsonEventDecoder implements StreamDecoder {
  complete = false;
  /** Remembers SiliconFlow's exact event layout for the quick paths. */
  protected readonly layout = new LayoutReader();

  constructor(
    protected readonly ctx: ErrorContext,
    protected readonly out: EventBatch,
  ) {}

  message(raw: string, eventName: string | undefined, atEof: boolean): void {
    if (this.complete) return;
    const data = raw.trim();
    if (data === '') return;
    if (data === '[DONE]') return this.doneMarker();
    if (eventName !== 'error' && this.quickRead(data)) return;
    const event = parseEventJson(data, atEof, this.ctx);
    const error = streamErrorFrom(event, eventName, this.ctx);
    if (error) throw error;
    if (isRecord(event)) this.read(event);
  }

  abstract get finishing(): boolean;
  abstract end(): void;
  /** `data: [DONE]` arrived. */
  protected abstract doneMarker(): void;
  /** True when `data` was read on the quick path (its events are in `out`). */
  protected abstract quickRead(data: string): boolean;
  /** An event's JSON object that is not an error. */
  protected abstract read(event: Record<string, unknown>): void;
}

/**
 * The StreamEvents decoded from one network chunk, waiting to be yielded. Adjacent text (or
 * reasoning) deltas of the same chunk become one event: they arrived together, so nobody could
 * have seen them apart, and the contract fixes only what the deltas add up to. A fast stream
 * brings dozens of tokens per read, so the caller (and the chat view behind it) handles far fewer
 * events; a slow one still gets each token as soon as it arrives.
 */
export class EventBatch {
  readonly events: StreamEvent[] = [];

  delta(type: 'text' | 'reasoning', text: string): void {
    const last = this.events[this.events.length - 1];
    // Only events not yet yielded are here (the batch is cleared after each chunk): safe to extend.
    if (last !== undefined && last.type === type && (last.type === 'text' || last.type === 'reasoning')) last.text += text;
    else this.events.push({ type, text });
  }

  add(event: StreamEvent): void {
    this.events.push(event);
  }

  clear(): void {
    this.events.length = 0;
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The JSON of an event. Invalid JSON in the last, unterminated event means the stream was cut. */
export function parseEventJson(data: string, atEof: boolean, ctx: ErrorContext): unknown {
  try {
    return JSON.parse(data);
  } catch {
    if (atEof) throw truncatedError(ctx, 'the last event was cut off');
    // Scrubbed before it is cut, so the cut cannot leave part of the key.
    const clean = scrubSecrets(data, ctx.apiKey);
    const preview = clean.length > 80 ? `${clean.slice(0, 80)}…` : clean;
    throw protocolError(ctx, `an event that is not JSON (${JSON.stringify(preview)})`);
  }
}

/** A finite non-negative number, or undefined. */
export function count(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

/** Tool-call arguments as complete JSON text: none at all means an empty object. */
export function argumentsText(raw: string): string {
  return raw.trim() === '' ? '{}' : raw;
}

/** Copies `value` into `target[key]` unless it is undefined, null or NaN (parameters left out). */
export function putDefined(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (typeof value === 'number' && !Number.isFinite(value)) return;
  target[key] = value;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** The one `usage` event, with the optional figures only when the server reported them. */
export function usageEvent(inputTokens: number, outputTokens: number, reasoningTokens?: number, cachedInputTokens?: number): StreamEvent {
  const event: Extract<StreamEvent, { type: 'usage' }> = { type: 'usage', inputTokens, outputTokens };
  if (reasoningTokens !== undefined) event.reasoningTokens = reasoningTokens;
  if (cachedInputTokens !== undefined) event.cachedInputTokens = Math.min(cachedInputTokens, inputTokens);
  return event;
}
