// "SiliconFlow: Show Chat History": a quick pick of the stored conversations (title, date,
// workspace), newest first, the open one marked; choosing one opens it in the chat, the trash
// button deletes it, with Undo in the notification that says so.
import * as vscode from 'vscode';
import { relativeTime, type SessionSummary } from '../protocol';

interface SessionItem extends vscode.QuickPickItem {
  sessionId: string;
}

export interface HistoryPickerDeps {
  list(): Promise<SessionSummary[]>;
  open(id: string): Promise<void>;
  remove(id: string): Promise<void>;
  /** Undo of remove. */
  restore(id: string): Promise<void>;
  /** The conversation open in the chat. */
  currentId(): string;
}

function toItem(s: SessionSummary, deleteButton: vscode.QuickInputButton, current: boolean): SessionItem {
  // "5 minutes ago", as the chat's own history list says it.
  const date = relativeTime(s.updatedAt, Date.now(), vscode.l10n.t('just now'), vscode.env.language);
  const when = current ? vscode.l10n.t('$(circle-filled) open now · {0}', date) : date;
  const count = vscode.l10n.t('{0} messages', s.messageCount);
  return {
    sessionId: s.id,
    label: s.title || vscode.l10n.t('(untitled)'),
    description: when,
    detail: s.workspace ? `${s.workspace} · ${count}` : count,
    buttons: [deleteButton],
  };
}

export async function showHistoryPicker(deps: HistoryPickerDeps): Promise<void> {
  const deleteButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('trash'), tooltip: vscode.l10n.t('Delete') };
  const pick = vscode.window.createQuickPick<SessionItem>();
  pick.title = vscode.l10n.t('Chat History');
  pick.placeholder = vscode.l10n.t('Open a conversation');
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.busy = true;
  const refresh = async (): Promise<void> => {
    const sessions = await deps.list();
    const current = deps.currentId();
    pick.items = sessions.map((s) => toItem(s, deleteButton, s.id === current));
    pick.busy = false;
    if (sessions.length === 0) pick.placeholder = vscode.l10n.t('No saved conversations yet.');
  };
  const done = new Promise<void>((resolve) => {
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0];
      pick.hide();
      if (chosen) void deps.open(chosen.sessionId);
    });
    pick.onDidTriggerItemButton(async (e) => {
      const { sessionId, label } = e.item;
      await deps.remove(sessionId);
      await refresh();
      const undo = vscode.l10n.t('Undo');
      void vscode.window.showInformationMessage(vscode.l10n.t('Deleted "{0}".', label), undo).then(async (choice) => {
        if (choice === undo) await deps.restore(sessionId);
      });
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve();
    });
  });
  pick.show();
  await refresh();
  await done;
}
