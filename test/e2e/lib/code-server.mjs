// Starts code-server (VS Code's server + web workbench) for one test run or the demo: a free
// loopback port, throwaway user-data / extensions / XDG folders, a quiet settings.json, its own
// process group (so the extension hosts it forks die with it), and its output in a log file.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeServerFor } from './paths.mjs';
import { buildLocalePack } from './locale-pack.mjs';

/** A workbench without first-run noise: no welcome page, walkthroughs, trust prompt, updates or telemetry. */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'files.hotExit': 'off',
  'window.commandCenter': false,
};

/** A port the OS says is free on 127.0.0.1 (closed again before returning). */
export function freePort(preferred = 0) {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err) => (preferred ? resolve(freePort(0)) : reject(err)));
    probe.listen(preferred, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const live = new Set();
let handlersInstalled = false;

/** Kill every code-server still running when this process ends, however it ends. */
function installExitHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  // 'exit' handlers must be synchronous: kill the groups, then remove the throwaway folders.
  process.on('exit', () => {
    for (const server of live) {
      killGroup(server.pid, 'SIGKILL');
      if (!server.keepDir) rmSync(server.dir, { recursive: true, force: true });
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1)));
  }
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function xdgEnv(dir) {
  return { XDG_CONFIG_HOME: join(dir, 'config'), XDG_DATA_HOME: join(dir, 'data'), XDG_CACHE_HOME: join(dir, 'cache') };
}

/**
 * @param {object} [o]
 * @param {Record<string, unknown>} [o.settings] merged over QUIET_SETTINGS (e.g. `siliconflow.baseUrl`)
 * @param {string[]} [o.vsix] packages installed with --install-extension before start
 * @param {Record<string, string>} [o.env] extra environment for code-server and so the extension host
 * @param {number} [o.port] preferred port; falls back to a free one when taken
 * @param {string} [o.logFile] default: <dir>/code-server.log
 * @param {boolean} [o.keepDir] keep the temp folder after stop (debugging)
 * @param {string} [o.locale] display language, e.g. 'zh-cn': VS Code starts in it (see locale-pack.mjs)
 * @param {'current' | 'minimum'} [o.vscode] which code-server (default 'current'; SF_E2E_VSCODE=minimum overrides)
 */
export async function startCodeServer(o = {}) {
  installExitHandlers();
  const dir = mkdtempSync(join(tmpdir(), 'sf-e2e-cs-'));
  const userDataDir = join(dir, 'user');
  const extensionsDir = join(dir, 'ext');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...o.settings }, null, 2));
  const logFile = o.logFile ?? join(dir, 'code-server.log');
  // HOME too: the extension host and its children must not touch the real ~/.config or ~/.vscode.
  // TMPDIR too: the extension hosts leave vscode-ipc-*.sock files there.
  const env = { ...process.env, ...xdgEnv(dir), HOME: join(dir, 'home'), TMPDIR: join(dir, 'tmp'), ...o.env };
  mkdirSync(env.HOME, { recursive: true });
  mkdirSync(env.TMPDIR, { recursive: true });
  const common = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  const { node, codeServer: codeServerBin } = codeServerFor(o.vscode ?? (process.env.SF_E2E_VSCODE === 'minimum' ? 'minimum' : 'current'));

  const pack = o.locale ? await buildLocalePack(o.locale) : undefined;
  try {
    for (const vsix of [...(o.vsix ?? []), ...(pack ? [pack.vsix] : [])]) {
      const r = spawnSync(node, [codeServerBin, ...common, '--install-extension', vsix], { env, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`code-server --install-extension ${vsix} failed:\n${r.stdout}\n${r.stderr}`);
    }
  } finally {
    pack?.remove();
  }
  // VS Code's server finds language packs through <user-data>/languagepacks.json, which it writes
  // only when its own process installs one; `--install-extension` runs in another. So: write it.
  if (pack) writeFileSync(join(userDataDir, 'languagepacks.json'), JSON.stringify(pack.languagePacksEntry(extensionsDir)));

  const port = await freePort(o.port ?? 0);
  const args = [
    codeServerBin, ...common,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    ...(o.locale ? ['--locale', o.locale] : []),
  ];
  const logFd = openSync(logFile, 'a');
  const child = spawn(node, args, { env, detached: true, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  const server = { pid: child.pid, port, url: `http://127.0.0.1:${port}`, dir, userDataDir, extensionsDir, logFile, env, keepDir: Boolean(o.keepDir), exited: undefined, stop };
  live.add(server);
  let exited = false;
  const exitedPromise = new Promise((resolve) => child.once('exit', (code, signal) => { exited = true; resolve({ code, signal }); }));
  /** Resolves with { code, signal } when code-server exits (the demo watches it). */
  server.exited = exitedPromise;

  async function stop() {
    if (!live.has(server)) return;
    live.delete(server);
    killGroup(child.pid, 'SIGTERM');
    const timer = new Promise((resolve) => setTimeout(resolve, 5000, 'timeout'));
    if ((await Promise.race([exitedPromise, timer])) === 'timeout') killGroup(child.pid, 'SIGKILL');
    // Extension hosts are in the same group; a last SIGKILL catches any that ignored SIGTERM.
    killGroup(child.pid, 'SIGKILL');
    if (!o.keepDir) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  }

  try {
    await waitForHealth(server.url, () => exited, 60_000);
  } catch (e) {
    const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : '';
    await stop();
    throw new Error(`${e.message}\n--- code-server log (tail) ---\n${tail}`);
  }
  return server;
}

async function waitForHealth(url, hasExited, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited()) throw new Error('code-server exited before it was ready');
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`code-server not healthy within ${timeoutMs / 1000} s`);
}
