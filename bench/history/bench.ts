// Chat history: what saving a new conversation costs with many stored ones, against the same save
// with few (same run, same disk). A save appends one index line and writes one file, so the ratio
// should stay near 1× however long the history is.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Session } from '../../src/chat/session';
import { SessionStore } from '../../src/chat/sessionStore';

export interface HistoryResult {
  /** Median ms to save a new conversation, by the number of conversations already stored. */
  saveMs: { few: number; many: number };
  sessions: { few: number; many: number };
  saves: number;
}

function conversation(id: string, updatedAt: number): Session {
  return {
    id,
    title: `Conversation ${id}`,
    createdAt: updatedAt,
    updatedAt,
    messages: [
      { id: `${id}-q`, role: 'user', text: 'How do I reverse a list in Python? '.repeat(4), status: 'complete', createdAt: updatedAt },
      { id: `${id}-a`, role: 'assistant', text: 'Use `reversed(xs)` or `xs[::-1]`. '.repeat(20), status: 'complete', createdAt: updatedAt },
    ],
  };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function medianSaveMs(existing: number, saves: number): Promise<number> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sf-bench-history-'));
  try {
    const seed = new SessionStore(dir);
    for (let i = 0; i < existing; i++) await seed.save(conversation(`old-${i}`, 1_000 + i));
    await seed.list(); // as after a window's first look at the history
    // A new window: nothing cached in memory.
    const store = new SessionStore(dir);
    const times: number[] = [];
    for (let i = 0; i < saves; i++) {
      const started = performance.now();
      await store.save(conversation(`new-${i}`, 10_000_000 + i));
      times.push(performance.now() - started);
    }
    return median(times);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

export async function benchHistory(options: { quick: boolean; log: (line: string) => void }): Promise<HistoryResult> {
  const sessions = { few: 20, many: options.quick ? 300 : 1_000 };
  const saves = options.quick ? 15 : 40;
  options.log(`history: saving ${saves} new conversations beside ${sessions.few} and beside ${sessions.many} stored ones…`);
  await medianSaveMs(5, 5); // warm-up: the first saves of a process pay for loading and JIT
  const few = await medianSaveMs(sessions.few, saves);
  const many = await medianSaveMs(sessions.many, saves);
  return { saveMs: { few, many }, sessions, saves };
}
