// Proxy end to end: with VS Code's `http.proxy` pointing at a local recording proxy, the
// extension's requests (the key check on /models, a chat answer) pass through it; the log names the
// proxy. The base URL's host, sf-mock.localhost, is known only to the proxy (it forwards it to the
// mock server), so an answer can only arrive through the proxy. (127.0.0.1 itself would not do:
// VS Code never proxies localhost.) The proxy (test/mock-server/recordingProxy.ts) starts in
// `settings`, which the harness calls before VS Code starts, so its address is in settings.json.
import assert from 'node:assert/strict';

export const title = 'proxy: with http.proxy set, the key check and a chat answer go through the proxy';

const KEY = 'sk-e2e-proxy-0123456789abcdef';

const MOCK_HOST = 'sf-mock.localhost';

/** Started when the harness asks for this scenario's settings, before VS Code starts. */
let proxy;

/** The settings need the proxy's address, so they are computed once the mock server is up. */
export async function settings({ mock, mockModule }) {
  proxy = await mockModule.startRecordingProxy({
    route: (host, port) => (host === MOCK_HOST ? { host: '127.0.0.1', port: mock.port } : { host, port }),
  });
  return { 'http.proxy': proxy.url, 'http.proxyStrictSSL': true, 'siliconflow.baseUrl': `http://${MOCK_HOST}/v1` };
}

export default async function ({ page, helpers, mock, log }) {
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
