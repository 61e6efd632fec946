// The language model chat provider: SiliconFlow models in VS Code's own chat and agent mode. Every
// request goes through the service's gateway (settings, key, proxy, parameters per model, context
// fit, request log), like the sidebar chat's.
import * as vscode from 'vscode';
import { contextWindowFor, modelCapabilities, SiliconFlowError, type ToolChoice, type ToolDefinition } from '../client';
import { readLanguageModelChoice } from '../service/config';
import type { SiliconFlowService } from '../service/gateway';
import { estimateTokens, IMAGE_TOKENS } from '../service/params';
import type { ApiKeyStore } from '../service/secrets';
import { TOOL_MODE_REQUIRED, hasDataParts, thinkingPartClass, type LmChatInformation, type LmChatProvider, type LmRequestMessage, type LmResponseOptions } from './api';
import { messageTextForCount, toChatMessages, type TurnReasoning } from './messages';

export const VENDOR = 'siliconflow';
/** Window assumed for a model neither the table nor the settings know (tokens). */
const UNKNOWN_CONTEXT_WINDOW = 32_768;
/** How long a model list from GET /models is reused (ms). */
const MODEL_LIST_TTL_MS = 5 * 60 * 1000;
/** Reasoning kept for tool calls, so a tool loop can send it back (oldest dropped first). */
const MAX_KEPT_REASONING = 200;

export interface SiliconFlowModelInfo extends LmChatInformation {
  /** The SiliconFlow model id sent in requests. */
  readonly model: string;
}

/** What VS Code shows and limits for `model`: the built-in table, `siliconflow.contextWindows`, and the name. */
export function modelInformation(model: string, contextWindows: Readonly<Record<string, number>>): SiliconFlowModelInfo {
  const caps = modelCapabilities(model);
  const window = contextWindowFor(model, contextWindows) ?? UNKNOWN_CONTEXT_WINDOW;
  const maxOutputTokens = Math.min(caps.maxOutputTokens, Math.floor(window / 2));
  const [owner, name = owner] = model.replace(/^Pro\//, '').split('/') as [string, string?];
  return {
    id: model,
    model,
    name: model.startsWith('Pro/') ? `${name} (Pro)` : name,
    family: owner ?? name,
    version: model,
    tooltip: model,
    detail: 'SiliconFlow',
    maxInputTokens: window - maxOutputTokens,
    maxOutputTokens,
    capabilities: { toolCalling: caps.toolCalling, imageInput: caps.imageInput && hasDataParts() },
  };
}

/** SiliconFlowError → the LanguageModelError kinds VS Code's chat understands, with our message. */
export function toLanguageModelError(err: SiliconFlowError): Error {
  switch (err.kind) {
    case 'auth':
    case 'forbidden':
      return vscode.LanguageModelError.NoPermissions(err.message);
    case 'not_found':
      return vscode.LanguageModelError.NotFound(err.message);
    case 'bad_request':
      // 20012: the model does not exist (for this key / service).
      return err.code === 20012 ? vscode.LanguageModelError.NotFound(err.message) : new vscode.LanguageModelError(err.message);
    case 'rate_limit':
      return vscode.LanguageModelError.Blocked(err.message);
    case 'cancelled':
      return new vscode.CancellationError();
    default:
      return new vscode.LanguageModelError(err.message);
  }
}

export class SiliconFlowChatProvider implements LmChatProvider<SiliconFlowModelInfo>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;
  private listed: { models: string[]; at: number; baseUrl: string } | undefined;
  private readonly reasoning = new Map<string, TurnReasoning>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly service: SiliconFlowService,
    private readonly keys: ApiKeyStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      this.changed,
      keys.onDidChange(() => this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (['siliconflow.baseUrl', 'siliconflow.languageModels', 'siliconflow.contextWindows'].some((s) => e.affectsConfiguration(s))) this.refresh();
      }),
    );
  }

  /** Drops the cached list and tells VS Code to ask again. */
  refresh(): void {
    this.listed = undefined;
    this.changed.fire();
  }

  async provideLanguageModelChatInformation(options: { readonly silent: boolean }, token: vscode.CancellationToken): Promise<SiliconFlowModelInfo[]> {
    let key = await this.keys.get();
    if (!key && !options.silent) {
      // Asked by the user (Manage Models): offer to set the key; a silent query never prompts.
      await vscode.commands.executeCommand('siliconflow.setApiKey');
      key = await this.keys.get();
    }
    if (!key || token.isCancellationRequested) return [];
    const settings = this.service.settings();
    const ids = await this.modelIds(key, settings.baseUrl);
    const chosen = readLanguageModelChoice();
    const shown = chosen.length > 0 ? ids.filter((id) => chosen.includes(id)) : ids;
    return shown.map((id) => modelInformation(id, settings.contextWindows));
  }

  async provideLanguageModelChatResponse(
    model: SiliconFlowModelInfo,
    messages: readonly LmRequestMessage[],
    options: LmResponseOptions,
    progress: vscode.Progress<unknown>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const Thinking = thinkingPartClass();
    const request = toChatMessages(messages, {
      isThinkingPart: Thinking ? (p) => p instanceof Thinking : undefined,
      reasoningFor: (id) => this.reasoning.get(id),
    });
    const tools: ToolDefinition[] | undefined = options.tools?.length
      ? options.tools.map((t) => ({ name: t.name, description: t.description, parameters: t.inputSchema ?? { type: 'object', properties: {} } }))
      : undefined;
    const toolChoice: ToolChoice | undefined = tools ? (options.toolMode === TOOL_MODE_REQUIRED ? 'required' : 'auto') : undefined;
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    let reasoning = '';
    let signature: string | undefined;
    let thinkingShown = Boolean(Thinking);
    try {
      const events = this.service.stream(request, { purpose: 'lm', model: model.model, signal: abort.signal, tools, toolChoice });
      for await (const event of events) {
        switch (event.type) {
          case 'text':
            progress.report(new vscode.LanguageModelTextPart(event.text));
            break;
          case 'reasoning':
            reasoning += event.text;
            if (Thinking && thinkingShown) {
              try {
                progress.report(new Thinking(event.text));
              } catch {
                // This VS Code has the class but does not take the part from us: keep the reasoning only.
                thinkingShown = false;
              }
            }
            break;
          case 'reasoning_signature':
            signature = event.signature;
            break;
          case 'tool_call':
            this.keepReasoning(event.id, { text: reasoning, signature });
            progress.report(new vscode.LanguageModelToolCallPart(event.id, event.name, parseInput(event.arguments)));
            break;
          default:
            break;
        }
      }
    } catch (err) {
      if (token.isCancellationRequested) throw new vscode.CancellationError();
      if (err instanceof SiliconFlowError) throw toLanguageModelError(err);
      throw err;
    } finally {
      cancel.dispose();
    }
  }

  async provideTokenCount(_model: SiliconFlowModelInfo, text: string | LmRequestMessage): Promise<number> {
    // The sidebar chat's estimator, so both chats fit prompts to a window the same way.
    if (typeof text === 'string') return estimateTokens(text);
    const { text: body, images } = messageTextForCount(text);
    return 4 + estimateTokens(body) + images * IMAGE_TOKENS;
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }

  private async modelIds(key: string, baseUrl: string): Promise<string[]> {
    if (this.listed && this.listed.baseUrl === baseUrl && Date.now() - this.listed.at < MODEL_LIST_TTL_MS) return this.listed.models;
    try {
      // listModelsWith: a refused key is reported here, never as a prompt (silent queries come often).
      const models = await this.service.listModelsWith(key);
      this.listed = { models, at: Date.now(), baseUrl };
      return models;
    } catch (err) {
      this.log.warn(`language models: the model list could not be loaded (${err instanceof SiliconFlowError ? err.kind : 'error'})`);
      return this.listed?.baseUrl === baseUrl ? this.listed.models : [];
    }
  }

  private keepReasoning(callId: string, r: TurnReasoning): void {
    if (!r.text) return;
    this.reasoning.set(callId, r);
    while (this.reasoning.size > MAX_KEPT_REASONING) this.reasoning.delete(this.reasoning.keys().next().value as string);
  }
}

function parseInput(args: string): object {
  try {
    const value: unknown = JSON.parse(args || '{}');
    return typeof value === 'object' && value !== null ? value : { value };
  } catch {
    // Malformed JSON from the model: hand it over as text rather than losing the call.
    return { arguments: args };
  }
}
