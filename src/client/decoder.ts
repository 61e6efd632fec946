// What the two protocol decoders (openai.ts, anthropic.ts) have in common: the interface the
// request loop drives, and reading one event's JSON.
import { protocolError, truncatedError, type ErrorContext } from './errors';
import type { SseMessage } from './sse';
import type { StreamEvent } from './types';

export interface StreamDecoder {
  /** The events carried by one SSE message. Throws a SiliconFlowError for an error event. */
  push(message: SseMessage): StreamEvent[];
  /** True once the answer is complete; bytes after that point are not read. */
  readonly complete: boolean;
  /** Called when the body ends: the closing events (usage, done), or throws kind 'truncated'. */
  end(): StreamEvent[];
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The JSON of an event. Invalid JSON in the last, unterminated event means the stream was cut. */
export function parseEventJson(message: SseMessage, ctx: ErrorContext): unknown {
  try {
    return JSON.parse(message.data);
  } catch {
    if (message.atEof) throw truncatedError(ctx, 'the last event was cut off');
    const preview = message.data.length > 80 ? `${message.data.slice(0, 80)}…` : message.data;
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
