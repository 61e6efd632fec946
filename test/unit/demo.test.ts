// `npm run demo -- --locale zh-cn` (or SILICONFLOW_DEMO_LOCALE) starts VS Code in Chinese; a language
// the extension has no translations for is refused at once, naming the ones it has, before anything
// is built or started. (The Chinese interface itself is shown by the e2e scenario demo-chinese.)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const DEMO = join(__dirname, '..', '..', 'scripts', 'demo.mjs');
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [DEMO, ...args], { encoding: 'utf8', timeout: 15_000, env: { ...process.env, SILICONFLOW_DEMO_LOCALE: '', ...env } });

describe('npm run demo: the display language', () => {
  it('refuses a language without translations, listing the available ones, before building anything', () => {
    for (const r of [run(['--locale', 'fr']), run(['--locale=fr']), run([], { SILICONFLOW_DEMO_LOCALE: 'fr' })]) {
      assert.equal(r.status, 1);
      assert.match(r.stderr, /no translations for the display language "fr"; available: en, zh-cn/);
      assert.doesNotMatch(r.stdout, /building/);
    }
  });
});
