// The chat's conversation logic, driven as the webview drives it, with a real session store on disk
// and a scripted stream of client events in place of the network.
import assert from 'node:assert/strict';
import { promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { contentText, type ChatMessage, type StreamEvent } from '../../src/client';
import { ChatController, type StateMemory } from '../../src/chat/controller';
import { readSession } from '../../src/chat/session';
import { SessionStore } from '../../src/chat/sessionStore';
import { measureContext } from '../../src/service/params';
import type { ContextAttachment, HostMessage, MessageView } from '../../src/protocol';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

class MapMemory implements StateMemory {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, value);
  }
}

class Cancelled extends Error {
  readonly kind = 'cancelled';
}
class ClientError extends Error {
  constructor(message: string, readonly kind: string) {
    super(message);
  }
}

/** What the fake client does for one request. */
type Behaviour = (signal: AbortSignal) => AsyncIterable<StreamEvent>;

/** Yields the events one by one with a small pause, like a network stream; honours the signal. */
function events(list: StreamEvent[], pauseMs = 1): Behaviour {
  return async function* (signal) {
    for (const e of list) {
      await sleep(pauseMs);
      if (signal.aborted) throw new Cancelled('cancelled');
      yield e;
    }
  };
}

/** Yields `list`, then hangs until aborted (a model still thinking when the user presses Stop). */
function thenHang(list: StreamEvent[]): Behaviour {
  return async function* (signal) {
    yield* events(list)(signal);
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    throw new Cancelled('cancelled');
  };
}

function tokens(kind: 'text' | 'reasoning', text: string, size = 3): StreamEvent[] {
  const out: StreamEvent[] = [];
  for (let i = 0; i < text.length; i += size) out.push({ type: kind, text: text.slice(i, i + size) });
  return out;
}

const ANSWER = 'Here is **bold** and code:\n\n```ts\nconst x = 1;\n```\n';
const THINKING = 'The user wants an example.';

describe('ChatController', () => {
  let dir: string;
  let store: SessionStore;
  let memory: MapMemory;
  let posts: HostMessage[];
  let requests: { messages: ChatMessage[]; signal: AbortSignal }[];
  let behaviours: Behaviour[];
  let clock: number;
  let controller: ChatController;

  function makeController(extra: Partial<ConstructorParameters<typeof ChatController>[0]> = {}): ChatController {
    return new ChatController({
      store,
      stream: (messages, signal) => {
        requests.push({ messages, signal });
        const next = behaviours.shift() ?? events([{ type: 'text', text: 'default' }, { type: 'done', finishReason: 'stop' }]);
        return next(signal);
      },
      model: () => 'Qwen/Qwen3-8B',
      workspace: () => 'my-project',
      post: (m) => posts.push(m),
      memory,
      log: { info: () => undefined, warn: () => undefined },
      now: () => clock,
      deltaIntervalMs: 20,
      persistIntervalMs: 30,
      ...extra,
    });
  }

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sf-chat-'));
    store = new SessionStore(dir);
    memory = new MapMemory();
    posts = [];
    requests = [];
    behaviours = [];
    clock = 1_000;
    controller = makeController();
  });
  afterEach(async () => {
    await controller.dispose();
    await fs.rm(dir, { recursive: true, force: true });
  });

  const lastUpdate = (): MessageView => {
    const updates = posts.filter((p): p is Extract<HostMessage, { type: 'messageUpdated' }> => p.type === 'messageUpdated');
    return updates[updates.length - 1].message;
  };
  const deltas = (): Extract<HostMessage, { type: 'delta' }>[] => posts.filter((p): p is Extract<HostMessage, { type: 'delta' }> => p.type === 'delta');

  it('streams an answer: coalesced deltas with the exact text, thinking time, usage, complete', async () => {
    const stream = [
      ...tokens('reasoning', THINKING),
      ...tokens('text', ANSWER),
      { type: 'usage', inputTokens: 12, outputTokens: 30, reasoningTokens: 8 },
      { type: 'done', finishReason: 'stop' },
    ] satisfies StreamEvent[];
    const reasoningEvents = tokens('reasoning', THINKING).length;
    let seen = 0;
    behaviours.push(async function* (signal) {
      for (const e of stream) {
        await sleep(1);
        if (signal.aborted) throw new Cancelled('cancelled');
        clock += 100; // each event 100 ms after the previous one
        seen++;
        yield e;
      }
    });
    assert.equal(await controller.send('Show me an example'), true);
    assert.equal(controller.busy, true);
    await controller.idle();
    assert.equal(seen, stream.length);

    assert.deepEqual(requests[0].messages, [{ role: 'user', content: 'Show me an example' }]);
    const answer = lastUpdate();
    assert.equal(answer.status, 'complete');
    assert.equal(answer.text, ANSWER);
    assert.equal(answer.reasoning, THINKING);
    // First reasoning event at +100 ms, first text event `reasoningEvents` events later.
    assert.equal(answer.reasoningMs, reasoningEvents * 100);
    assert.deepEqual(answer.usage, { inputTokens: 12, outputTokens: 30, reasoningTokens: 8 });
    assert.equal(answer.model, 'Qwen/Qwen3-8B');

    const d = deltas();
    assert.ok(d.length < stream.length / 2, `${d.length} delta posts for ${stream.length} events`);
    assert.equal(d.map((x) => x.text ?? '').join(''), ANSWER);
    assert.equal(d.map((x) => x.reasoning ?? '').join(''), THINKING);
    assert.deepEqual(posts.filter((p) => p.type === 'busy'), [{ type: 'busy', busy: true }, { type: 'busy', busy: false }]);
    assert.equal(controller.busy, false);
  });

  it('reasoning before a lone </think> becomes reasoning: shown folded, stored so, never sent back', async () => {
    behaviours.push(events([...tokens('text', 'The user wants a loop.</think>Use a for loop.'), { type: 'done', finishReason: 'stop' }]));
    await controller.send('Loop?');
    await controller.idle();
    const answer = lastUpdate();
    assert.equal(answer.text, 'Use a for loop.');
    assert.equal(answer.reasoning, 'The user wants a loop.');
    // What the webview holds after applying every post equals the split.
    let text = '';
    for (const p of posts) {
      if (p.type === 'delta' && p.messageId === answer.id) text += p.text ?? '';
      if (p.type === 'messageUpdated' && p.message.id === answer.id) text = p.message.text;
    }
    assert.equal(text, 'Use a for loop.');
    await store.flush();
    const saved = await new SessionStore(dir).load(controller.currentSessionId);
    assert.equal(saved?.messages[1]?.text, 'Use a for loop.');
    behaviours.push(events([{ type: 'text', text: 'ok' }, { type: 'done', finishReason: 'stop' }]));
    await controller.send('And then?');
    await controller.idle();
    assert.deepEqual(requests[1]!.messages.map((m) => m.content), ['Loop?', 'Use a for loop.', 'And then?']);
  });

  it('an unclosed <think> at a normal end is the answer; cut short it stays reasoning', async () => {
    behaviours.push(events([...tokens('text', '<think>The answer is 42.'), { type: 'done', finishReason: 'stop' }]));
    await controller.send('Q');
    await controller.idle();
    assert.equal(lastUpdate().text, 'The answer is 42.');
    assert.equal(lastUpdate().reasoning, undefined);
    behaviours.push(events([...tokens('text', '<think>Still thinking'), { type: 'done', finishReason: 'length' }]));
    await controller.send('Q2');
    await controller.idle();
    assert.equal(lastUpdate().text, '');
    assert.equal(lastUpdate().reasoning, 'Still thinking');
  });

  it('a stored answer from before the rule, with a lone </think> in its text, is split when read back', async () => {
    const id = '3f2b8a8e-8d3c-4a56-9c1e-5b7a2d9e0f11';
    const raw = {
      id, title: 't', createdAt: 1, updatedAt: 2,
      messages: [
        { id: 'u1', role: 'user', text: 'Q', status: 'complete', createdAt: 1 },
        { id: 'a1', role: 'assistant', text: 'pondering</think>\n\nThe answer.', status: 'complete', createdAt: 2 },
      ],
    };
    const session = readSession(raw, id);
    assert.equal(session?.messages[1]?.text, 'The answer.');
    assert.equal(session?.messages[1]?.reasoning, 'pondering');
  });

  it('an answer carries its estimated cost from its usage (cached tokens too), on disk too; an unpriced model says unknown', async () => {
    const priced: { model: string; usage: unknown }[] = [];
    controller = makeController({
      costOf: (usage, model) => {
        priced.push({ model, usage });
        return model === 'Qwen/Qwen3-8B' ? { yuan: (usage.inputTokens - (usage.cachedInputTokens ?? 0)) / 1e6 } : {};
      },
    });
    behaviours.push(events([...tokens('text', 'Hi'), { type: 'usage', inputTokens: 1000, outputTokens: 5, cachedInputTokens: 600 }, { type: 'done', finishReason: 'stop' }]));
    await controller.send('Hello');
    await controller.idle();
    const answer = lastUpdate();
    assert.deepEqual(answer.usage, { inputTokens: 1000, outputTokens: 5, cachedInputTokens: 600 });
    assert.deepEqual(answer.cost, { yuan: 400 / 1e6 });
    assert.equal(priced[0]!.model, 'Qwen/Qwen3-8B', 'priced with the model that answered');
    await store.flush();
    const saved = (await store.load(controller.currentSessionId))!;
    assert.deepEqual(saved.messages[1]!.cost, { yuan: 400 / 1e6 });
    assert.equal(saved.messages[1]!.usage?.cachedInputTokens, 600);

    controller = makeController({ model: () => 'vendor/Unpriced', costOf: () => ({}) });
    behaviours.push(events([...tokens('text', 'Hi'), { type: 'usage', inputTokens: 10, outputTokens: 5 }, { type: 'done', finishReason: 'stop' }]));
    await controller.send('Again');
    await controller.idle();
    assert.deepEqual(lastUpdate().cost, {}, 'unknown, not ¥0');
  });

  it('an answer cut at the token limit or by the content filter keeps its finish reason, on disk too', async () => {
    behaviours.push(events([...tokens('text', 'A long answer that'), { type: 'done', finishReason: 'length' }]));
    await controller.send('Write a lot');
    await controller.idle();
    assert.equal(lastUpdate().status, 'complete');
    assert.equal(lastUpdate().finishReason, 'length');
    behaviours.push(events([{ type: 'done', finishReason: 'content_filter' }]));
    controller.regenerate();
    await controller.idle();
    assert.equal(lastUpdate().finishReason, 'content_filter');
    await store.flush();
    const saved = await new SessionStore(dir).load(controller.currentSessionId);
    assert.deepEqual(saved?.messages.map((m) => [m.role, m.status, m.finishReason]), [
      ['user', 'complete', undefined],
      ['assistant', 'complete', 'content_filter'],
    ]);
    // A stopped answer has no finish reason: the service never said why it ended.
    behaviours.push(thenHang(tokens('text', 'partial')));
    const before = deltas().length;
    controller.regenerate();
    while (deltas().length === before) await sleep(2);
    controller.stop();
    assert.equal(lastUpdate().finishReason, undefined);
  });

  it('the second turn sends back the answer text only: no reasoning, no failed answers, no failed question', async () => {
    behaviours.push(events([...tokens('reasoning', 'secret thoughts'), ...tokens('text', 'First answer'), { type: 'done', finishReason: 'stop' }]));
    await controller.send('one');
    await controller.idle();
    behaviours.push(async function* (signal) {
      yield* events(tokens('text', 'half'))(signal);
      throw new ClientError('Model service overloaded.', 'overloaded');
    });
    await controller.send('two');
    await controller.idle();
    assert.equal(lastUpdate().status, 'error');
    await controller.send('three');
    await controller.idle();
    assert.deepEqual(requests[2].messages, [
      { role: 'user', content: 'one' },
      { role: 'assistant', content: 'First answer' },
      { role: 'user', content: 'three' },
    ]);
  });

  it('Stop keeps the partial answer, marked interrupted, and aborts the request', async () => {
    behaviours.push(thenHang(tokens('text', 'The partial answer')));
    await controller.send('Tell me a long story');
    while (!deltas().length) await sleep(5);
    await sleep(30);
    controller.stop();
    assert.equal(requests[0].signal.aborted, true);
    assert.equal(controller.busy, false);
    const answer = lastUpdate();
    assert.equal(answer.status, 'interrupted');
    assert.equal(answer.text, 'The partial answer');
    await controller.idle();
    // And it is on disk like that, with the question.
    await store.flush();
    const saved = await new SessionStore(dir).load(controller.currentSessionId);
    assert.deepEqual(saved?.messages.map((m) => [m.role, m.text, m.status]), [
      ['user', 'Tell me a long story', 'complete'],
      ['assistant', 'The partial answer', 'interrupted'],
    ]);
  });

  it('dispose() — what deactivate() returns at shutdown — resolves only once the stopped answer is on disk', async () => {
    behaviours.push(thenHang(tokens('text', 'Half an answer when VS Code closes')));
    await controller.send('Tell me a long story');
    while (!deltas().length) await sleep(5);
    await sleep(30);
    await controller.dispose();
    assert.equal(requests[0].signal.aborted, true);
    // Read from disk at once, synchronously: nothing else may run between the promise and the read.
    const file = path.join(dir, 'sessions', `${controller.currentSessionId}.json`);
    const saved = (JSON.parse(readFileSync(file, 'utf8')) as { session: { messages: MessageView[] } }).session;
    assert.deepEqual(saved.messages.map((m) => [m.role, m.text, m.status]), [
      ['user', 'Tell me a long story', 'complete'],
      ['assistant', 'Half an answer when VS Code closes', 'interrupted'],
    ]);
  });

  it('an error shows the client message, offers the key for auth errors, keeps the partial text and the question', async () => {
    behaviours.push(async function* (signal) {
      yield* events(tokens('text', 'So far'))(signal);
      throw new ClientError('Invalid API key (401).', 'auth');
    });
    await controller.send('Hello?');
    await controller.idle();
    const answer = lastUpdate();
    assert.equal(answer.status, 'error');
    assert.equal(answer.text, 'So far');
    assert.deepEqual(answer.error, { kind: 'auth', message: 'Invalid API key (401).', needsKey: true });
    const saved = await store.load(controller.currentSessionId);
    assert.equal(saved?.messages[0].text, 'Hello?');
  });

  const lastContext = (): NonNullable<ReturnType<ChatController['contextInfo']>> => {
    const found = posts.filter((p): p is Extract<HostMessage, { type: 'context' }> => p.type === 'context');
    assert.ok(found.length > 0, 'a context message was posted');
    return found[found.length - 1].context;
  };

  it('a failed question is shown as not sent, and the next question goes alone', async () => {
    await controller.dispose();
    controller = makeController({ measure: (m) => measureContext('Qwen/Qwen3-8B', m) });
    behaviours.push(async function* () {
      yield { type: 'text', text: '' } as StreamEvent;
      throw new ClientError('Model service overloaded.', 'overloaded');
    });
    await controller.send('question A');
    await controller.idle();
    const [question, failed] = (await store.load(controller.currentSessionId))!.messages;
    assert.deepEqual(lastContext().leftOut, [
      { id: question.id, reason: 'unanswered' },
      { id: failed.id, reason: 'noAnswer' },
    ]);
    await controller.send('question B');
    await controller.idle();
    assert.deepEqual(requests[1].messages, [{ role: 'user', content: 'question B' }]);
  });

  it('a conversation longer than the context window never dead-ends: the oldest turns are left out, and the view is told', async () => {
    await controller.dispose();
    // A model with an 8,000-token window; each question is about 2,000 tokens.
    const measure = (m: ChatMessage[]): ReturnType<typeof measureContext> => measureContext('x/Small', m, { 'x/Small': 8000 });
    controller = makeController({ measure });
    for (let i = 0; i < 6; i++) {
      behaviours.push(events([{ type: 'text', text: `answer ${i}` }, { type: 'done', finishReason: 'stop' }]));
      assert.equal(await controller.send(`question ${i} ` + 'q'.repeat(7000)), true);
      await controller.idle();
    }
    const saved = (await store.load(controller.currentSessionId))!;
    assert.deepEqual(saved.messages.map((m) => m.status), Array(12).fill('complete'), 'every answer came');
    for (const r of requests) assert.ok(measure(r.messages).fits, 'every request fits the window');
    const last = requests[5].messages;
    assert.match(String(last[last.length - 1].content), /^question 5 /);
    assert.ok(!last.some((m) => String(m.content).startsWith('question 0 ')), 'the oldest turn is left out');
    const context = lastContext();
    assert.equal(context.windowTokens, 8000);
    assert.ok(context.usedTokens > 0 && context.usedTokens <= 8000, String(context.usedTokens));
    const trimmed = context.leftOut.filter((l) => l.reason === 'trimmed').map((l) => l.id);
    assert.ok(trimmed.length >= 2);
    assert.deepEqual(trimmed, saved.messages.slice(0, trimmed.length).map((m) => m.id), 'the oldest ones, in order');
    // The conversation itself keeps every message: only the request leaves them out.
    assert.equal(controller.snapshot().session.messages.length, 12);
  });

  it('two windows on one conversation: each picks up the other\'s turns, and none is lost on disk', async () => {
    behaviours.push(events([{ type: 'text', text: 'answer 1' }, { type: 'done', finishReason: 'stop' }]));
    await controller.send('question 1');
    await controller.idle();
    const id = controller.currentSessionId;
    await store.flush();
    const otherPosts: HostMessage[] = [];
    const other = makeController({ store: new SessionStore(dir), memory: new MapMemory(), post: (m) => otherPosts.push(m) });
    try {
      assert.equal(await other.openSession(id), true);
      behaviours.push(events([{ type: 'text', text: 'answer 2' }, { type: 'done', finishReason: 'stop' }]));
      await controller.send('question 2');
      await controller.idle();
      await store.flush();
      // The store's watch tells the other window; it shows the new turn.
      await other.storedSessionChanged(id);
      const shown = otherPosts.filter((p): p is Extract<HostMessage, { type: 'session' }> => p.type === 'session').at(-1)!;
      assert.deepEqual(shown.session.messages.map((m) => m.text), ['question 1', 'answer 1', 'question 2', 'answer 2']);
      // A turn from each window at once: both are kept.
      behaviours.push(events([{ type: 'text', text: 'answer 3' }, { type: 'done', finishReason: 'stop' }]));
      behaviours.push(events([{ type: 'text', text: 'answer 4' }, { type: 'done', finishReason: 'stop' }]));
      await Promise.all([controller.send('question 3'), other.send('question 4')]);
      await Promise.all([controller.idle(), other.idle()]);
      await other.dispose();
      await controller.dispose();
      const saved = (await new SessionStore(dir).load(id))!;
      assert.deepEqual(
        saved.messages.map((m) => m.text).sort(),
        ['answer 1', 'answer 2', 'answer 3', 'answer 4', 'question 1', 'question 2', 'question 3', 'question 4'],
      );
    } finally {
      await other.dispose();
    }
  });

  it('Retry after an error replaces the failed answer with a new one', async () => {
    behaviours.push(async function* () {
      yield { type: 'text', text: 'x' } as StreamEvent;
      throw new ClientError('Model service overloaded.', 'overloaded');
    });
    behaviours.push(events([...tokens('text', 'Recovered'), { type: 'done', finishReason: 'stop' }]));
    await controller.send('Q');
    await controller.idle();
    controller.retry();
    await controller.idle();
    assert.deepEqual(requests[1].messages, [{ role: 'user', content: 'Q' }]);
    const saved = await store.load(controller.currentSessionId);
    assert.deepEqual(saved?.messages.map((m) => [m.role, m.text, m.status]), [
      ['user', 'Q', 'complete'],
      ['assistant', 'Recovered', 'complete'],
    ]);
  });

  it('Regenerate streams a new answer for the same question and keeps the previous one as a version', async () => {
    behaviours.push(events([...tokens('text', 'Answer A'), { type: 'done', finishReason: 'stop' }]));
    behaviours.push(events([...tokens('text', 'Answer B'), { type: 'done', finishReason: 'stop' }]));
    await controller.send('Q');
    await controller.idle();
    controller.regenerate();
    await controller.idle();
    assert.equal(requests.length, 2);
    assert.deepEqual(requests[1].messages, requests[0].messages);
    const session = posts.filter((p) => p.type === 'session').pop();
    assert.ok(session && session.type === 'session');
    assert.deepEqual(session.session.messages.map((m) => m.text), ['Q'], 'the old answer makes way for the new one');
    const answer = lastUpdate();
    assert.equal(answer.text, 'Answer B');
    assert.deepEqual(answer.alternatives?.map((v) => v.text), ['Answer A']);
    assert.equal(answer.version, 1);

    // ‹ 1/2 ›: the first answer comes back, and is what the model is sent from now on.
    controller.selectVersion(answer.id, 0);
    const shown = lastUpdate();
    assert.equal(shown.id, answer.id);
    assert.equal(shown.text, 'Answer A');
    assert.deepEqual(shown.alternatives?.map((v) => v.text), ['Answer B']);
    assert.equal(shown.version, 0);
    await controller.send('next');
    await controller.idle();
    assert.deepEqual(requests[2].messages.slice(0, 2), [{ role: 'user', content: 'Q' }, { role: 'assistant', content: 'Answer A' }]);
    // Both versions are on disk, and come back after a reload.
    await controller.dispose();
    const saved = (await new SessionStore(dir).load(controller.currentSessionId))!;
    assert.equal(saved.messages[1].text, 'Answer A');
    assert.deepEqual(saved.messages[1].alternatives?.map((v) => v.text), ['Answer B']);
    assert.equal(saved.messages[1].version, 0);
  });

  it('Retry after a failed regenerate keeps the earlier versions, not the failure', async () => {
    behaviours.push(events([{ type: 'text', text: 'Good answer' }, { type: 'done', finishReason: 'stop' }]));
    behaviours.push(async function* () {
      yield { type: 'text', text: '' } as StreamEvent;
      throw new ClientError('Model service overloaded.', 'overloaded');
    });
    behaviours.push(events([{ type: 'text', text: 'Another answer' }, { type: 'done', finishReason: 'stop' }]));
    await controller.send('Q');
    await controller.idle();
    controller.regenerate();
    await controller.idle();
    assert.equal(lastUpdate().status, 'error');
    controller.retry();
    await controller.idle();
    const answer = lastUpdate();
    assert.equal(answer.text, 'Another answer');
    assert.deepEqual(answer.alternatives?.map((v) => v.text), ['Good answer']);
  });

  it('Edit and resend continues the conversation from the edited message', async () => {
    await controller.send('first');
    await controller.idle();
    await controller.send('second');
    await controller.idle();
    const firstId = controller.snapshot().session.messages[0].id;
    controller.editResend(firstId, 'first, edited');
    await controller.idle();
    assert.deepEqual(requests[2].messages, [{ role: 'user', content: 'first, edited' }]);
    const view = controller.snapshot().session;
    assert.deepEqual(view.messages.map((m) => m.text), ['first, edited', 'default']);
    assert.equal(view.title, 'first, edited');
    // On disk too, and what the store merged back did not bring the dropped turns back.
    await controller.dispose();
    await sleep(10);
    assert.deepEqual(controller.snapshot().session.messages.map((m) => m.text), ['first, edited', 'default']);
    assert.deepEqual((await new SessionStore(dir).load(view.id))?.messages.map((m) => m.text), ['first, edited', 'default']);
  });

  it('one request at a time: sending while an answer streams is refused', async () => {
    behaviours.push(thenHang(tokens('text', 'busy')));
    await controller.send('one');
    assert.equal(await controller.send('two'), false);
    controller.regenerate();
    assert.equal(requests.length, 1);
    assert.deepEqual(posts[posts.length - 1], { type: 'busy', busy: true });
    controller.stop();
  });

  it('a snapshot taken mid-answer (the view re-created) plus later deltas equals the answer, once', async () => {
    const text = 'abcdefghijklmnopqrstuvwxyz'.repeat(4);
    behaviours.push(events([...tokens('text', text, 2), { type: 'done', finishReason: 'stop' }], 2));
    await controller.send('alphabet');
    while (deltas().length < 2) await sleep(2);
    await sleep(7); // some text now buffered but not yet posted
    const snap = controller.snapshot();
    const answerId = snap.session.messages[1].id;
    const before = posts.length;
    await controller.idle();
    const later = posts.slice(before).filter((p): p is Extract<HostMessage, { type: 'delta' }> => p.type === 'delta' && p.messageId === answerId);
    assert.equal(snap.busy, true);
    assert.equal(snap.session.messages[1].text + later.map((d) => d.text ?? '').join(''), text);
  });

  it('saves while streaming; a new host finds the partial answer as interrupted and the draft', async () => {
    behaviours.push(thenHang(tokens('text', 'Partial text before the crash')));
    controller.setDraft('my unsent words');
    await controller.send('Question');
    controller.setDraft('next thought');
    while (!deltas().length) await sleep(5);
    await sleep(100); // a throttled save happens during the stream
    await store.flush();
    // The extension host dies here: no stop, no final save. A new one starts.
    const restarted = makeController();
    await restarted.restore();
    const snap = restarted.snapshot();
    assert.equal(snap.draft, 'next thought');
    assert.equal(snap.busy, false);
    assert.deepEqual(snap.session.messages.map((m) => [m.role, m.text, m.status]), [
      ['user', 'Question', 'complete'],
      ['assistant', 'Partial text before the crash', 'interrupted'],
    ]);
    controller.stop();
  });

  it('pending attachments go with the message, are rendered as fenced blocks, then cleared', async () => {
    const a: ContextAttachment = {
      kind: 'selection', label: 'src/a.ts:3-4', languageId: 'typescript',
      content: 'const s = "```";', truncated: true, originalLength: 90_000,
    };
    controller.addAttachment(a);
    await controller.send('What does this do?');
    await controller.idle();
    const content = requests[0].messages[0].content;
    assert.equal(
      content,
      'Selection `src/a.ts:3-4` (truncated: first 16 of 90000 characters):\n````typescript\nconst s = "```";\n````\n\nWhat does this do?',
    );
    assert.deepEqual(controller.snapshot().pending, []);
    assert.deepEqual(controller.snapshot().session.messages[0].context, [a]);
  });

  it('pending attachments survive a window reload with the draft, until they are sent', async () => {
    const file: ContextAttachment = { kind: 'file', label: 'src/a.ts', languageId: 'typescript', content: 'export const a = 1;', truncated: false, originalLength: 19 };
    const selection: ContextAttachment = { kind: 'selection', label: 'src/b.ts:1-2', languageId: 'typescript', content: 'b()', truncated: true, originalLength: 5000 };
    const other: ContextAttachment = { ...file, label: 'src/c.ts' };
    controller.addAttachment(file);
    controller.addAttachment(other);
    controller.addAttachment(selection);
    controller.removeAttachment(1);
    controller.setDraft('half a question');
    // The window reloads: a new controller reads the workspace state.
    const reloaded = makeController();
    await reloaded.restore();
    assert.deepEqual(reloaded.snapshot().pending, [file, selection]);
    assert.equal(reloaded.snapshot().draft, 'half a question');
    await reloaded.send('What do these do?');
    await reloaded.idle();
    assert.match(contentText(requests[0].messages[0].content), /src\/a\.ts[\s\S]*src\/b\.ts:1-2[\s\S]*What do these do\?$/);
    const afterSend = makeController();
    await afterSend.restore();
    assert.deepEqual(afterSend.snapshot().pending, [], 'sent attachments are not restored again');
    await reloaded.dispose();
  });

  it('damaged pending attachments in the workspace state are dropped, the good ones kept', async () => {
    const good: ContextAttachment = { kind: 'file', label: 'ok.ts', languageId: 'typescript', content: 'ok', truncated: false, originalLength: 2 };
    await memory.update('siliconflow.chat.pending', [good, { kind: 'file', label: 3 }, 'junk', null]);
    const reloaded = makeController();
    await reloaded.restore();
    assert.deepEqual(reloaded.snapshot().pending, [good]);
    await memory.update('siliconflow.chat.pending', { not: 'a list' });
    const again = makeController();
    await again.restore();
    assert.deepEqual(again.snapshot().pending, []);
  });

  it('New Chat starts empty and keeps the old conversation in the history; deleting the open one switches', async () => {
    await controller.send('A question about Rust lifetimes that is rather long, longer than sixty characters');
    await controller.idle();
    const oldId = controller.currentSessionId;
    controller.newChat();
    assert.notEqual(controller.currentSessionId, oldId);
    assert.deepEqual(controller.snapshot().session.messages, []);
    await controller.listHistory();
    const history = posts.filter((p) => p.type === 'history').pop();
    assert.ok(history && history.type === 'history');
    assert.deepEqual(history.sessions.map((s) => s.id), [oldId]);
    assert.equal(history.sessions[0].workspace, 'my-project');
    assert.ok(history.sessions[0].title.length <= 60 && history.sessions[0].title.startsWith('A question about Rust'));
    assert.equal(await controller.openSession(oldId), true);
    assert.equal(controller.currentSessionId, oldId);
    await controller.deleteSession(oldId);
    assert.notEqual(controller.currentSessionId, oldId);
    assert.deepEqual(await store.list(), []);
  });

  const lastHistory = (): Extract<HostMessage, { type: 'history' }> => {
    const found = posts.filter((p): p is Extract<HostMessage, { type: 'history' }> => p.type === 'history');
    return found[found.length - 1];
  };

  it('history: a delete is undone, the open conversation coming back open', async () => {
    behaviours.push(events([{ type: 'text', text: 'About lifetimes.' }, { type: 'done', finishReason: 'stop' }]));
    await controller.send('Rust lifetimes');
    await controller.idle();
    const id = controller.currentSessionId;
    await controller.deleteSession(id);
    assert.notEqual(controller.currentSessionId, id);
    assert.deepEqual(lastHistory().sessions, []);
    assert.deepEqual(lastHistory().deleted, { id, title: 'Rust lifetimes' });
    await controller.restoreSession(id);
    assert.equal(controller.currentSessionId, id, 'reopened');
    assert.deepEqual(lastHistory().sessions.map((s) => [s.id, s.messageCount]), [[id, 2]]);
    assert.deepEqual((await new SessionStore(dir).load(id))?.messages.map((m) => m.text), ['Rust lifetimes', 'About lifetimes.']);
    // An id never deleted here restores nothing.
    await controller.restoreSession('nope');
    assert.equal((await store.list()).length, 1);
  });

  it('history: search finds conversations by title and by the text of their messages; rename', async () => {
    behaviours.push(events([{ type: 'text', text: 'Use a LEFT JOIN here.' }, { type: 'done', finishReason: 'stop' }]));
    await controller.send('SQL question');
    await controller.idle();
    const sqlId = controller.currentSessionId;
    controller.newChat();
    behaviours.push(events([{ type: 'text', text: 'Borrowing rules.' }, { type: 'done', finishReason: 'stop' }]));
    await controller.send('Rust lifetimes');
    await controller.idle();
    await store.flush();
    await controller.listHistory('left join');
    assert.deepEqual(lastHistory().sessions.map((s) => s.id), [sqlId], 'found in the answer text');
    assert.equal(lastHistory().query, 'left join');
    await controller.listHistory('RUST');
    assert.deepEqual(lastHistory().sessions.map((s) => s.title), ['Rust lifetimes'], 'found in the title, any case');
    await controller.listHistory('nowhere');
    assert.deepEqual(lastHistory().sessions, []);
    await controller.listHistory();
    const before = lastHistory().sessions.map((s) => [s.id, s.updatedAt]);
    clock += 60_000; // renamed a minute later
    await controller.renameSession(sqlId, '  Joins   in Postgres ');
    assert.equal((await new SessionStore(dir).load(sqlId))?.title, 'Joins in Postgres');
    assert.ok(lastHistory().sessions.some((s) => s.title === 'Joins in Postgres'));
    await controller.renameSession(controller.currentSessionId, 'Borrow checker');
    assert.equal(controller.snapshot().session.title, 'Borrow checker');
    // A rename is no activity: each conversation keeps its time and its place in the list.
    await controller.listHistory();
    assert.deepEqual(lastHistory().sessions.map((s) => [s.id, s.updatedAt]), before);
  });
});
