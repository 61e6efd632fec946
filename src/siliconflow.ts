// One request path for every feature: reads the settings and the key, calls the client, logs.
// The chat and the editor commands both stream through SiliconFlowService.stream().
// SKELETON: parameter filtering per model, logging of timings and proxy support land with issue 6.
import * as vscode from 'vscode';
import { listModels, streamChat, type ChatMessage, type StreamEvent } from './client';
import { readSettings } from './config';
import type { ApiKeyStore } from './secrets';

export interface StreamOptions {
  /** 'command' uses siliconflow.commandModel. */
  purpose: 'chat' | 'command';
  signal?: AbortSignal;
}

export class SiliconFlowService {
  constructor(
    private readonly keys: ApiKeyStore,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The model a request of this purpose would use now. */
  modelFor(purpose: 'chat' | 'command'): string {
    const s = readSettings();
    return purpose === 'command' ? s.commandModel : s.model;
  }

  async *stream(messages: ChatMessage[], opts: StreamOptions): AsyncIterable<StreamEvent> {
    const s = readSettings();
    const apiKey = await this.keys.get();
    if (!apiKey) throw new Error(vscode.l10n.t('No SiliconFlow API key is set. Run "SiliconFlow: Set API Key".'));
    const model = opts.purpose === 'command' ? s.commandModel : s.model;
    this.log.info(`request model=${model} protocol=${s.protocol}`);
    yield* streamChat(
      {
        baseUrl: s.baseUrl,
        apiKey,
        protocol: s.protocol,
        model,
        messages: s.systemPrompt ? [{ role: 'system', content: s.systemPrompt }, ...messages] : messages,
        temperature: s.temperature,
        topP: s.topP,
        maxTokens: s.maxTokens,
        enableThinking: s.enableThinking || undefined,
        thinkingBudget: s.thinkingBudget,
        timeoutMs: s.timeoutMs,
      },
      { signal: opts.signal },
    );
  }

  async listModels(signal?: AbortSignal): Promise<string[]> {
    const s = readSettings();
    const apiKey = await this.keys.get();
    if (!apiKey) return [];
    return listModels({ baseUrl: s.baseUrl, apiKey, signal });
  }
}
