// SKELETON (issue 5): a proposed replacement of a range in a document, previewed in a diff editor
// (original left, proposal right, updating live) and applied only when the user accepts.
// The refactor / fix / document commands and the chat's "Apply" button share this one mechanism.
import type * as vscode from 'vscode';

export interface ProposalTarget {
  document: vscode.TextDocument;
  /** The exact range the proposal replaces. */
  range: vscode.Range;
  /** A short title for the diff editor, e.g. "Refactor: utils.ts". */
  title: string;
}

export type ProposalOutcome = 'accepted' | 'rejected' | 'stale' | 'cancelled';

export interface Proposal {
  /** Replace the proposed text shown on the right (called as the answer streams). */
  update(text: string): void;
  /** The proposal is complete: offer Accept / Reject and resolve with what the user chose. */
  finish(): Promise<ProposalOutcome>;
  /** The request failed or was cancelled: close the preview, changing nothing. */
  abandon(): void;
}

/** Opens the diff preview for `target` and returns a handle to stream the proposal into. */
export async function openProposal(_target: ProposalTarget): Promise<Proposal> {
  throw new Error('openProposal: not implemented yet');
}
