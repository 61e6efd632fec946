// The one rule for a model's thinking, in every form it arrives in, on the host. Pure: no vscode
// import. The chat, the editor commands and anything else that reads an answer go through here;
// the webview shows what this split and never splits again.
//
// Forms (docs/ has the wire facts):
// - `reasoning_content` (OpenAI-compatible) and `thinking` blocks (Anthropic-compatible) arrive as
//   reasoning already: `pushReasoning`.
// - `<think>…</think>` at the very start of the answer text (leading whitespace allowed): the inside
//   is reasoning, the blank lines after `</think>` are dropped.
// - `</think>` with no opening tag (some deployments strip it): everything before it is reasoning.
//   While streaming that text has been shown as the answer already; when the tag arrives it moves
//   (a `reset` change). Only the first such tag counts, and only outside code: a tag inside a
//   fenced code block or an inline code span is text, as is one after a `<think>` in the text.
//   A backtick run opens a code span only if the same run closes it later in the paragraph
//   (CommonMark); so a tag after an unmatched run ("use ```python blocks.\n</think>") counts once
//   the paragraph ends without that closing run (a blank line, a fence, or the end of the stream).
// - `<think>` never closed: if the stream ends normally (finish `stop`), the text inside is shown
//   as the answer — the model said all it was going to say, and an answer shown empty (Copy gives
//   "") hides it; if it was cut short (length, interrupted, error) it stays reasoning, since the
//   model stopped while thinking.
// Anything else is answer text. `splitThinking` applies the same rule to a whole text at once.

const OPEN = '<think>';
const CLOSE = '</think>';

/** One change to an answer's two parts. `reset` replaces both (rare: see the rules above). */
export type ThinkChange =
  | { kind: 'text'; text: string }
  | { kind: 'reasoning'; text: string }
  | { kind: 'reset'; answer: string; reasoning: string };

/** How a stream ended: `normal` = finish reason `stop` (or any but `length`/`content_filter`); `cut` = anything else. */
export type StreamEnd = 'normal' | 'cut';

/** Where inline code and fenced code stand at the end of the text scanned so far (for a lone `</think>`). */
interface CodeState {
  /** The open fence (its character and length), or undefined outside a fenced block. */
  fence?: { char: string; length: number };
  /** Length of the backtick run that opened an inline code span in this paragraph (0 = none). */
  ticks: number;
  /** A `<think>` was seen outside code: a later `</think>` closes it, as text. */
  sawOpen: boolean;
  /**
   * Where a `</think>` came after a backtick run not yet closed (in the whole text scanned, -1 =
   * none): it is a lone close if the paragraph ends with the run still open.
   */
  pendingClose: number;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

/**
 * Splits a streaming answer into reasoning and answer text.
 * Feed text deltas to `pushText`, reasoning deltas to `pushReasoning`, and call `end` once.
 * Each call returns the changes that are certain so far; `answer` and `reasoning` hold the totals.
 */
export class ThinkSplitter {
  private state: 'start' | 'tagged' | 'plain' | 'afterThink' | 'text' = 'start';
  /** Text received but not yet classified (a tag may be arriving). */
  private held = '';
  /** Reasoning that came from a leading `<think>` (moves to the answer on a normal end while open). */
  private tagged = '';
  private answerText = '';
  private reasoningText = '';
  /** In the `plain` state: the code state after the last complete line, and that line's start in answerText. */
  private code: CodeState = { ticks: 0, sawOpen: false, pendingClose: -1 };
  private lineStart = 0;
  /** The current line (answerText from lineStart) holds a `</think>`: a candidate until its paragraph ends. */
  private closeInLine = false;
  /** After `</think>`: a line break has been dropped (what follows starts a line of the answer). */
  private brokeLine = false;

  get answer(): string {
    return this.answerText;
  }

  get reasoning(): string {
    return this.reasoningText;
  }

  /** Reasoning that arrived as such (`reasoning_content`, a thinking block). */
  pushReasoning(text: string): ThinkChange[] {
    if (!text) return [];
    this.reasoningText += text;
    return [{ kind: 'reasoning', text }];
  }

  /** One delta of the answer text. */
  pushText(text: string): ThinkChange[] {
    this.held += text;
    return this.drain(false);
  }

  /** The stream ended (`normal` or `cut`): whatever is held back is released. */
  end(how: StreamEnd): ThinkChange[] {
    const out = this.drain(true);
    if (this.state === 'tagged' && how === 'normal') {
      // An unclosed <think> at a normal end is the answer (see the rules at the top).
      this.reasoningText = this.reasoningText.slice(0, this.reasoningText.length - this.tagged.length);
      this.answerText = withoutBlankStart(this.tagged);
      this.tagged = '';
      this.state = 'text';
      return [{ kind: 'reset', answer: this.answerText, reasoning: this.reasoningText }];
    }
    return out;
  }

  private drain(final: boolean): ThinkChange[] {
    const out: ThinkChange[] = [];
    const text = (t: string): void => {
      if (!t) return;
      this.answerText += t;
      out.push({ kind: 'text', text: t });
    };
    const reasoning = (t: string): void => {
      if (!t) return;
      this.reasoningText += t;
      this.tagged += t;
      out.push({ kind: 'reasoning', text: t });
    };
    for (;;) {
      switch (this.state) {
        case 'start': {
          const trimmed = this.held.trimStart();
          if (trimmed.startsWith(OPEN)) {
            this.held = trimmed.slice(OPEN.length);
            this.state = 'tagged';
            continue;
          }
          // Undecided while the text so far could still become `<think>`.
          if (!final && (trimmed === '' || OPEN.startsWith(trimmed))) return out;
          this.state = 'plain';
          continue;
        }
        case 'tagged': {
          const end = this.held.indexOf(CLOSE);
          if (end >= 0) {
            reasoning(this.held.slice(0, end));
            this.held = this.held.slice(end + CLOSE.length);
            this.tagged = '';
            this.state = 'afterThink';
            continue;
          }
          const keep = final ? 0 : partialSuffix(this.held, CLOSE);
          reasoning(this.held.slice(0, this.held.length - keep));
          this.held = this.held.slice(this.held.length - keep);
          return out;
        }
        case 'afterThink': {
          if (!this.dropBlankStart(final)) return out;
          this.state = 'text';
          continue;
        }
        case 'plain': {
          const close = this.findLoneClose(final);
          if (close >= 0) {
            // Everything before it was reasoning, shown as answer so far.
            const all = this.answerText + this.held;
            this.reasoningText += all.slice(0, close);
            this.answerText = '';
            this.held = all.slice(close + CLOSE.length);
            this.state = 'afterThink';
            this.drainAfterReset(final);
            out.length = 0;
            out.push({ kind: 'reset', answer: this.answerText, reasoning: this.reasoningText });
            return out;
          }
          const keep = final ? 0 : partialSuffix(this.held, CLOSE);
          const released = this.held.slice(0, this.held.length - keep);
          this.held = this.held.slice(this.held.length - keep);
          text(released);
          this.advanceCode(released);
          // Released text never ends in part of a tag (held back above), so a tag is in one release.
          const lastBreak = released.lastIndexOf('\n');
          if (lastBreak >= 0) this.closeInLine = released.slice(lastBreak + 1).includes(CLOSE);
          else if (released.includes(CLOSE)) this.closeInLine = true;
          return out;
        }
        case 'text':
          text(this.held);
          this.held = '';
          return out;
      }
    }
  }

  /**
   * Drops what models put between `</think>` and the answer: spaces on the tag's line and blank
   * lines — but not the indentation of the answer's first line (an indented code block). False
   * while that cannot be told yet (only blanks so far).
   */
  private dropBlankStart(final: boolean): boolean {
    const lines = /^(?:[ \t]*\r?\n)+/.exec(this.held);
    if (lines) {
      this.held = this.held.slice(lines[0].length);
      this.brokeLine = true;
    }
    if (!final && /^[ \t]*$/.test(this.held)) return false;
    if (!this.brokeLine) this.held = this.held.replace(/^[ \t]+/, '');
    return true;
  }

  /** After a reset, the rest of the held text is classified too (its changes are part of the reset). */
  private drainAfterReset(final: boolean): void {
    if (!this.dropBlankStart(final)) return;
    this.state = 'text';
    this.answerText += this.held;
    this.held = '';
  }

  /**
   * Index in answerText + held of a `</think>` outside code, with no `<think>` before it, or -1.
   * Scans the current (partial) line from the state after the last complete line, without
   * committing it. Only when `held` has the tag, or a tag after an open backtick run waits for its
   * paragraph to end (rare), so a long line costs nothing per chunk. `final`: the text is complete,
   * so its last paragraph has ended.
   */
  private findLoneClose(final: boolean): number {
    if (this.code.sawOpen || (this.code.pendingClose < 0 && !this.closeInLine && !this.held.includes(CLOSE))) return -1;
    const text = this.answerText.slice(this.lineStart) + this.held;
    const state: CodeState = { ...this.code };
    let offset = this.lineStart;
    const lines = text.split('\n');
    for (const [i, line] of lines.entries()) {
      // The last line may still grow: blank so far, or a fence so far, it cannot end a paragraph yet.
      if (!final && i === lines.length - 1 && (line.trim() === '' || FENCE_OPEN.test(line))) return -1;
      const found = scanLine(line, state, offset);
      if (found >= 0) return found;
      if (state.sawOpen) return -1;
      offset += line.length + 1;
    }
    return final ? endParagraph(state) : -1;
  }

  /** Commits the code state for the lines that `released` (just appended to answerText) completed. */
  private advanceCode(released: string): void {
    const breakInReleased = released.lastIndexOf('\n');
    if (breakInReleased < 0) return;
    const lastBreak = this.answerText.length - released.length + breakInReleased;
    let offset = this.lineStart;
    for (const line of this.answerText.slice(this.lineStart, lastBreak).split('\n')) {
      scanLine(line, this.code, offset);
      offset += line.length + 1;
    }
    this.lineStart = lastBreak + 1;
  }
}

/**
 * Advances `state` over one line (without its newline; it starts at `offset` in the whole text) and
 * returns the index in the whole text of a lone `</think>` outside code, or -1. A partial line is
 * scanned the same way: the tags and backtick runs in it are complete or held back by the caller.
 */
function scanLine(line: string, state: CodeState, offset: number): number {
  if (state.fence) {
    const close = FENCE_CLOSE.exec(line);
    if (close && close[1]![0] === state.fence.char && close[1]!.length >= state.fence.length) state.fence = undefined;
    return -1;
  }
  const open = FENCE_OPEN.exec(line);
  if (open && !(open[1]![0] === '`' && open[2]!.includes('`'))) {
    // A fence ends the paragraph before it.
    const pending = endParagraph(state);
    state.fence = { char: open[1]![0]!, length: open[1]!.length };
    return pending;
  }
  if (line.trim() === '') return endParagraph(state);
  for (let i = 0; i < line.length; ) {
    if (line[i] === '`') {
      let j = i;
      while (line[j] === '`') j++;
      const run = j - i;
      if (state.ticks === 0) {
        state.ticks = run;
      } else if (state.ticks === run) {
        // The span closed: a tag inside it was code.
        state.ticks = 0;
        state.pendingClose = -1;
      }
      i = j;
      continue;
    }
    if (line[i] === '<') {
      if (line.startsWith(CLOSE, i)) {
        if (state.ticks === 0) return offset + i;
        if (state.pendingClose < 0) state.pendingClose = offset + i;
      } else if (state.ticks === 0 && line.startsWith(OPEN, i)) {
        state.sawOpen = true;
        return -1;
      }
    }
    i++;
  }
  return -1;
}

/**
 * The paragraph ended: a backtick run still open in it was literal, so a `</think>` after it was
 * outside code. Returns that tag's index, or -1; the state starts the next paragraph.
 */
function endParagraph(state: CodeState): number {
  const pending = state.ticks > 0 ? state.pendingClose : -1;
  state.ticks = 0;
  state.pendingClose = -1;
  return pending;
}

/** `text` without the blanks before its first line with content (its indentation stays). */
function withoutBlankStart(text: string): string {
  const lines = /^(?:[ \t]*\r?\n)+/.exec(text);
  return lines ? text.slice(lines[0].length) : text.replace(/^[ \t]+/, '');
}

/** Length of the longest suffix of `s` that is a proper prefix of `tag`. */
function partialSuffix(s: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, s.length); n > 0; n--) {
    if (tag.startsWith(s.slice(s.length - n))) return n;
  }
  return 0;
}

/** A whole answer text split by the same rule. `end` undefined = still streaming (a partial tag is held back). */
export function splitThinking(text: string, end?: StreamEnd): { answer: string; reasoning: string } {
  const splitter = new ThinkSplitter();
  splitter.pushText(text);
  if (end) splitter.end(end);
  return { answer: splitter.answer, reasoning: splitter.reasoning };
}

/** The stream end a finish reason means: `length` and `content_filter` cut the answer short. */
export function streamEndOf(finishReason: string | undefined): StreamEnd {
  return finishReason === 'length' || finishReason === 'content_filter' ? 'cut' : 'normal';
}
