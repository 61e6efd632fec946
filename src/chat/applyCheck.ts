// What Apply asks before it proposes a code block from the chat: a block of another language than
// the open file, and a whole-file replacement by a much smaller snippet. Pure: unit-tested.
import { fenceClashes } from '../prompts/fence';

export interface ApplyWarnings {
  /** The block's language clearly differs from the document's (e.g. bash into TypeScript). */
  languageClash: boolean;
  /** Nothing is selected, so the whole document would be replaced, by a snippet much smaller than it. */
  replacesWholeFile: boolean;
}

/** A snippet this many times shorter (in lines) than the file it would replace is "much smaller". */
const SHRINK_RATIO = 3;
/** Files shorter than this many lines are replaced without the question (a small file is its snippet). */
const MIN_FILE_LINES = 10;

/**
 * The questions Apply must ask first. `code` is the block's text, `blockLanguage` its fence tag
 * (may be missing), `languageId` and `documentLines` the document's language and line count,
 * `hasSelection` whether the editor has a non-empty selection (then only it is replaced).
 */
export function applyWarnings(code: string, blockLanguage: string | undefined, languageId: string, documentLines: number, hasSelection: boolean): ApplyWarnings {
  const codeLines = code.replace(/\s+$/, '').split(/\r?\n/).length;
  return {
    languageClash: fenceClashes(blockLanguage, languageId),
    replacesWholeFile: !hasSelection && documentLines >= MIN_FILE_LINES && codeLines * SHRINK_RATIO <= documentLines,
  };
}
