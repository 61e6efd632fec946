// The models the mock knows: what GET /v1/models lists, which accept `enable_thinking` (docs/wire.md §5),
// which always reason, and their context windows (docs/wire.md §5), used for validation.

/** What `GET /v1/models?type=text&sub_type=chat` returns, in this order. */
export const LISTED_MODELS: readonly string[] = [
  'Qwen/Qwen3-Coder-480B-A35B-Instruct',
  'deepseek-ai/DeepSeek-V3.2',
  'deepseek-ai/DeepSeek-R1',
  'Pro/zai-org/GLM-4.7',
  'zai-org/GLM-4.6',
  'moonshotai/Kimi-K2-Instruct-0905',
  'Qwen/Qwen3-235B-A22B-Thinking-2507',
  'Qwen/Qwen2.5-Coder-32B-Instruct',
  'Qwen/Qwen2.5-7B-Instruct',
  'Qwen/Qwen2.5-VL-72B-Instruct',
  'zai-org/GLM-4.5V',
];

/** Vision models: the ones that take image parts / blocks (others answer 400 / 20015). */
export const VISION_MODELS: readonly string[] = [
  'Qwen/Qwen2.5-VL-72B-Instruct',
  'Qwen/Qwen2.5-VL-32B-Instruct',
  'Qwen/Qwen3-VL-235B-A22B-Instruct',
  'zai-org/GLM-4.5V',
  'THUDM/GLM-4.1V-9B-Thinking',
  'moonshotai/Kimi-K2.5',
];

export const acceptsImages = (model: string): boolean => VISION_MODELS.includes(model.replace(/^Pro\//, ''));

/**
 * DeepSeek's thinking models want the reasoning of an assistant turn that called tools sent back
 * as `reasoning_content` while that tool loop runs (their API answers 400 otherwise).
 */
export const requiresReasoningInToolLoop = (model: string, body: Record<string, unknown>): boolean =>
  /DeepSeek-R1/.test(model) || (/DeepSeek-V3\.2/.test(model) && body.enable_thinking === true);

/**
 * Models documented as accepting `enable_thinking`; any other model answers 400 / 20015. The mock's
 * own copy of the client's list, on purpose: the mock stands for the server (docs/wire.md §5).
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

const CONTEXT_WINDOWS: Record<string, number> = {
  'Qwen/Qwen3-Coder-480B-A35B-Instruct': 262_144,
  'deepseek-ai/DeepSeek-V3.2': 163_840,
  'deepseek-ai/DeepSeek-R1': 163_840,
  'Pro/zai-org/GLM-4.7': 204_800,
  'zai-org/GLM-4.6': 204_800,
  'moonshotai/Kimi-K2-Instruct-0905': 262_144,
  'Qwen/Qwen3-235B-A22B-Thinking-2507': 262_144,
  'Qwen/Qwen2.5-Coder-32B-Instruct': 32_768,
  'Qwen/Qwen2.5-7B-Instruct': 32_768,
  'Qwen/Qwen2.5-VL-72B-Instruct': 131_072,
  'zai-org/GLM-4.5V': 65_536,
};

/** Listed models plus the hybrid ones (so any documented model id works) plus the caller's extras. */
export function isKnownModel(model: string, extraModels: readonly string[] = []): boolean {
  return LISTED_MODELS.includes(model) || HYBRID_THINKING_MODELS.includes(model) || VISION_MODELS.includes(model) || extraModels.includes(model);
}

export const supportsEnableThinking = (model: string): boolean => HYBRID_THINKING_MODELS.includes(model);

/** Reasoning-only models (R1, *-Thinking-*) always stream their reasoning first. */
export const alwaysReasons = (model: string): boolean => /R1|Thinking/.test(model);

export const contextWindowOf = (model: string): number => CONTEXT_WINDOWS[model] ?? 131_072;

/** The mock's token estimate: about one token per 4 bytes of UTF-8, as the types promise. */
export const estimateTokens = (text: string): number => Math.ceil(Buffer.byteLength(text, 'utf8') / 4);
