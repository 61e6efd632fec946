// The function or class around a line, found by indentation, for languages whose blocks are their
// indentation (Python) when VS Code has no outline (document symbols) for the file: no Python
// extension installed, or not yet started. Pure: unit-tested.

export interface Block {
  /** First line (0-based): the first decorator, or the `def` / `class` line. */
  start: number;
  /** Last line (0-based) of the body that is not blank. */
  end: number;
  kind: 'function' | 'class';
}

/** Block headers by language id; the indentation is group 1, the keyword group 2. */
const HEADERS: Readonly<Record<string, RegExp>> = {
  python: /^([ \t]*)(async[ \t]+def|def|class)[ \t]+\w/,
};

const indentOf = (text: string): number => /^[ \t]*/.exec(text)![0].replace(/\t/g, '        ').length;
const isBlank = (text: string): boolean => text.trim() === '' || /^[ \t]*#/.test(text);

/** The last line of the header that starts at `line`: where its brackets close (a signature over several lines). */
function headerEnd(lines: readonly string[], line: number): number {
  let depth = 0;
  for (let i = line; i < lines.length; i++) {
    for (const c of lines[i].replace(/#.*$/, '')) {
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
    }
    if (depth === 0) return i;
  }
  return line;
}

/**
 * The innermost function around `line` (0-based), else the innermost class, or undefined (the line
 * is at module level, or the language has no indentation blocks). A block is its header (with the
 * decorators above it) and every following line that is blank or indented deeper than the header.
 */
export function enclosingBlock(lines: readonly string[], line: number, languageId: string): Block | undefined {
  const header = HEADERS[languageId];
  if (!header || line < 0 || line >= lines.length) return undefined;
  // On a decorator, the block is the one it decorates.
  while (line + 1 < lines.length && /^[ \t]*@/.test(lines[line])) line++;
  const found: Block[] = [];
  for (let i = line; i >= 0; i--) {
    const m = header.exec(lines[i]);
    if (!m) continue;
    const indent = indentOf(lines[i]);
    let end = headerEnd(lines, i);
    for (let j = end + 1; j < lines.length; j++) {
      if (isBlank(lines[j])) continue;
      if (indentOf(lines[j]) <= indent) break;
      end = j;
    }
    if (end < line) continue;
    let start = i;
    while (start > 0 && /^[ \t]*@/.test(lines[start - 1]) && indentOf(lines[start - 1]) === indent) start--;
    found.push({ start, end, kind: m[2] === 'class' ? 'class' : 'function' });
  }
  return found.find((b) => b.kind === 'function') ?? found.find((b) => b.kind === 'class');
}
