// The contributed settings are registered with the defaults the manifest declares, and a change
// made through the Settings API is what the configuration then returns.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension } from './helpers';

interface ManifestProperty {
  default?: unknown;
}

describe('settings', () => {
  it('registers every siliconflow.* setting with the manifest default', async () => {
    const ext = await activeExtension();
    const manifest = ext.packageJSON as { contributes: { configuration: { properties: Record<string, ManifestProperty> } } };
    const properties = Object.entries(manifest.contributes.configuration.properties);
    assert.ok(properties.length > 0);
    const config = vscode.workspace.getConfiguration();
    for (const [key, schema] of properties) {
      const inspected = config.inspect(key);
      assert.ok(inspected, `${key} is not a registered setting`);
      assert.deepEqual(inspected.defaultValue, schema.default ?? null, `${key} default`);
    }
  });

  it('reads back a changed setting and restores it', async () => {
    const config = () => vscode.workspace.getConfiguration('siliconflow');
    const before = config().inspect<string>('model')?.globalValue;
    const changed = new Promise<void>((resolve) => {
      const sub = vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('siliconflow.model')) {
          sub.dispose();
          resolve();
        }
      });
    });
    await config().update('model', 'deepseek-ai/DeepSeek-V3.2', vscode.ConfigurationTarget.Global);
    await changed;
    assert.equal(config().get('model'), 'deepseek-ai/DeepSeek-V3.2');
    await config().update('model', before, vscode.ConfigurationTarget.Global);
    assert.equal(config().inspect('model')?.globalValue, before);
  });
});
