// Registers the editor commands (explain, ask, refactor, fix, document, tests), the lightbulb
// actions and the proposal preview they share with the chat's "Apply".
import * as vscode from 'vscode';
import { registerProposalSupport } from '../edits/proposal';
import { registerChatCommands } from './chatCommands';
import { registerCodeActions } from './codeActions';
import type { EditorCommandDeps } from './deps';
import { registerEditCommands } from './editCommands';
import { registerTestCommand } from './generateTests';

export function registerEditorCommands(context: vscode.ExtensionContext, deps: EditorCommandDeps): void {
  registerProposalSupport(context);
  context.subscriptions.push(
    ...registerChatCommands(deps),
    ...registerEditCommands(deps, context.globalState),
    registerTestCommand(deps),
    registerCodeActions(),
  );
}
