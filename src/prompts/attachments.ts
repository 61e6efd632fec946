// The one rule for a file or selection attached to a chat message, whoever attaches it (the chat's
// Attach buttons, Explain / Ask About Selection): how it is labelled and how it is cut to
// siliconflow.attachmentMaxChars. Pure: no vscode import.
import type { ContextAttachment } from '../protocol';
import { selectionLabel } from './editorPrompts';

/** What is attached, before the limit. */
export interface AttachmentSource {
  /** How the document is named (edits/location.ts documentPath): `src/a.ts`, `app/src/a.ts`, `Untitled-1`. */
  path: string;
  languageId: string;
  /** The attached text: the whole document, or the selected text. */
  text: string;
  /** 1-based first and last line of a selection; absent when the whole file is attached. */
  lines?: { start: number; end: number };
}

/**
 * The attachment for `source`: kind 'file' without lines, else 'selection'; labelled `path` or
 * `path:start-end` (`path:start` for one line); its content cut to `maxChars` UTF-16 code units
 * (cutToLimit) with `truncated` and `originalLength` saying so.
 */
export function makeAttachment(source: AttachmentSource, maxChars: number): ContextAttachment {
  const { lines } = source;
  return {
    kind: lines ? 'selection' : 'file',
    label: lines ? selectionLabel({ path: source.path, startLine: lines.start, endLine: lines.end }) : source.path,
    languageId: source.languageId,
    ...cutToLimit(source.text, maxChars),
  };
}

/**
 * Cuts attached content to `maxChars` UTF-16 code units, recording that it was cut; never splits a
 * surrogate pair (the cut may then be one unit shorter).
 */
export function cutToLimit(content: string, maxChars: number): { content: string; truncated: boolean; originalLength: number } {
  if (content.length <= maxChars) return { content, truncated: false, originalLength: content.length };
  // Do not split a surrogate pair: a lone half would show as a replacement character.
  let end = maxChars;
  const code = content.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return { content: content.slice(0, end), truncated: true, originalLength: content.length };
}
