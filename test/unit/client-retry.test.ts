// Retry with backoff (429 / 503 / 504 / network), only before the first event, bounded, abortable.
import * as assert from 'node:assert/strict';
import { listModels, streamChat, type AttemptInfo } from '../../src/client';
import { backoffDelay } from '../../src/client/retry';
import { LISTED_MODELS } from '../mock-server';
import { chatRequest, collect, run, useMockServer } from './client-harness';

describe('client: retry', () => {
  const mock = useMockServer();

  it('429 then success: the user gets the answer; the retry is reported to onAttempt', async () => {
    mock.server.enqueue({ fault: { kind: 'status', status: 429 } }, { script: { text: 'second time lucky' } });
    const attempts: AttemptInfo[] = [];
    const r = await run(mock.server, {}, { random: () => 0, onAttempt: (a) => attempts.push(a) });
    assert.equal(r.error, undefined);
    assert.equal(r.text, 'second time lucky');
    assert.equal(mock.server.requests.length, 2);
    assert.deepEqual(attempts.map((a) => a.attempt), [0, 1]);
    assert.equal(attempts[1]!.previousError?.kind, 'rate_limit');
    assert.equal(attempts[1]!.previousError?.status, 429);
    assert.ok(attempts[1]!.previousError?.traceId);
    assert.ok(!JSON.stringify(attempts).includes('sk-'), 'no key in what is reported for logging');
  });

  it('503, 504 and a reset before the first byte are retried too', async () => {
    mock.server.enqueue(
      { fault: { kind: 'status', status: 503 } },
      { fault: { kind: 'status', status: 504 } },
      { fault: { kind: 'reset', afterEvents: 0 } },
      { script: { text: 'finally' } },
    );
    const r = await run(mock.server, { protocol: 'anthropic' });
    assert.equal(r.error, undefined);
    assert.equal(r.text, 'finally');
    assert.equal(mock.server.requests.length, 4);
  });

  it('gives up after maxRetries (default 3): 4 requests, then the last error', async () => {
    mock.server.enqueue({ fault: { kind: 'status', status: 503 }, times: 10 });
    const r = await run(mock.server);
    assert.equal(r.error?.kind, 'overloaded');
    assert.equal(mock.server.requests.length, 4);
  });

  it('maxRetries: 1 makes 2 requests', async () => {
    mock.server.enqueue({ fault: { kind: 'status', status: 429 }, times: 10 });
    const r = await run(mock.server, {}, { random: () => 0, maxRetries: 1 });
    assert.equal(r.error?.kind, 'rate_limit');
    assert.equal(mock.server.requests.length, 2);
  });

  it('does not retry what a retry cannot fix (401, 400)', async () => {
    const r = await run(mock.server, { apiKey: 'sk-invalid-aaaaaaaaaaaaaaaaaaaa' });
    assert.equal(r.error?.kind, 'auth');
    const s = await run(mock.server, { model: 'no/such-model' });
    assert.equal(s.error?.kind, 'bad_request');
    assert.equal(mock.server.requests.length, 2);
  });

  it('no retry once an event was yielded: a reset mid-answer is truncation', async () => {
    mock.server.enqueue({ script: { text: 'one two three four five six seven' }, fault: { kind: 'reset', afterEvents: 4 } });
    const r = await run(mock.server);
    assert.ok(r.text.length > 0);
    assert.equal(r.error?.kind, 'truncated');
    assert.match(r.error!.message, /connection lost/);
    assert.equal(mock.server.requests.length, 1);
  });

  it('an abort during the backoff rejects promptly with "cancelled"', async () => {
    mock.server.enqueue({ fault: { kind: 'status', status: 503 }, times: 10 });
    const controller = new AbortController();
    const started = Date.now();
    let abortedAt = 0;
    const r = await collect(
      streamChat(chatRequest(mock.server), {
        signal: controller.signal,
        random: () => 1, // the longest wait: 500 ms before the first retry
        onResponse: () =>
          setTimeout(() => {
            abortedAt = Date.now();
            controller.abort();
          }, 50),
      }),
    );
    assert.equal(r.error?.kind, 'cancelled');
    assert.ok(Date.now() - abortedAt < 150, `rejected ${Date.now() - abortedAt} ms after the abort`);
    assert.ok(Date.now() - started < 400);
    assert.equal(mock.server.requests.length, 1);
  });

  it('backs off exponentially with full jitter, capped', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, () => 1)), [500, 1000, 2000, 4000, 8000, 8000, 8000]);
    assert.deepEqual([0, 1, 2].map((n) => backoffDelay(n, () => 0)), [0, 0, 0]);
    for (let n = 0; n < 6; n++) {
      const d = backoffDelay(n);
      assert.ok(d >= 0 && d <= Math.min(8000, 500 * 2 ** n));
    }
  });

  it('the waits between attempts are the jittered backoff', async () => {
    mock.server.enqueue({ fault: { kind: 'status', status: 429 }, times: 3 });
    const delays: number[] = [];
    const r = await run(mock.server, {}, { random: () => 0.1, onAttempt: (a) => delays.push(a.delayMs) });
    assert.equal(r.error, undefined);
    assert.deepEqual(delays, [0, 50, 100, 200]);
  });

  it('listModels retries a 429 as well', async () => {
    mock.server.enqueue({ path: '/v1/models', fault: { kind: 'status', status: 429 } });
    const ids = await listModels({ baseUrl: mock.server.baseUrl, apiKey: 'sk-test-models' }, { random: () => 0 });
    assert.deepEqual(ids, [...LISTED_MODELS]);
    assert.equal(mock.server.requests.length, 2);
  });
});
