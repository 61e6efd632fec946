// Will a request fit the model's context window? A local estimate (no tokenizer is shipped):
// the point is to refuse clearly a selection that cannot fit, before sending anything. Pure.
import { contextWindowFor as knownWindow, type ChatMessage } from '../client';

/**
 * Rough token count: CJK characters are about one token each; other text about 3.5 characters a
 * token (code tokenizes denser than prose, so this errs towards "too big", the safe side).
 */
export function estimateTokens(text: string): number {
  let cjk = 0;
  for (const ch of text) if (/[\u3000-\u9fff\uac00-\ud7af\uf900-\ufaff]/.test(ch)) cjk++;
  return cjk + Math.ceil((text.length - cjk) / 3.5);
}

export function estimateMessageTokens(messages: readonly ChatMessage[]): number {
  // A few tokens of framing per message.
  return messages.reduce((n, m) => n + 4 + estimateTokens(m.content), 0);
}

// Families the client's exact table does not list, matched by the model id without "Pro/".
const KNOWN_WINDOWS: [RegExp, number][] = [
  [/-16K$/i, 16_384],
  [/-128K$/i, 131_072],
  [/Qwen3-Coder-480B/i, 262_144],
  [/DeepSeek-V3\.[12]/i, 163_840],
  [/Qwen2\.5-Coder|Qwen2\.5-\d+B-Instruct$|Qwen2-/i, 32_768],
];
/** Assumed for models nobody listed: most current chat models on SiliconFlow have at least this. */
export const DEFAULT_CONTEXT_WINDOW = 131_072;

/** siliconflow.contextWindows, then the client's table of known models, then the families above. */
export function contextWindowFor(model: string, overrides: Readonly<Record<string, number>> = {}): number {
  const known = knownWindow(model, overrides);
  if (known !== undefined) return known;
  const bare = model.replace(/^Pro\//, '');
  for (const [pattern, size] of KNOWN_WINDOWS) if (pattern.test(bare)) return size;
  return DEFAULT_CONTEXT_WINDOW;
}

export interface FitCheck {
  fits: boolean;
  /** Estimated prompt tokens plus what is kept for the answer. */
  neededTokens: number;
  windowTokens: number;
}

/** `answerTokens`: room kept for the reply (a rewrite is about as long as the code it replaces). */
export function checkFits(
  messages: readonly ChatMessage[],
  model: string,
  answerTokens: number,
  overrides: Readonly<Record<string, number>> = {},
): FitCheck {
  const windowTokens = contextWindowFor(model, overrides);
  const neededTokens = estimateMessageTokens(messages) + answerTokens;
  return { fits: neededTokens <= windowTokens, neededTokens, windowTokens };
}
