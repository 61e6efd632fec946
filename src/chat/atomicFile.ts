// Crash-safe file replacement for the chat history. A write goes to a temp file in the same folder,
// is flushed to disk, and is renamed over the target: the target is always either the old or the new
// version, never a mix. The previous version is also kept as `<target>.bak` (a hard link, so no copy)
// for the case where the target itself was damaged outside our control. No 'vscode' import.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export const TEMP_SUFFIX = '.tmp';
export const BACKUP_SUFFIX = '.bak';

function isErrno(e: unknown, ...codes: string[]): boolean {
  return typeof e === 'object' && e !== null && codes.includes((e as NodeJS.ErrnoException).code ?? '');
}

/** Windows refuses a rename while a virus scanner or indexer holds the file; it passes on retry. */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (e) {
      if (attempt >= 5 || !isErrno(e, 'EPERM', 'EBUSY', 'EACCES')) throw e;
      await new Promise((r) => setTimeout(r, 20 * (attempt + 1)));
    }
  }
}

/** Keeps the current target as `<target>.bak` before it is replaced. Best effort. */
async function keepBackup(target: string): Promise<void> {
  const backup = target + BACKUP_SUFFIX;
  await fs.rm(backup, { force: true });
  try {
    await fs.link(target, backup);
  } catch (e) {
    if (isErrno(e, 'ENOENT')) return;
    // File systems without hard links (FAT, some network mounts): copy instead.
    await fs.copyFile(target, backup).catch(() => undefined);
  }
}

export async function writeFileAtomic(target: string, data: string, opts: { backup?: boolean } = {}): Promise<void> {
  const dir = path.dirname(target);
  await fs.mkdir(dir, { recursive: true });
  const temp = `${target}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
  const handle = await fs.open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } catch (e) {
    await handle.close().catch(() => undefined);
    await fs.rm(temp, { force: true });
    throw e;
  }
  await handle.close();
  try {
    if (opts.backup) await keepBackup(target);
    await renameWithRetry(temp, target);
  } catch (e) {
    await fs.rm(temp, { force: true });
    throw e;
  }
  await syncDirectory(dir);
}

/** Makes the rename itself durable (POSIX); not possible on Windows, where it is skipped. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some file systems refuse fsync on a directory; the data itself is already synced.
  }
}

/**
 * Removes temp files left by writes that were cut short. Only old ones: another VS Code window
 * shares this folder and may be in the middle of its own write.
 */
export async function removeStaleTempFiles(dir: string, olderThanMs: number, now = Date.now()): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.endsWith(TEMP_SUFFIX)) continue;
    const file = path.join(dir, name);
    try {
      const stat = await fs.stat(file);
      if (now - stat.mtimeMs >= olderThanMs) await fs.rm(file, { force: true });
    } catch {
      // Gone already (the other window finished its write): nothing to do.
    }
  }
}
