// The API key: VS Code's SecretStorage first, then the SILICONFLOW_API_KEY environment variable
// (documented in the welcome view and the README). The key is never written anywhere else.
// The commands that set, check and clear it live in settings/apiKeyCommands.ts.
import * as vscode from 'vscode';

const SECRET_KEY = 'siliconflow.apiKey';
export const API_KEY_ENV = 'SILICONFLOW_API_KEY';

export type KeySource = 'secretStorage' | 'environment';

export class ApiKeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the stored key is set or cleared (also from another window). */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key === SECRET_KEY) this.changed.fire();
    });
  }

  async get(): Promise<string | undefined> {
    return (await this.lookup())?.key;
  }

  /** Where the key in use comes from, or undefined when there is none. */
  async source(): Promise<KeySource | undefined> {
    return (await this.lookup())?.source;
  }

  async set(key: string): Promise<void> {
    const trimmed = key.trim();
    if (!trimmed) throw new Error('empty key');
    await this.secrets.store(SECRET_KEY, trimmed);
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
  }

  private async lookup(): Promise<{ key: string; source: KeySource } | undefined> {
    const stored = (await this.secrets.get(SECRET_KEY))?.trim();
    if (stored) return { key: stored, source: 'secretStorage' };
    const fromEnv = process.env[API_KEY_ENV]?.trim();
    return fromEnv ? { key: fromEnv, source: 'environment' } : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
