// What an answer costs in ¥: the built-in price table of SiliconFlow's mainland service, the
// user's own prices (siliconflow.modelPrices), and the arithmetic from a usage event. Pure (no
// vscode): unit-tested in plain Node. Facts and sources: docs/cost-and-balance.md.
import type { StreamEvent } from '../client';

/** ¥ per million tokens. */
export interface Prices {
  /** Prompt tokens not read from the cache. */
  input: number;
  output: number;
  /** Prompt tokens read from the cache; the input price when the model has no cache-read price. */
  cacheRead?: number;
}

/** A model's prices; `above` applies instead when the prompt has more than `above.inputTokens`. */
export interface ModelPrice extends Prices {
  above?: Prices & { inputTokens: number };
}

/**
 * When the built-in table was read and where from. SiliconFlow publishes its prices only on its
 * web pages (https://siliconflow.cn/pricing, /models); this table is taken from the public model
 * catalogue of lobehub (packages/model-bank/src/aiModels/siliconcloud.ts, which cites
 * https://siliconflow.cn/zh-cn/models), read on this date.
 */
export const PRICE_TABLE_DATE = '2026-11-29';
export const PRICE_TABLE_SOURCE = 'https://siliconflow.cn/zh-cn/models (via lobehub model-bank siliconcloud.ts)';

const p = (input: number, output: number, cacheRead?: number): ModelPrice => (cacheRead === undefined ? { input, output } : { input, output, cacheRead });
const tiered = (base: ModelPrice, inputTokens: number, above: Prices): ModelPrice => ({ ...base, above: { ...above, inputTokens } });
const FREE = p(0, 0);

/**
 * ¥ per million tokens on api.siliconflow.cn. Models priced by prompt length are listed with the
 * tier of a prompt up to 32K (GLM) or 128K (Qwen3.5) tokens and `above` that; GLM-4.7, whose
 * price also steps at 200 output tokens, is listed with the longer-answer step. Free models cost 0.
 */
export const BUILT_IN_PRICES: Readonly<Record<string, ModelPrice>> = {
  'deepseek-ai/DeepSeek-V4-Flash': p(1, 2),
  'deepseek-ai/DeepSeek-V3.2': p(2, 3),
  'Pro/deepseek-ai/DeepSeek-V3.2': p(2, 3),
  'deepseek-ai/DeepSeek-V3.1-Terminus': p(4, 12),
  'Pro/deepseek-ai/DeepSeek-V3.1-Terminus': p(4, 12),
  'deepseek-ai/DeepSeek-V3': p(2, 8),
  'Pro/deepseek-ai/DeepSeek-V3': p(2, 8),
  'deepseek-ai/DeepSeek-R1': p(4, 16),
  'Pro/deepseek-ai/DeepSeek-R1': p(4, 16),
  'deepseek-ai/DeepSeek-R1-0528-Qwen3-8B': FREE,
  'Pro/zai-org/GLM-5.1': tiered(p(6, 24, 1.3), 32_000, p(8, 28, 2)),
  'Pro/zai-org/GLM-5': tiered(p(4, 18, 1), 32_000, p(6, 22, 1.5)),
  'Pro/zai-org/GLM-4.7': tiered(p(3, 14, 0.6), 32_000, p(4, 16, 0.8)),
  'zai-org/GLM-4.6': p(3.5, 14),
  'zai-org/GLM-4.5V': p(1, 6),
  'zai-org/GLM-4.5-Air': p(1, 6),
  'THUDM/GLM-4-9B-0414': FREE,
  'THUDM/GLM-Z1-9B-0414': FREE,
  'THUDM/GLM-4.1V-9B-Thinking': FREE,
  'moonshotai/Kimi-K2-Instruct-0905': p(4, 16),
  'Pro/moonshotai/Kimi-K2-Instruct-0905': p(4, 16),
  'moonshotai/Kimi-K2-Thinking': p(4, 16),
  'Pro/moonshotai/Kimi-K2-Thinking': p(8, 32),
  'Pro/moonshotai/Kimi-K2.5': p(4, 21),
  'Pro/moonshotai/Kimi-K2.6': p(6.5, 27, 1.1),
  'MiniMaxAI/MiniMax-M2.5': p(2.1, 8.4),
  'Pro/MiniMaxAI/MiniMax-M2.5': p(2.1, 8.4, 0.21),
  'Qwen/Qwen3-Coder-480B-A35B-Instruct': p(8, 16),
  'Qwen/Qwen3-Coder-30B-A3B-Instruct': p(0.7, 2.8),
  'Qwen/Qwen3-235B-A22B-Instruct-2507': p(2.5, 10),
  'Qwen/Qwen3-30B-A3B-Instruct-2507': p(0.7, 2.8),
  'Qwen/Qwen3-30B-A3B-Thinking-2507': p(0.7, 2.8),
  'Qwen/Qwen3-32B': p(1, 4),
  'Qwen/Qwen3-14B': p(0.5, 2),
  'Qwen/Qwen3-8B': FREE,
  'Qwen/Qwen3.5-397B-A17B': tiered(p(0.8, 4.8), 128_000, p(2, 12)),
  'Qwen/Qwen3.5-122B-A10B': tiered(p(0.8, 6.4), 128_000, p(2, 16)),
  'Qwen/Qwen3.5-35B-A3B': tiered(p(0.4, 3.2), 128_000, p(1.6, 12.8)),
  'Qwen/Qwen3.5-27B': tiered(p(0.6, 4.8), 128_000, p(1.8, 14.4)),
  'Qwen/Qwen3.5-9B': tiered(p(0.5, 4), 128_000, p(1.5, 12)),
  'Qwen/Qwen3.5-4B': FREE,
  'Qwen/Qwen2.5-72B-Instruct': p(4.13, 4.13),
  'Qwen/Qwen2.5-32B-Instruct': p(1.26, 1.26),
  'Qwen/Qwen2.5-14B-Instruct': p(0.7, 0.7),
  'Qwen/Qwen2.5-7B-Instruct': FREE,
  'Pro/Qwen/Qwen2.5-7B-Instruct': p(0.35, 0.35),
  'stepfun-ai/Step-3.5-Flash': FREE,
};

/** Whether `baseUrl` is SiliconFlow's mainland service, whose prices (in ¥) the built-in table holds. */
export function isMainlandService(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname.toLowerCase();
    return host === 'siliconflow.cn' || host.endsWith('.siliconflow.cn');
  } catch {
    return false;
  }
}

function lookup(table: Readonly<Record<string, ModelPrice>>, model: string): ModelPrice | undefined {
  if (Object.prototype.hasOwnProperty.call(table, model)) return table[model];
  const wanted = model.trim().toLowerCase();
  for (const [id, price] of Object.entries(table)) if (id.toLowerCase() === wanted) return price;
  return undefined;
}

/**
 * The prices of `model` (ids compared without case; `Pro/x` is a different tier from `x`):
 * `overrides` (siliconflow.modelPrices, ¥ per million tokens) first, on any service; then the
 * built-in table, only on the mainland service. Undefined when unknown.
 */
export function priceFor(model: string, baseUrl: string, overrides: Readonly<Record<string, ModelPrice>> = {}): ModelPrice | undefined {
  return lookup(overrides, model) ?? (isMainlandService(baseUrl) ? lookup(BUILT_IN_PRICES, model) : undefined);
}

type Usage = Pick<Extract<StreamEvent, { type: 'usage' }>, 'inputTokens' | 'outputTokens' | 'cachedInputTokens'>;

/**
 * ¥ for one request: uncached prompt tokens × input price + cached prompt tokens × cache-read
 * price (the input price when there is none) + output tokens (reasoning included) × output price,
 * all per million tokens, with the tier that the prompt's length selects.
 */
export function costOf(usage: Usage, price: ModelPrice): number {
  const tier: Prices = price.above && usage.inputTokens > price.above.inputTokens ? price.above : price;
  const cached = Math.min(Math.max(0, usage.cachedInputTokens ?? 0), usage.inputTokens);
  const uncached = usage.inputTokens - cached;
  return (uncached * tier.input + cached * (tier.cacheRead ?? tier.input) + usage.outputTokens * tier.output) / 1_000_000;
}

/** One answer's estimated cost: `yuan` is absent when the model's price is unknown (never a false ¥0). */
export interface CostEstimate {
  yuan?: number;
}

/** costOf() for `model`, or `{}` when its price is unknown. */
export function estimateCost(usage: Usage, model: string, baseUrl: string, overrides?: Readonly<Record<string, ModelPrice>>): CostEstimate {
  const price = priceFor(model, baseUrl, overrides);
  return price ? { yuan: costOf(usage, price) } : {};
}

/**
 * Reads siliconflow.modelPrices: `{ "model id": { "input": ¥, "output": ¥, "cacheRead"?: ¥ } }`
 * per million tokens. Returns the usable entries and the ids of the ones that are not (a price
 * that is missing, negative or not a number).
 */
export function parseModelPrices(value: unknown): { prices: Record<string, ModelPrice>; invalid: string[] } {
  const prices: Record<string, ModelPrice> = {};
  const invalid: string[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { prices, invalid: value === undefined || value === null ? [] : [''] };
  const amount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  for (const [model, entry] of Object.entries(value as Record<string, unknown>)) {
    const e = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
    if (model.trim() && amount(e.input) && amount(e.output) && (e.cacheRead === undefined || amount(e.cacheRead))) {
      prices[model.trim()] = p(e.input, e.output, e.cacheRead as number | undefined);
    } else {
      invalid.push(model);
    }
  }
  return { prices, invalid };
}
