// The chat webview's HTML: an empty mount point, the stylesheet, the codicons and one script, under a
// Content Security Policy that allows nothing else — no inline script without the per-render nonce,
// no remote resource, no connection anywhere. No 'vscode' import: the URIs come in as strings.
import { randomBytes } from 'node:crypto';

export interface ChatHtmlInput {
  /** webview.cspSource: the origin VS Code serves local resources from. */
  cspSource: string;
  /** webview.asWebviewUri(...) of media/chat.css, media/codicons/codicon.css and media/webview.js. */
  styleUri: string;
  codiconUri: string;
  /** webview.asWebviewUri(...) of media/katex/katex.css (its fonts load from media/katex/fonts/). */
  katexUri: string;
  scriptUri: string;
  /** vscode.env.language, for `lang` (screen readers pick their voice by it). */
  language: string;
  /** Fresh for every render; injectable for tests. */
  nonce?: string;
}

/** 128 random bits, base64: what CSP nonces should be. */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

const escapeAttribute = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function renderChatHtml(input: ChatHtmlInput): string {
  const nonce = input.nonce ?? makeNonce();
  const csp = [
    "default-src 'none'",
    `style-src ${input.cspSource}`,
    `font-src ${input.cspSource}`,
    `img-src ${input.cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
    // Not covered by default-src: no form may submit anywhere, no <base> may re-point relative URLs.
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
  const lang = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(input.language) ? input.language : 'en';
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(input.codiconUri)}">
<link rel="stylesheet" href="${escapeAttribute(input.katexUri)}">
<link rel="stylesheet" href="${escapeAttribute(input.styleUri)}">
</head>
<body>
<div id="app"></div>
<script nonce="${nonce}" src="${escapeAttribute(input.scriptUri)}"></script>
</body>
</html>`;
}
