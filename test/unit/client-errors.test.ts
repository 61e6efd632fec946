// Every error row of docs/wire.md §3, from the mock server's real bodies, becomes a SiliconFlowError
// with the right kind, a message a user can act on, the trace id, and never the API key.
import * as assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { SiliconFlowError, listModels, type ChatRequest, type Protocol } from '../../src/client';
import { errorFromResponse } from '../../src/client/errors';
import type { Fault } from '../mock-server';
import { SECRET_KEY, chatRequest, collect, useMockServer, type Collected } from './client-harness';
import { streamChat } from '../../src/client';

describe('client: errors (docs/wire.md §3)', () => {
  const mock = useMockServer();

  async function fail(protocol: Protocol, overrides: Partial<ChatRequest>, fault?: Fault): Promise<{ r: Collected; error: SiliconFlowError; traceId?: string }> {
    if (fault) mock.server.enqueue({ fault });
    let traceId: string | undefined;
    const r = await collect(
      streamChat(chatRequest(mock.server, { protocol, ...overrides }), { maxRetries: 0, onResponse: (i) => (traceId = i.traceId) }),
    );
    assert.ok(r.error, 'the request failed');
    assert.equal(r.events.length, 0, 'nothing was yielded');
    // Common to every row: the trace id is kept, the key never shown.
    assert.ok(traceId, 'the mock sent a trace id');
    assert.equal(r.error.traceId, traceId);
    assert.ok(r.error.message.includes(`(trace id: ${traceId})`), r.error.message);
    assert.ok(!r.error.message.includes(SECRET_KEY), 'the key is not in the message');
    return { r, error: r.error, traceId };
  }

  for (const protocol of ['openai', 'anthropic'] as const) {
    describe(protocol, () => {
      it('400 / 20012: an unknown model is named', async () => {
        const { error } = await fail(protocol, { model: 'nobody/No-Such-Model' });
        assert.equal(error.kind, 'bad_request');
        assert.equal(error.status, 400);
        assert.equal(error.retryable, false);
        assert.match(error.message, /"nobody\/No-Such-Model" does not exist/);
      });

      it('400 / 20015: a parameter the model does not support is named', async () => {
        const { error } = await fail(protocol, { model: 'Qwen/Qwen2.5-7B-Instruct', enableThinking: true });
        assert.equal(error.kind, 'bad_request');
        assert.match(error.message, /rejected the parameter "enable_thinking"/);
        assert.match(error.message, /Qwen\/Qwen2\.5-7B-Instruct/);
      });

      it('400 / 20015: a prompt longer than the context window says so', async () => {
        const { error } = await fail(protocol, { model: 'Qwen/Qwen2.5-7B-Instruct', messages: [{ role: 'user', content: 'word '.repeat(40_000) }] });
        assert.equal(error.kind, 'bad_request');
        assert.match(error.message, /prompt is too long for the context window of "Qwen\/Qwen2\.5-7B-Instruct"/);
      });

      it('400 / 20015 with no parameter named: parameter or prompt length', async () => {
        const { error } = await fail(protocol, {}, { kind: 'status', status: 400, code: 20015 });
        assert.equal(error.kind, 'bad_request');
        assert.match(error.message, /a parameter it does not support, or a prompt longer than its context window/);
      });

      it('401: the key is invalid, and a .cn key fails on .com (and back); the base URL is shown', async () => {
        const { error } = await fail(protocol, { apiKey: 'sk-invalid-0123456789abcdefghij' });
        assert.equal(error.kind, 'auth');
        assert.equal(error.status, 401);
        assert.ok(error.message.includes(mock.server.baseUrl), 'names the base URL used');
        assert.match(error.message, /siliconflow\.cn only works with https:\/\/api\.siliconflow\.cn\/v1/);
        assert.match(error.message, /siliconflow\.com only with https:\/\/api\.siliconflow\.com\/v1/);
        assert.ok(!error.message.includes('sk-invalid-0123456789abcdefghij'));
      });

      it('403: insufficient balance, with the console link', async () => {
        const { error } = await fail(protocol, {}, { kind: 'status', status: 403, code: 30001 });
        assert.equal(error.kind, 'forbidden');
        assert.match(error.message, /balance is insufficient/);
        assert.ok(error.message.includes('https://cloud.siliconflow.cn/'));
      });

      it('403: real-name verification, distinguished from balance', async () => {
        const { error } = await fail(protocol, { model: 'Pro/zai-org/GLM-4.7' }, { kind: 'status', status: 403, code: 30011 });
        assert.equal(error.kind, 'forbidden');
        assert.match(error.message, /"Pro\/zai-org\/GLM-4\.7" is only available after real-name verification/);
        assert.doesNotMatch(error.message, /balance is insufficient/);
        assert.ok(error.message.includes('https://cloud.siliconflow.cn/'));
      });

      it('404: the base URL is probably wrong; it is shown and must end with /v1', async () => {
        const wrongBase = mock.server.baseUrl.replace(/\/v1$/, '');
        const { error } = await fail(protocol, { baseUrl: wrongBase });
        assert.equal(error.kind, 'not_found');
        assert.equal(error.status, 404);
        assert.ok(error.message.includes(`"${wrongBase}"`));
        assert.match(error.message, /it does not end with \/v1/);
      });

      it('429: rate limit, retryable, keeps the TPM detail', async () => {
        const { error } = await fail(protocol, {}, { kind: 'status', status: 429 });
        assert.equal(error.kind, 'rate_limit');
        assert.equal(error.retryable, true);
        assert.match(error.message, /\(429: TPM limit reached\)/);
      });

      it('503: overloaded, retryable', async () => {
        const { error } = await fail(protocol, { model: 'deepseek-ai/DeepSeek-V3.2' }, { kind: 'status', status: 503 });
        assert.equal(error.kind, 'overloaded');
        assert.equal(error.retryable, true);
        assert.match(error.message, /"deepseek-ai\/DeepSeek-V3\.2" is overloaded/);
      });

      it('504: a timeout at the gateway, retryable', async () => {
        const { error } = await fail(protocol, {}, { kind: 'status', status: 504 });
        assert.equal(error.kind, 'timeout');
        assert.equal(error.retryable, true);
        assert.match(error.message, /gateway timed out/);
      });

      it('an HTML page from a proxy is summarised by status and title, never shown raw', async () => {
        const { error } = await fail(protocol, {}, { kind: 'status', status: 502 });
        assert.equal(error.kind, 'server');
        assert.equal(error.status, 502);
        assert.match(error.message, /HTML page "502 Bad Gateway"/);
        assert.doesNotMatch(error.message, /<\/?(html|head|title|center|body)/i);
      });
    });
  }

  it('a key echoed back in an error body is scrubbed', async () => {
    const body = JSON.stringify({ code: 20015, message: `Invalid header Authorization: Bearer ${SECRET_KEY}`, data: null });
    const { error } = await fail('openai', {}, { kind: 'status', status: 400, body, contentType: 'application/json' });
    assert.ok(!error.message.includes(SECRET_KEY));
    assert.match(error.message, /\[redacted\]/);
  });

  it('an HTML login page served with 200 instead of a stream is summarised', async () => {
    const body = '<!DOCTYPE html><html><head><title>Corporate proxy login</title></head><body><form>…</form></body></html>';
    const { error } = await fail('openai', {}, { kind: 'status', status: 200, body, contentType: 'text/html' });
    assert.equal(error.kind, 'protocol');
    assert.match(error.message, /"Corporate proxy login"/);
    assert.doesNotMatch(error.message, /<form|<html/i);
  });

  it('nothing listening: a network error naming the host, retryable', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      });
    });
    const r = await collect(streamChat(chatRequest(mock.server, { baseUrl: `http://127.0.0.1:${port}/v1` }), { maxRetries: 0 }));
    assert.equal(r.error?.kind, 'network');
    assert.equal(r.error?.retryable, true);
    // Plain words for the user; the code stays on the error (for the log), not in the message.
    assert.match(r.error!.message, new RegExp(`127\\.0\\.0\\.1:${port} refused the connection`));
    assert.doesNotMatch(r.error!.message, /ECONNREFUSED|UND_ERR/);
    assert.equal(r.error!.code, 'ECONNREFUSED');
  });

  it('listModels maps errors the same way', async () => {
    await assert.rejects(
      listModels({ baseUrl: mock.server.baseUrl, apiKey: 'sk-invalid-zzzzzzzzzzzzzzzzzzzz' }),
      (e: unknown) => e instanceof SiliconFlowError && e.kind === 'auth' && e.status === 401 && !!e.traceId && !e.message.includes('sk-invalid-zzzz'),
    );
  });

  describe('wording that depends on the site (pure mapping)', () => {
    const ctx = (baseUrl: string) => ({ baseUrl, apiKey: SECRET_KEY, model: 'm/x', traceId: 't1' });
    it('403 links the .com console for a .com base URL', () => {
      const e = errorFromResponse(403, '{"code":30001,"message":"Sorry, your account balance is insufficient"}', 'application/json', ctx('https://api.siliconflow.com/v1'));
      assert.ok(e.message.includes('https://cloud.siliconflow.com/'));
      assert.ok(!e.message.includes('cloud.siliconflow.cn'));
    });
    it('401 on .com suggests the .cn base URL for a .cn key, and back', () => {
      const com = errorFromResponse(401, '"Invalid token"', 'application/json', ctx('https://api.siliconflow.com/v1'));
      assert.match(com.message, /if your key is from siliconflow\.cn, set the base URL to https:\/\/api\.siliconflow\.cn\/v1/);
      const cn = errorFromResponse(401, '"Api key is invalid"', 'application/json', ctx('https://api.siliconflow.cn/v1'));
      assert.match(cn.message, /if your key is from siliconflow\.com, set the base URL to https:\/\/api\.siliconflow\.com\/v1/);
    });
    it('a plain 403 "Forbidden" still points at balance or verification', () => {
      const e = errorFromResponse(403, '"Forbidden"', 'application/json', ctx('https://api.siliconflow.cn/v1'));
      assert.equal(e.kind, 'forbidden');
      assert.match(e.message, /balance is insufficient or the model requires real-name verification/);
    });
  });
});
