#!/usr/bin/env node
// `npm run setup:e2e`: installs what the end-to-end layer needs — Debian packages (chromium, the
// headers code-server's native modules build against), then code-server and playwright-core into
// test/e2e/deps/ (their own package, so the extension's `npm ci` stays fast and the .vsix small).
// Idempotent: when the marker written at the end matches, it returns in milliseconds.
// Debian packages are installed when missing and this runs as root (a CI machine or a container,
// as the README promises for `npm test` / `npm run demo`); SF_E2E_APT=0 turns that off. Without
// root it prints the apt-get command instead.
// Options: --force reinstall the npm tools even when the marker matches
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { codeServerBin, depsDir, depsModules, playwrightCore, setupMarker } from './lib/paths.mjs';

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
function checkCodeServer() {
  const home = mkdtempSync(join(tmpdir(), 'sf-e2e-check-'));
  try {
    const env = { ...process.env, XDG_CONFIG_HOME: join(home, 'c'), XDG_DATA_HOME: join(home, 'd'), XDG_CACHE_HOME: join(home, 'k') };
    const r = spawnSync(process.execPath, [codeServerBin, '--version'], { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`code-server --version failed:\n${r.stdout}\n${r.stderr}`);
    return r.stdout.trim().split('\n').find((l) => l.includes('with Code')) ?? r.stdout.trim();
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

export function setup({ force = false } = {}) {
  ensureAptPackages(process.env.SF_E2E_APT !== '0');
  if (!force && isSetupCurrent()) {
    log('e2e tools already installed');
    return;
  }
  const started = Date.now();
  seedRipgrepCache();
  installTools();
  const version = checkCodeServer();
  writeFileSync(setupMarker, JSON.stringify({ fingerprint: fingerprint(), codeServer: version }, null, 2));
  log(`ready: code-server ${version} (${Math.round((Date.now() - started) / 1000)} s)`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    setup({ force: process.argv.includes('--force') });
  } catch (e) {
    console.error(`[setup:e2e] ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}
