// VS Code shows an extension's own translations (package.nls.<locale>.json, l10n/bundle.l10n.<locale>.json)
// only when it runs in that display language, and it runs in a language only when a language pack
// for it is installed. The Marketplace's Chinese pack cannot be downloaded here (no internet), so
// this builds a minimal local one: it declares zh-cn and translates nothing of VS Code itself.
// VS Code's own menus and dialogs then stay in English; everything of SiliconFlow Chat (commands,
// settings, the chat view, messages) shows in Chinese.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './paths.mjs';

/** Display languages the extension has translations for, with their names. */
export const LOCALES = { 'zh-cn': { languageName: 'Chinese Simplified', localizedLanguageName: '中文(简体)' } };

/**
 * Builds the pack for `locale` as a .vsix in a new temporary folder; returns its path and a
 * function that removes the folder.
 * @param {string} locale e.g. 'zh-cn'
 */
export async function buildLocalePack(locale) {
  const names = LOCALES[locale];
  if (!names) throw new Error(`no translations for the display language "${locale}" (available: ${Object.keys(LOCALES).join(', ')})`);
  const dir = mkdtempSync(join(tmpdir(), 'sf-locale-pack-'));
  const src = join(dir, 'pack');
  mkdirSync(join(src, 'translations'), { recursive: true });
  writeFileSync(
    join(src, 'package.json'),
    JSON.stringify(
      {
        name: `siliconflow-demo-language-${locale}`,
        displayName: `Display language ${locale} (SiliconFlow Chat demo)`,
        description: `Lets VS Code run in ${locale} so that extensions show their ${locale} translations; translates nothing of VS Code itself.`,
        publisher: 'siliconflow-chat',
        version: '0.0.1',
        license: 'MIT',
        engines: { vscode: '^1.100.0' },
        categories: ['Language Packs'],
        files: ['translations/**', 'README.md', 'LICENSE'],
        contributes: {
          localizations: [{ languageId: locale, ...names, translations: [{ id: 'vscode', path: './translations/main.i18n.json' }] }],
        },
      },
      null,
      2,
    ),
  );
  writeFileSync(join(src, 'translations', 'main.i18n.json'), JSON.stringify({ version: '1.0.0', contents: {} }));
  writeFileSync(join(src, 'README.md'), `Display language ${locale} for the SiliconFlow Chat demo.\n`);
  writeFileSync(join(src, 'LICENSE'), 'MIT\n');
  const packagePath = join(dir, `language-${locale}.vsix`);
  const vsce = createRequire(join(repoRoot, 'package.json'))('@vscode/vsce');
  const log = console.log;
  console.log = () => {}; // vsce prints a "DONE Packaged" line
  try {
    await vsce.createVSIX({ cwd: src, packagePath, dependencies: false, allowMissingRepository: true, skipLicense: true });
  } finally {
    console.log = log;
  }
  const id = `siliconflow-chat.siliconflow-demo-language-${locale}`;
  return {
    vsix: packagePath,
    remove: () => rmSync(dir, { recursive: true, force: true }),
    /** What <user-data>/languagepacks.json holds for this pack once installed into `extensionsDir`. */
    languagePacksEntry: (extensionsDir) => ({
      [locale]: {
        hash: createHash('md5').update(`${id}0.0.1`).digest('hex'),
        extensions: [{ extensionIdentifier: { id }, version: '0.0.1' }],
        translations: { vscode: join(extensionsDir, `${id}-0.0.1`, 'translations', 'main.i18n.json') },
        label: names.localizedLanguageName,
      },
    }),
  };
}
