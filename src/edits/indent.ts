// Fits proposed code into the exact range it replaces: indentation, tabs vs spaces, line endings
// and the trailing line break. Pure (no vscode import) so every case is unit-tested.

export interface RangeShape {
  /** The document text from the start of the range's first line up to the range start. */
  linePrefix: string;
  /** The text the range holds now. */
  original: string;
  /** The document text after the range on its last line, up to the line break ('' when unknown). */
  lineSuffix?: string;
  /** Indent with tabs (the document's style) or with spaces. */
  useTabs: boolean;
  tabSize: number;
  /** The document's line ending. */
  eol: '\n' | '\r\n';
}

/** Visual width of leading whitespace, tabs advancing to the next tab stop. */
export function indentWidth(indent: string, tabSize: number): number {
  let width = 0;
  for (const ch of indent) width = ch === '\t' ? width + tabSize - (width % tabSize) : width + 1;
  return width;
}

function leading(line: string): string {
  return /^[ \t]*/.exec(line)![0];
}

function makeIndent(width: number, useTabs: boolean, tabSize: number): string {
  if (!useTabs) return ' '.repeat(width);
  return '\t'.repeat(Math.floor(width / tabSize)) + ' '.repeat(width % tabSize);
}

/** Guesses tabs vs spaces from existing text when no editor says (the first indented line decides). */
export function detectUseTabs(text: string): boolean | undefined {
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('\t')) return true;
    if (line.startsWith('  ')) return false;
  }
  return undefined;
}

/**
 * Returns `code` ready to replace the range described by `shape`:
 * - the first non-blank line is indented like the selection's first non-blank line; when the model
 *   dropped (or added) indentation, every line moves by the same amount, so the code's inner
 *   structure is kept. (A range starting after other text on its line is aligned by its later
 *   lines instead, the first line's indentation being meaningless there.) Callers show the model
 *   a selection that starts inside the indentation WITH that indentation, so its answer is
 *   consistently indented;
 * - indentation is rewritten in the document's style (tabs or spaces) only where the code used
 *   the other style or had to move, so string contents are not touched needlessly;
 * - when the range starts after the indentation (or after other text on the line), the first line
 *   loses the indentation the document already has there;
 * - the whitespace at the edges of the range (leading/trailing blanks and line breaks, also the
 *   part of an indentation a range starts or ends inside) is the document's and is kept verbatim:
 *   the code replaces only what lies between, so the line structure around it never changes (a
 *   selection ending inside the next line's indentation keeps that line break and indentation);
 * - line endings are the document's.
 */
export function fitToRange(code: string, shape: RangeShape): string {
  const lead = /^\s*/.exec(shape.original)![0];
  if (shape.original === '' && shape.linePrefix.trim() === '' && (shape.lineSuffix ?? '').trim() !== '') {
    // Lines inserted in front of the code on a line (Insert at Cursor at its indentation): the
    // code gets its own lines, and the line it was put in front of keeps its indentation.
    return fitCore(code, shape) + shape.eol + shape.linePrefix;
  }
  if (lead.length === shape.original.length) return fitCore(code, shape) + (/\r?\n$/.test(shape.original) ? shape.eol : '');
  const trail = /\s*$/.exec(shape.original)![0];
  const core = shape.original.slice(lead.length, shape.original.length - trail.length);
  // Where the core starts: the text on its line before it, in the document.
  const before = shape.linePrefix + lead;
  const linePrefix = before.slice(Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1);
  return lead + fitCore(code, { ...shape, linePrefix, original: core }) + trail;
}

/** fitToRange() for a range without whitespace at its edges (or made only of whitespace). */
function fitCore(code: string, shape: RangeShape): string {
  const { tabSize, useTabs } = shape;
  const lines = code.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
  // The indentation of the selection's first non-blank line, counting what precedes the range.
  const originalLines = (shape.linePrefix + shape.original).replace(/\r\n?/g, '\n').split('\n');
  const targetIndent = leading(originalLines.find((l) => l.trim() !== '') ?? shape.linePrefix);
  const target = indentWidth(targetIndent, tabSize);
  const prefixIsIndent = shape.linePrefix.trim() === '';
  const shift = prefixIsIndent ? anchorShift(lines, target, tabSize) : innerShift(lines, shape.original, tabSize);
  const wrongStyle = (indent: string): boolean => (useTabs ? / {2,}/.test(indent) && indentWidth(indent, tabSize) >= tabSize : indent.includes('\t'));

  const fitted = lines.map((line) => {
    if (line.trim() === '') return '';
    const indent = leading(line);
    if (shift === 0 && !wrongStyle(indent)) return line;
    const width = Math.max(0, indentWidth(indent, tabSize) + shift);
    return makeIndent(width, useTabs, tabSize) + line.slice(indent.length);
  });

  // The document already holds the text before the range on its first line.
  if (fitted.length && shape.linePrefix !== '') {
    if (!prefixIsIndent) fitted[0] = fitted[0].trimStart();
    else if (fitted[0].startsWith(shape.linePrefix)) fitted[0] = fitted[0].slice(shape.linePrefix.length);
    else fitted[0] = stripIndent(fitted[0], indentWidth(shape.linePrefix, tabSize), tabSize);
  }

  return fitted.join(shape.eol);
}

/** Whole lines: the code's first non-blank line must sit where the selection's does. */
function anchorShift(lines: string[], target: number, tabSize: number): number {
  const anchor = lines.find((l) => l.trim() !== '');
  return anchor === undefined ? 0 : target - indentWidth(leading(anchor), tabSize);
}

/**
 * A range starting after other text on its line: the first line's indentation means nothing, so
 * the lines after it are compared with the original's lines after its first.
 */
function innerShift(lines: string[], original: string, tabSize: number): number {
  const minIndent = (ls: string[]): number | undefined => {
    const widths = ls.filter((l) => l.trim() !== '').map((l) => indentWidth(leading(l), tabSize));
    return widths.length ? Math.min(...widths) : undefined;
  };
  const first = lines.findIndex((l) => l.trim() !== '');
  const code = minIndent(lines.slice(first + 1));
  const orig = minIndent(original.replace(/\r\n?/g, '\n').split('\n').slice(1));
  return code === undefined || orig === undefined ? 0 : orig - code;
}

/** Removes `width` columns of leading whitespace from `line` (fewer if it has less). */
function stripIndent(line: string, width: number, tabSize: number): string {
  const indent = leading(line);
  const have = indentWidth(indent, tabSize);
  if (have <= width) return line.slice(indent.length);
  // Keep the part of the indentation beyond `width`, as spaces (it is mid-tab-stop otherwise).
  return ' '.repeat(have - width) + line.slice(indent.length);
}
