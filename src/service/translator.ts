// The one thing the pure settings modules need from vscode.l10n: `t(message, ...args)`.
// The extension passes `vscode.l10n`; unit tests use `english`. Keeping the parameter named
// `l10n` means the string literals still read `l10n.t('…')`, which the translation test collects.

export type L10nArg = string | number | boolean;

export interface Translator {
  t(message: string, ...args: L10nArg[]): string;
}

/** Fills `{0}`, `{1}`… like vscode.l10n.t does when no translation bundle is loaded. */
export const english: Translator = {
  t(message: string, ...args: L10nArg[]): string {
    return message.replace(/\{(\d+)\}/g, (whole, index: string) => {
      const value = args[Number(index)];
      return value === undefined ? whole : String(value);
    });
  },
};
