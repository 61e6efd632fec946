// May a proposal still be applied, and what a control of a proposal says once it may not. Pure, so
// the rules are unit-tested without an editor.
import type { Translator } from '../service/translator';

export interface DocumentState {
  /** The document's version when the request was made. */
  requestVersion: number;
  /** Its version now. */
  currentVersion: number;
  /** The document was closed meanwhile: its version numbering may have restarted. */
  isClosed: boolean;
  /** The file still exists on disk (always true for an untitled document). */
  existsOnDisk: boolean;
}

export type Applicability = 'ok' | 'changed' | 'closed' | 'deleted';

/**
 * Any change to the document since the request, even one outside the range, refuses the apply:
 * the range was computed on the old text, so applying could land on the wrong code, and undoing
 * a mistake then would also undo what the user typed.
 */
export function applicability(s: DocumentState): Applicability {
  if (!s.existsOnDisk) return 'deleted';
  if (s.isClosed) return 'closed';
  return s.currentVersion === s.requestVersion ? 'ok' : 'changed';
}

/** `text` with [start, end) replaced: what the right side of the diff shows. */
export function spliceText(text: string, start: number, end: number, replacement: string): string {
  return text.slice(0, start) + replacement + text.slice(end);
}

/** Why a proposal was not applied, naming the document `label` (a workspace-relative path). */
export function notAppliedText(check: Exclude<Applicability, 'ok'>, label: string, l10n: Translator): string {
  switch (check) {
    case 'closed':
      return l10n.t('{0} was closed after the request, so the proposal was not applied.', label);
    case 'deleted':
      return l10n.t('{0} was deleted on disk after the request, so the proposal was not applied.', label);
    case 'changed':
      return l10n.t('{0} changed after the request, so the proposal was not applied (it could land on the wrong code).', label);
  }
}

/** How a proposal ended; 'stale' carries why it could not be applied. */
export type Settlement = 'accepted' | 'rejected' | 'cancelled' | Exclude<Applicability, 'ok'> | 'failed';

/**
 * What a control of a proposal that has already been settled says when used (a notification's
 * Accept after the editor title's Reject, say): what happened, instead of nothing. `title` is the
 * proposal's title ("Refactor: geometry.ts").
 */
export function settledText(how: Settlement, title: string, l10n: Translator): string {
  switch (how) {
    case 'accepted':
      return l10n.t('{0}: this proposal was already accepted.', title);
    case 'rejected':
      return l10n.t('{0}: this proposal was already rejected; nothing was changed.', title);
    case 'cancelled':
      return l10n.t('{0}: this proposal was cancelled; nothing was changed.', title);
    case 'failed':
      return l10n.t('{0}: VS Code refused this edit; nothing was changed.', title);
    case 'changed':
    case 'closed':
    case 'deleted':
      return l10n.t('{0}: this proposal was not applied because its file changed, was closed or was deleted. Run the command again.', title);
  }
}
