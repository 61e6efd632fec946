// What the client makes of the two protocols' streams (docs/wire.md §1, §2): reasoning and text,
// usage once with the final figures, tool calls assembled, stop reasons, mid-stream errors.
import * as assert from 'node:assert/strict';
import type { Script } from '../mock-server';
import { assembled, run, useMockServer } from './client-harness';

const SCRIPT: Script = {
  reasoning: '用户在打招呼，我应该友好地回应。',
  text: '你好！这是一个 **markdown** 回答：\n\n```ts\nconst x = 1;\n```\n',
  usage: { inputTokens: 30, outputTokens: 42, reasoningTokens: 11 },
};

const TOOLS: Script = {
  text: 'Let me check both.',
  toolCalls: [
    { id: 'call_a1', name: 'get_weather', arguments: '{"city":"北京","unit":"c"}' },
    { id: 'call_b2', name: 'get_time', arguments: '' },
  ],
};

describe('client: streamed answers', () => {
  const mock = useMockServer();

  for (const protocol of ['openai', 'anthropic'] as const) {
    const model = protocol === 'openai' ? 'deepseek-ai/DeepSeek-R1' : 'Pro/zai-org/GLM-4.7';

    it(`${protocol}: yields reasoning, then text, then one usage and done last`, async () => {
      mock.server.enqueue({ script: SCRIPT });
      const r = await run(mock.server, { protocol, model });
      assert.equal(r.error, undefined);
      assert.equal(r.reasoning, SCRIPT.reasoning);
      assert.equal(r.text, SCRIPT.text);
      const types = r.events.map((e) => e.type);
      assert.ok(types.lastIndexOf('reasoning') < types.indexOf('text'), 'reasoning comes before the answer');
      assert.equal(r.usages.length, 1, 'usage is emitted once');
      assert.deepEqual(types.slice(-2), ['usage', 'done']);
      assert.equal(r.usages[0]!.inputTokens, 30);
      assert.equal(r.usages[0]!.outputTokens, 42, 'the final cumulative figure, not a sum');
      assert.equal(r.finishReason, 'stop');
    });

    it(`${protocol}: assembles tool calls; empty arguments mean {}`, async () => {
      mock.server.enqueue({ script: TOOLS });
      const r = await run(mock.server, { protocol, tools: [{ name: 'get_weather', parameters: { type: 'object' } }] });
      assert.equal(r.error, undefined);
      assert.equal(r.text, TOOLS.text);
      assert.deepEqual(r.toolCalls, [
        { id: 'call_a1', name: 'get_weather', arguments: '{"city":"北京","unit":"c"}' },
        { id: 'call_b2', name: 'get_time', arguments: '{}' },
      ]);
      assert.deepEqual(JSON.parse(r.toolCalls[0]!.arguments), { city: '北京', unit: 'c' });
      assert.equal(r.finishReason, 'tool_calls', 'one vocabulary on both protocols');
    });

    it(`${protocol}: a stream that ends without [DONE] but with its finish reason is complete`, async () => {
      mock.server.enqueue({ script: { text: 'complete answer' }, fault: { kind: 'no-done' } });
      const r = await run(mock.server, { protocol });
      assert.equal(r.error, undefined);
      assert.equal(r.text, 'complete answer');
      assert.equal(r.finishReason, 'stop');
    });

    for (const shape of ['anthropic', 'openai', 'native'] as const) {
      it(`${protocol}: a mid-stream error in the ${shape} shape throws after the text already shown`, async () => {
        mock.server.enqueue({ script: { text: 'abcdefghijklmnopqrstuvwxyz' }, fault: { kind: 'midstream', shape, afterEvents: 4 } });
        let traceId: string | undefined;
        const r = await run(mock.server, { protocol }, { random: () => 0, onResponse: (i) => (traceId = i.traceId) });
        assert.ok(r.text.length > 0, 'the partial answer was yielded first');
        assert.ok('abcdefghijklmnopqrstuvwxyz'.startsWith(r.text));
        assert.equal(r.error?.kind, 'overloaded');
        assert.match(r.error!.message, /overload/i);
        assert.ok(traceId && r.error!.traceId === traceId, 'the trace id is on the error');
        assert.ok(r.error!.message.includes(traceId));
        assert.equal(mock.server.requests.length, 1, 'no retry once text was shown');
      });
    }

    it(`${protocol}: a length stop after reasoning with no text is reported as 'length'`, async () => {
      mock.server.enqueue({ script: { reasoning: 'thinking for a long time', finishReason: 'length' } });
      const r = await run(mock.server, { protocol, model });
      assert.equal(r.error, undefined);
      assert.equal(r.text, '');
      assert.equal(r.reasoning, 'thinking for a long time');
      assert.equal(r.finishReason, 'length');
    });
  }

  it('openai: parallel tool calls interleaved by index, finish_reason "" and an extra usage chunk with choices: []', async () => {
    const chunk = (delta: object, finish: string | null = '', usage?: object) =>
      `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish, logprobs: null, content_filter_results: {} }], ...(usage ? { usage } : {}) })}\n\n`;
    const raw =
      chunk({ role: 'assistant', content: '', reasoning_content: null }, null) +
      chunk({ tool_calls: [{ index: 0, id: 'c0', type: 'function', function: { name: 'read', arguments: '' } }] }) +
      chunk({ tool_calls: [{ index: 1, id: 'c1', type: 'function', function: { name: 'write', arguments: '{"p' } }] }) +
      chunk({ tool_calls: [{ index: 0, type: '', function: { arguments: '{"path":' } }] }) +
      chunk({ tool_calls: [{ index: 1, function: { arguments: '":1}' } }] }) +
      chunk({ tool_calls: [{ index: 0, function: { arguments: '"a.ts"}' } }] }) +
      chunk({ content: null }, 'tool_calls') +
      `data: ${JSON.stringify({ id: 'x', choices: [], usage: { prompt_tokens: 7, completion_tokens: 20, total_tokens: 27, completion_tokens_details: { reasoning_tokens: 3 } } })}\n\n` +
      'data: [DONE]\n\n';
    mock.server.enqueue({ raw });
    const r = await run(mock.server);
    assert.equal(r.error, undefined);
    assert.deepEqual(r.toolCalls, [
      { id: 'c0', name: 'read', arguments: '{"path":"a.ts"}' },
      { id: 'c1', name: 'write', arguments: '{"p":1}' },
    ]);
    assert.deepEqual(r.usages, [{ type: 'usage', inputTokens: 7, outputTokens: 20, reasoningTokens: 3 }]);
    assert.equal(r.finishReason, 'tool_calls');
  });

  it('anthropic: dispatches on the JSON type without event lines; ignores ping and unknown events', async () => {
    const ev = (o: object) => `data: ${JSON.stringify(o)}\n\n`;
    const raw =
      ev({ type: 'ping' }) +
      ev({ type: 'message_start', message: { id: 'msg_1', usage: { input_tokens: 6 } } }) +
      ev({ type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } }) +
      ev({ type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: '想' } }) +
      ev({ type: 'some_future_event', whatever: true }) +
      ev({ type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig' } }) +
      ev({ type: 'content_block_stop', index: 0 }) +
      ev({ type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } }) +
      ev({ type: 'ping' }) +
      ev({ type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: '你好！' } }) +
      ev({ type: 'content_block_stop', index: 1 }) +
      ev({ type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: '0123456789abcdef0123456789abcdef', name: 'run', input: {} } }) +
      ev({ type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '' } }) +
      ev({ type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"cmd":"ls"}' } }) +
      ev({ type: 'content_block_stop', index: 2 }) +
      ev({ type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 215 } }) +
      ev({ type: 'message_stop' }) +
      'data: [DONE]\n\n';
    mock.server.enqueue({ raw });
    const r = await run(mock.server, { protocol: 'anthropic' });
    assert.equal(r.error, undefined);
    assert.equal(r.reasoning, '想');
    assert.equal(r.text, '你好！');
    assert.deepEqual(r.toolCalls, [{ id: '0123456789abcdef0123456789abcdef', name: 'run', arguments: '{"cmd":"ls"}' }]);
    assert.deepEqual(r.usages, [{ type: 'usage', inputTokens: 6, outputTokens: 215 }]);
    assert.equal(r.finishReason, 'tool_calls');
  });

  it('anthropic: a stream that ends after message_delta with its stop reason, without message_stop or [DONE], is complete', async () => {
    const ev = (o: object) => `event: ${(o as { type: string }).type}\ndata: ${JSON.stringify(o)}\n\n`;
    const raw =
      ev({ type: 'message_start', message: { usage: { input_tokens: 6 } } }) +
      ev({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }) +
      ev({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'whole' } }) +
      ev({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 2 } });
    mock.server.enqueue({ raw });
    const r = await run(mock.server, { protocol: 'anthropic' });
    assert.equal(r.text, 'whole');
    assert.equal(r.error, undefined);
    assert.equal(r.finishReason, 'stop');
    assert.deepEqual(r.usages, [{ type: 'usage', inputTokens: 6, outputTokens: 2 }]);
  });

  it('anthropic: a stream that ends after message_delta with no stop reason is truncated', async () => {
    const ev = (o: object) => `event: ${(o as { type: string }).type}\ndata: ${JSON.stringify(o)}\n\n`;
    const raw =
      ev({ type: 'message_start', message: { usage: { input_tokens: 6 } } }) +
      ev({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }) +
      ev({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'partial' } }) +
      ev({ type: 'message_delta', delta: {}, usage: { output_tokens: 2 } });
    mock.server.enqueue({ raw });
    const r = await run(mock.server, { protocol: 'anthropic' });
    assert.equal(r.text, 'partial');
    assert.equal(r.error?.kind, 'truncated');
    assert.equal(r.finishReason, undefined);
  });

  it('the default mock answer (no script) streams through unchanged on both protocols', async () => {
    const a = await run(mock.server, { protocol: 'openai' });
    const b = await run(mock.server, { protocol: 'anthropic' });
    assert.equal(a.error, undefined);
    assert.equal(b.error, undefined);
    assert.ok(a.text.includes('```'), 'markdown with a code block');
    assert.deepEqual(assembled({ ...a, usages: [] }), assembled({ ...b, usages: [] }));
  });
});
