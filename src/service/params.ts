// Which optional parameters a request sends, per model and protocol (docs/wire.md §5):
// a parameter the model does not accept is left out rather than earning a 400, and max_tokens is
// clamped so the prompt plus the answer fit the model's context window. Pure: unit-tested.
import { contentText, imageCount, type ChatMessage, type Protocol } from '../client';
import { contextWindowFor, supportsThinking } from '../client/models';
import { english, type Translator } from './translator';

/** What the settings (or a caller) would like to send. */
export interface WantedParams {
  enableThinking: boolean;
  thinkingBudget?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  maxTokens?: number;
  reasoningEffort?: 'high' | 'max';
}

/** What goes on the wire (the optional fields of ChatRequest). Absent = not sent. */
export type ModelParams = Partial<WantedParams>;

const THINKING_BUDGET = { min: 128, max: 32_768 };
/** Room always left for an answer; a prompt that leaves less is refused before any request. */
export const MIN_ANSWER_TOKENS = 1024;
/** Seed 001: "reserve ~10k tokens as buffer" — but never more than a tenth of a small window. */
const MAX_HEADROOM_TOKENS = 10_000;
/**
 * Tokens counted per image part. What an image costs depends on its pixels (Qwen-VL: one token
 * per 28×28 patch, so about 1,300 for a 1024×1024 screenshot); this flat figure keeps the estimate
 * on the safe side for the screenshots people paste.
 */
export const IMAGE_TOKENS = 1_500;
/** Assumed for a model missing from the table and from siliconflow.contextWindows. */
export const ASSUMED_CONTEXT_WINDOW = 131_072;

/** The model's context window: the setting's override, the client's table, or the assumption. */
export function windowFor(model: string, contextWindows: Readonly<Record<string, number>> = {}): number {
  return contextWindowFor(model, contextWindows) ?? ASSUMED_CONTEXT_WINDOW;
}

/** Models that always reason (R1, QwQ, *-Thinking-*): they take thinking_budget but not enable_thinking. */
export function alwaysReasons(model: string): boolean {
  return /(^|[/-])(R1|QwQ)(\b|-)|Thinking/i.test(model);
}

/** reasoning_effort is documented for one model only. */
export function acceptsReasoningEffort(model: string): boolean {
  return /(^|\/)DeepSeek-V4-Flash$/i.test(model.replace(/^Pro\//, ''));
}

/** Rough token count: CJK characters about one token each, other text about 3.5 characters a token. */
export function estimateTokens(text: string): number {
  // One regex pass, not a test per character: inline completion counts a prompt per keystroke.
  CJK.lastIndex = 0;
  let cjk = 0;
  while (CJK.exec(text) !== null) cjk++;
  return cjk + Math.ceil((text.length - cjk) / 3.5);
}

const CJK = /[\u3000-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/g;

export function estimatePromptTokens(messages: readonly ChatMessage[]): number {
  // A few tokens of role framing per message.
  return messages.reduce((sum, m) => sum + 4 + estimateTokens(contentText(m.content)) + IMAGE_TOKENS * imageCount(m.content), 0);
}

export function headroomFor(window: number): number {
  return Math.min(MAX_HEADROOM_TOKENS, Math.floor(window / 10));
}

export interface ParamInput {
  model: string;
  protocol: Protocol;
  wanted: WantedParams;
  /** Estimated tokens of the whole prompt (system prompt included). */
  promptTokens: number;
  contextWindows?: Readonly<Record<string, number>>;
}

export function paramsForModel({ model, protocol, wanted, promptTokens, contextWindows = {} }: ParamInput): ModelParams {
  const out: ModelParams = {};
  const hybrid = supportsThinking(model);
  const reasoner = alwaysReasons(model);

  // enable_thinking: only the listed hybrid models accept it; any other answers 400 / 20015.
  // It is sent as false too, so a hybrid model that thinks by default follows the setting.
  if (hybrid) out.enableThinking = wanted.enableThinking;
  const thinks = (hybrid && wanted.enableThinking) || reasoner;
  // thinking_budget: 128–32768; 0 is rejected, so anything outside the range is left out.
  if (thinks && wanted.thinkingBudget !== undefined && wanted.thinkingBudget >= THINKING_BUDGET.min) {
    out.thinkingBudget = Math.min(THINKING_BUDGET.max, Math.round(wanted.thinkingBudget));
  }
  if (wanted.reasoningEffort && acceptsReasoningEffort(model)) out.reasoningEffort = wanted.reasoningEffort;

  if (wanted.temperature !== undefined) out.temperature = clamp(wanted.temperature, 0, 2);
  if (wanted.topP !== undefined) out.topP = clamp(wanted.topP, protocol === 'anthropic' ? 0.1 : 0.01, 1);
  if (wanted.topK !== undefined) {
    const topK = Math.round(clamp(wanted.topK, 0, protocol === 'anthropic' ? 50 : 100));
    if (topK > 0 || protocol === 'anthropic') out.topK = topK;
  }

  if (wanted.maxTokens !== undefined) {
    const window = windowFor(model, contextWindows);
    const free = window - promptTokens;
    // Keep the documented headroom when there is room for it, but never squeeze below what fits.
    const cap = Math.max(Math.min(MIN_ANSWER_TOKENS, free), free - headroomFor(window));
    out.maxTokens = Math.max(1, Math.min(Math.round(wanted.maxTokens), cap));
  }
  return out;
}

/** How a prompt measures against a model's context window. */
export interface ContextFit {
  fits: boolean;
  /** Estimated tokens of the prompt. */
  promptTokens: number;
  /** The prompt plus the room kept for the answer. */
  neededTokens: number;
  windowTokens: number;
}

/**
 * The one context-size estimate (the chat, the editor commands and stream() all use it). Room for
 * the answer: `reserveOutputTokens` when the caller knows the answer will be long (a rewrite is
 * about as long as the code it replaces), never less than MIN_ANSWER_TOKENS.
 */
export function measureContext(
  model: string,
  messages: readonly ChatMessage[],
  contextWindows: Readonly<Record<string, number>> = {},
  reserveOutputTokens = 0,
): ContextFit {
  const windowTokens = windowFor(model, contextWindows);
  const promptTokens = estimatePromptTokens(messages);
  const neededTokens = promptTokens + Math.max(MIN_ANSWER_TOKENS, Math.ceil(reserveOutputTokens));
  return { fits: neededTokens <= windowTokens, promptTokens, neededTokens, windowTokens };
}

/**
 * Undefined when `messages` fit `model`'s context window with room for an answer; otherwise a
 * sentence for the user. Call it before sending, so a huge selection is refused locally.
 */
export function fitsContext(
  model: string,
  messages: readonly ChatMessage[],
  contextWindows: Readonly<Record<string, number>> = {},
  l10n: Translator = english,
  reserveOutputTokens = 0,
): string | undefined {
  const fit = measureContext(model, messages, contextWindows, reserveOutputTokens);
  if (fit.fits) return undefined;
  return l10n.t(
    'The prompt is about {0} tokens, too long for the context window of {1} ({2} tokens, with room kept for the answer). Select less text, start a new chat, or choose a model with a larger window. If the window is larger than that, set it in "siliconflow.contextWindows".',
    fit.promptTokens.toLocaleString('en-US'),
    model,
    fit.windowTokens.toLocaleString('en-US'),
  );
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
