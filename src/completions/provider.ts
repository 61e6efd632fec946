// The InlineCompletionItemProvider: ghost text from SiliconFlow's FIM models as the user types.
// Decides whether to ask at all (setting, snooze, language, editor.inlineSuggest.enabled, real
// files of a reasonable size), builds the prompt (context.ts), hands the request to the trigger
// policy (trigger.ts), and cleans the answer (postprocess.ts).
import * as vscode from 'vscode';
import { isFimRefusal, type FimEndpoint } from '../client';
import type { SiliconFlowService } from '../service/gateway';
import type { CompletionSettings } from '../service/completionSettings';
import { readCompletionSettings } from '../service/config';
import { FILE_SCHEMES, MAX_DOCUMENT_LINES, skipReason } from './settingsRules';
import { buildFimContext, indexSnippets, type NeighbourFile } from './context';
import { cleanCompletion, completionMode } from './postprocess';
import { CompletionTrigger } from './trigger';

/** Tokens of context per request (header, snippets, prefix and suffix). */
const CONTEXT_BUDGET_TOKENS = 2048;
/** Neighbour documents looked at for snippets. */
const MAX_NEIGHBOURS = 5;
/** Characters of prefix / suffix the post-processing looks at. */
const CLEAN_WINDOW = 8_000;

export interface ProviderDeps {
  service: SiliconFlowService;
  trigger: CompletionTrigger;
  /** True while the user has snoozed completions. */
  isSnoozed(): boolean;
  /** Recently edited documents, most recent first (for snippets). */
  recentDocuments(): readonly vscode.TextDocument[];
}

export class SiliconFlowInlineCompletionProvider implements vscode.InlineCompletionItemProvider {
  /** The FIM form each model answered with; a model refused on /completions is asked on the chat form. */
  private readonly routes = new Map<string, FimEndpoint>();
  /** Neighbour documents with their snippet index, per document version. */
  private readonly indexed = new Map<string, { version: number; file: NeighbourFile }>();

  constructor(private readonly deps: ProviderDeps) {}

  /** Forgets which form each model takes (the base URL changed). */
  resetRoutes(): void {
    this.routes.clear();
  }

  async provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    const settings = readCompletionSettings();
    const inlineSuggest = vscode.workspace.getConfiguration('editor', document).get<boolean>('inlineSuggest.enabled', true);
    const length = document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
    const doc = { scheme: document.uri.scheme, languageId: document.languageId, lineCount: document.lineCount, length };
    if (skipReason(settings, doc, inlineSuggest, this.deps.isSnoozed()) !== undefined) return undefined;

    // With the suggest widget open, the ghost text must extend its selected item: complete as if
    // that item were accepted, and replace the same range.
    const selected = context.selectedCompletionInfo;
    const start = selected ? selected.range.start : position;
    const inserted = selected ? selected.text : '';
    const full = document.getText();
    const startOffset = document.offsetAt(start);
    const endOffset = selected ? document.offsetAt(selected.range.end) : startOffset;
    const text = full.slice(0, startOffset) + inserted + full.slice(endOffset);
    const offset = startOffset + inserted.length;

    const built = buildFimContext({
      text,
      offset,
      path: vscode.workspace.asRelativePath(document.uri, false),
      languageId: document.languageId,
      budgetTokens: CONTEXT_BUDGET_TOKENS,
      neighbours: this.neighbours(document),
    });
    const linePrefix = built.prefix.slice(built.prefix.lastIndexOf('\n') + 1);
    const lineEnd = built.suffix.indexOf('\n');
    const lineSuffix = lineEnd < 0 ? built.suffix : built.suffix.slice(0, lineEnd);
    const multiline = completionMode(linePrefix, lineSuffix, settings.lines) === 'multi';
    const useTabs = !(vscode.window.activeTextEditor?.document === document ? vscode.window.activeTextEditor.options.insertSpaces : true);
    const tabSize = Number(vscode.window.activeTextEditor?.options.tabSize) || 4;
    const clean = {
      prefix: text.slice(Math.max(0, offset - CLEAN_WINDOW), offset),
      suffix: text.slice(offset, offset + CLEAN_WINDOW),
      multiline,
      useTabs,
      tabSize,
    };

    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      const positionKey = `${document.uri.toString()}:${start.line}:${linePrefix}`;
      const answer = await this.deps.trigger.complete({
        position: positionKey,
        cacheKey: `${settings.model}\u0000${multiline}\u0000${built.prompt.slice(-2000)}\u0000${built.suffix.slice(0, 1000)}`,
        signal: abort.signal,
        fetch: (signal) => this.fetch(settings, built.prompt, built.suffix, multiline, signal).then((raw) => (raw === undefined ? undefined : cleanCompletion(raw, clean))),
      });
      if (token.isCancellationRequested) return undefined;
      this.deps.trigger.noteShown(positionKey, answer);
      if (answer === undefined) return undefined;
      const range = new vscode.Range(start, selected ? selected.range.end : position);
      return [new vscode.InlineCompletionItem(inserted + answer, range)];
    } finally {
      sub.dispose();
    }
  }

  /** The model's raw answer; a single-line request stops reading (and closes the connection) at the first full line. */
  private async fetch(settings: CompletionSettings, prompt: string, suffix: string, multiline: boolean, signal: AbortSignal): Promise<string | undefined> {
    const model = settings.model;
    const first = this.routes.get(model) ?? 'completions';
    try {
      return await this.read(settings, prompt, suffix, multiline, first, signal);
    } catch (err) {
      // A model served only through the chat endpoint: try its prefix/suffix form once.
      if (first !== 'completions' || !isFimRefusal(err) || signal.aborted) throw err;
      const answer = await this.read(settings, prompt, suffix, multiline, 'chat', signal);
      this.routes.set(model, 'chat');
      return answer;
    }
  }

  private async read(settings: CompletionSettings, prompt: string, suffix: string, multiline: boolean, endpoint: FimEndpoint, signal: AbortSignal): Promise<string> {
    let text = '';
    const call = { model: settings.model, prompt, suffix, maxTokens: settings.maxTokens, temperature: 0.1, endpoint };
    for await (const piece of this.deps.service.streamFim(call, signal)) {
      text += piece;
      if (!multiline && /\S[^\n]*\n/.test(text)) break;
    }
    this.routes.set(settings.model, endpoint);
    return text;
  }

  private neighbours(document: vscode.TextDocument): NeighbourFile[] {
    const out: NeighbourFile[] = [];
    for (const other of this.deps.recentDocuments()) {
      if (out.length >= MAX_NEIGHBOURS) break;
      if (other === document || other.languageId !== document.languageId || !FILE_SCHEMES.has(other.uri.scheme)) continue;
      if (other.lineCount > MAX_DOCUMENT_LINES) continue;
      const key = other.uri.toString();
      let entry = this.indexed.get(key);
      if (!entry || entry.version !== other.version) {
        const text = other.getText();
        entry = { version: other.version, file: { path: vscode.workspace.asRelativePath(other.uri, false), text, index: indexSnippets(text) } };
        this.indexed.set(key, entry);
      }
      out.push(entry.file);
    }
    // Closed documents are not kept.
    if (this.indexed.size > MAX_NEIGHBOURS * 4) this.indexed.clear();
    return out;
  }
}
