// Registers the sidebar chat: the session store in global storage, the controller that owns the
// conversation, the webview view, the New Chat / Show History commands, and the API the editor
// commands use to send to or prefill the chat. The controller is closed by extension.ts at
// deactivate (close()), which VS Code awaits: the last save is not cut off at shutdown.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { PROTOCOL_VERSION, type ContextAttachment, type HostMessage } from '../protocol';
import type { ProposalPreviews } from '../edits/proposal';
import type { ApiKeyStore } from '../service/secrets';
import type { SiliconFlowService } from '../service/gateway';
import { webviewStrings } from '../webviewStrings';
import { ChatController } from './controller';
import { showHistoryPicker } from './historyPicker';
import { createMessageHandler } from './messageHandler';
import { SessionStore } from './sessionStore';
import { CHAT_VIEW_ID, ChatViewProvider } from './viewProvider';

/** What the editor commands may ask of the chat. */
export interface ChatApi {
  /** Reveal the view and send `text` as a user message with these attachments. */
  send(text: string, context?: ContextAttachment[]): Promise<void>;
  /** Reveal the view, attach `context`, put `text` in the input and focus it, without sending. */
  prefill(text: string, context?: ContextAttachment[]): Promise<void>;
}

/** The chat as extension.ts holds it: the API for other features, and its end. */
export interface Chat extends ChatApi {
  /** Stops an answer still streaming and writes the session; resolves once it is on disk. */
  close(): Promise<void>;
}

export interface ChatDeps {
  service: SiliconFlowService;
  keys: ApiKeyStore;
  log: vscode.LogOutputChannel;
  /** Where the chat's "Apply" opens its diff preview. */
  proposals: ProposalPreviews;
}

/** The webview's UI strings in the display language (the webview cannot call vscode.l10n). */
function translatedStrings(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, english] of Object.entries(webviewStrings)) out[key] = vscode.l10n.t(english);
  return out;
}

export function registerChat(context: vscode.ExtensionContext, deps: ChatDeps): Chat {
  const folder = path.join(context.globalStorageUri.fsPath, 'chat');
  const toldDamaged = new Set<string>();
  const store = new SessionStore(folder, {
    warn: (m) => deps.log.warn(m),
    // Told once per conversation and window; the damaged file is moved aside, so it is not met again.
    damaged: (id, recovered) => {
      if (toldDamaged.has(id)) return;
      toldDamaged.add(id);
      void vscode.window.showWarningMessage(
        recovered
          ? vscode.l10n.t('A conversation in the chat history was damaged on disk; its previous saved version is shown. The damaged file is kept in {0}.', path.join(folder, 'sessions'))
          : vscode.l10n.t('A conversation in the chat history could not be read and no longer appears in the history. The damaged file is kept in {0}.', path.join(folder, 'sessions')),
      );
    },
  });
  const controller = new ChatController({
    store,
    stream: (messages, signal) => deps.service.stream(messages, { purpose: 'chat', signal }),
    model: () => deps.service.modelFor('chat'),
    workspace: () => vscode.workspace.name,
    // `view` is created below (the two refer to each other); the controller posts only later.
    post: (message: HostMessage) => view.post(message),
    memory: context.workspaceState,
    log: deps.log,
    measure: (messages) => deps.service.measureFit(messages, 'chat'),
    costOf: (usage, model) => deps.service.costOf(usage, model),
  });
  const restored = controller.restore().catch((e: unknown) => deps.log.warn(`chat: could not restore the last session: ${String(e)}`));
  const hasKey = async (): Promise<boolean> => Boolean(await deps.keys.get());

  const view = new ChatViewProvider(context.extensionUri, {
    hasKey: async () => {
      await restored;
      return hasKey();
    },
    initMessage: (keyPresent) => {
      const s = controller.snapshot();
      return {
        type: 'init',
        version: PROTOCOL_VERSION,
        session: s.session,
        model: s.model,
        busy: s.busy,
        hasKey: keyPresent,
        strings: translatedStrings(),
        pending: s.pending,
        draft: s.draft,
        ...(s.context ? { context: s.context } : {}),
      };
    },
    handle: createMessageHandler(controller, deps),
    log: deps.log,
  });

  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, view, { webviewOptions: { retainContextWhenHidden: false } }),
    vscode.commands.registerCommand('siliconflow.newChat', async () => {
      controller.newChat();
      await view.reveal();
    }),
    vscode.commands.registerCommand('siliconflow.showHistory', () =>
      showHistoryPicker({
        list: () => store.list(),
        open: async (id) => {
          await view.reveal();
          await controller.openSession(id);
        },
        remove: (id) => controller.deleteSession(id),
        restore: (id) => controller.restoreSession(id),
        currentId: () => controller.currentSessionId,
      }),
    ),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('siliconflow.model')) view.post({ type: 'model', model: deps.service.modelFor('chat') });
      // A different model or window size changes what fits.
      if (e.affectsConfiguration('siliconflow')) controller.postContext();
    }),
    deps.keys.onDidChange(async () => view.post({ type: 'hasKey', hasKey: await hasKey() })),
    { dispose: store.watch((id) => void controller.storedSessionChanged(id)) },
  );

  return {
    close: () => controller.dispose(),
    async send(text, attachments) {
      await restored;
      await view.reveal();
      // An explicit request from the editor wins over an answer still streaming (which is kept).
      controller.stop();
      await controller.send(text, attachments);
    },
    async prefill(text, attachments) {
      await restored;
      for (const a of attachments ?? []) controller.addAttachment(a);
      await view.reveal();
      if (text) {
        controller.setDraft(text);
        view.post({ type: 'prefill', text });
      } else {
        view.post({ type: 'focusInput' });
      }
    },
  };
}
