// Entry point of the chat webview (bundled by esbuild.js into media/webview.js, loaded by the host's
// HTML shell with a CSP nonce). Connects the VS Code webview API to the app and says `ready`.
import type { HostMessage } from '../protocol';
import { ChatApp, type CachedViewState } from './app';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

function isHostMessage(data: unknown): data is HostMessage {
  return typeof data === 'object' && data !== null && typeof (data as { type?: unknown }).type === 'string';
}

function isCachedState(value: unknown): value is CachedViewState {
  return typeof value === 'object' && value !== null;
}

const vscode = acquireVsCodeApi();
const root = document.getElementById('app') ?? document.body;
const app = new ChatApp({
  win: window,
  root,
  host: {
    post: (message) => vscode.postMessage(message),
    getState: () => {
      const state = vscode.getState();
      return isCachedState(state) ? state : undefined;
    },
    setState: (state) => vscode.setState(state),
  },
});

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (!isHostMessage(event.data)) return;
  try {
    app.handle(event.data);
  } catch (error) {
    // One bad message must not leave the view dead; the console shows in "Developer: Open Webview Developer Tools".
    console.error('SiliconFlow chat: failed to handle', event.data.type, error);
  }
});
app.start();
