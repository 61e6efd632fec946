// The one door to the siliconflow.* settings: every feature reads (and the few commands that
// change a setting write) them through this file, the inline completion settings included;
// nothing outside src/service/ calls getConfiguration for a siliconflow section
// (test/unit/layers.test.ts checks it). Reads happen on every call, so a change takes effect on
// the next request without a reload. Validation is the pure
// validateSettings(); this file adds the vscode side: reading values, warning once per distinct
// problem, and VS Code's proxy settings.
import * as vscode from 'vscode';
import { completionSettingsFrom, type CompletionSettings } from './completionSettings';
import type { ProxySettings } from './proxy';
import { validateSettings, type RawSettings, type SettingProblem, type Settings } from './validate';

export type { Settings, SettingProblem } from './validate';

const KEYS = [
  'baseUrl', 'apiProtocol', 'model', 'commandModel', 'enableThinking', 'thinkingBudget', 'temperature', 'topP',
  'maxTokens', 'systemPrompt', 'requestTimeoutSeconds', 'maxRetries', 'contextWindows', 'modelPrices', 'attachmentMaxChars', 'logPrompts',
] as const;

export function readRawSettings(): RawSettings {
  const c = vscode.workspace.getConfiguration('siliconflow');
  const raw: RawSettings = {};
  for (const key of KEYS) raw[key] = c.get<unknown>(key);
  return raw;
}

/** Problems already shown, so each distinct one is announced once (again only after it was fixed). */
const shown = new Set<string>();

/** The current settings; an unusable value is replaced by its default and announced once. */
export function readSettings(): Settings {
  const { settings, problems } = validateSettings(readRawSettings(), vscode.l10n);
  announce(problems);
  return settings;
}

function announce(problems: readonly SettingProblem[]): void {
  const current = new Set(problems.map((p) => p.message));
  for (const old of [...shown]) if (!current.has(old)) shown.delete(old);
  for (const problem of problems) {
    if (shown.has(problem.message)) continue;
    shown.add(problem.message);
    const open = vscode.l10n.t('Open Settings');
    void vscode.window.showWarningMessage(problem.message, open).then((choice) => {
      if (choice === open) void vscode.commands.executeCommand('workbench.action.openSettings', problem.setting);
    });
  }
}

/** VS Code's proxy settings plus the environment, for chooseProxy(). */
export function readProxySettings(): ProxySettings {
  const http = vscode.workspace.getConfiguration('http');
  const noProxy = http.get<unknown>('noProxy');
  return {
    httpProxy: http.get<string>('proxy') || undefined,
    strictSSL: http.get<boolean>('proxyStrictSSL') ?? true,
    noProxy: Array.isArray(noProxy) ? noProxy.filter((v): v is string => typeof v === 'string') : [],
    env: process.env,
    vscodeProxySupport: http.get<string>('proxySupport') ?? 'override',
    vscodeFetchSupport: http.get<boolean>('fetchAdditionalSupport') ?? true,
  };
}

/** `siliconflow.languageModels`: the model ids offered to VS Code's chat; empty means every chat model of the account. */
export function readLanguageModelChoice(): string[] {
  const value = vscode.workspace.getConfiguration('siliconflow').get<unknown>('languageModels');
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim()) : [];
}

/** Sets siliconflow.model where it takes effect: the workspace (folder) when it already overrides the model, else the user settings. */
export async function writeModel(model: string): Promise<void> {
  const config = vscode.workspace.getConfiguration('siliconflow');
  const inspected = config.inspect<string>('model');
  const target =
    inspected?.workspaceFolderValue !== undefined
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : inspected?.workspaceValue !== undefined
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
  await config.update('model', model, target);
}

/** Sets siliconflow.baseUrl in the user settings (the switch to the other site after a 401). */
export async function writeBaseUrl(baseUrl: string): Promise<void> {
  await vscode.workspace.getConfiguration('siliconflow').update('baseUrl', baseUrl, vscode.ConfigurationTarget.Global);
}

/** siliconflow.commitMessageLanguage: the language of generated commit messages; 'repository' (follow the recent subjects) for anything else. */
export function readCommitMessageLanguage(): 'repository' | 'english' | 'chinese' {
  const value = vscode.workspace.getConfiguration('siliconflow').get<unknown>('commitMessageLanguage');
  return value === 'english' || value === 'chinese' ? value : 'repository';
}

/** Saves the choice of `readLanguageModelChoice` in the user settings. */
export async function writeLanguageModelChoice(models: readonly string[]): Promise<void> {
  await vscode.workspace.getConfiguration('siliconflow').update('languageModels', [...models], vscode.ConfigurationTarget.Global);
}

/** The section of the inline completion settings (its schema: completionSettings.ts). */
export const COMPLETIONS_SECTION = 'siliconflow.inlineCompletions';

/** The siliconflow.inlineCompletions.* settings, validated (an unusable value is its default). */
export function readCompletionSettings(): CompletionSettings {
  const c = vscode.workspace.getConfiguration(COMPLETIONS_SECTION);
  const raw: Record<string, unknown> = {};
  for (const key of ['enabled', 'model', 'debounceMs', 'maxTokens', 'lines', 'languages']) raw[key] = c.get<unknown>(key);
  return completionSettingsFrom(raw);
}

/** Sets one siliconflow.inlineCompletions.* setting in the user settings. */
export async function writeCompletionSetting(key: 'enabled' | 'model' | 'languages', value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(COMPLETIONS_SECTION).update(key, value, vscode.ConfigurationTarget.Global);
}
