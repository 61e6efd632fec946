// The refactor instruction box: a QuickPick that offers recent instructions (kept in globalState)
// and accepts whatever is typed; Enter on nothing means "improve it".
import * as vscode from 'vscode';

const HISTORY_KEY = 'siliconflow.refactorInstructions';
const HISTORY_SIZE = 12;

interface InstructionItem extends vscode.QuickPickItem {
  instruction: string;
}

/** The instruction ('' = improve it), or undefined when the user pressed Escape. */
export async function askInstruction(state: vscode.Memento, title: string): Promise<string | undefined> {
  const history = state.get<string[]>(HISTORY_KEY, []);
  const improve: InstructionItem = { label: vscode.l10n.t('Improve it'), description: vscode.l10n.t('no instruction'), instruction: '' };
  const recent: InstructionItem[] = history.map((h) => ({ label: h, description: vscode.l10n.t('recent'), instruction: h }));

  const pick = vscode.window.createQuickPick<InstructionItem>();
  pick.title = title;
  pick.placeholder = vscode.l10n.t('How should the code change? Type an instruction, pick a recent one, or press Enter to improve it');
  pick.ignoreFocusOut = true;
  pick.matchOnDescription = false;
  const itemsFor = (value: string): InstructionItem[] => {
    const typed = value.trim();
    if (!typed) return [improve, ...recent];
    // The typed text comes first so Enter sends it as written; matching history follows.
    return [{ label: typed, description: vscode.l10n.t('new instruction'), instruction: typed, alwaysShow: true }, ...recent.filter((r) => r.instruction !== typed)];
  };
  pick.items = itemsFor('');
  const chosen = await new Promise<string | undefined>((resolve) => {
    pick.onDidChangeValue((v) => (pick.items = itemsFor(v)));
    pick.onDidAccept(() => {
      const item = pick.selectedItems[0] ?? pick.activeItems[0];
      resolve(item ? item.instruction : pick.value.trim());
      pick.hide();
    });
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  pick.dispose();
  if (chosen) await state.update(HISTORY_KEY, [chosen, ...history.filter((h) => h !== chosen)].slice(0, HISTORY_SIZE));
  return chosen;
}
