// "SiliconFlow: Select Model": a quick pick of the models from GET /models (cached, with a refresh
// button), thinking-capable ones marked, the current one marked, and a built-in list when there is
// no key or no network. Typing filters, best match first (modelMatch.ts), so Enter takes the best
// matching model; a typed id is offered only when no model matches, and one the list does not
// have is confirmed before it is used. Writes siliconflow.model.
import * as vscode from 'vscode';
import { contextWindowFor, SiliconFlowError, supportsThinking } from '../client';
import { writeModel } from '../service/config';
import type { SiliconFlowService } from '../service/gateway';
import { BUILT_IN_MODELS } from './builtinModels';
import { modelRows } from './modelMatch';
import { MODEL_CACHE_STALE_MS, type ModelCache } from './modelCache';
import { alwaysReasons, windowFor } from '../service/params';

interface ModelItem extends vscode.QuickPickItem {
  modelId: string;
}

type Source =
  | { kind: 'account'; fetchedAt: number }
  | { kind: 'builtIn'; why: 'noKey' | 'failed' | 'loading'; detail?: string };

export async function selectModel(service: SiliconFlowService, cache: ModelCache): Promise<string | undefined> {
  const settings = service.settings();
  const current = settings.model;
  const baseUrl = settings.baseUrl;
  const qp = vscode.window.createQuickPick<ModelItem>();
  const refresh: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('refresh'), tooltip: vscode.l10n.t('Refresh the model list') };
  qp.title = vscode.l10n.t('SiliconFlow: Select Model');
  qp.buttons = [refresh];
  // Which rows show is decided here (modelRows); every row is `alwaysShow`, the quick pick only
  // orders and highlights them. Its own filter kept the typed "use this id" row, whose label equals
  // the filter, and sorted it first: Enter then stored "R1" as the model.
  qp.matchOnDescription = false;
  qp.ignoreFocusOut = false;

  let models: string[] = [];
  let source: Source;
  const cached = cache.get(baseUrl);
  if (cached && cached.models.length) {
    models = cached.models;
    source = { kind: 'account', fetchedAt: cached.fetchedAt };
  } else {
    models = [...BUILT_IN_MODELS];
    source = { kind: 'builtIn', why: 'loading' };
  }

  /** `keepActive`: after a reload, stay on the highlighted model; while typing, let the filter choose. */
  const render = (keepActive: boolean): void => {
    const typed = qp.value.trim();
    const listed = models.includes(current) ? models : [current, ...models];
    const rows = modelRows(listed, typed);
    const items: ModelItem[] = rows.models.map((id) => ({ ...itemFor(id, id === current, settings.contextWindows), alwaysShow: true }));
    if (rows.typedId !== undefined) {
      items.push({ modelId: rows.typedId, label: rows.typedId, description: vscode.l10n.t('$(edit) use this model id'), alwaysShow: true });
    }
    const active = qp.activeItems[0]?.modelId ?? current;
    qp.items = items;
    if (keepActive) {
      const keep = items.find((i) => i.modelId === active);
      if (keep) qp.activeItems = [keep];
    }
    qp.placeholder = placeholderFor(source, models.length);
  };

  let loading: AbortController | undefined;
  const load = async (): Promise<void> => {
    loading?.abort();
    const abort = new AbortController();
    loading = abort;
    qp.busy = true;
    try {
      const fetched = await service.listModels(abort.signal);
      if (abort.signal.aborted) return;
      models = fetched.length ? fetched : [...BUILT_IN_MODELS];
      source = fetched.length ? { kind: 'account', fetchedAt: Date.now() } : { kind: 'builtIn', why: 'failed', detail: vscode.l10n.t('the list was empty') };
      if (fetched.length) await cache.save(baseUrl, fetched);
    } catch (err) {
      if (abort.signal.aborted) return;
      // 'auth' without a status: no key at all (a refused key has status 401).
      const noKey = err instanceof SiliconFlowError && err.kind === 'auth' && err.status === undefined;
      if (source.kind !== 'account') {
        source = { kind: 'builtIn', why: noKey ? 'noKey' : 'failed', detail: err instanceof SiliconFlowError ? err.kind : undefined };
      } else if (!noKey) {
        // Keep the cached list, but say the refresh failed.
        void vscode.window.setStatusBarMessage(vscode.l10n.t('SiliconFlow: could not refresh the model list ({0}).', err instanceof SiliconFlowError ? err.kind : 'error'), 5000);
      }
    } finally {
      if (loading === abort) {
        qp.busy = false;
        loading = undefined;
      }
    }
    render(!qp.value);
  };

  render(true);
  const stale = source.kind !== 'account' || Date.now() - source.fetchedAt > MODEL_CACHE_STALE_MS;
  if (stale) void load();

  const picked = await new Promise<string | undefined>((resolve) => {
    const subs: vscode.Disposable[] = [
      qp.onDidChangeValue(() => render(false)),
      qp.onDidTriggerButton((b) => {
        if (b === refresh) void load();
      }),
      qp.onDidAccept(() => {
        // Never the raw filter text: the highlighted row (the best match), else nothing.
        resolve((qp.selectedItems[0] ?? qp.activeItems[0])?.modelId);
        qp.hide();
      }),
      qp.onDidHide(() => {
        resolve(undefined);
        loading?.abort();
        subs.forEach((s) => s.dispose());
        qp.dispose();
      }),
    ];
    qp.show();
  });
  if (!picked || picked === current) return picked;
  if (!models.includes(picked) && !(await confirmUnlisted(picked, source, models.length))) return undefined;
  await writeModel(picked);
  return picked;
}

/** Asks before using an id the list does not have: a typo there makes every request fail. */
async function confirmUnlisted(id: string, source: Source, count: number): Promise<boolean> {
  const use = vscode.l10n.t('Use This Model');
  const message =
    source.kind === 'account'
      ? vscode.l10n.t('"{0}" is not among the {1} models your API key can use, so requests with it will probably fail. Use it anyway?', id, count)
      : vscode.l10n.t('"{0}" is not in the built-in list, and the models of your account could not be loaded to check it. Use it anyway?', id);
  return (await vscode.window.showWarningMessage(message, { modal: true }, use)) === use;
}

function itemFor(id: string, isCurrent: boolean, overrides: Readonly<Record<string, number>>): ModelItem {
  const notes: string[] = [];
  if (isCurrent) notes.push(vscode.l10n.t('$(check) current'));
  if (supportsThinking(id)) notes.push(vscode.l10n.t('$(lightbulb) thinking'));
  else if (alwaysReasons(id)) notes.push(vscode.l10n.t('$(lightbulb) always thinks'));
  if (contextWindowFor(id, overrides) !== undefined) notes.push(vscode.l10n.t('{0}K context', Math.round(windowFor(id, overrides) / 1024)));
  return { modelId: id, label: id, description: notes.join('  ·  ') || undefined };
}

function placeholderFor(source: Source, count: number): string {
  if (source.kind === 'account') {
    return vscode.l10n.t('{0} models available to your key (list from {1}). Type to filter, or type any model id.', count, ageOf(source.fetchedAt));
  }
  switch (source.why) {
    case 'loading':
      return vscode.l10n.t('Loading your models… Meanwhile, a built-in list. Type to filter, or type any model id.');
    case 'noKey':
      return vscode.l10n.t('Built-in list: set an API key to see the models of your account. Type any model id to use it.');
    case 'failed':
      return vscode.l10n.t('Built-in list: the model list could not be loaded ({0}). Type any model id to use it.', source.detail ?? 'error');
  }
}

function ageOf(fetchedAt: number): string {
  const minutes = Math.floor((Date.now() - fetchedAt) / 60_000);
  if (minutes < 1) return vscode.l10n.t('just now');
  if (minutes < 60) return vscode.l10n.t('{0} min ago', minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return vscode.l10n.t('{0} h ago', hours);
  return vscode.l10n.t('{0} days ago', Math.floor(hours / 24));
}
