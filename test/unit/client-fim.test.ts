// streamFim over real sockets against the mock: both documented FIM forms, the wire body, the
// model that refuses FIM, and the same error kinds, retries, abort, idle timeout and proxy as the
// chat stream (it is the same request path).
import * as assert from 'node:assert/strict';
import { isFimRefusal, streamFim, type FimRequest, type StreamEvent } from '../../src/client';
import { startRecordingProxy, withFimNoise } from '../mock-server';
import { ProxyAgent } from 'undici';
import { SECRET_KEY, collect, fast, useMockServer } from './client-harness';

const CODER = 'Qwen/Qwen2.5-Coder-7B-Instruct';
const CHAT_ONLY = 'test/chat-fim-only';

describe('client: streamFim (fill-in-the-middle)', () => {
  const mock = useMockServer({ chatFimOnlyModels: [CHAT_ONLY], extraModels: [CHAT_ONLY] });

  const fim = (overrides: Partial<FimRequest> = {}): FimRequest => ({
    baseUrl: mock.server.baseUrl,
    apiKey: SECRET_KEY,
    model: CODER,
    prompt: 'function add(a, b) {\n  return ',
    suffix: '\n}\n',
    ...overrides,
  });

  it('streams the middle from POST /completions with prompt, suffix, max_tokens, stop and stream: true', async () => {
    mock.server.enqueue({ path: '/v1/completions', script: { text: 'a + b;' }, shape: { piece: 1 } });
    const r = await collect(streamFim(fim({ maxTokens: 64, temperature: 0.2, stop: ['\n\n', 'a', 'b', 'c', 'd'] }), fast));
    assert.equal(r.error, undefined);
    assert.equal(r.text, 'a + b;');
    assert.equal(r.finishReason, 'stop');
    assert.equal(r.usages.length, 1);
    assert.ok(r.usages[0]!.inputTokens > 0 && r.usages[0]!.outputTokens > 0);
    const sent = mock.server.requests[0]!;
    assert.equal(sent.path, '/v1/completions');
    assert.deepEqual(sent.body, {
      model: CODER,
      prompt: 'function add(a, b) {\n  return ',
      suffix: '\n}\n',
      max_tokens: 64,
      temperature: 0.2,
      stop: ['\n\n', 'a', 'b', 'c'],
      stream: true,
    });
    assert.equal(sent.headers.authorization, `Bearer ${SECRET_KEY}`);
  });

  it('yields only text, usage and done, in that order, with done last', async () => {
    mock.server.enqueue({ path: '/v1/completions', script: { text: 'x'.repeat(40) } });
    const r = await collect(streamFim(fim(), fast));
    const types = r.events.map((e: StreamEvent) => e.type);
    assert.deepEqual([...new Set(types)], ['text', 'usage', 'done']);
    assert.equal(types[types.length - 1], 'done');
  });

  it('the chat form sends prefix / suffix next to messages and returns only the text (no reasoning)', async () => {
    mock.server.enqueue({ path: '/v1/chat/completions', script: { text: 'a + b;', reasoning: 'thinking aloud' } });
    const r = await collect(streamFim(fim({ model: CHAT_ONLY, endpoint: 'chat' }), fast));
    assert.equal(r.error, undefined);
    assert.equal(r.text, 'a + b;');
    assert.equal(r.reasoning, '');
    const body = mock.server.requests[0]!.body as Record<string, unknown>;
    assert.equal(mock.server.requests[0]!.path, '/v1/chat/completions');
    assert.equal(body.prefix, 'function add(a, b) {\n  return ');
    assert.equal(body.suffix, '\n}\n');
    assert.equal(body.stream, true);
    assert.ok(Array.isArray(body.messages) && body.messages.length === 1);
  });

  it('a model that only takes the chat form is refused on /completions (400, isFimRefusal) and answers on the chat form', async () => {
    const refused = await collect(streamFim(fim({ model: CHAT_ONLY }), fast));
    assert.equal(refused.error?.kind, 'bad_request');
    assert.equal(isFimRefusal(refused.error), true);
    assert.equal(mock.server.requests.length, 1, 'a refusal is not retried');
    const ok = await collect(streamFim(fim({ model: CHAT_ONLY, endpoint: 'chat' }), fast));
    assert.equal(ok.error, undefined);
    assert.ok(ok.text.length > 0);
  });

  it('a model that does not do FIM at all is refused in both forms, and the message names the model without the key', async () => {
    for (const endpoint of ['completions', 'chat'] as const) {
      const r = await collect(streamFim(fim({ model: 'Qwen/Qwen2.5-7B-Instruct', endpoint }), fast));
      assert.equal(r.error?.kind, 'bad_request', endpoint);
      assert.equal(isFimRefusal(r.error), true, endpoint);
      assert.match(r.error!.message, /Qwen\/Qwen2\.5-7B-Instruct/);
      assert.ok(!r.error!.message.includes(SECRET_KEY));
    }
  });

  it('an unknown model is "does not exist", not a FIM refusal', async () => {
    const r = await collect(streamFim(fim({ model: 'nobody/NoSuchModel' }), fast));
    assert.equal(r.error?.kind, 'bad_request');
    assert.equal(r.error?.code, 20012);
    assert.equal(isFimRefusal(r.error), false);
  });

  it('max_tokens above the FIM cap is a 400 naming the parameter', async () => {
    const r = await collect(streamFim(fim({ maxTokens: 100_000 }), fast));
    assert.equal(r.error?.kind, 'bad_request');
    assert.match(r.error!.message, /max_tokens/);
  });

  it('same error kinds as the chat stream: 401 auth, 429 retried then rate_limit', async () => {
    const auth = await collect(streamFim(fim({ apiKey: 'sk-invalid-key-for-test' }), fast));
    assert.equal(auth.error?.kind, 'auth');
    mock.server.reset();
    mock.server.enqueue({ path: '/v1/completions', fault: { kind: 'status', status: 429 }, times: 3 });
    const limited = await collect(streamFim(fim(), { ...fast, maxRetries: 2 }));
    assert.equal(limited.error?.kind, 'rate_limit');
    assert.equal(mock.server.requests.length, 3, 'one try and two retries');
  });

  it('a 503 before the first token is retried and the retry answers', async () => {
    mock.server.enqueue({ path: '/v1/completions', fault: { kind: 'status', status: 503 } }, { path: '/v1/completions', script: { text: 'ok' } });
    const r = await collect(streamFim(fim(), fast));
    assert.equal(r.text, 'ok');
    assert.equal(mock.server.requests.length, 2);
  });

  it('an error inside the stream is thrown after the text already received', async () => {
    mock.server.enqueue({ path: '/v1/completions', script: { text: 'abcdefghijklmnopqrstuvwxyz' }, fault: { kind: 'midstream', shape: 'native', afterEvents: 2 } });
    const r = await collect(streamFim(fim(), fast));
    assert.equal(r.text, 'abcdefgh');
    assert.equal(r.error?.kind, 'overloaded');
  });

  it('a stream cut before its end is "truncated", not a complete answer', async () => {
    mock.server.enqueue({ path: '/v1/completions', script: { text: 'abcdefghijkl' }, fault: { kind: 'truncate', afterEvents: 2 } });
    const r = await collect(streamFim(fim(), fast));
    assert.equal(r.error?.kind, 'truncated');
  });

  it('aborting mid-answer throws "cancelled" and the server sees the connection close', async () => {
    mock.server.enqueue({ path: '/v1/completions', script: { text: 'x'.repeat(200) }, fault: { kind: 'stall', afterEvents: 3 } });
    const controller = new AbortController();
    const seen: string[] = [];
    let caught: unknown;
    try {
      for await (const e of streamFim(fim(), { signal: controller.signal })) {
        if (e.type === 'text') seen.push(e.text);
        if (seen.length === 1) controller.abort();
      }
    } catch (err) {
      caught = err;
    }
    assert.equal((caught as { kind?: string }).kind, 'cancelled');
    await mock.server.waitForClientClose(0, 2000);
  });

  it('stopping the iteration after the first line closes the connection (single-line completions)', async () => {
    mock.server.enqueue({ path: '/v1/completions', script: { text: 'first line\nsecond line\nthird' }, fault: { kind: 'stall', afterEvents: 4 } });
    let text = '';
    for await (const e of streamFim(fim())) {
      if (e.type === 'text') text += e.text;
      if (text.includes('\n')) break;
    }
    assert.ok(text.startsWith('first line\n'));
    await mock.server.waitForClientClose(0, 2000);
  });

  it('idle timeout: a server that stops sending fails with "timeout"', async () => {
    mock.server.enqueue({ path: '/v1/completions', script: { text: 'abcdefgh' }, fault: { kind: 'stall', afterEvents: 1 } });
    const r = await collect(streamFim(fim({ timeoutMs: 200 }), fast));
    assert.equal(r.error?.kind, 'timeout');
  });

  it('goes through an HTTP proxy given as the dispatcher, like the chat stream', async () => {
    const proxy = await startRecordingProxy();
    try {
      mock.server.enqueue({ path: '/v1/completions', script: { text: 'via proxy' } });
      const r = await collect(streamFim(fim(), { ...fast, dispatcher: new ProxyAgent(proxy.url) }));
      assert.equal(r.text, 'via proxy');
      assert.ok(proxy.seen.some((line) => line.includes(`127.0.0.1:${mock.server.port}`)));
    } finally {
      await proxy.close();
    }
  });

  it('the default answer follows a `mock-fim:` marker and scripted noise reaches the client unchanged', async () => {
    const prompt = '// mock-fim: a + b;\nfunction add(a, b) {\n  return ';
    const r = await collect(streamFim(fim({ prompt }), fast));
    assert.equal(r.text, 'a + b;');
    const noisy = withFimNoise('a + b;', '\n}\n', ['suffix-repeat', 'stray-newlines']);
    mock.server.enqueue({ path: '/v1/completions', script: { text: noisy } });
    const n = await collect(streamFim(fim(), fast));
    assert.equal(n.text, noisy);
  });
});
