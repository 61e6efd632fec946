// Registers the settings UI: the key commands, Select Model, the status bar item, the
// log command, and warnings for unusable settings as soon as they are made (not only at the next
// request). Everything reads the settings when used, so no reload is ever needed.
import * as vscode from 'vscode';
import { readSettings } from '../service/config';
import type { ApiKeyStore } from '../service/secrets';
import type { SiliconFlowService } from '../service/gateway';
import { registerApiKeyCommands } from './apiKeyCommands';
import { ModelCache } from './modelCache';
import { selectModel } from './modelPicker';
import { registerStatusBar } from './statusBar';

export interface SettingsDeps {
  service: SiliconFlowService;
  keys: ApiKeyStore;
  log: vscode.LogOutputChannel;
}

export function registerSettingsCommands(context: vscode.ExtensionContext, deps: SettingsDeps): void {
  const cache = new ModelCache(context.globalState);
  context.subscriptions.push(
    vscode.commands.registerCommand('siliconflow.selectModel', () => selectModel(deps.service, cache)),
    vscode.commands.registerCommand('siliconflow.showLog', () => deps.log.show(true)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // Validation announces each new problem once (config.ts).
      if (e.affectsConfiguration('siliconflow')) readSettings();
    }),
  );
  registerApiKeyCommands(context, { service: deps.service, keys: deps.keys, cache });
  registerStatusBar(context, deps.service, deps.keys, deps.log);
  readSettings();
}
