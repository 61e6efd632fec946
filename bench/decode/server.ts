// A tiny loopback server that replays a pre-rendered recording as fast as the socket accepts it:
// one res.write per recorded write, waiting only for 'drain'. Nothing is generated per request, so
// the server costs the same for every reader and the reader is what we measure.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Recording } from './recording';

export interface ReplayServer {
  /** `http://127.0.0.1:PORT` (readers add `/v1` or not, as their SDK expects). */
  origin: string;
  close(): Promise<void>;
}

/** Waits for 'drain', failing if the client goes away first; leaves no listener behind. */
function drained(res: http.ServerResponse): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onDrain = (): void => {
      res.off('close', onClose);
      resolve();
    };
    const onClose = (): void => {
      res.off('drain', onDrain);
      reject(new Error('client closed'));
    };
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}

async function replay(res: http.ServerResponse, recording: Recording): Promise<void> {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'x-siliconcloud-trace-id': 'bench-trace',
  });
  for (const piece of recording.writes) {
    if (!res.write(piece)) {
      await drained(res);
    }
  }
  res.end();
}

export async function startReplayServer(recordings: Record<'openai' | 'anthropic', Recording>): Promise<ReplayServer> {
  const server = http.createServer((req, res) => {
    req.resume(); // the request body does not matter here; drain it so the socket stays healthy
    req.on('end', () => {
      const path = req.url ?? '';
      const recording = path.endsWith('/chat/completions')
        ? recordings.openai
        : path.endsWith('/messages')
          ? recordings.anthropic
          : undefined;
      if (!recording || req.method !== 'POST') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found');
        return;
      }
      replay(res, recording).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
