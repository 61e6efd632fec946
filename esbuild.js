// Builds the two bundles: the extension host (CommonJS, Node, `vscode` external) and the chat
// webview (browser IIFE into media/). `--production` minifies; `--watch` rebuilds on change.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions[]} */
const targets = [
  {
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [lazyUndici()],
  },
  {
    // undici (the proxy agent) in a file of its own, loaded only when a proxy is used; see src/service/proxy.ts.
    entryPoints: { undici: 'node_modules/undici/index.js' },
    outdir: 'dist',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    entryPoints: ['src/webview/main.ts'],
    outfile: 'media/webview.js',
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

/** In the extension bundle, `require('undici')` loads dist/undici.js at run time instead of inlining it. */
function lazyUndici() {
  return {
    name: 'lazy-undici',
    setup(build) {
      build.onResolve({ filter: /^undici$/ }, () => ({ path: './undici.js', external: true }));
    },
  };
}

/** Prints build errors in the `file:line:col: error: text` form that VS Code's problem matcher reads. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/** The codicon font for the webview (the HTML shell links media/codicons/codicon.css); copied, not committed. */
function copyCodicons() {
  const fs = require('fs');
  const path = require('path');
  const from = path.join(__dirname, 'node_modules', '@vscode', 'codicons', 'dist');
  const to = path.join(__dirname, 'media', 'codicons');
  fs.mkdirSync(to, { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join(from, file), path.join(to, file));
}

/**
 * KaTeX's stylesheet and fonts for the webview (media/katex/; copied, not committed). Only the
 * woff2 fonts: every engine VS Code runs on reads them, and they are a third of all three formats.
 */
function copyKatex() {
  const fs = require('fs');
  const path = require('path');
  const from = path.join(__dirname, 'node_modules', 'katex', 'dist');
  const to = path.join(__dirname, 'media', 'katex');
  fs.mkdirSync(path.join(to, 'fonts'), { recursive: true });
  const css = fs
    .readFileSync(path.join(from, 'katex.min.css'), 'utf8')
    .replace(/,url\(fonts\/[^)]+\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)/g, '');
  fs.writeFileSync(path.join(to, 'katex.css'), css);
  for (const file of fs.readdirSync(path.join(from, 'fonts'))) {
    if (file.endsWith('.woff2')) fs.copyFileSync(path.join(from, 'fonts', file), path.join(to, 'fonts', file));
  }
}

async function main() {
  copyCodicons();
  copyKatex();
  const contexts = await Promise.all(
    targets.map((t) =>
      esbuild.context({
        ...t,
        minify: production,
        sourcemap: production ? 'linked' : 'inline',
        sourcesContent: false,
        legalComments: 'none',
        logLevel: 'warning',
        metafile: true,
        plugins: [...(t.plugins ?? []), ...(watch ? [problemMatcherPlugin] : [])],
      }),
    ),
  );
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  for (const c of contexts) {
    await c.rebuild();
    await c.dispose();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
