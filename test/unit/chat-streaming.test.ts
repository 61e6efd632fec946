// The host side of a streaming answer: deltas reach the webview in few posts with the exact text,
// (the thinking rule itself is tested in prompts-think.test.ts).
import assert from 'node:assert/strict';
import { DeltaCoalescer, type Delta, type Scheduler } from '../../src/chat/deltaCoalescer';

/** A clock driven by hand: timers fire only when the test advances time. */
class ManualClock implements Scheduler {
  now = 0;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.now + ms, fn, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }
  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.now = due.at;
      due.fn();
    }
    this.now = until;
  }
}

describe('DeltaCoalescer', () => {
  it('turns 1000 token events arriving every 2 ms into about one post per interval, text exact', () => {
    const clock = new ManualClock();
    const posts: Delta[] = [];
    const c = new DeltaCoalescer((d) => posts.push(d), 33, clock);
    let expectedText = '';
    let expectedReasoning = '';
    for (let i = 0; i < 1000; i++) {
      const token = `tok${i} `;
      if (i < 300) {
        c.push('reasoning', token);
        expectedReasoning += token;
      } else {
        c.push('text', token);
        expectedText += token;
      }
      clock.advance(2);
    }
    c.flush();
    // 2000 ms of streaming at one post per 33 ms is about 61 posts; far fewer than 1000.
    assert.ok(posts.length <= 2000 / 33 + 2, `${posts.length} posts`);
    assert.ok(posts.length >= 10);
    assert.equal(posts.map((p) => p.text ?? '').join(''), expectedText);
    assert.equal(posts.map((p) => p.reasoning ?? '').join(''), expectedReasoning);
  });

  it('with real timers and a burst of tokens, posts far fewer times than tokens', async () => {
    const posts: Delta[] = [];
    const c = new DeltaCoalescer((d) => posts.push(d), 20);
    let expected = '';
    for (let i = 0; i < 500; i++) {
      const token = `é${i}🙂`;
      c.push('text', token);
      expected += token;
      if (i % 50 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, 40));
    assert.ok(posts.length < 50, `${posts.length} posts`);
    assert.equal(posts.map((p) => p.text ?? '').join(''), expected);
  });

  it('flush posts immediately; discard drops the buffer so a snapshot is not duplicated', () => {
    const clock = new ManualClock();
    const posts: Delta[] = [];
    const c = new DeltaCoalescer((d) => posts.push(d), 33, clock);
    c.push('text', 'a');
    c.flush();
    assert.deepEqual(posts, [{ text: 'a' }]);
    c.push('text', 'b');
    c.discard();
    clock.advance(100);
    assert.deepEqual(posts, [{ text: 'a' }]);
    c.flush();
    assert.equal(posts.length, 1, 'an empty flush posts nothing');
  });
});
