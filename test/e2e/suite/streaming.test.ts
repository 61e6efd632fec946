// The real client, inside VS Code's extension host (whose Node patches networking for proxies),
// streaming from the mock server over a real loopback socket, for both wire protocols.
import * as assert from 'node:assert/strict';
import { streamChat, type Protocol, type StreamEvent } from '../../../src/client';
import { startMockServer } from '../../mock-server';
import type { MockServer } from '../../mock-server/types';

describe('streaming through the real client', () => {
  let mock: MockServer;
  before(async () => {
    mock = await startMockServer({ defaultShape: { chunking: 'random', seed: 7 } });
  });
  after(async () => {
    await mock?.close();
  });

  for (const protocol of ['openai', 'anthropic'] as Protocol[]) {
    it(`streams text, usage and done over ${protocol}`, async () => {
      const answer = 'Streaming works. 流式输出正常。```ts\nconst ok = true;\n```';
      mock.enqueue({ script: { text: answer, usage: { inputTokens: 12, outputTokens: 34 } } });
      const events: StreamEvent[] = [];
      for await (const event of streamChat({
        baseUrl: mock.baseUrl,
        apiKey: 'sk-e2e-streaming',
        protocol,
        model: 'Qwen/Qwen3-Coder-480B-A35B-Instruct',
        messages: [{ role: 'user', content: 'Say it streams.' }],
      })) {
        events.push(event);
      }
      const text = events.flatMap((e) => (e.type === 'text' ? [e.text] : [])).join('');
      assert.equal(text, answer);
      assert.ok(events.filter((e) => e.type === 'text').length > 1, 'arrived as more than one delta');
      assert.deepEqual(events.find((e) => e.type === 'usage'), { type: 'usage', inputTokens: 12, outputTokens: 34 });
      assert.equal(events.at(-1)?.type, 'done');
      const request = mock.requests.at(-1);
      assert.equal(request?.path, protocol === 'openai' ? '/v1/chat/completions' : '/v1/messages');
    });
  }
});
