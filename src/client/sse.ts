// Response body → streaming TextDecoder → eventsource-parser → SSE messages.
//
// eventsource-parser is pinned to 3.1.1: version 4 is ESM-only and declares Node ≥ 22, while this
// code must run on Node 20 (VS Code's extension host, the unit tests) and inside the CommonJS
// esbuild bundle. Version 3 ships both CJS and ESM builds and needs nothing newer than Node 18.
//
// Bytes are decoded with one TextDecoder in streaming mode, so a multi-byte character split across
// two chunks is joined before the parser sees it; the decoder also drops a leading UTF-8 BOM.
// The parser handles LF / CR / CRLF (including a CR at the end of one chunk and its LF in the
// next), comments, `data:` with or without the space and multi-line data.
import { createParser, type EventSourceMessage, type ParseError } from 'eventsource-parser';

export interface SseMessage {
  /** The `event:` name, if the server sent one. Dispatch on the JSON `type` instead where possible. */
  event?: string;
  data: string;
  /**
   * True when the event had no terminating blank line and was only completed because the body
   * ended. A partial JSON payload here means the stream was cut, not that the server sent garbage.
   */
  atEof: boolean;
}

/** Upper bound on one buffered event (characters); far above real events, which may exceed 64 KB. */
const MAX_EVENT_CHARS = 16 * 1024 * 1024;
const LF = 10;
const CR = 13;
const COLON = 58;

/**
 * Tells whether decoded text contains anything besides comment lines and line breaks. A proxy's
 * `: keep-alive` comments keep a connection open but are not progress, so they must not reset the
 * idle timeout. The state carries across chunks because a comment can be split anywhere.
 */
export class ProgressDetector {
  private atLineStart = true;
  private inComment = false;

  /** Returns true if `text` carries a character of a non-comment line. */
  feed(text: string): boolean {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === LF || c === CR) {
        this.atLineStart = true;
        this.inComment = false;
        continue;
      }
      if (this.atLineStart) {
        this.atLineStart = false;
        this.inComment = c === COLON;
      }
      if (!this.inComment) {
        this.settleAtEnd(text, i);
        return true;
      }
    }
    return false;
  }

  /** Once progress is known, only the state after the chunk's last line break matters. */
  private settleAtEnd(text: string, progressAt: number): void {
    const lastBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
    if (lastBreak < progressAt) {
      this.atLineStart = false;
      this.inComment = false;
    } else if (lastBreak === text.length - 1) {
      this.atLineStart = true;
      this.inComment = false;
    } else {
      this.atLineStart = false;
      this.inComment = text.charCodeAt(lastBreak + 1) === COLON;
    }
  }
}

export class SseFormatError extends Error {}

/**
 * Yields the SSE messages of `body`. `onProgress` is called whenever bytes of a non-comment line
 * arrive. Stops (and cancels the body) when the consumer stops iterating.
 */
export async function* readSse(body: ReadableStream<Uint8Array>, onProgress: () => void): AsyncGenerator<SseMessage> {
  const decoder = new TextDecoder('utf-8');
  const progress = new ProgressDetector();
  const queue: SseMessage[] = [];
  let atEof = false;
  let parseFailure: ParseError | undefined;
  const parser = createParser({
    onEvent: (m: EventSourceMessage) => queue.push({ event: m.event, data: m.data, atEof }),
    onError: (e: ParseError) => {
      // Unknown fields are ignored (the SSE spec says so); only an oversized event is fatal.
      if (e.type === 'max-buffer-size-exceeded') parseFailure = e;
    },
    maxBufferSize: MAX_EVENT_CHARS,
  });
  const reader = body.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      let text: string;
      if (done) {
        atEof = true;
        // Flush the decoder, then end the last line and event: a last event with no trailing
        // blank line (or whose CR was held back waiting for a possible LF) still counts.
        text = decoder.decode() + '\n\n';
      } else {
        text = decoder.decode(value, { stream: true });
        if (progress.feed(text)) onProgress();
      }
      parser.feed(text);
      if (parseFailure) throw new SseFormatError(parseFailure.message);
      for (let i = 0; i < queue.length; i++) yield queue[i];
      queue.length = 0;
      if (done) {
        finished = true;
        return;
      }
    }
  } finally {
    if (!finished) reader.cancel().catch(() => undefined);
    else reader.releaseLock();
  }
}
