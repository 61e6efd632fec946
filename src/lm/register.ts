// Offers SiliconFlow models to VS Code's own chat (vendor `siliconflow`) where VS Code has the
// language model provider API (1.104+), and the management command VS Code links from its
// Manage Models view: set the key, choose which models appear.
import * as vscode from 'vscode';
import { readLanguageModelChoice, writeLanguageModelChoice } from '../service/config';
import type { SiliconFlowService } from '../service/gateway';
import type { ApiKeyStore } from '../service/secrets';
import { providerRegistration } from './api';
import { SiliconFlowChatProvider, VENDOR } from './provider';

export interface LanguageModelDeps {
  service: SiliconFlowService;
  keys: ApiKeyStore;
  log: vscode.LogOutputChannel;
}

/** Registers the provider when the API exists; the command is registered either way (it says why it cannot help). */
export function registerLanguageModels(context: vscode.ExtensionContext, deps: LanguageModelDeps): SiliconFlowChatProvider | undefined {
  const register = providerRegistration();
  let provider: SiliconFlowChatProvider | undefined;
  if (register) {
    provider = new SiliconFlowChatProvider(deps.service, deps.keys, deps.log);
    context.subscriptions.push(provider, register(VENDOR, provider));
  } else {
    deps.log.info(`language models: this VS Code (${vscode.version}) has no language model provider API (1.104+); SiliconFlow models stay in the sidebar chat`);
  }
  context.subscriptions.push(vscode.commands.registerCommand('siliconflow.manageLanguageModels', () => manage(deps, provider)));
  return provider;
}

async function manage(deps: LanguageModelDeps, provider: SiliconFlowChatProvider | undefined): Promise<void> {
  if (!provider) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t("This version of VS Code ({0}) cannot list models from extensions in its chat (VS Code 1.104 or later can). SiliconFlow's sidebar chat works as before.", vscode.version),
    );
    return;
  }
  const setKey = { label: vscode.l10n.t('$(key) Set API Key…'), action: 'key' as const };
  const choose = { label: vscode.l10n.t('$(list-selection) Choose Models for VS Code Chat…'), action: 'models' as const };
  const picked = await vscode.window.showQuickPick([setKey, choose], { title: vscode.l10n.t('SiliconFlow Language Models') });
  if (!picked) return;
  if (picked.action === 'key') {
    await vscode.commands.executeCommand('siliconflow.setApiKey');
    return;
  }
  await chooseModels(deps, provider);
}

async function chooseModels(deps: LanguageModelDeps, provider: SiliconFlowChatProvider): Promise<void> {
  let ids: string[];
  try {
    ids = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Loading SiliconFlow models…') },
      () => deps.service.listModels(),
    );
  } catch (err) {
    void vscode.window.showErrorMessage(err instanceof Error ? err.message : String(err));
    return;
  }
  const chosen = new Set(readLanguageModelChoice());
  const everything = chosen.size === 0;
  const items = ids.map((id) => ({ label: id, picked: everything || chosen.has(id) }));
  const selection = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: vscode.l10n.t('Models shown in VS Code Chat'),
    placeHolder: vscode.l10n.t('Models checked here appear in the chat model picker (all checked = every model of your account)'),
  });
  if (!selection) return;
  const models = selection.length === ids.length ? [] : selection.map((s) => s.label);
  await writeLanguageModelChoice(models);
  provider.refresh();
}
