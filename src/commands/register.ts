// Registers the editor commands (explain, ask, refactor, fix, document, tests), the lightbulb
// actions and the proposal preview they share with the chat's "Apply".
import * as vscode from 'vscode';
import type { ChatApi } from '../chat/register';
import { registerProposalSupport } from '../edits/proposal';
import type { SiliconFlowService } from '../service/gateway';
import { registerChatCommands } from './chatCommands';
import { registerCodeActions } from './codeActions';
import { registerEditCommands } from './editCommands';
import { registerTestCommand } from './generateTests';

export interface EditorCommandDeps {
  service: SiliconFlowService;
  chat: ChatApi;
  log: vscode.LogOutputChannel;
}

export function registerEditorCommands(context: vscode.ExtensionContext, deps: EditorCommandDeps): void {
  registerProposalSupport(context);
  context.subscriptions.push(
    ...registerChatCommands(deps),
    ...registerEditCommands(deps, context.globalState),
    registerTestCommand(deps),
    registerCodeActions(),
  );
}
