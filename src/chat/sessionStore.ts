// Chat history on disk, in one folder (the extension's global storage, shared by all windows):
//   sessions/<id>.json      one conversation, replaced atomically on each save
//   sessions/<id>.json.bak  the version before the last save (recovery if the file is damaged)
//   sessions/<id>.lock      held while a window merges and writes that conversation
//   index.json              summaries for the history list (compacted)
//   index.log               summaries appended since, one JSON line each: a save appends one line
//                           (O(1), whatever the number of sessions); the list merges both per
//                           session, newest update first, and folds the log into index.json now and then
// Two windows may have the same conversation open: a save merges, message by message, with what
// another window wrote since (sessions/<id>.json changed under us), under the lock, so no turn is
// lost; the caller gets the merged conversation back. Saves are queued so they reach the disk in
// the order they were made. No 'vscode' import.
import { watch, type FSWatcher, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { SessionSummary } from '../protocol';
import { BACKUP_SUFFIX, removeStaleTempFiles, writeFileAtomic } from './atomicFile';
import { mergeSessions, readSession, readSummary, toSummary, type Session } from './session';
import { ID_PATTERN } from './validate';

const FORMAT = 1;
const SESSION_FILE = /^([A-Za-z0-9_-]{1,64})\.json$/;
const STALE_TEMP_MS = 60_000;
/** A lock older than this is taken to be left by a window that died mid-save. */
const LOCK_STALE_MS = 10_000;
/** How long a save waits for another window's lock before writing anyway (merging still applies). */
const LOCK_WAIT_MS = 5_000;
/** Sessions whose last written copy a store keeps in memory (the ones being worked on). */
const WRITTEN_KEPT = 8;
/** index.log is folded into index.json once it has this many lines. */
const LOG_COMPACT_LINES = 200;
export const DAMAGED_SUFFIX = '.damaged';
/** The lock name for folding the index (not a session id: those are UUIDs). */
const INDEX_LOCK = '_index';

export interface StoreLog {
  warn(message: string): void;
  /**
   * A session file could not be read and was moved aside (`<id>.json.damaged-<time>`); called once
   * per file, with the conversation's id and whether an older copy (the backup) was used instead.
   */
  damaged?(id: string, recovered: boolean): void;
}

/** Summary line of index.log: a summary, or a deletion at a time. */
type LogEntry = SessionSummary | { id: string; deleted: true; updatedAt: number };

/** What identifies one version of a file without reading it. */
function stamp(stat: { mtimeMs: number; size: number; ino: number }): string {
  return `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function isErrno(e: unknown, code: string): boolean {
  return typeof e === 'object' && e !== null && (e as NodeJS.ErrnoException).code === code;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return !isErrno(e, 'ESRCH');
  }
}

export class SessionStore {
  private readonly sessionsDir: string;
  private readonly indexFile: string;
  private readonly logFile: string;
  private queue: Promise<unknown> = Promise.resolve();
  private cleaned = false;
  /** The stamp of each session file as this store last wrote it: unchanged means nobody else wrote it. */
  private readonly known = new Map<string, string>();
  /**
   * What this store last wrote per session (the few most recent). A save merges with it even when
   * nobody else wrote: a caller may save a copy taken before it took in the previous save's merge.
   */
  private readonly written = new Map<string, Session>();
  private watcher: FSWatcher | undefined;

  constructor(
    readonly folder: string,
    private readonly log: StoreLog = { warn: () => undefined },
  ) {
    this.sessionsDir = path.join(folder, 'sessions');
    this.indexFile = path.join(folder, 'index.json');
    this.logFile = path.join(folder, 'index.log');
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

  /**
   * Writes the session (a snapshot is taken now, so later changes to it are not half-saved). When
   * the stored copy changed since this store last wrote it (another window saved), the two are
   * merged message by message and the merged session is what is written and returned; otherwise
   * resolves to undefined.
   */
  save(session: Session): Promise<Session | undefined> {
    if (!ID_PATTERN.test(session.id)) return Promise.reject(new Error('invalid session id'));
    const ours = JSON.parse(JSON.stringify(session)) as Session;
    return this.enqueue(async () => {
      let merged: Session | undefined;
      await this.withLock(session.id, async () => {
        const theirs = await this.readIfChanged(session.id);
        if (theirs) {
          const result = mergeSessions(theirs, ours);
          if (JSON.stringify(result) !== JSON.stringify(ours)) merged = result;
        }
        await this.writeSession(merged ?? ours);
      });
      await this.appendLog(toSummary(merged ?? ours));
      // A copy: the caller's changes must not reach what this store remembers having written.
      return merged && (JSON.parse(JSON.stringify(merged)) as Session);
    });
  }

  delete(id: string): Promise<void> {
    if (!ID_PATTERN.test(id)) return Promise.resolve();
    return this.enqueue(async () => {
      const file = this.sessionFile(id);
      await fs.rm(file, { force: true });
      await fs.rm(file + BACKUP_SUFFIX, { force: true });
      this.known.delete(id);
      this.written.delete(id);
      await this.appendLog({ id, deleted: true, updatedAt: Date.now() });
    });
  }

  /** Resolves when every save queued so far is on disk. */
  async flush(): Promise<void> {
    await this.enqueue(async () => undefined);
  }

  /**
   * Calls `listener` with the id of a session another window (or process) changed on disk; changes
   * this store wrote itself are not reported. Returns a function that stops watching.
   */
  watch(listener: (id: string) => void): () => void {
    const timers = new Map<string, ReturnType<typeof setTimeout>>();
    const check = (id: string): void => {
      timers.delete(id);
      void this.enqueue(async () => {
        try {
          const current = stamp(await fs.stat(this.sessionFile(id)));
          if (current !== this.known.get(id)) listener(id);
        } catch {
          // Deleted: the history list shows it at its next refresh.
        }
      });
    };
    void fs.mkdir(this.sessionsDir, { recursive: true }).then(() => {
      try {
        this.watcher = watch(this.sessionsDir, (_event, name) => {
          const match = typeof name === 'string' ? SESSION_FILE.exec(name) : null;
          if (!match) return;
          const id = match[1];
          clearTimeout(timers.get(id));
          timers.set(id, setTimeout(() => check(id), 100));
        });
        this.watcher.on('error', () => undefined);
      } catch (e) {
        this.log.warn(`chat history: cannot watch for other windows' changes: ${String(e)}`);
      }
    });
    return () => {
      for (const timer of timers.values()) clearTimeout(timer);
      this.watcher?.close();
      this.watcher = undefined;
    };
  }

  private enqueue<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op, op);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private sessionFile(id: string): string {
    return path.join(this.sessionsDir, `${id}.json`);
  }

  // ---- one conversation ----

  /**
   * Runs `op` holding `sessions/<id>.lock` (created exclusively; holds the owner's pid). A lock
   * whose owner is gone, or that is older than LOCK_STALE_MS, is taken over; after LOCK_WAIT_MS
   * `op` runs anyway (the merge still protects the other window's turns, short of a true race).
   */
  private async withLock<T>(id: string, op: () => Promise<T>): Promise<T> {
    await fs.mkdir(this.sessionsDir, { recursive: true });
    const lock = path.join(this.sessionsDir, `${id}.lock`);
    const started = Date.now();
    let held = false;
    for (let attempt = 0; !held; attempt++) {
      try {
        const handle = await fs.open(lock, 'wx');
        await handle.writeFile(String(process.pid));
        await handle.close();
        held = true;
      } catch (e) {
        if (!isErrno(e, 'EEXIST')) break;
        if (await this.lockIsStale(lock)) {
          // Renamed first, so two windows cannot both remove it and then both create one.
          const aside = `${lock}.${process.pid}.${attempt}.stale`;
          await fs.rename(lock, aside).then(() => fs.rm(aside, { force: true }), () => undefined);
          continue;
        }
        if (Date.now() - started > LOCK_WAIT_MS) {
          this.log.warn('chat history: another window holds a session lock; saving without it');
          break;
        }
        await sleep(5 + Math.random() * 15);
      }
    }
    try {
      return await op();
    } finally {
      if (held) await fs.rm(lock, { force: true });
    }
  }

  private async lockIsStale(lock: string): Promise<boolean> {
    try {
      const [text, stat] = await Promise.all([fs.readFile(lock, 'utf8'), fs.stat(lock)]);
      const pid = Number(text);
      if (Date.now() - stat.mtimeMs > LOCK_STALE_MS) return true;
      // An empty file is a lock being written right now, not a dead one.
      return text !== '' && Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && !processAlive(pid);
    } catch {
      return false; // Gone meanwhile: the next attempt takes it.
    }
  }

  private async writeSession(session: Session): Promise<void> {
    const file = this.sessionFile(session.id);
    await writeFileAtomic(file, JSON.stringify({ format: FORMAT, session }), { backup: true });
    this.written.delete(session.id);
    this.written.set(session.id, session);
    if (this.written.size > WRITTEN_KEPT) this.written.delete(this.written.keys().next().value as string);
    try {
      this.known.set(session.id, stamp(await fs.stat(file)));
    } catch {
      this.known.delete(session.id);
    }
  }

  /**
   * The stored session: what this store wrote last when the file has not changed since (no read),
   * else the file as it is now; undefined when there is none.
   */
  private async readIfChanged(id: string): Promise<Session | undefined> {
    let current: string;
    try {
      current = stamp(await fs.stat(this.sessionFile(id)));
    } catch {
      return undefined;
    }
    const written = this.written.get(id);
    if (written && current === this.known.get(id)) return written;
    return this.readSessionFile(id);
  }

  private async readSessionFile(id: string): Promise<Session | undefined> {
    const file = this.sessionFile(id);
    let damaged = false;
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
        // `known` is not updated by a read: the caller has not taken this copy in yet, so the next
        // save must still merge with it.
        if (session) {
          if (damaged) this.log.damaged?.(id, true);
          return session;
        }
      } catch {
        // Damaged (a write cut short by something other than us, a disk error): moved aside below.
      }
      this.log.warn(`chat history: ${path.basename(candidate)} is unreadable; moved aside`);
      // Out of the way of later saves and lists, but kept for a human: nothing is deleted.
      await fs.rename(candidate, `${candidate}${DAMAGED_SUFFIX}-${Date.now()}`).catch(() => undefined);
      damaged = true;
    }
    this.known.delete(id);
    if (damaged) this.log.damaged?.(id, false);
    return undefined;
  }

  // ---- the history list ----

  private async appendLog(entry: LogEntry): Promise<void> {
    await fs.mkdir(this.folder, { recursive: true });
    // One write of one short line with O_APPEND: lines from several windows do not interleave.
    await fs.appendFile(this.logFile, JSON.stringify(entry) + '\n', { encoding: 'utf8', mode: 0o600 });
  }

  private async readLog(file: string): Promise<LogEntry[]> {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      return [];
    }
    const out: LogEntry[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const v = JSON.parse(line) as Record<string, unknown>;
        if (v.deleted === true && typeof v.id === 'string' && ID_PATTERN.test(v.id) && typeof v.updatedAt === 'number') {
          out.push({ id: v.id, deleted: true, updatedAt: v.updatedAt });
        } else {
          const summary = readSummary(v);
          if (summary) out.push(summary);
        }
      } catch {
        // A line cut short by a crash: the session file is the truth, and the list reconciles with it.
      }
    }
    return out;
  }

  private async readIndexFile(): Promise<SessionSummary[] | undefined> {
    try {
      const parsed: unknown = JSON.parse(await fs.readFile(this.indexFile, 'utf8'));
      const entries = (parsed as { sessions?: unknown } | null)?.sessions;
      if (!Array.isArray(entries)) return undefined;
      const summaries = entries.map(readSummary);
      return summaries.every((s) => s !== undefined) ? (summaries as SessionSummary[]) : undefined;
    } catch {
      return undefined;
    }
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
      if (match) ids.add(match[1]);
    }
    return ids;
  }

  /**
   * index.json and index.log merged per session (the newest update wins, a deletion included), then
   * reconciled with the files: a listed session whose file is gone is dropped, a file the index does
   * not know (a crash between the session write and the log line) is read and added. Only those
   * files are read, never all of them, unless the index is missing or damaged.
   */
  private async readIndex(): Promise<SessionSummary[]> {
    if (!this.cleaned) {
      this.cleaned = true;
      await removeStaleTempFiles(this.sessionsDir, STALE_TEMP_MS);
      await removeStaleTempFiles(this.folder, STALE_TEMP_MS);
    }
    const [base, log, ids] = await Promise.all([this.readIndexFile(), this.readLog(this.logFile), this.storedIds()]);
    if (base === undefined && log.length === 0 && ids.size > 0) this.log.warn('chat history: index rebuilt from the session files');
    // The files say which sessions exist (a deletion removes them; an Undo writes them back), the
    // newest summary what each one looks like.
    const newest = new Map<string, SessionSummary>();
    for (const entry of [...(base ?? []), ...log]) {
      if ('deleted' in entry) continue;
      const seen = newest.get(entry.id);
      if (!seen || entry.updatedAt >= seen.updatedAt) newest.set(entry.id, entry);
    }
    const out: SessionSummary[] = [];
    let changed = base === undefined;
    for (const entry of newest.values()) {
      if (ids.has(entry.id)) out.push(entry);
      else changed = true;
    }
    const listed = new Set(out.map((s) => s.id));
    for (const id of ids) {
      if (listed.has(id)) continue;
      const session = await this.readSessionFile(id);
      if (session) out.push(toSummary(session));
      changed = true;
    }
    if (changed || log.length >= LOG_COMPACT_LINES) await this.compact(out, ids);
    return sortByUpdate(out);
  }

  /**
   * Folds index.log into index.json, under the index lock. The log is renamed away first: lines
   * another window appends meanwhile go to a new log and are not lost; index.json is read again
   * under the lock, so a fold by another window just before is kept.
   */
  private async compact(list: SessionSummary[], ids: ReadonlySet<string>): Promise<void> {
    await this.withLock(INDEX_LOCK, async () => {
      const aside = `${this.logFile}.${process.pid}.${Date.now()}.fold`;
      const folded = await fs.rename(this.logFile, aside).then(
        () => this.readLog(aside),
        () => [] as LogEntry[],
      );
      const byId = new Map<string, SessionSummary>();
      for (const entry of [...((await this.readIndexFile()) ?? []), ...list, ...folded]) {
        if ('deleted' in entry) continue;
        const seen = byId.get(entry.id);
        if (!seen || entry.updatedAt >= seen.updatedAt) byId.set(entry.id, entry);
      }
      const summaries = [...byId.values()].filter((e) => ids.has(e.id));
      await writeFileAtomic(this.indexFile, JSON.stringify({ format: FORMAT, sessions: sortByUpdate(summaries) }));
      await fs.rm(aside, { force: true });
    });
  }
}

function sortByUpdate(list: SessionSummary[]): SessionSummary[] {
  return [...list].sort((a, b) => b.updatedAt - a.updatedAt);
}
