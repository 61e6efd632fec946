// What decides whether inline completion asks at all, and the validation of its settings: pure
// (no vscode import), so each rule is unit-tested. config.ts reads the values, provider.ts asks.

/** SiliconFlow's FIM guide recommends it for completion (free tier): docs/fim.md. */
export const DEFAULT_FIM_MODEL = 'Qwen/Qwen2.5-Coder-7B-Instruct';

export interface CompletionSettings {
  enabled: boolean;
  model: string;
  /** Milliseconds. */
  debounceMs: number;
  /** Completion tokens at most. */
  maxTokens: number;
  lines: 'auto' | 'singleLine' | 'multiLine';
  /** Language id → on/off; '*' is every other language. */
  languages: Record<string, boolean>;
}

function numberIn(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? Math.round(value) : fallback;
}

/** Validates raw setting values (pure; unit-tested). */
export function completionSettingsFrom(raw: Record<string, unknown>): CompletionSettings {
  const languages: Record<string, boolean> = {};
  if (typeof raw.languages === 'object' && raw.languages !== null && !Array.isArray(raw.languages)) {
    for (const [id, on] of Object.entries(raw.languages)) if (typeof on === 'boolean') languages[id] = on;
  }
  return {
    enabled: raw.enabled === true,
    model: typeof raw.model === 'string' && raw.model.trim() !== '' ? raw.model.trim() : DEFAULT_FIM_MODEL,
    debounceMs: numberIn(raw.debounceMs, 0, 2000, 250),
    maxTokens: numberIn(raw.maxTokens, 1, 4096, 128),
    lines: raw.lines === 'singleLine' || raw.lines === 'multiLine' ? raw.lines : 'auto',
    languages,
  };
}

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

