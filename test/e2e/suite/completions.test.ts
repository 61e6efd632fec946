// The inline completion provider inside VS Code's extension host, against the mock server: which
// documents it asks for (files yes; other schemes, huge files, a language switched off,
// editor.inlineSuggest.enabled off: no request at all), the suggest widget's selected item
// extended, and the log line of a request: latency and sizes, never the code unless logPrompts.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CompletionTrigger } from '../../../src/completions/trigger';
import { SiliconFlowInlineCompletionProvider } from '../../../src/completions/provider';
import { SiliconFlowService } from '../../../src/service/gateway';
import { ApiKeyStore } from '../../../src/service/secrets';
import { startMockServer } from '../../mock-server';
import type { MockServer } from '../../mock-server/types';

const KEY = `sk-e2e-fim-${'0123456789abcdef'}`;
const SECRET = 'const secretCodeMarker = 42;';

/** A SecretStorage holding one key. */
function secrets(): vscode.SecretStorage {
  const emitter = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  return { get: async () => KEY, store: async () => undefined, delete: async () => undefined, onDidChange: emitter.event } as unknown as vscode.SecretStorage;
}

/** A log channel that keeps its lines. */
function recordingLog(): vscode.LogOutputChannel & { lines: string[] } {
  const lines: string[] = [];
  const push = (m: string): void => {
    lines.push(m);
  };
  return { lines, info: push, warn: push, error: push, debug: push, trace: push, append: push, appendLine: push, dispose: () => undefined } as unknown as vscode.LogOutputChannel & { lines: string[] };
}

const tokenNone: vscode.CancellationToken = new vscode.CancellationTokenSource().token;
const automatic = (selected?: vscode.SelectedCompletionInfo): vscode.InlineCompletionContext => ({ triggerKind: vscode.InlineCompletionTriggerKind.Automatic, selectedCompletionInfo: selected });

describe('inline completions provider', () => {
  let mock: MockServer;
  let log: ReturnType<typeof recordingLog>;
  let provider: SiliconFlowInlineCompletionProvider;
  const config = () => vscode.workspace.getConfiguration();
  const fim = () => mock.requests.filter((r) => r.path === '/v1/completions').length;

  before(async () => {
    mock = await startMockServer();
    await config().update('siliconflow.baseUrl', mock.baseUrl, vscode.ConfigurationTarget.Global);
    await config().update('siliconflow.inlineCompletions.enabled', true, vscode.ConfigurationTarget.Global);
    log = recordingLog();
    const service = new SiliconFlowService(new ApiKeyStore(secrets()), log);
    const trigger = new CompletionTrigger({ debounceMs: 0 });
    provider = new SiliconFlowInlineCompletionProvider({ service, trigger, isSnoozed: () => false, recentDocuments: () => [] });
  });
  after(async () => {
    for (const key of ['siliconflow.baseUrl', 'siliconflow.inlineCompletions.enabled', 'siliconflow.logPrompts', 'siliconflow.inlineCompletions.languages', 'editor.inlineSuggest.enabled']) {
      await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    }
    await mock?.close();
  });
  beforeEach(() => mock.reset());

  async function ask(doc: vscode.TextDocument, line: number, character: number, selected?: vscode.SelectedCompletionInfo) {
    const items = await provider.provideInlineCompletionItems(doc, new vscode.Position(line, character), automatic(selected), tokenNone);
    return items?.[0];
  }

  it('completes in an editable document, and logs latency and sizes without the code', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: `${SECRET}\n// mock-fim: doubled;\nconst x = \n` });
    const item = await ask(doc, 2, 10);
    assert.equal(item?.insertText, 'doubled;');
    assert.equal(fim(), 1);
    const start = log.lines.find((l) => l.includes(' fim → POST '));
    assert.ok(start && /prompt=\d+ch suffix=\d+ch/.test(start), `start line: ${start}`);
    assert.ok(log.lines.some((l) => /total=\d+ms/.test(l)), 'the end line has the latency');
    assert.ok(!log.lines.join('\n').includes('secretCodeMarker'), 'the code reached the log');
    assert.ok(!log.lines.join('\n').includes(KEY), 'the key reached the log');
  });

  it('logs the prompt and the completion only with siliconflow.logPrompts on', async () => {
    await config().update('siliconflow.logPrompts', true, vscode.ConfigurationTarget.Global);
    try {
      const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: `${SECRET}\n// mock-fim: logged;\nconst y = \n` });
      await ask(doc, 2, 10);
      assert.ok(log.lines.some((l) => l.includes('secretCodeMarker')), 'the prompt is logged');
      assert.ok(log.lines.some((l) => l.includes('completion: logged;')));
    } finally {
      await config().update('siliconflow.logPrompts', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('extends the suggest widget\'s selected item and replaces its range', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: '// mock-fim: (1, 2);\nconst sum = ad\n' });
    const range = new vscode.Range(1, 12, 1, 14);
    const item = await ask(doc, 1, 14, { range, text: 'addNumbers' });
    assert.equal(item?.insertText, 'addNumbers(1, 2);');
    assert.ok(item?.range?.isEqual(range));
    const body = mock.requests.at(-1)?.body as { prompt: string };
    assert.ok(body.prompt.endsWith('const sum = addNumbers'), 'the prompt continues the selected item');
  });

  it('asks nothing for documents that are not files, huge files, a language switched off, or with inline suggestions off', async () => {
    const real = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'const a = \n' });
    const asGit = new Proxy(real, { get: (target, prop) => (prop === 'uri' ? vscode.Uri.parse('git:/repo/a.ts?ref=HEAD') : Reflect.get(target, prop, target)) });
    assert.equal(await ask(asGit, 0, 10), undefined);

    const huge = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'x\n'.repeat(60_000) });
    assert.equal(await ask(huge, 100, 1), undefined);

    await config().update('siliconflow.inlineCompletions.languages', { typescript: false }, vscode.ConfigurationTarget.Global);
    assert.equal(await ask(real, 0, 10), undefined);
    await config().update('siliconflow.inlineCompletions.languages', undefined, vscode.ConfigurationTarget.Global);

    await config().update('editor.inlineSuggest.enabled', false, vscode.ConfigurationTarget.Global);
    assert.equal(await ask(real, 0, 10), undefined);
    await config().update('editor.inlineSuggest.enabled', undefined, vscode.ConfigurationTarget.Global);

    assert.equal(fim(), 0, 'a request was sent');
    assert.ok(await ask(real, 0, 10), 'the same document completes once allowed (the test can fail)');
    assert.equal(fim(), 1);
  });
});
