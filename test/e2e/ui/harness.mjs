// Runs the UI scenarios: every test/e2e/ui/*.spec.mjs. Each scenario gets its own mock server,
// its own code-server with the freshly built .vsix installed and `siliconflow.baseUrl` pointing at
// the mock, a small workspace, and a headless Chromium page on the workbench.
//
// A scenario file:
//   export const title = 'what the user sees happen';
//   export const settings = { 'siliconflow.model': '…' };       // optional, merged into settings.json
//   export const files = { 'src/a.ts': 'export const a = 1;\n' }; // optional, written into the workspace
//   export const locale = 'zh-cn';                                 // optional: VS Code's display language
//   export default async function (t) { … }  // t = { page, helpers, mock, workspace, server, log }
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser } from '../lib/browser.mjs';
import { startCodeServer } from '../lib/code-server.mjs';
import { e2eDir, resultsDir } from '../lib/paths.mjs';
import { createHelpers } from './helpers.mjs';

export function listScenarios(filter) {
  const dir = join(e2eDir, 'ui');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.spec.mjs'))
    .filter((f) => !filter || f.includes(filter))
    .sort()
    .map((f) => join(dir, f));
}

const DEFAULT_FILES = {
  'README.md': '# e2e workspace\n',
  'src/sum.ts': 'export function sum(values: number[]): number {\n  let total = 0;\n  for (let i = 0; i < values.length; i++) total += values[i];\n  return total;\n}\n',
};

function makeWorkspace(files) {
  const workspace = mkdtempSync(join(tmpdir(), 'sf-e2e-ws-'));
  for (const [rel, content] of Object.entries({ ...DEFAULT_FILES, ...files })) {
    mkdirSync(dirname(join(workspace, rel)), { recursive: true });
    writeFileSync(join(workspace, rel), content);
  }
  return workspace;
}

/**
 * @param {string} file a *.spec.mjs path
 * @param {{ vsix: string, mockModule: { startMockServer: Function }, timeoutMs?: number }} o
 * @returns {Promise<{ name: string, title: string, ok: boolean, error?: string, ms: number }>}
 */
export async function runScenario(file, o) {
  const started = Date.now();
  const name = file.split('/').pop().replace(/\.spec\.mjs$/, '');
  const spec = await import(pathToFileURL(file).href);
  const title = spec.title ?? name;
  const mock = await o.mockModule.startMockServer();
  // `settings` may be a function of the mock, for scenarios whose settings need a live address.
  const specSettings = typeof spec.settings === 'function' ? await spec.settings({ mock, mockModule: o.mockModule }) : spec.settings;
  const workspace = makeWorkspace(spec.files ?? {});
  // `setup` prepares the workspace before VS Code opens it (a git repository with staged changes).
  if (typeof spec.setup === 'function') await spec.setup({ workspace, mock });
  const logFile = join(tmpdir(), `sf-e2e-${name}-${process.pid}-${Date.now()}.log`);
  let server;
  let browser;
  try {
    server = await startCodeServer({
      vsix: [o.vsix],
      settings: { 'siliconflow.baseUrl': mock.baseUrl, ...specSettings },
      // The key is entered through the UI; a developer's own key must not stand in for it.
      env: { SILICONFLOW_API_KEY: undefined, SILICONFLOW_BASE_URL: undefined, SF_E2E: '1' },
      logFile,
      ...(spec.locale ? { locale: spec.locale } : {}),
    });
    browser = await launchBrowser();
    const { page } = browser;
    const helpers = createHelpers(page, { name });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await helpers.waitForWorkbench();
    const work = spec.default({ page, helpers, mock, workspace, server, log: (m) => console.log(`      ${m}`) });
    const timeoutMs = spec.timeoutMs ?? o.timeoutMs ?? 120_000;
    await Promise.race([work, new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${timeoutMs / 1000} s`)), timeoutMs))]);
    return { name, title, ok: true, ms: Date.now() - started };
  } catch (e) {
    mkdirSync(resultsDir, { recursive: true });
    await browser?.page.screenshot({ path: join(resultsDir, `${name}-failure.png`) }).catch(() => {});
    if (existsSync(logFile)) copyFileSync(logFile, join(resultsDir, `${name}-code-server.log`));
    if (server && existsSync(join(server.userDataDir, 'logs'))) {
      // The extension's own output channel and the extension host log, for the post-mortem.
      cpSync(join(server.userDataDir, 'logs'), join(resultsDir, `${name}-vscode-logs`), { recursive: true });
    }
    return { name, title, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e), ms: Date.now() - started };
  } finally {
    await browser?.close();
    await server?.stop();
    await mock.close();
    rmSync(workspace, { recursive: true, force: true });
    rmSync(logFile, { force: true });
  }
}
