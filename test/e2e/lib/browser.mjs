// Debian's Chromium, headless, driven by playwright-core: one throwaway profile per run.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath, playwrightCore } from './paths.mjs';

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** @returns {Promise<{ context: import('playwright-core').BrowserContext, page: import('playwright-core').Page, close(): Promise<void> }>} */
export async function launchBrowser({ viewport = { width: 1400, height: 900 } } = {}) {
  const { chromium } = createRequire(import.meta.url)(playwrightCore);
  const profile = mkdtempSync(join(tmpdir(), 'sf-e2e-chromium-'));
  // launchPersistentContext: launch() rejects --user-data-dir, and a profile keeps state per run only.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
  // code-server registers its own (PWA) service worker with scope "/"; it then also controls the
  // webview host frames, whose own service worker waits for control forever ("Found unexpected
  // service worker controller") and the webview never shows. Skip that one registration.
  await context.addInitScript(() => {
    const sw = globalThis.navigator?.serviceWorker;
    if (!sw) return;
    const register = sw.register.bind(sw);
    sw.register = (url, options) =>
      String(url).includes('_static/out/browser/serviceWorker.js') ? new Promise(() => {}) : register(url, options);
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
