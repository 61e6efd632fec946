// Under a non-English display language, client errors are re-worded from their kind/status/code,
// keeping what the user needs: which model, which site, the server's own words and the trace id.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SiliconFlowError } from '../../src/client';
import { localizeError, localizedErrorText } from '../../src/service/errorText';
import { english } from '../../src/service/translator';

const ctx = { model: 'deepseek-ai/DeepSeek-V3.2', baseUrl: 'https://api.siliconflow.cn/v1' };
const err = (kind: ConstructorParameters<typeof SiliconFlowError>[1], message = '', details: { status?: number; code?: number | string; traceId?: string } = {}) =>
  new SiliconFlowError(message, kind, false, details);

describe('translated error messages', () => {
  it('tells a 401 apart by site and names the base URL setting', () => {
    const text = localizedErrorText(err('auth', 'x', { status: 401 }), ctx, english);
    assert.match(text, /api\.siliconflow\.cn \(401\)/);
    assert.match(text, /siliconflow\.baseUrl/);
  });

  it('says which 403 it is: balance or verification, with the console of the right site', () => {
    assert.match(localizedErrorText(err('forbidden', '', { code: 30001 }), ctx, english), /balance.*cloud\.siliconflow\.cn/);
    assert.match(localizedErrorText(err('forbidden', '', { code: 30011 }), { ...ctx, baseUrl: 'https://api.siliconflow.com/v1' }, english), /real-name.*cloud\.siliconflow\.com/);
  });

  it('names the model for a model that does not exist, and keeps the server quote and trace id', () => {
    const e = err('bad_request', 'The model x does not exist. Server said: "Model does not exist. Please check it carefully." [code 20012].', { code: 20012, traceId: 'tr-1' });
    const text = localizedErrorText(e, ctx, english);
    assert.match(text, /deepseek-ai\/DeepSeek-V3\.2 does not exist/);
    assert.match(text, /Server said: "Model does not exist\. Please check it carefully\." \[code 20012\]/);
    assert.match(text, /trace id: tr-1/);
  });

  it('goes through the translator for every kind', () => {
    const tagged = { t: (m: string, ...a: (string | number | boolean)[]) => `«${english.t(m, ...a)}»` };
    for (const kind of ['auth', 'forbidden', 'bad_request', 'not_found', 'rate_limit', 'overloaded', 'timeout', 'network', 'protocol', 'truncated', 'cancelled', 'server'] as const) {
      assert.match(localizedErrorText(err(kind, '', { status: 500 }), ctx, tagged), /^«.+»$/, kind);
    }
  });

  it('a redirect names where it points and the base URL setting, in Chinese too; the copy keeps the location', () => {
    const zh = JSON.parse(readFileSync(join(__dirname, '..', '..', 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
    const chinese = { t: (m: string, ...a: (string | number | boolean)[]) => english.t(zh[m] ?? m, ...a) };
    const e = new SiliconFlowError('English', 'not_found', false, { status: 307, location: 'http://gw.example/v1' });
    assert.match(localizedErrorText(e, ctx, english), /redirects \(307\) to http:\/\/gw\.example\/v1\..*set "siliconflow\.baseUrl" to http:\/\/gw\.example\/v1/);
    const text = localizedErrorText(e, ctx, chinese);
    assert.match(text, /重定向（307）到 http:\/\/gw\.example\/v1/);
    assert.match(text, /siliconflow\.baseUrl/);
    assert.equal(localizeError(e, ctx, chinese).location, 'http://gw.example/v1');
    assert.doesNotMatch(localizedErrorText(err('not_found', '', { status: 404 }), ctx, english), /redirect/);
  });

  it('a network failure says its cause in plain words (English and Chinese), never the Node / undici code', () => {
    const zh = JSON.parse(readFileSync(join(__dirname, '..', '..', 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
    const chinese = { t: (m: string, ...a: (string | number | boolean)[]) => english.t(zh[m] ?? m, ...a) };
    const cases: [string, RegExp, RegExp][] = [
      ['UND_ERR_SOCKET', /closed by the server or the network/, /被服务器或网络关闭/],
      ['ECONNRESET', /closed by the server or the network/, /被服务器或网络关闭/],
      ['ECONNREFUSED', /refused the connection/, /拒绝了连接/],
      ['ETIMEDOUT', /timed out/, /超时/],
      ['UND_ERR_CONNECT_TIMEOUT', /timed out/, /超时/],
      ['ENOTFOUND', /could not be found/, /找不到地址/],
      ['EHOSTUNREACH', /cannot be reached/, /无法访问/],
      ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', /certificate/, /证书/],
      ['UND_ERR_SOMETHING_NEW', /Could not reach api\.siliconflow\.cn/, /无法连接 api\.siliconflow\.cn/],
    ];
    for (const [code, en, cn] of cases) {
      const e = err('network', 'English', { code });
      const english1 = localizedErrorText(e, ctx, english);
      const chinese1 = localizedErrorText(e, ctx, chinese);
      assert.match(english1, en, code);
      assert.match(chinese1, cn, code);
      for (const text of [english1, chinese1]) assert.doesNotMatch(text, /UND_ERR|\bE[A-Z]{4,}\b|UNABLE_TO/, code);
      assert.equal(localizeError(e, ctx, chinese).code, code, 'the code stays on the error for the log');
    }
  });

  it('a stream of keep-alives only says so, not "did not answer in time"', () => {
    const e = err('timeout', 'SiliconFlow kept the connection open for 300 s without sending any of the answer (only keep-alive events), so the request was stopped.');
    assert.match(localizedErrorText(e, ctx, english), /without sending any of the answer/);
    assert.match(localizedErrorText(err('timeout', 'No data from SiliconFlow for 120 s'), ctx, english), /did not answer in time/);
  });

  it('keeps kind, status, code, trace id and retryable on the copy', () => {
    const original = new SiliconFlowError('English', 'overloaded', true, { status: 503, code: 50505, traceId: 't' });
    const copy = localizeError(original, ctx, english);
    assert.deepEqual([copy.kind, copy.status, copy.code, copy.traceId, copy.retryable], ['overloaded', 503, 50505, 't', true]);
    assert.match(copy.message, /overloaded/);
  });
});
