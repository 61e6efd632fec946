// Public API of the SiliconFlow client (the contract in DESIGN.md). Imports nothing from 'vscode'.
// PLACEHOLDER: the implementation lands with the foundation work (issue 2).
export type Protocol = 'openai' | 'anthropic';
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}
export interface ChatRequest {
  baseUrl: string;
  apiKey: string;
  protocol: Protocol;
  model: string;
  messages: ChatMessage[];
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  frequencyPenalty?: number;
  minP?: number;
  stop?: string[];
  enableThinking?: boolean;
  thinkingBudget?: number;
  reasoningEffort?: 'high' | 'max';
  tools?: { name: string; description?: string; parameters: object }[];
  timeoutMs?: number;
}
export type StreamEvent =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string }
  | { type: 'tool_call'; id: string; name: string; arguments: string }
  | { type: 'usage'; inputTokens: number; outputTokens: number; reasoningTokens?: number }
  | { type: 'done'; finishReason: string };
type Kind =
  | 'auth' | 'forbidden' | 'bad_request' | 'not_found' | 'rate_limit' | 'overloaded'
  | 'timeout' | 'network' | 'protocol' | 'truncated' | 'cancelled' | 'server';
export class SiliconFlowError extends Error {
  status?: number;
  code?: number | string;
  traceId?: string;
  constructor(message: string, readonly kind: Kind, public retryable = false) {
    super(message);
  }
}
export function streamChat(
  _req: ChatRequest,
  _opts?: { signal?: AbortSignal; fetch?: typeof fetch },
): AsyncIterable<StreamEvent> {
  throw new SiliconFlowError('not implemented yet', 'protocol');
}
export async function listModels(_o: { baseUrl: string; apiKey: string; signal?: AbortSignal }): Promise<string[]> {
  throw new SiliconFlowError('not implemented yet', 'protocol');
}
