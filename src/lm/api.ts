// The parts of VS Code's language model provider API (final in VS Code 1.104) this extension uses,
// declared here because `engines.vscode` stays ^1.100 (so @types/vscode is 1.100): the provider
// is registered only when the running VS Code has the API, and the extension works without it.
// Image data parts (LanguageModelDataPart) came later than the provider, and the thinking part
// (LanguageModelThinkingPart) is a proposed API: both are looked up at run time, never required.
import * as vscode from 'vscode';

/** LanguageModelChatInformation (VS Code ≥ 1.104). */
export interface LmChatInformation {
  readonly id: string;
  readonly name: string;
  readonly family: string;
  readonly version: string;
  readonly tooltip?: string;
  readonly detail?: string;
  readonly maxInputTokens: number;
  readonly maxOutputTokens: number;
  readonly capabilities: { readonly imageInput?: boolean; readonly toolCalling?: boolean | number };
}

export interface LmRequestMessage {
  readonly role: number;
  readonly content: ReadonlyArray<unknown>;
  readonly name: string | undefined;
}

export interface LmTool {
  readonly name: string;
  readonly description: string;
  readonly inputSchema?: object;
}

/** LanguageModelChatToolMode: Auto = 1, Required = 2. */
export const TOOL_MODE_REQUIRED = 2;

export interface LmResponseOptions {
  readonly modelOptions?: { readonly [name: string]: unknown };
  readonly tools?: readonly LmTool[];
  readonly toolMode: number;
}

export interface LmChatProvider<T extends LmChatInformation = LmChatInformation> {
  readonly onDidChangeLanguageModelChatInformation?: vscode.Event<void>;
  provideLanguageModelChatInformation(options: { readonly silent: boolean }, token: vscode.CancellationToken): vscode.ProviderResult<T[]>;
  provideLanguageModelChatResponse(
    model: T,
    messages: readonly LmRequestMessage[],
    options: LmResponseOptions,
    progress: vscode.Progress<unknown>,
    token: vscode.CancellationToken,
  ): Thenable<void>;
  provideTokenCount(model: T, text: string | LmRequestMessage, token: vscode.CancellationToken): Thenable<number>;
}

type Register = (vendor: string, provider: LmChatProvider) => vscode.Disposable;

/** `vscode.lm.registerLanguageModelChatProvider` when this VS Code has it (≥ 1.104), else undefined. */
export function providerRegistration(): Register | undefined {
  const lm = (vscode as unknown as { lm?: { registerLanguageModelChatProvider?: Register } }).lm;
  const register = lm?.registerLanguageModelChatProvider;
  return typeof register === 'function' ? register.bind(lm) : undefined;
}

type PartClass = new (...args: never[]) => object;

function apiClass(name: string): PartClass | undefined {
  try {
    const value = (vscode as unknown as Record<string, unknown>)[name];
    return typeof value === 'function' ? (value as PartClass) : undefined;
  } catch {
    // A proposed API not enabled for this extension may throw on access.
    return undefined;
  }
}

/** VS Code's thinking part class (proposed API), or undefined where it is not offered. */
export function thinkingPartClass(): (new (value: string, id?: string, metadata?: Record<string, unknown>) => object) | undefined {
  return apiClass('LanguageModelThinkingPart') as (new (value: string, id?: string, metadata?: Record<string, unknown>) => object) | undefined;
}

/** True when VS Code can hand image data parts to a provider (LanguageModelDataPart exists). */
export function hasDataParts(): boolean {
  return apiClass('LanguageModelDataPart') !== undefined;
}
