// May a proposal still be applied? Pure, so the rule is unit-tested without an editor.

export interface DocumentState {
  /** The document's version when the request was made. */
  requestVersion: number;
  /** Its version now. */
  currentVersion: number;
  /** The document was closed meanwhile: its version numbering may have restarted. */
  isClosed: boolean;
}

export type Applicability = 'ok' | 'changed' | 'closed';

/**
 * Any change to the document since the request, even one outside the range, refuses the apply:
 * the range was computed on the old text, so applying could land on the wrong code, and undoing
 * a mistake then would also undo what the user typed.
 */
export function applicability(s: DocumentState): Applicability {
  if (s.isClosed) return 'closed';
  return s.currentVersion === s.requestVersion ? 'ok' : 'changed';
}

/** `text` with [start, end) replaced: what the right side of the diff shows. */
export function spliceText(text: string, start: number, end: number, replacement: string): string {
  return text.slice(0, start) + replacement + text.slice(end);
}
