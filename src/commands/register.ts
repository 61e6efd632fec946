// SKELETON (issue 5): registers the editor commands (explain, ask, refactor, fix, document, tests).
import * as vscode from 'vscode';
import type { ChatApi } from '../chat/register';
import type { SiliconFlowService } from '../siliconflow';

export interface EditorCommandDeps {
  service: SiliconFlowService;
  chat: ChatApi;
  log: vscode.LogOutputChannel;
}

export function registerEditorCommands(_context: vscode.ExtensionContext, _deps: EditorCommandDeps): void {}
