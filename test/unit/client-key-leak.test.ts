// A server that echoes the API key back — in the trace-id header, in a 2,000-character error body
// at offsets around the 300-character quote cut, in a mid-stream error, in a 200 that is not an
// event stream, in /models — must not get any 8-character fragment of it into what a user or a
// file sees: the error's fields, the log lines, the messages posted to the chat webview, the
// history files, the dialogs' text, under the English and the Chinese UI. Two keys: an `sk-` key
// and a 40-character key of another shape (with characters JSON and URLs escape).
import * as assert from 'node:assert/strict';
import { promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SiliconFlowError, listModels, streamChat, type ChatRequest, type Protocol, type ResponseInfo, type StreamEvent } from '../../src/client';
import { scrubIngested } from '../../src/client/errors';
import { ChatController, type StateMemory } from '../../src/chat/controller';
import { SessionStore } from '../../src/chat/sessionStore';
import { localizeError } from '../../src/service/errorText';
import { formatEnd } from '../../src/service/requestLog';
import { english, type L10nArg, type Translator } from '../../src/service/translator';
import { collect } from './client-harness';
import { anthropicEvent, openaiChunk, startHostileServer, type HostileServer } from './client-hostile-server';

// Built at run time: no key-shaped literal in the repo.
const SK_KEY = ['sk', 'leakcheck', 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'].join('-');
const OTHER_KEY = `${'Zx9'}/Qw+${'Er7Ty6Ui5Op4As3Df2Gh1Jk0'}Lm"=Nb`.padEnd(40, 'v'); // 40 characters, not sk-
const KEYS = { 'an sk- key': SK_KEY, 'a 40-character key of another shape': OTHER_KEY };

/** Chinese UI: the extension's own bundle, filled in like vscode.l10n.t. */
const bundle = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
const chinese: Translator = {
  t: (message: string, ...args: L10nArg[]) => english.t(bundle[message] ?? message, ...args),
};
const UIS: [string, Translator][] = [
  ['English', english],
  ['Chinese', chinese],
];

/** Every 8-character fragment of `key` found in `text`. */
function fragmentsIn(text: string, key: string): string[] {
  const found = new Set<string>();
  for (const form of [key, JSON.stringify(key).slice(1, -1), encodeURIComponent(key)]) {
    for (let i = 0; i + 8 <= form.length; i++) if (text.includes(form.slice(i, i + 8))) found.add(form.slice(i, i + 8));
  }
  return [...found];
}

function assertClean(where: string, text: string, key: string): void {
  const found = fragmentsIn(text, key);
  assert.deepEqual(found, [], `${where} contains key fragments ${JSON.stringify(found)}:\n${text.slice(0, 2000)}`);
}

/** Whatever the server wants to echo: the key from the request's Authorization header. */
const keyOf = (authorization: string | undefined): string => (authorization ?? '').replace(/^Bearer /, '');

/** A 2,000-character error text with the key starting at `offset` (the client quotes 300 characters). */
const bodyWithKeyAt = (key: string, offset: number): string => `${'e'.repeat(offset)}${key}`.padEnd(2000, ' more words');

interface Outcome {
  error?: SiliconFlowError;
  events: StreamEvent[];
  responses: ResponseInfo[];
}

/** Everything derived from one failed request that a person or a file sees. */
function surfaces(o: Outcome, baseUrl: string): Record<string, string> {
  const out: Record<string, string> = {
    events: JSON.stringify(o.events),
    'onResponse hook (log)': JSON.stringify(o.responses),
  };
  const e = o.error;
  if (!e) return out;
  out['error fields'] = JSON.stringify({ message: e.message, traceId: e.traceId, code: e.code, status: e.status, location: e.location, kind: e.kind, stack: e.stack });
  // The request log's end line and error line, as the service writes them (here without its redaction).
  out['log'] = `${formatEnd({ id: 1, purpose: 'chat', protocol: 'openai', model: 'm', endpoint: baseUrl, startedAt: 0, endedAt: 1, attempts: 1, receivedChars: 0, status: e.status, traceId: o.responses.at(-1)?.traceId ?? e.traceId, outcome: e.kind }, [])}\n#1 ${e.message}`;
  for (const [ui, l10n] of UIS) {
    const shown = localizeError(e, { model: 'm', baseUrl }, l10n);
    out[`chat error text (${ui})`] = shown.message;
    // The Set API Key dialog: the reason a key could not be checked, and the trace id under a rejected key.
    out[`dialog text (${ui})`] = `${shown.message}\n${e.traceId ? l10n.t('(trace id: {0})', e.traceId) : ''}`;
  }
  return out;
}

async function run(server: HostileServer, key: string, overrides: Partial<ChatRequest> = {}): Promise<Outcome> {
  const responses: ResponseInfo[] = [];
  const req: ChatRequest = { baseUrl: server.baseUrl, apiKey: key, protocol: 'openai', model: 'm', messages: [{ role: 'user', content: 'hi' }], ...overrides };
  const r = await collect(streamChat(req, { maxRetries: 0, onResponse: (i) => responses.push(i) }));
  return { error: r.error, events: r.events, responses };
}

describe('the API key echoed by a server leaks nowhere', () => {
  let server: HostileServer;
  before(async () => {
    server = await startHostileServer();
  });
  after(() => server.close());

  for (const [keyName, key] of Object.entries(KEYS)) {
    describe(keyName, () => {
      const check = (o: Outcome): void => {
        assert.ok(o.error, 'the request failed');
        for (const [where, text] of Object.entries(surfaces(o, server.baseUrl))) assertClean(where, text, key);
      };

      it('in the trace-id header of a 401 and of a 500 (English and Chinese error text, dialog, log)', async () => {
        for (const status of [401, 500]) {
          server.handler = (q, res) => {
            res.writeHead(status, { 'content-type': 'application/json', 'x-siliconcloud-trace-id': `trace-${keyOf(q.headers.authorization)}-end` });
            res.end(JSON.stringify({ code: 20001, message: 'Invalid token', data: null }));
          };
          const o = await run(server, key);
          assert.ok(o.error?.traceId?.startsWith('trace-'), 'the rest of the trace id is kept');
          check(o);
        }
      });

      it('in a 2,000-character error body, at offsets around the 300-character cut', async () => {
        for (const offset of [0, 250, 280, 285, 290, 295, 298, 299, 300, 301, 310]) {
          for (const [status, asJson] of [[400, true], [500, false], [503, true]] as const) {
            server.handler = (q, res) => {
              const text = bodyWithKeyAt(keyOf(q.headers.authorization), offset);
              res.writeHead(status, { 'content-type': asJson ? 'application/json' : 'text/plain' });
              res.end(asJson ? JSON.stringify({ error: { message: text, type: 'invalid_request_error', code: text.slice(0, 400) } }) : text);
            };
            check(await run(server, key));
          }
        }
      });

      it('in a mid-stream error (three shapes, both protocols), after text was shown', async () => {
        for (const protocol of ['openai', 'anthropic'] as Protocol[]) {
          for (const shape of ['envelope', 'openai', 'native']) {
            for (const offset of [0, 295, 300]) {
              server.handler = (q, res) => {
                const text = bodyWithKeyAt(keyOf(q.headers.authorization), offset);
                res.writeHead(200, { 'content-type': 'text/event-stream' });
                const first = protocol === 'openai' ? openaiChunk({ content: 'Hello ' }) : anthropicEvent({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hello ' } });
                const err =
                  shape === 'envelope'
                    ? anthropicEvent({ type: 'error', error: { type: 'overloaded_error', message: text } })
                    : shape === 'openai'
                      ? `data: ${JSON.stringify({ error: { message: text, type: 'server_error', code: text.slice(0, 64) } })}\n\n`
                      : `data: ${JSON.stringify({ code: 50505, message: text })}\n\n`;
                res.end(first + err);
              };
              const o = await run(server, key, { protocol });
              assert.equal(o.events.length > 0, true, 'the text before the error was shown');
              check(o);
            }
          }
        }
      });

      it('in the content type of a 200 that is not an event stream', async () => {
        server.handler = (q, res) => {
          res.writeHead(200, { 'content-type': `text/plain; charset=${keyOf(q.headers.authorization)}` });
          res.end('Bad gateway');
        };
        const o = await run(server, key);
        assert.match(o.error?.message ?? '', /but got text\/plain; charset=/);
        check(o);
      });

      it('in a 200 that is not an event stream, and in an event that is not JSON', async () => {
        for (const offset of [0, 70, 75, 80, 290, 300]) {
          server.handler = (q, res) => {
            res.writeHead(200, { 'content-type': 'text/plain' });
            res.end(bodyWithKeyAt(keyOf(q.headers.authorization), offset));
          };
          check(await run(server, key));
          server.handler = (q, res) => {
            res.writeHead(200, { 'content-type': 'text/event-stream' });
            res.end(`data: ${bodyWithKeyAt(keyOf(q.headers.authorization), offset)}\n\n`);
          };
          check(await run(server, key));
        }
      });

      it('in /models: as model ids, in the trace id, and in an error body', async () => {
        server.handler = (q, res) => {
          const k = keyOf(q.headers.authorization);
          res.writeHead(200, { 'content-type': 'application/json', 'x-siliconcloud-trace-id': k });
          res.end(JSON.stringify({ object: 'list', data: [{ id: 'Qwen/Qwen3-8B' }, { id: k }, { id: `org/${k}-Instruct` }] }));
        };
        const responses: ResponseInfo[] = [];
        const ids = await listModels({ baseUrl: server.baseUrl, apiKey: key }, { onResponse: (i) => responses.push(i) });
        assert.equal(ids[0], 'Qwen/Qwen3-8B');
        assertClean('model ids', JSON.stringify(ids), key);
        assertClean('onResponse hook (log)', JSON.stringify(responses), key);
        for (const offset of [0, 295, 300]) {
          server.handler = (q, res) => {
            const k = keyOf(q.headers.authorization);
            res.writeHead(401, { 'content-type': 'application/json', 'x-siliconcloud-trace-id': k });
            res.end(JSON.stringify({ message: bodyWithKeyAt(k, offset) }));
          };
          const error = await listModels({ baseUrl: server.baseUrl, apiKey: key }, { maxRetries: 0 }).then(
            () => undefined,
            (e: unknown) => e as SiliconFlowError,
          );
          check({ error, events: [], responses: [] });
        }
      });

      it('through the chat: messages posted to the webview and the history files, English and Chinese', async () => {
        for (const [ui, l10n] of UIS) {
          const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sf-leak-'));
          const posts: unknown[] = [];
          const logLines: string[] = [];
          const values = new Map<string, unknown>();
          const memory: StateMemory = {
            get: <T>(k: string) => values.get(k) as T | undefined,
            update: async (k: string, v: unknown) => void values.set(k, v),
          };
          let turn = 0;
          const controller = new ChatController({
            store: new SessionStore(dir),
            // The service's path: the real client against the echoing server, errors re-worded for the UI.
            stream: (messages, signal) =>
              (async function* () {
                try {
                  yield* streamChat({ baseUrl: server.baseUrl, apiKey: key, protocol: 'openai', model: 'm', messages }, { signal, maxRetries: 0 });
                } catch (e) {
                  throw e instanceof SiliconFlowError ? localizeError(e, { model: 'm', baseUrl: server.baseUrl }, l10n) : e;
                }
              })(),
            model: () => 'm',
            workspace: () => 'w',
            post: (m) => posts.push(m),
            memory,
            log: { info: (s: string) => logLines.push(s), warn: (s: string) => logLines.push(s) },
            deltaIntervalMs: 5,
            persistIntervalMs: 5,
          });
          server.handler = (q, res) => {
            const k = keyOf(q.headers.authorization);
            turn++;
            if (turn % 2 === 1) {
              res.writeHead(429, { 'content-type': 'application/json', 'x-siliconcloud-trace-id': `t-${k}` });
              res.end(JSON.stringify({ message: bodyWithKeyAt(k, 295) }));
            } else {
              res.writeHead(200, { 'content-type': 'text/event-stream', 'x-siliconcloud-trace-id': `t-${k}` });
              res.end(openaiChunk({ content: 'Partial ' }) + `data: ${JSON.stringify({ error: { message: bodyWithKeyAt(k, 298), type: 'server_error' } })}\n\n`);
            }
          };
          await controller.send('first question');
          await controller.idle();
          await controller.send('second question');
          await controller.idle();
          await controller.dispose();
          const files: string[] = [];
          const walk = async (d: string): Promise<void> => {
            for (const entry of await fs.readdir(d, { withFileTypes: true })) {
              const p = path.join(d, entry.name);
              if (entry.isDirectory()) await walk(p);
              else files.push(await fs.readFile(p, 'utf8'));
            }
          };
          await walk(dir);
          await fs.rm(dir, { recursive: true, force: true });
          const postsText = JSON.stringify(posts);
          assert.ok(files.length > 0, 'the conversation was saved');
          assert.match(postsText, /Partial/, 'the answer reached the webview');
          if (ui === 'Chinese') assert.match(postsText, /[\u4e00-\u9fff]/, 'the error was shown in Chinese');
          assertClean(`messages posted to the webview (${ui})`, postsText, key);
          assertClean(`history files (${ui})`, files.join('\n'), key);
          assertClean(`chat log (${ui})`, logLines.join('\n') + JSON.stringify([...values]), key);
        }
      });
    });
  }

  it('a bounded read that cuts the key leaves no start of it (scrubIngested)', () => {
    for (const key of Object.values(KEYS)) {
      for (let n = 1; n < key.length; n++) {
        const out = scrubIngested(`head ${key.slice(0, n)}`, key, true);
        assert.ok(out.startsWith('head '), out);
        for (let k = 1; k <= n; k++) assert.ok(!out.endsWith(key.slice(0, k)), `a body cut after ${n} characters of the key keeps ${k}: ${out}`);
      }
    }
  });
});
