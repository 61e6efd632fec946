// Two windows share the chat history folder: the same conversation saved from both loses no turn,
// the history list merges per session, a damaged file is moved aside and reported once, and a save
// does not read the other sessions.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mergeSessions, type Session } from '../../src/chat/session';
import { SessionStore } from '../../src/chat/sessionStore';
import type { MessageView } from '../../src/protocol';

const ROOT = path.join(__dirname, '..', '..');

function message(id: string, role: 'user' | 'assistant', text = id, extra: Partial<MessageView> = {}): MessageView {
  return { id, role, text, status: 'complete', createdAt: 1000, ...extra };
}

function session(id: string, messages: MessageView[], updatedAt = 2000): Session {
  return { id, title: `Title of ${id}`, createdAt: 1000, updatedAt, messages };
}

/** A window's save loop in its own process: appends question/answer pairs to its copy and saves each time. */
const WINDOW = `
  const { SessionStore } = require(${JSON.stringify(path.join(ROOT, 'src/chat/sessionStore.ts'))});
  const [folder, name, pairs] = process.argv.slice(1);
  const store = new SessionStore(folder);
  (async () => {
    let s = await store.load('shared');
    for (let i = 0; i < Number(pairs); i++) {
      s.messages.push({ id: name + '-q' + i, role: 'user', text: name + ' question ' + i, status: 'complete', createdAt: Date.now() });
      s.messages.push({ id: name + '-a' + i, role: 'assistant', text: name + ' answer ' + i, status: 'complete', createdAt: Date.now() });
      s.updatedAt = Date.now();
      // As the chat does: what the store merged in is taken into the window's copy.
      const merged = await store.save(s);
      if (merged) s = merged;
    }
    process.stdout.write('done');
  })().catch((e) => { console.error(e); process.exit(1); });`;

function runWindow(folder: string, name: string, pairs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--require', 'tsx/cjs', '-e', WINDOW, folder, name, String(pairs)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.on('exit', (code) => (code === 0 && out === 'done' ? resolve() : reject(new Error(`window ${name} exited with ${code}`))));
  });
}

describe('SessionStore: two windows', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sf-two-windows-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('two processes saving the same conversation concurrently lose no message', async function () {
    this.timeout(120_000);
    await new SessionStore(dir).save(session('shared', [message('first', 'user'), message('first-answer', 'assistant')]));
    await Promise.all([runWindow(dir, 'A', 25), runWindow(dir, 'B', 25)]);
    const final = (await new SessionStore(dir).load('shared'))!;
    const ids = final.messages.map((m) => m.id);
    assert.equal(new Set(ids).size, ids.length, 'no message twice');
    const missing = ['A', 'B'].flatMap((w) => Array.from({ length: 25 }, (_, i) => [`${w}-q${i}`, `${w}-a${i}`]).flat()).filter((id) => !ids.includes(id));
    assert.deepEqual(missing, [], `${missing.length} of 100 messages lost`);
    assert.deepEqual(ids.slice(0, 2), ['first', 'first-answer']);
    // Each question is still followed by its own answer.
    for (const [i, id] of ids.entries()) if (id.includes('-q')) assert.equal(ids[i + 1], id.replace('-q', '-a'));
    const [summary] = await new SessionStore(dir).list();
    assert.equal(summary.messageCount, 102, 'the history list counts every message');
  });

  it('merges message by message: both sides kept in order, removed ones stay removed, finished beats streaming', () => {
    const base = [message('q1', 'user'), message('a1', 'assistant')];
    const theirs: Session = { ...session('s', [...base, message('q3', 'user'), message('a3', 'assistant', 'done', { status: 'complete' })], 3000), removedIds: ['old'] };
    const ours: Session = session('s', [...base, message('old', 'assistant'), message('q2', 'user'), message('a2', 'assistant'), message('a3', 'assistant', 'do', { status: 'streaming' })], 2500);
    ours.title = 'renamed earlier';
    const merged = mergeSessions(theirs, ours);
    assert.deepEqual(merged.messages.map((m) => m.id), ['q1', 'a1', 'q2', 'a2', 'q3', 'a3']);
    assert.equal(merged.messages[5].text, 'done');
    assert.equal(merged.updatedAt, 3000);
    assert.equal(merged.title, 'Title of s', 'the title of the copy updated last');
  });

  it('the other window is told when a conversation changes, not about its own saves', async () => {
    const a = new SessionStore(dir);
    const b = new SessionStore(dir);
    await a.save(session('s1', [message('q1', 'user')]));
    const seen: string[] = [];
    const stop = a.watch((id) => seen.push(id));
    try {
      await new Promise((r) => setTimeout(r, 100));
      await a.save(session('s1', [message('q1', 'user'), message('a1', 'assistant')]));
      await new Promise((r) => setTimeout(r, 400));
      assert.deepEqual(seen, [], 'its own save is not reported');
      await b.save(session('s1', [message('q1', 'user'), message('a1', 'assistant'), message('q2', 'user')], 3000));
      const deadline = Date.now() + 5000;
      while (seen.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(seen, ['s1']);
    } finally {
      stop();
    }
  });

  it('the history list merges each session by its newest update, across windows', async () => {
    const a = new SessionStore(dir);
    const b = new SessionStore(dir);
    await a.save(session('s1', [message('q1', 'user')], 2000));
    await b.save(session('s2', [message('x', 'user')], 2500));
    await b.save(session('s1', [message('q1', 'user'), message('a1', 'assistant'), message('q2', 'user')], 4000));
    await a.delete('s2');
    for (const store of [a, b, new SessionStore(dir)]) {
      assert.deepEqual((await store.list()).map((s) => [s.id, s.messageCount, s.updatedAt]), [['s1', 3, 4000]]);
    }
  });

  it('a damaged session file is moved aside, the backup used, and the user told once', async () => {
    const told: [string, boolean][] = [];
    const store = new SessionStore(dir, { warn: () => undefined, damaged: (id, recovered) => told.push([id, recovered]) });
    const v1 = session('s1', [message('q1', 'user')], 2000);
    await store.save(v1);
    await store.save(session('s1', [message('q1', 'user'), message('a1', 'assistant')], 3000));
    const file = path.join(dir, 'sessions', 's1.json');
    await fs.writeFile(file, '{"format":1,"sess');
    const again = new SessionStore(dir, { warn: () => undefined, damaged: (id, recovered) => told.push([id, recovered]) });
    assert.deepEqual(await again.load('s1'), v1);
    assert.deepEqual(await again.load('s1'), v1);
    assert.deepEqual((await again.list()).map((s) => s.id), ['s1']);
    assert.deepEqual(told, [['s1', true]], 'told once');
    const names = await fs.readdir(path.join(dir, 'sessions'));
    const aside = names.filter((n) => n.startsWith('s1.json.damaged-'));
    assert.equal(aside.length, 1, names.join());
    assert.equal(await fs.readFile(path.join(dir, 'sessions', aside[0]), 'utf8'), '{"format":1,"sess', 'kept for a human');
  });

  it('saving a new conversation reads none of the other sessions', async () => {
    const store = new SessionStore(dir);
    for (let i = 0; i < 40; i++) await store.save(session(`old${i}`, [message(`q${i}`, 'user')], 1000 + i));
    assert.equal((await store.list()).length, 40);
    // Damage every stored session: a save that read them would notice (and move them aside).
    for (let i = 0; i < 40; i++) await fs.writeFile(path.join(dir, 'sessions', `old${i}.json`), 'not json');
    const warnings: string[] = [];
    const fresh = new SessionStore(dir, { warn: (m) => warnings.push(m) });
    await fresh.save(session('new', [message('n', 'user')], 9000));
    await fresh.save(session('new2', [message('n2', 'user')], 9001));
    assert.deepEqual(warnings, []);
    const names = await fs.readdir(path.join(dir, 'sessions'));
    assert.equal(names.filter((n) => n.includes('.damaged-')).length, 0, 'no other session was read');
    assert.equal((await fresh.list()).length, 42, 'the list has every session from the index');
  });
});
