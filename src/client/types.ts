// The public types of the client (the contract in docs/architecture.md), in their own file so the protocol
// modules can use them without importing index.ts. index.ts re-exports all of them.
export type { SiliconFlowErrorKind } from './errors';

export type Protocol = 'openai' | 'anthropic';

/** Image formats SiliconFlow's vision models accept in a content part (SiliconFlow API reference, vision models). */
export type ImageMimeType = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';

/**
 * One part of a message's content. Images go only to vision models (Qwen-VL, GLM-V, Kimi…); they
 * become `image_url` parts with a data URL on /chat/completions and `image` blocks with a base64
 * source on /messages.
 */
export type ContentPart =
  | { type: 'text'; text: string }
  /** `data`: the image bytes in base64 (no `data:` prefix). */
  | { type: 'image'; mimeType: ImageMimeType; data: string };

/** A tool call the model made, as it goes back in the assistant turn of the next request. */
export interface ToolCall {
  /** The server's id, round-tripped unchanged (32-hex on SiliconFlow's /messages). */
  id: string;
  name: string;
  /** The arguments as JSON text ("{}" for none). */
  arguments: string;
}

/**
 * One turn of the conversation.
 * - `system` / `user`: `content` is text or parts (images for vision models).
 * - `assistant`: `content` is the answer's text; `toolCalls` the calls it made;
 *   `reasoningContent` its reasoning, sent back only when set — as `reasoning_content`, or a
 *   `thinking` block with `reasoningSignature` on /messages. Set it inside a tool loop (DeepSeek's
 *   thinking models require it there); leave it out otherwise (later turns carry only content).
 * - `tool`: the result of the call `toolCallId`; `content` is its text. On /messages, consecutive
 *   tool results become `tool_result` blocks of one user turn.
 */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string | ContentPart[];
  toolCalls?: ToolCall[];
  toolCallId?: string;
  /** `tool` only: the tool failed (`is_error` on /messages). */
  isError?: boolean;
  reasoningContent?: string;
  reasoningSignature?: string;
}

/** A text-only turn (what the editor commands build): assignable to ChatMessage. */
export interface TextChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/**
 * Which tools the model may call: 'auto' (it decides), 'none', 'required' (at least one), or one
 * named tool. `tool_choice` on /chat/completions; `{type: auto|any|tool}` on /messages, where
 * 'none' leaves the tools out.
 */
export type ToolChoice = 'auto' | 'none' | 'required' | { name: string };

export interface ToolDefinition {
  name: string;
  description?: string;
  /** JSON Schema of the arguments. */
  parameters: object;
}

export interface ChatRequest {
  /** e.g. 'https://api.siliconflow.cn/v1' (a trailing slash is tolerated). */
  baseUrl: string;
  apiKey: string;
  protocol: Protocol;
  model: string;
  /** A leading system message becomes the top-level `system` on /messages. */
  messages: ChatMessage[];
  /** On /messages, where it is required, 8192 when not given. */
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  /** /chat/completions only. */
  frequencyPenalty?: number;
  /** /chat/completions only (Qwen3). */
  minP?: number;
  /** Up to 4; extra ones are dropped. */
  stop?: string[];
  /** `enable_thinking` on /chat/completions, `thinking: {type}` on /messages. Only hybrid models accept it: see supportsThinking(). */
  enableThinking?: boolean;
  /** 128–32768; 0 or undefined leaves it out. */
  thinkingBudget?: number;
  /** /chat/completions only (DeepSeek-V4-Flash). */
  reasoningEffort?: 'high' | 'max';
  /** At most 128, names `[A-Za-z0-9_-]{1,64}` (the server answers 400 / 20015 otherwise). */
  tools?: ToolDefinition[];
  /** Sent only together with `tools`. */
  toolChoice?: ToolChoice;
  /** Idle time with no bytes (comments do not count) before failing with kind 'timeout'. */
  timeoutMs?: number;
  /**
   * Longest time (ms) with no part of the answer — only pings, empty events or comments — before
   * failing with kind 'timeout'. Default: 300 s or `timeoutMs` if longer; 0 disables it.
   */
  noContentTimeoutMs?: number;
}

export type StreamEvent =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string }
  /** /messages only: the thinking block's signature, to send back with the reasoning (ChatMessage.reasoningSignature). */
  | { type: 'reasoning_signature'; signature: string }
  /** `arguments` is the complete JSON text ("{}" when the model sent none). */
  | { type: 'tool_call'; id: string; name: string; arguments: string }
  /**
   * Emitted once, with the final figures, just before `done` (when the server reported usage).
   * `cachedInputTokens`: the part of `inputTokens` read from the prompt cache (billed at the
   * cache-read price), when the server reports it (`prompt_tokens_details.cached_tokens`,
   * `prompt_cache_hit_tokens`, or `cache_read_input_tokens` on /messages).
   */
  | { type: 'usage'; inputTokens: number; outputTokens: number; reasoningTokens?: number; cachedInputTokens?: number }
  /** Always the last event. OpenAI names on both protocols: 'stop' | 'length' | 'tool_calls' | 'content_filter' | … */
  | { type: 'done'; finishReason: string };

export interface AttemptInfo {
  /** 0 for the first try, 1 for the first retry, … */
  attempt: number;
  method: 'GET' | 'POST';
  url: string;
  /** The backoff waited before this attempt (0 for the first). */
  delayMs: number;
  /** Why the previous attempt failed (retries only). */
  previousError?: { kind: string; status?: number; traceId?: string };
}

export interface ResponseInfo {
  attempt: number;
  status: number;
  /** `x-siliconcloud-trace-id`: quote it to SiliconFlow support. */
  traceId?: string;
  /** Milliseconds from sending the request to the response headers. */
  elapsedMs: number;
}

/** The second parameter of streamChat() and listModels(). Everything optional. */
export interface ClientOptions {
  signal?: AbortSignal;
  /** Defaults to the global fetch (Node 18+ / VS Code's extension host). */
  fetch?: typeof fetch;
  /** Retries on 429 / 503 / 504 / network errors, only before the first event. Default 3. */
  maxRetries?: number;
  /** Passed to Node's fetch as undici's `dispatcher`, e.g. a ProxyAgent for an HTTP proxy. */
  dispatcher?: unknown;
  /** Called before every HTTP attempt (for logging; carries no key). */
  onAttempt?: (info: AttemptInfo) => void;
  /** Called when response headers arrive (for logging; carries no key). */
  onResponse?: (info: ResponseInfo) => void;
  /** Source of randomness for the backoff jitter (tests pass a fixed one). Default Math.random. */
  random?: () => number;
}
