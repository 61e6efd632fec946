// The official SDKs read the same mock streams and must agree with the client on text, reasoning
// and tool calls. This keeps the mock honest to the real wire format: if the mock drifted into a
// shape only our client accepts, the SDKs would disagree.
import * as assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { Script, StreamShape } from '../mock-server';
import { run, useMockServer } from './client-harness';

interface Reading {
  text: string;
  reasoning: string;
  toolCalls: { id: string; name: string; input: unknown }[];
}

const KEY = 'sk-sdk-agreement-0000000000000000';

const SCRIPTS: [string, Script | undefined, string][] = [
  ['reasoning, Chinese text and two tool calls', {
    reasoning: '先分析需求，再调用工具。',
    text: '我来查一下天气和时间。🙂',
    toolCalls: [
      { id: 'call_0123456789abcdef0123456789abcdef', name: 'get_weather', arguments: '{"city":"上海","days":[1,2]}' },
      { name: 'get_time', arguments: '' },
    ],
  }, 'Pro/zai-org/GLM-4.7'],
  ['the default answer with a code block', undefined, 'deepseek-ai/DeepSeek-R1'],
];

const SHAPES: [string, StreamShape][] = [
  ['one write per event', {}],
  ['random splits with CRLF and keep-alive comments', { chunking: 'random', seed: 11, lineEnding: 'crlf', comments: true }],
  ['one byte per chunk after a BOM', { chunking: 'byte', bom: true }],
];

function parsedInput(args: string): unknown {
  return JSON.parse(args === '' ? '{}' : args);
}

async function readWithOpenAI(baseURL: string, model: string, prompt: string): Promise<Reading> {
  const client = new OpenAI({ apiKey: KEY, baseURL, maxRetries: 0 });
  const stream = await client.chat.completions.create({ model, messages: [{ role: 'user', content: prompt }], stream: true });
  const out: Reading = { text: '', reasoning: '', toolCalls: [] };
  const calls = new Map<number, { id: string; name: string; args: string }>();
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta;
    if (!delta) continue;
    out.text += delta.content ?? '';
    // SiliconFlow's extension field, not in the SDK's types: read it from the raw delta.
    out.reasoning += (delta as { reasoning_content?: string | null }).reasoning_content ?? '';
    for (const t of delta.tool_calls ?? []) {
      const call = calls.get(t.index) ?? { id: '', name: '', args: '' };
      call.id ||= t.id ?? '';
      call.name ||= t.function?.name ?? '';
      call.args += t.function?.arguments ?? '';
      calls.set(t.index, call);
    }
  }
  for (const [, c] of [...calls].sort(([a], [b]) => a - b)) out.toolCalls.push({ id: c.id, name: c.name, input: parsedInput(c.args) });
  return out;
}

async function readWithAnthropic(baseURL: string, model: string, prompt: string): Promise<Reading> {
  const client = new Anthropic({ apiKey: KEY, baseURL, maxRetries: 0 });
  const stream = await client.messages.create({ model, max_tokens: 4096, messages: [{ role: 'user', content: prompt }], stream: true });
  const out: Reading = { text: '', reasoning: '', toolCalls: [] };
  const tools = new Map<number, { id: string; name: string; json: string }>();
  for await (const event of stream) {
    if (event.type === 'content_block_start' && event.content_block.type === 'tool_use') {
      tools.set(event.index, { id: event.content_block.id, name: event.content_block.name, json: '' });
    } else if (event.type === 'content_block_delta') {
      if (event.delta.type === 'text_delta') out.text += event.delta.text;
      else if (event.delta.type === 'thinking_delta') out.reasoning += event.delta.thinking;
      else if (event.delta.type === 'input_json_delta') tools.get(event.index)!.json += event.delta.partial_json;
    }
  }
  for (const [, t] of [...tools].sort(([a], [b]) => a - b)) out.toolCalls.push({ id: t.id, name: t.name, input: parsedInput(t.json) });
  return out;
}

describe('official SDKs agree with the client on the mock streams', () => {
  const mock = useMockServer();
  const prompt = '写一个 Python 的 hello world';

  for (const [scriptName, script, model] of SCRIPTS) {
    for (const [shapeName, shape] of SHAPES) {
      const readers = [
        ['openai', (baseUrl: string) => readWithOpenAI(baseUrl, model, prompt)],
        ['anthropic', (baseUrl: string) => readWithAnthropic(baseUrl.replace(/\/v1$/, ''), model, prompt)],
      ] as const;
      for (const [protocol, readWithSdk] of readers) {
        it(`${protocol} SDK: ${scriptName}, ${shapeName}`, async () => {
          mock.server.enqueue({ script, shape }, { script, shape });
          const sdk = await readWithSdk(mock.server.baseUrl);
          const ours = await run(mock.server, { protocol, model, messages: [{ role: 'user', content: prompt }] });
          assert.equal(ours.error, undefined);
          assert.ok(sdk.text.length > 0 && sdk.reasoning.length > 0, 'both scripts have text and reasoning');
          assert.equal(sdk.toolCalls.length, script?.toolCalls?.length ?? 0);
          assert.equal(ours.text, sdk.text);
          assert.equal(ours.reasoning, sdk.reasoning);
          assert.deepEqual(ours.toolCalls.map((t) => ({ id: t.id, name: t.name, input: parsedInput(t.arguments) })), sdk.toolCalls);
        });
      }
    }
  }

  it('both fail on a mid-stream error, after the same partial text', async () => {
    const script: Script = { text: 'partial answer before the failure' };
    mock.server.enqueue(
      { script, fault: { kind: 'midstream', shape: 'openai', afterEvents: 4 } },
      { script, fault: { kind: 'midstream', shape: 'openai', afterEvents: 4 } },
    );
    let sdkText = '';
    await assert.rejects(async () => {
      const client = new OpenAI({ apiKey: KEY, baseURL: mock.server.baseUrl, maxRetries: 0 });
      const stream = await client.chat.completions.create({ model: 'Qwen/Qwen2.5-7B-Instruct', messages: [{ role: 'user', content: 'x' }], stream: true });
      for await (const chunk of stream) sdkText += chunk.choices[0]?.delta.content ?? '';
    });
    const ours = await run(mock.server, { messages: [{ role: 'user', content: 'x' }] });
    assert.equal(ours.error?.kind, 'overloaded');
    assert.ok(sdkText.length > 0);
    assert.equal(ours.text, sdkText);
  });
});
