// The schema of the siliconflow.inlineCompletions.* settings and their validation: an unusable
// value falls back to its default. Pure (no vscode import), unit-tested; config.ts reads them.

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

/** Validates raw setting values (pure; unit-tested): an unusable value falls back to its default. */
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
