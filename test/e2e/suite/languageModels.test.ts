// SiliconFlow models in VS Code's own language model API (vendor `siliconflow`), against the mock
// server over real sockets: the list with its limits, a streamed answer, a tool round trip over both
// protocols (with the reasoning DeepSeek's thinking models want back), an image to a vision model,
// a refused key as LanguageModelError.NoPermissions, and cancel closing the connection. On a VS
// Code without the provider API (the minimum in `engines`, 1.100) the extension still activates and
// offers no models.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startMockServer } from '../../mock-server';
import type { MockServer } from '../../mock-server/types';
import { activeExtension, waitFor } from './helpers';

const KEY = 'sk-e2e-language-models-0123456789';
// A 1×1 PNG.
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const READ_FILE = { name: 'read_file', description: 'Reads a file of the workspace', inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } };

type Api = typeof vscode & {
  lm: typeof vscode.lm & { registerLanguageModelChatProvider?: unknown };
  LanguageModelDataPart?: { image(data: Uint8Array, mime: string): unknown };
};
const api = vscode as Api;
const hasProviderApi = typeof api.lm.registerLanguageModelChatProvider === 'function';

const config = () => vscode.workspace.getConfiguration('siliconflow');

async function model(id: string): Promise<vscode.LanguageModelChat> {
  return waitFor(`language model ${id}`, async () => (await vscode.lm.selectChatModels({ vendor: 'siliconflow', id }))[0], 15_000);
}

async function collect(response: vscode.LanguageModelChatResponse): Promise<{ text: string; textParts: number; calls: vscode.LanguageModelToolCallPart[] }> {
  let text = '';
  let textParts = 0;
  const calls: vscode.LanguageModelToolCallPart[] = [];
  for await (const part of response.stream) {
    if (part instanceof vscode.LanguageModelTextPart) {
      text += part.value;
      textParts++;
    } else if (part instanceof vscode.LanguageModelToolCallPart) calls.push(part);
  }
  return { text, textParts, calls };
}

describe('language models in VS Code chat (vendor siliconflow)', () => {
  let mock: MockServer;
  before(async () => {
    await activeExtension();
    mock = await startMockServer({ apiKeys: [KEY] });
    process.env.SILICONFLOW_API_KEY = KEY;
    await config().update('baseUrl', mock.baseUrl, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    delete process.env.SILICONFLOW_API_KEY;
    for (const key of ['baseUrl', 'apiProtocol', 'enableThinking']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await mock?.close();
  });

  if (!hasProviderApi) {
    it(`VS Code ${vscode.version} has no provider API: the extension runs without it and lists no models`, async () => {
      const commands = await vscode.commands.getCommands(true);
      assert.ok(commands.includes('siliconflow.manageLanguageModels'));
      assert.deepEqual(await vscode.lm.selectChatModels({ vendor: 'siliconflow' }), []);
    });
    return;
  }

  it('selectChatModels lists the account\'s models with their limits', async () => {
    const v32 = await model('deepseek-ai/DeepSeek-V3.2');
    const all = await vscode.lm.selectChatModels({ vendor: 'siliconflow' });
    assert.ok(all.some((m) => m.id === 'Qwen/Qwen3-Coder-480B-A35B-Instruct') && all.some((m) => m.id === 'Qwen/Qwen2.5-VL-72B-Instruct'), all.map((m) => m.id).join(', '));
    assert.equal(v32.vendor, 'siliconflow');
    assert.equal(v32.family, 'deepseek-ai');
    assert.equal(v32.name, 'DeepSeek-V3.2');
    // 163,840-token window (built-in table) minus the 32,768 tokens kept for the answer.
    assert.equal(v32.maxInputTokens, 163_840 - 32_768);
    assert.ok((await v32.countTokens('hello world, 你好')) > 3);
  });

  it('sendRequest streams the answer from the mock in several parts', async () => {
    const chat = await model('Qwen/Qwen3-Coder-480B-A35B-Instruct');
    const answer = 'Streaming into VS Code chat works. 流式输出正常。';
    // Paced like a real model, so the deltas arrive in separate reads.
    mock.enqueue({ script: { text: answer }, shape: { delayMs: 15 } });
    const r = await collect(await chat.sendRequest([vscode.LanguageModelChatMessage.User('Say it streams.')], {}));
    assert.equal(r.text, answer);
    assert.ok(r.textParts > 1, 'streamed as more than one part');
    assert.equal(mock.requests.at(-1)?.path, '/v1/chat/completions');
  });

  for (const protocol of ['openai', 'anthropic'] as const) {
    it(`a tool round trip over ${protocol}: tool call part → tool result → final answer`, async () => {
      await config().update('apiProtocol', protocol, vscode.ConfigurationTarget.Global);
      // On /chat/completions, DeepSeek thinking: the mock refuses the second turn without its reasoning.
      await config().update('enableThinking', protocol === 'openai', vscode.ConfigurationTarget.Global);
      const chat = await model(protocol === 'openai' ? 'deepseek-ai/DeepSeek-V3.2' : 'Pro/zai-org/GLM-4.7');
      const options: vscode.LanguageModelChatRequestOptions = { tools: [READ_FILE], toolMode: vscode.LanguageModelChatToolMode.Auto };
      const question = vscode.LanguageModelChatMessage.User('What does a.txt say?');
      mock.enqueue({ script: { reasoning: 'I need to read a.txt first.', toolCalls: [{ id: 'call_e2e_1', name: 'read_file', arguments: '{"path":"a.txt"}' }] } });
      const first = await collect(await chat.sendRequest([question], options));
      assert.equal(first.calls.length, 1);
      assert.equal(first.calls[0]!.name, 'read_file');
      assert.deepEqual(first.calls[0]!.input, { path: 'a.txt' });

      mock.enqueue({ script: { text: 'a.txt says hello.' } });
      const result = new vscode.LanguageModelToolResultPart(first.calls[0]!.callId, [new vscode.LanguageModelTextPart('hello')]);
      const second = await collect(
        await chat.sendRequest([question, vscode.LanguageModelChatMessage.Assistant([first.calls[0]!]), vscode.LanguageModelChatMessage.User([result])], options),
      );
      assert.equal(second.text, 'a.txt says hello.');
      const body = mock.requests.at(-1)!.body as { messages: Record<string, unknown>[]; tools: unknown[] };
      assert.equal(body.tools.length, 1);
      if (protocol === 'openai') {
        const assistant = body.messages.find((m) => m.role === 'assistant')!;
        assert.equal(assistant.reasoning_content, 'I need to read a.txt first.');
        assert.deepEqual(body.messages.at(-1), { role: 'tool', tool_call_id: 'call_e2e_1', content: 'hello' });
      } else {
        assert.deepEqual(body.messages.at(-1), { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_e2e_1', content: 'hello' }] });
      }
    });
  }

  it('an image goes to a vision model as an image part', async function () {
    if (!api.LanguageModelDataPart) this.skip();
    await config().update('apiProtocol', 'openai', vscode.ConfigurationTarget.Global);
    await config().update('enableThinking', undefined, vscode.ConfigurationTarget.Global);
    const chat = await model('Qwen/Qwen2.5-VL-72B-Instruct');
    mock.enqueue({ script: { text: 'A single pixel.' } });
    const message = vscode.LanguageModelChatMessage.User([new vscode.LanguageModelTextPart('What is this?'), api.LanguageModelDataPart!.image(PIXEL, 'image/png') as vscode.LanguageModelTextPart]);
    const r = await collect(await chat.sendRequest([message], {}));
    assert.equal(r.text, 'A single pixel.');
    const content = (mock.requests.at(-1)!.body as { messages: { content: unknown }[] }).messages[0]!.content;
    assert.deepEqual(content, [
      { type: 'text', text: 'What is this?' },
      { type: 'image_url', image_url: { url: `data:image/png;base64,${PIXEL.toString('base64')}`, detail: 'auto' } },
    ]);
  });

  it('a refused key (401) is LanguageModelError.NoPermissions with our message', async () => {
    const chat = await model('Qwen/Qwen3-Coder-480B-A35B-Instruct');
    process.env.SILICONFLOW_API_KEY = 'sk-e2e-not-this-account-0123456789';
    try {
      await assert.rejects(
        async () => collect(await chat.sendRequest([vscode.LanguageModelChatMessage.User('Hi')], {})),
        (err: unknown) => {
          assert.ok(err instanceof vscode.LanguageModelError, `not a LanguageModelError: ${String(err)}`);
          assert.equal(err.code, vscode.LanguageModelError.NoPermissions().code);
          assert.match(err.message, /key/i);
          return true;
        },
      );
    } finally {
      process.env.SILICONFLOW_API_KEY = KEY;
    }
  });

  it('cancelling the request closes the connection to the server', async () => {
    const chat = await model('Qwen/Qwen3-Coder-480B-A35B-Instruct');
    mock.enqueue({ script: { text: 'word '.repeat(400) }, shape: { delayMs: 40 } });
    const cts = new vscode.CancellationTokenSource();
    const index = mock.requests.length;
    const response = await chat.sendRequest([vscode.LanguageModelChatMessage.User('Write a lot.')], {}, cts.token);
    let received = '';
    await assert.rejects(async () => {
      for await (const part of response.stream) {
        if (part instanceof vscode.LanguageModelTextPart) received += part.value;
        if (received.length > 10) cts.cancel();
      }
      throw new Error('the stream ended instead of being cancelled');
    }, (err: unknown) => !(err instanceof Error && err.message.startsWith('the stream ended')));
    await mock.waitForClientClose(index, 5000);
    assert.ok(mock.requests[index]!.clientClosed, 'the socket was closed before the answer ended');
    assert.ok(received.length < 'word '.repeat(400).length);
  });
});
