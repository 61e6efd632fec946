// "SiliconFlow: Show Chat History": a quick pick of the stored conversations (title, date,
// workspace), newest first; choosing one opens it in the chat, the trash button deletes it.
import * as vscode from 'vscode';
import type { SessionSummary } from '../protocol';

interface SessionItem extends vscode.QuickPickItem {
  sessionId: string;
}

export interface HistoryPickerDeps {
  list(): Promise<SessionSummary[]>;
  open(id: string): Promise<void>;
  remove(id: string): Promise<void>;
}

function toItem(s: SessionSummary, deleteButton: vscode.QuickInputButton): SessionItem {
  const when = new Date(s.updatedAt).toLocaleString(vscode.env.language);
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
    pick.items = sessions.map((s) => toItem(s, deleteButton));
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
      await deps.remove(e.item.sessionId);
      await refresh();
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
