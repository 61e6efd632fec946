// Tools, tool results, tool_choice and image parts, for both protocols, over real sockets against
// the mock server, which validates them as SiliconFlow does (128 tools, name pattern, image formats,
// tool results that answer a call, the reasoning DeepSeek's thinking models want back in a tool loop).
import * as assert from 'node:assert/strict';
import type { ChatMessage, Protocol, ToolDefinition } from '../../src/client';
import { recordedBody, run, useMockServer } from './client-harness';

const READ_FILE: ToolDefinition = {
  name: 'read_file',
  description: 'Reads a file of the workspace',
  parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
};
// A 1×1 PNG.
const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const VISION = 'Qwen/Qwen2.5-VL-72B-Instruct';

/** A whole tool loop: question, the model's call, the tool's result. */
function loop(callId: string, extra: Partial<ChatMessage> = {}): ChatMessage[] {
  return [
    { role: 'system', content: 'Use the tools.' },
    { role: 'user', content: 'What is in a.txt?' },
    { role: 'assistant', content: '', toolCalls: [{ id: callId, name: 'read_file', arguments: '{"path":"a.txt"}' }], ...extra },
    { role: 'tool', toolCallId: callId, content: 'hello from a.txt' },
  ];
}

describe('client: tools and images', () => {
  const mock = useMockServer();

  for (const protocol of ['openai', 'anthropic'] as Protocol[]) {
    describe(protocol, () => {
      it('a scripted tool call arrives as one tool_call event with the whole arguments, finish reason tool_calls', async () => {
        mock.server.enqueue({ script: { text: 'Let me look.', toolCalls: [{ id: 'call_7f3a', name: 'read_file', arguments: '{"path":"src/some/long/path/a.txt"}' }] } });
        const r = await run(mock.server, { protocol, tools: [READ_FILE], toolChoice: 'auto' });
        assert.equal(r.error, undefined, r.error?.message);
        assert.equal(r.text, 'Let me look.');
        assert.deepEqual(r.toolCalls, [{ id: 'call_7f3a', name: 'read_file', arguments: '{"path":"src/some/long/path/a.txt"}' }]);
        assert.equal(r.finishReason, 'tool_calls');
      });

      it('the tool result goes back answering its call, and the server accepts the loop', async () => {
        mock.server.enqueue({ script: { text: 'a.txt says hello.' } });
        const r = await run(mock.server, { protocol, tools: [READ_FILE], messages: loop('call_1') });
        assert.equal(r.error, undefined, r.error?.message);
        assert.equal(r.text, 'a.txt says hello.');
        const body = recordedBody(mock.server);
        if (protocol === 'openai') {
          assert.deepEqual((body.messages as unknown[]).slice(2), [
            { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'read_file', arguments: '{"path":"a.txt"}' } }] },
            { role: 'tool', tool_call_id: 'call_1', content: 'hello from a.txt' },
          ]);
        } else {
          assert.equal(body.system, 'Use the tools.');
          assert.deepEqual((body.messages as unknown[]).slice(1), [
            { role: 'assistant', content: [{ type: 'tool_use', id: 'call_1', name: 'read_file', input: { path: 'a.txt' } }] },
            { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_1', content: 'hello from a.txt' }] },
          ]);
        }
      });

      it('a tool result that answers no call is refused by the server (400, named)', async () => {
        const messages = loop('call_1');
        messages[3] = { role: 'tool', toolCallId: 'call_other', content: 'x' };
        const r = await run(mock.server, { protocol, tools: [READ_FILE], messages });
        assert.equal(r.error?.kind, 'bad_request');
        assert.match(r.error!.message, /tool_call_id|tool_use_id/);
      });

      it('tool_choice: required and a named tool are sent in the protocol\'s words', async () => {
        await run(mock.server, { protocol, tools: [READ_FILE], toolChoice: 'required' });
        await run(mock.server, { protocol, tools: [READ_FILE], toolChoice: { name: 'read_file' } });
        const [required, named] = [recordedBody(mock.server, 0).tool_choice, recordedBody(mock.server, 1).tool_choice];
        if (protocol === 'openai') {
          assert.equal(required, 'required');
          assert.deepEqual(named, { type: 'function', function: { name: 'read_file' } });
        } else {
          assert.deepEqual(required, { type: 'any' });
          assert.deepEqual(named, { type: 'tool', name: 'read_file' });
        }
      });

      it('more than 128 tools, or a tool name outside [A-Za-z0-9_-]{1,64}, is a 400 that says why', async () => {
        const many = Array.from({ length: 129 }, (_, i) => ({ ...READ_FILE, name: `tool_${i}` }));
        const tooMany = await run(mock.server, { protocol, tools: many });
        assert.equal(tooMany.error?.kind, 'bad_request');
        assert.match(tooMany.error!.message, /at most 128/);
        const badName = await run(mock.server, { protocol, tools: [{ ...READ_FILE, name: 'read file' }] });
        assert.equal(badName.error?.kind, 'bad_request');
        assert.match(badName.error!.message, /name must match/);
      });

      it('an image part reaches a vision model as the protocol\'s image shape', async () => {
        const r = await run(mock.server, {
          protocol,
          model: VISION,
          messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', mimeType: 'image/png', data: PIXEL }] }],
        });
        assert.equal(r.error, undefined, r.error?.message);
        assert.ok(r.text.length > 0);
        const content = (recordedBody(mock.server).messages as { content: unknown }[])[0]!.content;
        if (protocol === 'openai') {
          assert.deepEqual(content, [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${PIXEL}`, detail: 'auto' } },
          ]);
        } else {
          assert.deepEqual(content, [
            { type: 'text', text: 'What is this?' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PIXEL } },
          ]);
        }
      });

      it('an image to a model without image input, or in an unsupported format, is refused with the reason', async () => {
        const toText = await run(mock.server, {
          protocol,
          messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', mimeType: 'image/png', data: PIXEL }] }],
        });
        assert.equal(toText.error?.kind, 'bad_request');
        assert.match(toText.error!.message, /does not support image input/);
        const bmp = await run(mock.server, {
          protocol,
          model: VISION,
          messages: [{ role: 'user', content: [{ type: 'image', mimeType: 'image/bmp' as 'image/png', data: PIXEL }] }],
        });
        assert.equal(bmp.error?.kind, 'bad_request');
        assert.match(bmp.error!.message, /image format image\/bmp is not supported/);
      });

      it('text-only parts go out as plain text content', async () => {
        await run(mock.server, { protocol, messages: [{ role: 'user', content: [{ type: 'text', text: 'one' }, { type: 'text', text: 'two' }] }] });
        assert.equal((recordedBody(mock.server).messages as { content: unknown }[])[0]!.content, 'one\n\ntwo');
      });
    });
  }

  it('/chat/completions: DeepSeek thinking in a tool loop needs its reasoning back; the client sends it when given', async () => {
    const base = { protocol: 'openai' as const, model: 'deepseek-ai/DeepSeek-V3.2', enableThinking: true, tools: [READ_FILE] };
    const without = await run(mock.server, { ...base, messages: loop('call_1') });
    assert.equal(without.error?.kind, 'bad_request');
    assert.match(without.error!.message, /reasoning_content/);
    const withIt = await run(mock.server, { ...base, messages: loop('call_1', { reasoningContent: 'I should read a.txt.' }) });
    assert.equal(withIt.error, undefined, withIt.error?.message);
    assert.equal((recordedBody(mock.server, 1).messages as Record<string, unknown>[])[2]!.reasoning_content, 'I should read a.txt.');
  });

  it('/messages: the thinking block and its signature are streamed, and go back before the tool_use block', async () => {
    mock.server.enqueue({ script: { reasoning: 'Need the file.', toolCalls: [{ id: 'toolu_1', name: 'read_file', arguments: '{"path":"a.txt"}' }] } });
    const first = await run(mock.server, { protocol: 'anthropic', model: 'Pro/zai-org/GLM-4.7', enableThinking: true, tools: [READ_FILE] });
    assert.equal(first.reasoning, 'Need the file.');
    const signature = first.events.find((e) => e.type === 'reasoning_signature');
    assert.ok(signature && signature.type === 'reasoning_signature' && signature.signature.length > 0, 'signature event');
    const messages = loop('toolu_1', { reasoningContent: first.reasoning, reasoningSignature: signature.signature });
    const second = await run(mock.server, { protocol: 'anthropic', model: 'Pro/zai-org/GLM-4.7', enableThinking: true, tools: [READ_FILE], messages });
    assert.equal(second.error, undefined, second.error?.message);
    const assistant = (recordedBody(mock.server, 1).messages as { content: unknown[] }[])[1]!;
    assert.deepEqual(assistant.content[0], { type: 'thinking', thinking: 'Need the file.', signature: signature.signature });
    assert.equal((assistant.content[1] as { type: string }).type, 'tool_use');
  });

  it('/messages: tool_choice none leaves the tools out (the protocol has no "none" here)', async () => {
    await run(mock.server, { protocol: 'anthropic', tools: [READ_FILE], toolChoice: 'none' });
    const body = recordedBody(mock.server);
    assert.equal(body.tools, undefined);
    assert.equal(body.tool_choice, undefined);
  });
});
