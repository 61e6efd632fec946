// GET /models, and what the client knows about models that the API does not say: context windows
// (the list endpoint has no context length, docs/wire.md §4–§5) and which models accept
// `enable_thinking` (docs/wire.md §5; any other model answers 400 / 20015 when it is sent).
import { protocolError, type ErrorContext } from './errors';
import { getJson } from './getJson';
import type { ClientOptions } from './types';

/** Idle timeout of a model-list request. */
const LIST_TIMEOUT_MS = 30_000;

export interface ListModelsRequest {
  baseUrl: string;
  apiKey: string;
  signal?: AbortSignal;
}

function modelIds(payload: unknown, ctx: ErrorContext): string[] {
  const data = typeof payload === 'object' && payload !== null ? (payload as { data?: unknown }).data : undefined;
  if (!Array.isArray(data)) throw protocolError(ctx, 'a model list without a `data` array');
  const ids: string[] = [];
  for (const entry of data) {
    const id = typeof entry === 'object' && entry !== null ? (entry as { id?: unknown }).id : undefined;
    if (typeof id === 'string' && id !== '') ids.push(id);
  }
  return ids;
}

/** The ids of the chat models available to this key, in the server's order. */
export function listModels(o: ListModelsRequest, opts: ClientOptions = {}): Promise<string[]> {
  return getJson(
    { baseUrl: o.baseUrl, apiKey: o.apiKey, path: '/models?type=text&sub_type=chat', what: 'a model list', timeoutMs: LIST_TIMEOUT_MS },
    { ...opts, signal: opts.signal ?? o.signal },
    modelIds,
  );
}

/** Context windows SiliconFlow serves (sometimes capped below the vendor's own), docs/wire.md §5. */
export const KNOWN_CONTEXT_WINDOWS: Readonly<Record<string, number>> = {
  'deepseek-ai/DeepSeek-V3.2': 163_840,
  'Qwen/Qwen3-Coder-480B-A35B-Instruct': 262_144,
  'Qwen/Qwen2.5-Coder-32B-Instruct': 32_768,
};

/** `Pro/` only selects the paid tier of the same model. */
function canonical(model: string): string {
  return model.trim().replace(/^Pro\//i, '').toLowerCase();
}

function lookup(table: Readonly<Record<string, number>>, model: string): number | undefined {
  if (Object.prototype.hasOwnProperty.call(table, model)) return table[model];
  const wanted = canonical(model);
  for (const [id, window] of Object.entries(table)) if (canonical(id) === wanted) return window;
  return undefined;
}

/**
 * The context window (tokens) of `model`, or undefined when unknown. `overrides` (model id →
 * tokens, e.g. from a setting) win over the built-in table. `Pro/x` is looked up as `x`.
 */
export function contextWindowFor(model: string, overrides?: Readonly<Record<string, number>>): number | undefined {
  const fromOverride = overrides ? lookup(overrides, model) : undefined;
  if (fromOverride !== undefined && Number.isFinite(fromOverride) && fromOverride > 0) return fromOverride;
  return lookup(KNOWN_CONTEXT_WINDOWS, model);
}

/**
 * Models documented as accepting `enable_thinking` (the hybrid models; docs/wire.md §5). The mock
 * server keeps its own copy on purpose (docs/wire.md §5 says why); a unit test keeps them equal.
 */
export const HYBRID_THINKING_MODELS: readonly string[] = [
  'Pro/zai-org/GLM-5',
  'Pro/zai-org/GLM-4.7',
  'deepseek-ai/DeepSeek-V3.2',
  'Pro/deepseek-ai/DeepSeek-V3.2',
  'zai-org/GLM-4.6',
  'Qwen/Qwen3-8B',
  'Qwen/Qwen3-14B',
  'Qwen/Qwen3-32B',
  'Qwen/Qwen3-30B-A3B',
  'tencent/Hunyuan-A13B-Instruct',
  'zai-org/GLM-4.5V',
  'deepseek-ai/DeepSeek-V3.1-Terminus',
  'Pro/deepseek-ai/DeepSeek-V3.1-Terminus',
  'Qwen/Qwen3.5-397B-A17B',
  'Qwen/Qwen3.5-122B-A10B',
  'Qwen/Qwen3.5-35B-A3B',
  'Qwen/Qwen3.5-27B',
  'Qwen/Qwen3.5-9B',
  'Qwen/Qwen3.5-4B',
];

const HYBRID_LOWER = new Set(HYBRID_THINKING_MODELS.map((m) => m.toLowerCase()));

/**
 * Whether `enable_thinking` (and `thinking` on /messages) may be sent for `model`. Exact ids
 * only: `Pro/` is a distinct id here because the documented list names each tier separately.
 */
export function supportsThinking(model: string): boolean {
  return HYBRID_LOWER.has(model.trim().toLowerCase());
}

/** What VS Code's model picker and the request path need to know about a model. */
export interface ModelCapabilities {
  /** Accepts function tools (`tools` / `tool_choice`). */
  toolCalling: boolean;
  /** Accepts image parts (a vision model). */
  imageInput: boolean;
  /** The most tokens one answer may have (`max_tokens`). */
  maxOutputTokens: number;
}

/** Vision models on SiliconFlow (Qwen-VL, GLM-V, Kimi's multimodal models, QVQ, DeepSeek-VL2): names say it. */
const IMAGE_INPUT = /-VL\b|-VL-|VL2|\bQVQ\b|GLM-\d+(\.\d+)?V\b|GLM-\d+(\.\d+)?V-|Kimi-VL|Kimi-K2\.5|-Omni-/i;
/**
 * Families SiliconFlow's function-calling guide names (DeepSeek V3.x / R1, Qwen3 and Qwen2.5
 * instruct, GLM-4.5 and later, Kimi-K2, MiniMax, Hunyuan, Seed-OSS); the distilled R1s, QVQ and
 * older vision models are not among them.
 */
const TOOL_CALLING = /DeepSeek-V3|DeepSeek-R1(?!-Distill)|Qwen3|Qwen2\.5-(?!VL)[\w.-]*Instruct|GLM-4\.[5-9]|GLM-5|Kimi-K2|MiniMax|Hunyuan|Seed-OSS|Ling-|Ring-/i;
// GLM-4.5V is both a vision model and a tool caller (it matches GLM-4.[5-9]).
/** Answer limits SiliconFlow serves where they differ from the default. */
const KNOWN_MAX_OUTPUT: Readonly<Record<string, number>> = {
  'deepseek-ai/DeepSeek-V3.2': 32_768,
  'deepseek-ai/DeepSeek-R1': 32_768,
  'Qwen/Qwen3-Coder-480B-A35B-Instruct': 65_536,
  'zai-org/GLM-4.6': 32_768,
  'Pro/zai-org/GLM-4.7': 32_768,
};
/** `max_tokens` assumed for a model not in the table (the /messages default of this client). */
export const DEFAULT_MAX_OUTPUT_TOKENS = 8192;

/** Capabilities of `model` from the built-in table and its name (`Pro/x` as `x`). */
export function modelCapabilities(model: string): ModelCapabilities {
  const name = model.trim();
  return {
    toolCalling: TOOL_CALLING.test(name),
    imageInput: IMAGE_INPUT.test(name),
    maxOutputTokens: lookup(KNOWN_MAX_OUTPUT, name) ?? DEFAULT_MAX_OUTPUT_TOKENS,
  };
}

/** Whether `model` takes image parts (see modelCapabilities). */
export function supportsImageInput(model: string): boolean {
  return IMAGE_INPUT.test(model.trim());
}
