// Network chunk → streaming TextDecoder → eventsource-parser → SSE messages, synchronously.
//
// Parsing is synchronous per network chunk: every message the chunk completes is handed to the
// sink before feed() returns. The one asynchronous step of a stream (waiting for the next chunk,
// handing events to the consumer) is stream.ts's generator; an async generator here as well cost
// two extra promise hops per message, more than parsing the message.
//
// eventsource-parser is pinned to 3.1.1: version 4 is ESM-only and declares Node ≥ 22, while this
// code must run on Node 20 (VS Code's extension host, the unit tests) and inside the CommonJS
// esbuild bundle. Version 3 ships both CJS and ESM builds and needs nothing newer than Node 18.
//
// Bytes are decoded with one TextDecoder in streaming mode, so a multi-byte character split across
// two chunks is joined before the parser sees it; the decoder also drops a leading UTF-8 BOM.
// The parser handles LF / CR / CRLF (including a CR at the end of one chunk and its LF in the
// next), comments, `data:` with or without the space and multi-line data.
import { createParser, type EventSourceMessage, type EventSourceParser, type ParseError } from 'eventsource-parser';

/** Receives the SSE messages of a stream, in order. */
export interface SseSink {
  /**
   * One message: `data` (multi-line data joined with "\n") and the `event:` name if the server
   * sent one (dispatch on the JSON `type` instead where possible). `atEof` is true when the message
   * had no terminating blank line and was only completed because the body ended: a partial JSON
   * payload then means the stream was cut, not that the server sent garbage.
   */
  message(data: string, eventName: string | undefined, atEof: boolean): void;
}

/** Characters kept of the start of a body in which no message was seen yet (see SseParser.head). */
const HEAD_CHARS = 64 * 1024;
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
    // Searched from the end, and only back to the progress character (itself no line break): a
    // chunk usually ends at or just after a line break. (lastIndexOf('\r') would scan the whole
    // chunk, up to 64 KB, whenever the stream has no CR at all, which is the usual case.)
    let lastBreak = text.length - 1;
    while (lastBreak > progressAt) {
      const c = text.charCodeAt(lastBreak);
      if (c === LF || c === CR) break;
      lastBreak--;
    }
    if (lastBreak <= progressAt) {
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

/** Turns the chunks of a response body into SSE messages for a sink. */
export class SseParser {
  private readonly decoder = new TextDecoder('utf-8');
  private readonly progress = new ProgressDetector();
  private readonly parser: EventSourceParser;
  private atEof = false;
  private failure: ParseError | undefined;
  /** True once the body has given one SSE message (data event) to the sink. */
  sawMessage = false;
  /**
   * The decoded start of the body (up to 64 K characters), kept until the first message: a body
   * that never gives one is not an event stream and is classified from this (it is raw server
   * text, to be scrubbed before use).
   */
  head = '';

  constructor(sink: SseSink) {
    this.parser = createParser({
      onEvent: (m: EventSourceMessage) => {
        this.sawMessage = true;
        sink.message(m.data, m.event, this.atEof);
      },
      onError: (e: ParseError) => {
        // Unknown fields are ignored (the SSE spec says so); only an oversized event is fatal.
        if (e.type === 'max-buffer-size-exceeded') this.failure = e;
      },
      maxBufferSize: MAX_EVENT_CHARS,
    });
  }

  /**
   * Parses one network chunk; the sink sees every message it completes before this returns (and
   * whatever the sink throws comes out of here). Returns true if the chunk carried progress: a
   * character of a non-comment line.
   */
  feed(bytes: Uint8Array): boolean {
    const text = this.decoder.decode(bytes, { stream: true });
    if (!this.sawMessage && this.head.length < HEAD_CHARS) this.head += text.slice(0, HEAD_CHARS - this.head.length);
    const progressed = this.progress.feed(text);
    this.parse(text);
    return progressed;
  }

  /** The head is full and the body goes on: no event stream would have sent 64 K characters without a message. */
  get headFull(): boolean {
    return this.head.length >= HEAD_CHARS;
  }

  /** Whether the head has a line that is neither blank nor a comment (something besides keep-alives). */
  get headHasText(): boolean {
    return this.head.split(/\r\n|\r|\n/).some((line) => line.trim() !== '' && !line.startsWith(':'));
  }

  /** The body ended: flushes the decoder and completes a last event that had no blank line. */
  end(): void {
    this.atEof = true;
    // A last event with no trailing blank line (or whose CR was held back waiting for a possible
    // LF) still counts.
    this.parse(this.decoder.decode() + '\n\n');
  }

  private parse(text: string): void {
    this.parser.feed(text);
    if (this.failure) throw new SseFormatError(this.failure.message);
  }
}
