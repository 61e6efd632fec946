// SKELETON (issue 6): the key commands, Select Model, the status bar item and settings warnings.
import * as vscode from 'vscode';
import type { SiliconFlowService } from '../siliconflow';
import type { ApiKeyStore } from '../secrets';

export interface SettingsDeps {
  service: SiliconFlowService;
  keys: ApiKeyStore;
  log: vscode.LogOutputChannel;
}

export function registerSettingsCommands(context: vscode.ExtensionContext, deps: SettingsDeps): void {
  const updateContext = async () =>
    vscode.commands.executeCommand('setContext', 'siliconflow.hasApiKey', !!(await deps.keys.get()));
  context.subscriptions.push(
    deps.keys.onDidChange(updateContext),
    vscode.commands.registerCommand('siliconflow.setApiKey', async () => {
      const key = await vscode.window.showInputBox({ password: true, ignoreFocusOut: true, prompt: vscode.l10n.t('SiliconFlow API key') });
      if (key) await deps.keys.set(key.trim());
    }),
    vscode.commands.registerCommand('siliconflow.clearApiKey', () => deps.keys.clear()),
    vscode.commands.registerCommand('siliconflow.showLog', () => deps.log.show()),
  );
  void updateContext();
}
