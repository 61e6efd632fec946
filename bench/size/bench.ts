// Section 3: what users download and how long the extension takes to start. Builds the production
// bundles (node esbuild.js --production), packages a .vsix with vsce into a temp folder, and times
// activate() in fresh Node processes against the `vscode` stand-in (not real VS Code: see
// fake-vscode.ts for what it provides and why it cannot skip work).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { median } from '../lib/stats';

const ROOT = join(__dirname, '..', '..');

export interface SizeResult {
  build: { ok: true } | { ok: false; error: string };
  bytes: { extension?: number; webview?: number; webviewCss?: number; vsix?: number; /** Other .js files in dist/ (chunks loaded on demand). */ lazy?: Record<string, number> };
  vsixError?: string;
  activation:
    | { status: 'ok'; method: string; samples: number; loadMs: number; activateMs: number; totalMs: number; runsTotalMs: number[]; commands: number; subscriptions: number }
    | { status: 'pending'; note: string };
}

const size = (file: string): number | undefined => (existsSync(file) ? statSync(file).size : undefined);

/** The line that says what went wrong (tools print it before their stack trace), else the last lines. */
function lastLines(text: string, n = 3): string {
  const lines = text.trim().split('\n').filter((l) => !/^\s+at /.test(l) && l.trim() !== '');
  return lines.find((l) => /error/i.test(l))?.trim() ?? lines.slice(-n).join(' / ');
}

function build(): SizeResult['build'] {
  const r = spawnSync(process.execPath, ['esbuild.js', '--production'], { cwd: ROOT, encoding: 'utf8' });
  return r.status === 0 ? { ok: true } : { ok: false, error: lastLines(`${r.stdout}\n${r.stderr}`) };
}

function packageVsix(dir: string): { bytes?: number; error?: string } {
  const out = join(dir, 'bench.vsix');
  const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  let error = '';
  // Twice at most: colleagues rebuilding dist/ at the same moment can make one attempt fail.
  for (let attempt = 0; attempt < 2; attempt++) {
    const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], { cwd: ROOT, encoding: 'utf8' });
    if (r.status === 0) return { bytes: size(out) };
    error = lastLines(`${r.stdout}\n${r.stderr}`);
  }
  return { error };
}

interface ChildResult {
  loadMs?: number;
  activateMs?: number;
  commands?: number;
  subscriptions?: number;
  error?: string;
}

/** Bundles in dist/ besides the entry point: code the extension loads only when it needs it. */
function lazyChunks(): Record<string, number> {
  const dist = join(ROOT, 'dist');
  if (!existsSync(dist)) return {};
  const chunks: Record<string, number> = {};
  for (const name of readdirSync(dist)) {
    if (name.endsWith('.js') && name !== 'extension.js') chunks[`dist/${name}`] = statSync(join(dist, name)).size;
  }
  return chunks;
}

async function activation(dir: string, samples: number): Promise<SizeResult['activation']> {
  const bundle = join(ROOT, 'dist', 'extension.js');
  if (!existsSync(bundle)) return { status: 'pending', note: 'pending: dist/extension.js (build failed)' };
  const child = join(dir, 'activation-child.cjs');
  await esbuild.build({ entryPoints: [join(__dirname, 'activation-child.ts')], outfile: child, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' });
  const runs: Required<Omit<ChildResult, 'error'>>[] = [];
  for (let i = 0; i < samples + 1; i++) {
    const r = spawnSync(process.execPath, [child, ROOT, bundle], { cwd: dir, encoding: 'utf8', env: { ...process.env, SILICONFLOW_API_KEY: '' } });
    const line = r.stdout.trim().split('\n').pop() ?? '';
    let parsed: ChildResult;
    try {
      parsed = JSON.parse(line) as ChildResult;
    } catch {
      parsed = { error: lastLines(`${r.stdout}\n${r.stderr}`) };
    }
    if (parsed.error !== undefined) return { status: 'pending', note: `activate() failed under the stand-in: ${parsed.error}` };
    if (i > 0) runs.push(parsed as Required<Omit<ChildResult, 'error'>>); // the first process warms the disk cache
  }
  const totals = runs.map((r) => r.loadMs + r.activateMs);
  return {
    status: 'ok',
    method: 'Node, fresh process per sample, vscode stand-in (bench/size/fake-vscode.ts); load = require(dist/extension.js), activate = activate(context) incl. its returned promise',
    samples,
    loadMs: median(runs.map((r) => r.loadMs)),
    activateMs: median(runs.map((r) => r.activateMs)),
    totalMs: median(totals),
    runsTotalMs: totals,
    commands: runs[0].commands,
    subscriptions: runs[0].subscriptions,
  };
}

export async function benchSize(opts: { log: (line: string) => void }): Promise<SizeResult> {
  const dir = mkdtempSync(join(tmpdir(), 'sf-bench-'));
  try {
    opts.log('size: node esbuild.js --production…');
    const built = build();
    const bytes: SizeResult['bytes'] = {
      extension: size(join(ROOT, 'dist', 'extension.js')),
      webview: size(join(ROOT, 'media', 'webview.js')),
      webviewCss: size(join(ROOT, 'media', 'chat.css')),
      lazy: lazyChunks(),
    };
    opts.log('size: vsce package…');
    const vsix = built.ok ? packageVsix(dir) : { error: 'build failed' };
    bytes.vsix = vsix.bytes;
    opts.log('size: timing activate()…');
    const act = built.ok ? await activation(dir, 9) : ({ status: 'pending', note: 'pending: production build' } as const);
    return { build: built, bytes, vsixError: vsix.error, activation: act };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
