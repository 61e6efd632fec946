// A local HTTP proxy that records what passes through it: CONNECT tunnels and absolute-form
// requests. The proxy tests (client, settings, real VS Code) use it to prove a request really went
// through `http.proxy` / HTTPS_PROXY. Bound to 127.0.0.1 on a free port.
import * as http from 'node:http';
import * as net from 'node:net';

export interface RecordingProxy {
  /** `http://127.0.0.1:PORT` — what `http.proxy` or HTTPS_PROXY is set to. */
  readonly url: string;
  /** One line per request: `CONNECT host:port` or `METHOD absolute-url`, in order. */
  readonly seen: string[];
  close(): Promise<void>;
}

export interface RecordingProxyOptions {
  /**
   * Where a requested host really is. Lets a test use a host name that only the proxy can resolve
   * (so an answer can only have come through it). Default: connect to the host as asked.
   */
  route?: (host: string, port: number) => { host: string; port: number };
}

export async function startRecordingProxy(opts: RecordingProxyOptions = {}): Promise<RecordingProxy> {
  const route = opts.route ?? ((host: string, port: number) => ({ host, port }));
  const seen: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    // Absolute-form request: plain http through a proxy without a tunnel.
    seen.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '');
    const to = route(target.hostname, Number(target.port || 80));
    const upstream = http.request(
      { host: to.host, port: to.port, path: target.pathname + target.search, method: req.method, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`);
    const [host = '', port = ''] = (req.url ?? '').split(':');
    const to = route(host, Number(port));
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
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
