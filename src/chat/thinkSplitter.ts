// Some models (served through the OpenAI-compatible path) put their thinking in the answer text as
// `<think>…</think>` at the very start instead of in reasoning_content. This splits such a prefix
// off into reasoning, whatever way the text is chunked, so it is shown folded, stored as reasoning
// and never sent back to the model as content. A `<think>` anywhere but the start is plain text.
// No 'vscode' import.

const OPEN = '<think>';
const CLOSE = '</think>';

export interface Piece {
  kind: 'text' | 'reasoning';
  text: string;
}

export class ThinkSplitter {
  private state: 'start' | 'thinking' | 'afterThink' | 'text' = 'start';
  private held = '';

  /** Feeds one text delta; returns the pieces that are certain so far (possibly none). */
  push(chunk: string): Piece[] {
    this.held += chunk;
    return this.drain(false);
  }

  /** The stream ended: whatever is still held back is released as it stands. */
  end(): Piece[] {
    return this.drain(true);
  }

  private drain(final: boolean): Piece[] {
    const out: Piece[] = [];
    const emit = (kind: Piece['kind'], text: string): void => {
      if (text) out.push({ kind, text });
    };
    for (;;) {
      if (this.state === 'start') {
        const trimmed = this.held.trimStart();
        if (trimmed.startsWith(OPEN)) {
          this.held = trimmed.slice(OPEN.length);
          this.state = 'thinking';
          continue;
        }
        // Undecided while the text so far could still become `<think>`.
        if (!final && (trimmed === '' || OPEN.startsWith(trimmed))) return out;
        this.state = 'text';
        continue;
      }
      if (this.state === 'thinking') {
        const end = this.held.indexOf(CLOSE);
        if (end >= 0) {
          emit('reasoning', this.held.slice(0, end));
          this.held = this.held.slice(end + CLOSE.length);
          this.state = 'afterThink';
          continue;
        }
        // Hold back a tail that could be the start of `</think>`.
        const keep = final ? 0 : partialSuffix(this.held, CLOSE);
        emit('reasoning', this.held.slice(0, this.held.length - keep));
        this.held = this.held.slice(this.held.length - keep);
        return out;
      }
      if (this.state === 'afterThink') {
        // The blank lines models put after `</think>` are not part of the answer.
        this.held = this.held.trimStart();
        if (!this.held) return out;
        this.state = 'text';
        continue;
      }
      emit('text', this.held);
      this.held = '';
      return out;
    }
  }
}

/** Length of the longest suffix of `s` that is a proper prefix of `tag`. */
function partialSuffix(s: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, s.length); n > 0; n--) {
    if (tag.startsWith(s.slice(s.length - n))) return n;
  }
  return 0;
}
