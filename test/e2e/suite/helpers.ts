// Shared by the extension-host suites: the extension under test and small waiting helpers.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'siliconflow-chat.siliconflow-chat';

/** The extension as VS Code loaded it (its manifest is `packageJSON`), activated. */
export async function activeExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded`);
  await ext.activate();
  return ext;
}

export interface ManifestCommand {
  command: string;
  title: string;
  category?: string;
}

export function contributedCommands(ext: vscode.Extension<unknown>): ManifestCommand[] {
  const manifest = ext.packageJSON as { contributes?: { commands?: ManifestCommand[] } };
  return manifest.contributes?.commands ?? [];
}

/** Polls `check` until it returns a value other than undefined; a condition, not a sleep. */
export async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Asks the runner (outside, driving the browser) to type `text` into the open quick input and
 * press Enter: the extension host has no API to fill an input box, a user's keyboard does.
 */
export function typeIntoQuickInput(text: string): void {
  // The line reaches the runner twice (log service and console); the id lets it act once.
  console.log(`[e2e:type] ${JSON.stringify({ id: ++typeRequests, text })}`);
}
let typeRequests = 0;
