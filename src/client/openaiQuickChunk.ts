// The fast path for the chunk SiliconFlow's /chat/completions sends once per token
// (docs/wire.md §1, as captured from the real API):
//
//   {"id":"…","object":"chat.completion.chunk","created":1763350084,"model":"…",
//    "choices":[{"index":0,"delta":{"content":"你好","reasoning_content":null},"finish_reason":null}],
//    "system_fingerprint":"","usage":{"prompt_tokens":30,"completion_tokens":1,"total_tokens":31}}
//
// (on one line). JSON.parse of such a chunk, about 300 bytes that become five objects, was most of
// the time spent decoding /chat/completions. Here the fixed parts are checked with startsWith and
// only the two deltas and the usage figures are taken out. `reasoning_content`,
// `system_fingerprint` and `usage` may be absent and `finish_reason` may be "" (seen instead of
// null); anything else (the first chunk with its `role`, the last with its finish reason, tool
// calls, whitespace, other keys or another order) returns false and takes the general path
// through JSON.parse (layoutReader.ts), so the result is always what JSON.parse would give.
import type { LayoutReader } from './layoutReader';

/** What one chunk carries, kept in one reused object so that reading a chunk allocates nothing. */
export class QuickChunk {
  content: string | null = null;
  reasoning: string | null = null;
  hasUsage = false;
  promptTokens = 0;
  completionTokens = 0;

  /** Fills this from `data` and returns true, or returns false if `data` is not such a chunk. */
  read(data: string, reader: LayoutReader): boolean {
    reader.reset(data);
    if (!reader.literal('{"id":') || reader.string() === undefined) return false;
    if (!reader.literal(',"object":"chat.completion.chunk","created":') || reader.integer() < 0) return false;
    if (!reader.literal(',"model":') || reader.string() === undefined) return false;
    if (!reader.literal(',"choices":[{"index":0,"delta":{"content":')) return false;
    const content = reader.stringOrNull();
    if (content === undefined) return false;
    let reasoning: string | null | undefined = null;
    if (reader.literal(',"reasoning_content":')) {
      reasoning = reader.stringOrNull();
      if (reasoning === undefined) return false;
    }
    if (!reader.literal('},"finish_reason":null}]') && !reader.literal('},"finish_reason":""}]')) return false;
    if (reader.literal(',"system_fingerprint":') && reader.string() === undefined) return false;
    this.hasUsage = reader.literal(',"usage":{"prompt_tokens":');
    if (this.hasUsage) {
      this.promptTokens = reader.integer();
      if (this.promptTokens < 0 || !reader.literal(',"completion_tokens":')) return false;
      this.completionTokens = reader.integer();
      if (this.completionTokens < 0 || !reader.literal(',"total_tokens":') || reader.integer() < 0 || !reader.literal('}')) return false;
    }
    if (!reader.literal('}') || !reader.atEnd()) return false;
    this.content = content;
    this.reasoning = reasoning;
    return true;
  }
}
