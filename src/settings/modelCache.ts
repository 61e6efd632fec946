// The model list from GET /models, kept in globalState per base URL with the time it was fetched,
// so Select Model opens instantly and says how old its list is.
import type * as vscode from 'vscode';

const STATE_KEY = 'siliconflow.modelCache';
/** Older than this, Select Model refreshes the list in the background when it opens. */
export const MODEL_CACHE_STALE_MS = 60 * 60 * 1000;

export interface CachedModels {
  models: string[];
  fetchedAt: number;
}

export class ModelCache {
  constructor(private readonly state: vscode.Memento) {}

  get(baseUrl: string): CachedModels | undefined {
    const all = this.state.get<Record<string, CachedModels>>(STATE_KEY) ?? {};
    const entry = all[baseUrl];
    return entry && Array.isArray(entry.models) && typeof entry.fetchedAt === 'number' ? entry : undefined;
  }

  async save(baseUrl: string, models: string[], now = Date.now()): Promise<void> {
    const all = this.state.get<Record<string, CachedModels>>(STATE_KEY) ?? {};
    await this.state.update(STATE_KEY, { ...all, [baseUrl]: { models, fetchedAt: now } });
  }
}
