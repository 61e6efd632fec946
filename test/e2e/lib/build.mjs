// Builds what the e2e layer runs: the extension (dist/ + webview bundle), the .vsix, the
// extension-host suites (TypeScript -> one CJS file per suite, `vscode` and `mocha` left to the
// host) and the mock server as an ES module the Node-side runners import.
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { e2eDir, outDir, repoRoot, vsixPath } from './paths.mjs';

const esbuild = () => createRequire(join(repoRoot, 'package.json'))('esbuild');

/** Runs an npm script quietly; its output is shown only when it fails. */
function npmRun(script) {
  const r = spawnSync('npm', ['run', '--silent', script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout}\n${r.stderr}`);
    throw new Error(`npm run ${script} failed (exit ${r.status ?? r.signal})`);
  }
}

/** dist/extension.js and media/webview.js, as `npm run build` makes them. */
export function buildExtension() {
  npmRun('build');
}

/** A fresh siliconflow-chat.vsix (`npm run package` builds first). */
export function packageVsix() {
  rmSync(vsixPath, { force: true });
  npmRun('package');
  return vsixPath;
}

/** Bundles test/e2e/suite/{index,*.test}.ts into out/e2e/suite/; returns the entry file. */
export async function buildSuites() {
  const suiteDir = join(e2eDir, 'suite');
  const out = join(outDir, 'suite');
  rmSync(out, { recursive: true, force: true });
  const entries = readdirSync(suiteDir).filter((f) => f === 'index.ts' || f.endsWith('.test.ts')).map((f) => join(suiteDir, f));
  await esbuild().build({
    entryPoints: entries,
    outdir: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return join(out, 'index.js');
}

/** The mock server (test/mock-server) as an importable ES module: `{ startMockServer, … }`. */
export async function loadMockServer() {
  const outfile = join(outDir, 'mock-server.mjs');
  await esbuild().build({
    entryPoints: [join(repoRoot, 'test', 'mock-server', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  return import(`${pathToFileURL(outfile).href}?t=${Date.now()}`);
}
