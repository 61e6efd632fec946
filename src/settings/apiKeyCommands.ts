// "Set API Key" (password box, checked with one GET /models, clear result), "Clear API Key", the
// `siliconflow.hasApiKey` context key, and the offer to enter the key again after a 401.
import * as vscode from 'vscode';
import { hostOf, INTERNATIONAL_BASE_URL, MAINLAND_BASE_URL, SiliconFlowError } from '../client';
import { writeBaseUrl } from '../service/config';
import { API_KEY_ENV, type ApiKeyStore } from '../service/secrets';
import type { SiliconFlowService } from '../service/gateway';
import type { ModelCache } from './modelCache';

const CN = MAINLAND_BASE_URL;
const COM = INTERNATIONAL_BASE_URL;

export interface ApiKeyDeps {
  service: SiliconFlowService;
  keys: ApiKeyStore;
  cache: ModelCache;
}

type CheckResult =
  | { kind: 'valid'; models: string[] }
  | { kind: 'invalid'; error: SiliconFlowError }
  | { kind: 'unchecked'; reason: string };

export async function syncHasApiKey(keys: ApiKeyStore): Promise<void> {
  await vscode.commands.executeCommand('setContext', 'siliconflow.hasApiKey', !!(await keys.get()));
}

export function registerApiKeyCommands(context: vscode.ExtensionContext, deps: ApiKeyDeps): void {
  let offeringAfter401 = false;
  context.subscriptions.push(
    deps.keys.onDidChange(() => void syncHasApiKey(deps.keys)),
    vscode.commands.registerCommand('siliconflow.setApiKey', () => setApiKey(deps)),
    vscode.commands.registerCommand('siliconflow.clearApiKey', () => clearApiKey(deps)),
    // One offer at a time: a 401 is not retried, but several views may fail at once.
    deps.service.onDidFailAuth(async () => {
      if (offeringAfter401) return;
      offeringAfter401 = true;
      try {
        const setKey = vscode.l10n.t('Set API Key');
        const choice = await vscode.window.showErrorMessage(
          vscode.l10n.t('SiliconFlow rejected the API key (401). A key from siliconflow.cn only works with api.siliconflow.cn and a key from siliconflow.com only with api.siliconflow.com. Enter the key again?'),
          setKey,
        );
        if (choice === setKey) await setApiKey(deps);
      } finally {
        offeringAfter401 = false;
      }
    }),
  );
  void syncHasApiKey(deps.keys);
}

async function setApiKey(deps: ApiKeyDeps): Promise<boolean> {
  const key = (
    await vscode.window.showInputBox({
      title: vscode.l10n.t('SiliconFlow: Set API Key'),
      prompt: vscode.l10n.t("Paste your SiliconFlow API key. It is kept in VS Code's secret storage, never in settings."),
      placeHolder: 'sk-…',
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('The key cannot be empty.')),
    })
  )?.trim();
  if (!key) return false;

  const result = await checkKey(deps, key);
  const baseUrl = deps.service.settings().baseUrl;
  if (result.kind === 'valid') {
    await store(deps, key);
    await deps.cache.save(baseUrl, result.models);
    void vscode.window.showInformationMessage(
      vscode.l10n.t("The API key works: {0} models are available at {1}. It is stored in VS Code's secret storage.", result.models.length, hostOf(baseUrl)),
    );
    return true;
  }
  if (result.kind === 'invalid') return offerAfterInvalid(deps, result.error, baseUrl);

  const storeAnyway = vscode.l10n.t('Store Anyway');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Could not check the key: {0} Store it anyway?', result.reason),
    { modal: false },
    storeAnyway,
  );
  if (choice !== storeAnyway) return false;
  await store(deps, key);
  void vscode.window.showInformationMessage(vscode.l10n.t('The API key is stored. It will be checked by the first request.'));
  return true;
}

async function checkKey(deps: ApiKeyDeps, key: string): Promise<CheckResult> {
  const baseUrl = deps.service.settings().baseUrl;
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the API key with {0}…', hostOf(baseUrl)), cancellable: true },
    async (_progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      try {
        return { kind: 'valid', models: await deps.service.listModelsWith(key, abort.signal) };
      } catch (err) {
        if (err instanceof SiliconFlowError && err.kind === 'auth') return { kind: 'invalid', error: err };
        if (err instanceof SiliconFlowError && err.kind === 'cancelled') return { kind: 'unchecked', reason: vscode.l10n.t('the check was cancelled.') };
        return { kind: 'unchecked', reason: err instanceof Error ? err.message : String(err) };
      } finally {
        sub.dispose();
      }
    },
  );
}

/** A wrong key, or a key from the other site: offer to type it again or to switch sites. */
async function offerAfterInvalid(deps: ApiKeyDeps, error: SiliconFlowError, baseUrl: string): Promise<boolean> {
  const other = baseUrl === CN ? COM : baseUrl === COM ? CN : undefined;
  const again = vscode.l10n.t('Enter Again');
  const buttons = [again];
  const switchLabel = other ? vscode.l10n.t('Use {0}', hostOf(other)) : undefined;
  if (switchLabel) buttons.push(switchLabel);
  const hint = other
    ? vscode.l10n.t('A key from {0} does not work on {1}: if your key is from {2}, switch the base URL.', otherSite(baseUrl), hostOf(baseUrl), otherSite(baseUrl))
    : '';
  const choice = await vscode.window.showErrorMessage(
    `${vscode.l10n.t('The API key was rejected by {0} (401) and was not stored.', hostOf(baseUrl))} ${hint}`.trim(),
    { detail: error.traceId ? vscode.l10n.t('(trace id: {0})', error.traceId) : undefined },
    ...buttons,
  );
  if (choice === again) return setApiKey(deps);
  if (choice === switchLabel && other) {
    await writeBaseUrl(other);
    return setApiKey(deps);
  }
  return false;
}

async function store(deps: ApiKeyDeps, key: string): Promise<void> {
  await deps.keys.set(key);
  await syncHasApiKey(deps.keys);
}

async function clearApiKey(deps: ApiKeyDeps): Promise<void> {
  await deps.keys.clear();
  await syncHasApiKey(deps.keys);
  if (await deps.keys.get()) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('The stored API key was removed. The key from the {0} environment variable is still used.', API_KEY_ENV),
    );
  } else {
    void vscode.window.showInformationMessage(vscode.l10n.t('The stored API key was removed.'));
  }
}

function otherSite(baseUrl: string): string {
  return baseUrl === CN ? 'siliconflow.com' : 'siliconflow.cn';
}
