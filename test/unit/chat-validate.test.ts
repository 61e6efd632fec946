// The host accepts from the webview exactly the messages in protocol.ts, and nothing else.
import assert from 'node:assert/strict';
import { LIMITS, validateWebviewMessage } from '../../src/chat/validate';
import type { WebviewMessage } from '../../src/protocol';

const ID = '3f0c9a52-1b7e-4d7e-9a51-2f1e0b9c7d11';

/** One valid example of every message type in the WebviewMessage union. */
const VALID: Record<WebviewMessage['type'], WebviewMessage[]> = {
  ready: [{ type: 'ready', version: 1 }],
  send: [{ type: 'send', text: 'Explain closures' }, { type: 'send', text: 'x'.repeat(LIMITS.prompt) }],
  stop: [{ type: 'stop' }],
  regenerate: [{ type: 'regenerate' }],
  retry: [{ type: 'retry' }],
  selectVersion: [{ type: 'selectVersion', messageId: ID, version: 0 }, { type: 'selectVersion', messageId: ID, version: LIMITS.versions - 1 }],
  editResend: [{ type: 'editResend', messageId: ID, text: 'better question' }],
  newChat: [{ type: 'newChat' }],
  copy: [{ type: 'copy', text: 'const a = 1;' }],
  insertCode: [{ type: 'insertCode', code: 'a()' }, { type: 'insertCode', code: 'a()', language: 'c++' }],
  applyCode: [{ type: 'applyCode', code: 'a()', language: 'typescript' }],
  openLink: [{ type: 'openLink', href: 'https://siliconflow.cn/docs?a=1#x' }, { type: 'openLink', href: 'http://127.0.0.1:8080/' }],
  attach: [{ type: 'attach', what: 'file' }, { type: 'attach', what: 'selection' }],
  removeAttachment: [{ type: 'removeAttachment', index: 0 }, { type: 'removeAttachment', index: 3 }],
  attachImage: [{ type: 'attachImage', name: 'shot.png', mimeType: 'image/png', data: 'iVBORw0KGgo=' }],
  pickModel: [{ type: 'pickModel' }],
  setApiKey: [{ type: 'setApiKey' }],
  listHistory: [{ type: 'listHistory' }, { type: 'listHistory', query: 'closures' }],
  restoreSession: [{ type: 'restoreSession', sessionId: ID }],
  renameSession: [{ type: 'renameSession', sessionId: ID, title: 'My title' }],
  openSession: [{ type: 'openSession', sessionId: ID }],
  deleteSession: [{ type: 'deleteSession', sessionId: 'abc_DEF-123' }],
  draft: [{ type: 'draft', text: '' }, { type: 'draft', text: 'half a thought' }],
};

function rejects(raw: unknown): void {
  const r = validateWebviewMessage(raw);
  assert.equal(r.ok, false, `expected rejection of ${JSON.stringify(raw)?.slice(0, 120)}`);
}

describe('validateWebviewMessage', () => {
  for (const [type, examples] of Object.entries(VALID)) {
    it(`accepts a valid '${type}' message and returns an equal copy`, () => {
      for (const example of examples) {
        const r = validateWebviewMessage(JSON.parse(JSON.stringify(example)));
        assert.ok(r.ok, `rejected ${type}`);
        assert.deepEqual(r.message, example);
      }
    });
  }

  it('rejects non-objects, arrays, class instances and unknown types', () => {
    for (const raw of [null, undefined, 42, 'send', [], [{ type: 'send', text: 'a' }], new Date(), { type: 'explode' }, {}, { type: 7 }]) {
      rejects(raw);
    }
  });

  it('rejects fields of the wrong type', () => {
    rejects({ type: 'send', text: 42 });
    rejects({ type: 'send' });
    rejects({ type: 'ready', version: '1' });
    rejects({ type: 'ready', version: 1.5 });
    rejects({ type: 'attach', what: 'folder' });
    rejects({ type: 'insertCode', code: ['a'] });
    rejects({ type: 'applyCode', code: 'a', language: 5 });
    rejects({ type: 'copy', text: { toString: 'x' } });
  });

  it('rejects strings over the limit', () => {
    rejects({ type: 'send', text: 'x'.repeat(LIMITS.prompt + 1) });
    rejects({ type: 'draft', text: 'x'.repeat(LIMITS.prompt + 1) });
    rejects({ type: 'editResend', messageId: ID, text: 'x'.repeat(LIMITS.prompt + 1) });
    rejects({ type: 'copy', text: 'x'.repeat(LIMITS.code + 1) });
    rejects({ type: 'openLink', href: 'https://a.example/' + 'x'.repeat(LIMITS.href) });
    rejects({ type: 'insertCode', code: 'a', language: 'x'.repeat(LIMITS.language + 1) });
  });

  it('rejects links that are not http(s)', () => {
    for (const href of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'vscode://settings',
      'command:workbench.action.terminal.new',
      '//evil.example',
      'not a url',
      '',
    ]) {
      rejects({ type: 'openLink', href });
    }
  });

  it('rejects negative, fractional and out-of-range indexes', () => {
    for (const index of [-1, 1.5, LIMITS.attachments, Number.NaN, Infinity, '0', null]) {
      rejects({ type: 'removeAttachment', index });
    }
    for (const version of [-1, 1.5, LIMITS.versions, Number.NaN, '0', null]) {
      rejects({ type: 'selectVersion', messageId: ID, version });
    }
  });

  it('rejects ids that are not ids (path traversal, empty, too long)', () => {
    for (const id of ['../../etc/passwd', 'a/b', '', 'x'.repeat(65), 'a b', 'a.json', 5]) {
      rejects({ type: 'openSession', sessionId: id });
      rejects({ type: 'deleteSession', sessionId: id });
      rejects({ type: 'editResend', messageId: id, text: 'x' });
    }
  });

  it('rejects prototype-pollution keys and any key the type does not have', () => {
    rejects(JSON.parse('{"type":"send","text":"hi","__proto__":{"polluted":true}}'));
    rejects(JSON.parse('{"type":"stop","constructor":{"prototype":{"polluted":true}}}'));
    rejects({ type: 'send', text: 'hi', prototype: {} });
    rejects({ type: 'send', text: 'hi', extra: 1 });
    rejects({ type: 'stop', text: 'hi' });
    rejects(JSON.parse('{"type":"__proto__"}'));
    rejects({ type: 'toString' });
    rejects({ type: 'hasOwnProperty' });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('rejects unsafe language names', () => {
    rejects({ type: 'insertCode', code: 'a', language: '"><script>' });
    rejects({ type: 'applyCode', code: 'a', language: 'ts js' });
  });

  it('reports only a safe type name for the log', () => {
    const r = validateWebviewMessage({ type: '<img src=x onerror=alert(1)>', text: 'secret' });
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.type, '?');
    const r2 = validateWebviewMessage({ type: 'send', text: 5 });
    if (!r2.ok) assert.equal(r2.type, 'send');
  });
});
