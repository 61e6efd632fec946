// Chat history on disk: nothing a user saw is lost when a write is cut short, an answer that was
// streaming when the host died comes back as 'interrupted' with its text, and the history list is
// rebuilt from the session files when its index is missing, damaged or out of step.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SessionStore } from '../../src/chat/sessionStore';
import type { Session } from '../../src/chat/session';
import type { MessageView } from '../../src/protocol';

const ROOT = path.join(__dirname, '..', '..');

function message(id: string, role: 'user' | 'assistant', text: string, extra: Partial<MessageView> = {}): MessageView {
  return { id, role, text, status: 'complete', createdAt: 1000, ...extra };
}

function session(id: string, messages: MessageView[], updatedAt = 2000): Session {
  return { id, title: `Title of ${id}`, createdAt: 1000, updatedAt, workspace: 'my-project', messages };
}

describe('SessionStore', () => {
  let dir: string;
  let warnings: string[];
  let store: SessionStore;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sf-sessions-'));
    warnings = [];
    store = new SessionStore(dir, { warn: (m) => warnings.push(m) });
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  const sessionPath = (id: string): string => path.join(dir, 'sessions', `${id}.json`);

  it('saves and loads a conversation and lists it newest first with its workspace', async () => {
    const a = session('a1', [message('u1', 'user', 'hello'), message('m1', 'assistant', 'hi', { usage: { inputTokens: 3, outputTokens: 1 } })], 2000);
    const b = session('b2', [message('u2', 'user', 'second')], 3000);
    await store.save(a);
    await store.save(b);
    assert.deepEqual(await store.load('a1'), a);
    const list = await store.list();
    assert.deepEqual(
      list.map((s) => [s.id, s.title, s.workspace, s.messageCount]),
      [['b2', 'Title of b2', 'my-project', 1], ['a1', 'Title of a1', 'my-project', 2]],
    );
    // A fresh store (a new window, a restarted host) sees the same.
    const again = new SessionStore(dir);
    assert.deepEqual(await again.load('a1'), a);
    assert.equal((await again.list()).length, 2);
  });

  it('an answer saved while streaming comes back interrupted, with its partial text and reasoning', async () => {
    await store.save(
      session('s1', [
        message('u1', 'user', 'Explain monads'),
        message('m1', 'assistant', 'A monad is a', { status: 'streaming', reasoning: 'The user wants', model: 'Qwen/Qwen3-8B' }),
      ]),
    );
    const reloaded = await new SessionStore(dir).load('s1');
    assert.ok(reloaded);
    const answer = reloaded.messages[1];
    assert.equal(answer.status, 'interrupted');
    assert.equal(answer.text, 'A monad is a');
    assert.equal(answer.reasoning, 'The user wants');
    assert.equal(reloaded.messages[0].text, 'Explain monads');
  });

  it('a write cut short before its rename (leftover partial temp file) leaves the previous version', async () => {
    const v1 = session('s1', [message('u1', 'user', 'version one')]);
    await store.save(v1);
    // What a crash in the middle of the next write leaves: a half-written temp file beside the target.
    const v2 = JSON.stringify({ format: 1, session: session('s1', [message('u1', 'user', 'version two')]) });
    await fs.writeFile(`${sessionPath('s1')}.abc123.tmp`, v2.slice(0, v2.length / 2));
    await fs.writeFile(path.join(dir, 'index.json.def456.tmp'), '{"format":1,"sess');
    const fresh = new SessionStore(dir);
    assert.deepEqual(await fresh.load('s1'), v1);
    assert.deepEqual((await fresh.list()).map((s) => s.id), ['s1']);
  });

  it('a damaged session file (truncated at any length) falls back to the previous good version', async () => {
    const v1 = session('s1', [message('u1', 'user', 'version one')], 2000);
    const v2 = session('s1', [message('u1', 'user', 'version one'), message('m1', 'assistant', 'answer two')], 3000);
    await store.save(v1);
    await store.save(v2);
    const full = await fs.readFile(sessionPath('s1'), 'utf8');
    for (const cut of [0, 1, 10, Math.floor(full.length / 2), full.length - 1]) {
      await fs.writeFile(sessionPath('s1'), full.slice(0, cut));
      assert.deepEqual(await new SessionStore(dir).load('s1'), v1, `cut at ${cut}`);
    }
    // And the next save writes a good file again.
    const v3 = session('s1', [...v2.messages, message('u2', 'user', 'three')], 4000);
    await store.save(v3);
    assert.deepEqual(await new SessionStore(dir).load('s1'), v3);
  });

  it('survives the process being killed at random points while it saves', async function () {
    this.timeout(60_000);
    // A child process saves a growing conversation in a loop and prints each save it completed; it
    // is killed with SIGKILL mid-way. Whatever it acknowledged must load back, intact.
    const child = `
      const { SessionStore } = require(${JSON.stringify(path.join(ROOT, 'src/chat/sessionStore.ts'))});
      const store = new SessionStore(process.argv[1]);
      (async () => {
        const messages = [];
        for (let i = 0; ; i++) {
          messages.push({ id: 'm' + i, role: i % 2 ? 'assistant' : 'user', text: 'x'.repeat(2000) + i, status: 'streaming', createdAt: i });
          await store.save({ id: 'crash', title: 't', createdAt: 0, updatedAt: i, messages });
          process.stdout.write(i + '\\n');
        }
      })();`;
    for (let round = 0; round < 6; round++) {
      const proc = spawn(process.execPath, ['--require', 'tsx/cjs', '-e', child, dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
      let acknowledged = -1;
      let out = '';
      proc.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const lines = out.split('\n').filter(Boolean);
        acknowledged = Number(lines[lines.length - 1]);
      });
      // Kill somewhere after a few saves completed, at a random moment.
      await new Promise<void>((resolve) => {
        const wait = (): void => {
          if (acknowledged >= 2 + round) setTimeout(() => { proc.kill('SIGKILL'); resolve(); }, Math.random() * 30);
          else setTimeout(wait, 5);
        };
        wait();
      });
      await new Promise((r) => proc.once('exit', r));
      const loaded = await new SessionStore(dir).load('crash');
      assert.ok(loaded, `round ${round}: nothing loadable`);
      assert.ok(loaded.messages.length >= acknowledged + 1, `round ${round}: lost acknowledged save ${acknowledged}`);
      assert.ok(loaded.messages.every((m) => m.status === 'interrupted'));
      assert.equal(loaded.messages[loaded.messages.length - 1].text, 'x'.repeat(2000) + (loaded.messages.length - 1));
      assert.deepEqual((await new SessionStore(dir).list()).map((s) => s.id), ['crash']);
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('rebuilds a missing or damaged index from the session files', async () => {
    await store.save(session('a1', [message('u1', 'user', 'one')], 2000));
    await store.save(session('b2', [message('u2', 'user', 'two')], 3000));
    await store.list(); // folds the log into index.json
    await fs.rm(path.join(dir, 'index.log'), { force: true });
    await fs.rm(path.join(dir, 'index.json'));
    assert.deepEqual((await new SessionStore(dir).list()).map((s) => s.id), ['b2', 'a1']);
    await fs.writeFile(path.join(dir, 'index.json'), '{"format":1,"sessions":[{"id":"b2","tit');
    assert.deepEqual((await new SessionStore(dir).list()).map((s) => s.id), ['b2', 'a1']);
    await fs.writeFile(path.join(dir, 'index.json'), '{"format":1,"sessions":[{"id":"__proto__"}]}');
    assert.deepEqual((await new SessionStore(dir).list()).map((s) => s.id), ['b2', 'a1']);
    // The rebuilt index is written back.
    const index = JSON.parse(await fs.readFile(path.join(dir, 'index.json'), 'utf8')) as { sessions: { id: string }[] };
    assert.deepEqual(index.sessions.map((s) => s.id), ['b2', 'a1']);
  });

  it('reconciles an index that is out of step with the files (crash between the two writes)', async () => {
    await store.save(session('a1', [message('u1', 'user', 'one')], 2000));
    await store.list();
    const staleIndex = await fs.readFile(path.join(dir, 'index.json'), 'utf8');
    await store.save(session('b2', [message('u2', 'user', 'two')], 3000));
    await store.list();
    await fs.writeFile(path.join(dir, 'index.json'), staleIndex); // the index line for b2 never reached the disk
    await fs.rm(path.join(dir, 'index.log'), { force: true });
    assert.deepEqual((await new SessionStore(dir).list()).map((s) => s.id), ['b2', 'a1']);
    await fs.rm(sessionPath('a1'));
    await fs.rm(`${sessionPath('a1')}.bak`, { force: true });
    assert.deepEqual((await new SessionStore(dir).list()).map((s) => s.id), ['b2']);
  });

  it('deletes a session and its backup, and keeps the others', async () => {
    await store.save(session('a1', [message('u1', 'user', 'one')]));
    await store.save(session('a1', [message('u1', 'user', 'one again')]));
    await store.save(session('b2', [message('u2', 'user', 'two')]));
    await store.delete('a1');
    assert.equal(await store.load('a1'), undefined);
    assert.deepEqual((await new SessionStore(dir).list()).map((s) => s.id), ['b2']);
    assert.deepEqual((await fs.readdir(path.join(dir, 'sessions'))).filter((n) => n.startsWith('a1')), []);
  });

  it('saves made back to back land in order: the last one wins', async () => {
    const saves: Promise<unknown>[] = [];
    for (let i = 0; i < 30; i++) saves.push(store.save(session('s1', [message('u1', 'user', `v${i}`)], 1000 + i)));
    await Promise.all(saves);
    assert.equal((await new SessionStore(dir).load('s1'))?.messages[0].text, 'v29');
  });

  it('refuses ids that could name another file', async () => {
    await fs.writeFile(path.join(dir, 'secret.json'), JSON.stringify({ format: 1, session: session('x', []) }));
    assert.equal(await store.load('../secret'), undefined);
    await store.delete('../secret');
    assert.ok(await fs.stat(path.join(dir, 'secret.json')));
    await assert.rejects(store.save(session('../evil', [])));
  });

  it('drops damaged messages but keeps the rest of a session', async () => {
    await fs.mkdir(path.join(dir, 'sessions'), { recursive: true });
    const raw = {
      format: 1,
      session: {
        id: 's1', title: 't', createdAt: 1, updatedAt: 2,
        messages: [message('u1', 'user', 'kept'), { id: 'bad', role: 'system', text: 'x', status: 'complete' }, { id: 'm2' }],
      },
    };
    await fs.writeFile(sessionPath('s1'), JSON.stringify(raw));
    const loaded = await store.load('s1');
    assert.deepEqual(loaded?.messages.map((m) => m.text), ['kept']);
  });
});
