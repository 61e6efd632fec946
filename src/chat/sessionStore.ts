// Chat history on disk, in one folder (the extension's global storage, shared by all windows):
//   sessions/<id>.json      one conversation, replaced atomically on each save
//   sessions/<id>.json.bak  the version before the last save (recovery if the file is damaged)
//   index.json              summaries for the history list; a cache, rebuilt from the session
//                           files whenever it is missing, unreadable or lists other sessions
// Saves are queued so they reach the disk in the order they were made. No 'vscode' import.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { SessionSummary } from '../protocol';
import { BACKUP_SUFFIX, removeStaleTempFiles, writeFileAtomic } from './atomicFile';
import { readSession, readSummary, toSummary, type Session } from './session';
import { ID_PATTERN } from './validate';

const FORMAT = 1;
const SESSION_FILE = /^([A-Za-z0-9_-]{1,64})\.json$/;
const STALE_TEMP_MS = 60_000;

export interface StoreLog {
  warn(message: string): void;
}

export class SessionStore {
  private readonly sessionsDir: string;
  private readonly indexFile: string;
  private queue: Promise<unknown> = Promise.resolve();
  private cleaned = false;
  /** Ids whose file and backup are both unreadable: left on disk for a human, kept out of the index. */
  private readonly unreadable = new Set<string>();

  constructor(
    readonly folder: string,
    private readonly log: StoreLog = { warn: () => undefined },
  ) {
    this.sessionsDir = path.join(folder, 'sessions');
    this.indexFile = path.join(folder, 'index.json');
  }

  /** Summaries of every stored session, most recently updated first. */
  list(): Promise<SessionSummary[]> {
    return this.enqueue(() => this.readIndex());
  }

  /** The session, or undefined when it does not exist or neither its file nor its backup is readable. */
  load(id: string): Promise<Session | undefined> {
    if (!ID_PATTERN.test(id)) return Promise.resolve(undefined);
    return this.enqueue(() => this.readSessionFile(id));
  }

  /** Writes the session (a snapshot is taken now, so later changes to it are not half-saved). */
  save(session: Session): Promise<void> {
    if (!ID_PATTERN.test(session.id)) return Promise.reject(new Error('invalid session id'));
    const data = JSON.stringify({ format: FORMAT, session });
    const summary = toSummary(session);
    return this.enqueue(async () => {
      await writeFileAtomic(this.sessionFile(session.id), data, { backup: true });
      this.unreadable.delete(session.id);
      const index = await this.readIndex();
      await this.writeIndex([summary, ...index.filter((s) => s.id !== session.id)]);
    });
  }

  delete(id: string): Promise<void> {
    if (!ID_PATTERN.test(id)) return Promise.resolve();
    return this.enqueue(async () => {
      const file = this.sessionFile(id);
      await fs.rm(file, { force: true });
      await fs.rm(file + BACKUP_SUFFIX, { force: true });
      const index = await this.readIndex();
      await this.writeIndex(index.filter((s) => s.id !== id));
    });
  }

  /** Resolves when every save queued so far is on disk. */
  async flush(): Promise<void> {
    await this.enqueue(async () => undefined);
  }

  private enqueue<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op, op);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private sessionFile(id: string): string {
    return path.join(this.sessionsDir, `${id}.json`);
  }

  private async readSessionFile(id: string): Promise<Session | undefined> {
    const file = this.sessionFile(id);
    for (const candidate of [file, file + BACKUP_SUFFIX]) {
      let text: string;
      try {
        text = await fs.readFile(candidate, 'utf8');
      } catch {
        continue;
      }
      try {
        const parsed: unknown = JSON.parse(text);
        const session = readSession((parsed as { session?: unknown } | null)?.session, id);
        if (session) return session;
      } catch {
        // Damaged (a write cut short by something other than us): fall through to the backup.
      }
      this.log.warn(`chat history: ${path.basename(candidate)} is unreadable`);
    }
    this.unreadable.add(id);
    return undefined;
  }

  /** Ids that have a session file or, failing that, a backup. */
  private async storedIds(): Promise<Set<string>> {
    const ids = new Set<string>();
    let names: string[] = [];
    try {
      names = await fs.readdir(this.sessionsDir);
    } catch {
      return ids;
    }
    for (const name of names) {
      const match = SESSION_FILE.exec(name.endsWith(BACKUP_SUFFIX) ? name.slice(0, -BACKUP_SUFFIX.length) : name);
      if (match && !this.unreadable.has(match[1])) ids.add(match[1]);
    }
    return ids;
  }

  private async readIndex(): Promise<SessionSummary[]> {
    if (!this.cleaned) {
      this.cleaned = true;
      await removeStaleTempFiles(this.sessionsDir, STALE_TEMP_MS);
      await removeStaleTempFiles(this.folder, STALE_TEMP_MS);
    }
    const ids = await this.storedIds();
    let index: SessionSummary[] | undefined;
    try {
      const parsed: unknown = JSON.parse(await fs.readFile(this.indexFile, 'utf8'));
      const entries = (parsed as { sessions?: unknown } | null)?.sessions;
      if (Array.isArray(entries)) {
        const summaries = entries.map(readSummary);
        if (summaries.every((s) => s !== undefined)) index = summaries as SessionSummary[];
      }
    } catch {
      index = undefined;
    }
    // Another window, or a crash between a session write and the index write, can leave the index
    // out of step with the files; the files are the truth.
    const inStep = index !== undefined && index.length === ids.size && index.every((s) => ids.has(s.id));
    if (index && inStep) return sortByUpdate(index);
    const rebuilt: SessionSummary[] = [];
    for (const id of ids) {
      const session = await this.readSessionFile(id);
      if (session) rebuilt.push(toSummary(session));
    }
    if (index !== undefined || ids.size > 0) this.log.warn('chat history: index rebuilt from the session files');
    await this.writeIndex(rebuilt);
    return sortByUpdate(rebuilt);
  }

  private async writeIndex(summaries: SessionSummary[]): Promise<void> {
    await writeFileAtomic(this.indexFile, JSON.stringify({ format: FORMAT, sessions: sortByUpdate(summaries) }));
  }
}

function sortByUpdate(list: SessionSummary[]): SessionSummary[] {
  return [...list].sort((a, b) => b.updatedAt - a.updatedAt);
}
