// Registers the editor commands (explain, ask, refactor, fix, document, tests) and the lightbulb
// actions. The proposal previews they open are shared with the chat's "Apply" and owned by extension.ts.
import * as vscode from 'vscode';
import { registerChatCommands } from './chatCommands';
import { registerCodeActions } from './codeActions';
import { registerCommitMessageCommand } from './commitMessage';
import type { EditorCommandDeps } from './deps';
import { registerEditCommands } from './editCommands';
import { registerTestCommand } from './generateTests';

export function registerEditorCommands(context: vscode.ExtensionContext, deps: EditorCommandDeps): void {
  context.subscriptions.push(
    ...registerChatCommands(deps),
    ...registerEditCommands(deps, context.globalState),
    registerTestCommand(deps),
    registerCodeActions(),
    registerCommitMessageCommand(deps),
  );
}
