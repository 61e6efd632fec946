// The layering of src/ (docs/architecture.md), checked from the imports themselves: every static
// import, `export … from`, dynamic import() and require() of a file under src/, type-only ones
// included. Layers import downward only:
//
//   client  ←  service  ←  features  ←  extension.ts
//
// and protocol.ts / webviewStrings.ts are leaves that the features and the webview share.
// A feature may import another feature only along an edge listed in FEATURE_EDGES below, with the
// reason; anything else between features is a layering error. To add an edge, add it there with
// its reason (and to docs/architecture.md), rather than work around the check.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const SRC = join(ROOT, 'src');

/** Files allowed at the top of src/, outside a folder. */
const TOP_LEVEL_FILES = ['extension.ts', 'protocol.ts', 'webviewStrings.ts'];
/** The shared leaves: importable by features and the webview, importing nothing from src/ but each other. */
const LEAVES = ['protocol', 'webviewStrings'];
const FEATURES = ['chat', 'commands', 'completions', 'lm', 'settings', 'edits', 'prompts', 'webview'];

/**
 * The imports allowed between features, `from → to`, each with its reason. Everything else
 * between two features is refused.
 */
const FEATURE_EDGES: Record<string, string> = {
  'commands → chat': 'Explain / Ask continue in the chat: the commands hold the ChatApi the chat registration returns',
  'commands → edits': 'refactor / fix / document stream into the diff preview of edits/',
  'commands → prompts': 'the editor commands build their messages and attachments with the pure prompt helpers',
  'chat → edits': "the chat's Apply button opens the same diff preview as the editor commands",
  'completions → edits': 'inline completions measure indentation (tab stops) with the one indentation module in edits/',
  'chat → prompts': 'the chat reads answers with the one thinking rule (prompts/think.ts), fences attachments with the one fence helper (prompts/fence.ts) and builds them with the one attachment rule (prompts/attachments.ts)',
};

/** Where a module sits: its folder under src/, or the file's stem for a top-level file. */
function unitOf(file: string): string {
  const rel = relative(SRC, file).split(sep);
  return rel.length === 1 ? rel[0].replace(/\.tsx?$/, '') : rel[0];
}

/** 'client' 0, 'service' 1, a feature (or leaf) 2, 'extension' 3. */
function layerOf(unit: string): number {
  if (unit === 'client') return 0;
  if (unit === 'service') return 1;
  if (unit === 'extension') return 3;
  return 2;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

interface Edge {
  file: string;
  from: string;
  to: string;
  specifier: string;
}

/** Every import of a module under src/, with the units at both ends. */
function importsOf(file: string): Edge[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles
    .map((f) => f.fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => ({ file: relative(ROOT, file), from: unitOf(file), to: unitOf(resolve(dirname(file), specifier)), specifier }));
}

/** Every import of a package (not a relative path), for the vscode rule. */
function packagesOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName).filter((s) => !s.startsWith('.'));
}

/** Why this import breaks the layering, or undefined when it is allowed. */
export function violation(from: string, to: string): string | undefined {
  if (from === to) return undefined;
  if (to === 'extension') return 'nothing imports the composition root';
  if (LEAVES.includes(from)) return LEAVES.includes(to) ? undefined : 'protocol.ts and webviewStrings.ts import nothing from src/ but each other';
  if (from === 'webview') return LEAVES.includes(to) ? undefined : 'the webview runs in the browser: it imports only the shared protocol and strings';
  if (LEAVES.includes(to)) return from === 'client' || from === 'service' ? `${from}/ knows nothing of the chat webview` : undefined;
  if (layerOf(to) > layerOf(from)) return `${from}/ is below ${to}/: imports run downward only (client ← service ← features ← extension.ts)`;
  if (layerOf(from) === 2 && layerOf(to) === 2) {
    return FEATURE_EDGES[`${from} → ${to}`] ? undefined : `feature → feature import not listed in FEATURE_EDGES (test/unit/layers.test.ts)`;
  }
  return undefined;
}

describe('layers of src/ (imports run downward only)', () => {
  const files = tsFiles(SRC);

  it('keeps every file in a folder, except the composition root, the protocol and the webview strings', () => {
    const loose = readdirSync(SRC).filter((name) => statSync(join(SRC, name)).isFile() && !TOP_LEVEL_FILES.includes(name));
    assert.deepEqual(loose, []);
    const folders = readdirSync(SRC).filter((name) => statSync(join(SRC, name)).isDirectory());
    for (const folder of folders) assert.ok(folder === 'client' || folder === 'service' || FEATURES.includes(folder), `src/${folder}/ is not a known layer: add it to FEATURES (and docs/architecture.md)`);
  });

  it('has no import from a lower layer to a higher one, and only the listed imports between features', () => {
    const edges = files.flatMap(importsOf);
    assert.ok(edges.length > 100, `only ${edges.length} imports found: the scan is broken`);
    const wrong = edges.flatMap((e) => {
      const why = violation(e.from, e.to);
      return why ? [`${e.file} imports '${e.specifier}' (${e.from} → ${e.to}): ${why}`] : [];
    });
    assert.deepEqual(wrong, []);
  });

  it('lists only feature edges the code uses (a stale exception hides nothing)', () => {
    const used = new Set(files.flatMap(importsOf).map((e) => `${e.from} → ${e.to}`));
    const present = new Set(readdirSync(SRC));
    // An edge to or from a feature that does not exist yet (completions, lm) waits for it.
    const stale = Object.keys(FEATURE_EDGES).filter((edge) => {
      const [from, to] = edge.split(' → ');
      return present.has(from) && present.has(to) && !used.has(edge);
    });
    assert.deepEqual(stale, []);
  });

  it('keeps vscode out of client/ (plain Node) and webview/ (the browser)', () => {
    const wrong = files
      .filter((f) => ['client', 'webview'].includes(unitOf(f)) && packagesOf(f).includes('vscode'))
      .map((f) => relative(ROOT, f));
    assert.deepEqual(wrong, []);
  });

  it('reads and writes the siliconflow.* settings only through src/service/ (one door)', () => {
    // Outside service/, getConfiguration may only name another section by a literal ('editor',
    // 'http'): a 'siliconflow…' section, or one held in a constant, is a second door.
    const secondDoor = /getConfiguration\(\s*(?!['"](?!siliconflow)[^'"]*['"])/;
    const wrong = files
      .filter((f) => unitOf(f) !== 'service' && secondDoor.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f));
    assert.deepEqual(wrong, []);
  });

  it('refuses the imports it is meant to refuse', () => {
    // The check itself, on the edges that must fail: upward, into the root, sideways unlisted.
    assert.match(violation('client', 'service') ?? '', /downward/);
    assert.match(violation('service', 'chat') ?? '', /downward/);
    assert.match(violation('service', 'settings') ?? '', /downward/);
    assert.match(violation('chat', 'extension') ?? '', /composition root/);
    assert.match(violation('edits', 'commands') ?? '', /FEATURE_EDGES/);
    assert.match(violation('settings', 'chat') ?? '', /FEATURE_EDGES/);
    assert.match(violation('webview', 'chat') ?? '', /browser/);
    assert.match(violation('protocol', 'chat') ?? '', /import nothing/);
    assert.match(violation('service', 'protocol') ?? '', /knows nothing/);
    assert.equal(violation('chat', 'service'), undefined);
    assert.equal(violation('extension', 'chat'), undefined);
    assert.equal(violation('commands', 'edits'), undefined);
  });
});
