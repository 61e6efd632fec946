// Looks up UI strings: the translated table from `init.strings` when the host sent one, else the
// English in src/webviewStrings.ts. Arguments replace `{0}`, `{1}`, ….
import { webviewStrings, type WebviewStringKey } from '../webviewStrings';

let translated: Record<string, string> = {};

/** Installs the host's translations; anything not a string is ignored (the host is trusted, but cheap to check). */
export function setStrings(strings: Record<string, string> | undefined): void {
  translated = {};
  for (const [key, value] of Object.entries(strings ?? {})) {
    if (typeof value === 'string') translated[key] = value;
  }
}

export function t(key: WebviewStringKey, ...args: (string | number)[]): string {
  const template = translated[key] ?? webviewStrings[key];
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
}
