// The API key round trip through the real command: "Set API Key" shows VS Code's input box, the
// runner types into it like a user, the extension stores it in SecretStorage, and the next request
// the extension makes (an editor command, to the mock set in siliconflow.baseUrl) carries it. The
// key must not end up in the settings.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { presentedKey, startMockServer } from '../../mock-server';
import type { MockServer } from '../../mock-server/types';
import { activeExtension, typeIntoQuickInput, waitFor } from './helpers';

const KEY = 'sk-e2e-secret-round-trip-0123456789';

describe('API key in SecretStorage', () => {
  let mock: MockServer;
  before(async () => {
    await activeExtension();
    mock = await startMockServer();
    await vscode.workspace.getConfiguration('siliconflow').update('baseUrl', mock.baseUrl, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.commands.executeCommand('siliconflow.clearApiKey');
    await vscode.workspace.getConfiguration('siliconflow').update('baseUrl', undefined, vscode.ConfigurationTarget.Global);
    await mock?.close();
  });

  it('stores the key typed into "Set API Key" and sends it with the next request', async function () {
    // Under @vscode/test-electron (electron.mjs) nobody is at the keyboard to fill the input box.
    if (process.env.SF_E2E_NO_KEYBOARD) this.skip();
    const done = vscode.commands.executeCommand('siliconflow.setApiKey');
    typeIntoQuickInput(KEY);
    await done;

    const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'export const answer = 6 * 7;\n' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 0, 0, doc.lineAt(0).text.length);
    void vscode.commands.executeCommand('siliconflow.explainSelection');
    const request = await waitFor('a chat request at the mock', () =>
      mock.requests.find((r) => r.path.endsWith('/chat/completions') || r.path.endsWith('/messages')), 20_000);
    assert.equal(presentedKey(request.headers as Parameters<typeof presentedKey>[0]), KEY);

    const settings = JSON.stringify(vscode.workspace.getConfiguration('siliconflow'));
    assert.ok(!settings.includes(KEY), 'the key leaked into the settings');
  });
});
