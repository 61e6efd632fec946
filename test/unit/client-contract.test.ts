// src/client/index.ts loads in plain Node with no `vscode` module, also as a CommonJS esbuild
// bundle (eventsource-parser 3 included), and its exports match the contract in docs/architecture.md. The
// type-level half of the contract is checked by `tsc` (npm run typecheck) on this file.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import * as client from '../../src/client';
import type { ChatMessage, ChatRequest, Protocol, StreamEvent } from '../../src/client';

const ROOT = join(__dirname, '..', '..');

// ---- the contract, as docs/architecture.md writes it; assignments fail to compile if the API drifts ----
type ContractStreamChat = (req: ChatRequest, opts?: { signal?: AbortSignal; fetch?: typeof fetch }) => AsyncIterable<StreamEvent>;
type ContractListModels = (o: { baseUrl: string; apiKey: string; signal?: AbortSignal }) => Promise<string[]>;
type ContractKind =
  | 'auth' | 'forbidden' | 'bad_request' | 'not_found' | 'rate_limit' | 'overloaded'
  | 'timeout' | 'network' | 'protocol' | 'truncated' | 'cancelled' | 'server';
type ContractEvent =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string }
  | { type: 'reasoning_signature'; signature: string }
  | { type: 'tool_call'; id: string; name: string; arguments: string }
  | { type: 'usage'; inputTokens: number; outputTokens: number; reasoningTokens?: number }
  | { type: 'done'; finishReason: string };
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const streamChatMatches: ContractStreamChat = client.streamChat;
const listModelsMatches: ContractListModels = client.listModels;
const eventsMatch: Same<StreamEvent, ContractEvent> = true;
const kindsMatch: Same<client.SiliconFlowError['kind'], ContractKind> = true;
const protocolMatches: Same<Protocol, 'openai' | 'anthropic'> = true;
// Grown for the language model provider (docs/architecture.md): content parts, tool calls, tool results.
type ContractPart = { type: 'text'; text: string } | { type: 'image'; mimeType: 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif'; data: string };
const messageMatches: Same<ChatMessage, {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string | ContractPart[];
  toolCalls?: { id: string; name: string; arguments: string }[];
  toolCallId?: string;
  isError?: boolean;
  reasoningContent?: string;
  reasoningSignature?: string;
}> = true;
const errorFields = (e: client.SiliconFlowError): [number | undefined, number | string | undefined, string | undefined, boolean] => [
  e.status,
  e.code,
  e.traceId,
  e.retryable,
];
const requestMatches: Required<ChatRequest> extends Required<{
  baseUrl: string; apiKey: string; protocol: Protocol; model: string; messages: ChatMessage[];
  maxTokens?: number; temperature?: number; topP?: number; topK?: number; frequencyPenalty?: number; minP?: number; stop?: string[];
  enableThinking?: boolean; thinkingBudget?: number; reasoningEffort?: 'high' | 'max';
  tools?: { name: string; description?: string; parameters: object }[]; timeoutMs?: number;
  toolChoice?: 'auto' | 'none' | 'required' | { name: string };
}> ? true : false = true;

describe('client: contract and plain-Node loading', () => {
  it('exports the contract (runtime view)', () => {
    assert.deepEqual([eventsMatch, kindsMatch, protocolMatches, messageMatches, requestMatches], [true, true, true, true, true]);
    assert.equal(streamChatMatches, client.streamChat);
    assert.equal(listModelsMatches, client.listModels);
    assert.equal(typeof errorFields, 'function');
    assert.equal(typeof client.streamChat, 'function');
    assert.equal(typeof client.listModels, 'function');
    assert.equal(typeof client.contextWindowFor, 'function');
    assert.equal(typeof client.supportsThinking, 'function');
    const e = new client.SiliconFlowError('m', 'rate_limit', true, { status: 429, code: 1, traceId: 't' });
    assert.ok(e instanceof Error);
    assert.deepEqual([e.kind, e.status, e.code, e.traceId, e.retryable, e.name], ['rate_limit', 429, 1, 't', true, 'SiliconFlowError']);
  });

  it('imports nothing from vscode (source check)', () => {
    const dir = join(ROOT, 'src', 'client');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(join(dir, file), 'utf8');
      assert.doesNotMatch(source, /^\s*(import|export)\b[^;]*\bfrom\s+['"]vscode['"]|\brequire\(\s*['"]vscode['"]\s*\)|\bimport\(\s*['"]vscode['"]\s*\)/m, file);
    }
  });

  it('loads from source in a plain Node process where `vscode` cannot be resolved', () => {
    const script = `
      let vscode = 'missing'; try { require.resolve('vscode'); vscode = 'present'; } catch {}
      const c = require('./src/client/index.ts');
      console.log(JSON.stringify({ vscode, exports: Object.keys(c).sort(), kinds: typeof c.SiliconFlowError }));`;
    const out = execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    const result = JSON.parse(out.trim().split('\n').pop()!) as { vscode: string; exports: string[]; kinds: string };
    assert.equal(result.vscode, 'missing');
    for (const name of ['streamChat', 'listModels', 'SiliconFlowError', 'contextWindowFor', 'supportsThinking']) assert.ok(result.exports.includes(name), name);
    assert.equal(result.kinds, 'function');
  });

  it('bundles to CommonJS with esbuild (eventsource-parser 3 inlined) and runs in bare Node 20', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sf-client-'));
    try {
      const result = buildSync({
        entryPoints: [join(ROOT, 'src', 'client', 'index.ts')],
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        write: false,
        logLevel: 'silent',
      });
      const bundle = join(dir, 'client.cjs');
      writeFileSync(bundle, result.outputFiles[0]!.text);
      // Streams a real answer from a tiny SSE server, in a Node process without tsx or node_modules.
      const script = `
        const http = require('node:http');
        const { streamChat } = require(${JSON.stringify(bundle)});
        const srv = http.createServer((req, res) => {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.end('data: {"choices":[{"index":0,"delta":{"content":"ok"},"finish_reason":"stop"}]}\\n\\ndata: [DONE]\\n\\n');
        }).listen(0, '127.0.0.1', async () => {
          const events = [];
          for await (const e of streamChat({ baseUrl: 'http://127.0.0.1:' + srv.address().port + '/v1', apiKey: 'sk-x', protocol: 'openai', model: 'm', messages: [{ role: 'user', content: 'hi' }] })) events.push(e);
          console.log(JSON.stringify(events));
          srv.close();
        });`;
      const out = execFileSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8' });
      assert.deepEqual(JSON.parse(out.trim()), [{ type: 'text', text: 'ok' }, { type: 'done', finishReason: 'stop' }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
