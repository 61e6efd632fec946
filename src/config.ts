// Typed view of the siliconflow.* settings.
// SKELETON: validation, warnings and per-model parameter filtering land with issue 6.
import * as vscode from 'vscode';
import type { Protocol } from './client';

export interface Settings {
  baseUrl: string;
  protocol: Protocol;
  model: string;
  /** Model for the editor commands; equals `model` when the override is empty. */
  commandModel: string;
  enableThinking: boolean;
  thinkingBudget?: number;
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  systemPrompt: string;
  timeoutMs: number;
  maxRetries: number;
  contextWindows: Record<string, number>;
  attachmentMaxChars: number;
  logPrompts: boolean;
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration('siliconflow');
  const num = (k: string): number | undefined => {
    const v = c.get<number | null>(k);
    return typeof v === 'number' ? v : undefined;
  };
  const model = c.get<string>('model') || 'Qwen/Qwen3-Coder-480B-A35B-Instruct';
  return {
    baseUrl: c.get<string>('baseUrl') || 'https://api.siliconflow.cn/v1',
    protocol: c.get<string>('apiProtocol') === 'anthropic' ? 'anthropic' : 'openai',
    model,
    commandModel: c.get<string>('commandModel') || model,
    enableThinking: c.get<boolean>('enableThinking') ?? false,
    thinkingBudget: num('thinkingBudget'),
    temperature: num('temperature'),
    topP: num('topP'),
    maxTokens: num('maxTokens'),
    systemPrompt: c.get<string>('systemPrompt') ?? '',
    timeoutMs: (c.get<number>('requestTimeoutSeconds') ?? 120) * 1000,
    maxRetries: c.get<number>('maxRetries') ?? 3,
    contextWindows: c.get<Record<string, number>>('contextWindows') ?? {},
    attachmentMaxChars: c.get<number>('attachmentMaxChars') ?? 20000,
    logPrompts: c.get<boolean>('logPrompts') ?? false,
  };
}
