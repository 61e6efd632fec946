// Finds playwright-core. It is deliberately not a root dependency: the end-to-end tests install it
// into their own folder (`npm run setup:e2e`), and the bench borrows that copy.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export interface ChromiumLauncher {
  launch(options: { executablePath: string; headless: boolean; args: string[] }): Promise<Browser>;
}
export interface Browser {
  newPage(options: { viewport: { width: number; height: number } }): Promise<Page>;
  version(): string;
  close(): Promise<void>;
}
export interface Page {
  setContent(html: string): Promise<void>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  on(event: 'pageerror', listener: (error: Error) => void): void;
  close(): Promise<void>;
}

const ROOT = join(__dirname, '..', '..');
const CANDIDATES = [
  process.env.BENCH_PLAYWRIGHT_CORE,
  join(ROOT, 'test', 'e2e', '.deps', 'node_modules', 'playwright-core'),
  join(ROOT, 'test', 'e2e', 'deps', 'node_modules', 'playwright-core'),
  join(ROOT, 'test', 'e2e', 'node_modules', 'playwright-core'),
  join(ROOT, 'node_modules', 'playwright-core'),
];

export const CHROMIUM_PATH = process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium';

/** The chromium launcher, or a sentence saying what is missing and how to get it. */
export function findChromium(): ChromiumLauncher | string {
  if (!existsSync(CHROMIUM_PATH)) return `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set BENCH_CHROMIUM)`;
  for (const dir of CANDIDATES) {
    if (!dir || !existsSync(join(dir, 'package.json'))) continue;
    const load = createRequire(join(dir, 'package.json'));
    return (load(dir) as { chromium: ChromiumLauncher }).chromium;
  }
  return 'playwright-core not found: run `npm run setup:e2e` (it installs it under test/e2e/), or set BENCH_PLAYWRIGHT_CORE';
}
