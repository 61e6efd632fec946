// The siliconflow.inlineCompletions.* settings, read on every request so a change applies at the
// next keystroke; unusable values fall back to their defaults.
import * as vscode from 'vscode';
import { completionSettingsFrom, type CompletionSettings } from './settingsRules';

export { DEFAULT_FIM_MODEL, languageEnabled, type CompletionSettings } from './settingsRules';

export const SECTION = 'siliconflow.inlineCompletions';

export function readCompletionSettings(): CompletionSettings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const raw: Record<string, unknown> = {};
  for (const key of ['enabled', 'model', 'debounceMs', 'maxTokens', 'lines', 'languages']) raw[key] = c.get<unknown>(key);
  return completionSettingsFrom(raw);
}

export async function writeCompletionSetting(key: 'enabled' | 'model' | 'languages', value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update(key, value, vscode.ConfigurationTarget.Global);
}
