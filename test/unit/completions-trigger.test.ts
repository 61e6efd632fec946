// The trigger policy with a fake clock: debounce, abort on keystroke, typing through a shown
// suggestion, the cache, and the circuit breaker.
import * as assert from 'node:assert/strict';
import { SiliconFlowError } from '../../src/client';
import { CompletionTrigger, type BreakerState, type CompletionQuery } from '../../src/completions/trigger';
import { FakeClock } from '../fake-clock';

/** A fake network: records each request's signal, answers when told. */
class FakeServer {
  readonly calls: { signal: AbortSignal; resolve: (v: string | undefined) => void; reject: (e: unknown) => void }[] = [];
  fetch = (signal: AbortSignal): Promise<string | undefined> =>
    new Promise((resolve, reject) => {
      this.calls.push({ signal, resolve, reject });
    });
}

const refusal = (): SiliconFlowError => Object.assign(new SiliconFlowError('The model "x" rejected the request', 'bad_request', false, { status: 400, code: 20015 }));

describe('completions: trigger policy', () => {
  let clock: FakeClock;
  let server: FakeServer;
  let states: BreakerState[];
  let trigger: CompletionTrigger;
  const q = (position: string, cacheKey = position, signal?: AbortSignal): CompletionQuery => ({ position, cacheKey, fetch: server.fetch, signal });

  beforeEach(() => {
    clock = new FakeClock();
    server = new FakeServer();
    states = [];
    trigger = new CompletionTrigger({ debounceMs: 150, clock, onBreakerChange: (s) => states.push(s), cooldownMs: 1000 });
  });

  it('waits for the debounce before sending, and a keystroke within it supersedes the earlier query', async () => {
    const first = trigger.complete(q('f:1:co'));
    await clock.tick(100);
    assert.equal(server.calls.length, 0);
    const second = trigger.complete(q('f:1:con'));
    assert.equal(await first, undefined);
    await clock.tick(149);
    assert.equal(server.calls.length, 0);
    await clock.tick(1);
    assert.equal(server.calls.length, 1);
    server.calls[0]!.resolve('st x = 1;');
    assert.equal(await second, 'st x = 1;');
  });

  it('a new keystroke aborts the request in flight', async () => {
    const first = trigger.complete(q('f:1:a'));
    await clock.tick(150);
    assert.equal(server.calls.length, 1);
    const second = trigger.complete(q('f:1:ab'));
    assert.equal(server.calls[0]!.signal.aborted, true);
    server.calls[0]!.reject(new SiliconFlowError('cancelled', 'cancelled'));
    assert.equal(await first, undefined);
    await clock.tick(150);
    server.calls[1]!.resolve('c');
    assert.equal(await second, 'c');
    assert.equal(trigger.state.open, false, 'a cancelled request is not a failure');
  });

  it('the same query asked again while its request is in flight joins it instead of sending another', async () => {
    const first = trigger.complete(q('f:1:a', 'same'));
    await clock.tick(150);
    const again = trigger.complete(q('f:1:a', 'same'));
    await clock.tick(150);
    assert.equal(server.calls.length, 1);
    assert.equal(server.calls[0]!.signal.aborted, false);
    server.calls[0]!.resolve('bc');
    assert.deepEqual([await first, await again], ['bc', 'bc']);
  });

  it('VS Code cancelling the query aborts its request too', async () => {
    const controller = new AbortController();
    const p = trigger.complete(q('f:1:a', 'k', controller.signal));
    await clock.tick(150);
    controller.abort();
    assert.equal(server.calls[0]!.signal.aborted, true);
    server.calls[0]!.resolve('late');
    assert.equal(await p, undefined);
  });

  it('typing the first characters of a shown suggestion keeps the rest without a request', async () => {
    const p = trigger.complete(q('f:1:const total = '));
    await clock.tick(150);
    server.calls[0]!.resolve('items.length;');
    assert.equal(await p, 'items.length;');
    trigger.noteShown('f:1:const total = ', 'items.length;');
    assert.equal(await trigger.complete(q('f:1:const total = it')), 'ems.length;');
    assert.equal(await trigger.complete(q('f:1:const total = items.')), 'length;');
    assert.equal(server.calls.length, 1);
    assert.equal(trigger.stats.typedThrough, 2);
    // Typing something else is a new query.
    void trigger.complete(q('f:1:const total = x'));
    await clock.tick(150);
    assert.equal(server.calls.length, 2);
  });

  it('back-space and retype are answered from the cache', async () => {
    const p = trigger.complete(q('f:1:ab', 'key-ab'));
    await clock.tick(150);
    server.calls[0]!.resolve('cd');
    await p;
    void trigger.complete(q('f:1:a', 'key-a'));
    await clock.tick(150);
    server.calls[1]!.resolve('bcd');
    assert.equal(await trigger.complete(q('f:1:ab', 'key-ab')), 'cd');
    assert.equal(server.calls.length, 2);
    assert.equal(trigger.stats.cacheHits, 1);
  });

  it('a model that refuses FIM opens the breaker once; later keystrokes send nothing until reset', async () => {
    const p = trigger.complete(q('f:1:a'));
    await clock.tick(150);
    server.calls[0]!.reject(refusal());
    assert.equal(await p, undefined);
    assert.equal(states.length, 1);
    assert.deepEqual([states[0]!.open, states[0]!.open && states[0]!.reason], [true, 'refused']);
    for (const position of ['f:1:ab', 'f:1:abc', 'f:1:abcd']) {
      void trigger.complete(q(position));
      await clock.tick(10_000);
    }
    assert.equal(server.calls.length, 1);
    assert.equal(states.length, 1, 'the state is reported once, not per keystroke');
    trigger.reset();
    assert.equal(states.length, 2);
    void trigger.complete(q('f:1:abcde'));
    await clock.tick(150);
    assert.equal(server.calls.length, 2);
  });

  it('a refused key (401) opens the breaker at once', async () => {
    const p = trigger.complete(q('f:1:a'));
    await clock.tick(150);
    server.calls[0]!.reject(new SiliconFlowError('key rejected', 'auth', false, { status: 401 }));
    await p;
    assert.equal(trigger.state.open && trigger.state.reason, 'auth');
  });

  it('repeated 429s open the breaker for a cool-down, then one trial request closes it', async () => {
    for (let i = 0; i < 3; i++) {
      const p = trigger.complete(q(`f:1:${'a'.repeat(i + 1)}`));
      await clock.tick(150);
      server.calls[i]!.reject(new SiliconFlowError('rate limited', 'rate_limit', true, { status: 429 }));
      await p;
    }
    assert.equal(trigger.state.open && trigger.state.reason, 'rate_limit');
    void trigger.complete(q('f:1:aaaa'));
    await clock.tick(150);
    assert.equal(server.calls.length, 3, 'blocked during the cool-down');
    await clock.tick(1000);
    const trial = trigger.complete(q('f:1:aaaaa'));
    await clock.tick(150);
    assert.equal(server.calls.length, 4);
    server.calls[3]!.resolve('ok');
    assert.equal(await trial, 'ok');
    assert.equal(trigger.state.open, false);
    assert.deepEqual(states.map((s) => s.open), [true, false]);
  });
});
