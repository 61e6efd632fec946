// Which document an action from the chat or an editor command may act on. Only real text documents
// the user opened count: files on disk ("file") and new unsaved files ("untitled"). The Output
// panel and logs ("output"), Git's and other extensions' virtual documents ("git", diff originals),
// our own proposal previews and read-only files are never written into, and never attached in
// place of the file the user meant. Pure, so the rule is unit-tested without an editor; the vscode
// side is editorTarget.ts.
import type { Translator } from '../service/translator';

/** The URI schemes of documents an action may act on. */
export const DOCUMENT_SCHEMES: readonly string[] = ['file', 'untitled'];

/** Our proposal previews' virtual documents (both sides of a proposal's diff editor). */
export const PROPOSAL_SCHEME = 'siliconflow-proposal';

/** What the rule needs to know about a document. */
export interface DocumentFacts {
  /** The document's URI scheme ('file', 'untitled', 'output', 'git', …). */
  scheme: string;
  /** The file itself is read-only (its permissions, or a read-only file system). */
  readOnly: boolean;
}

/**
 * `read`: attach as context (a read-only file may be read). `edit`: write into it (insert, apply,
 * refactor), which also needs it writable.
 */
export type Purpose = 'read' | 'edit';

/** `proposal`: one of our proposal previews, which says what to do with it instead of "open a file". */
export type Verdict = 'ok' | 'notADocument' | 'readOnly' | 'proposal';

export function verdictFor(facts: DocumentFacts, purpose: Purpose): Verdict {
  if (facts.scheme === PROPOSAL_SCHEME) return 'proposal';
  if (!DOCUMENT_SCHEMES.includes(facts.scheme)) return 'notADocument';
  if (purpose === 'edit' && facts.readOnly) return 'readOnly';
  return 'ok';
}

/** Why there is no target: nothing open ('none'), or what was refused and why. */
export type Refusal = Exclude<Verdict, 'ok'> | 'none';

export type Choice<T> = { ok: true; target: T } | { ok: false; verdict: Refusal; refused?: T };

/**
 * The document the user means. The active editor when it qualifies. When it is a read-only file,
 * that is refused (the user is looking at it: silently writing into another file would surprise).
 * When there is no active editor, or it is not a document (the Output panel, a Git view, a proposal
 * preview), the first visible editor that qualifies: clicking in the chat does not change the
 * active editor, but the editor area may show something else. Otherwise a refusal that names what
 * was refused, or 'none' when nothing is open.
 */
export function chooseTarget<T>(active: T | undefined, visible: readonly T[], verdict: (t: T) => Verdict): Choice<T> {
  const activeVerdict = active === undefined ? undefined : verdict(active);
  if (active !== undefined && activeVerdict === 'ok') return { ok: true, target: active };
  if (active !== undefined && activeVerdict === 'readOnly') return { ok: false, verdict: 'readOnly', refused: active };
  const usable = visible.find((t) => t !== active && verdict(t) === 'ok');
  if (usable !== undefined) return { ok: true, target: usable };
  if (active !== undefined) return { ok: false, verdict: activeVerdict === 'proposal' ? 'proposal' : 'notADocument', refused: active };
  const readOnly = visible.find((t) => verdict(t) === 'readOnly');
  if (readOnly !== undefined) return { ok: false, verdict: 'readOnly', refused: readOnly };
  return { ok: false, verdict: 'none' };
}

/** The actions that need a document, for the refusal's wording. */
export type Action = 'insert' | 'apply' | 'attachFile' | 'attachSelection' | 'command';

/**
 * Why the action did nothing, in the user's words: "open a file first" when there is no document
 * to act on, "read-only" when there is one that cannot be changed. `name` names what was refused
 * (a file name, or the view's title such as the Output channel).
 */
export function refusalText(action: Action, verdict: Refusal, name: string | undefined, l10n: Translator): string {
  if (verdict === 'readOnly') {
    return l10n.t('{0} is read-only, so nothing was changed. Open a file you can edit first.', name ?? '');
  }
  if (verdict === 'proposal') {
    // The diff of a proposal has the focus: the file itself is not showing, and a second proposal
    // on it could only be refused when accepted.
    return l10n.t('A proposal for {0} is open and waiting: Accept or Reject it first (✓ or ✗ in the editor title), then try again.', name ?? '');
  }
  const what = verdict === 'notADocument' && name ? l10n.t('{0} is not a file you can edit. ', name) : '';
  switch (action) {
    case 'insert':
      return what + l10n.t('Open a file first, then Insert at Cursor again.');
    case 'apply':
      return what + l10n.t('Open a file first, then Apply again.');
    case 'attachFile':
      return what + l10n.t('Open a file first, then attach it again.');
    case 'attachSelection':
      return what + l10n.t('Open a file first and select the code to attach.');
    case 'command':
      return what + l10n.t('Open a file first and select some code.');
  }
}
