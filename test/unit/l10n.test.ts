// Every user-visible string has a Simplified Chinese translation: the runtime strings (each
// `l10n.t('…')` literal in src/, and the webview's table in src/webviewStrings.ts, which the host
// translates with l10n.t) in l10n/bundle.l10n.zh-cn.json, and package.nls.json in
// package.nls.zh-cn.json. Placeholders, codicons and command links must survive translation.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { webviewStrings } from '../../src/webviewStrings';

const ROOT = path.resolve(__dirname, '../..');
const readJson = (file: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, string>;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

interface Found {
  message: string;
  where: string;
}

/** The first argument of every `….l10n.t(…)` / `l10n.t(…)` call that is a literal (or `{ message: literal }`). */
export function collectL10nStrings(files: readonly string[]): { strings: Found[]; dynamic: string[] } {
  const strings: Found[] = [];
  const dynamic: string[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && /(^|\.)l10n\.t$/.test(node.expression.getText(source)) && node.arguments.length > 0) {
        const first = node.arguments[0];
        const where = `${path.relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
        let literal: ts.Node | undefined = first;
        if (ts.isObjectLiteralExpression(first)) {
          const message = first.properties.find((p) => ts.isPropertyAssignment(p) && p.name.getText(source) === 'message');
          literal = message && ts.isPropertyAssignment(message) ? message.initializer : undefined;
        }
        if (literal && (ts.isStringLiteral(literal) || ts.isNoSubstitutionTemplateLiteral(literal))) strings.push({ message: literal.text, where });
        else dynamic.push(where);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { strings, dynamic };
}

const placeholders = (s: string): string[] => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();
const codicons = (s: string): string[] => [...s.matchAll(/\$\([a-z0-9~-]+\)/g)].map((m) => m[0]).sort();
const commandLinks = (s: string): string[] => [...s.matchAll(/\(command:[^)]+\)/g)].map((m) => m[0]).sort();
const hasChinese = (s: string): boolean => /[\u4e00-\u9fff]/.test(s);

/** Strings that are the same in Chinese (names). */
const SAME_IN_CHINESE = new Set(['SiliconFlow', 'SiliconFlow Chat']);

function checkTranslation(english: string, chinese: string | undefined, where: string): string | undefined {
  if (typeof chinese !== 'string' || !chinese.trim()) return `missing: ${JSON.stringify(english)} (${where})`;
  if (!hasChinese(chinese) && !SAME_IN_CHINESE.has(english)) return `not translated: ${JSON.stringify(english)} (${where})`;
  if (placeholders(english).join() !== placeholders(chinese).join()) return `placeholders differ: ${JSON.stringify(english)} → ${JSON.stringify(chinese)}`;
  if (codicons(english).join() !== codicons(chinese).join()) return `icons differ: ${JSON.stringify(english)} → ${JSON.stringify(chinese)}`;
  if (commandLinks(english).join() !== commandLinks(chinese).join()) return `command links differ: ${JSON.stringify(english)} → ${JSON.stringify(chinese)}`;
  return undefined;
}

describe('Chinese translation completeness', () => {
  const bundle = readJson('l10n/bundle.l10n.zh-cn.json');
  const { strings } = collectL10nStrings(sourceFiles(path.join(ROOT, 'src')));

  it('finds the runtime strings it is meant to check (the scanner itself works)', () => {
    const messages = strings.map((s) => s.message);
    assert.ok(messages.includes('Open Settings'), 'a string from src/service/config.ts');
    assert.ok(messages.some((m) => m.startsWith('The setting "siliconflow.{0}" is {1}')), 'a string from a pure module using an injected l10n');
    assert.ok(strings.length > 40, `only ${strings.length} strings found`);
  });

  it('has a Chinese entry for every l10n.t string in src/', () => {
    const problems = [...new Map(strings.map((s) => [s.message, s])).values()]
      .map((s) => checkTranslation(s.message, bundle[s.message], s.where))
      .filter((p): p is string => !!p);
    assert.deepEqual(problems, [], `${problems.length} runtime strings lack a proper zh-cn translation in l10n/bundle.l10n.zh-cn.json`);
  });

  it('has a Chinese entry for every webview string (the host translates them with l10n.t)', () => {
    const problems = Object.entries(webviewStrings)
      .map(([key, english]) => checkTranslation(english, bundle[english], `webviewStrings.${key}`))
      .filter((p): p is string => !!p);
    assert.deepEqual(problems, []);
  });

  it('translates every package.nls.json key in package.nls.zh-cn.json', () => {
    const english = readJson('package.nls.json');
    const chinese = readJson('package.nls.zh-cn.json');
    const problems = Object.entries(english)
      .map(([key, value]) => checkTranslation(value, chinese[key], key))
      .filter((p): p is string => !!p);
    assert.deepEqual(problems, []);
    assert.deepEqual(Object.keys(chinese).filter((k) => !(k in english)), [], 'keys only in the Chinese file');
  });

  it('uses every %key% of package.json from package.nls.json', () => {
    const manifest = fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8');
    const english = readJson('package.nls.json');
    const used = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.deepEqual(used.filter((k) => !(k in english)), []);
  });

  it('catches a missing translation (the check can fail)', () => {
    assert.match(checkTranslation('Open Settings', undefined, 'x') ?? '', /missing/);
    assert.match(checkTranslation('Retry {0}', '重试', 'x') ?? '', /placeholders/);
    assert.match(checkTranslation('$(check) current', '当前', 'x') ?? '', /icons/);
    assert.match(checkTranslation('Open Settings', 'Open Settings', 'x') ?? '', /not translated/);
  });
});
