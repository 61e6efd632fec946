// The client against hostile or broken servers over real sockets: redirects (never followed, and a
// second server records that nothing reached it), the end of an answer decided at its finish
// reason, a 200 that is not an event stream, bounded reads of error bodies, and streams that send
// only keep-alives. Each case checks what the user gets: kind, message, kept text.
import * as assert from 'node:assert/strict';
import { listModels, streamChat, streamFim, type ChatRequest, type ClientOptions } from '../../src/client';
import { FINISH_GRACE_MS } from '../../src/client/stream';
import { SECRET_KEY, chatRequest, collect, useMockServer } from './client-harness';
import { anthropicEvent, delay, openaiChunk, startHostileServer, type HostileServer } from './client-hostile-server';

const fast: ClientOptions = { random: () => 0, maxRetries: 0 };

function request(server: HostileServer, overrides: Partial<ChatRequest> = {}): ChatRequest {
  return { baseUrl: server.baseUrl, apiKey: SECRET_KEY, protocol: 'openai', model: 'm', messages: [{ role: 'user', content: 'secret prompt' }], ...overrides };
}

describe('client under faults: redirects are never followed', () => {
  let api: HostileServer;
  let elsewhere: HostileServer;
  before(async () => {
    api = await startHostileServer();
    elsewhere = await startHostileServer((_q, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(openaiChunk({ content: 'leaked' }, 'stop') + 'data: [DONE]\n\n');
    });
  });
  after(async () => {
    await api.close();
    await elsewhere.close();
  });
  beforeEach(() => {
    api.requests.length = 0;
    elsewhere.requests.length = 0;
  });

  const redirectTo = (status: number, location: (path: string) => string) => {
    api.handler = (q, res) => {
      res.writeHead(status, { location: location(q.url ?? ''), 'content-type': 'text/html' });
      res.end('<html><body>Moved</body></html>');
    };
  };

  for (const status of [301, 302, 303, 307, 308]) {
    for (const protocol of ['openai', 'anthropic'] as const) {
      it(`${status} to another origin (${protocol}): a clear error naming the target, nothing sent there`, async () => {
        redirectTo(status, (path) => `${elsewhere.origin}${path}`);
        const r = await collect(streamChat(request(api, { protocol }), { ...fast, maxRetries: 3 }));
        assert.equal(r.events.length, 0);
        assert.equal(r.error?.kind, 'not_found');
        assert.equal(r.error?.status, status);
        assert.equal(r.error?.retryable, false);
        assert.equal(r.error?.location, `${elsewhere.origin}/v1`);
        assert.ok(r.error?.message.includes(`redirects (${status}) to ${elsewhere.origin}/v1`), r.error?.message);
        assert.ok(r.error?.message.includes(`set "siliconflow.baseUrl" to ${elsewhere.origin}/v1 if you trust it`), r.error?.message);
        assert.equal(elsewhere.requests.length, 0, 'no request reached the other origin');
        assert.equal(api.requests.length, 1, 'a redirect is not retried');
      });
    }
  }

  it('a same-origin redirect is not followed either (the POST would turn into a GET)', async () => {
    redirectTo(302, () => '/v2/chat/completions');
    const r = await collect(streamChat(request(api), fast));
    assert.equal(r.error?.kind, 'not_found');
    assert.equal(r.error?.location, `${api.origin}/v2`);
    assert.equal(api.requests.length, 1);
    assert.equal(api.requests[0].method, 'POST');
  });

  it('a redirect to a plain-http address on another origin names it and sends nothing there', async () => {
    redirectTo(307, () => `http://127.0.0.1:${new URL(elsewhere.origin).port}/v1/chat/completions`);
    const r = await collect(streamChat(request(api), fast));
    assert.match(r.error?.message ?? '', /redirects \(307\) to http:\/\/127\.0\.0\.1:\d+\/v1\./);
    assert.equal(elsewhere.requests.length, 0);
  });

  it('a redirect with no Location says so', async () => {
    api.handler = (_q, res) => {
      res.writeHead(302);
      res.end();
    };
    const r = await collect(streamChat(request(api), fast));
    assert.equal(r.error?.kind, 'not_found');
    assert.match(r.error?.message ?? '', /redirect \(302\) to no address/);
  });

  it('listModels: a redirect of GET /models is an error naming the base URL to set, not followed', async () => {
    redirectTo(301, (path) => `${elsewhere.origin}${path}`);
    await assert.rejects(listModels({ baseUrl: api.baseUrl, apiKey: SECRET_KEY }, fast), (err: Error & { kind?: string; location?: string }) => {
      assert.equal(err.kind, 'not_found');
      assert.equal(err.location, `${elsewhere.origin}/v1`, 'the query and /models are not part of the suggestion');
      return true;
    });
    assert.equal(elsewhere.requests.length, 0);
  });

  it('streamFim: the same policy through the shared request path', async () => {
    redirectTo(307, (path) => `${elsewhere.origin}${path}`);
    const r = await collect(streamFim({ baseUrl: api.baseUrl, apiKey: SECRET_KEY, model: 'm', prompt: 'def f(', suffix: '' }, fast));
    assert.equal(r.error?.kind, 'not_found');
    assert.equal(r.error?.location, `${elsewhere.origin}/v1`);
    assert.equal(elsewhere.requests.length, 0);
  });
});

describe('client under faults: the end of an answer is its finish reason', () => {
  let api: HostileServer;
  before(async () => {
    api = await startHostileServer();
  });
  after(() => api.close());

  it('openai: finish_reason "stop" then a TCP reset is a complete answer, not "truncated"', async () => {
    api.handler = async (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(openaiChunk({ content: 'All ' }) + openaiChunk({ content: 'done.' }, 'stop'));
      await delay(50);
      res.socket?.destroy();
    };
    const r = await collect(streamChat(request(api), fast));
    assert.equal(r.error, undefined);
    assert.equal(r.text, 'All done.');
    assert.equal(r.finishReason, 'stop');
  });

  it('openai: finish_reason then silence ends after the grace period, not after the idle timeout', async () => {
    api.handler = (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(openaiChunk({ content: 'Complete.' }, 'length'));
      // …and nothing more, the connection left open.
    };
    const started = performance.now();
    const r = await collect(streamChat(request(api, { timeoutMs: 60_000 }), fast));
    const took = performance.now() - started;
    assert.equal(r.error, undefined);
    assert.equal(r.text, 'Complete.');
    assert.equal(r.finishReason, 'length');
    assert.ok(took < 20_000, `ended after the grace period (${Math.round(took)} ms), long before the 60 s idle timeout`);
    await delay(50);
    assert.equal(api.requests.at(-1)?.clientClosed, true, 'the connection was closed');
  });

  it('openai: a usage chunk trailing the finish reason within the grace period is kept', async () => {
    api.handler = async (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(openaiChunk({ content: 'Hi' }, 'stop'));
      await delay(Math.min(300, FINISH_GRACE_MS / 3));
      res.write(`data: ${JSON.stringify({ id: 'c1', choices: [], usage: { prompt_tokens: 5, completion_tokens: 1 } })}\n\n`);
      await delay(50);
      res.socket?.destroy();
    };
    const r = await collect(streamChat(request(api), fast));
    assert.equal(r.error, undefined);
    assert.deepEqual(r.usages, [{ type: 'usage', inputTokens: 5, outputTokens: 1 }]);
    assert.equal(r.finishReason, 'stop');
  });

  it('anthropic: stop_reason in message_delta then a reset is complete', async () => {
    api.handler = async (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(
        anthropicEvent({ type: 'message_start', message: { usage: { input_tokens: 3 } } }) +
          anthropicEvent({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }) +
          anthropicEvent({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Fine.' } }) +
          anthropicEvent({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 2 } }),
      );
      await delay(50);
      res.socket?.destroy();
    };
    const r = await collect(streamChat(request(api, { protocol: 'anthropic' }), fast));
    assert.equal(r.error, undefined);
    assert.equal(r.text, 'Fine.');
    assert.equal(r.finishReason, 'stop');
  });

  it('without a finish reason, a reset after text is still "truncated" with the text kept', async () => {
    api.handler = async (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(openaiChunk({ content: 'Half an ans' }));
      await delay(50);
      res.socket?.destroy();
    };
    const r = await collect(streamChat(request(api), fast));
    assert.equal(r.text, 'Half an ans');
    assert.equal(r.error?.kind, 'truncated');
  });

  it('a connection the server resets says so in plain words, with no developer code (UND_ERR_SOCKET, ECONNRESET) in the message', async () => {
    api.handler = (q) => {
      q.socket.destroy();
    };
    const r = await collect(streamChat(request(api), fast));
    assert.equal(r.error?.kind, 'network');
    assert.match(r.error!.message, /The connection to 127\.0\.0\.1:\d+ was closed by the server or the network/);
    assert.doesNotMatch(r.error!.message, /UND_ERR|ECONN|\([A-Z_]{5,}\)/);
    assert.match(String(r.error!.code), /^(UND_ERR_SOCKET|ECONNRESET)$/, 'the code is kept for the log');
  });
});

describe('client under faults: a 200 that is not an event stream', () => {
  let api: HostileServer;
  before(async () => {
    api = await startHostileServer();
  });
  after(() => api.close());
  beforeEach(() => (api.requests.length = 0));

  it('no content type and {"code":50505,…}: overloaded, the server\'s message, retried', async () => {
    api.handler = (_q, res) => {
      res.writeHead(200);
      res.end('{"code":50505,"message":"Model service overloaded. Please try again later.","data":null}');
    };
    const r = await collect(streamChat(request(api), { ...fast, maxRetries: 2 }));
    assert.equal(r.error?.kind, 'overloaded');
    assert.equal(r.error?.retryable, true);
    assert.match(r.error?.message ?? '', /Model service overloaded/);
    assert.equal(api.requests.length, 3, 'retried like a 503');
    assert.doesNotMatch(r.error?.message ?? '', /text so far is kept/);
  });

  it('text/plain from a gateway: its own words, kind protocol, not "truncated"', async () => {
    api.handler = (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('upstream connect error or disconnect/reset before headers. reset reason: connection failure');
    };
    const r = await collect(streamChat(request(api), fast));
    assert.equal(r.error?.kind, 'protocol');
    assert.match(r.error?.message ?? '', /Server said: "upstream connect error or disconnect\/reset before headers/);
    assert.match(r.error?.message ?? '', /text\/plain \(200\)/);
  });

  it('text/plain saying the rate limit was reached: kind rate_limit, retryable', async () => {
    api.handler = (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Request was rejected due to rate limiting. Rate limit reached, details: TPM limit reached.');
    };
    const r = await collect(streamChat(request(api), { ...fast, maxRetries: 1 }));
    assert.equal(r.error?.kind, 'rate_limit');
    assert.equal(api.requests.length, 2);
  });

  it('an event stream that only ends (comments, no event) stays "truncated" with nothing shown', async () => {
    api.handler = (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(': keep-alive\n\n');
    };
    const r = await collect(streamChat(request(api), fast));
    assert.equal(r.error?.kind, 'truncated');
  });
});

describe('client under faults: bounded reads', () => {
  let api: HostileServer;
  before(async () => {
    api = await startHostileServer();
  });
  after(() => api.close());

  /** Writes up to `total` bytes of `piece`, stopping when the client goes away; resolves the bytes written. */
  const flood = (res: import('node:http').ServerResponse, piece: string, total: number): Promise<number> =>
    new Promise((resolve) => {
      let written = 0;
      const buf = Buffer.from(piece);
      const more = (): void => {
        while (written < total) {
          if (res.destroyed) return resolve(written);
          written += buf.length;
          if (!res.write(buf)) return void res.once('drain', more);
        }
        res.end();
        resolve(written);
      };
      res.on('close', () => resolve(written));
      more();
    });

  for (const [name, status, type] of [
    ['a 500 HTML error page', 500, 'text/html'],
    ['a 200 JSON body that is not a stream', 200, 'application/json'],
    ['a 200 text/plain body with no event', 200, 'text/plain'],
  ] as const) {
    it(`${name} of 64 MB: only its start is read, the connection is closed`, async () => {
      let written = Promise.resolve(0);
      api.handler = (_q, res) => {
        res.writeHead(status, { 'content-type': type });
        written = flood(res, type === 'text/html' ? `<html><head><title>Bad gateway</title></head>${'x'.repeat(65_000)}` : 'y'.repeat(65_536), 64 * 1024 * 1024);
      };
      const r = await collect(streamChat(request(api), fast));
      assert.ok(r.error, 'an error');
      assert.notEqual(r.error.kind, 'truncated');
      assert.ok((await written) < 32 * 1024 * 1024, 'the client stopped reading long before the end');
      assert.ok(r.error.message.length < 1000, 'the message quotes only a short part');
    });
  }
});

describe('client under faults: streams that send nothing but keep-alives', () => {
  let api: HostileServer;
  before(async () => {
    api = await startHostileServer();
  });
  after(() => api.close());

  const keepAlive = (piece: string, everyMs: number) => async (_q: unknown, res: import('node:http').ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    while (!res.destroyed) {
      res.write(piece);
      await delay(everyMs);
    }
  };

  it('anthropic pings only: stopped at the no-content limit with a clear message, not held open forever', async () => {
    api.handler = keepAlive(anthropicEvent({ type: 'ping' }), 30);
    const started = performance.now();
    const r = await collect(streamChat(request(api, { protocol: 'anthropic', timeoutMs: 800, noContentTimeoutMs: 1_200 }), fast));
    const took = performance.now() - started;
    assert.equal(r.error?.kind, 'timeout');
    assert.match(r.error?.message ?? '', /without sending any of the answer/);
    assert.ok(took >= 1_150, `not before the limit (${Math.round(took)} ms)`);
    await delay(50);
    assert.equal(api.requests.at(-1)?.clientClosed, true);
  });

  it('openai chunks with empty deltas only: the same limit', async () => {
    api.handler = keepAlive(openaiChunk({ content: '' }), 30);
    const r = await collect(streamChat(request(api, { timeoutMs: 800, noContentTimeoutMs: 1_200 }), fast));
    assert.equal(r.error?.kind, 'timeout');
    assert.match(r.error?.message ?? '', /without sending any of the answer/);
  });

  it('comments only: the idle timeout (comments are not progress)', async () => {
    api.handler = keepAlive(': keep-alive\n\n', 30);
    const r = await collect(streamChat(request(api, { timeoutMs: 300, noContentTimeoutMs: 5_000 }), fast));
    assert.equal(r.error?.kind, 'timeout');
    assert.match(r.error?.message ?? '', /No data from SiliconFlow for 0\.3 s/);
  });

  it('pings between slow tokens are fine: content restarts the limit', async () => {
    api.handler = async (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (let i = 0; i < 6; i++) {
        res.write(anthropicEvent({ type: 'ping' }));
        await delay(60);
        res.write(anthropicEvent({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: `${i}` } }));
        await delay(60);
      }
      res.end(anthropicEvent({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 6 } }) + anthropicEvent({ type: 'message_stop' }));
    };
    const r = await collect(streamChat(request(api, { protocol: 'anthropic', timeoutMs: 2_000, noContentTimeoutMs: 600 }), fast));
    assert.equal(r.error, undefined);
    assert.equal(r.text, '012345');
  });
});

describe('client under faults: the same corpus from the mock server', () => {
  const mock = useMockServer();
  let elsewhere: HostileServer;
  before(async () => {
    elsewhere = await startHostileServer();
  });
  after(() => elsewhere.close());

  const script = { text: 'The whole answer, every word of it.' };

  for (const protocol of ['openai', 'anthropic'] as const) {
    it(`${protocol}: a 307 to another origin is not followed, and the other origin sees no request`, async () => {
      mock.server.enqueue({ fault: { kind: 'redirect', status: 307, location: `${elsewhere.baseUrl}${protocol === 'openai' ? '/chat/completions' : '/messages'}` } });
      const r = await collect(streamChat(chatRequest(mock.server, { protocol }), fast));
      assert.equal(r.error?.kind, 'not_found');
      assert.equal(r.error?.location, elsewhere.baseUrl);
      assert.equal(elsewhere.requests.length, 0);
    });

    for (const then of ['reset', 'stall'] as const) {
      it(`${protocol}: the finish reason then a ${then}: the whole answer, complete`, async () => {
        mock.server.enqueue({ script, fault: { kind: 'after-finish', then } });
        const r = await collect(streamChat(chatRequest(mock.server, { protocol, timeoutMs: 30_000 }), fast));
        assert.equal(r.error, undefined);
        assert.equal(r.text, script.text);
        assert.equal(r.finishReason, 'stop');
      });
    }

    it(`${protocol}: pings only end at the no-content limit`, async () => {
      mock.server.enqueue({ fault: { kind: 'pings', everyMs: 20 } });
      const r = await collect(streamChat(chatRequest(mock.server, { protocol, timeoutMs: 800, noContentTimeoutMs: 1_200 }), fast));
      assert.equal(r.error?.kind, 'timeout');
      assert.match(r.error?.message ?? '', /without sending any of the answer/);
      await mock.server.waitForClientClose(0);
    });
  }

  it('the faults can be asked for from a chat message (the demo and the end-to-end tests): [[mock:redirect=URL]], [[mock:after-finish=reset]], [[mock:pings]]', async () => {
    const ask = (directive: string, extra: Partial<ChatRequest> = {}) =>
      collect(streamChat(chatRequest(mock.server, { messages: [{ role: 'user', content: `Hello ${directive}` }], ...extra }), fast));
    const redirected = await ask(`[[mock:redirect=${elsewhere.baseUrl}/chat/completions]]`);
    assert.equal(redirected.error?.location, elsewhere.baseUrl);
    const finished = await ask('[[mock:after-finish=reset]]');
    assert.equal(finished.error, undefined);
    assert.equal(finished.finishReason, 'stop');
    const pinged = await ask('[[mock:pings]]', { timeoutMs: 800, noContentTimeoutMs: 1_200 });
    assert.match(pinged.error?.message ?? '', /without sending any of the answer/);
    assert.equal(elsewhere.requests.length, 0);
  });

  it('a 200 with no content type and the native 50505 body: overloaded, retried, then the answer', async () => {
    mock.server.enqueue({ fault: { kind: 'status', status: 200, body: '{"code":50505,"message":"Model service overloaded. Please try again later."}', contentType: '' } }, { script });
    const r = await collect(streamChat(chatRequest(mock.server), { ...fast, maxRetries: 1 }));
    assert.equal(r.error, undefined);
    assert.equal(r.text, script.text);
    assert.equal(mock.server.requests.length, 2);
  });
});
