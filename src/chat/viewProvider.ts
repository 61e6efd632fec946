// The sidebar webview view "siliconflow.chat". It holds no conversation state: the webview is
// registered without retainContextWhenHidden, so VS Code destroys it whenever the view is hidden;
// each time it (re)loads it sends `ready` and gets the whole state from the controller in `init`,
// without a new request. Every message it sends is validated before anything acts on it.
import * as vscode from 'vscode';
import { PROTOCOL_VERSION, type HostMessage, type WebviewMessage } from '../protocol';
import { renderChatHtml } from './html';
import { validateWebviewMessage } from './validate';

export const CHAT_VIEW_ID = 'siliconflow.chat';

export interface ChatViewHooks {
  hasKey(): Promise<boolean>;
  /**
   * Builds the `init` message. Synchronous on purpose: between the snapshot it takes and the moment
   * the view counts as ready, no other post may slip through (it would be dropped and lost).
   */
  initMessage(hasKey: boolean): Extract<HostMessage, { type: 'init' }>;
  /** Acts on a validated message other than `ready`. */
  handle(message: Exclude<WebviewMessage, { type: 'ready' }>): Promise<void> | void;
  log: vscode.LogOutputChannel;
}

export class ChatViewProvider implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly hooks: ChatViewHooks,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    view.webview.options = { enableScripts: true, localResourceRoots: [media] };
    const uri = (...parts: string[]): string => view.webview.asWebviewUri(vscode.Uri.joinPath(media, ...parts)).toString();
    view.webview.html = renderChatHtml({
      cspSource: view.webview.cspSource,
      styleUri: uri('chat.css'),
      codiconUri: uri('codicons', 'codicon.css'),
      katexUri: uri('katex', 'katex.css'),
      scriptUri: uri('webview.js'),
      language: vscode.env.language,
    });
    view.webview.onDidReceiveMessage((raw: unknown) => void this.receive(view, raw));
    view.onDidChangeVisibility(() => {
      // Hidden = destroyed (no retained context); it says `ready` again when shown.
      if (!view.visible) this.ready = false;
    });
    view.onDidDispose(() => {
      if (this.view === view) {
        this.view = undefined;
        this.ready = false;
      }
    });
  }

  /** Posts to the webview when one is listening; otherwise drops it (`init` will catch it up). */
  post(message: HostMessage): void {
    if (!this.view || !this.ready) return;
    this.view.webview.postMessage(message).then(undefined, () => undefined);
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** Shows the view and resolves once its webview has been initialised (or after `timeoutMs`). */
  async reveal(timeoutMs = 10_000): Promise<boolean> {
    if (this.view?.visible && this.ready) {
      this.view.show(true);
      return true;
    }
    const ready = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
    return ready;
  }

  private async receive(view: vscode.WebviewView, raw: unknown): Promise<void> {
    const result = validateWebviewMessage(raw);
    if (!result.ok) {
      // The type only: contents may be long, private, or crafted.
      this.hooks.log.warn(`chat: ignored a malformed message from the webview (type ${result.type}: ${result.reason})`);
      return;
    }
    const message = result.message;
    try {
      if (message.type === 'ready') {
        if (message.version !== PROTOCOL_VERSION) {
          this.hooks.log.warn(`chat: the webview speaks protocol ${message.version}, the host ${PROTOCOL_VERSION}`);
        }
        const hasKey = await this.hooks.hasKey();
        if (this.view !== view) return;
        const init = this.hooks.initMessage(hasKey);
        this.ready = true;
        void view.webview.postMessage(init).then(undefined, () => undefined);
        const waiters = this.waiters;
        this.waiters = [];
        for (const wake of waiters) wake();
        return;
      }
      await this.hooks.handle(message);
    } catch (e) {
      this.hooks.log.error(`chat: handling '${message.type}' failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
