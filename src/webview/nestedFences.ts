// Fenced code blocks that hold a Markdown document. CommonMark ends a ```` ```markdown ```` block at
// the first bare ```` ``` ```` inside it, but models write documents with inner fences of the same
// length: ```` ```markdown ```` … ```` ```bash ```` … ```` ``` ```` … ```` ``` ````. Inside a block tagged
// `markdown` or `md`, a fence with an info string therefore opens a nested block and a bare fence
// closes the innermost one; the block ends at the bare fence that closes it with nothing nested
// open. Every other fence (and a longer outer fence, or `~~~`, which CommonMark already handles)
// is left to marked. Used as marked's `fences` tokenizer; pure, no DOM.
import type { Tokens } from 'marked';

const OPENING = /^( {0,3})(`{3,}|~{3,})([^\n]*)$/;
const CLOSING = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const DOCUMENT_TAGS = new Set(['markdown', 'md']);

interface Fence {
  char: string;
  length: number;
}

function closes(line: string, fence: Fence): boolean {
  const m = CLOSING.exec(line);
  return m !== null && m[1]![0] === fence.char && m[1]!.length >= fence.length;
}

/** An opening fence with an info string (a bare one is never an opener inside a document block). */
function nestedOpener(line: string): Fence | undefined {
  const m = OPENING.exec(line);
  if (!m || m[3]!.trim() === '' || (m[2]![0] === '`' && m[3]!.includes('`'))) return undefined;
  return { char: m[2]![0]!, length: m[2]!.length };
}

/**
 * marked `fences` tokenizer: a code token for a Markdown-document block at the start of `src`,
 * or `false` to let marked's own rule handle it. Token fields as marked makes them: `raw` ends
 * with the closing fence (or the end of `src` when unclosed), `text` is the content without the
 * outer fence's indentation and without the newline before the closing fence.
 */
export function documentFence(src: string): Tokens.Code | false {
  const firstBreak = src.indexOf('\n');
  const first = firstBreak < 0 ? src : src.slice(0, firstBreak);
  const open = OPENING.exec(first);
  if (!open) return false;
  const info = open[3]!.trim();
  if (open[2]![0] === '`' && info.includes('`')) return false;
  if (!DOCUMENT_TAGS.has(info.split(/\s+/)[0]!.toLowerCase())) return false;
  const indent = open[1]!.length;
  const outer: Fence = { char: open[2]![0]!, length: open[2]!.length };
  const stack: Fence[] = [];
  const content: string[] = [];
  let position = firstBreak < 0 ? src.length : firstBreak + 1;
  let end = src.length;
  while (firstBreak >= 0 && position <= src.length) {
    const lineEnd = src.indexOf('\n', position);
    const line = src.slice(position, lineEnd < 0 ? src.length : lineEnd);
    if (position === src.length) break;
    const top = stack[stack.length - 1];
    if (top ? closes(line, top) : closes(line, outer)) {
      if (!top) {
        end = lineEnd < 0 ? src.length : lineEnd;
        break;
      }
      stack.pop();
    } else {
      const nested = nestedOpener(line);
      if (nested) stack.push(nested);
    }
    const strip = Math.min(indent, line.length - line.trimStart().length);
    content.push(line.slice(strip));
    if (lineEnd < 0) break;
    position = lineEnd + 1;
  }
  let text = content.join('\n');
  // As marked does: the content's last newline is kept when the content ends in a blank line.
  if (content.length > 0 && (text === '' || text.endsWith('\n'))) text += '\n';
  return { type: 'code', raw: src.slice(0, end), lang: info, text };
}
