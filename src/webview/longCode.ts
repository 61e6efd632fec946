// Long code in parts. Chromium lays out a `white-space: pre` block as one inline layout, and one
// line of it as one run: every change to a growing 500 KB line re-measured all of it (~40 ms a
// frame), a 10,000-line block streaming in was laid out whole on every frame (~20 ms at 500 KB), and
// reopening either laid out all of it at once. So the plain (unhighlighted) part of a code block is
// shown in parts, each laid out on its own (chat.css, "Long code comes in parts"):
//  - a line longer than LONG_LINE_PIECE characters as pieces of that many characters
//    (`span.code-piece`, inline-block), starting at the line start;
//  - more than LINES_PER_GROUP lines as groups of that many lines (`span.code-lines`, a block that
//    ends with its last line's line break), starting where the plain part starts.
// A growing block then lays out only its last part; parts out of view are skipped until scrolled to
// (content-visibility). A part, once complete, never changes while the block grows, so the DOM of a
// streaming block changes only at its end. The text is unchanged: spans add no characters, so
// selection, Copy, Insert and Apply see exactly the code. Plain code is built as text nodes, never
// parsed as markup, so it needs no sanitizing: a long block no longer goes through DOMPurify on
// every frame (which was most of a frame's cost). Frame times: `npm run bench`, "long word".

/** Characters per piece of a long line. */
export const LONG_LINE_PIECE = 2_048;

/** Lines per group in a long block's plain part. */
export const LINES_PER_GROUP = 64;

/** A run of text, or a piece of a long line (`end`: the line's last, shorter piece). */
type Run = string | { piece: string; end: boolean };

/**
 * Where a scan of some code stopped, at a point up to which its parts can no longer change
 * however the code continues: after its last complete line, or its last line's last full piece.
 */
interface Checkpoint {
  /** The code scanned, `code.slice(0, pos)`; a later code that starts with it resumes here. */
  scanned: string;
  pos: number;
  /** Start of the line `pos` is in. */
  lineStart: number;
  /** Pieces of the current line before `pos`. */
  line: Run[];
  /** Complete groups. */
  groups: Run[][];
  /** Complete lines of the group being filled, with their line breaks. */
  group: Run[];
  linesInGroup: number;
}

const START: Checkpoint = { scanned: '', pos: 0, lineStart: 0, line: [], groups: [], group: [], linesInGroup: 0 };

/**
 * The last scan. A streaming block is rendered again on every frame with a little more code; from
 * its checkpoint only the new part is scanned. One entry: other blocks are rendered once.
 */
let last: Checkpoint = START;

/** Appends runs, joining text to a text run before it (one text node, as markup would give). */
function pushRuns(runs: Run[], more: Run[]): void {
  for (const run of more) {
    if (typeof run === 'string') pushText(runs, run);
    else runs.push(run);
  }
}

/** Appends text to `runs`, joined to a text run before it (one text node, as markup would give). */
function pushText(runs: Run[], text: string): void {
  if (!text) return;
  const before = runs.length - 1;
  if (before >= 0 && typeof runs[before] === 'string') runs[before] = runs[before] + text;
  else runs.push(text);
}

const pieceOf = (code: string, from: number, to: number): Run => ({ piece: code.slice(from, to), end: to - from < LONG_LINE_PIECE });

/** The end of the piece that starts at `at` (LONG_LINE_PIECE characters, one more rather than split a surrogate pair). */
function pieceEnd(code: string, at: number): number {
  const to = at + LONG_LINE_PIECE;
  const lastUnit = code.charCodeAt(to - 1);
  return lastUnit >= 0xd800 && lastUnit <= 0xdbff ? to + 1 : to;
}

/**
 * `code` in parts as above: the groups (complete ones, then the last), or when the code has no more
 * than LINES_PER_GROUP lines, its runs only. The same result for the same code, whatever was scanned
 * before; O(new characters) when `code` extends the code of the previous call.
 */
function plainCodeParts(code: string): { groups: Run[][]; last: Run[] } {
  const resumable = last.pos <= code.length && code.slice(0, last.pos) === last.scanned;
  const from = resumable ? last : START;
  let { pos, lineStart, linesInGroup } = from;
  const groups = [...from.groups];
  let group = [...from.group];
  let line = [...from.line];
  let tail: Run | undefined;
  for (;;) {
    if (linesInGroup === LINES_PER_GROUP && pos < code.length) {
      // A full group is closed once the next line has begun: a block of exactly 64 lines stays one run.
      groups.push(group);
      group = [];
      linesInGroup = 0;
    }
    const newline = code.indexOf('\n', pos);
    const lineEnd = newline < 0 ? code.length : newline;
    if (lineEnd - lineStart > LONG_LINE_PIECE) {
      // Pieces that more of the line follows are final; so is the last one when the line has ended.
      for (let to = pieceEnd(code, pos); to < lineEnd; to = pieceEnd(code, pos)) {
        line.push(pieceOf(code, pos, to));
        pos = to;
      }
      if (pos < lineEnd) {
        if (newline < 0) tail = pieceOf(code, pos, lineEnd);
        else line.push(pieceOf(code, pos, lineEnd));
      }
    } else if (newline < 0) {
      tail = code.slice(lineStart, lineEnd);
    } else {
      pushText(line, code.slice(lineStart, lineEnd));
    }
    if (newline < 0) break;
    pushRuns(group, line);
    pushText(group, '\n');
    linesInGroup++;
    pos = lineStart = newline + 1;
    line = [];
  }
  // Everything before the unfinished end (`tail`) is final: the next, longer code resumes here.
  last = { scanned: code.slice(0, pos), pos, lineStart, line: [...line], groups: [...groups], group: [...group], linesInGroup };
  pushRuns(group, line);
  if (tail !== undefined) pushRuns(group, [tail]);
  return { groups, last: group };
}

function appendRuns(parent: Node, runs: Run[]): void {
  const doc = parent.ownerDocument!;
  for (const run of runs) {
    if (typeof run === 'string') {
      parent.appendChild(doc.createTextNode(run));
    } else {
      const piece = parent.appendChild(doc.createElement('span'));
      piece.className = run.end ? 'code-piece code-piece-end' : 'code-piece';
      piece.textContent = run.piece;
    }
  }
}

/**
 * Fills a code element: `head` (the highlighted lines, already sanitized; see highlight.ts) and
 * then `plain`, the rest of the code, in parts as above. The plain code only ever becomes text
 * nodes, never markup. Before plain code, the highlighted lines are one block (`span.code-head`),
 * so a change at the end of the code does not lay out their lines again (they end with a line
 * break, which a block's last line does not show).
 */
export function appendCode(parent: Element, head: DocumentFragment | undefined, plain: string): void {
  const doc = parent.ownerDocument;
  if (head && plain) {
    const wrapper = parent.appendChild(doc.createElement('span'));
    wrapper.className = 'code-head';
    wrapper.append(head);
  } else if (head) {
    parent.append(head);
  }
  if (!plain) return;
  const { groups, last: lastRuns } = plainCodeParts(plain);
  if (groups.length === 0) return appendRuns(parent, lastRuns);
  for (const group of groups) {
    const element = parent.appendChild(doc.createElement('span'));
    element.className = 'code-lines';
    appendRuns(element, group);
  }
  const element = parent.appendChild(doc.createElement('span'));
  element.className = 'code-lines code-lines-end';
  appendRuns(element, lastRuns);
}
