// The fast path for the one /messages event that comes once per token:
//
//   {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"…"}}
//   {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"…"}}
//
// JSON.parse of the whole event (two objects, four keys, the dispatch on `type` after it) was the
// largest single cost of decoding /messages; recognising this exact text and taking the string
// out of it costs about half. Only events written exactly like this (compact JSON, keys in this
// order, which is how SiliconFlow writes them: docs/wire.md §2) take this path; anything else,
// including whitespace, other keys or another order, goes through JSON.parse (layoutReader.ts).
import type { EventBatch } from './decoder';
import type { LayoutReader } from './layoutReader';

/** Adds the delta's text to `out` and returns true, or returns false if `data` is not such an event. */
export function readQuickDelta(data: string, reader: LayoutReader, out: EventBatch): boolean {
  reader.reset(data);
  // A text delta does not need its block's index, only a valid one.
  if (!reader.literal('{"type":"content_block_delta","index":') || reader.integer() < 0) return false;
  let type: 'text' | 'reasoning';
  if (reader.literal(',"delta":{"type":"text_delta","text":')) type = 'text';
  else if (reader.literal(',"delta":{"type":"thinking_delta","thinking":')) type = 'reasoning';
  else return false;
  const text = reader.string();
  if (text === undefined || !reader.literal('}}') || !reader.atEnd()) return false;
  if (text !== '') out.delta(type, text);
  return true;
}
