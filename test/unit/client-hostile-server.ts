// A minimal HTTP server for the fault tests: each test gives the handler, the server records every
// request (method, path, headers, body) and whether the client closed the connection before the
// response ended. Bound to 127.0.0.1; close() also destroys connections a handler left open.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** The client closed the connection before the response ended. */
  clientClosed: boolean;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, seen: SeenRequest) => void | Promise<void>;

export interface HostileServer {
  /** `http://127.0.0.1:PORT` (no path). */
  readonly origin: string;
  /** `origin` + '/v1', what a base URL setting would hold. */
  readonly baseUrl: string;
  readonly requests: SeenRequest[];
  handler: Handler;
  close(): Promise<void>;
}

export async function startHostileServer(handler: Handler = (_q, res) => void res.end()): Promise<HostileServer> {
  const sockets = new Set<Socket>();
  const requests: SeenRequest[] = [];
  const state: { handler: Handler } = { handler };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const seen: SeenRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), clientClosed: false };
      requests.push(seen);
      res.on('close', () => {
        if (!res.writableFinished) seen.clientClosed = true;
      });
      Promise.resolve(state.handler(req, res, seen)).catch(() => res.destroy());
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    get handler() {
      return state.handler;
    },
    set handler(h: Handler) {
      state.handler = h;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** One OpenAI-shaped chunk as SiliconFlow writes it. */
export function openaiChunk(delta: Record<string, unknown>, finishReason: string | null = null, usage?: Record<string, number>): string {
  const chunk: Record<string, unknown> = { id: 'c1', object: 'chat.completion.chunk', model: 'm', choices: [{ index: 0, delta, finish_reason: finishReason }] };
  if (usage) chunk.usage = usage;
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

/** One Anthropic event with its `event:` line. */
export function anthropicEvent(o: { type: string } & Record<string, unknown>): string {
  return `event: ${o.type}\ndata: ${JSON.stringify(o)}\n\n`;
}

/** Resolves after `ms`. */
export const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
