// The key never reaches the log: every line passes redactSecrets().
import assert from 'node:assert/strict';
import { redactSecrets } from '../../src/service/redact';
import { formatEnd, formatStart, tokensPerSecond, type RequestRecord } from '../../src/service/requestLog';

const KEY = `sk-${'abcdefghijklmnopqrstuvwxyz'}012345`; // built at run time: no key-shaped literal in the repo

describe('redaction of secrets', () => {
  it('removes the key wherever it appears, also URL-encoded', () => {
    const key = 'my key/with+odd=chars';
    const out = redactSecrets(`error for ${key} at https://x/?k=${encodeURIComponent(key)}`, [key]);
    assert.doesNotMatch(out, /my key|with%2Bodd/);
    assert.match(out, /\[redacted\]/);
  });

  it('removes bearer tokens, x-api-key headers and anything shaped like a SiliconFlow key', () => {
    const out = redactSecrets(`Authorization: Bearer ${KEY}\nx-api-key: abcdef123456\nother sk-${'Z'.repeat(20)}`, []);
    assert.doesNotMatch(out, /abcdefghij|abcdef123456|ZZZZZZZZ/);
    assert.match(out, /Bearer \[redacted\]/);
  });

  it('removes proxy credentials from URLs', () => {
    assert.doesNotMatch(redactSecrets('via http://bob:hunter2@proxy:8080', []), /hunter2/);
  });

  it('leaves ordinary text alone', () => {
    const line = '#3 ok status=200 trace=ti_abc ttft=120ms tok/s=42.0';
    assert.equal(redactSecrets(line, [KEY]), line);
  });

  it('ignores empty or very short secrets instead of blanking text', () => {
    assert.equal(redactSecrets('a model answered', ['', undefined, 'a']), 'a model answered');
  });
});

describe('request log lines', () => {
  const record = (r: Partial<RequestRecord> = {}): RequestRecord => ({
    id: 7, purpose: 'chat', protocol: 'openai', model: 'deepseek-ai/DeepSeek-V3.2', endpoint: 'https://api.siliconflow.cn/v1/chat/completions',
    startedAt: 1000, attempts: 1, receivedChars: 0, ...r,
  });

  it('reports time to first token and tokens per second from the usage figures', () => {
    const r = record({ firstTokenAt: 1250, endedAt: 3250, outputTokens: 100, status: 200, traceId: 'ti_42', outcome: 'ok' });
    assert.equal(tokensPerSecond(r), 50);
    const line = formatEnd(r, [KEY]);
    assert.match(line, /#7 ok status=200 trace=ti_42 ttft=250ms tok\/s=50\.0/);
    assert.match(line, /total=2250ms/);
  });

  it('estimates tokens per second from characters when the server sent no usage', () => {
    assert.equal(tokensPerSecond(record({ firstTokenAt: 0, endedAt: 1000, receivedChars: 400 })), 100);
    assert.equal(tokensPerSecond(record({ endedAt: 1000 })), undefined, 'no token: no rate');
  });

  it('never writes the key, even when it slipped into a detail', () => {
    const start = formatStart(record(), `note=${KEY}`, [KEY]);
    assert.doesNotMatch(start, /abcdefghij/);
    assert.match(start, /POST https:\/\/api\.siliconflow\.cn\/v1\/chat\/completions model=deepseek-ai\/DeepSeek-V3\.2/);
  });
});
