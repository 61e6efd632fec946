// Takes the code out of a model's answer. Pure, and safe to call on a partial answer while it
// streams (the live preview calls it on every update).
//
// Rules, in order:
// 1. Thinking is dropped: a leading `<think>…</think>` (while it is still open, there is no code
//    yet), or everything up to a `</think>` that comes before the first fence (some providers
//    strip the opening tag).
// 2. Fenced blocks are found as CommonMark does: ``` or ~~~ (three or more), up to three spaces
//    of indentation, closed by a fence of the same character at least as long, so a ```` fence
//    can hold ``` inside. A block still open at the end (streaming, or a cut-off answer) counts.
// 3. Among the blocks, those tagged with the document's language win; among those, the longest;
//    on a tie, the first. (Models sometimes add a short usage example after the real answer.)
// 4. No fence at all: the whole answer, minus leading blank lines and trailing whitespace. Prose
//    is NOT guessed away: a wrong guess would silently delete code, and the diff shows the user
//    exactly what would be applied.
import { languageAliases } from './fence';

export interface ExtractedCode {
  code: string;
  /** How the code was found. 'open' = a fence not closed (yet). 'none' = nothing to show yet. */
  source: 'fenced' | 'open' | 'unfenced' | 'none';
  /** The fence's language tag, lower case ('' when untagged or unfenced). */
  language: string;
}

interface Block {
  language: string;
  lines: string[];
  closed: boolean;
}

const OPENING = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const CLOSING = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

/** The answer without the model's thinking (rule 1). '' while the thinking is still open. */
export function stripThinking(answer: string): string {
  const trimmed = answer.replace(/^\s+/, '');
  if (trimmed.startsWith('<think>')) {
    const end = trimmed.indexOf('</think>');
    return end < 0 ? '' : trimmed.slice(end + '</think>'.length);
  }
  const end = answer.indexOf('</think>');
  if (end >= 0) {
    const firstFence = answer.search(/(^|\n) {0,3}(```|~~~)/);
    if (firstFence < 0 || end < firstFence) return answer.slice(end + '</think>'.length);
  }
  return answer;
}

function findBlocks(text: string): Block[] {
  const lines = text.split(/\r?\n/);
  const blocks: Block[] = [];
  let open: (Block & { fence: string; indent: number }) | undefined;
  for (const line of lines) {
    if (!open) {
      const m = OPENING.exec(line);
      // A backtick fence's info string may not contain backticks (that is inline code).
      if (m && !(m[2][0] === '`' && m[3].includes('`'))) {
        const language = m[3].trim().split(/[\s:{,]/)[0]?.toLowerCase() ?? '';
        open = { language, lines: [], closed: false, fence: m[2], indent: m[1].length };
      }
      continue;
    }
    const close = CLOSING.exec(line);
    if (close && close[1][0] === open.fence[0] && close[1].length >= open.fence.length) {
      blocks.push({ language: open.language, lines: open.lines, closed: true });
      open = undefined;
      continue;
    }
    // Content of an indented fence loses up to that much indentation (CommonMark).
    const strip = Math.min(open.indent, line.length - line.trimStart().length);
    open.lines.push(line.slice(strip));
  }
  if (open) {
    // While streaming, the last line may be the first characters of the closing fence: hide it.
    const last = open.lines[open.lines.length - 1];
    if (last !== undefined && !text.endsWith('\n') && new RegExp(`^ {0,3}\\${open.fence[0]}+$`).test(last)) open.lines.pop();
    blocks.push({ language: open.language, lines: open.lines, closed: false });
  }
  return blocks;
}

function tidy(lines: string[]): string {
  let start = 0;
  while (start < lines.length && lines[start].trim() === '') start++;
  return lines.slice(start).join('\n').replace(/\s+$/, '');
}

/** The code in `answer` (see the rules above). `languageId` is the document's VS Code language. */
export function extractCode(answer: string, languageId?: string): ExtractedCode {
  const text = stripThinking(answer);
  const blocks = findBlocks(text);
  if (blocks.length === 0) {
    const code = tidy(text.split(/\r?\n/));
    // The first characters of an opening fence, still streaming.
    if (code === '' || /^[`~]{1,2}$/.test(code)) return { code: '', source: 'none', language: '' };
    return { code, source: 'unfenced', language: '' };
  }
  const aliases = languageId ? languageAliases(languageId) : [];
  const matching = blocks.filter((b) => aliases.includes(b.language));
  const pool = matching.length ? matching : blocks;
  let best = pool[0];
  for (const b of pool) if (tidy(b.lines).length > tidy(best.lines).length) best = b;
  return { code: tidy(best.lines), source: best.closed ? 'fenced' : 'open', language: best.language };
}
