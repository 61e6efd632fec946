// The status bar item: the chat model's short name, a spinner while an answer streams, the full
// id and protocol in the tooltip; a click opens Select Model.
import * as vscode from 'vscode';
import type { ApiKeyStore } from '../service/secrets';
import type { SiliconFlowService } from '../service/gateway';

/** `Pro/deepseek-ai/DeepSeek-V3.2` → `DeepSeek-V3.2`. */
export function shortModelName(model: string): string {
  return model.split('/').filter(Boolean).pop() ?? model;
}

export function registerStatusBar(context: vscode.ExtensionContext, service: SiliconFlowService, keys: ApiKeyStore): void {
  const item = vscode.window.createStatusBarItem('siliconflow.model', vscode.StatusBarAlignment.Right, 100);
  item.name = vscode.l10n.t('SiliconFlow Model');
  item.command = 'siliconflow.selectModel';
  let hasKey = true;

  const update = (): void => {
    const s = service.settings();
    const busy = service.busyCount > 0;
    const icon = busy ? '$(loading~spin)' : hasKey ? '$(sparkle)' : '$(key)';
    item.text = `${icon} ${shortModelName(s.model)}`;
    const endpoint = s.protocol === 'anthropic' ? '/messages' : '/chat/completions';
    const lines = [
      vscode.l10n.t('SiliconFlow model: {0}', s.model),
      vscode.l10n.t('Protocol: {0} ({1})', s.protocol, endpoint),
      vscode.l10n.t('Base URL: {0}', s.baseUrl),
    ];
    if (s.commandModel !== s.model) lines.push(vscode.l10n.t('Editor commands use: {0}', s.commandModel));
    if (busy) lines.push(vscode.l10n.t('Answering…'));
    if (!hasKey) lines.push(vscode.l10n.t('No API key is set: run "SiliconFlow: Set API Key".'));
    lines.push(vscode.l10n.t('Click to choose another model.'));
    item.tooltip = lines.join('\n');
    item.accessibilityInformation = { label: lines.join('. ') };
  };
  const refreshKey = async (): Promise<void> => {
    hasKey = !!(await keys.get());
    update();
  };

  context.subscriptions.push(
    item,
    service.onDidChangeBusy(update),
    keys.onDidChange(() => void refreshKey()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('siliconflow')) update();
    }),
  );
  update();
  item.show();
  void refreshKey();
}
