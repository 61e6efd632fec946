// `dispatcher` reaches Node's fetch: with undici's ProxyAgent the request goes through an HTTP
// proxy (CONNECT tunnel), which is how the settings honour `http.proxy`.
import * as assert from 'node:assert/strict';
import { ProxyAgent } from 'undici';
import { startRecordingProxy } from '../mock-server';
import { run, useMockServer } from './client-harness';

describe('client: proxy through `dispatcher`', () => {
  const mock = useMockServer();

  it('streams through an HTTP proxy given as an undici ProxyAgent', async () => {
    const proxy = await startRecordingProxy();
    const agent = new ProxyAgent(proxy.url);
    try {
      mock.server.enqueue({ script: { text: 'via the proxy' } });
      const r = await run(mock.server, {}, { dispatcher: agent, random: () => 0 });
      assert.equal(r.error, undefined);
      assert.equal(r.text, 'via the proxy');
      assert.deepEqual(proxy.seen, [`CONNECT 127.0.0.1:${mock.server.port}`]);
    } finally {
      await agent.close();
      await proxy.close();
    }
  });
});
