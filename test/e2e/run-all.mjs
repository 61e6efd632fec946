#!/usr/bin/env node
// `npm run test:e2e`: the extension in real VS Code (code-server). Installs the e2e tools when
// missing, builds, runs the extension-host suites (mocha inside VS Code's extension host), then
// every UI scenario (test/e2e/ui/*.spec.mjs, Chromium driving the workbench with the .vsix
// installed). Ends with the line `N passed, N failed`; exits non-zero on any failure.
//
//   node test/e2e/run-all.mjs [--ext-host-only | --ui-only] [--grep TEXT]
//   SF_E2E_VERBOSE=1 prints the extension host's output as it comes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildExtension, buildSuites, loadMockServer, packageVsix } from './lib/build.mjs';
import { runExtensionHostSuites } from './lib/ext-host.mjs';
import { codeServerFor } from './lib/paths.mjs';
import { isEverythingCurrent, setup } from './setup.mjs';
import { listScenarios, runScenario } from './ui/harness.mjs';

const args = process.argv.slice(2);
const grepIndex = args.indexOf('--grep');
const grep = grepIndex >= 0 ? args[grepIndex + 1] : undefined;
const runExtHost = !args.includes('--ui-only');
const runUi = !args.includes('--ext-host-only');

/** @type {{ name: string, ok: boolean, ms?: number, error?: string }[]} */
const results = [];
const started = Date.now();
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

async function step(label, fn) {
  const t = Date.now();
  process.stdout.write(`[e2e] ${label}… `);
  const value = await fn();
  console.log(seconds(Date.now() - t));
  return value;
}

async function extensionHostPhase() {
  const entry = await step('bundling extension-host suites', buildSuites);
  // The suites run on the current VS Code, then once more on the minimum VS Code of `engines`
  // (SF_E2E_MINIMUM=0 skips that second run while iterating).
  const lines = process.env.SF_E2E_MINIMUM === '0' ? ['current'] : ['current', 'minimum'];
  for (const line of lines) await extensionHostRun(entry, line);
}

async function extensionHostRun(entry, line) {
  const workspace = mkdtempSync(join(tmpdir(), 'sf-e2e-ws-'));
  writeFileSync(join(workspace, 'sample.ts'), 'export const answer = 6 * 7;\n');
  const tag = line === 'minimum' ? ' [VS Code 1.100]' : '';
  try {
    console.log(`[e2e] extension-host suites on ${codeServerFor(line).label} (mocha inside its extension host)`);
    if (grep) process.env.SF_E2E_GREP = grep;
    const t = Date.now();
    const r = await runExtensionHostSuites({ testsEntry: entry, workspace, vscode: line });
    console.log(`      ${r.passed} passed, ${r.failed} failed, exit code ${r.code} (${seconds(Date.now() - t)})`);
    for (const title of r.passedTitles ?? []) results.push({ name: `extension host${tag}: ${title}`, ok: true });
    for (const title of r.passedTitles ?? []) console.log(`  ✓ ${title}`);
    for (const failure of r.failures) console.log(`  ✗ ${failure.split("\n")[0]}`);
    for (const failure of r.failures) results.push({ name: `extension host${tag}: ${failure.split('\n')[0]}`, ok: false, error: failure });
    // The exit code is the authority: a suite that crashed after reporting still fails the run.
    if (r.code !== 0 && r.failures.length === 0) results.push({ name: `extension host${tag} exit code`, ok: false, error: `exit code ${r.code}` });
    if (r.code !== 0 || process.env.SF_E2E_VERBOSE) {
      // The extension host's own words (mocha's report, errors), without the workbench's noise.
      const lines = r.output
        .filter((l) => !/DisposableStore|open-vsx|marketplace|\[e2e:(result|type)\]/i.test(l))
        .map((l) => l.replace(/%c|color: #\w+/g, '').trim())
        .filter((l, i, all) => l && l !== all[i - 1]);
      console.log(lines.slice(-60).map((l) => `    | ${l}`).join('\n'));
    }
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

async function uiPhase() {
  const scenarios = listScenarios(grep);
  if (scenarios.length === 0) return console.log('[e2e] no UI scenarios match');
  const vsix = await step('packaging siliconflow-chat.vsix', packageVsix);
  const mockModule = await step('bundling the mock server', loadMockServer);
  console.log(`[e2e] UI scenarios (${scenarios.length}, headless Chromium on ${codeServerFor('current').label}, .vsix installed)`);
  for (const file of scenarios) {
    const r = await runScenario(file, { vsix, mockModule });
    console.log(`  ${r.ok ? '✓' : '✗'} ${r.name}: ${r.title} (${seconds(r.ms)})`);
    if (!r.ok) console.log(`      ${r.error.split('\n').slice(0, 8).join('\n      ')}\n      screenshot + logs: test-results/${r.name}-*`);
    results.push({ name: `ui: ${r.name}`, ok: r.ok, ms: r.ms, error: r.error });
  }
}

async function main() {
  if (!isEverythingCurrent()) setup();
  await step('building the extension', () => buildExtension());
  if (runExtHost) await extensionHostPhase();
  if (runUi) await uiPhase();
}

let crashed;
try {
  await main();
} catch (e) {
  crashed = e;
  results.push({ name: 'e2e harness', ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}
const failed = results.filter((r) => !r.ok);
const passed = results.length - failed.length;
console.log(`\n[e2e] summary (${seconds(Date.now() - started)})`);
for (const f of failed) console.log(`  ✗ ${f.name}\n      ${(f.error ?? '').split('\n').slice(0, 12).join('\n      ')}`);
if (crashed) console.log('  the harness itself failed before all tests ran');
console.log(`${passed} passed, ${failed.length} failed`);
process.exit(failed.length > 0 || results.length === 0 ? 1 : 0);
