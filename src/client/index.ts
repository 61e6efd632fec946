// Public API of the SiliconFlow client (the contract in docs/architecture.md). Imports nothing from the vscode module:
// it runs in plain Node (tests, benchmarks, the mock demo) exactly as in the extension host.
//
//   streamChat(req, opts?)  → AsyncIterable<StreamEvent>   POST /chat/completions or /messages
//   streamFim(req, opts?)   → AsyncIterable<StreamEvent>   POST /completions (or /chat/completions prefix/suffix)
//   listModels(o, opts?)    → Promise<string[]>            GET /models?type=text&sub_type=chat
//   getUserInfo(o, opts?)   → Promise<UserInfo>            GET /user/info (balance as numbers)
//   SiliconFlowError        every failure, with kind / status / code / traceId / retryable
//   contextWindowFor(model, overrides?), supportsThinking(model)   pure helpers for the settings
//
// `opts` (ClientOptions) adds to the contract: fetch, maxRetries, dispatcher (undici proxy agent),
// onAttempt / onResponse logging hooks (no key in them) and random (deterministic jitter).
import { streamChat as streamChatImpl } from './stream';
import type { ChatRequest, ClientOptions, StreamEvent } from './types';

export type {
  AttemptInfo,
  ChatMessage,
  ChatRequest,
  ClientOptions,
  ContentPart,
  ImageMimeType,
  TextChatMessage,
  ToolCall,
  ToolChoice,
  Protocol,
  ResponseInfo,
  SiliconFlowErrorKind,
  StreamEvent,
  ToolDefinition,
} from './types';
export { SiliconFlowError, networkCause, type NetworkCause } from './errors';
export { streamFim, isFimRefusal, fimCompletionsBody, fimChatBody, FIM_CHAT_INSTRUCTION, type FimRequest, type FimEndpoint } from './fim';
export { contentText, hasImages, imageCount, IMAGE_MIME_TYPES, isImageMimeType, normalizeImageMime, withoutImages } from './content';
export { listModels, contextWindowFor, supportsThinking, HYBRID_THINKING_MODELS, KNOWN_CONTEXT_WINDOWS, type ListModelsRequest, modelCapabilities, supportsImageInput, DEFAULT_MAX_OUTPUT_TOKENS, type ModelCapabilities } from './models';
export { DEFAULT_MESSAGES_MAX_TOKENS, DEFAULT_THINKING_BUDGET } from './anthropic';
export { DEFAULT_TIMEOUT_MS } from './http';
export { DEFAULT_MAX_RETRIES } from './retry';
export { consoleUrlFor, hostOf, INTERNATIONAL_BASE_URL, isInternational, MAINLAND_BASE_URL } from './sites';
export { getUserInfo, parseUserInfo, type UserInfo, type UserInfoRequest } from './account';

/**
 * Streams one answer. Events: text / reasoning deltas as they arrive, complete tool calls, one
 * `usage` with the final figures, then `done` (always last). Throws SiliconFlowError: kind
 * 'truncated' after the partial answer when the stream ends early, 'cancelled' when `opts.signal`
 * aborts (the HTTP connection is closed), 'timeout' after `req.timeoutMs` without data.
 * Retries 429 / 503 / 504 / network failures with backoff, only before the first event.
 */
export function streamChat(req: ChatRequest, opts?: ClientOptions): AsyncIterable<StreamEvent> {
  return streamChatImpl(req, opts);
}
