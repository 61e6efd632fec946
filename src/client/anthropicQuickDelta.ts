// The fast path for the one /messages event that comes once per token:
//
//   {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"…"}}
//   {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"…"}}
//
// JSON.parse of the whole event (two objects, four keys, the dispatch on `type` after it) was the
// largest single cost of decoding /messages; recognising this exact text and taking the string
// out of it costs about half. Only events written exactly like this (compact JSON, keys in this
// order, which is how SiliconFlow writes them: PROTOCOL.md §2) take this path; anything else,
// including whitespace, other keys or another order, returns false and goes through JSON.parse.
// When it returns true the text is exactly what JSON.parse would have given.
import type { EventBatch } from './decoder';

const PREFIX = '{"type":"content_block_delta","index":';
const TEXT_DELTA = ',"delta":{"type":"text_delta","text":"';
const THINKING_DELTA = ',"delta":{"type":"thinking_delta","thinking":"';
const SUFFIX = '"}}';
const ZERO = 48;
const NINE = 57;
const QUOTE = 34;
const BACKSLASH = 92;
/** JSON strings hold no raw characters below U+0020. */
const FIRST_PLAIN_CHAR = 32;

/** Adds the delta's text to `out` and returns true, or returns false if `data` is not such an event. */
export function readQuickDelta(data: string, out: EventBatch): boolean {
  if (!data.startsWith(PREFIX) || !data.endsWith(SUFFIX)) return false;
  // `index`: a JSON integer (no sign, no leading zero). A text delta does not need its value.
  let i = PREFIX.length;
  const digitsStart = i;
  while (i < data.length && data.charCodeAt(i) >= ZERO && data.charCodeAt(i) <= NINE) i++;
  if (i === digitsStart || (data.charCodeAt(digitsStart) === ZERO && i - digitsStart > 1)) return false;
  let type: 'text' | 'reasoning';
  if (data.startsWith(TEXT_DELTA, i)) {
    type = 'text';
    i += TEXT_DELTA.length;
  } else if (data.startsWith(THINKING_DELTA, i)) {
    type = 'reasoning';
    i += THINKING_DELTA.length;
  } else {
    return false;
  }
  const end = data.length - SUFFIX.length;
  if (end < i) return false;
  const text = stringBetween(data, i, end);
  if (text === undefined) return false;
  if (text !== '') out.delta(type, text);
  return true;
}

/**
 * The value of the JSON string whose characters (between the quotes) are data[start, end), or
 * undefined if they are not one valid JSON string. Most tokens need no unescaping and are sliced
 * out as they are; with an escape, JSON.parse reads just the string.
 */
function stringBetween(data: string, start: number, end: number): string | undefined {
  for (let k = start; k < end; k++) {
    const c = data.charCodeAt(k);
    if (c === QUOTE || c === BACKSLASH || c < FIRST_PLAIN_CHAR) return parsedString(data.slice(start - 1, end + 1));
  }
  return data.slice(start, end);
}

function parsedString(literal: string): string | undefined {
  try {
    const value: unknown = JSON.parse(literal);
    return typeof value === 'string' ? value : undefined;
  } catch {
    // Not one JSON string (an unescaped quote, a raw control character): the general path decides.
    return undefined;
  }
}
