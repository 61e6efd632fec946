#!/usr/bin/env node
// `npm run demo`: try the extension with no key and no VS Code. Builds the .vsix, starts the mock
// server (or uses the real API when SILICONFLOW_API_KEY is set), starts code-server on 127.0.0.1
// with the extension installed and a sample workspace open, prints the URL, and stays in the
// foreground until Ctrl+C, then stops everything and removes its temporary folders and its log.
//
//   PORT=8080 (default; a free port if taken)   SILICONFLOW_API_KEY=sk-…  SILICONFLOW_BASE_URL=…
//   --locale zh-cn  or  SILICONFLOW_DEMO_LOCALE=zh-cn: VS Code in Chinese, so the extension's
//   Chinese interface shows (VS Code's own menus stay English: see test/e2e/lib/locale-pack.mjs)
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMockServer, packageVsix } from '../test/e2e/lib/build.mjs';
import { startCodeServer } from '../test/e2e/lib/code-server.mjs';
import { LOCALES } from '../test/e2e/lib/locale-pack.mjs';
import { repoRoot } from '../test/e2e/lib/paths.mjs';
import { isEverythingCurrent, setup } from '../test/e2e/setup.mjs';

const REAL_API = 'https://api.siliconflow.cn/v1';
/** The mock accepts any key starting with sk-; this one only ever lives in code-server's environment. */
const MOCK_KEY = 'sk-demo-mock-key';

/** The display language asked for with `--locale xx` / `--locale=xx` or SILICONFLOW_DEMO_LOCALE. */
function requestedLocale() {
  const args = process.argv.slice(2);
  const at = args.findIndex((a) => a === '--locale' || a.startsWith('--locale='));
  const value = at < 0 ? process.env.SILICONFLOW_DEMO_LOCALE : args[at].includes('=') ? args[at].split('=')[1] : args[at + 1];
  if (!value) return undefined;
  const locale = value.toLowerCase();
  if (locale === 'en') return undefined;
  if (!(locale in LOCALES)) throw new Error(`no translations for the display language "${value}"; available: en, ${Object.keys(LOCALES).join(', ')}`);
  return locale;
}

async function main() {
  const locale = requestedLocale();
  if (!isEverythingCurrent()) setup();
  console.log('[demo] building the extension (.vsix)…');
  const vsix = packageVsix();

  let mock;
  let baseUrl;
  let key;
  if (process.env.SILICONFLOW_API_KEY) {
    baseUrl = process.env.SILICONFLOW_BASE_URL || REAL_API;
    key = process.env.SILICONFLOW_API_KEY;
    console.log(`[demo] SILICONFLOW_API_KEY is set: using the real API at ${baseUrl}`);
  } else {
    const { startMockServer } = await loadMockServer();
    // A small delay per piece, so streaming is visible (like `npm run mock-server`).
    mock = await startMockServer({ defaultShape: { delayMs: 20 } });
    baseUrl = mock.baseUrl;
    key = MOCK_KEY;
    console.log(`[demo] mock server at ${baseUrl} (set SILICONFLOW_API_KEY to use the real API)`);
  }

  const workspace = mkdtempSync(join(tmpdir(), 'siliconflow-demo-'));
  cpSync(join(repoRoot, 'scripts', 'demo-workspace'), workspace, { recursive: true });
  process.on('exit', () => {
    rmSync(workspace, { recursive: true, force: true });
    console.log('[demo] stopped; temporary folders removed.');
  });

  const logFile = join(tmpdir(), `siliconflow-demo-code-server-${process.pid}.log`);
  let keepLog = false; // kept only when code-server fails, for the message that points to it
  process.on('exit', () => {
    if (!keepLog) rmSync(logFile, { force: true });
  });

  const preferred = Number(process.env.PORT) || 8080;
  // The key goes to code-server's environment only (the extension's fallback): never to disk.
  const server = await startCodeServer({
    port: preferred,
    vsix: [vsix],
    settings: { 'siliconflow.baseUrl': baseUrl, 'workbench.colorTheme': 'Default Dark Modern' },
    env: { SILICONFLOW_API_KEY: key },
    logFile,
    locale,
  }).catch((e) => {
    keepLog = true;
    throw e;
  });
  if (locale) console.log(`[demo] VS Code starts in ${locale}: the extension shows its ${locale} translations; VS Code's own menus stay English (its language pack cannot be downloaded offline).`);
  if (server.port !== preferred) console.log(`[demo] port ${preferred} is taken; using ${server.port}`);
  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}`;
  console.log(`\n  SiliconFlow Chat demo is running. Open:\n\n    ${url}\n`);
  console.log('  Click the SiliconFlow icon in the activity bar and ask something; see README.md in the workspace.');
  console.log('  Press Ctrl+C to stop.\n');

  const { code, signal } = await server.exited;
  keepLog = true;
  console.error(`[demo] code-server exited (${signal ?? code}); log: ${server.logFile}`);
  await mock?.close();
  process.exit(1);
}

main().catch((e) => {
  console.error(`[demo] ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
