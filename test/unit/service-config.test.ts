// Settings validation: every unusable value is replaced by its default and named in a warning,
// so a typo in settings.json gives a clear message instead of a failed request.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_TIMEOUT_MS } from '../../src/client';
import { DEFAULT_BASE_URL, DEFAULT_MODEL, validateSettings } from '../../src/service/validate';

const settingsOf = (raw: Record<string, unknown>) => validateSettings(raw);

describe('settings validation', () => {
  it('accepts the defaults VS Code returns without any warning', () => {
    const { settings, problems } = settingsOf({
      baseUrl: 'https://api.siliconflow.cn/v1', apiProtocol: 'openai', model: 'deepseek-ai/DeepSeek-V3.2', commandModel: '',
      enableThinking: false, thinkingBudget: null, temperature: null, topP: null, maxTokens: null, systemPrompt: '',
      requestTimeoutSeconds: 120, maxRetries: 3, contextWindows: {}, attachmentMaxChars: 20000, logPrompts: false,
    });
    assert.deepEqual(problems, []);
    assert.equal(settings.baseUrl, 'https://api.siliconflow.cn/v1');
    assert.equal(settings.commandModel, 'deepseek-ai/DeepSeek-V3.2', 'an empty command model follows the chat model');
    assert.equal(settings.timeoutMs, 120_000);
    assert.equal(settings.temperature, undefined);
  });

  it('takes an empty configuration as all defaults', () => {
    const { settings, problems } = settingsOf({ model: DEFAULT_MODEL });
    assert.deepEqual(problems, []);
    assert.equal(settings.baseUrl, DEFAULT_BASE_URL);
    assert.equal(settings.protocol, 'openai');
    assert.equal(settings.maxRetries, 3);
  });

  it('has one timeout default: the setting\'s default in package.json, the validated default and the client\'s agree', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
    const declared = pkg.contributes.configuration.properties['siliconflow.requestTimeoutSeconds'].default;
    assert.equal(declared * 1000, DEFAULT_TIMEOUT_MS);
    assert.equal(settingsOf({ model: DEFAULT_MODEL }).settings.timeoutMs, DEFAULT_TIMEOUT_MS);
  });

  it('refuses a plain-http base URL (the key would travel unencrypted) but allows loopback for the mock server', () => {
    assert.equal(settingsOf({ model: 'm', baseUrl: 'http://localhost.example.com/v1' }).settings.baseUrl, DEFAULT_BASE_URL);
    const remote = settingsOf({ model: 'm', baseUrl: 'http://api.siliconflow.cn/v1' });
    assert.equal(remote.settings.baseUrl, DEFAULT_BASE_URL);
    assert.equal(remote.problems.length, 1);
    assert.equal(remote.problems[0].setting, 'siliconflow.baseUrl');
    assert.match(remote.problems[0].message, /siliconflow\.baseUrl.*https/);

    for (const local of ['http://127.0.0.1:4000/v1', 'http://localhost:8080/v1/', 'http://mock.localhost:4000/v1']) {
      const r = settingsOf({ model: 'm', baseUrl: local });
      assert.deepEqual(r.problems, [], local);
      assert.equal(r.settings.baseUrl, local.replace(/\/$/, ''));
    }
  });

  it('uses a base URL not ending in /v1 as written, with a notice', () => {
    const { settings, problems } = settingsOf({ model: 'm', baseUrl: 'https://gateway.example.com/api/' });
    assert.equal(settings.baseUrl, 'https://gateway.example.com/api');
    assert.equal(problems.length, 1);
    assert.equal(problems[0].severity, 'notice');
    assert.match(problems[0].message, /\/v1/);
  });

  it('rejects a base URL that is not a URL or carries credentials', () => {
    for (const bad of ['api.siliconflow.cn/v1', 'https://user:pw@api.siliconflow.cn/v1', 42]) {
      const { settings, problems } = settingsOf({ model: 'm', baseUrl: bad });
      assert.equal(settings.baseUrl, DEFAULT_BASE_URL, String(bad));
      assert.equal(problems[0]?.setting, 'siliconflow.baseUrl');
      assert.doesNotMatch(problems[0].message, /pw@/, 'the password is not repeated in the warning');
    }
  });

  it('replaces out-of-range sampling values by the service default and names each setting', () => {
    const { settings, problems } = settingsOf({ model: 'm', temperature: 3, topP: 0, maxTokens: 0, thinkingBudget: 64 });
    assert.equal(settings.temperature, undefined);
    assert.equal(settings.topP, undefined);
    assert.equal(settings.maxTokens, undefined);
    assert.equal(settings.thinkingBudget, undefined);
    assert.deepEqual(problems.map((p) => p.setting).sort(), ['siliconflow.maxTokens', 'siliconflow.temperature', 'siliconflow.thinkingBudget', 'siliconflow.topP']);
    const temperature = problems.find((p) => p.setting === 'siliconflow.temperature');
    assert.match(temperature!.message, /"siliconflow\.temperature" is 3.*0 to 2/);
  });

  it('keeps values at the edges of their ranges', () => {
    const { settings, problems } = settingsOf({ model: 'm', temperature: 2, topP: 0.1, maxTokens: 1, thinkingBudget: 32768 });
    assert.deepEqual(problems, []);
    assert.deepEqual([settings.temperature, settings.topP, settings.maxTokens, settings.thinkingBudget], [2, 0.1, 1, 32768]);
  });

  it('treats thinking budget 0 as "not set" (the API rejects 0) without a warning', () => {
    const { settings, problems } = settingsOf({ model: 'm', thinkingBudget: 0 });
    assert.equal(settings.thinkingBudget, undefined);
    assert.deepEqual(problems, []);
  });

  it('rejects fractional token counts and non-numbers', () => {
    const { settings, problems } = settingsOf({ model: 'm', maxTokens: 100.5, temperature: 'hot', maxRetries: -1, requestTimeoutSeconds: 1 });
    assert.equal(settings.maxTokens, undefined);
    assert.equal(settings.temperature, undefined);
    assert.equal(settings.maxRetries, 3);
    assert.equal(settings.timeoutMs, 120_000);
    assert.equal(problems.length, 4);
  });

  it('falls back to the default model when the model is empty, and says how to choose one', () => {
    const { settings, problems } = settingsOf({ model: '   ' });
    assert.equal(settings.model, DEFAULT_MODEL);
    assert.equal(problems[0].setting, 'siliconflow.model');
    assert.match(problems[0].message, /Select Model/);
  });

  it('trims model ids and lets the command model override the chat model', () => {
    const { settings } = settingsOf({ model: ' deepseek-ai/DeepSeek-V3.2 ', commandModel: 'Qwen/Qwen2.5-Coder-32B-Instruct' });
    assert.equal(settings.model, 'deepseek-ai/DeepSeek-V3.2');
    assert.equal(settings.commandModel, 'Qwen/Qwen2.5-Coder-32B-Instruct');
  });

  it('rejects an unknown protocol', () => {
    const { settings, problems } = settingsOf({ model: 'm', apiProtocol: 'grpc' });
    assert.equal(settings.protocol, 'openai');
    assert.equal(problems[0].setting, 'siliconflow.apiProtocol');
  });

  it('keeps the good context-window entries and names each bad one', () => {
    const { settings, problems } = settingsOf({
      model: 'm',
      contextWindows: { 'Qwen/Qwen2.5-Coder-32B-Instruct': 32768, 'tiny/model': 100, 'text/model': '32k', '': 4096 },
    });
    assert.deepEqual(settings.contextWindows, { 'Qwen/Qwen2.5-Coder-32B-Instruct': 32768 });
    assert.equal(problems.length, 3);
    assert.ok(problems.every((p) => p.setting === 'siliconflow.contextWindows'));
    assert.ok(problems.some((p) => p.message.includes('tiny/model')));
  });

  it('ignores a context-window setting that is not an object', () => {
    const { settings, problems } = settingsOf({ model: 'm', contextWindows: [32768] });
    assert.deepEqual(settings.contextWindows, {});
    assert.equal(problems.length, 1);
  });

  it('uses the translator it is given for the messages', () => {
    const upper = { t: (m: string) => m.toUpperCase() };
    const { problems } = validateSettings({ model: 'm', temperature: 9 }, upper);
    assert.equal(problems[0].message, problems[0].message.toUpperCase());
  });
});
