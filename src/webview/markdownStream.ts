// Incremental markdown rendering for a streaming answer. The text only grows, so the top-level
// blocks that can no longer change are rendered once, put in the DOM and never touched again; only
// the open tail (the last block or two) is lexed and rendered again on each update. Long answers
// therefore cost about the same per frame as short ones, and selections in finished blocks survive.
//
// The invariant the tests hold it to: after any sequence of updates, the DOM equals a one-shot
// render of the same text. So a block is only committed when no later text can change how it
// parses — see `stableBlockCount`.
import type { Token, TokensList } from 'marked';
import type { MarkdownRenderer } from './markdown';

/** Where the committed blocks end: how many tokens and how many characters of the lexed text. */
interface Boundary {
  tokens: number;
  chars: number;
}

const FENCE_START = /^ {0,3}(`{3,}|~{3,})/;
const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]|\n|$)/;

/**
 * How many leading tokens are final. A block is final when
 *  - it is followed by a blank line and then by a block whose first line is complete: markdown
 *    only lets a block continue past a blank line through that next line (a list item `2. x`,
 *    indented content), and a half-arrived line like `2` could still become one; or
 *  - it is an ATX heading or a closed code fence, ended by a newline, with something after it:
 *    nothing that follows can change either.
 * Anything the lexer does not account for character by character is left open.
 */
export function stableBlockCount(tokens: Token[], textLength: number): Boundary {
  const none = { tokens: 0, chars: 0 };
  if (tokens.reduce((sum, token) => sum + token.raw.length, 0) !== textLength) return none;
  let boundary = none;
  let offset = 0;
  for (let i = 0; i < tokens.length - 1; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1]!;
    offset += token.raw.length;
    const nextIsLast = i + 1 === tokens.length - 1;
    if (token.type === 'space') {
      if (next.type !== 'space' && (!nextIsLast || next.raw.includes('\n'))) boundary = { tokens: i + 1, chars: offset };
    } else if (token.raw.endsWith('\n') && (isAtxHeading(token) || isFencedCode(token))) {
      boundary = { tokens: i + 1, chars: offset };
    }
  }
  return boundary;
}

function isAtxHeading(token: Token): boolean {
  return token.type === 'heading' && ATX_HEADING.test(token.raw);
}

function isFencedCode(token: Token): boolean {
  // A fence that is not closed runs to the end of the text, so a fenced block with a token after it is closed.
  return token.type === 'code' && FENCE_START.test(token.raw);
}

function hasReferenceDefinitions(tokens: TokensList): boolean {
  return Object.keys(tokens.links).length > 0;
}

/** The lexer turns CR LF into LF; doing it first keeps character offsets in step with token raws. */
function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

export class MarkdownStream {
  private source = '';
  /** Characters of `source` rendered into committed (final) nodes. */
  private committedChars = 0;
  /** The open tail; `display: contents`, so it adds no box and no layout of its own. */
  private tail: HTMLElement;
  private finished = false;
  /**
   * Reference-style link definitions (`[x]: https://…`) resolve across the whole text, so once one
   * appears, blocks cannot be rendered independently: every update renders the whole text. Rare in
   * model output, and still correct.
   */
  private wholeTextMode = false;

  constructor(
    private readonly container: HTMLElement,
    private readonly renderer: MarkdownRenderer,
  ) {
    this.tail = this.createTail();
  }

  get text(): string {
    return this.source;
  }

  /** Shows `markdown`. Usually the previous text plus more; anything else starts over. */
  update(markdown: string): void {
    const text = normalizeNewlines(markdown);
    if (text === this.source) return;
    if (this.finished || !text.startsWith(this.source.slice(0, this.committedChars))) this.reset();
    this.source = text;
    this.renderOpenPart();
  }

  /** The answer is complete: its last block is final too, and the tail wrapper goes away. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.tail.replaceWith(...Array.from(this.tail.childNodes));
  }

  private renderOpenPart(): void {
    if (this.wholeTextMode) {
      this.tail.replaceChildren(this.renderer.renderAll(this.source));
      return;
    }
    const open = this.source.slice(this.committedChars);
    const tokens = this.renderer.lex(open);
    if (hasReferenceDefinitions(tokens)) {
      this.reset();
      this.wholeTextMode = true;
      this.tail.replaceChildren(this.renderer.renderAll(this.source));
      return;
    }
    const boundary = stableBlockCount(tokens, open.length);
    if (boundary.tokens > 0) {
      this.container.insertBefore(this.renderer.render(tokens.slice(0, boundary.tokens)), this.tail);
      this.committedChars += boundary.chars;
    }
    this.tail.replaceChildren(this.renderer.render(tokens.slice(boundary.tokens)));
  }

  private reset(): void {
    this.container.replaceChildren();
    this.committedChars = 0;
    this.finished = false;
    this.wholeTextMode = false;
    this.tail = this.createTail();
  }

  private createTail(): HTMLElement {
    const tail = this.container.ownerDocument.createElement('div');
    tail.className = 'md-tail';
    this.container.append(tail);
    return tail;
  }
}
