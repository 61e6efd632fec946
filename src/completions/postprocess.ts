// Cleans a model's FIM answer before it is shown as ghost text. Real code models add noise around
// the right middle: they go on to repeat what already follows the cursor, close brackets the
// suffix already closes, add blank lines, re-indent in another style, or answer with nothing
// useful. Pure (no vscode import); every rule is exercised by the corpus in the unit tests and the
// recovery row of the bench.
import { indentWidth } from '../edits/indent';

export interface CleanContext {
  /** The text before the cursor (a window of a few thousand characters is enough). */
  prefix: string;
  /** The text after the cursor (same). */
  suffix: string;
  /** Multi-line answers allowed (see completionMode); otherwise the answer stops at its first line end. */
  multiline: boolean;
  /** The document indents with tabs. */
  useTabs: boolean;
  tabSize: number;
}

/** Characters of prefix / suffix looked at. */
const WINDOW = 8_000;
/** A line that starts at column 0 with code (not a closer, not a continuation): outside every bracket. */
const TOP_LEVEL_LINE = /\n(?=[^\s)\]}*])/g;

/**
 * The bracket check compares prefix + answer + suffix between two top-level lines (a declaration
 * or statement at column 0), where nothing is open: there, a balanced text is the right one and
 * the count of unmatched brackets is meaningful, which a window cut anywhere would not give.
 */
function balanceWindows(prefix: string, suffix: string): { before: string; after: string } {
  let start = 0;
  for (const m of prefix.matchAll(TOP_LEVEL_LINE)) start = m.index + 1;
  const firstBreak = suffix.indexOf('\n');
  let end = suffix.length;
  if (firstBreak >= 0) {
    const re = new RegExp(TOP_LEVEL_LINE.source, 'g');
    re.lastIndex = firstBreak;
    const m = re.exec(suffix);
    if (m) end = m.index;
  }
  return { before: prefix.slice(start), after: suffix.slice(0, end) };
}

const OPENERS = '([{';
const CLOSERS = ')]}';

/**
 * Brackets of `text` left unmatched (openers never closed plus closers that match nothing), with
 * strings and comments skipped. A closer that matches an opener deeper down closes the openers
 * above it as unmatched (so one stray bracket does not misalign the rest).
 */
export function bracketImbalance(text: string): number {
  const stack: string[] = [];
  let stray = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const ch = text[i]!;
    if (ch === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      if (end < 0) break;
      i = end;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) break;
      i = end + 1;
    } else if (ch === '"' || ch === "'" || ch === '`') {
      // A string ends at its quote, or (except template literals) at the line end.
      let j = i + 1;
      while (j < n && text[j] !== ch && (ch === '`' || text[j] !== '\n')) j += text[j] === '\\' ? 2 : 1;
      i = j;
    } else if (OPENERS.includes(ch)) {
      stack.push(ch);
    } else {
      const k = CLOSERS.indexOf(ch);
      if (k < 0) continue;
      const at = stack.lastIndexOf(OPENERS[k]!);
      if (at < 0) {
        stray++;
      } else {
        stray += stack.length - 1 - at;
        stack.length = at;
      }
    }
  }
  return stack.length + stray;
}

const hasBracket = (s: string): boolean => /[()[\]{}]/.test(s);

/** The indentation of `line`. */
function leading(line: string): string {
  return /^[ \t]*/.exec(line)![0];
}

/**
 * Rewrites the indentation of the answer's later lines in the document's style (tabs or spaces),
 * and drops an indentation the answer repeats although the cursor already stands after it.
 */
function fixIndentation(text: string, linePrefix: string, useTabs: boolean, tabSize: number): string {
  const lines = text.split('\n');
  if (linePrefix !== '' && linePrefix.trim() === '' && lines[0]!.startsWith(linePrefix) && lines[0]!.trim() !== '') {
    lines[0] = lines[0]!.slice(linePrefix.length);
  }
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const indent = leading(line);
    if (indent === '') continue;
    const wrong = useTabs ? indent.includes(' '.repeat(tabSize)) : indent.includes('\t');
    if (!wrong) continue;
    const width = indentWidth(indent, tabSize);
    const fixed = useTabs ? '\t'.repeat(Math.floor(width / tabSize)) + ' '.repeat(width % tabSize) : ' '.repeat(width);
    lines[i] = fixed + line.slice(indent.length);
  }
  return lines.join('\n');
}

/**
 * The text to insert at the cursor, or undefined when nothing worth showing is left.
 * In order: line ends normalised; single-line mode stops at the first line end; stray blank
 * lines and trailing whitespace go (an answer ending in a line break before code on the cursor's
 * line keeps one, followed by the cursor's indentation); text that repeats what follows the
 * cursor (whole lines, or the rest of the cursor's line) is removed; closing brackets the suffix
 * already provides are removed; indentation follows the document; an answer that is only
 * whitespace or repeats the line above or below is dropped. Where removing text is ambiguous
 * (a closing `}` that may be the answer's own), the bracket balance of prefix + answer + suffix
 * decides.
 */
export function cleanCompletion(raw: string, ctx: CleanContext): string | undefined {
  const prefixWindow = ctx.prefix.slice(-WINDOW);
  const suffixWindow = ctx.suffix.slice(0, WINDOW);
  const { before: balanceBefore, after: balanceAfter } = balanceWindows(prefixWindow, suffixWindow);
  const linePrefix = prefixWindow.slice(prefixWindow.lastIndexOf('\n') + 1);
  const lineEnd = suffixWindow.indexOf('\n');
  const lineSuffix = lineEnd < 0 ? suffixWindow : suffixWindow.slice(0, lineEnd);
  const restOfLine = lineSuffix.trim();
  const imbalance = (answer: string): number => bracketImbalance(balanceBefore + answer + balanceAfter);

  let text = raw.replace(/\r\n?/g, '\n');
  if (!ctx.multiline) {
    // A single-line answer that starts with a line break proposes another line: not wanted here.
    if (text.startsWith('\n') && linePrefix.trim() !== '') return undefined;
    text = text.replace(/^\n+/, '');
    const nl = text.indexOf('\n');
    if (nl >= 0) text = text.slice(0, nl);
  }

  // Trailing whitespace and blank lines.
  const endedWithBreak = /\n[ \t]*\n?\s*$/.test(text) || /\n\s*$/.test(text);
  text = text.replace(/\s+$/, '');
  if (text.trim() === '') return undefined;

  // Whole lines that repeat the lines after the cursor's line.
  if (ctx.multiline) {
    const following = suffixWindow.split('\n').slice(1).map((l) => l.trim()).filter((l) => l !== '');
    const lines = text.split('\n');
    for (let k = Math.min(lines.length - 1, following.length, 8); k >= 1; k--) {
      const tail = lines.slice(-k).map((l) => l.trim());
      if (!tail.every((l, i) => l === following[i])) continue;
      const stripped = lines.slice(0, -k).join('\n').replace(/\s+$/, '');
      if (stripped.trim() === '') break;
      const echo = tail.join('\n');
      if (!hasBracket(echo) || imbalance(stripped) <= imbalance(text)) text = stripped;
      break;
    }
  }

  // The rest of the cursor's line, repeated at the end of the answer.
  if (restOfLine !== '' && text.endsWith(restOfLine) && text.length > restOfLine.length) {
    const stripped = text.slice(0, -restOfLine.length).replace(/[ \t]+$/, (ws) => (/^\s/.test(lineSuffix) ? '' : ws));
    if (stripped.trim() !== '' && (!hasBracket(restOfLine) || imbalance(stripped) < imbalance(text))) text = stripped;
  }

  // Closing brackets the suffix already provides.
  for (;;) {
    const m = /[)\]}][ \t;,]*$/.exec(text);
    if (!m || m.index === 0) break;
    const stripped = text.slice(0, m.index).replace(/[ \t]+$/, '');
    if (stripped.trim() === '' || imbalance(stripped) >= imbalance(text)) break;
    text = stripped;
  }

  // Code after the cursor on its line: an answer that ended with a line break keeps it, so that
  // code starts its own line at the cursor's indentation.
  if (ctx.multiline && endedWithBreak && restOfLine !== '' && linePrefix.trim() === '') text += `\n${linePrefix}`;

  text = fixIndentation(text, linePrefix, ctx.useTabs, ctx.tabSize);
  if (text.trim() === '') return undefined;

  // Repeats of the neighbouring lines are not suggestions.
  const single = text.trim();
  if (!text.includes('\n') && single.length >= 8) {
    const lines = prefixWindow.split('\n');
    const above = linePrefix.trim() === '' ? lines[lines.length - 2]?.trim() : undefined;
    const below = restOfLine === '' ? suffixWindow.split('\n').slice(1).find((l) => l.trim() !== '')?.trim() : undefined;
    if (single === above || single === below) return undefined;
  }
  return text;
}

/**
 * Whether an answer may span lines at this cursor: on an empty line, or right after a block
 * opener (`{`, `(`, `[`, `:` at the end of a Python-style header, `=>`, `do`, `then`), with nothing
 * but closers after the cursor. Elsewhere the answer completes the current line only.
 */
export function completionMode(linePrefix: string, lineSuffix: string, policy: 'auto' | 'singleLine' | 'multiLine' = 'auto'): 'single' | 'multi' {
  if (policy === 'singleLine') return 'single';
  if (policy === 'multiLine') return 'multi';
  const before = linePrefix.trimEnd();
  const after = lineSuffix.trim();
  if (before === '' && after === '') return 'multi';
  const opener = /([{([]|=>|:|\bdo|\bthen)$/.test(before);
  return opener && /^[)\]};,]*$/.test(after) ? 'multi' : 'single';
}
