// The chat webview's page allows its own script (by nonce) and local resources, and nothing else.
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { renderChatHtml } from '../../src/chat/html';

const INPUT = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/chat.css',
  codiconUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/codicons/codicon.css',
  katexUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/katex/katex.css',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/webview.js',
  language: 'zh-cn',
};

function csp(html: string): Map<string, string> {
  const doc = new JSDOM(html).window.document;
  const content = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
  return new Map(content.split(';').map((d) => d.trim()).filter(Boolean).map((d) => [d.split(/\s+/)[0], d]));
}

describe('chat webview HTML', () => {
  it('has a strict CSP: nothing by default, styles/fonts/images from the extension only, scripts by nonce', () => {
    const html = renderChatHtml({ ...INPUT, nonce: 'abc123' });
    const policy = csp(html);
    assert.equal(policy.get('default-src'), "default-src 'none'");
    assert.equal(policy.get('style-src'), `style-src ${INPUT.cspSource}`);
    assert.equal(policy.get('font-src'), `font-src ${INPUT.cspSource}`);
    assert.equal(policy.get('img-src'), `img-src ${INPUT.cspSource} data:`);
    assert.equal(policy.get('script-src'), "script-src 'nonce-abc123'");
    assert.ok(!html.includes('unsafe-inline') && !html.includes('unsafe-eval'));
    assert.equal(policy.has('connect-src'), false, 'no connections: default-src none covers them');
  });

  it('forbids form submissions and <base> (neither falls back to default-src)', () => {
    const policy = csp(renderChatHtml({ ...INPUT, nonce: 'abc123' }));
    assert.equal(policy.get('form-action'), "form-action 'none'");
    assert.equal(policy.get('base-uri'), "base-uri 'none'");
  });

  it('loads exactly one script, carrying the nonce, plus the two stylesheets and a mount point', () => {
    const doc = new JSDOM(renderChatHtml({ ...INPUT, nonce: 'n0nce' })).window.document;
    const scripts = [...doc.querySelectorAll('script')];
    assert.deepEqual(scripts.map((s) => [s.getAttribute('src'), s.getAttribute('nonce'), s.textContent]), [[INPUT.scriptUri, 'n0nce', '']]);
    assert.deepEqual([...doc.querySelectorAll('link[rel=stylesheet]')].map((l) => l.getAttribute('href')), [INPUT.codiconUri, INPUT.katexUri, INPUT.styleUri]);
    assert.ok(doc.getElementById('app'));
    assert.equal(doc.documentElement.lang, 'zh-cn');
  });

  it('uses a fresh random nonce on every render', () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 50; i++) nonces.add(/script-src [^;"]+/.exec(renderChatHtml(INPUT))?.[0] ?? '');
    assert.equal(nonces.size, 50);
    for (const n of nonces) assert.match(n, /^script-src 'nonce-[A-Za-z0-9+/]{22}==?'$/);
  });
});
