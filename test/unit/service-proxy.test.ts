// Requests go through the proxy VS Code or the environment names, unless NO_PROXY exempts the host.
// The proxy is a real local HTTP proxy (CONNECT and absolute-form) on 127.0.0.1; the API is the
// mock server; the client is the real one, given the dispatcher the extension would pass.
import assert from 'node:assert/strict';
import { listModels, streamChat, type StreamEvent } from '../../src/client';
import { chooseProxy, describeProxyUrl, ProxyDispatchers, routeFor, type ProxySettings } from '../../src/service/proxy';
import { bypassesProxy } from '../../src/service/noProxy';
import { startMockServer, startRecordingProxy, type MockServer, type RecordingProxy } from '../mock-server';

describe('NO_PROXY matching', () => {
  const cases: [string, string, boolean][] = [
    ['https://api.siliconflow.cn/v1', '*', true],
    ['https://api.siliconflow.cn/v1', 'siliconflow.cn', true],
    ['https://api.siliconflow.cn/v1', 'api.siliconflow.cn', true],
    ['https://siliconflow.cn/v1', '.siliconflow.cn', false],
    ['https://api.siliconflow.cn/v1', '.siliconflow.cn', true],
    ['https://api.siliconflow.cn/v1', '*.siliconflow.cn', true],
    ['https://notsiliconflow.cn/v1', 'siliconflow.cn', false],
    ['https://api.siliconflow.com/v1', 'siliconflow.cn', false],
    ['https://API.SiliconFlow.CN/v1', 'siliconflow.cn', true],
    ['https://api.siliconflow.cn/v1', 'api.siliconflow.cn:443', true],
    ['https://api.siliconflow.cn/v1', 'api.siliconflow.cn:8443', false],
    ['http://127.0.0.1:4000/v1', '127.0.0.1:4000', true],
    ['http://127.0.0.1:4000/v1', '127.0.0.1:5000', false],
    ['http://127.0.0.1:4000/v1', '127.0.0.0/8', true],
    ['http://10.1.2.3/v1', '10.0.0.0/8', true],
    ['http://11.1.2.3/v1', '10.0.0.0/8', false],
    ['http://[::1]:4000/v1', '::1', true],
    ['http://[::1]:4000/v1', '[::1]:4000', true],
    ['https://api.siliconflow.cn/v1', 'localhost, example.com  siliconflow.cn', true],
    ['https://api.siliconflow.cn/v1', '', false],
  ];
  for (const [url, noProxy, expected] of cases) {
    it(`${expected ? 'bypasses' : 'proxies'} ${url} with NO_PROXY="${noProxy}"`, () => {
      assert.equal(bypassesProxy(url, noProxy), expected);
    });
  }
});

describe('choosing a proxy', () => {
  const base: ProxySettings = { strictSSL: true, env: {} };

  it('goes direct when nothing names a proxy', () => {
    assert.deepEqual(chooseProxy('https://api.siliconflow.cn/v1/models', base), { kind: 'direct', reason: 'none' });
  });

  it('prefers VS Code http.proxy over the environment', () => {
    const c = chooseProxy('https://api.siliconflow.cn/v1', { ...base, httpProxy: 'http://setting:3128', env: { HTTPS_PROXY: 'http://env:3128' } });
    assert.deepEqual(c, { kind: 'proxy', url: 'http://setting:3128/', source: 'http.proxy', strictSSL: true });
  });

  it('uses HTTPS_PROXY for https and HTTP_PROXY for http, lower case first', () => {
    const env = { HTTPS_PROXY: 'http://secure:1', http_proxy: 'plain:2' };
    assert.equal((chooseProxy('https://a.example/v1', { ...base, env }) as { url: string }).url, 'http://secure:1/');
    assert.equal((chooseProxy('http://a.example/v1', { ...base, env }) as { url: string }).url, 'http://plain:2/');
  });

  it('honours NO_PROXY and http.noProxy', () => {
    const env = { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'siliconflow.cn' };
    assert.deepEqual(chooseProxy('https://api.siliconflow.cn/v1', { ...base, env }), { kind: 'direct', reason: 'noProxy' });
    assert.deepEqual(chooseProxy('https://api.siliconflow.com/v1', { ...base, env: { HTTPS_PROXY: 'http://p:1' }, noProxy: ['siliconflow.com'] }), { kind: 'direct', reason: 'noProxy' });
  });

  it('carries http.proxyStrictSSL and refuses proxy schemes undici cannot speak', () => {
    assert.equal((chooseProxy('https://x/v1', { httpProxy: 'http://p:1', strictSSL: false, env: {} }) as { strictSSL: boolean }).strictSSL, false);
    assert.equal(chooseProxy('https://x/v1', { ...base, httpProxy: 'socks5://p:1080' }).kind, 'invalid');
  });

  it('keeps proxy credentials out of what is logged', () => {
    const shown = describeProxyUrl('http://alice:s3cret-pass@proxy.corp:8080');
    assert.doesNotMatch(shown, /s3cret-pass|alice/);
    assert.match(shown, /proxy\.corp:8080/);
  });
});

describe('who applies the proxy', () => {
  const env = { HTTPS_PROXY: 'http://p:1' };
  const target = 'https://api.siliconflow.cn/v1/chat/completions';

  it("leaves it to VS Code's fetch patch when that is on (it would replace our dispatcher anyway)", () => {
    const r = routeFor(target, { strictSSL: true, env, vscodeProxySupport: 'override', vscodeFetchSupport: true });
    assert.equal(r.handledBy, 'vscode');
    assert.equal(r.choice.kind, 'proxy', 'the log still says which proxy applies');
    assert.equal(routeFor(target, { strictSSL: true, env, vscodeProxySupport: 'on' }).handledBy, 'vscode');
  });

  it('uses its own ProxyAgent when VS Code does not patch fetch, and outside VS Code', () => {
    assert.equal(routeFor(target, { strictSSL: true, env, vscodeProxySupport: 'override', vscodeFetchSupport: false }).handledBy, 'extension');
    assert.equal(routeFor(target, { strictSSL: true, env }).handledBy, 'extension');
  });

  it('goes direct when http.proxySupport is off', () => {
    assert.deepEqual(routeFor(target, { strictSSL: true, env, vscodeProxySupport: 'off' }), { choice: { kind: 'direct', reason: 'none' }, handledBy: 'off' });
  });
});

/** A forwarding proxy that records what passed through it. */
describe('requests through a local proxy', () => {
  let mock: MockServer;
  let proxy: RecordingProxy;
  // A fresh agent per test: an agent keeps its tunnel open, so a second request would not CONNECT again.
  let dispatchers: ProxyDispatchers;
  const apiKey = `sk-proxytest${'0'.repeat(16)}`; // built at run time: no key-shaped literal in the repo

  before(async () => {
    mock = await startMockServer();
    proxy = await startRecordingProxy();
  });
  after(async () => {
    await proxy.close();
    await mock.close();
  });
  beforeEach(() => {
    proxy.seen.length = 0;
    mock.reset();
    dispatchers = new ProxyDispatchers();
  });
  afterEach(() => dispatchers.close());

  const mockHostPort = () => `127.0.0.1:${mock.port}`;

  it('streams a chat answer through the proxy named by HTTP_PROXY', async () => {
    const choice = chooseProxy(`${mock.baseUrl}/chat/completions`, { strictSSL: true, env: { HTTP_PROXY: proxy.url } });
    assert.equal(choice.kind, 'proxy');
    mock.enqueue({ script: { text: 'through the proxy' } });
    const events: StreamEvent[] = [];
    for await (const e of streamChat(
      { baseUrl: mock.baseUrl, apiKey, protocol: 'openai', model: 'Qwen/Qwen2.5-7B-Instruct', messages: [{ role: 'user', content: 'hi' }] },
      { dispatcher: await dispatchers.dispatcherFor(choice) },
    )) events.push(e);
    const text = events.flatMap((e) => (e.type === 'text' ? [e.text] : [])).join('');
    assert.equal(text, 'through the proxy');
    assert.equal(events.at(-1)?.type, 'done');
    // undici's ProxyAgent tunnels even plain http with CONNECT; accept absolute-form too.
    assert.ok(
      proxy.seen.some((line) => line === `CONNECT ${mockHostPort()}` || line.startsWith(`POST http://${mockHostPort()}/v1/chat/completions`)),
      `the proxy saw: ${JSON.stringify(proxy.seen)}`,
    );
    assert.equal(mock.requests.length, 1, 'the request reached the API');
  });

  it('lists models through the proxy named by http.proxy', async () => {
    const choice = chooseProxy(`${mock.baseUrl}/models`, { httpProxy: proxy.url, strictSSL: true, env: {} });
    const models = await listModels({ baseUrl: mock.baseUrl, apiKey }, { dispatcher: await dispatchers.dispatcherFor(choice) });
    assert.ok(models.length > 0);
    assert.ok(proxy.seen.length > 0, 'the proxy saw the request');
  });

  it('goes direct, past the proxy, when NO_PROXY names the host', async () => {
    const choice = chooseProxy(`${mock.baseUrl}/models`, { strictSSL: true, env: { HTTP_PROXY: proxy.url, NO_PROXY: `localhost,127.0.0.1:${mock.port}` } });
    assert.deepEqual(choice, { kind: 'direct', reason: 'noProxy' });
    const models = await listModels({ baseUrl: mock.baseUrl, apiKey }, { dispatcher: await dispatchers.dispatcherFor(choice) });
    assert.ok(models.length > 0);
    assert.deepEqual(proxy.seen, [], 'the proxy saw nothing');
    assert.equal(mock.requests.length, 1);
  });

  it('fails with a network error naming the proxy settings when the proxy is down', async () => {
    const dead = new ProxyDispatchers();
    const choice = chooseProxy(`${mock.baseUrl}/models`, { httpProxy: 'http://127.0.0.1:1', strictSSL: true, env: {} });
    await assert.rejects(
      listModels({ baseUrl: mock.baseUrl, apiKey }, { dispatcher: await dead.dispatcherFor(choice), maxRetries: 0 }),
      (err: Error & { kind?: string }) => err.kind === 'network' && /proxy/i.test(err.message),
    );
    await dead.close();
    assert.equal(mock.requests.length, 0);
  });
});
