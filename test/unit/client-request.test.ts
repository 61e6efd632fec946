// The request the client sends, as the mock server received it (and validated it against the seeds).
import * as assert from 'node:assert/strict';
import type { ChatMessage } from '../../src/client';
import { SECRET_KEY, recordedBody, run, useMockServer } from './client-harness';

const CONVERSATION: ChatMessage[] = [
  { role: 'system', content: 'You are terse.' },
  { role: 'user', content: 'Hi' },
  // An earlier answer that (in the UI) had reasoning: only its content goes back.
  { role: 'assistant', content: 'Hello.', reasoning: 'internal thoughts' } as ChatMessage,
  { role: 'user', content: 'Explain this.' },
];

describe('client: request bodies', () => {
  const mock = useMockServer();

  it('/chat/completions: parameters mapped, undefined ones left out, Bearer auth, SSE accepted', async () => {
    const r = await run(mock.server, {
      model: 'Qwen/Qwen3-8B',
      messages: CONVERSATION,
      maxTokens: 1000,
      temperature: 0.3,
      topP: 0.9,
      topK: 40,
      frequencyPenalty: 0.2,
      minP: 0.05,
      stop: ['a', 'b', 'c', 'd', 'e'],
      enableThinking: true,
      thinkingBudget: 2048,
      tools: [{ name: 'read_file', description: 'Reads a file', parameters: { type: 'object', properties: { path: { type: 'string' } } } }],
    });
    assert.equal(r.error, undefined, r.error?.message);
    const req = mock.server.requests[0]!;
    assert.equal(req.path, '/v1/chat/completions');
    assert.equal(req.headers.authorization, `Bearer ${SECRET_KEY}`);
    assert.match(String(req.headers.accept), /text\/event-stream/);
    assert.deepEqual(recordedBody(mock.server), {
      model: 'Qwen/Qwen3-8B',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello.' },
        { role: 'user', content: 'Explain this.' },
      ],
      stream: true,
      max_tokens: 1000,
      temperature: 0.3,
      top_p: 0.9,
      top_k: 40,
      frequency_penalty: 0.2,
      min_p: 0.05,
      stop: ['a', 'b', 'c', 'd'],
      enable_thinking: true,
      thinking_budget: 2048,
      tools: [{ type: 'function', function: { name: 'read_file', description: 'Reads a file', parameters: { type: 'object', properties: { path: { type: 'string' } } } } }],
    });
  });

  it('/chat/completions: a minimal request carries only model, messages and stream; a 0 budget is left out', async () => {
    const r = await run(mock.server, { thinkingBudget: 0, maxTokens: undefined, temperature: undefined });
    assert.equal(r.error, undefined);
    assert.deepEqual(recordedBody(mock.server), { model: 'Qwen/Qwen2.5-7B-Instruct', messages: [{ role: 'user', content: 'Hello' }], stream: true });
  });

  it('/messages: the system prompt goes top-level, max_tokens defaults to 8192, thinking has a budget', async () => {
    const r = await run(mock.server, {
      protocol: 'anthropic',
      model: 'Pro/zai-org/GLM-4.7',
      messages: CONVERSATION,
      enableThinking: true,
      thinkingBudget: 1024,
      topK: 80,
      topP: 0.05,
      stop: ['END'],
      frequencyPenalty: 0.5,
      minP: 0.1,
      reasoningEffort: 'high',
      tools: [{ name: 'run', parameters: { type: 'object' } }],
    });
    assert.equal(r.error, undefined, r.error?.message);
    assert.equal(mock.server.requests[0]!.path, '/v1/messages');
    assert.deepEqual(recordedBody(mock.server), {
      model: 'Pro/zai-org/GLM-4.7',
      system: 'You are terse.',
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello.' },
        { role: 'user', content: 'Explain this.' },
      ],
      max_tokens: 8192,
      stream: true,
      // Clamped into the /messages ranges (top_k 0–50, top_p 0.1–1); OpenAI-only fields left out.
      top_k: 50,
      top_p: 0.1,
      stop_sequences: ['END'],
      thinking: { type: 'enabled', budget_tokens: 1024 },
      tools: [{ name: 'run', input_schema: { type: 'object' } }],
    });
    assert.ok(r.reasoning.length > 0, 'the mock reasons when thinking is enabled');
  });

  it('/messages: an explicit max_tokens is kept; no system message means no system field', async () => {
    const r = await run(mock.server, { protocol: 'anthropic', maxTokens: 300 });
    assert.equal(r.error, undefined);
    const body = recordedBody(mock.server);
    assert.equal(body.max_tokens, 300);
    assert.equal('system' in body, false);
    assert.equal('thinking' in body, false);
  });

  it('a trailing slash on the base URL is tolerated', async () => {
    const r = await run(mock.server, { baseUrl: `${mock.server.baseUrl}/` });
    assert.equal(r.error, undefined);
    assert.equal(mock.server.requests[0]!.path, '/v1/chat/completions');
  });
});
