// Incremental markdown rendering for a streaming answer. The text only grows, so the top-level
// blocks that can no longer change are rendered once, put in the DOM and never touched again; only
// the open tail (the last block or two) is lexed and rendered again on each update. Long answers
// therefore cost about the same per frame as short ones, and selections in finished blocks survive.
//
// The invariant the tests hold it to: after any sequence of updates, the DOM equals a one-shot
// render of the same text. So a block is only committed when no later text can change how it
// parses — see `stableBlockCount`.
//
// Per update, nothing may cost in proportion to the whole answer (the cost of a chunk would then
// grow with the answer, and a whole answer's with its square): only the appended characters are
// normalised, and the already-seen text is compared with one string equality (a memory compare,
// unlike `startsWith`, which walks character by character).
import type { Token, TokensList } from 'marked';
import { morphRun } from './domMorph';
import type { MarkdownRenderer } from './markdown';

/** Where the committed blocks end: how many tokens and how many characters of the lexed text. */
interface Boundary {
  tokens: number;
  chars: number;
}

/** One top-level block of the open tail and the DOM nodes it rendered to. */
interface TailBlock {
  type: string;
  raw: string;
  nodes: ChildNode[];
}

/** Committed nodes per `div.md-part` while streaming: blocks and the line breaks between them. */
const PART_NODES = 48;

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
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/**
 * A block's rendering is a function of its source: the tail is lexed from the same starting point
 * every time, so a token with the same type and raw text as last time renders to the same DOM
 * (reference definitions, the one thing that reaches across blocks, switch to whole-text mode).
 */
function sameBlock(block: TailBlock | undefined, token: Token): boolean {
  return block !== undefined && block.type === token.type && block.raw === token.raw;
}

export class MarkdownStream {
  /** The text as last given to `update`, before newline normalisation. */
  private received = '';
  /** `received` normalised: the markdown on screen. */
  private source = '';
  /** The part of `source` not yet rendered into committed (final) nodes. */
  private open = '';
  /** The open tail; `display: contents`, so it adds no box and no layout of its own. */
  private tail: HTMLElement;
  /** The tail's blocks in order; their nodes are the tail's children. */
  private tailBlocks: TailBlock[] = [];
  private finished = false;
  /**
   * While streaming, committed blocks are kept in plain `div.md-part` wrappers of about two dozen
   * blocks each (PART_NODES). The forced layout after each update walks the container's children, so
   * with 500 blocks directly in it every chunk paid for all 500 (about 0.5 ms in Chromium); with
   * wrappers it walks a few dozen, whose layout is cached. A wrapper has no padding, border or
   * formatting context, so margins collapse through it and the page looks the same. `finish`
   * removes them, so the final DOM equals a one-shot render.
   */
  private parts: HTMLElement[] = [];
  private nodesInLastPart = 0;
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
    if (markdown === this.received) return;
    const previous = this.received;
    const extends_ = !this.finished && markdown.length > previous.length && markdown.slice(0, previous.length) === previous;
    if (!extends_) {
      this.clearRendering();
      this.received = markdown;
      this.source = normalizeNewlines(markdown);
      this.open = this.source;
    } else {
      let added = normalizeNewlines(markdown.slice(previous.length));
      // A CR that ended the previous text already became a newline; its LF is the same line break.
      if (previous.endsWith('\r') && markdown.charCodeAt(previous.length) === 10) added = added.slice(1);
      this.received = markdown;
      this.source += added;
      this.open += added;
    }
    this.renderOpenPart();
  }

  /** The answer is complete: its last block is final too, and the tail wrapper goes away. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    unwrapKeepingSelection(this.container, [...this.parts, this.tail]);
    this.parts = [];
    this.tailBlocks = [];
  }

  private renderOpenPart(): void {
    if (this.wholeTextMode) {
      this.tail.replaceChildren(this.renderer.renderAll(this.source));
      return;
    }
    const tokens = this.renderer.lex(this.open);
    if (hasReferenceDefinitions(tokens)) {
      this.clearRendering();
      this.wholeTextMode = true;
      this.tail.replaceChildren(this.renderer.renderAll(this.source));
      return;
    }
    const boundary = stableBlockCount(tokens, this.open.length);
    if (boundary.tokens > 0) this.commit(tokens.slice(0, boundary.tokens), boundary.chars);
    this.renderTail(tokens.slice(boundary.tokens));
  }

  /** Moves the first blocks out of the tail for good, reusing their nodes when they are already rendered. */
  private commit(tokens: Token[], chars: number): void {
    const reused = this.unchangedPrefix(tokens);
    for (const block of this.tailBlocks.slice(0, reused)) this.appendCommitted(block.nodes);
    if (reused === tokens.length) {
      // The blocks after them stay in the tail, in step with the tokens that follow.
      this.tailBlocks = this.tailBlocks.slice(reused);
    } else {
      this.dropTailBlocksFrom(reused);
      this.tailBlocks = [];
      this.appendCommitted(Array.from(this.renderer.render(tokens.slice(reused)).childNodes));
    }
    this.open = this.open.slice(chars);
  }

  /**
   * Renders the open blocks again. Blocks whose source has not changed keep their nodes; the
   * others (usually just the last, growing one) are rendered and the existing nodes changed to
   * match, so only what differs is touched.
   */
  private renderTail(tokens: Token[]): void {
    const kept = this.unchangedPrefix(tokens);
    const previous = this.tailBlocks.splice(kept);
    tokens.slice(kept).forEach((token, i) => {
      const before = previous.slice(i + 1).find((block) => block.nodes.length > 0)?.nodes[0] ?? null;
      const nodes = morphRun(previous[i]?.nodes ?? [], this.renderer.render([token]), this.tail, before);
      this.tailBlocks.push({ type: token.type, raw: token.raw, nodes });
    });
    for (const block of previous.slice(tokens.length - kept)) for (const node of block.nodes) node.remove();
  }

  private appendCommitted(nodes: ChildNode[]): void {
    let part = this.parts.at(-1);
    if (!part || this.nodesInLastPart >= PART_NODES) {
      part = this.container.ownerDocument.createElement('div');
      part.className = 'md-part';
      this.tail.before(part);
      this.parts.push(part);
      this.nodesInLastPart = 0;
    }
    part.append(...nodes);
    this.nodesInLastPart += nodes.length;
  }

  private unchangedPrefix(tokens: Token[]): number {
    let same = 0;
    while (same < tokens.length && sameBlock(this.tailBlocks[same], tokens[same]!)) same++;
    return same;
  }

  private dropTailBlocksFrom(index: number): void {
    for (const block of this.tailBlocks.splice(index)) for (const node of block.nodes) node.remove();
  }

  /** Empties the container; the caller sets the text to render from. */
  private clearRendering(): void {
    this.container.replaceChildren();
    this.parts = [];
    this.tailBlocks = [];
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

/**
 * Replaces each wrapper with its children. Moving a node drops a selection inside it to the
 * wrapper's parent, so a selection made in the answer while it streamed is put back afterwards.
 */
function unwrapKeepingSelection(container: HTMLElement, wrappers: HTMLElement[]): void {
  const selection = container.ownerDocument.getSelection();
  const saved =
    selection && selection.rangeCount > 0 && (container.contains(selection.anchorNode) || container.contains(selection.focusNode))
      ? { anchor: selection.anchorNode, anchorOffset: selection.anchorOffset, focus: selection.focusNode, focusOffset: selection.focusOffset }
      : undefined;
  for (const wrapper of wrappers) wrapper.replaceWith(...Array.from(wrapper.childNodes));
  if (!saved?.anchor || !saved.focus || !saved.anchor.isConnected || !saved.focus.isConnected) return;
  selection?.setBaseAndExtent(saved.anchor, saved.anchorOffset, saved.focus, saved.focusOffset);
}
