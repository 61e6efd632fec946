// The per-token events are read without JSON.parse of the whole event when they are laid out the
// way SiliconFlow writes them (src/client/anthropicQuickDelta.ts, openaiQuickChunk.ts). Whatever
// path an event takes, the user must see exactly what JSON.parse says the stream holds, and invalid
// JSON that merely looks like such an event must still fail as before.
import * as assert from 'node:assert/strict';
import { run, useMockServer } from './client-harness';

const ev = (data: string): string => `data: ${data}\n\n`;

// ---- /messages ----

function messagesBody(deltas: string[], blockType: 'text' | 'thinking' = 'text'): string {
  const block = blockType === 'text' ? { type: 'text', text: '' } : { type: 'thinking', thinking: '' };
  return (
    ev(JSON.stringify({ type: 'message_start', message: { usage: { input_tokens: 3 } } })) +
    ev(JSON.stringify({ type: 'content_block_start', index: 0, content_block: block })) +
    deltas.map(ev).join('') +
    ev('{"type":"content_block_stop","index":0}') +
    ev('{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":9}}') +
    ev('{"type":"message_stop"}') +
    'data: [DONE]\n\n'
  );
}

const textDelta = (text: string, index = 0): string =>
  `{"type":"content_block_delta","index":${index},"delta":{"type":"text_delta","text":${JSON.stringify(text)}}}`;

/** Valid JSON deltas, in the exact compact form and in forms that must take the general path. */
const VALID_DELTAS: string[] = [
  textDelta('plain words '),
  textDelta('你好，世界！🙂 '),
  textDelta('line one\nline two\ttabbed\r\n'),
  textDelta('say "hi" and \\ back\\slash\\'),
  textDelta('\\'),
  textDelta('"'),
  textDelta(''),
  textDelta('ends with a quote"'),
  textDelta('\u0001\u001f control characters, escaped'),
  textDelta('index ten', 10),
  '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"\\u4f60\\u597d \\ud83d\\ude00 \\/ slash"}}',
  '{"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "spaced out"}}',
  '{"index":0,"type":"content_block_delta","delta":{"text":" reordered","type":"text_delta"}}',
  '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" extra key"},"meta":{"k":"v"}}',
  '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" unknown field","x":"y"}}',
  '{"type":"content_block_delta","index":-1,"delta":{"type":"text_delta","text":" odd index"}}',
  '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" trailing space"}} ',
];

const INVALID_DELTAS: [string, string][] = [
  ['an unescaped quote', '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a"b"}}'],
  ['a raw control character', '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a\u0001b"}}'],
  ['a dangling backslash', '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a\\"}}'],
  ['a bad escape', '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"\\x41"}}'],
  ['a leading zero in the index', '{"type":"content_block_delta","index":01,"delta":{"type":"text_delta","text":"a"}}'],
];

// ---- /chat/completions ----

const HEAD = '{"id":"019a8fdafd091c809cf14705cced6e75","object":"chat.completion.chunk","created":1763350084,"model":"deepseek-ai/DeepSeek-V3.2"';

/** A chunk in SiliconFlow's layout; `content` / `reasoning` are JSON values (e.g. 'null', '"x"'). */
function chunk(content: string, reasoning: string | undefined, completion: number, opts: { finish?: string; fingerprint?: boolean; usage?: boolean } = {}): string {
  const delta = `{"content":${content}${reasoning === undefined ? '' : `,"reasoning_content":${reasoning}`}}`;
  const fingerprint = opts.fingerprint === false ? '' : ',"system_fingerprint":""';
  const usage = opts.usage === false ? '' : `,"usage":{"prompt_tokens":30,"completion_tokens":${completion},"total_tokens":${30 + completion}}`;
  return `${HEAD},"choices":[{"index":0,"delta":${delta},"finish_reason":${opts.finish ?? 'null'}}]${fingerprint}${usage}}`;
}

const s = (text: string): string => JSON.stringify(text);

const VALID_CHUNKS: string[] = [
  `${HEAD},"choices":[{"index":0,"delta":{"role":"assistant","content":"","reasoning_content":null},"finish_reason":null}],"system_fingerprint":"","usage":{"prompt_tokens":30,"completion_tokens":0,"total_tokens":30}}`,
  chunk('null', s('先想一想。'), 1),
  chunk('null', s('引号 "x" 与反斜杠 \\ 和换行\n'), 2),
  chunk('null', '"\\u4f60\\ud83d\\ude00\\/"', 3),
  chunk(s('Hello, '), 'null', 4),
  chunk(s('世界 🙂\n\n```ts\nconst x = "y";\n```\n'), 'null', 5),
  chunk(s(''), 'null', 6),
  chunk(s('no reasoning field '), undefined, 7),
  chunk(s('finish "" '), 'null', 8, { finish: '""' }),
  chunk(s('no fingerprint '), 'null', 9, { fingerprint: false }),
  chunk(s('no usage '), 'null', 0, { usage: false }),
  chunk(s('\u0001 escaped control '), 'null', 10),
  `${HEAD.replace('"019a', '"\\/019a')},"choices":[{"index":0,"delta":{"content":"escaped id ","reasoning_content":null},"finish_reason":null}],"usage":{"prompt_tokens":30,"completion_tokens":11,"total_tokens":41}}`,
  `{"id": "x", "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {"content": "spaced "}, "finish_reason": null}]}`,
  `${HEAD},"choices":[{"index":0,"delta":{"reasoning_content":null,"content":"reordered "},"finish_reason":null,"logprobs":null}],"usage":{"prompt_tokens":31,"completion_tokens":12,"total_tokens":43}}`,
  `${HEAD},"choices":[{"index":1,"delta":{"content":"second choice, ignored","reasoning_content":null},"finish_reason":null}]}`,
  `${HEAD},"choices":[{"index":0,"delta":{"content":"with details ","reasoning_content":null},"finish_reason":null}],"usage":{"prompt_tokens":30,"completion_tokens":13,"total_tokens":43,"completion_tokens_details":{"reasoning_tokens":4}}}`,
  chunk(s('the last usage has no details'), 'null', 14),
  chunk(s(''), 'null', 15, { finish: '"stop"' }),
];

interface OpenAIChunk {
  choices?: { index?: number; delta?: { content?: string | null; reasoning_content?: string | null } }[];
  usage?: { prompt_tokens: number; completion_tokens: number; completion_tokens_details?: { reasoning_tokens?: number } };
}

/** What the stream holds according to JSON.parse: the reference the client must match. */
function expectedFromChunks(chunks: string[]): { text: string; reasoning: string; usage: object } {
  let text = '';
  let reasoning = '';
  let usage: object = {};
  for (const data of chunks) {
    const parsed = JSON.parse(data) as OpenAIChunk;
    if (parsed.usage) {
      const details = parsed.usage.completion_tokens_details?.reasoning_tokens;
      usage = { type: 'usage', inputTokens: parsed.usage.prompt_tokens, outputTokens: parsed.usage.completion_tokens, ...(details === undefined ? {} : { reasoningTokens: details }) };
    }
    const choice = parsed.choices?.[0];
    if (!choice || (choice.index ?? 0) !== 0) continue;
    reasoning += choice.delta?.reasoning_content ?? '';
    text += choice.delta?.content ?? '';
  }
  return { text, reasoning, usage };
}

const INVALID_CHUNKS: [string, string][] = [
  ['a raw control character in the content', chunk('"a\u0001b"', 'null', 1)],
  ['an unescaped quote in the content', chunk('"a"b"', 'null', 1)],
  ['a bad escape in the reasoning', chunk('null', '"\\q"', 1)],
  ['a raw tab in the id', HEAD.replace('"019a', '"\t019a') + ',"choices":[{"index":0,"delta":{"content":"x"},"finish_reason":null}]}'],
  ['a leading zero in a usage figure', chunk(s('x'), 'null', 1).replace('"prompt_tokens":30', '"prompt_tokens":030')],
  ['a leading zero in created', chunk(s('x'), 'null', 1).replace('"created":1763350084', '"created":01')],
  ['a missing closing brace', chunk(s('x'), 'null', 1).slice(0, -1)],
];

describe('client: per-token events read without a full JSON.parse', () => {
  const mock = useMockServer();

  describe('/messages', () => {
    it('every valid delta, compact or not, yields exactly the text JSON.parse finds in it', async () => {
      mock.server.enqueue({ raw: messagesBody(VALID_DELTAS), shape: { chunking: 'random', seed: 5 } });
      const r = await run(mock.server, { protocol: 'anthropic' });
      assert.equal(r.error, undefined);
      assert.equal(r.text, VALID_DELTAS.map((d) => (JSON.parse(d) as { delta: { text: string } }).delta.text).join(''));
      assert.equal(r.finishReason, 'stop');
    });

    it('thinking deltas in the compact form are reasoning, not text', async () => {
      const deltas = ['先想', '一想\n"引号"'].map(
        (t) => `{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":${JSON.stringify(t)}}}`,
      );
      mock.server.enqueue({ raw: messagesBody(deltas, 'thinking') });
      const r = await run(mock.server, { protocol: 'anthropic' });
      assert.equal(r.error, undefined);
      assert.equal(r.reasoning, '先想一想\n"引号"');
      assert.equal(r.text, '');
    });

    for (const [name, data] of INVALID_DELTAS) {
      it(`invalid JSON shaped like a delta (${name}) is still a protocol error, after the text before it`, async () => {
        assert.throws(() => JSON.parse(data), 'the case really is invalid JSON');
        mock.server.enqueue({ raw: messagesBody([textDelta('before '), data, textDelta('after')]) });
        const r = await run(mock.server, { protocol: 'anthropic' });
        assert.equal(r.text, 'before ');
        assert.equal(r.error?.kind, 'protocol');
      });
    }

    it('an `event: error` line makes even a delta-shaped payload an error', async () => {
      const raw = messagesBody([textDelta('shown ')]).replace(
        'data: {"type":"content_block_stop"',
        `event: error\ndata: ${textDelta('not text')}\n\ndata: {"type":"content_block_stop"`,
      );
      mock.server.enqueue({ raw });
      const r = await run(mock.server, { protocol: 'anthropic' });
      assert.equal(r.text, 'shown ');
      assert.ok(r.error, 'the stream failed');
    });
  });

  describe('/chat/completions', () => {
    it('every valid chunk, in SiliconFlow\'s layout or not, yields what JSON.parse finds in the stream', async () => {
      const expected = expectedFromChunks(VALID_CHUNKS);
      mock.server.enqueue({ raw: VALID_CHUNKS.map(ev).join('') + 'data: [DONE]\n\n', shape: { chunking: 'random', seed: 9 } });
      const r = await run(mock.server, { protocol: 'openai' });
      assert.equal(r.error, undefined);
      assert.equal(r.text, expected.text);
      assert.equal(r.reasoning, expected.reasoning);
      assert.deepEqual(r.usages, [expected.usage], 'the last usage, reasoning tokens only if the last chunk had them');
      assert.equal(r.finishReason, 'stop');
    });

    it('a quick chunk after one with reasoning-token details replaces all its figures, as JSON.parse would', async () => {
      // The stream ends with [DONE] right after the quick chunk: nothing else overwrites its figures.
      const chunks = [VALID_CHUNKS[16]!, chunk(s('after'), 'null', 20)];
      mock.server.enqueue({ raw: chunks.map(ev).join('') + 'data: [DONE]\n\n' });
      const r = await run(mock.server, { protocol: 'openai' });
      assert.equal(r.text, 'with details after');
      assert.deepEqual(r.usages, [{ type: 'usage', inputTokens: 30, outputTokens: 20 }]);
    });

    for (const [name, data] of INVALID_CHUNKS) {
      it(`invalid JSON in SiliconFlow's layout (${name}) is still a protocol error, after the text before it`, async () => {
        assert.throws(() => JSON.parse(data), 'the case really is invalid JSON');
        mock.server.enqueue({ raw: [chunk(s('before '), 'null', 1), data, chunk(s('after'), 'null', 2)].map(ev).join('') + 'data: [DONE]\n\n' });
        const r = await run(mock.server, { protocol: 'openai' });
        assert.equal(r.text, 'before ');
        assert.equal(r.error?.kind, 'protocol');
      });
    }

    it('an `event: error` line makes even a chunk in this layout an error', async () => {
      const raw = ev(chunk(s('shown '), 'null', 1)) + `event: error\n${ev(chunk(s('not text'), 'null', 2))}` + ev(chunk(s(''), 'null', 3, { finish: '"stop"' }));
      mock.server.enqueue({ raw });
      const r = await run(mock.server, { protocol: 'openai' });
      assert.equal(r.text, 'shown ');
      assert.ok(r.error, 'the stream failed');
    });
  });
});
