// Takes the code out of a model's answer. Pure, and safe to call on a partial answer while it
// streams (the live preview calls it on every update).
//
// Rules, in order:
// 1. Thinking is dropped, by the one thinking rule (./think.ts): while a leading `<think>` is still
//    open there is no code yet; text before a lone `</think>` is reasoning.
// 2. Fenced blocks are found as CommonMark does: ``` or ~~~ (three or more), up to three spaces
//    of indentation, closed by a fence of the same character at least as long, so a ```` fence
//    can hold ``` inside. A block still open at the end (streaming, or a cut-off answer) counts.
// 3. A block that holds a Markdown document (tagged `markdown`/`md`, or untagged when the document
//    is Markdown) may contain fences of its own, and models often wrap it in a fence of the same
//    length. Such a block runs to the LAST line of the answer that can close it: cutting a file
//    the user is editing is worse than a trailing remark in the diff, which the user sees. While
//    the answer streams, a closing line is believed only once seen, so the preview never shrinks.
//    The first such block is the answer.
// 4. Otherwise, among the blocks, those tagged with the document's language win; among those, the longest;
//    on a tie, the first. (Models sometimes add a short usage example after the real answer.)
// 5. No fence at all, once the answer is complete: the whole answer, minus leading blank lines and trailing whitespace. Prose
//    is NOT guessed away: a wrong guess would silently delete code, and the diff shows the user
//    exactly what would be applied.
import { languageAliases } from './fence';
import { splitThinking, type StreamEnd } from './think';

export interface ExtractedCode {
  code: string;
  /** How the code was found. 'open' = a fence not closed (yet). 'none' = nothing to show yet. */
  source: 'fenced' | 'open' | 'unfenced' | 'none';
  /** The fence's language tag, lower case ('' when untagged or unfenced). */
  language: string;
}

interface Block {
  language: string;
  /** Rule 3 applied: the block holds a Markdown document. */
  document: boolean;
  lines: string[];
  closed: boolean;
}

const OPENING = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const CLOSING = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

const MARKDOWN_TAGS = new Set(languageAliases('markdown'));

/** Can `line` close a block opened with `fence`? */
function closes(line: string, fence: string): boolean {
  const close = CLOSING.exec(line);
  return close !== null && close[1][0] === fence[0] && close[1].length >= fence.length;
}

function findBlocks(text: string, documentIsMarkdown: boolean, final: boolean): Block[] {
  const lines = text.split(/\r?\n/);
  // While streaming, a last line without its newline may still grow (``` → ```json): it closes nothing yet.
  const lastCloser = final || text.endsWith('\n') ? lines.length - 1 : lines.length - 2;
  const blocks: Block[] = [];
  let open: (Block & { fence: string; indent: number; lastClose: number }) | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (!open) {
      const m = OPENING.exec(line);
      // A backtick fence's info string may not contain backticks (that is inline code).
      if (m && !(m[2][0] === '`' && m[3].includes('`'))) {
        const language = m[3].trim().split(/[\s:{,]/)[0]?.toLowerCase() ?? '';
        const holdsDocument = MARKDOWN_TAGS.has(language) || (documentIsMarkdown && language === '');
        // Rule 3: such a block ends at the last line that can close it (-1: none, runs to the end).
        let lastClose = -1;
        if (holdsDocument) for (let j = lastCloser; j > index && lastClose < 0; j--) if (closes(lines[j]!, m[2])) lastClose = j;
        open = { language, document: holdsDocument, lines: [], closed: false, fence: m[2], indent: m[1].length, lastClose: holdsDocument ? lastClose : -2 };
      }
      continue;
    }
    const candidate = open.lastClose === -2 ? index <= lastCloser && closes(line, open.fence) : index === open.lastClose;
    if (candidate) {
      blocks.push({ language: open.language, document: open.document, lines: open.lines, closed: true });
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
    blocks.push({ language: open.language, document: open.document, lines: open.lines, closed: false });
  }
  return blocks;
}

function tidy(lines: string[]): string {
  let start = 0;
  while (start < lines.length && lines[start].trim() === '') start++;
  return lines.slice(start).join('\n').replace(/\s+$/, '');
}

/**
 * The code in `answer` (see the rules above). `languageId` is the document's VS Code language;
 * `end` says how the stream ended (undefined while it streams: a half-arrived tag is held back).
 */
export function extractCode(answer: string, languageId?: string, end?: StreamEnd): ExtractedCode {
  const text = splitThinking(answer, end).answer;
  const blocks = findBlocks(text, languageId === 'markdown', end !== undefined);
  if (blocks.length === 0) {
    // While streaming, text without a fence may be the prose before one: showing it would make the
    // preview shrink when the fence comes, so the preview waits (rule 5 applies at the end).
    if (end === undefined) return { code: '', source: 'none', language: '' };
    const code = tidy(text.split(/\r?\n/));
    // The first characters of an opening fence, still streaming.
    if (code === '' || /^[`~]{1,2}$/.test(code)) return { code: '', source: 'none', language: '' };
    return { code, source: 'unfenced', language: '' };
  }
  // Rule 3's block takes everything up to its last closer: what follows is outside it, so the
  // first such block is the document (and stays the one shown while the answer streams).
  const document = blocks.find((b) => b.document);
  if (document) return { code: tidy(document.lines), source: document.closed ? 'fenced' : 'open', language: document.language };
  const aliases = languageId ? languageAliases(languageId) : [];
  const matching = blocks.filter((b) => aliases.includes(b.language));
  const pool = matching.length ? matching : blocks;
  let best = pool[0];
  for (const b of pool) if (tidy(b.lines).length > tidy(best.lines).length) best = b;
  return { code: tidy(best.lines), source: best.closed ? 'fenced' : 'open', language: best.language };
}
