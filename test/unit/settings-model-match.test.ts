// Select Model: typing filters the models and Enter takes the best match; the typed text is offered
// as a model id only when no model matches it (typing "R1" and Enter once stored "R1" as the model).
import assert from 'node:assert/strict';
import { matchTier, modelRows, rankModels } from '../../src/settings/modelMatch';

const MODELS = [
  'Qwen/Qwen3-Coder-480B-A35B-Instruct',
  'deepseek-ai/DeepSeek-R1-Distill-Qwen-7B',
  'Pro/deepseek-ai/DeepSeek-R1',
  'deepseek-ai/DeepSeek-R1',
  'deepseek-ai/DeepSeek-V3',
  'deepseek-ai/DeepSeek-V3.2',
  'Qwen/Qwen2.5-7B-Instruct',
  'moonshotai/Kimi-K2-Instruct',
  'zai-org/GLM-4.6',
];

describe('Select Model: the rows for what was typed', () => {
  it('"R1" lists the R1 models, the base model first, and offers no "use this id" row', () => {
    const rows = modelRows(MODELS, 'R1');
    assert.equal(rows.typedId, undefined);
    assert.deepEqual(rows.models, ['deepseek-ai/DeepSeek-R1', 'Pro/deepseek-ai/DeepSeek-R1', 'deepseek-ai/DeepSeek-R1-Distill-Qwen-7B']);
  });

  it('matching ignores case and prefers a whole part of the name, then the start of one, then anywhere', () => {
    assert.equal(rankModels(MODELS, 'r1')[0], 'deepseek-ai/DeepSeek-R1');
    assert.equal(rankModels(MODELS, 'v3')[0], 'deepseek-ai/DeepSeek-V3');
    assert.equal(rankModels(MODELS, 'kimi')[0], 'moonshotai/Kimi-K2-Instruct');
    assert.equal(rankModels(MODELS, 'coder')[0], 'Qwen/Qwen3-Coder-480B-A35B-Instruct');
    assert.ok((matchTier('deepseek-ai/DeepSeek-R1', 'R1') ?? 9) < (matchTier('vendor/Model-R10', 'R1') ?? 9));
    assert.ok((matchTier('Qwen/Qwen3-Coder-480B', 'Cod') ?? 9) < (matchTier('Qwen/Qwen3-Decoder', 'cod') ?? 9));
  });

  it('the full id and the name after the vendor come first', () => {
    assert.equal(rankModels(MODELS, 'deepseek-ai/DeepSeek-V3.2')[0], 'deepseek-ai/DeepSeek-V3.2');
    assert.equal(rankModels(MODELS, 'DeepSeek-V3.2')[0], 'deepseek-ai/DeepSeek-V3.2');
  });

  it('words separated by spaces must all occur', () => {
    assert.deepEqual(rankModels(MODELS, 'qwen instruct'), ['Qwen/Qwen2.5-7B-Instruct', 'Qwen/Qwen3-Coder-480B-A35B-Instruct']);
  });

  it('an id no model matches is offered as the only row, so Enter uses it (after a confirmation)', () => {
    assert.deepEqual(modelRows(MODELS, ' my-org/My-Finetune '), { models: [], typedId: 'my-org/My-Finetune' });
  });

  it('letters merely in order do not match: a new id typed in full is not replaced by some long listed id', () => {
    assert.deepEqual(modelRows(MODELS, 'dsr1'), { models: [], typedId: 'dsr1' });
  });

  it('nothing typed: every model in the given order, no typed row', () => {
    assert.deepEqual(modelRows(MODELS, '  '), { models: MODELS });
  });
});
