// The SSE framing the decoder must survive (docs/wire.md §6), each case over a real socket from the
// mock server, plus the property that any split of the same bytes yields the same answer.
import * as assert from 'node:assert/strict';
import { ProgressDetector } from '../../src/client/sse';
import type { Script, StreamShape } from '../mock-server';
import { assembled, run, useMockServer, type Collected } from './client-harness';

const SCRIPT: Script = {
  reasoning: '先想一想：用户要一个例子。🙂',
  text: '好的，下面是代码 — naïve café ✓\n\n```python\nprint("你好，世界")\n```\n',
  toolCalls: [{ id: 'call_1', name: 'search', arguments: '{"q":"多字节 UTF-8 ✓"}' }],
  usage: { inputTokens: 12, outputTokens: 34, reasoningTokens: 5 },
};
const MODELS = { openai: 'deepseek-ai/DeepSeek-R1', anthropic: 'Pro/zai-org/GLM-4.7' } as const;

describe('SSE framing (docs/wire.md §6)', () => {
  const mock = useMockServer();
  const baseline: Partial<Record<'openai' | 'anthropic', Collected>> = {};

  async function stream(protocol: 'openai' | 'anthropic', shape: StreamShape): Promise<Collected> {
    mock.server.enqueue({ script: SCRIPT, shape });
    return run(mock.server, { protocol, model: MODELS[protocol] });
  }

  for (const protocol of ['openai', 'anthropic'] as const) {
    describe(protocol, () => {
      before(async () => {
        baseline[protocol] = await stream(protocol, { chunking: 'event' });
      });

      it('the baseline (one write per event) is the scripted answer', () => {
        const b = baseline[protocol]!;
        assert.equal(b.error, undefined);
        assert.equal(b.text, SCRIPT.text);
        assert.equal(b.reasoning, SCRIPT.reasoning);
        assert.equal(b.toolCalls.length, 1);
        assert.deepEqual(JSON.parse(b.toolCalls[0]!.arguments), { q: '多字节 UTF-8 ✓' });
        assert.equal(b.usages.length, 1);
      });

      const shapes: [string, StreamShape][] = [
        ['one byte per chunk (splits every multi-byte character)', { chunking: 'byte' }],
        ['CRLF line ends, one byte per chunk (a CR ends one chunk, its LF starts the next)', { chunking: 'byte', lineEnding: 'crlf' }],
        ['bare CR line ends, one byte per chunk', { chunking: 'byte', lineEnding: 'cr' }],
        ['CR line ends in 3-byte chunks', { chunking: 3, lineEnding: 'cr' }],
        ['several events per chunk', { chunking: 4096 }],
        ['the whole stream in one chunk', { chunking: 1 << 20 }],
        ['keep-alive comments between every event', { comments: true, chunking: 'random', seed: 7 }],
        ['a BOM and blank lines before the first event', { bom: true, chunking: 'byte' }],
        ['a BOM with CRLF', { bom: true, lineEnding: 'crlf', chunking: 2 }],
      ];
      for (const [name, shape] of shapes) {
        it(`${name}: same answer`, async () => {
          const r = await stream(protocol, shape);
          assert.deepEqual(assembled(r), assembled(baseline[protocol]!));
        });
      }

      it('100 random splits (with CRLF, comments and a BOM in some) all assemble to the same answer', async () => {
        for (let seed = 1; seed <= 100; seed++) {
          const shape: StreamShape = {
            chunking: 'random',
            seed,
            lineEnding: seed % 3 === 0 ? 'crlf' : seed % 7 === 0 ? 'cr' : 'lf',
            comments: seed % 4 === 0,
            bom: seed % 5 === 0,
          };
          const r = await stream(protocol, shape);
          assert.deepEqual(assembled(r), assembled(baseline[protocol]!), `seed ${seed}`);
        }
      });

      it('an event larger than 64 KB arrives whole', async () => {
        const big = 'ab汉字'.repeat(20_000); // ~200 KB of UTF-8 in one delta
        mock.server.enqueue({ script: { text: big }, shape: { piece: 100_000, chunking: 'random', seed: 3 } });
        const r = await run(mock.server, { protocol });
        assert.equal(r.error, undefined);
        assert.equal(r.text, big);
      });

      it('a stream cut without its end is "truncated", after the partial text was yielded', async () => {
        mock.server.enqueue({ script: { text: 'The quick brown fox jumps over the lazy dog' }, fault: { kind: 'truncate', afterEvents: 6 }, shape: { chunking: 'byte' } });
        const r = await run(mock.server, { protocol });
        assert.equal(r.error?.kind, 'truncated');
        assert.ok(r.text.length > 0 && 'The quick brown fox jumps over the lazy dog'.startsWith(r.text), `partial text kept: ${r.text}`);
        assert.equal(r.finishReason, undefined, 'no done event');
        assert.ok(r.error!.traceId, 'with the trace id');
      });

      it('a long silence (shorter than the timeout) while the model thinks is not an error', async () => {
        mock.server.enqueue({ script: { text: 'after a pause' }, fault: { kind: 'stall', afterEvents: 2, ms: 600 } });
        const r = await run(mock.server, { protocol, timeoutMs: 1500 });
        assert.equal(r.error, undefined);
        assert.equal(r.text, 'after a pause');
      });

      it('keep-alive comments are not progress: the idle timeout fires while they keep coming', async () => {
        mock.server.enqueue({
          script: { text: 'never finished' },
          fault: { kind: 'stall', afterEvents: 2 },
          shape: { comments: true, keepAliveMs: 40 },
        });
        const started = Date.now();
        const r = await run(mock.server, { protocol, timeoutMs: 400 });
        assert.equal(r.error?.kind, 'timeout');
        assert.match(r.error!.message, /No data from SiliconFlow for 0\.4 s/);
        assert.ok(Date.now() - started < 3000);
        await mock.server.waitForClientClose(0, 2000);
      });
    });
  }

  it('the splits really reach the client as separate reads (so these tests test splitting)', async () => {
    let reads = 0;
    let bytes = 0;
    // Observes the real fetch's body; nothing is replaced.
    const counting: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const reader = res.body!.getReader();
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const { done, value } = await reader.read();
          if (done) return controller.close();
          reads++;
          bytes += value.length;
          controller.enqueue(value);
        },
      });
      return new Response(body, { status: res.status, headers: res.headers });
    };
    mock.server.enqueue({ script: { text: '分割' }, shape: { chunking: 'byte' } });
    const r = await run(mock.server, {}, { fetch: counting });
    assert.equal(r.text, '分割');
    assert.ok(reads > bytes * 0.8, `${reads} reads for ${bytes} bytes`);
  });

  describe('framing the renderer does not produce (raw bodies)', () => {
    const chunk = (content: string, finish: string | null = null) =>
      JSON.stringify({ id: 'x', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content }, finish_reason: finish }] });

    async function raw(body: string, shape: StreamShape = { chunking: 'byte' }): Promise<Collected> {
      mock.server.enqueue({ raw: body, shape });
      return run(mock.server);
    }

    it('`data:` with and without the space', async () => {
      const r = await raw(`data:${chunk('a')}\n\ndata: ${chunk('b')}\n\ndata:${chunk('', 'stop')}\n\ndata:[DONE]\n\n`);
      assert.equal(r.error, undefined);
      assert.equal(r.text, 'ab');
      assert.equal(r.finishReason, 'stop');
    });

    it('multi-line `data:` is joined with a newline', async () => {
      const lines = JSON.stringify(JSON.parse(chunk('multi')), null, 1).split('\n').map((l) => `data: ${l}`).join('\n');
      const r = await raw(`${lines}\n\ndata: ${chunk('', 'stop')}\n\ndata: [DONE]\n\n`);
      assert.equal(r.error, undefined);
      assert.equal(r.text, 'multi');
    });

    it('a last event with no trailing blank line still counts', async () => {
      const r = await raw(`data: ${chunk('x')}\n\ndata: ${chunk('', 'stop')}\n\ndata: [DONE]`);
      assert.equal(r.error, undefined);
      assert.equal(r.text, 'x');
      assert.equal(r.finishReason, 'stop');
    });

    it('a last event ended by a lone CR at EOF still counts', async () => {
      const r = await raw(`data: ${chunk('y')}\r\rdata: ${chunk('', 'stop')}\r\rdata: [DONE]\r`);
      assert.equal(r.error, undefined);
      assert.equal(r.text, 'y');
    });

    it('bytes after [DONE] are ignored, even if they are not JSON', async () => {
      const r = await raw(`data: ${chunk('done')}\n\ndata: [DONE]\n\ndata: {not json\n\ndata: ${chunk('ignored')}\n\n`);
      assert.equal(r.error, undefined);
      assert.equal(r.text, 'done');
      assert.equal(r.finishReason, 'stop');
    });

    it('/messages: `data: [DONE]` is never parsed as JSON', async () => {
      const ev = (o: object) => `data: ${JSON.stringify(o)}\n\n`;
      mock.server.enqueue({
        raw:
          ev({ type: 'message_start', message: { usage: { input_tokens: 1 } } }) +
          ev({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }) +
          ev({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'hi' } }) +
          // Here [DONE] comes before message_stop: it still ends the answer cleanly.
          'data: [DONE]\n\n',
        shape: { chunking: 'byte' },
      });
      const r = await run(mock.server, { protocol: 'anthropic' });
      assert.equal(r.error, undefined);
      assert.equal(r.text, 'hi');
      assert.equal(r.finishReason, 'stop');
    });

    it('EOF in the middle of an event is truncation, not a parse error', async () => {
      const r = await raw(`data: ${chunk('partial')}\n\ndata: {"id":"x","choices":[{"index":0,"delta":{"content":"more`);
      assert.equal(r.text, 'partial');
      assert.equal(r.error?.kind, 'truncated');
    });

    it('garbage in the middle of a stream is a protocol error, shown without the key', async () => {
      const r = await raw(`data: ${chunk('a')}\n\ndata: <html>oops</html>\n\n`, { chunking: 'event' });
      assert.equal(r.text, 'a');
      assert.equal(r.error?.kind, 'protocol');
    });
  });

  describe('ProgressDetector (comments are not progress, split anywhere)', () => {
    it('a comment split across chunks is never progress; a data line is', () => {
      const d = new ProgressDetector();
      assert.equal(d.feed(': keep'), false);
      assert.equal(d.feed('-alive\n\n'), false);
      assert.equal(d.feed(':'), false);
      assert.equal(d.feed(' ping\r\n'), false);
      assert.equal(d.feed('\r\n'), false);
      assert.equal(d.feed('d'), true);
      assert.equal(d.feed('ata: x\n'), true);
      assert.equal(d.feed('\n: c\n\ndata: y'), true);
      assert.equal(d.feed('z\n\n: only a comment'), true, 'the end of the data line is progress');
      assert.equal(d.feed(' continues\n'), false, 'the rest of that comment is not');
    });

    it('any split of a stream of comments, data and line breaks gives the answer of one character at a time', () => {
      // A small deterministic generator, so a failure names a reproducible seed.
      let state = 12345;
      const next = (n: number): number => {
        state = (state * 1103515245 + 12345) % 2147483648;
        return state % n;
      };
      const pieces = [': keep-alive', ':', 'data: x', 'data:{"a":1}', 'event: ping', '', 'x'];
      const breaks = ['\n', '\r', '\r\n'];
      for (let seed = 0; seed < 200; seed++) {
        state = seed + 1;
        let text = '';
        for (let line = 0; line < 12; line++) text += pieces[next(pieces.length)]! + breaks[next(breaks.length)]!;
        const whole = new ProgressDetector();
        const byChar = new ProgressDetector();
        for (let at = 0; at < text.length; ) {
          const end = Math.min(text.length, at + 1 + next(20));
          const chunk = text.slice(at, end);
          let expected = false;
          for (const c of chunk) expected = byChar.feed(c) || expected;
          assert.equal(whole.feed(chunk), expected, `seed ${seed}, chunk ${JSON.stringify(chunk)} of ${JSON.stringify(text)}`);
          at = end;
        }
      }
    });
  });
});
