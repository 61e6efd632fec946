// Table rows for the size and start-up section. KB and MB are decimal (1 KB = 1,000 bytes).
import { fmt, type Row } from '../lib/table';
import type { SizeResult } from './bench';

const TARGET = { extensionBytes: 300_000, vsixBytes: 1_000_000, activationMs: 20 };

function sizeRow(measure: string, bytes: number | undefined, limit: number | undefined, missing: string): Row {
  return {
    measure,
    ours: bytes === undefined ? missing : fmt.bytes(bytes),
    baseline: '—',
    ratio: '—',
    target: limit === undefined ? '(context)' : `< ${fmt.bytes(limit)}`,
    verdict: bytes === undefined ? 'pending' : limit === undefined ? 'info' : bytes < limit ? 'pass' : 'miss',
  };
}

export function sizeRows(result: SizeResult): Row[] {
  const buildNote = result.build.ok ? 'missing' : `pending: build failed (${result.build.error})`;
  const rows = [
    sizeRow('Extension bundle dist/extension.js (minified)', result.bytes.extension, TARGET.extensionBytes, buildNote),
    sizeRow('Webview bundle media/webview.js (minified)', result.bytes.webview, undefined, buildNote),
    sizeRow('Webview stylesheet media/chat.css', result.bytes.webviewCss, undefined, 'missing'),
    ...Object.entries(result.bytes.lazy ?? {}).map(([file, bytes]) => sizeRow(`  ${file} (loaded on demand, not at activation)`, bytes, undefined, '')),
    sizeRow('.vsix package', result.bytes.vsix, TARGET.vsixBytes, `pending: vsce package (${result.vsixError ?? 'not run'})`),
  ];
  const a = result.activation;
  rows.push(
    a.status === 'ok'
      ? {
          measure: 'Activation: require + activate() in Node with a vscode stand-in',
          ours: `${fmt.ms(a.totalMs)} (load ${fmt.ms(a.loadMs)} + activate ${fmt.ms(a.activateMs)})`,
          baseline: '—',
          ratio: '—',
          target: `< ${TARGET.activationMs} ms`,
          verdict: a.totalMs < TARGET.activationMs ? 'pass' : 'miss',
        }
      : { measure: 'Activation (Node, vscode stand-in)', ours: a.note, baseline: '—', ratio: '—', target: `< ${TARGET.activationMs} ms`, verdict: 'pending' },
  );
  return rows;
}
