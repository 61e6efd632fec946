// GET /user/info (the balance) and the cached prompt tokens in `usage`, against the mock server
// over real sockets.
import * as assert from 'node:assert/strict';
import { getUserInfo, listModels } from '../../src/client';
import { SECRET_KEY, chatRequest, collect, fast, useMockServer } from './client-harness';
import { streamChat } from '../../src/client';

describe('client: account (GET /user/info)', () => {
  const mock = useMockServer({ account: { balance: '1.50', chargeBalance: '20.25' } });
  const info = (opts = fast) => getUserInfo({ baseUrl: mock.server.baseUrl, apiKey: SECRET_KEY }, opts);

  it('returns the amounts as numbers, asking with the Bearer key', async () => {
    assert.deepEqual(await info(), { balance: 1.5, chargeBalance: 20.25, totalBalance: 21.75 });
    const req = mock.server.requests[0]!;
    assert.equal(req.method, 'GET');
    assert.equal(req.url, '/v1/user/info');
    assert.equal(req.headers.authorization, `Bearer ${SECRET_KEY}`);
  });

  it('takes the total the service reports, even when it is not the sum of the parts', async () => {
    mock.server.enqueue({ path: '/v1/user/info', account: { balance: '0', chargeBalance: '0', totalBalance: '12.34' } });
    assert.equal((await info()).totalBalance, 12.34);
  });

  for (const [status, kind] of [[401, 'auth'], [404, 'not_found'], [410, 'server']] as const) {
    it(`${status} rejects with kind "${kind}" and no key in the message`, async () => {
      mock.server.enqueue({ path: '/v1/user/info', fault: { kind: 'status', status } });
      const err = await info().then(() => undefined, (e: unknown) => e as Error & { kind: string });
      assert.equal(err?.kind, kind);
      assert.doesNotMatch(err!.message, new RegExp(SECRET_KEY));
    });
  }

  it('a body that is not JSON (a proxy page) is a protocol error', async () => {
    mock.server.enqueue({ path: '/v1/user/info', fault: { kind: 'status', status: 200, body: '<html>login</html>', contentType: 'text/html' } });
    await assert.rejects(info(), { kind: 'protocol' });
  });

  it('an envelope that says it failed, or carries no amount, is a protocol error', async () => {
    mock.server.enqueue({ path: '/v1/user/info', fault: { kind: 'status', status: 200, body: '{"code":30001,"status":false,"message":"no","data":{"balance":"0","chargeBalance":"0","totalBalance":"0"}}', contentType: 'application/json' } });
    await assert.rejects(info(), { kind: 'protocol' });
    mock.server.enqueue({ path: '/v1/user/info', fault: { kind: 'status', status: 200, body: '{"code":20000,"status":true,"data":{"balance":"abc"}}', contentType: 'application/json' } });
    await assert.rejects(info(), { kind: 'protocol' });
  });

  it('retries a 503 like the model list does, and honours an aborted signal', async () => {
    mock.server.enqueue({ path: '/v1/user/info', fault: { kind: 'status', status: 503 } });
    assert.equal((await info()).totalBalance, 21.75);
    assert.equal(mock.server.requests.length, 2);
    await assert.rejects(getUserInfo({ baseUrl: mock.server.baseUrl, apiKey: SECRET_KEY, signal: AbortSignal.abort() }), { kind: 'cancelled' });
  });

  it('the model list still goes through the same GET path', async () => {
    assert.ok((await listModels({ baseUrl: mock.server.baseUrl, apiKey: SECRET_KEY })).length > 0);
  });
});

describe('client: cached prompt tokens in usage', () => {
  const mock = useMockServer();
  const usageOf = async (protocol: 'openai' | 'anthropic', cacheField?: 'openai' | 'deepseek', cached?: number) => {
    mock.server.enqueue({ script: { text: 'ok', usage: { inputTokens: 1000, outputTokens: 10, cachedInputTokens: cached, cacheField } } });
    const r = await collect(streamChat(chatRequest(mock.server, { protocol }), fast));
    assert.equal(r.error, undefined);
    return r.usages[0]!;
  };

  it('openai: prompt_tokens_details.cached_tokens becomes cachedInputTokens (a part of inputTokens)', async () => {
    assert.deepEqual(await usageOf('openai', 'openai', 600), { type: 'usage', inputTokens: 1000, outputTokens: 10, cachedInputTokens: 600 });
  });

  it("openai: DeepSeek's prompt_cache_hit_tokens is read the same way", async () => {
    assert.deepEqual(await usageOf('openai', 'deepseek', 250), { type: 'usage', inputTokens: 1000, outputTokens: 10, cachedInputTokens: 250 });
  });

  it('anthropic: cache_read_input_tokens is added back into inputTokens and reported as cached', async () => {
    assert.deepEqual(await usageOf('anthropic', undefined, 400), { type: 'usage', inputTokens: 1000, outputTokens: 10, cachedInputTokens: 400 });
  });

  it('no cache figures: no cachedInputTokens field at all', async () => {
    assert.deepEqual(await usageOf('openai'), { type: 'usage', inputTokens: 1000, outputTokens: 10 });
    assert.deepEqual(await usageOf('anthropic'), { type: 'usage', inputTokens: 1000, outputTokens: 10 });
  });
});
