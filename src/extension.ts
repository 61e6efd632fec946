// Composition root: builds the services and hands them to each feature's registration. No logic.
import * as vscode from 'vscode';
import { registerChat } from './chat/register';
import { registerEditorCommands } from './commands/register';
import { registerLanguageModels } from './lm/register';
import { ApiKeyStore } from './service/secrets';
import { registerSettingsCommands } from './settings/register';
import { SiliconFlowService } from './service/gateway';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('SiliconFlow', { log: true });
  const keys = new ApiKeyStore(context.secrets);
  const service = new SiliconFlowService(keys, log);
  context.subscriptions.push(log, keys);

  registerSettingsCommands(context, { service, keys, log });
  const chat = registerChat(context, { service, keys, log });
  registerEditorCommands(context, { service, chat, log });
  registerLanguageModels(context, { service, keys, log });
}

export function deactivate(): void {}
