// Parameters per model: only what a model accepts is sent (docs/wire.md §5), max_tokens
// fits the context window, and a prompt that cannot fit is refused before any request.
import assert from 'node:assert/strict';
import type { ChatMessage } from '../../src/client';
import {
  acceptsReasoningEffort, alwaysReasons, estimatePromptTokens, estimateTokens, fitsContext, paramsForModel, type WantedParams,
} from '../../src/service/params';

const wanted = (w: Partial<WantedParams> = {}): WantedParams => ({ enableThinking: false, ...w });
const params = (model: string, w: Partial<WantedParams>, extra: { protocol?: 'openai' | 'anthropic'; promptTokens?: number; contextWindows?: Record<string, number> } = {}) =>
  paramsForModel({ model, protocol: extra.protocol ?? 'openai', promptTokens: extra.promptTokens ?? 100, contextWindows: extra.contextWindows, wanted: wanted(w) });

describe('parameters per model', () => {
  it('sends enable_thinking and thinking_budget to a hybrid model that supports them', () => {
    assert.deepEqual(params('Pro/zai-org/GLM-4.7', { enableThinking: true, thinkingBudget: 4096 }), { enableThinking: true, thinkingBudget: 4096 });
  });

  it('never sends enable_thinking to a model that would answer 400 / 20015', () => {
    const p = params('Qwen/Qwen2.5-Coder-32B-Instruct', { enableThinking: true, thinkingBudget: 4096 });
    assert.equal('enableThinking' in p, false);
    assert.equal('thinkingBudget' in p, false);
  });

  it('sends enable_thinking false to a hybrid model when thinking is off, and no budget', () => {
    assert.deepEqual(params('deepseek-ai/DeepSeek-V3.2', { enableThinking: false, thinkingBudget: 4096 }), { enableThinking: false });
  });

  it('gives reasoning-only models a thinking budget but no enable_thinking', () => {
    assert.ok(alwaysReasons('deepseek-ai/DeepSeek-R1'));
    assert.ok(alwaysReasons('Qwen/QwQ-32B'));
    assert.ok(alwaysReasons('Qwen/Qwen3-235B-A22B-Thinking-2507'));
    assert.ok(!alwaysReasons('Qwen/Qwen3-Coder-480B-A35B-Instruct'));
    assert.deepEqual(params('deepseek-ai/DeepSeek-R1', { thinkingBudget: 2048 }), { thinkingBudget: 2048 });
  });

  it('omits a thinking budget of 0 or below the minimum instead of sending what the API rejects', () => {
    assert.deepEqual(params('Pro/zai-org/GLM-4.7', { enableThinking: true, thinkingBudget: 0 }), { enableThinking: true });
    assert.deepEqual(params('Pro/zai-org/GLM-4.7', { enableThinking: true, thinkingBudget: 100 }), { enableThinking: true });
  });

  it('sends reasoning_effort to DeepSeek-V4-Flash only', () => {
    assert.ok(acceptsReasoningEffort('deepseek-ai/DeepSeek-V4-Flash'));
    assert.equal(params('deepseek-ai/DeepSeek-V4-Flash', { reasoningEffort: 'max' }).reasoningEffort, 'max');
    assert.equal('reasoningEffort' in params('deepseek-ai/DeepSeek-V3.2', { reasoningEffort: 'max' }), false);
  });

  it('keeps top_k within 100 on /chat/completions and 50 on /messages, top_p within 0.1–1 on /messages', () => {
    assert.equal(params('m', { topK: 500 }).topK, 100);
    assert.equal(params('m', { topK: 80 }, { protocol: 'anthropic' }).topK, 50);
    assert.equal(params('m', { topP: 0.05 }, { protocol: 'anthropic' }).topP, 0.1);
    assert.equal(params('m', { topP: 0.7 }).topP, 0.7);
    assert.equal(params('m', { temperature: 1.5 }, { protocol: 'anthropic' }).temperature, 1.5);
  });

  it('sends no sampling parameters the user did not set', () => {
    assert.deepEqual(params('Qwen/Qwen2.5-Coder-32B-Instruct', {}), {});
  });

  it('clamps max_tokens so the prompt plus the answer fit the window, keeping headroom', () => {
    // 32,768-token window, 20,000-token prompt: 12,768 free, minus 3,276 headroom.
    const p = params('Qwen/Qwen2.5-Coder-32B-Instruct', { maxTokens: 16_000 }, { promptTokens: 20_000 });
    assert.equal(p.maxTokens, 32_768 - 20_000 - 3_276);
    // A small request is left alone.
    assert.equal(params('Qwen/Qwen2.5-Coder-32B-Instruct', { maxTokens: 2000 }, { promptTokens: 1000 }).maxTokens, 2000);
  });

  it('uses the contextWindows setting over the built-in table', () => {
    const p = params('Qwen/Qwen2.5-Coder-32B-Instruct', { maxTokens: 100_000 }, { promptTokens: 1000, contextWindows: { 'Qwen/Qwen2.5-Coder-32B-Instruct': 65_536 } });
    assert.equal(p.maxTokens, 65_536 - 1000 - 6553);
  });

  it('never squeezes max_tokens below what still fits when the prompt nearly fills the window', () => {
    const p = params('Qwen/Qwen2.5-Coder-32B-Instruct', { maxTokens: 8000 }, { promptTokens: 31_000 });
    assert.equal(p.maxTokens, 1024);
  });
});

describe('prompt size', () => {
  it('estimates about 3.5 characters a token for code and one token per CJK character', () => {
    assert.equal(estimateTokens('x'.repeat(350)), 100);
    assert.equal(estimateTokens('你好世界'), 4);
    assert.equal(estimatePromptTokens([{ role: 'user', content: 'x'.repeat(35) }]), 14);
  });

  const huge = (chars: number): ChatMessage[] => [{ role: 'user', content: 'x'.repeat(chars) }];

  it('lets a prompt that fits through', () => {
    assert.equal(fitsContext('Qwen/Qwen2.5-Coder-32B-Instruct', huge(50_000)), undefined);
  });

  it('refuses a prompt bigger than the window, naming the model, the sizes and the setting', () => {
    const message = fitsContext('Qwen/Qwen2.5-Coder-32B-Instruct', huge(200_000));
    assert.ok(message);
    assert.match(message, /57,147 tokens/);
    assert.match(message, /Qwen\/Qwen2\.5-Coder-32B-Instruct \(32,768 tokens/);
    assert.match(message, /siliconflow\.contextWindows/);
  });

  it('takes the window from the override, so a raised window lets the prompt through', () => {
    assert.equal(fitsContext('Qwen/Qwen2.5-Coder-32B-Instruct', huge(200_000), { 'Qwen/Qwen2.5-Coder-32B-Instruct': 131_072 }), undefined);
  });
});
