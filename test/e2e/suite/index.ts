// Entry point loaded by VS Code's extension host (`extensionTestsPath`): runs every *.test.js
// bundled beside it with mocha, prints one machine-readable result line for the runner, and
// rejects on failure so the extension host exits non-zero (what `codeAutomationExit` reports).
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'spec' });
  const grep = process.env.SF_E2E_GREP;
  if (grep) mocha.grep(grep);
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(join(__dirname, file));
  }
  const result = { passed: 0, failed: 0, passedTitles: [] as string[], failures: [] as string[] };
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', (test) => {
      result.passed++;
      result.passedTitles.push(test.fullTitle());
    });
    runner.on('fail', (test, err: Error) => {
      result.failed++;
      result.failures.push(`${test.fullTitle()}: ${err.message}`);
    });
  });
  console.log(`[e2e:result] ${JSON.stringify(result)}`);
  if (result.failed > 0 || (result.passed === 0 && !grep)) throw new Error(`${result.failed} extension-host test(s) failed`);
}
