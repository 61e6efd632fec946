// The status bar item: the chat model's short name and the account balance, a spinner while an
// answer streams; the tooltip has the full id, protocol, the balance's parts and today's estimated
// cost. A click opens Select Model. The balance is read when the item is first shown, after
// answers (at most once a minute) and by "SiliconFlow: Refresh Account Balance"; any failure
// hides it and says why in the SiliconFlow log only (docs/cost-and-balance.md).
import * as vscode from 'vscode';
import type { UserInfo } from '../client';
import { formatYuan } from '../protocol';
import { CostLedger, type DayTotal } from '../service/costLedger';
import type { SiliconFlowService } from '../service/gateway';
import { isMainlandService } from '../service/pricing';
import type { ApiKeyStore } from '../service/secrets';

/** `Pro/deepseek-ai/DeepSeek-V3.2` → `DeepSeek-V3.2`. */
export function shortModelName(model: string): string {
  return model.split('/').filter(Boolean).pop() ?? model;
}

/** The least time between two balance reads after answers (the command reads at once). */
export const BALANCE_MIN_INTERVAL_MS = 60_000;

/**
 * When to read the balance after an answer: at once when the last read is a minute old, else
 * once when that minute is over (several answers in the minute make one read).
 * Returns the delay in ms.
 */
export function balanceDelay(now: number, lastReadAt: number | undefined, minIntervalMs = BALANCE_MIN_INTERVAL_MS): number {
  return lastReadAt === undefined ? 0 : Math.max(0, lastReadAt + minIntervalMs - now);
}

/**
 * An account amount, always with two decimals (money on an account, not a per-request estimate),
 * with ¥ on the mainland service; elsewhere the currency is not documented, so no unit.
 */
export function formatBalance(amount: number, baseUrl: string): string {
  return `${isMainlandService(baseUrl) ? '¥' : ''}${amount.toFixed(2)}`;
}

export function registerStatusBar(context: vscode.ExtensionContext, service: SiliconFlowService, keys: ApiKeyStore, log: vscode.LogOutputChannel): void {
  const item = vscode.window.createStatusBarItem('siliconflow.model', vscode.StatusBarAlignment.Right, 100);
  item.name = vscode.l10n.t('SiliconFlow Model');
  item.command = 'siliconflow.selectModel';
  const ledger = new CostLedger(context.globalState);
  let hasKey = true;
  /** The last balance read, for the base URL it was read from; undefined when unknown or failed. */
  let balance: { info: UserInfo; baseUrl: string } | undefined;
  let lastReadAt: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let reading: AbortController | undefined;

  const todayLine = (today: DayTotal): string => {
    if (today.requests === 0) return vscode.l10n.t('Today: nothing spent yet');
    const known = formatYuan(today.yuan);
    return today.unknown > 0
      ? vscode.l10n.t('Today: {0} estimated over {1} requests ({2} of unknown price not included)', known, today.requests, today.unknown)
      : vscode.l10n.t('Today: {0} estimated over {1} requests', known, today.requests);
  };

  const update = (): void => {
    const s = service.settings();
    const busy = service.busyCount > 0;
    const icon = busy ? '$(loading~spin)' : hasKey ? '$(sparkle)' : '$(key)';
    const shown = balance && balance.baseUrl === s.baseUrl ? balance.info : undefined;
    item.text = shown ? `${icon} ${shortModelName(s.model)} · ${formatBalance(shown.totalBalance, s.baseUrl)}` : `${icon} ${shortModelName(s.model)}`;
    const endpoint = s.protocol === 'anthropic' ? '/messages' : '/chat/completions';
    const lines = [
      vscode.l10n.t('SiliconFlow model: {0}', s.model),
      vscode.l10n.t('Protocol: {0} ({1})', s.protocol, endpoint),
      vscode.l10n.t('Base URL: {0}', s.baseUrl),
    ];
    if (s.commandModel !== s.model) lines.push(vscode.l10n.t('Editor commands use: {0}', s.commandModel));
    if (shown) {
      const money = (n: number): string => formatBalance(n, s.baseUrl);
      lines.push(vscode.l10n.t('Balance: {0} (paid {1}, granted {2})', money(shown.totalBalance), money(shown.chargeBalance), money(shown.balance)));
    }
    lines.push(todayLine(ledger.today()));
    if (busy) lines.push(vscode.l10n.t('Answering…'));
    if (!hasKey) lines.push(vscode.l10n.t('No API key is set: run "SiliconFlow: Set API Key".'));
    lines.push(vscode.l10n.t('Click to choose another model.'));
    item.tooltip = lines.join('\n');
    item.accessibilityInformation = { label: lines.join('. ') };
  };

  /** Reads the balance now; a failure hides it (the service has logged why). */
  const readBalance = async (): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    reading?.abort();
    const abort = new AbortController();
    reading = abort;
    lastReadAt = Date.now();
    const baseUrl = service.settings().baseUrl;
    if (!(await keys.get())) {
      balance = undefined;
      return update();
    }
    try {
      const info = await service.userInfo(abort.signal);
      if (reading === abort) balance = { info, baseUrl };
    } catch (err) {
      if (reading !== abort) return;
      balance = undefined;
      log.info(`balance hidden: ${err instanceof Error ? err.message : String(err)}`);
    }
    update();
  };

  const readSoon = (): void => {
    if (timer !== undefined) return; // one read is already planned for the end of the minute
    timer = setTimeout(() => {
      timer = undefined;
      void readBalance();
    }, balanceDelay(Date.now(), lastReadAt));
  };

  const refreshKey = async (): Promise<void> => {
    const had = hasKey;
    hasKey = !!(await keys.get());
    update();
    if (hasKey !== had || balance === undefined) void readBalance();
  };

  context.subscriptions.push(
    item,
    service.onDidChangeBusy(update),
    service.onDidUse((report) => {
      void ledger.add(report.cost).then(update, (err: unknown) => log.warn(`today's cost could not be saved: ${String(err)}`));
      readSoon();
    }),
    keys.onDidChange(() => void refreshKey()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('siliconflow.baseUrl')) void readBalance();
      else if (e.affectsConfiguration('siliconflow')) update();
    }),
    vscode.commands.registerCommand('siliconflow.refreshBalance', () => readBalance()),
    { dispose: () => {
      if (timer !== undefined) clearTimeout(timer);
      reading?.abort();
    } },
  );
  update();
  item.show();
  // First shown: read the key, then the balance.
  hasKey = false;
  void refreshKey();
}
