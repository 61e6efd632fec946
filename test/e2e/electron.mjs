#!/usr/bin/env node
// The extension-host suites (test/e2e/suite) under desktop VS Code with @vscode/test-electron,
// for machines that have a VS Code binary. Not part of CI (which runs them in code-server through
// run-all.mjs): this sandbox cannot download VS Code.
//
//   VSCODE_EXECUTABLE=/path/to/code node test/e2e/electron.mjs
//   (without VSCODE_EXECUTABLE, @vscode/test-electron downloads the stable build: needs internet)
//
// The test that types into an input box needs the code-server runner's keyboard; it is skipped here.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildExtension, buildSuites } from './lib/build.mjs';
import { repoRoot } from './lib/paths.mjs';

const { runTests } = createRequire(join(repoRoot, 'package.json'))('@vscode/test-electron');

buildExtension();
const extensionTestsPath = await buildSuites();
const scratch = mkdtempSync(join(tmpdir(), 'sf-e2e-electron-'));
const workspace = join(scratch, 'workspace');
mkdirSync(workspace);
writeFileSync(join(workspace, 'sample.ts'), 'export const answer = 6 * 7;\n');
let code = 1;
try {
  code = await runTests({
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath,
    extensionTestsEnv: { SF_E2E: '1', SF_E2E_NO_KEYBOARD: '1', SILICONFLOW_API_KEY: '' },
    launchArgs: [
      workspace,
      '--user-data-dir', join(scratch, 'user'),
      '--extensions-dir', join(scratch, 'ext'),
      '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
    ],
  });
} catch (e) {
  console.error(`@vscode/test-electron failed: ${e instanceof Error ? e.message : e}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(code);
