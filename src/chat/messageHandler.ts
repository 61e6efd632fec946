// Routes each validated webview message to the controller (conversation state) or to the editor
// actions (clipboard, insert, apply, links, attachments) and the commands of other features.
import * as vscode from 'vscode';
import type { WebviewMessage } from '../protocol';
import type { ChatController } from './controller';
import { applyToEditor, attachmentFromEditor, copyToClipboard, insertAtCursor, openLink } from './editorActions';

export function createMessageHandler(controller: ChatController): (message: Exclude<WebviewMessage, { type: 'ready' }>) => Promise<void> {
  return async (message) => {
    switch (message.type) {
      case 'send':
        await controller.send(message.text);
        return;
      case 'stop':
        controller.stop();
        return;
      case 'regenerate':
        controller.regenerate();
        return;
      case 'retry':
        controller.retry();
        return;
      case 'editResend':
        controller.editResend(message.messageId, message.text);
        return;
      case 'newChat':
        controller.newChat();
        return;
      case 'copy':
        await copyToClipboard(message.text);
        return;
      case 'insertCode':
        await insertAtCursor(message.code);
        return;
      case 'applyCode':
        await applyToEditor(message.code);
        return;
      case 'openLink':
        await openLink(message.href);
        return;
      case 'attach': {
        const attachment = await attachmentFromEditor(message.what);
        if (attachment) controller.addAttachment(attachment);
        return;
      }
      case 'removeAttachment':
        controller.removeAttachment(message.index);
        return;
      case 'pickModel':
        await vscode.commands.executeCommand('siliconflow.selectModel');
        return;
      case 'setApiKey':
        await vscode.commands.executeCommand('siliconflow.setApiKey');
        return;
      case 'listHistory':
        await controller.listHistory();
        return;
      case 'openSession':
        await controller.openSession(message.sessionId);
        return;
      case 'deleteSession':
        await controller.deleteSession(message.sessionId);
        return;
      case 'draft':
        controller.setDraft(message.text);
        return;
    }
  };
}
