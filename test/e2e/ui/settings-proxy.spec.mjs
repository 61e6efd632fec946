// Proxy end to end: with VS Code's `http.proxy` pointing at a local recording proxy, the
// extension's requests (the key check on /models, a chat answer) pass through it; the log names the
// proxy. The base URL's host, sf-mock.localhost, is known only to the proxy (it forwards it to the
// mock server), so an answer can only arrive through the proxy. (127.0.0.1 itself would not do:
// VS Code never proxies localhost.) The proxy starts when this module loads, so its address can go
// into the settings the harness writes before VS Code starts.
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';

export const title = 'proxy: with http.proxy set, the key check and a chat answer go through the proxy';

const KEY = 'sk-e2e-proxy-0123456789abcdef';

const MOCK_HOST = 'sf-mock.localhost';

/** `upstream()` says where sf-mock.localhost really is (the mock's port is known only later). */
async function startRecordingProxy(upstream) {
  const seen = [];
  const resolve = (host, port) => (host === MOCK_HOST ? upstream() : { host, port: Number(port) });
  const sockets = new Set();
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '');
    const to = resolve(target.hostname, target.port || 80);
    const upstream = http.request({ host: to.host, port: to.port, path: target.pathname + target.search, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('connect', (req, client, head) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    const to = resolve(host, port);
    const upstream = net.connect(to.port, to.host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    seen,
    close: () => new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

let mockPort = 0;
const proxy = await startRecordingProxy(() => ({ host: '127.0.0.1', port: mockPort }));
export const settings = { 'http.proxy': proxy.url, 'http.proxyStrictSSL': true, 'siliconflow.baseUrl': `http://${MOCK_HOST}/v1` };

export default async function ({ page, helpers, mock, log }) {
  mockPort = mock.port;
  try {
    await helpers.setApiKey(KEY);
    await page.locator('.notifications-toasts .notification-list-item').filter({ hasText: 'The API key works' }).first().waitFor({ timeout: 30_000 });
    const mockHost = `${MOCK_HOST}:80`;
    const throughProxy = () => proxy.seen.filter((l) => l === `CONNECT ${mockHost}` || l.includes(`http://${MOCK_HOST}/`));
    if (throughProxy().length === 0) {
      await helpers.runCommand('siliconflow.showLog');
      await page.waitForTimeout(1000);
      const text = await page.locator('.part.panel .view-lines').first().innerText().catch(() => '');
      assert.fail(`the key check did not pass the proxy; it saw ${JSON.stringify(proxy.seen)}; the log says:\n${text}`);
    }
    log(`key check went through the proxy (${proxy.seen.join(', ')})`);

    await helpers.openChat();
    const before = mock.requests.length;
    await helpers.sendChatMessage('Through the proxy, please.');
    await helpers.waitForChatText('You asked', 45_000);
    assert.ok(mock.requests.length > before, 'the chat request did not reach the mock');

    await helpers.runCommand('siliconflow.showLog');
    const output = page.locator('.part.panel .view-lines').first();
    await output.filter({ hasText: 'chat' }).waitFor({ timeout: 20_000 });
    const shown = (await output.innerText()).replace(/\u00a0/g, ' ');
    assert.ok(shown.includes(`via=${proxy.url}/ (http.proxy)`), `the log does not name the proxy:\n${shown}`);
    assert.ok(throughProxy().length > 0);
    assert.ok(!shown.includes(KEY), 'the key is in the log');
    await helpers.screenshot('proxy-log');
  } finally {
    await proxy.close();
  }
}
