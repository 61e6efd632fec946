// Composition root: creates what the features share, owns its disposal, and hands it to each
// feature's registration. No logic. Each object below is disposed by the one line that creates it
// (through `own`); a feature's registration owns only the commands, views and listeners it registers.
import * as vscode from 'vscode';
import { registerChat, type Chat } from './chat/register';
import { registerEditorCommands } from './commands/register';
import { registerInlineCompletions } from './completions/register';
import { ProposalPreviews } from './edits/proposal';
import { registerLanguageModels } from './lm/register';
import { SiliconFlowService } from './service/gateway';
import { ApiKeyStore } from './service/secrets';
import { registerSettingsCommands } from './settings/register';

/** The chat of the running extension, closed (and its session written) by deactivate(). */
let chat: Chat | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const own = <T extends vscode.Disposable>(disposable: T): T => {
    context.subscriptions.push(disposable);
    return disposable;
  };
  const log = own(vscode.window.createOutputChannel('SiliconFlow', { log: true }));
  const keys = own(new ApiKeyStore(context.secrets));
  const service = own(new SiliconFlowService(keys, log));
  const proposals = own(new ProposalPreviews());

  registerSettingsCommands(context, { service, keys, log });
  chat = registerChat(context, { service, keys, log, proposals });
  registerEditorCommands(context, { service, chat, log, proposals });
  registerLanguageModels(context, { service, keys, log });
  registerInlineCompletions(context, { service, keys, log });
}

/**
 * Called by VS Code before it disposes context.subscriptions, and awaited (within its shutdown
 * time limit): resolves once an answer still streaming is stopped and the session is on disk.
 */
export function deactivate(): Promise<void> | undefined {
  const closing = chat?.close();
  chat = undefined;
  return closing;
}
