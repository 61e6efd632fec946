// `dispatcher` reaches Node's fetch: with undici's ProxyAgent the request goes through an HTTP
// proxy (CONNECT tunnel), which is how the settings honour `http.proxy`.
import * as assert from 'node:assert/strict';
import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { run, useMockServer } from './client-harness';

interface Closable {
  close(): Promise<void>;
}
type ProxyAgentCtor = new (url: string) => Closable;

function loadProxyAgent(): ProxyAgentCtor | undefined {
  try {
    // undici is present through the dev tree (not a declared dependency): skip rather than fail without it.
    return (require('undici') as { ProxyAgent: ProxyAgentCtor }).ProxyAgent; // eslint-disable-line @typescript-eslint/no-require-imports -- optional package
  } catch {
    return undefined;
  }
}

/** A minimal CONNECT proxy that records the tunnels it opened. */
function startProxy(seen: string[]): Promise<Server> {
  const proxy = createServer((socket) => {
    socket.once('data', (head) => {
      const requestLine = head.toString('latin1').split('\r\n')[0] ?? '';
      seen.push(requestLine);
      const [host, port] = (requestLine.split(' ')[1] ?? '').split(':');
      const upstream = connect(Number(port), host, () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
  });
  return new Promise((resolve) => proxy.listen(0, '127.0.0.1', () => resolve(proxy)));
}

describe('client: proxy through `dispatcher`', () => {
  const mock = useMockServer();

  it('streams through an HTTP proxy given as an undici ProxyAgent', async function () {
    const ProxyAgent = loadProxyAgent();
    if (!ProxyAgent) this.skip();
    const seen: string[] = [];
    const proxy = await startProxy(seen);
    const agent = new ProxyAgent!(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}`);
    try {
      mock.server.enqueue({ script: { text: 'via the proxy' } });
      const r = await run(mock.server, {}, { dispatcher: agent, random: () => 0 });
      assert.equal(r.error, undefined);
      assert.equal(r.text, 'via the proxy');
      assert.deepEqual(seen, [`CONNECT 127.0.0.1:${mock.server.port} HTTP/1.1`]);
    } finally {
      await agent.close();
      proxy.close();
    }
  });
});
