// /messages text and thinking deltas are read without JSON.parse of the whole event when they are
// written the way SiliconFlow writes them (src/client/anthropicQuickDelta.ts). Whatever path an
// event takes, the user must see exactly what JSON.parse says the event holds, and invalid JSON
// that merely looks like a delta must still fail as before.
import * as assert from 'node:assert/strict';
import { run, useMockServer } from './client-harness';

const ev = (data: string): string => `data: ${data}\n\n`;
const start = (index: number, type: 'text' | 'thinking'): string =>
  ev(JSON.stringify({ type: 'content_block_start', index, content_block: type === 'text' ? { type, text: '' } : { type, thinking: '' } }));

function body(deltas: string[], blockType: 'text' | 'thinking' = 'text'): string {
  return (
    ev(JSON.stringify({ type: 'message_start', message: { usage: { input_tokens: 3 } } })) +
    start(0, blockType) +
    deltas.map(ev).join('') +
    ev('{"type":"content_block_stop","index":0}') +
    ev('{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":9}}') +
    ev('{"type":"message_stop"}') +
    'data: [DONE]\n\n'
  );
}

const compact = (text: string, index = 0): string => `{"type":"content_block_delta","index":${index},"delta":{"type":"text_delta","text":${JSON.stringify(text)}}}`;

/** Valid JSON deltas, in the exact compact form and in forms that must take the general path. */
const VALID: string[] = [
  compact('plain words '),
  compact('你好，世界！🙂 '),
  compact('line one\nline two\ttabbed\r\n'),
  compact('say "hi" and \\ back\\slash\\'),
  compact('\\'),
  compact('"'),
  compact(''),
  compact('ends with a quote"'),
  compact('\u0001\u001f control characters, escaped'),
  compact('index ten', 10),
  '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"\\u4f60\\u597d \\ud83d\\ude00 \\/ slash"}}',
  '{"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "spaced out"}}',
  '{"index":0,"type":"content_block_delta","delta":{"text":" reordered","type":"text_delta"}}',
  '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" extra key"},"meta":{"k":"v"}}',
  '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" unknown field","x":"y"}}',
  '{"type":"content_block_delta","index":-1,"delta":{"type":"text_delta","text":" odd index"}}',
  '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" trailing space"}} ',
];

function textOf(data: string): string {
  const parsed = JSON.parse(data) as { delta: { text: string } };
  return parsed.delta.text;
}

describe('client: /messages deltas read without a full JSON.parse', () => {
  const mock = useMockServer();

  it('every valid delta, compact or not, yields exactly the text JSON.parse finds in it', async () => {
    mock.server.enqueue({ raw: body(VALID), shape: { chunking: 'random', seed: 5 } });
    const r = await run(mock.server, { protocol: 'anthropic' });
    assert.equal(r.error, undefined);
    assert.equal(r.text, VALID.map(textOf).join(''));
    assert.equal(r.finishReason, 'stop');
  });

  it('thinking deltas in the compact form are reasoning, not text', async () => {
    const deltas = ['先想', '一想\n"引号"'].map(
      (t) => `{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":${JSON.stringify(t)}}}`,
    );
    mock.server.enqueue({ raw: body(deltas, 'thinking') });
    const r = await run(mock.server, { protocol: 'anthropic' });
    assert.equal(r.error, undefined);
    assert.equal(r.reasoning, '先想一想\n"引号"');
    assert.equal(r.text, '');
  });

  const INVALID: [string, string][] = [
    ['an unescaped quote', '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a"b"}}'],
    ['a raw control character', '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a\u0001b"}}'],
    ['a dangling backslash', '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a\\"}}'],
    ['a bad escape', '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"\\x41"}}'],
    ['a leading zero in the index', '{"type":"content_block_delta","index":01,"delta":{"type":"text_delta","text":"a"}}'],
  ];
  for (const [name, data] of INVALID) {
    it(`invalid JSON shaped like a delta (${name}) is still a protocol error, after the text before it`, async () => {
      assert.throws(() => JSON.parse(data), 'the case really is invalid JSON');
      mock.server.enqueue({ raw: body([compact('before '), data, compact('after')]) });
      const r = await run(mock.server, { protocol: 'anthropic' });
      assert.equal(r.text, 'before ');
      assert.equal(r.error?.kind, 'protocol');
    });
  }

  it('an `event: error` line makes even a delta-shaped payload an error', async () => {
    const raw = body([compact('shown ')]).replace('data: {"type":"content_block_stop"', `event: error\ndata: ${compact('not text')}\n\ndata: {"type":"content_block_stop"`);
    mock.server.enqueue({ raw });
    const r = await run(mock.server, { protocol: 'anthropic' });
    assert.equal(r.text, 'shown ');
    assert.ok(r.error, 'the stream failed');
    assert.doesNotMatch(r.text, /not text/);
  });
});
