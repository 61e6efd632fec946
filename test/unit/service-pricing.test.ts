// What an answer costs: the price table, the arithmetic with cache reads and tiers, unknown
// models, the user's prices, today's total, and how amounts are written.
import * as assert from 'node:assert/strict';
import { formatYuan, sumCosts } from '../../src/protocol';
import { CostLedger, localDay, type LedgerStore } from '../../src/service/costLedger';
import { BUILT_IN_PRICES, costOf, estimateCost, isMainlandService, parseModelPrices, priceFor, PRICE_TABLE_DATE } from '../../src/service/pricing';
import { validateSettings } from '../../src/service/validate';

const CN = 'https://api.siliconflow.cn/v1';
const COM = 'https://api.siliconflow.com/v1';
const MOCK = 'http://127.0.0.1:4000/v1';
const close = (actual: number, expected: number): void => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} ≠ ${expected}`);

describe('pricing: the cost of a request', () => {
  it('input and output tokens at the model’s price per million', () => {
    // DeepSeek-V3.2: ¥2 in, ¥3 out. 1,000,000 in + 500,000 out = ¥2 + ¥1.5.
    close(costOf({ inputTokens: 1_000_000, outputTokens: 500_000 }, priceFor('deepseek-ai/DeepSeek-V3.2', CN)!), 3.5);
    // 1,200 prompt tokens and 300 answer tokens on Qwen3-Coder-480B (¥8 / ¥16): 0.0096 + 0.0048.
    close(costOf({ inputTokens: 1200, outputTokens: 300 }, priceFor('Qwen/Qwen3-Coder-480B-A35B-Instruct', CN)!), 0.0144);
  });

  it('cached prompt tokens are priced as cache reads, the rest of the prompt as input', () => {
    // Kimi-K2.6 (Pro): ¥6.5 in, ¥27 out, ¥1.1 cache read. 10,000 prompt of which 8,000 cached, 1,000 out.
    const price = priceFor('Pro/moonshotai/Kimi-K2.6', CN)!;
    close(costOf({ inputTokens: 10_000, outputTokens: 1000, cachedInputTokens: 8000 }, price), (2000 * 6.5 + 8000 * 1.1 + 1000 * 27) / 1e6);
    // Without the cache figure the whole prompt is input.
    close(costOf({ inputTokens: 10_000, outputTokens: 1000 }, price), (10_000 * 6.5 + 1000 * 27) / 1e6);
  });

  it('a model without a cache-read price charges cached tokens at the input price (never under-estimates)', () => {
    const price = { input: 2, output: 3 };
    close(costOf({ inputTokens: 1000, outputTokens: 0, cachedInputTokens: 900 }, price), costOf({ inputTokens: 1000, outputTokens: 0 }, price));
  });

  it('a cached count larger than the prompt is capped at the prompt', () => {
    close(costOf({ inputTokens: 100, outputTokens: 0, cachedInputTokens: 500 }, { input: 10, output: 0, cacheRead: 1 }), 100 / 1e6);
  });

  it('a long prompt takes the higher tier', () => {
    const glm = priceFor('Pro/zai-org/GLM-4.7', CN)!;
    close(costOf({ inputTokens: 32_000, outputTokens: 1000 }, glm), (32_000 * 3 + 1000 * 14) / 1e6);
    close(costOf({ inputTokens: 40_000, outputTokens: 1000, cachedInputTokens: 30_000 }, glm), (10_000 * 4 + 30_000 * 0.8 + 1000 * 16) / 1e6);
  });

  it('free models cost exactly ¥0, which is not the same as unknown', () => {
    assert.deepEqual(estimateCost({ inputTokens: 5000, outputTokens: 5000 }, 'Qwen/Qwen3-8B', CN), { yuan: 0 });
    assert.deepEqual(estimateCost({ inputTokens: 5000, outputTokens: 5000 }, 'vendor/Not-A-Listed-Model', CN), {});
  });

  it('Pro/ is a different tier: its own price, not the free model’s', () => {
    assert.deepEqual(estimateCost({ inputTokens: 1e6, outputTokens: 0 }, 'Qwen/Qwen2.5-7B-Instruct', CN), { yuan: 0 });
    assert.deepEqual(estimateCost({ inputTokens: 1e6, outputTokens: 0 }, 'Pro/Qwen/Qwen2.5-7B-Instruct', CN), { yuan: 0.35 });
  });

  it('model ids are compared without case', () => {
    assert.ok(priceFor('pro/zai-org/glm-5', CN));
  });

  it('the built-in (¥) table applies to the mainland service only; elsewhere the price is unknown', () => {
    assert.equal(isMainlandService(CN), true);
    assert.equal(isMainlandService(COM), false);
    assert.equal(isMainlandService(MOCK), false);
    assert.equal(isMainlandService('not a url'), false);
    assert.equal(priceFor('deepseek-ai/DeepSeek-V3.2', COM), undefined);
    assert.deepEqual(estimateCost({ inputTokens: 1, outputTokens: 1 }, 'deepseek-ai/DeepSeek-V3.2', MOCK), {});
  });

  it('the user’s prices override the table and add models, on any service', () => {
    const overrides = { 'deepseek-ai/DeepSeek-V3.2': { input: 1, output: 1 }, 'my/Model': { input: 10, output: 20, cacheRead: 1 } };
    close(estimateCost({ inputTokens: 1e6, outputTokens: 1e6 }, 'deepseek-ai/DeepSeek-V3.2', CN, overrides).yuan!, 2);
    close(estimateCost({ inputTokens: 1e6, outputTokens: 0, cachedInputTokens: 1e6 }, 'my/Model', MOCK, overrides).yuan!, 1);
  });

  it('every built-in entry has non-negative prices, and the table says when it was read', () => {
    assert.match(PRICE_TABLE_DATE, /^\d{4}-\d{2}-\d{2}$/);
    for (const [model, price] of Object.entries(BUILT_IN_PRICES)) {
      for (const v of [price.input, price.output, price.cacheRead ?? 0, price.above?.input ?? 0, price.above?.output ?? 0]) assert.ok(v >= 0 && Number.isFinite(v), model);
    }
  });
});

describe('pricing: siliconflow.modelPrices', () => {
  it('keeps valid entries and names the invalid ones', () => {
    const { prices, invalid } = parseModelPrices({ 'a/B': { input: 1, output: 2 }, 'c/D': { input: -1, output: 2 }, 'e/F': { input: 1 }, 'g/H': { input: 1, output: 2, cacheRead: 'x' } });
    assert.deepEqual(prices, { 'a/B': { input: 1, output: 2 } });
    assert.deepEqual(invalid, ['c/D', 'e/F', 'g/H']);
  });

  it('validateSettings warns about a bad entry and about a value that is not an object', () => {
    const v = validateSettings({ modelPrices: { 'a/B': { input: 1, output: 2, cacheRead: 0.5 }, 'c/D': 3 } });
    assert.deepEqual(v.settings.modelPrices, { 'a/B': { input: 1, output: 2, cacheRead: 0.5 } });
    assert.equal(v.problems.filter((p) => p.setting === 'siliconflow.modelPrices').length, 1);
    const w = validateSettings({ modelPrices: [1, 2] });
    assert.deepEqual(w.settings.modelPrices, {});
    assert.match(w.problems.find((p) => p.setting === 'siliconflow.modelPrices')!.message, /must be an object/);
    assert.deepEqual(validateSettings({}).settings.modelPrices, {});
  });
});

describe('pricing: totals and amounts', () => {
  it('a conversation total adds the known costs and counts the unknown ones apart', () => {
    const total = sumCosts([{ yuan: 0.5 }, {}, undefined, { yuan: 0 }, { yuan: 0.25 }]);
    assert.deepEqual(total, { yuan: 0.75, known: 3, unknown: 1 });
  });

  it('writes small amounts with four decimals and larger ones with two', () => {
    assert.equal(formatYuan(0), '¥0');
    assert.equal(formatYuan(0.0144), '¥0.0144');
    assert.equal(formatYuan(0.00001), '<¥0.0001');
    assert.equal(formatYuan(88.876), '¥88.88');
    assert.equal(formatYuan(88.88, false), '88.88');
  });

  it('today’s total survives a reload (it lives in the store) and starts again the next day', async () => {
    const data = new Map<string, unknown>();
    const store: LedgerStore = { get: <T>(k: string) => data.get(k) as T | undefined, update: async (k, v) => void data.set(k, v) };
    let now = new Date(2026, 10, 29, 9, 0);
    await new CostLedger(store, () => now).add({ yuan: 0.01 });
    await new CostLedger(store, () => now).add({});
    const reloaded = new CostLedger(store, () => now);
    assert.deepEqual(reloaded.today(), { day: '2026-11-29', yuan: 0.01, unknown: 1, requests: 2 });
    now = new Date(2026, 10, 30, 0, 1);
    assert.deepEqual(reloaded.today(), { day: '2026-11-30', yuan: 0, unknown: 0, requests: 0 });
    assert.equal(localDay(new Date(2026, 0, 5)), '2026-01-05');
    data.set('siliconflow.cost.today', { day: '2026-11-30', yuan: 'x' });
    assert.equal(reloaded.today().yuan, 0, 'a damaged record counts as nothing');
  });
});
