// What code a command works on: the selection; with none, the innermost function (or class)
// around the cursor; failing that, the whole file, but only after the user agrees.
import * as vscode from 'vscode';
import type { CodeSelection } from '../prompts/editorPrompts';
import { enclosingBlock } from '../prompts/enclosingBlock';
import { surroundingLines } from '../prompts/surroundings';
import { documentPath, lineSpan } from '../edits/location';

export interface CodeTarget {
  document: vscode.TextDocument;
  /** The exact range a proposal would replace. */
  range: vscode.Range;
  /** The same, described for the prompts. */
  selection: CodeSelection;
}

// Lines above and below the selection that go with a prompt, in characters (both sides together).
const SURROUNDING_BUDGET_CHARS = 4000;

const FUNCTION_KINDS = new Set([vscode.SymbolKind.Function, vscode.SymbolKind.Method, vscode.SymbolKind.Constructor]);
const TYPE_KINDS = new Set([
  vscode.SymbolKind.Class, vscode.SymbolKind.Interface, vscode.SymbolKind.Struct, vscode.SymbolKind.Enum, vscode.SymbolKind.Module,
]);

interface FlatSymbol {
  kind: vscode.SymbolKind;
  range: vscode.Range;
}

function flatten(symbols: readonly (vscode.DocumentSymbol | vscode.SymbolInformation)[]): FlatSymbol[] {
  const out: FlatSymbol[] = [];
  const walk = (s: vscode.DocumentSymbol | vscode.SymbolInformation): void => {
    if ('children' in s) {
      out.push({ kind: s.kind, range: s.range });
      s.children.forEach(walk);
    } else out.push({ kind: s.kind, range: s.location.range });
  };
  symbols.forEach(walk);
  return out;
}

/**
 * The innermost function/method around `position`, else the innermost class-like symbol, from
 * VS Code's outline. `outline` is false when there is none for the document (no symbol provider for
 * the language, e.g. Python without its extension): the caller then cannot say "not in a function".
 */
async function enclosingSymbolRange(document: vscode.TextDocument, position: vscode.Position): Promise<{ range?: vscode.Range; outline: boolean }> {
  let symbols: (vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined;
  try {
    symbols = await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined>(
      'vscode.executeDocumentSymbolProvider',
      document.uri,
    );
  } catch {
    return { outline: false };
  }
  if (!symbols || symbols.length === 0) return { outline: false };
  const around = flatten(symbols).filter((s) => s.range.contains(position));
  const innermost = (kinds: Set<vscode.SymbolKind>): vscode.Range | undefined =>
    around.filter((s) => kinds.has(s.kind)).sort((a, b) => document.offsetAt(b.range.start) - document.offsetAt(a.range.start))[0]?.range;
  return { range: innermost(FUNCTION_KINDS) ?? innermost(TYPE_KINDS), outline: true };
}

/** Without an outline: the enclosing block by indentation (Python), as a range from its first character. */
function enclosingBlockRange(document: vscode.TextDocument, position: vscode.Position): vscode.Range | undefined {
  const block = enclosingBlock(document.getText().split(/\r?\n/), position.line, document.languageId);
  if (!block) return undefined;
  const first = document.lineAt(block.start);
  return new vscode.Range(first.range.start.translate(0, first.firstNonWhitespaceCharacterIndex), document.lineAt(block.end).range.end);
}

/**
 * The selected text, with the indentation before it when the range starts inside its first line's
 * indentation (a symbol's range, or a selection from the first character): the model then sees
 * consistently indented code, and fitToRange() removes that indentation again when applying.
 */
function codeWithIndent(document: vscode.TextDocument, range: vscode.Range): string {
  const prefix = document.lineAt(range.start.line).text.slice(0, range.start.character);
  return (prefix.trim() === '' ? prefix : '') + document.getText(range);
}

export function describeRange(document: vscode.TextDocument, range: vscode.Range, wholeFile: boolean): CodeSelection {
  const span = lineSpan(range);
  const lines = document.getText().split(/\r?\n/);
  const { before, after } = wholeFile ? { before: '', after: '' } : surroundingLines(lines, span.start - 1, span.end - 1, SURROUNDING_BUDGET_CHARS);
  return {
    languageId: document.languageId,
    path: documentPath(document),
    startLine: span.start,
    endLine: span.end,
    code: codeWithIndent(document, range),
    before,
    after,
    wholeFile,
  };
}

/**
 * Resolves the code to work on. `selection` is what the user selected (may be empty); `position`
 * where the cursor (or the diagnostic) is. Undefined when the user declined or there is no code.
 */
export async function resolveTarget(
  document: vscode.TextDocument,
  selection: vscode.Range,
  position: vscode.Position,
): Promise<CodeTarget | undefined> {
  if (document.getText().trim() === '') {
    void vscode.window.showInformationMessage(vscode.l10n.t('The document is empty: there is no code to work on.'));
    return undefined;
  }
  if (!selection.isEmpty && document.getText(selection).trim() !== '') {
    return { document, range: selection, selection: describeRange(document, selection, false) };
  }
  const symbols = await enclosingSymbolRange(document, position);
  const around = symbols.range ?? (symbols.outline ? undefined : enclosingBlockRange(document, position));
  if (around) return { document, range: around, selection: describeRange(document, around, false) };

  const useFile = vscode.l10n.t('Use the Whole File');
  const choice = await vscode.window.showWarningMessage(
    symbols.outline
      ? vscode.l10n.t('Nothing is selected and the cursor is not inside a function. Use the whole file {0}?', documentPath(document))
      : vscode.l10n.t('Nothing is selected, and VS Code has no outline of {0} to find the function around the cursor. Use the whole file?', documentPath(document)),
    { modal: true },
    useFile,
  );
  if (choice !== useFile) return undefined;
  const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
  return { document, range: whole, selection: describeRange(document, whole, true) };
}
