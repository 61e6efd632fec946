// What decides whether inline completion asks at all: pure (no vscode import), so each rule is
// unit-tested. The settings themselves are read behind the one settings door (src/service/config.ts,
// schema in service/completionSettings.ts); provider.ts asks.
import type { CompletionSettings } from '../service/completionSettings';

/** Whether completions are on for `languageId` under `settings.languages`. */
export function languageEnabled(settings: Pick<CompletionSettings, 'languages'>, languageId: string): boolean {
  return settings.languages[languageId] ?? settings.languages['*'] ?? true;
}

/** Documents larger than this are not sent (characters / lines). */
export const MAX_DOCUMENT_CHARS = 1_000_000;
export const MAX_DOCUMENT_LINES = 50_000;
/** Schemes of documents the user edits as files; output, git, diff and proposal views are other schemes. */
export const FILE_SCHEMES = new Set(['file', 'untitled', 'vscode-remote']);

/** Why a request is not made (for tests and the log); undefined when it may be made. */
export function skipReason(
  settings: Pick<CompletionSettings, 'enabled' | 'languages'>,
  doc: { scheme: string; languageId: string; lineCount: number; length: number },
  inlineSuggestEnabled: boolean,
  snoozed: boolean,
): string | undefined {
  if (!settings.enabled) return 'disabled';
  if (snoozed) return 'snoozed';
  if (!inlineSuggestEnabled) return 'editor.inlineSuggest.enabled is off';
  if (!FILE_SCHEMES.has(doc.scheme)) return `not a file (${doc.scheme})`;
  if (!languageEnabled(settings, doc.languageId)) return `off for ${doc.languageId}`;
  if (doc.length > MAX_DOCUMENT_CHARS || doc.lineCount > MAX_DOCUMENT_LINES) return 'file too large';
  return undefined;
}

