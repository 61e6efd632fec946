// A proposed replacement of a range in a document, previewed in a diff editor (original left,
// proposal right, updating live) and applied only when the user accepts.
// The refactor / fix / document commands and the chat's "Apply" button share this one mechanism.
import * as vscode from 'vscode';
import { detectUseTabs, fitToRange, type RangeShape } from './indent';
import { PROPOSAL_SCHEME, ProposalContentProvider } from './proposalContent';
import { applicability, notAppliedText, settledText, spliceText, type Applicability, type Settlement } from './staleness';

export interface ProposalTarget {
  document: vscode.TextDocument;
  /** The exact range the proposal replaces. */
  range: vscode.Range;
  /** A short title for the diff editor, e.g. "Refactor: utils.ts". */
  title: string;
  /**
   * With it, a stale Accept (the document changed since the request) is explained here with a
   * "Run Again" button that calls it. Without it, the caller gets 'stale' and tells the user.
   */
  runAgain?: () => void;
}

export type ProposalOutcome = 'accepted' | 'rejected' | 'stale' | 'cancelled';

export interface Proposal {
  /** Replace the proposed text shown on the right (called as the answer streams). */
  update(text: string): void;
  /** The proposal is complete: offer Accept / Reject and resolve with what the user chose. */
  finish(): Promise<ProposalOutcome>;
  /** The request failed or was cancelled: close the preview, changing nothing. */
  abandon(): void;
  /** Aborted when the preview goes away for any reason (the user closed it, accepted, rejected…):
   *  a request still streaming into it should stop. */
  readonly closed: AbortSignal;
}

// Live previews are re-rendered at most this often: a full document per token would be wasteful.
const RENDER_INTERVAL_MS = 100;

/** How many settled proposals are remembered (each under its two URIs). */
const SETTLED_KEPT = 50;

/**
 * The proposal previews of this window: the virtual documents they show, the Accept / Reject
 * commands, the tab watcher that notices a closed preview, and the proposals settled lately.
 * Created once by extension.ts, which owns it; the editor commands and the chat's "Apply" open
 * proposals through it.
 */
export class ProposalPreviews implements vscode.Disposable {
  /** @internal The text of both sides of every open preview. */
  readonly content = new ProposalContentProvider();
  /** @internal Open proposals, keyed by the proposed document's URI. */
  readonly live = new Map<string, LiveProposal>();
  /** @internal Proposals settled lately, by their URIs, so a control still showing one says what happened. */
  readonly settled = new Map<string, { title: string; how: Settlement }>();
  private nextId = 1;
  private readonly registrations: vscode.Disposable[];

  constructor() {
    this.registrations = [
      this.content,
      vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, this.content),
      vscode.commands.registerCommand('siliconflow.acceptProposal', (uri?: unknown) => {
        const proposal = this.find(uri);
        if (proposal) return proposal.accept();
        this.explainMissing(uri);
      }),
      vscode.commands.registerCommand('siliconflow.rejectProposal', (uri?: unknown) => {
        const proposal = this.find(uri);
        if (proposal) return proposal.reject();
        this.explainMissing(uri);
      }),
      vscode.window.tabGroups.onDidChangeTabs((e) => {
        for (const tab of e.closed) {
          const uri = tabProposedUri(tab);
          if (uri) this.live.get(uri.toString())?.previewClosed();
        }
      }),
    ];
  }

  /** Opens the diff preview for `target` and returns a handle to stream the proposal into. */
  async open(target: ProposalTarget): Promise<Proposal> {
    const proposal = new LiveProposal(this, this.nextId++, target);
    await proposal.open();
    return proposal;
  }

  /** @internal Sets the context keys the Accept / Reject buttons show on. */
  updateContextKeys(): void {
    const all = [...this.live.values()];
    void vscode.commands.executeCommand('setContext', 'siliconflow.proposalActive', all.length > 0);
    void vscode.commands.executeCommand('setContext', 'siliconflow.proposalReady', all.some((p) => p.isReady));
  }

  /** @internal Remembers how a proposal ended, under both its URIs. */
  remember(uris: vscode.Uri[], title: string, how: Settlement): void {
    for (const uri of uris) this.settled.set(uri.toString(), { title, how });
    while (this.settled.size > SETTLED_KEPT * 2) this.settled.delete(this.settled.keys().next().value!);
  }

  /** Cancels the proposals still open (a request streaming into one stops) and unregisters. */
  dispose(): void {
    for (const p of [...this.live.values()]) p.abandon();
    for (const d of this.registrations) d.dispose();
  }

  /** The proposal a command means: the one named by the editor title's URI, the active diff, else the newest. */
  private find(arg: unknown): LiveProposal | undefined {
    if (arg instanceof vscode.Uri && arg.scheme === PROPOSAL_SCHEME) {
      for (const p of this.live.values()) if (p.owns(arg)) return p;
    }
    const active = vscode.window.tabGroups.activeTabGroup.activeTab;
    const activeUri = active && tabProposedUri(active);
    if (activeUri) return this.live.get(activeUri.toString());
    const all = [...this.live.values()];
    return all.reverse().find((p) => p.isReady) ?? all[0];
  }

  /** An Accept / Reject that found no live proposal: say what became of the one it meant. */
  private explainMissing(arg: unknown): void {
    const past = arg instanceof vscode.Uri ? this.settled.get(arg.toString()) : undefined;
    void vscode.window.showInformationMessage(
      past ? settledText(past.how, past.title, vscode.l10n) : vscode.l10n.t('There is no proposal waiting to be accepted or rejected.'),
    );
  }
}

function tabProposedUri(tab: vscode.Tab): vscode.Uri | undefined {
  return tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.scheme === PROPOSAL_SCHEME ? tab.input.modified : undefined;
}

function editorStyle(document: vscode.TextDocument): { useTabs: boolean; tabSize: number } {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
  const tabSize = typeof editor?.options.tabSize === 'number' ? editor.options.tabSize : 4;
  if (editor && typeof editor.options.insertSpaces === 'boolean') return { useTabs: !editor.options.insertSpaces, tabSize };
  return { useTabs: detectUseTabs(document.getText()) ?? false, tabSize };
}

class LiveProposal implements Proposal {
  private readonly originalUri: vscode.Uri;
  readonly proposedUri: vscode.Uri;
  private readonly requestVersion: number;
  private readonly originalText: string;
  private readonly start: number;
  private readonly end: number;
  private readonly shape: RangeShape;
  private raw = '';
  private fitted: string;
  private state: 'streaming' | 'ready' | 'settled' = 'streaming';
  private settlement: Settlement | undefined;
  private applying = false;
  private renderTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly abort = new AbortController();
  readonly closed = this.abort.signal;
  private resolveOutcome!: (o: ProposalOutcome) => void;
  private readonly outcome = new Promise<ProposalOutcome>((r) => (this.resolveOutcome = r));

  constructor(
    private readonly previews: ProposalPreviews,
    private readonly id: number,
    private readonly target: ProposalTarget,
  ) {
    const { document, range } = target;
    const name = document.uri.path.split('/').pop() || 'untitled';
    this.originalUri = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${this.id}/original/${name}` });
    this.proposedUri = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${this.id}/proposed/${name}` });
    this.requestVersion = document.version;
    this.originalText = document.getText();
    this.start = document.offsetAt(range.start);
    this.end = document.offsetAt(range.end);
    this.fitted = document.getText(range);
    this.shape = {
      linePrefix: document.lineAt(range.start.line).text.slice(0, range.start.character),
      original: this.fitted,
      lineSuffix: document.lineAt(range.end.line).text.slice(range.end.character),
      ...editorStyle(document),
      eol: document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
    };
  }

  get isReady(): boolean {
    return this.state === 'ready';
  }

  owns(uri: vscode.Uri): boolean {
    return uri.toString() === this.proposedUri.toString() || uri.toString() === this.originalUri.toString();
  }

  async open(): Promise<void> {
    const content = this.previews.content;
    content.set(this.originalUri, this.originalText);
    content.set(this.proposedUri, this.originalText);
    this.previews.live.set(this.proposedUri.toString(), this);
    this.previews.updateContextKeys();
    // Name-based language detection fails for untitled and extension-less files: set it.
    for (const uri of [this.originalUri, this.proposedUri]) {
      const doc = await vscode.workspace.openTextDocument(uri);
      if (doc.languageId !== this.target.document.languageId) {
        await vscode.languages.setTextDocumentLanguage(doc, this.target.document.languageId);
      }
    }
    // Not a preview tab: opening another file must not silently replace (and so cancel) it.
    await vscode.commands.executeCommand('vscode.diff', this.originalUri, this.proposedUri, this.target.title, { preview: false });
  }

  update(text: string): void {
    if (this.state !== 'streaming') return;
    this.raw = text;
    this.renderTimer ??= setTimeout(() => this.render(), RENDER_INTERVAL_MS);
  }

  private render(): void {
    if (this.renderTimer) clearTimeout(this.renderTimer);
    this.renderTimer = undefined;
    if (this.state === 'settled') return;
    this.fitted = this.raw ? fitToRange(this.raw, this.shape) : this.shape.original;
    this.previews.content.set(this.proposedUri, spliceText(this.originalText, this.start, this.end, this.fitted));
  }

  finish(): Promise<ProposalOutcome> {
    if (this.state !== 'streaming') return this.outcome;
    this.render();
    this.state = 'ready';
    this.previews.updateContextKeys();
    const accept = vscode.l10n.t('Accept');
    const reject = vscode.l10n.t('Reject');
    void vscode.window
      .showInformationMessage(vscode.l10n.t('{0}: the proposal is ready. Apply it?', this.target.title), accept, reject)
      .then((choice) => {
        // The proposal may have been settled meanwhile (editor title, closed tab): say how.
        if (choice === accept) void this.accept();
        else if (choice === reject) this.reject();
      });
    return this.outcome;
  }

  abandon(): void {
    this.settle('cancelled');
  }

  async accept(): Promise<void> {
    if (this.state === 'streaming') {
      void vscode.window.showInformationMessage(vscode.l10n.t('The proposal is still being written. Wait for it to finish.'));
      return;
    }
    if (this.explainSettled() || this.applying) return;
    const doc = this.target.document;
    this.applying = true; // a second click while this one checks and applies does nothing
    const exists = await existsOnDisk(doc.uri);
    if (this.state !== 'ready') {
      this.applying = false; // rejected or closed while the file was checked
      return;
    }
    const check = applicability({ requestVersion: this.requestVersion, currentVersion: doc.version, isClosed: doc.isClosed, existsOnDisk: exists });
    if (check !== 'ok') {
      this.applying = false;
      this.settle('stale', check);
      await this.explainNotApplied(check);
      return;
    }
    // One edit on exactly the requested range: one undo step restores the original.
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, this.target.range, this.fitted);
    const applied = await vscode.workspace.applyEdit(edit);
    this.applying = false;
    if (!applied) {
      this.settle('rejected', 'failed');
      void vscode.window.showErrorMessage(vscode.l10n.t('VS Code refused the edit to {0}; nothing was changed.', this.label()));
      return;
    }
    this.settle('accepted');
    const end = doc.positionAt(this.start + this.fitted.length);
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(this.target.range.start, end), preserveFocus: false });
  }

  reject(): void {
    if (this.explainSettled()) return;
    if (this.state === 'streaming') {
      // Rejecting while it streams is a cancel: the command sees `closed` and stops the request.
      this.settle('cancelled');
      return;
    }
    this.settle('rejected');
  }

  /** The user closed the diff tab: while streaming that cancels, once ready it rejects. */
  previewClosed(): void {
    this.settle(this.state === 'ready' ? 'rejected' : 'cancelled');
  }

  /** After the proposal was settled, a control of it says how instead of doing nothing. */
  private explainSettled(): boolean {
    if (this.state !== 'settled') return false;
    void vscode.window.showInformationMessage(settledText(this.settlement ?? 'cancelled', this.target.title, vscode.l10n));
    return true;
  }

  private async explainNotApplied(check: Exclude<Applicability, 'ok'>): Promise<void> {
    const message = notAppliedText(check, this.label(), vscode.l10n);
    const runAgain = this.target.runAgain;
    if (!runAgain) {
      void vscode.window.showWarningMessage(message);
      return;
    }
    const again = vscode.l10n.t('Run Again');
    if ((await vscode.window.showWarningMessage(message, again)) === again) runAgain();
  }

  private label(): string {
    return this.target.document.isUntitled ? this.target.document.uri.path : vscode.workspace.asRelativePath(this.target.document.uri);
  }

  private settle(outcome: ProposalOutcome, how?: Settlement): void {
    if (this.state === 'settled') return;
    this.state = 'settled';
    this.settlement = how ?? (outcome === 'stale' ? 'changed' : outcome);
    this.previews.remember([this.proposedUri, this.originalUri], this.target.title, this.settlement);
    if (this.renderTimer) clearTimeout(this.renderTimer);
    this.previews.live.delete(this.proposedUri.toString());
    this.previews.updateContextKeys();
    this.abort.abort();
    this.resolveOutcome(outcome);
    void this.closePreview();
  }

  private async closePreview(): Promise<void> {
    const tabs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => tabProposedUri(t)?.toString() === this.proposedUri.toString());
    if (tabs.length) await vscode.window.tabGroups.close(tabs);
    this.previews.content.delete(this.originalUri);
    this.previews.content.delete(this.proposedUri);
  }
}

/** False when the document's file is gone from disk; an untitled document always exists. */
async function existsOnDisk(uri: vscode.Uri): Promise<boolean> {
  if (uri.scheme !== 'file') return true;
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
