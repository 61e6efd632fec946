// GET /models and the model facts the settings use to filter parameters.
import * as assert from 'node:assert/strict';
import { contextWindowFor, HYBRID_THINKING_MODELS, listModels, supportsThinking } from '../../src/client';
import { HYBRID_THINKING_MODELS as MOCK_HYBRID, LISTED_MODELS } from '../mock-server';
import { SECRET_KEY, useMockServer } from './client-harness';

describe('client: models', () => {
  const mock = useMockServer();

  it('listModels asks for text chat models and returns their ids in order', async () => {
    const ids = await listModels({ baseUrl: mock.server.baseUrl, apiKey: SECRET_KEY });
    assert.deepEqual(ids, [...LISTED_MODELS]);
    const req = mock.server.requests[0]!;
    assert.equal(req.method, 'GET');
    assert.equal(req.url, '/v1/models?type=text&sub_type=chat');
    assert.equal(req.headers.authorization, `Bearer ${SECRET_KEY}`);
  });

  it('listModels: a malformed list is a protocol error', async () => {
    mock.server.enqueue({ path: '/v1/models', fault: { kind: 'status', status: 200, body: '{"object":"list"}', contentType: 'application/json' } });
    await assert.rejects(listModels({ baseUrl: mock.server.baseUrl, apiKey: SECRET_KEY }), { kind: 'protocol' });
  });

  it('listModels: an aborted signal rejects with "cancelled"', async () => {
    await assert.rejects(listModels({ baseUrl: mock.server.baseUrl, apiKey: SECRET_KEY, signal: AbortSignal.abort() }), { kind: 'cancelled' });
  });

  it('contextWindowFor knows the windows of docs/wire.md §5, for Pro/ ids too, and takes overrides', () => {
    assert.equal(contextWindowFor('deepseek-ai/DeepSeek-V3.2'), 163_840);
    assert.equal(contextWindowFor('Pro/deepseek-ai/DeepSeek-V3.2'), 163_840);
    assert.equal(contextWindowFor('Qwen/Qwen3-Coder-480B-A35B-Instruct'), 262_144);
    assert.equal(contextWindowFor('Qwen/Qwen2.5-Coder-32B-Instruct'), 32_768);
    assert.equal(contextWindowFor('vendor/Unknown-Model'), undefined);
    assert.equal(contextWindowFor('vendor/Unknown-Model', { 'vendor/Unknown-Model': 8192 }), 8192);
    assert.equal(contextWindowFor('Qwen/Qwen2.5-Coder-32B-Instruct', { 'Qwen/Qwen2.5-Coder-32B-Instruct': 16_384 }), 16_384);
  });

  it('supportsThinking matches the documented hybrid list (docs/wire.md §5), which the mock enforces too', () => {
    for (const model of MOCK_HYBRID) assert.equal(supportsThinking(model), true, model);
    // Both ways: a model only the client lists would be sent enable_thinking and refused by the server.
    assert.deepEqual([...HYBRID_THINKING_MODELS].sort(), [...MOCK_HYBRID].sort());
    assert.equal(supportsThinking('Qwen/Qwen2.5-7B-Instruct'), false);
    assert.equal(supportsThinking('deepseek-ai/DeepSeek-R1'), false, 'a reasoning-only model takes no enable_thinking');
    assert.equal(supportsThinking('zai-org/GLM-4.7'), false, 'only the documented Pro/ id');
  });
});
