// What the editor commands are given by the composition root (extension.ts). In its own file so
// the commands and their registration both import it without importing each other.
import type * as vscode from 'vscode';
import type { ChatApi } from '../chat/register';
import type { ProposalPreviews } from '../edits/proposal';
import type { SiliconFlowService } from '../service/gateway';

export interface EditorCommandDeps {
  service: SiliconFlowService;
  chat: ChatApi;
  log: vscode.LogOutputChannel;
  /** Where refactor / fix / document open their diff previews. */
  proposals: ProposalPreviews;
}
