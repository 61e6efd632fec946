// The read-only virtual documents both sides of a proposal's diff editor show
// (scheme `siliconflow-proposal`). The text lives here in memory; nothing is written to disk.
import * as vscode from 'vscode';
import { PROPOSAL_SCHEME } from './editable';

export { PROPOSAL_SCHEME };

export class ProposalContentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  /**
   * Forgets a settled proposal's text. VS Code has no API to close a text document, so an open one
   * is told it changed: it reads as empty, and the language servers drop the diagnostics they
   * reported for it (a rejected proposal's syntax errors would otherwise stay in Problems until
   * VS Code disposes the document).
   */
  delete(uri: vscode.Uri): void {
    if (this.texts.delete(uri.toString())) this.changed.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.changed.dispose();
    this.texts.clear();
  }
}
