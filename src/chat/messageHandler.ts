// Routes each validated webview message to the controller (conversation state) or to the editor
// actions (clipboard, insert, apply, links, attachments) and the commands of other features.
// One handler per message type in a table the compiler checks: a type added to WebviewMessage in
// src/protocol.ts without a handler here (or with a misspelled one) does not compile.
import * as vscode from 'vscode';
import type { ProposalPreviews } from '../edits/proposal';
import { supportsImageInput } from '../client';
import { IMAGE_LIMITS, type WebviewMessage } from '../protocol';
import type { SiliconFlowService } from '../service/gateway';
import type { ChatController } from './controller';
import { imageAttachment } from './imageAttachments';
import { applyToEditor, attachmentFromEditor, copyToClipboard, insertAtCursor, openLink } from './editorActions';

/** Every message the host acts on once the view is ready (`ready` itself is the view's own business). */
export type HandledMessage = Exclude<WebviewMessage, { type: 'ready' }>;

/** Exactly one handler per message type, each given its own message shape. */
export type MessageHandlers = {
  [K in HandledMessage['type']]: (message: Extract<HandledMessage, { type: K }>) => Promise<void> | void;
};

/** What the handlers act through besides the controller. */
export interface MessageHandlerDeps {
  /** Where Apply opens its diff preview. */
  proposals: ProposalPreviews;
  /** For the settings (attachmentMaxChars), read through the service like every feature does. */
  service: Pick<SiliconFlowService, 'settings'>;
}

/** The handler table for this controller. */
export function messageHandlers(controller: ChatController, deps: MessageHandlerDeps): MessageHandlers {
  return {
    send: async (m) => void (await controller.send(m.text)),
    stop: () => controller.stop(),
    regenerate: () => controller.regenerate(),
    selectVersion: (m) => controller.selectVersion(m.messageId, m.version),
    retry: () => controller.retry(),
    editResend: (m) => controller.editResend(m.messageId, m.text),
    newChat: () => controller.newChat(),
    copy: (m) => copyToClipboard(m.text),
    insertCode: (m) => insertAtCursor(m.code),
    applyCode: (m) => applyToEditor(m.code, deps.proposals, m.language),
    openLink: (m) => openLink(m.href),
    attach: async (m) => {
      const attachment = await attachmentFromEditor(m.what, deps.service.settings().attachmentMaxChars);
      if (attachment) controller.addAttachment(attachment);
    },
    removeAttachment: (m) => controller.removeAttachment(m.index),
    attachImage: (m) => {
      const model = controller.chatModel();
      if (!supportsImageInput(model)) {
        controller.notice(vscode.l10n.t('{0} does not take images. Choose a vision model (Qwen-VL, GLM-V, Kimi…) with the model button, then paste the image again.', model));
      } else if (!controller.addImage(imageAttachment(m.name, m.mimeType, m.data))) {
        controller.notice(vscode.l10n.t('At most {0} images go with one message.', IMAGE_LIMITS.maxPerMessage));
      }
    },
    pickModel: async () => void (await vscode.commands.executeCommand('siliconflow.selectModel')),
    setApiKey: async () => void (await vscode.commands.executeCommand('siliconflow.setApiKey')),
    listHistory: (m) => controller.listHistory(m.query),
    restoreSession: (m) => controller.restoreSession(m.sessionId),
    renameSession: (m) => controller.renameSession(m.sessionId, m.title),
    openSession: async (m) => void (await controller.openSession(m.sessionId)),
    deleteSession: (m) => controller.deleteSession(m.sessionId),
    draft: (m) => controller.setDraft(m.text),
  };
}

/** Calls the one handler for `message.type`. */
export function dispatch(handlers: MessageHandlers, message: HandledMessage): Promise<void> | void {
  // TypeScript cannot correlate handlers[message.type] with message's own member of the union;
  // the mapped type above guarantees they match.
  const handler = handlers[message.type] as (m: HandledMessage) => Promise<void> | void;
  return handler(message);
}

export function createMessageHandler(controller: ChatController, deps: MessageHandlerDeps): (message: HandledMessage) => Promise<void> {
  const handlers = messageHandlers(controller, deps);
  return async (message) => dispatch(handlers, message);
}
