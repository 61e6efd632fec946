// The mock server over real sockets: what a client sees from it must look like SiliconFlow, or the
// client tests built on it prove nothing.

import assert from 'node:assert/strict';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { renderStream, startMockServer, type MockServer, type Scripted } from '../mock-server/index';

const KEY = 'sk-test-key';
const OPENAI_MODEL = 'Qwen/Qwen2.5-7B-Instruct';
const GLM = 'Pro/zai-org/GLM-4.7';

interface Sent {
  status: number;
  headers: Headers;
  text: string;
  /** The body exactly as sent (text() would drop a BOM). */
  raw: Buffer;
}

type Json = Record<string, unknown>;

let server: MockServer;

function post(path: string, body: unknown, headers: Record<string, string> = { authorization: `Bearer ${KEY}` }, signal?: AbortSignal): Promise<Response> {
  return fetch(server.baseUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal,
  });
}

async function send(path: string, body: unknown, headers?: Record<string, string>): Promise<Sent> {
  const res = await post(path, body, headers);
  const raw = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, text: new TextDecoder().decode(raw), raw };
}

const chat = (extra: Json = {}, content = 'Hello') => ({ model: OPENAI_MODEL, messages: [{ role: 'user', content }], ...extra });
const messages = (extra: Json = {}, content = 'Hello') => ({ model: GLM, max_tokens: 1024, messages: [{ role: 'user', content }], ...extra });

function parseSse(text: string): EventSourceMessage[] {
  const events: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (e) => events.push(e) });
  parser.feed(text);
  // eventsource-parser holds a final CR back (it might be the start of CRLF) even on reset, so
  // EOF is marked with a line feed: after a CR it only completes the CRLF, elsewhere it is a blank line.
  parser.feed('\n');
  parser.reset({ consume: true });
  return events;
}

const jsonEvents = (events: EventSourceMessage[]): Json[] => events.filter((e) => e.data !== '[DONE]').map((e) => JSON.parse(e.data) as Json);

interface OpenAIChunk {
  choices: { delta: { role?: string; content?: string | null; reasoning_content?: string | null; tool_calls?: Json[] }; finish_reason: string | null }[];
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

function assembleOpenAI(text: string): { content: string; reasoning: string; finish: string | null; chunks: OpenAIChunk[]; done: boolean } {
  const events = parseSse(text);
  const chunks = jsonEvents(events) as unknown as OpenAIChunk[];
  let content = '';
  let reasoning = '';
  let finish: string | null = null;
  let reasoningAfterContent = false;
  for (const chunk of chunks) {
    const choice = chunk.choices[0]!;
    if (choice.delta.reasoning_content) {
      reasoning += choice.delta.reasoning_content;
      if (content) reasoningAfterContent = true;
    }
    content += choice.delta.content ?? '';
    finish = choice.finish_reason ?? finish;
  }
  assert.equal(reasoningAfterContent, false, 'reasoning must come before content');
  return { content, reasoning, finish, chunks, done: events.at(-1)?.data === '[DONE]' };
}

function anthropicTypes(text: string): string[] {
  return parseSse(text).map((e) => (e.data === '[DONE]' ? '[DONE]' : String((JSON.parse(e.data) as Json).type)));
}

function anthropicText(text: string, deltaType: 'text_delta' | 'thinking_delta'): string {
  return jsonEvents(parseSse(text))
    .filter((e) => e.type === 'content_block_delta' && (e.delta as Json).type === deltaType)
    .map((e) => String((e.delta as Json)[deltaType === 'text_delta' ? 'text' : 'thinking']))
    .join('');
}

describe('mock server', () => {
  beforeEach(async () => {
    server = await startMockServer();
  });
  afterEach(async () => {
    await server.close();
  });

  describe('routing and auth', () => {
    it('binds 127.0.0.1 on a free port and names the /v1 base URL', () => {
      assert.match(server.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      assert.ok(server.port > 0);
    });

    it('accepts a Bearer key and an x-api-key key', async () => {
      assert.equal((await send('/chat/completions', chat())).status, 200);
      assert.equal((await send('/chat/completions', chat(), { 'x-api-key': KEY })).status, 200);
      assert.equal((await send('/messages', messages(), { 'x-api-key': KEY })).status, 200);
    });

    it('answers 401 "Invalid token" (a JSON string) for a missing or invalid key, the envelope on /messages', async () => {
      const missing = await send('/chat/completions', chat(), {});
      assert.equal(missing.status, 401);
      assert.equal(missing.text, '"Invalid token"');
      assert.equal((await send('/chat/completions', chat(), { authorization: 'Bearer sk-invalid-123' })).status, 401);
      assert.equal((await send('/chat/completions', chat(), { authorization: 'Bearer not-a-key' })).status, 401);
      const anthropic = await send('/messages', messages(), { 'x-api-key': 'sk-invalid' });
      assert.equal(anthropic.status, 401);
      assert.deepEqual(JSON.parse(anthropic.text), { type: 'error', error: { type: 'authentication_error', message: 'Invalid token' } });
    });

    it('accepts only the configured keys when apiKeys is given', async () => {
      const strict = await startMockServer({ apiKeys: ['sk-only-this'] });
      try {
        const call = (key: string) =>
          fetch(`${strict.baseUrl}/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: JSON.stringify(chat()) });
        assert.equal((await call('sk-only-this')).status, 200);
        assert.equal((await call('sk-other')).status, 401);
      } finally {
        await strict.close();
      }
    });

    it('answers an unknown path with plain-text "404 page not found", and every response has a trace id', async () => {
      const res = await fetch(`http://127.0.0.1:${server.port}/chat/completions`, { method: 'POST', body: '{}' });
      assert.equal(res.status, 404);
      assert.equal(await res.text(), '404 page not found');
      assert.match(res.headers.get('x-siliconcloud-trace-id') ?? '', /^[0-9a-f]{32}$/);
      const ok = await send('/chat/completions', chat());
      assert.match(ok.headers.get('x-siliconcloud-trace-id') ?? '', /^[0-9a-f]{32}$/);
    });

    it('lists chat models for type=text&sub_type=chat and nothing for other types', async () => {
      const res = await fetch(`${server.baseUrl}/models?type=text&sub_type=chat`, { headers: { authorization: `Bearer ${KEY}` } });
      const body = (await res.json()) as { object: string; data: { id: string; object: string }[] };
      assert.equal(body.object, 'list');
      const ids = body.data.map((m) => m.id);
      assert.ok(ids.includes('deepseek-ai/DeepSeek-V3.2') && ids.includes(GLM) && ids.includes('Qwen/Qwen3-Coder-480B-A35B-Instruct'));
      const images = await fetch(`${server.baseUrl}/models?type=image`, { headers: { authorization: `Bearer ${KEY}` } });
      assert.deepEqual(((await images.json()) as { data: unknown[] }).data, []);
      assert.equal(server.requests.at(-2)?.url, '/v1/models?type=text&sub_type=chat');
    });
  });

  describe('validation', () => {
    it('answers an unknown model with 400 and the exact 20012 body', async () => {
      const res = await send('/chat/completions', chat({ model: 'deepseek-ai/DeepSeek-V9' }));
      assert.equal(res.status, 400);
      assert.equal(res.text, '{"code":20012,"message":"Model does not exist. Please check it carefully.","data":null}');
    });

    it('rejects enable_thinking on a model that does not support it with 20015 naming the parameter', async () => {
      const res = await send('/chat/completions', chat({ enable_thinking: true }));
      assert.equal(res.status, 400);
      const body = JSON.parse(res.text) as Json;
      assert.equal(body.code, 20015);
      assert.match(String(body.message), /enable_thinking/);
      assert.equal((await send('/chat/completions', chat({ model: 'deepseek-ai/DeepSeek-V3.2', enable_thinking: true }))).status, 200);
    });

    it('rejects missing fields and out-of-range values with 20015 naming the parameter', async () => {
      const cases: [Json, RegExp][] = [
        [{ model: OPENAI_MODEL }, /messages/],
        [chat({ messages: [] }), /messages/],
        [{ messages: [{ role: 'user', content: 'x' }] }, /model/],
        [chat({ temperature: 2.5 }), /temperature/],
        [chat({ top_k: 101 }), /top_k/],
        [chat({ thinking_budget: 0 }), /thinking_budget/],
        [chat({ stop: ['a', 'b', 'c', 'd', 'e'] }), /stop/],
        [chat({ n: 0 }), /`n`/],
        [chat({ tools: [{ type: 'function', function: { name: 'bad name!', parameters: {} } }] }), /tools\[0\]/],
        [chat({ tools: Array.from({ length: 129 }, (_, i) => ({ type: 'function', function: { name: `f${i}` } })) }), /128/],
      ];
      for (const [body, pattern] of cases) {
        const res = await send('/chat/completions', body);
        assert.equal(res.status, 400, JSON.stringify(body).slice(0, 80));
        const parsed = JSON.parse(res.text) as Json;
        assert.equal(parsed.code, 20015);
        assert.equal(parsed.data, null);
        assert.match(String(parsed.message), pattern);
      }
    });

    it('answers /messages validation errors in the Anthropic envelope; max_tokens is optional there', async () => {
      const res = await send('/messages', messages({ top_p: 0.05 }));
      assert.equal(res.status, 400);
      const body = JSON.parse(res.text) as { type: string; error: { type: string; message: string } };
      assert.equal(body.type, 'error');
      assert.equal(body.error.type, 'invalid_request_error');
      assert.match(body.error.message, /top_p/);
      const unknown = JSON.parse((await send('/messages', messages({ model: 'nope/nope' }))).text) as typeof body;
      assert.equal(unknown.error.message, 'Model does not exist. Please check it carefully.');
      assert.equal((await send('/messages', messages({ top_k: 51 }))).status, 400);
      assert.equal((await send('/messages', { model: GLM, messages: [{ role: 'user', content: 'hi' }] })).status, 200);
    });

    it('rejects a prompt longer than the context window with 20015', async () => {
      const res = await send('/chat/completions', chat({}, 'x'.repeat(4 * 33_000)));
      assert.equal(res.status, 400);
      assert.match(String((JSON.parse(res.text) as Json).message), /max_seq_len/);
    });
  });

  describe('default answers', () => {
    it('streams a markdown answer with a code block, role first, cumulative usage, finish then [DONE]', async () => {
      const res = await send('/chat/completions', chat({ stream: true }, 'How do I debounce input?'));
      assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
      const { content, finish, chunks, done } = assembleOpenAI(res.text);
      assert.equal(chunks[0]!.choices[0]!.delta.role, 'assistant');
      assert.match(content, /^## /m);
      assert.match(content, /```\w+\n[\s\S]+\n```/);
      assert.equal(finish, 'stop');
      assert.ok(done);
      const completion = chunks.map((c) => c.usage.completion_tokens);
      assert.deepEqual(completion, [...completion].sort((a, b) => a - b), 'usage is cumulative, never decreasing');
      const last = chunks.at(-1)!.usage;
      assert.ok(last.completion_tokens > 20);
      assert.equal(last.total_tokens, last.prompt_tokens + last.completion_tokens);
      assert.ok(chunks.slice(0, -1).every((c) => c.choices[0]!.finish_reason === null));
    });

    it('is deterministic: the same prompt gives the same answer', async () => {
      const a = assembleOpenAI((await send('/chat/completions', chat({ stream: true }, 'same'))).text).content;
      const b = assembleOpenAI((await send('/chat/completions', chat({ stream: true }, 'same'))).text).content;
      assert.equal(a, b);
    });

    it('streams reasoning first for reasoning models and with enable_thinking, in Chinese for a Chinese prompt', async () => {
      const r1 = assembleOpenAI((await send('/chat/completions', chat({ stream: true, model: 'deepseek-ai/DeepSeek-R1' }, '你好，介绍一下快速排序'))).text);
      assert.ok(r1.reasoning.length > 20);
      assert.match(r1.content, /[\u4e00-\u9fff]/);
      assert.match(r1.reasoning, /[\u4e00-\u9fff]/);
      const hybrid = assembleOpenAI((await send('/chat/completions', chat({ stream: true, model: GLM, enable_thinking: true }))).text);
      assert.ok(hybrid.reasoning.length > 0);
      const plain = assembleOpenAI((await send('/chat/completions', chat({ stream: true, model: GLM }))).text);
      assert.equal(plain.reasoning, '');
    });

    it('answers a prompt with a fenced block with the same language and a visibly changed, still complete copy', async () => {
      const code = 'def add(a, b):\n    return a + b';
      const res = await send('/chat/completions', chat({}, `Refactor this:\n\n\`\`\`python\n${code}\n\`\`\``));
      const content = String(((JSON.parse(res.text) as { choices: { message: Json }[] }).choices[0]!.message.content));
      const block = /```python\n([\s\S]*?)\n```/.exec(content);
      assert.ok(block, content);
      assert.notEqual(block[1], code);
      assert.ok(block[1]!.startsWith('# '), 'a Python comment on top');
      assert.ok(block[1]!.endsWith(code), 'the original code is kept');
      assert.equal(content.match(/```/g)?.length, 2, 'exactly one code block in the answer');
    });

    it('answers an editor command ("Reply with ONLY …") with just the block, the comment indented like the selection', async () => {
      const code = '    def add(self, a, b):\n        return a + b';
      const prompt = `Selected code:\n\n\`\`\`\`python\n${code}\n\`\`\`\`\n\nReply with ONLY the replacement for the selected code, in exactly one fenced code block tagged \`python\`.`;
      const res = await send('/chat/completions', chat({}, prompt));
      const content = String((JSON.parse(res.text) as { choices: { message: Json }[] }).choices[0]!.message.content);
      assert.equal(content, `\`\`\`python\n    # Reviewed by the SiliconFlow mock server: behaviour unchanged\n${code}\n\`\`\``);
    });

    it('streams thinking (with signature) then text on /messages, ending with message_stop and [DONE]', async () => {
      const res = await send('/messages', messages({ stream: true, thinking: { type: 'enabled', budget_tokens: 1024 } }));
      const types = anthropicTypes(res.text);
      assert.equal(types[0], 'message_start');
      assert.ok(types.includes('ping'));
      assert.deepEqual(types.slice(-3), ['message_delta', 'message_stop', '[DONE]']);
      assert.ok(anthropicText(res.text, 'thinking_delta').length > 0);
      assert.match(anthropicText(res.text, 'text_delta'), /```/);
      const events = jsonEvents(parseSse(res.text));
      assert.ok(events.some((e) => (e.delta as Json | undefined)?.type === 'signature_delta'));
      const delta = events.find((e) => e.type === 'message_delta')!;
      assert.equal((delta.delta as Json).stop_reason, 'end_turn');
      assert.ok(((delta.usage as Json).output_tokens as number) > 0);
      assert.match(res.text, /^event: message_start$/m);
    });

    it('answers stream:false with a chat.completion and an Anthropic message', async () => {
      const completion = JSON.parse((await send('/chat/completions', chat({ model: 'deepseek-ai/DeepSeek-R1' }))).text) as Json;
      assert.equal(completion.object, 'chat.completion');
      const message = (completion.choices as { message: Json }[])[0]!.message;
      assert.ok(String(message.reasoning_content).length > 0 && String(message.content).length > 0);
      const anthropic = JSON.parse((await send('/messages', messages())).text) as { type: string; content: { type: string }[]; stop_reason: string };
      assert.equal(anthropic.type, 'message');
      assert.equal(anthropic.content[0]!.type, 'text');
      assert.equal(anthropic.stop_reason, 'end_turn');
    });
  });

  describe('scripts', () => {
    it('streams OpenAI tool calls: id, type and name on the first delta, argument fragments after', async () => {
      server.enqueue({ script: { toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"location":"杭州"}' }] } });
      const { chunks, finish } = assembleOpenAI((await send('/chat/completions', chat({ stream: true }))).text);
      const deltas = chunks.flatMap((c) => c.choices[0]!.delta.tool_calls ?? []) as { index: number; id?: string; type?: string; function: { name?: string; arguments: string } }[];
      assert.equal(deltas[0]!.id, 'call_1');
      assert.equal(deltas[0]!.type, 'function');
      assert.equal(deltas[0]!.function.name, 'get_weather');
      assert.ok(deltas.length > 2);
      assert.ok(deltas.slice(1).every((d) => d.id === undefined && d.type === undefined && d.function.name === undefined));
      assert.equal(deltas.map((d) => d.function.arguments).join(''), '{"location":"杭州"}');
      assert.equal(finish, 'tool_calls');
    });

    it('streams Anthropic tool_use blocks with input_json_delta, the first fragment ""', async () => {
      server.enqueue({ script: { text: 'Checking.', toolCalls: [{ name: 'get_weather', arguments: '{"location":"SF"}' }] } });
      const events = jsonEvents(parseSse((await send('/messages', messages({ stream: true }))).text));
      const start = events.find((e) => e.type === 'content_block_start' && (e.content_block as Json).type === 'tool_use')!;
      assert.equal((start.content_block as Json).name, 'get_weather');
      assert.match(String((start.content_block as Json).id), /^[0-9a-f]{32}$/);
      const fragments = events.filter((e) => (e.delta as Json | undefined)?.type === 'input_json_delta').map((e) => String((e.delta as Json).partial_json));
      assert.equal(fragments[0], '');
      assert.equal(fragments.join(''), '{"location":"SF"}');
      assert.equal((events.find((e) => e.type === 'message_delta')!.delta as Json).stop_reason, 'tool_use');
    });

    it('uses scripted usage, model and finish reason, applies entries in order and honours times and path', async () => {
      server.enqueue(
        { script: { text: 'first', usage: { inputTokens: 7, outputTokens: 3 }, model: 'echo/model', finishReason: 'length' }, times: 2 },
        { script: { text: 'models-only' }, path: '/v1/models', fault: { kind: 'status', status: 503 } },
        { script: { text: 'second' } },
      );
      const one = assembleOpenAI((await send('/chat/completions', chat({ stream: true }))).text);
      assert.equal(one.content, 'first');
      assert.equal(one.finish, 'length');
      assert.deepEqual(one.chunks.at(-1)!.usage, { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 });
      assert.equal((JSON.parse((await send('/messages', messages())).text) as { stop_reason: string }).stop_reason, 'max_tokens');
      assert.equal(assembleOpenAI((await send('/chat/completions', chat({ stream: true }))).text).content, 'second');
      const models = await fetch(`${server.baseUrl}/models`, { headers: { authorization: `Bearer ${KEY}` } });
      assert.equal(models.status, 503);
      assert.match(assembleOpenAI((await send('/chat/completions', chat({ stream: true }))).text).content, /## Answer/);
    });
  });

  describe('faults', () => {
    const statusCases: [Scripted['fault'], number, string][] = [
      [{ kind: 'status', status: 400 }, 400, '{"code":20012,"message":"Model does not exist. Please check it carefully.","data":null}'],
      [{ kind: 'status', status: 401 }, 401, '"Invalid token"'],
      [{ kind: 'status', status: 403 }, 403, '{"code":30001,"message":"Sorry, your account balance is insufficient","data":null}'],
      [{ kind: 'status', status: 404 }, 404, '404 page not found'],
      [
        { kind: 'status', status: 429 },
        429,
        '{"message":"Request was rejected due to rate limiting. If you want more, please contact contact@siliconflow.cn. Details:TPM limit reached.","data":null}',
      ],
      [{ kind: 'status', status: 503 }, 503, '{"code":50505,"message":"Model service overloaded. Please try again later."}'],
      [{ kind: 'status', status: 504 }, 504, '"Gateway Timeout"'],
    ];
    for (const [fault, status, body] of statusCases) {
      it(`answers a scripted ${status} with the real body`, async () => {
        server.enqueue({ fault });
        const res = await send('/chat/completions', chat({ stream: true }));
        assert.equal(res.status, status);
        assert.equal(res.text, body);
        assert.ok(res.headers.get('x-siliconcloud-trace-id'));
      });
    }

    it('picks the 403 variant by code, takes a body override (an HTML proxy page) and uses the envelope on /messages', async () => {
      server.enqueue(
        { fault: { kind: 'status', status: 403, code: 30011 } },
        { fault: { kind: 'status', status: 502, body: '<html><body>Bad gateway</body></html>', contentType: 'text/html' } },
        { fault: { kind: 'status', status: 429 } },
      );
      assert.match((await send('/chat/completions', chat())).text, /real-name/);
      const html = await send('/chat/completions', chat());
      assert.equal(html.status, 502);
      assert.equal(html.headers.get('content-type'), 'text/html');
      assert.equal(html.text, '<html><body>Bad gateway</body></html>');
      const limited = await send('/messages', messages());
      assert.equal(limited.status, 429);
      assert.equal((JSON.parse(limited.text) as { error: { type: string } }).error.type, 'rate_limit_error');
    });

    it('injects a mid-stream error in each of the three shapes after some text', async () => {
      const expectations: [string, (e: EventSourceMessage) => boolean][] = [
        ['anthropic', (e) => e.event === 'error' && (JSON.parse(e.data) as Json).type === 'error'],
        ['openai', (e) => (JSON.parse(e.data) as Json).error !== undefined],
        ['native', (e) => (JSON.parse(e.data) as Json).code === 50505],
      ];
      for (const [shape, isError] of expectations) {
        server.enqueue({ fault: { kind: 'midstream', shape: shape as 'anthropic', afterEvents: 3 } });
        const events = parseSse((await send('/chat/completions', chat({ stream: true }))).text);
        assert.equal(events.length, 4, shape);
        assert.ok(isError(events[3]!), shape);
        assert.ok(!events.some((e) => e.data === '[DONE]'));
      }
    });

    it('resets the connection mid-stream: the client gets the first events, then a network error', async () => {
      server.enqueue({ fault: { kind: 'reset', afterEvents: 2 } });
      const res = await post('/chat/completions', chat({ stream: true }));
      assert.equal(res.status, 200);
      const reader = res.body!.getReader();
      let received = '';
      await assert.rejects(async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          received += Buffer.from(value).toString('utf8');
        }
      });
      assert.equal(parseSse(received).length, 2);
      assert.equal(server.requests[0]!.clientClosed, false, 'a reset by the server is not a client close');
    });

    it('truncates: ends the body without a finish reason and without [DONE]', async () => {
      server.enqueue({ fault: { kind: 'truncate', afterEvents: 1000 } });
      const { finish, done, content } = assembleOpenAI((await send('/chat/completions', chat({ stream: true }))).text);
      assert.equal(finish, null);
      assert.equal(done, false);
      assert.ok(content.length > 0, 'everything but the ending was sent');
    });

    it('no-done: keeps the finish reason and message_stop, drops only [DONE]', async () => {
      server.enqueue({ fault: { kind: 'no-done' } }, { fault: { kind: 'no-done' } });
      const openai = assembleOpenAI((await send('/chat/completions', chat({ stream: true }))).text);
      assert.equal(openai.finish, 'stop');
      assert.equal(openai.done, false);
      assert.deepEqual(anthropicTypes((await send('/messages', messages({ stream: true }))).text).slice(-2), ['message_delta', 'message_stop']);
    });

    it('stalls for the given time, sending keep-alive comments when asked, then finishes', async () => {
      server.enqueue({ fault: { kind: 'stall', afterEvents: 1, ms: 300 }, shape: { comments: true, keepAliveMs: 50 } });
      const started = Date.now();
      const text = (await send('/chat/completions', chat({ stream: true }))).text;
      assert.ok(Date.now() - started >= 280);
      assert.ok((text.match(/^: keep-alive$/gm) ?? []).length >= 4);
      assert.ok(assembleOpenAI(text).done);
    });

    it('records a client that closes during an endless stall', async () => {
      server.enqueue({ fault: { kind: 'stall', afterEvents: 2 } });
      const controller = new AbortController();
      const res = await post('/chat/completions', chat({ stream: true }), undefined, controller.signal);
      const reader = res.body!.getReader();
      await reader.read();
      controller.abort();
      await server.waitForClientClose(0, 2000);
      assert.equal(server.requests[0]!.clientClosed, true);
    });

    it('does not report a close for a response that ended normally', async () => {
      await send('/chat/completions', chat({ stream: true }));
      await assert.rejects(server.waitForClientClose(0, 200));
      assert.equal(server.requests[0]!.clientClosed, false);
    });
  });

  describe('stream shapes', () => {
    const script = { reasoning: '思考一下', text: 'Hello, 世界! ```ts\nconst x = 1;\n```' };

    it('random chunking is deterministic per seed and keeps the bytes', () => {
      const whole = Buffer.concat(renderStream('openai', script));
      const a = renderStream('openai', script, { chunking: 'random', seed: 7 });
      const b = renderStream('openai', script, { chunking: 'random', seed: 7 });
      const c = renderStream('openai', script, { chunking: 'random', seed: 8 });
      assert.deepEqual(a.map((x) => x.length), b.map((x) => x.length));
      assert.notDeepEqual(a.map((x) => x.length), c.map((x) => x.length));
      assert.ok(Buffer.concat(a).equals(whole));
      assert.ok(a.length > 10);
      assert.ok(renderStream('anthropic', script, { chunking: 'byte' }).every((x) => x.length === 1));
      assert.ok(renderStream('anthropic', script, { chunking: 5 }).slice(0, -1).every((x) => x.length === 5));
    });

    it('writes CRLF or CR line endings, a BOM, comments, and no event lines when told', async () => {
      server.enqueue(
        { shape: { lineEnding: 'crlf', bom: true, comments: true } },
        { shape: { lineEnding: 'cr' } },
        { shape: { eventLines: false } },
      );
      const sent = await send('/chat/completions', chat({ stream: true }));
      assert.ok(sent.raw.subarray(0, 7).equals(Buffer.from([0xef, 0xbb, 0xbf, 13, 10, 13, 10])), 'BOM then blank lines');
      const crlf = sent.text;
      assert.ok(crlf.includes(': keep-alive\r\n\r\ndata: '));
      assert.ok(!/[^\r]\n/.test(crlf));
      assert.ok(assembleOpenAI(crlf).done, 'crlf parses to the end');
      const cr = (await send('/chat/completions', chat({ stream: true }))).text;
      assert.ok(!cr.includes('\n') && cr.includes('\r\r'), 'cr only');
      assert.ok(assembleOpenAI(cr).done, 'cr parses to the end');
      const bare = (await send('/messages', messages({ stream: true }))).text;
      assert.ok(!bare.includes('event:'));
      assert.equal(anthropicTypes(bare)[0], 'message_start');
    });

    it('delays between writes and before the headers', async () => {
      server.enqueue({ script: { text: 'abcdefgh' }, shape: { delayMs: 40, headerDelayMs: 100, piece: 4 } });
      const started = Date.now();
      const res = await post('/chat/completions', chat({ stream: true }));
      assert.ok(Date.now() - started >= 90, 'headers came late');
      const bodyStarted = Date.now();
      await res.text();
      // 5 events (role, 2 pieces, finish, [DONE]): 4 gaps of 40 ms.
      assert.ok(Date.now() - bodyStarted >= 140);
    });
  });

  describe('cross-process control', () => {
    it('obeys [[mock:…]] directives in the last user message', async () => {
      assert.equal((await send('/chat/completions', chat({ stream: true }, 'hi [[mock:status=429]]'))).status, 429);
      const think = assembleOpenAI((await send('/chat/completions', chat({ stream: true }, 'hi [[mock:think]]'))).text);
      assert.ok(think.reasoning.length > 0);
      assert.ok(!think.content.includes('[[mock'), 'the directive is not echoed');
      const long = assembleOpenAI((await send('/chat/completions', chat({ stream: true }, '[[mock:long]] [[mock:delay=0]]'))).text);
      assert.ok(long.content.length > 38_000);
      assert.ok((long.content.match(/```/g) ?? []).length > 40);
      assert.match(long.content, /[\u4e00-\u9fff]/);
      const written = 'Thought first.</think>\n\n$$\\sqrt{x}$$\n\n```markdown\n# Doc\n```bash\nmake\n```\n```';
      const echo = assembleOpenAI((await send('/chat/completions', chat({ stream: true }, `[[mock:echo]]\n${written}`))).text);
      assert.equal(echo.content, written, 'echo answers with the message as written');
      const truncated = assembleOpenAI((await send('/chat/completions', chat({ stream: true }, '[[mock:truncate]]'))).text);
      assert.equal(truncated.done, false);
      const mid = parseSse((await send('/messages', messages({ stream: true }, '[[mock:midstream=anthropic]]'))).text);
      assert.equal(mid.at(-1)!.event, 'error');
    });

    it('takes scripts over HTTP and reports requests with the key redacted', async () => {
      const enqueue = await fetch(`http://127.0.0.1:${server.port}/__mock/enqueue`, {
        method: 'POST',
        body: JSON.stringify([{ script: { text: 'from afar' } }, { fault: { kind: 'status', status: 503 } }]),
      });
      assert.deepEqual(await enqueue.json(), { queued: 2 });
      assert.equal(assembleOpenAI((await send('/chat/completions', chat({ stream: true }))).text).content, 'from afar');
      assert.equal((await send('/chat/completions', chat(), { 'x-api-key': KEY })).status, 503);
      const listed = (await (await fetch(`http://127.0.0.1:${server.port}/__mock/requests`)).json()) as { path: string; headers: Json; body: Json }[];
      assert.equal(listed.length, 2);
      assert.equal(listed[0]!.path, '/v1/chat/completions');
      assert.equal(listed[0]!.headers.authorization, '[redacted]');
      assert.equal(listed[1]!.headers['x-api-key'], '[redacted]');
      assert.ok(!JSON.stringify(listed).includes(KEY));
      assert.equal(listed[0]!.body.model, OPENAI_MODEL);
      await fetch(`http://127.0.0.1:${server.port}/__mock/reset`, { method: 'POST' });
      assert.equal(server.requests.length, 0);
    });
  });
});
