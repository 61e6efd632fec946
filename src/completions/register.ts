// Wires inline completions: the provider for every language, its status bar item (on / off /
// snoozed / paused by the breaker, spinning while a request is in flight), the menu behind it and
// the commands for the same actions. Owns everything it creates through context.subscriptions.
import * as vscode from 'vscode';
import type { SiliconFlowService } from '../service/gateway';
import type { ApiKeyStore } from '../service/secrets';
import { DEFAULT_FIM_MODEL } from '../service/completionSettings';
import { COMPLETIONS_SECTION as SECTION, readCompletionSettings, writeCompletionSetting } from '../service/config';
import { languageEnabled } from './settingsRules';
import { SiliconFlowInlineCompletionProvider } from './provider';
import { CompletionTrigger, type BreakerState } from './trigger';

export interface CompletionsDeps {
  service: SiliconFlowService;
  keys: ApiKeyStore;
  log: vscode.LogOutputChannel;
}

const SNOOZE_KEY = 'siliconflow.inlineCompletions.snoozedUntil';
const SNOOZE_MINUTES = [5, 15, 60];
const RECENT_LIMIT = 20;

/** FIM models from SiliconFlow's guide (docs/fim.md); any other id may be typed in. */
export const DOCUMENTED_FIM_MODELS = [
  'Qwen/Qwen2.5-Coder-7B-Instruct',
  'Qwen/Qwen2.5-Coder-32B-Instruct',
  'deepseek-ai/DeepSeek-V3',
  'Pro/deepseek-ai/DeepSeek-V3',
  'deepseek-ai/DeepSeek-V2.5',
];

export const COMMANDS = {
  menu: 'siliconflow.inlineCompletions.menu',
  toggle: 'siliconflow.inlineCompletions.toggle',
  snooze: 'siliconflow.inlineCompletions.snooze',
  selectModel: 'siliconflow.inlineCompletions.selectModel',
  toggleLanguage: 'siliconflow.inlineCompletions.toggleLanguage',
} as const;

export function registerInlineCompletions(context: vscode.ExtensionContext, deps: CompletionsDeps): void {
  const { log } = deps;
  const own = <T extends vscode.Disposable>(d: T): T => {
    context.subscriptions.push(d);
    return d;
  };
  const item = own(vscode.window.createStatusBarItem('siliconflow.inlineCompletions', vscode.StatusBarAlignment.Right, 99));
  item.name = vscode.l10n.t('SiliconFlow Inline Completions');
  item.command = COMMANDS.menu;
  let busy = false;
  let snoozeTimer: ReturnType<typeof setTimeout> | undefined;
  own({ dispose: () => clearTimeout(snoozeTimer) });

  const snoozedUntil = (): number => context.globalState.get<number>(SNOOZE_KEY, 0);
  const isSnoozed = (): boolean => snoozedUntil() > Date.now();

  const trigger = new CompletionTrigger({
    debounceMs: readCompletionSettings().debounceMs,
    onBusyChange: (b) => {
      busy = b;
      update();
    },
    onBreakerChange: (state) => {
      update();
      announce(state);
    },
  });
  own({ dispose: () => trigger.cancel() });

  const recent: vscode.TextDocument[] = [];
  own(
    vscode.workspace.onDidChangeTextDocument((e) => {
      const at = recent.indexOf(e.document);
      if (at === 0) return;
      if (at > 0) recent.splice(at, 1);
      recent.unshift(e.document);
      if (recent.length > RECENT_LIMIT) recent.length = RECENT_LIMIT;
    }),
  );
  own(
    vscode.workspace.onDidCloseTextDocument((d) => {
      const at = recent.indexOf(d);
      if (at >= 0) recent.splice(at, 1);
    }),
  );
  const recentDocuments = (): vscode.TextDocument[] => [...recent, ...vscode.workspace.textDocuments.filter((d) => !recent.includes(d))];

  const provider = new SiliconFlowInlineCompletionProvider({ service: deps.service, trigger, isSnoozed, recentDocuments });
  own(vscode.languages.registerInlineCompletionItemProvider({ pattern: '**' }, provider));

  function update(): void {
    const s = readCompletionSettings();
    const language = vscode.window.activeTextEditor?.document.languageId;
    const state = trigger.state;
    const lines = [vscode.l10n.t('SiliconFlow inline completions with {0}', s.model)];
    let icon: string;
    if (!s.enabled) {
      icon = '$(circle-slash)';
      lines.push(vscode.l10n.t('Off.'));
    } else if (isSnoozed()) {
      icon = '$(clock)';
      lines.push(vscode.l10n.t('Snoozed until {0}.', new Date(snoozedUntil()).toLocaleTimeString()));
    } else if (state.open) {
      icon = '$(warning)';
      lines.push(breakerText(state));
    } else if (language && !languageEnabled(s, language)) {
      icon = '$(circle-slash)';
      lines.push(vscode.l10n.t('Off for {0}.', language));
    } else {
      icon = busy ? '$(loading~spin)' : '$(sparkle)';
      lines.push(busy ? vscode.l10n.t('Completing…') : vscode.l10n.t('On.'));
    }
    lines.push(vscode.l10n.t('Click for options.'));
    item.text = `${icon} ${vscode.l10n.t('Completions')}`;
    item.tooltip = lines.join('\n');
    item.accessibilityInformation = { label: lines.join(' ') };
    item.backgroundColor = state.open && s.enabled && !isSnoozed() ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  function breakerText(state: Extract<BreakerState, { open: true }>): string {
    switch (state.reason) {
      case 'refused':
        return vscode.l10n.t('Paused: the model {0} does not do fill-in-the-middle completion. Pick another completion model.', readCompletionSettings().model);
      case 'auth':
        return vscode.l10n.t('Paused: the API key was refused. Set the key again.');
      case 'rate_limit':
        return vscode.l10n.t('Paused for a moment: SiliconFlow\'s rate limit was reached.');
      default:
        return vscode.l10n.t('Paused for a moment after repeated failures: {0}', state.message);
    }
  }

  /** Said once per opening of the breaker (the status bar keeps showing it). */
  function announce(state: BreakerState): void {
    if (!state.open) {
      log.info('inline completions: resumed');
      return;
    }
    log.warn(`inline completions paused (${state.reason}): ${state.message}`);
    if (state.reason === 'refused') {
      const pick = vscode.l10n.t('Pick Completion Model');
      void vscode.window.showWarningMessage(breakerText(state), pick).then((c) => c === pick && vscode.commands.executeCommand(COMMANDS.selectModel));
    } else if (state.reason === 'auth') {
      const set = vscode.l10n.t('Set API Key');
      void vscode.window.showWarningMessage(breakerText(state), set).then((c) => c === set && vscode.commands.executeCommand('siliconflow.setApiKey'));
    }
  }

  const scheduleSnoozeEnd = (): void => {
    clearTimeout(snoozeTimer);
    const left = snoozedUntil() - Date.now();
    if (left > 0) snoozeTimer = setTimeout(update, left + 50);
  };

  own(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('siliconflow.baseUrl') || e.affectsConfiguration(`${SECTION}.model`)) {
        provider.resetRoutes();
        trigger.reset();
      }
      if (e.affectsConfiguration(`${SECTION}.debounceMs`)) trigger.setDebounce(readCompletionSettings().debounceMs);
      if (e.affectsConfiguration('siliconflow')) update();
    }),
  );
  own(deps.keys.onDidChange(() => trigger.reset()));
  own(vscode.window.onDidChangeActiveTextEditor(() => update()));

  const toggle = async (): Promise<void> => {
    const on = !readCompletionSettings().enabled;
    await writeCompletionSetting('enabled', on);
    if (on) await context.globalState.update(SNOOZE_KEY, undefined);
    trigger.reset();
    update();
  };

  const snooze = async (): Promise<void> => {
    if (isSnoozed()) {
      await context.globalState.update(SNOOZE_KEY, undefined);
      update();
      return;
    }
    const picks = SNOOZE_MINUTES.map((m) => ({ label: vscode.l10n.t('{0} minutes', m), minutes: m }));
    const choice = await vscode.window.showQuickPick(picks, { placeHolder: vscode.l10n.t('Snooze inline completions for…') });
    if (!choice) return;
    await context.globalState.update(SNOOZE_KEY, Date.now() + choice.minutes * 60_000);
    trigger.cancel();
    scheduleSnoozeEnd();
    update();
  };

  const selectModel = async (): Promise<void> => {
    const current = readCompletionSettings().model;
    const other = vscode.l10n.t('Other model id…');
    const items: vscode.QuickPickItem[] = DOCUMENTED_FIM_MODELS.map((id) => ({
      label: id,
      description: [id === DEFAULT_FIM_MODEL ? vscode.l10n.t('recommended, free') : '', id === current ? vscode.l10n.t('current') : ''].filter(Boolean).join(' · '),
    }));
    if (!DOCUMENTED_FIM_MODELS.includes(current)) items.unshift({ label: current, description: vscode.l10n.t('current') });
    items.push({ label: other, alwaysShow: true });
    const choice = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Model for inline completions (fill-in-the-middle)') });
    if (!choice) return;
    let model = choice.label;
    if (model === other) {
      const typed = await vscode.window.showInputBox({ prompt: vscode.l10n.t('SiliconFlow model id for inline completions'), value: current });
      if (!typed?.trim()) return;
      model = typed.trim();
    }
    await writeCompletionSetting('model', model);
  };

  const toggleLanguage = async (): Promise<void> => {
    const language = vscode.window.activeTextEditor?.document.languageId;
    if (!language) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a file first: completions are switched per language.'));
      return;
    }
    const s = readCompletionSettings();
    await writeCompletionSetting('languages', { ...s.languages, [language]: !languageEnabled(s, language) });
    update();
  };

  const menu = async (): Promise<void> => {
    const s = readCompletionSettings();
    const language = vscode.window.activeTextEditor?.document.languageId;
    type Entry = vscode.QuickPickItem & { run: () => Promise<unknown> };
    const entries: Entry[] = [
      { label: s.enabled ? vscode.l10n.t('$(circle-slash) Turn Inline Completions Off') : vscode.l10n.t('$(sparkle) Turn Inline Completions On'), run: toggle },
    ];
    if (s.enabled) entries.push({ label: isSnoozed() ? vscode.l10n.t('$(play) Resume Now') : vscode.l10n.t('$(clock) Snooze…'), run: snooze });
    entries.push({ label: vscode.l10n.t('$(symbol-method) Pick Completion Model…'), description: s.model, run: selectModel });
    if (language) {
      const on = languageEnabled(s, language);
      entries.push({ label: on ? vscode.l10n.t('$(eye-closed) Turn Off for {0}', language) : vscode.l10n.t('$(eye) Turn On for {0}', language), run: toggleLanguage });
    }
    if (trigger.state.open) entries.push({ label: vscode.l10n.t('$(debug-restart) Try Again Now'), run: async () => { trigger.reset(); update(); } });
    entries.push({ label: vscode.l10n.t('$(output) Show Log'), run: async () => log.show(true) });
    const choice = await vscode.window.showQuickPick(entries, { placeHolder: vscode.l10n.t('SiliconFlow inline completions') });
    await choice?.run();
  };

  own(vscode.commands.registerCommand(COMMANDS.menu, menu));
  own(vscode.commands.registerCommand(COMMANDS.toggle, toggle));
  own(vscode.commands.registerCommand(COMMANDS.snooze, snooze));
  own(vscode.commands.registerCommand(COMMANDS.selectModel, selectModel));
  own(vscode.commands.registerCommand(COMMANDS.toggleLanguage, toggleLanguage));

  scheduleSnoozeEnd();
  update();
  item.show();
}
