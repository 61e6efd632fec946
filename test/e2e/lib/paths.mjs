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
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** Build output of the e2e layer (gitignored `out/`), inside the repo so `mocha` resolves from node_modules. */
export const outDir = join(repoRoot, 'out', 'e2e');
export const resultsDir = join(repoRoot, 'test-results');
export const vsixPath = join(repoRoot, 'siliconflow-chat.vsix');
