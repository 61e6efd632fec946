// Reads a JSON text that is expected to follow one exact layout (compact, keys in a known order),
// for the fast paths of the per-token events (anthropicQuickDelta.ts, openaiQuickChunk.ts).
// JSON.parse builds every object, key and value of an event; the fast paths only compare the
// fixed parts of the text and take out the few values they need. Every method answers "no" (false,
// -1 or undefined) as soon as the text differs from the layout or is not valid JSON at that point,
// and the caller then leaves the event to JSON.parse, so a fast path never accepts a text that
// JSON.parse would reject or read it differently.

const ZERO = 48;
const NINE = 57;
const QUOTE = 34;
const BACKSLASH = 92;
/** JSON strings hold no raw characters below U+0020. */
const FIRST_PLAIN_CHAR = 32;
/** A JSON string with no escapes: no quote, backslash or control character inside. */
// eslint-disable-next-line no-control-regex -- raw control characters are what JSON forbids in a string
const PLAIN_STRING = /"[^"\\\u0000-\u001f]*"/y;
/** Up to 15 digits every integer is exact in a double, as JSON.parse would read it. */
const MAX_DIGITS = 15;

/** A cursor over one text; reused for every event (reset), so the fast paths allocate nothing. */
export class LayoutReader {
  private text = '';
  private pos = 0;

  reset(text: string): void {
    this.text = text;
    this.pos = 0;
  }

  /** Skips `fixed` if the text continues with exactly it. */
  literal(fixed: string): boolean {
    // indexOf, not startsWith: in Node 20, startsWith compares a 40-character match about four
    // times slower. On a mismatch indexOf would search on; comparing the first character first
    // makes nearly every mismatch cheap, and mismatches are the rare events anyway.
    if (this.text.charCodeAt(this.pos) !== fixed.charCodeAt(0) || this.text.indexOf(fixed, this.pos) !== this.pos) return false;
    this.pos += fixed.length;
    return true;
  }

  /** A non-negative JSON integer (no sign, fraction, exponent or leading zero), or -1. */
  integer(): number {
    const text = this.text;
    const start = this.pos;
    let value = 0;
    let i = start;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < ZERO || c > NINE) break;
      value = value * 10 + (c - ZERO);
    }
    const digits = i - start;
    if (digits === 0 || digits > MAX_DIGITS || (digits > 1 && text.charCodeAt(start) === ZERO)) return -1;
    this.pos = i;
    return value;
  }

  /**
   * A JSON string's value, or undefined. Most strings here (a token, an id) have no escapes and
   * are sliced out as they are (the regular expression finds their end faster than a loop in
   * JavaScript); with an escape, JSON.parse reads just the string.
   */
  string(): string | undefined {
    PLAIN_STRING.lastIndex = this.pos;
    if (PLAIN_STRING.test(this.text)) {
      const start = this.pos + 1;
      this.pos = PLAIN_STRING.lastIndex;
      return this.text.slice(start, this.pos - 1);
    }
    return this.escapedString();
  }

  private escapedString(): string | undefined {
    const text = this.text;
    if (text.charCodeAt(this.pos) !== QUOTE) return undefined;
    let i = this.pos + 1;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) break;
      if (c === BACKSLASH) i++; // the escaped character cannot end the string
      else if (c < FIRST_PLAIN_CHAR) return undefined;
    }
    if (i >= text.length) return undefined;
    const literal = text.slice(this.pos, i + 1);
    this.pos = i + 1;
    return parsedString(literal);
  }

  /** `null` or a JSON string: null, the string, or undefined for anything else. */
  stringOrNull(): string | null | undefined {
    return this.literal('null') ? null : this.string();
  }

  /** True when the whole text has been read. */
  atEnd(): boolean {
    return this.pos === this.text.length;
  }
}

function parsedString(literal: string): string | undefined {
  try {
    const value: unknown = JSON.parse(literal);
    return typeof value === 'string' ? value : undefined;
  } catch {
    // A bad escape: not valid JSON, so the general path reports it.
    return undefined;
  }
}
