// SKELETON (issue 4): registers the chat webview view and returns the API the editor commands use.
import * as vscode from 'vscode';
import type { ContextAttachment } from '../protocol';
import type { SiliconFlowService } from '../siliconflow';
import type { ApiKeyStore } from '../secrets';

/** What the editor commands may ask of the chat. */
export interface ChatApi {
  /** Reveal the view and send `text` as a user message with these attachments. */
  send(text: string, context?: ContextAttachment[]): Promise<void>;
  /** Reveal the view, attach `context`, put `text` in the input and focus it, without sending. */
  prefill(text: string, context?: ContextAttachment[]): Promise<void>;
}

export interface ChatDeps {
  service: SiliconFlowService;
  keys: ApiKeyStore;
  log: vscode.LogOutputChannel;
}

export function registerChat(_context: vscode.ExtensionContext, _deps: ChatDeps): ChatApi {
  return {
    send: async () => undefined,
    prefill: async () => undefined,
  };
}
