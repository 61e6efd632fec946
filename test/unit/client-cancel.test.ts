// Cancelling closes the HTTP connection (the server sees it), and the idle timeout measures the
// server's silence, not the consumer's.
import * as assert from 'node:assert/strict';
import { streamChat, type StreamEvent } from '../../src/client';
import { chatRequest, collect, run, useMockServer } from './client-harness';

describe('client: cancel and timeout', () => {
  const mock = useMockServer();

  for (const protocol of ['openai', 'anthropic'] as const) {
    it(`${protocol}: aborting mid-answer throws "cancelled" and the server sees the connection close`, async () => {
      mock.server.enqueue({ script: { text: 'a long answer that will never finish' }, fault: { kind: 'stall', afterEvents: 5 } });
      const controller = new AbortController();
      const seen: StreamEvent[] = [];
      let caught: unknown;
      try {
        for await (const event of streamChat(chatRequest(mock.server, { protocol }), { signal: controller.signal })) {
          seen.push(event);
          if (seen.length === 1) setTimeout(() => controller.abort(), 50);
        }
      } catch (err) {
        caught = err;
      }
      assert.equal((caught as { kind?: string })?.kind, 'cancelled');
      assert.ok(seen.length > 0);
      await mock.server.waitForClientClose(0, 2000);
      assert.equal(mock.server.requests[0]!.clientClosed, true);
    });
  }

  it('stopping the iteration early (break) also closes the connection', async () => {
    mock.server.enqueue({ script: { text: 'x'.repeat(400) }, fault: { kind: 'stall', afterEvents: 20 } });
    for await (const event of streamChat(chatRequest(mock.server))) {
      if (event.type === 'text') break;
    }
    await mock.server.waitForClientClose(0, 2000);
  });

  it('aborting while waiting for the response headers closes the connection promptly', async () => {
    mock.server.enqueue({ script: { text: 'late' }, shape: { headerDelayMs: 3000 } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const r = await collect(streamChat(chatRequest(mock.server), { signal: controller.signal }));
    assert.equal(r.error?.kind, 'cancelled');
    assert.ok(Date.now() - started < 1000);
    await mock.server.waitForClientClose(0, 2000);
  });

  it('an already aborted signal sends nothing', async () => {
    const r = await collect(streamChat(chatRequest(mock.server), { signal: AbortSignal.abort() }));
    assert.equal(r.error?.kind, 'cancelled');
    assert.equal(mock.server.requests.length, 0);
  });

  it('no response headers within timeoutMs: kind "timeout", not retried', async () => {
    mock.server.enqueue({ script: { text: 'late' }, shape: { headerDelayMs: 3000 } });
    const r = await run(mock.server, { timeoutMs: 200 });
    assert.equal(r.error?.kind, 'timeout');
    assert.equal(r.error?.retryable, false);
    assert.equal(mock.server.requests.length, 1);
  });

  it('a stall longer than timeoutMs after some text: "timeout" after the partial answer', async () => {
    mock.server.enqueue({ script: { text: 'half of it, then silence' }, fault: { kind: 'stall', afterEvents: 3 } });
    const r = await run(mock.server, { timeoutMs: 250 });
    assert.ok(r.text.length > 0);
    assert.equal(r.error?.kind, 'timeout');
    assert.ok(r.error?.traceId);
    await mock.server.waitForClientClose(0, 2000);
  });

  it('a slow consumer is not a silent server: no timeout while the caller holds an event', async () => {
    mock.server.enqueue({ script: { text: 'abcdefghijklmnop' } });
    let text = '';
    for await (const event of streamChat(chatRequest(mock.server, { timeoutMs: 150 }))) {
      if (event.type === 'text') {
        text += event.text;
        await new Promise((resolve) => setTimeout(resolve, 60));
      }
    }
    assert.equal(text, 'abcdefghijklmnop');
  });

  it('holding one event longer than timeoutMs is not a timeout either', async () => {
    // Deltas that arrive together may be joined into one event, so one long hold is the sure test;
    // the short pause makes the client read again after the hold, when a wrong timeout would show.
    mock.server.enqueue({ script: { text: 'abcdefghijklmnop' }, fault: { kind: 'stall', afterEvents: 3, ms: 100 } });
    let text = '';
    let held = false;
    for await (const event of streamChat(chatRequest(mock.server, { timeoutMs: 150 }))) {
      if (event.type !== 'text') continue;
      text += event.text;
      if (!held) {
        held = true;
        await new Promise((resolve) => setTimeout(resolve, 400));
      }
    }
    assert.equal(text, 'abcdefghijklmnop');
  });

  it('after the caller held an event longer than timeoutMs, a silent server still times out', async () => {
    mock.server.enqueue({ script: { text: 'some text, then the server goes quiet' }, fault: { kind: 'stall', afterEvents: 3 } });
    let held = false;
    const started = Date.now();
    const r = await collect(
      (async function* holdFirst() {
        for await (const event of streamChat(chatRequest(mock.server, { timeoutMs: 150 }))) {
          if (!held) {
            held = true;
            await new Promise((resolve) => setTimeout(resolve, 400));
          }
          yield event;
        }
      })(),
    );
    assert.ok(held);
    assert.equal(r.error?.kind, 'timeout');
    assert.ok(Date.now() - started < 2000, 'the idle clock ran again once the caller came back');
    await mock.server.waitForClientClose(0, 2000);
  });
});
