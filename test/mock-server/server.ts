// The HTTP server: routing, auth, validation, scripted entries and directives, and the recording
// of every request. node:http only. The answers themselves come from answers.ts / render.ts.

import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultScript } from './answers';
import { parseDirectives, type Directives } from './directives';
import { badRequest, notFound, statusError, unauthorized, midstreamErrorEvent, type ApiFlavour, type ErrorResponse } from './errors';
import { defaultFimText, fimCompletion, fimEvents, fimPromptTokens, FIM_MODELS, validateChatFim, validateCompletions, type FimModels } from './fim';
import { alwaysReasons, estimateTokens, isKnownModel, LISTED_MODELS } from './models';
import { hexId, messageId } from './random';
import { anthropicMessage, chunkUnits, openAICompletion, renderEvents, type RenderContext } from './render';
import type { Fault, MockAccount, MockServer, MockServerOptions, RecordedRequest, Script, Scripted, StreamShape } from './types';
import { contentText, validateChatCompletions, validateMessages } from './validate';
import { planStream, playSteps, type Connection } from './writer';

type Route = 'openai' | 'anthropic' | 'models' | 'fim' | 'userInfo';
type Json = Record<string, unknown>;

const CHAT_PATHS = ['/v1/chat/completions', '/v1/messages'];
const JSON_TYPE = 'application/json; charset=utf-8';
const MAX_BODY_BYTES = 64 * 1024 * 1024;
/** Long answers use bigger pieces unless the shape says otherwise: 40k characters in 4-character deltas is slow to watch. */
const LONG_ANSWER_PIECE = 16;

/** What /v1/user/info reports unless the options or a scripted entry say otherwise. */
const DEFAULT_ACCOUNT: MockAccount = { balance: '0.88', chargeBalance: '88.00' };

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function routeOf(method: string, path: string): Route | undefined {
  if (method === 'POST' && path === '/v1/chat/completions') return 'openai';
  if (method === 'POST' && path === '/v1/messages') return 'anthropic';
  if (method === 'GET' && path === '/v1/models') return 'models';
  if (method === 'POST' && path === '/v1/completions') return 'fim';
  if (method === 'GET' && path === '/v1/user/info') return 'userInfo';
  return undefined;
}

/** The key the client presented: `Authorization: Bearer KEY`, else `x-api-key: KEY`. */
export function presentedKey(headers: IncomingMessage['headers']): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  if (bearer) return bearer[1];
  const apiKey = headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey.trim() !== '' ? apiKey.trim() : undefined;
}

/** Headers with the credentials blanked: for logs and for `GET /__mock/requests`. */
export function redactHeaders(headers: RecordedRequest['headers']): RecordedRequest['headers'] {
  const copy = { ...headers };
  for (const name of ['authorization', 'x-api-key']) if (copy[name] !== undefined) copy[name] = '[redacted]';
  return copy;
}

function lastUserText(body: unknown): string {
  if (!isObject(body) || !Array.isArray(body.messages)) return '';
  for (let i = body.messages.length - 1; i >= 0; i--) {
    const message: unknown = body.messages[i];
    if (isObject(message) && message.role === 'user') return contentText(message.content);
  }
  return '';
}

function promptTokens(body: Json): number {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  // A few tokens of chat-template overhead per message, like real tokenizers add.
  const content = messages.reduce<number>((sum, m) => sum + 4 + estimateTokens(isObject(m) ? contentText(m.content) : ''), 0);
  return content + estimateTokens(contentText(body.system));
}

function wantsReasoning(body: Json, directives: Directives): boolean {
  const thinking = isObject(body.thinking) && body.thinking.type === 'enabled';
  return alwaysReasons(String(body.model)) || body.enable_thinking === true || thinking || directives.think === true;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size <= MAX_BODY_BYTES) chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

interface QueuedEntry {
  entry: Scripted;
  remaining: number;
}

export class SiliconFlowMockServer implements MockServer {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: QueuedEntry[] = [];
  private readonly changes = new EventEmitter();
  private readonly server: Server;
  private closing = false;
  private boundPort = 0;

  constructor(private readonly options: MockServerOptions = {}) {
    this.changes.setMaxListeners(0);
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        if (this.options.verbose) console.error('[mock] handler failed:', err instanceof Error ? err.message : err);
        if (!res.headersSent) this.send(res, { status: 500, body: JSON.stringify({ code: 50000, message: 'mock server error', data: null }), contentType: JSON_TYPE });
        else res.destroy();
      });
    });
    // Small writes must leave as separate packets, or byte-level chunking would be merged by Nagle.
    this.server.on('connection', (socket) => socket.setNoDelay(true));
  }

  get port(): number {
    return this.boundPort;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.boundPort}/v1`;
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, '127.0.0.1', () => {
        this.server.off('error', reject);
        this.boundPort = (this.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  enqueue(...entries: Scripted[]): void {
    for (const entry of entries) this.queue.push({ entry, remaining: Math.max(1, entry.times ?? 1) });
  }

  waitForClientClose(requestIndex: number, timeoutMs = 5000): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.changes.off('change', check);
      };
      const check = () => {
        if (this.requests[requestIndex]?.clientClosed) {
          done();
          resolve();
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`the client did not close request ${requestIndex} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.changes.on('change', check);
      check();
    });
  }

  reset(): void {
    this.queue.length = 0;
    this.requests.length = 0;
  }

  close(): Promise<void> {
    this.closing = true;
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  // ---- request handling ------------------------------------------------------------------------

  private takeEntry(path: string): Scripted | undefined {
    const index = this.queue.findIndex(({ entry }) => (entry.path ? entry.path === path : CHAT_PATHS.includes(path)));
    if (index < 0) return undefined;
    const queued = this.queue[index]!;
    if (--queued.remaining <= 0) this.queue.splice(index, 1);
    return queued.entry;
  }

  private keyAccepted(key: string | undefined): boolean {
    if (!key) return false;
    if (this.options.apiKeys) return this.options.apiKeys.includes(key);
    return key.startsWith('sk-') && !key.startsWith('sk-invalid');
  }

  private send(res: ServerResponse, response: ErrorResponse): void {
    if (res.headersSent || res.destroyed) return;
    res.writeHead(response.status, { 'content-type': response.contentType, 'content-length': Buffer.byteLength(response.body) });
    res.end(response.body);
  }

  private sendJson(res: ServerResponse, status: number, value: unknown): void {
    this.send(res, { status, body: JSON.stringify(value), contentType: JSON_TYPE });
  }

  private log(line: string): void {
    if (this.options.verbose) console.error(`[mock] ${line}`);
  }

  private connectionFor(res: ServerResponse, record: RecordedRequest | undefined): Connection {
    let gone = false;
    let resetByUs = false;
    let markGone: () => void = () => undefined;
    const whenGone = new Promise<void>((resolve) => (markGone = resolve));
    res.on('close', () => {
      if (!res.writableFinished && !resetByUs && !this.closing && record) {
        record.clientClosed = true;
        this.log(`${record.method} ${record.url}: client closed the connection`);
        this.changes.emit('change');
      }
      gone = true;
      markGone();
    });
    return { gone: () => gone, whenGone, markReset: () => (resetByUs = true) };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('x-siliconcloud-trace-id', randomBytes(16).toString('hex'));
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    if (url.pathname.startsWith('/__mock/')) return this.control(method, url.pathname, req, res);

    const record: RecordedRequest = { method, path: url.pathname, url: url.pathname + url.search, headers: req.headers, body: undefined, clientClosed: false };
    this.requests.push(record);
    const conn = this.connectionFor(res, record);
    const text = await readBody(req);
    const parsed = parseJson(text);
    record.body = parsed.ok ? parsed.value : text === '' ? undefined : text;
    res.on('finish', () => this.log(`${method} ${record.url} -> ${res.statusCode}`));

    const route = routeOf(method, url.pathname);
    if (!route) return this.send(res, notFound());
    const flavour: ApiFlavour = route === 'anthropic' ? 'anthropic' : 'openai';
    if (!this.keyAccepted(presentedKey(req.headers))) return this.send(res, unauthorized(flavour));

    const entry = this.takeEntry(url.pathname);
    if (route === 'models') return this.models(url, res, conn, entry);
    if (route === 'fim') return this.fim(parsed.ok ? parsed.value : undefined, parsed.ok, res, conn, entry);
    if (route === 'userInfo') return this.userInfo(res, conn, entry);
    return this.chat(route, parsed.ok ? parsed.value : undefined, parsed.ok, res, conn, entry);
  }

  private async models(url: URL, res: ServerResponse, conn: Connection, entry: Scripted | undefined): Promise<void> {
    const shape = { ...this.options.defaultShape, ...entry?.shape };
    if (await this.preResponseFault(entry?.fault, 'openai', shape, res, conn)) return;
    const type = url.searchParams.get('type');
    const subType = url.searchParams.get('sub_type');
    const matches = (type === null || type === 'text') && (subType === null || subType === 'chat');
    const ids = matches ? [...LISTED_MODELS, ...(this.options.extraModels ?? [])] : [];
    this.sendJson(res, 200, { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 0, owned_by: '' })) });
  }

  /** Which models do FIM, in which form: the documented list plus the options'. */
  private fimModels(): FimModels {
    return { completions: [...FIM_MODELS, ...(this.options.fimModels ?? [])], chatOnly: this.options.chatFimOnlyModels ?? [] };
  }

  /** Chat validation knows the FIM-only ids too (they are real models on the chat endpoint). */
  private fimAwareModels(): string[] {
    return [...(this.options.extraModels ?? []), ...FIM_MODELS, ...(this.options.fimModels ?? []), ...(this.options.chatFimOnlyModels ?? [])];
  }

  /** POST /v1/completions: prompt + suffix → `choices[0].text`, streamed or not; faults as on the chat path. */
  private async fim(body: unknown, parsedOk: boolean, res: ServerResponse, conn: Connection, entry: Scripted | undefined): Promise<void> {
    const prompt = isObject(body) && typeof body.prompt === 'string' ? body.prompt : '';
    const { directives } = parseDirectives(prompt);
    const fault = entry ? entry.fault : directives.fault;
    const shape: StreamShape = { ...this.options.defaultShape, ...(entry ? entry.shape : directives.shape) };
    const streamed = isObject(body) && body.stream === true;
    const early = fault?.kind === 'status' || fault?.kind === 'redirect' || ((fault?.kind === 'reset' || fault?.kind === 'stall') && !streamed) ? fault : undefined;
    if (await this.preResponseFault(early, 'openai', shape, res, conn)) return;
    if (!parsedOk) return this.send(res, badRequest('openai', 20015, 'Input validation error: the request body is not valid JSON.'));
    const failure = validateCompletions(body, (m) => isKnownModel(m, this.options.extraModels), this.fimModels());
    if (failure) return this.send(res, badRequest('openai', failure.code, failure.message));
    const request = body as Json;
    const script: Script = entry?.script ?? { text: defaultFimText(prompt) };
    const ctx = { id: `cmpl-${randomBytes(8).toString('hex')}`, model: String(request.model), inputTokens: fimPromptTokens(request) };
    if (!streamed) {
      if (fault?.kind === 'truncate') {
        const text = JSON.stringify(fimCompletion(script, ctx));
        res.writeHead(200, { 'content-type': JSON_TYPE });
        res.end(text.slice(0, Math.floor(text.length / 2)));
        return;
      }
      return this.sendJson(res, 200, fimCompletion(script, ctx));
    }
    if (entry?.raw !== undefined) {
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
      res.flushHeaders();
      return playSteps(res, chunkUnits([Buffer.from(entry.raw, 'utf8')], shape).map((write) => ({ write })), shape, conn);
    }
    const steps = planStream(fimEvents(script, ctx, shape.piece), shape, fault);
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.flushHeaders();
    await playSteps(res, steps, shape, conn);
  }

  /**
   * GET /v1/user/info as SiliconFlow answers it (docs/cost-and-balance.md): amounts as decimal strings. A
   * scripted entry with `path: '/v1/user/info'` changes the amounts (`account`) or fails it
   * (`fault: {kind:'status', status: 401 | 404 | 410}`, or status 200 with a `body` that is not JSON).
   */
  private async userInfo(res: ServerResponse, conn: Connection, entry: Scripted | undefined): Promise<void> {
    const shape = { ...this.options.defaultShape, ...entry?.shape };
    if (await this.preResponseFault(entry?.fault, 'openai', shape, res, conn)) return;
    const account = { ...DEFAULT_ACCOUNT, ...this.options.account, ...entry?.account };
    const total = account.totalBalance ?? (Number(account.balance) + Number(account.chargeBalance)).toFixed(2);
    this.sendJson(res, 200, {
      code: 20000,
      message: 'OK',
      status: true,
      data: {
        id: 'mock-user', name: 'mock', image: '', email: 'mock@example.com', isAdmin: false,
        balance: account.balance, status: 'normal', introduction: '', role: '',
        chargeBalance: account.chargeBalance, totalBalance: total,
      },
    });
  }

  /** Status, reset and header delay/stall before any byte of the body. Returns true when the response is settled. */
  private async preResponseFault(fault: Fault | undefined, flavour: ApiFlavour, shape: StreamShape, res: ServerResponse, conn: Connection): Promise<boolean> {
    if (shape.headerDelayMs) await new Promise((resolve) => setTimeout(resolve, shape.headerDelayMs));
    if (conn.gone()) return true;
    if (fault?.kind === 'status') {
      const real = statusError(fault.status, flavour, fault.code);
      this.send(res, fault.body !== undefined ? { status: fault.status, body: fault.body, contentType: fault.contentType ?? real.contentType } : real);
      return true;
    }
    if (fault?.kind === 'redirect') {
      res.writeHead(fault.status, { location: fault.location, 'content-type': 'text/html' });
      res.end(`<html><body>Moved to <a href="${fault.location}">${fault.location}</a></body></html>`);
      return true;
    }
    if (fault?.kind === 'reset') {
      conn.markReset();
      res.socket?.destroy();
      return true;
    }
    if (fault?.kind === 'stall') {
      await new Promise<void>((resolve) => {
        if (fault.ms !== undefined) setTimeout(resolve, fault.ms);
        void conn.whenGone.then(resolve);
      });
      return conn.gone();
    }
    return false;
  }

  private async chat(
    flavour: 'openai' | 'anthropic',
    body: unknown,
    parsedOk: boolean,
    res: ServerResponse,
    conn: Connection,
    entry: Scripted | undefined,
  ): Promise<void> {
    const { directives, cleaned } = parseDirectives(lastUserText(body));
    const fault = entry ? entry.fault : directives.fault;
    const shape: StreamShape = { ...this.options.defaultShape, ...(entry ? entry.shape : directives.shape) };
    const streamed = isObject(body) && body.stream === true;
    // In a stream, reset and stall strike mid-stream; a non-streamed request meets them before its headers.
    const early = fault?.kind === 'status' || fault?.kind === 'redirect' || ((fault?.kind === 'reset' || fault?.kind === 'stall') && !streamed) ? fault : undefined;
    if (await this.preResponseFault(early, flavour, shape, res, conn)) return;

    if (!parsedOk) return this.send(res, badRequest(flavour, 20015, 'Input validation error: the request body is not valid JSON.'));
    const failure = flavour === 'openai' ? validateChatCompletions(body, this.fimAwareModels()) : validateMessages(body, this.options.extraModels);
    if (failure) return this.send(res, badRequest(flavour, failure.code, failure.message));
    // The chat form of FIM: `prefix` (and `suffix`) next to the messages; the answer continues the prefix.
    const fimPrefix = flavour === 'openai' && isObject(body) && typeof body.prefix === 'string' ? body.prefix : undefined;
    if (fimPrefix !== undefined) {
      const fimFailure = validateChatFim(body as Json, this.fimModels());
      if (fimFailure) return this.send(res, badRequest(flavour, fimFailure.code, fimFailure.message));
    }
    if (entry?.raw !== undefined) {
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
      res.flushHeaders();
      const writes = chunkUnits([Buffer.from(entry.raw, 'utf8')], shape).map((write) => ({ write }));
      return playSteps(res, writes, shape, conn);
    }

    const request = body as Json;
    const long = directives.long === true && !entry?.script;
    const script: Script =
      entry?.script ??
      (fimPrefix !== undefined
        ? { text: defaultFimText(fimPrefix) }
        : directives.echo
          ? { text: cleaned }
          : defaultScript({ prompt: cleaned, reasoning: wantsReasoning(request, directives), long }));
    const ctx: RenderContext = {
      id: flavour === 'openai' ? hexId(randomBytes(8).toString('hex')) : messageId(randomBytes(8).toString('hex')),
      created: Math.floor(Date.now() / 1000),
      model: String(request.model),
      inputTokens: fimPrefix !== undefined ? fimPromptTokens(request) : promptTokens(request),
    };
    if (!streamed) return this.nonStreamed(flavour, script, ctx, fault, res, conn);

    const piece = shape.piece ?? (long ? LONG_ANSWER_PIECE : undefined);
    const steps = planStream(renderEvents(flavour, script, ctx, piece), shape, fault);
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.flushHeaders();
    await playSteps(res, steps, shape, conn);
  }

  private async nonStreamed(
    flavour: 'openai' | 'anthropic',
    script: Script,
    ctx: RenderContext,
    fault: Fault | undefined,
    res: ServerResponse,
    conn: Connection,
  ): Promise<void> {
    const body = JSON.stringify(flavour === 'openai' ? openAICompletion(script, ctx) : anthropicMessage(script, ctx));
    switch (fault?.kind) {
      case 'midstream':
        return this.send(res, { status: 200, body: midstreamErrorEvent(fault.shape).data, contentType: JSON_TYPE });
      case 'truncate':
        res.writeHead(200, { 'content-type': JSON_TYPE });
        res.end(body.slice(0, Math.floor(body.length / 2)));
        return;
      default:
        break;
    }
    if (!conn.gone()) this.send(res, { status: 200, body, contentType: JSON_TYPE });
  }

  // ---- cross-process control -------------------------------------------------------------------

  private async control(method: string, path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    if (method === 'POST' && path === '/__mock/enqueue') {
      const parsed = parseJson(text);
      const value = parsed.ok ? parsed.value : undefined;
      const entries = Array.isArray(value) ? value : isObject(value) ? [value] : undefined;
      if (!entries || !entries.every(isObject)) return this.sendJson(res, 400, { error: 'expected a Scripted object or an array of them' });
      this.enqueue(...(entries as Scripted[]));
      return this.sendJson(res, 200, { queued: entries.length });
    }
    if (method === 'GET' && path === '/__mock/requests') {
      return this.sendJson(res, 200, this.requests.map((r) => ({ ...r, headers: redactHeaders(r.headers) })));
    }
    if (method === 'POST' && path === '/__mock/reset') {
      this.reset();
      return this.sendJson(res, 200, { ok: true });
    }
    this.send(res, notFound());
  }
}
