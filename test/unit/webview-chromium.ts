// The chat webview in a real Chromium (headless), for what jsdom cannot tell: layout. Uses Debian's
// chromium and the playwright-core the end-to-end tests install (like bench/render); a test using it
// is skipped, saying why, when they are missing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { CHROMIUM_PATH, findChromium, type Browser, type Page } from '../../bench/render/playwright';
import type { HostMessage } from '../../src/protocol';

const ROOT = join(__dirname, '..', '..');
/** The codicon font from its package (esbuild copies it to media/codicons/ only on a build, which unit tests do not need). */
const CODICONS = join(ROOT, 'node_modules', '@vscode', 'codicons', 'dist');

/** The webview bundle, the stylesheet and the codicon font inlined: one self-contained page. */
function pageHtml(): string {
  const script = buildSync({ entryPoints: [join(ROOT, 'src/webview/main.ts')], bundle: true, write: false, format: 'iife', target: 'es2022' }).outputFiles[0].text;
  const font = readFileSync(join(CODICONS, 'codicon.ttf')).toString('base64');
  const codicons = readFileSync(join(CODICONS, 'codicon.css'), 'utf8').replace(/url\("\.\/codicon\.ttf[^"]*"\)/, `url(data:font/ttf;base64,${font})`);
  const css = readFileSync(join(ROOT, 'media/chat.css'), 'utf8');
  // What VS Code's webview host defines (Light Modern theme, default font) that the stylesheet uses.
  const theme = `:root { --vscode-font-family: system-ui, sans-serif; --vscode-font-size: 13px; --vscode-editor-font-family: monospace;
    --vscode-editor-font-size: 13px; --vscode-foreground: #3b3b3b; --vscode-button-background: #005fb8; --vscode-button-foreground: #fff;
    --vscode-input-background: #fff; --vscode-textCodeBlock-background: #f0f0f0; --vscode-descriptionForeground: #717171; }`;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><style>${codicons}</style><style>${theme}</style><style>${css}</style></head>
<body><div id="app"></div><script>
window.__posted = [];
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => undefined, setState: () => {} });
</script><script>${script}</script></body></html>`;
}

export interface ChatPage {
  page: Page;
  send(message: HostMessage): Promise<void>;
  close(): Promise<void>;
}

let browser: Browser | undefined;

/** A chat page `width` × `height` CSS pixels, or a sentence saying why there is none. */
export async function openChatPage(width: number, height: number): Promise<ChatPage | string> {
  const chromium = findChromium();
  if (typeof chromium === 'string') return chromium;
  browser ??= await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width, height } });
  await page.setContent(pageHtml());
  // Evaluated code is passed as text: the test runner's TypeScript transform adds helpers the page lacks.
  const send = (message: HostMessage): Promise<void> =>
    (page as unknown as { evaluate(code: string): Promise<void> }).evaluate(
      `(async () => { window.postMessage(${JSON.stringify(message)}, '*'); await new Promise((r) => setTimeout(r, 30)); await new Promise((r) => requestAnimationFrame(() => r())); })()`,
    );
  return { page, send, close: () => page.close() };
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}
