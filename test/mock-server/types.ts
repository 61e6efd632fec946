// The control surface of the SiliconFlow-compatible mock server, shared by the unit tests, the
// end-to-end tests, the benchmarks and the demo. The server itself lives beside this file.

/** What an answer says. Everything optional; an empty script streams an empty answer. */
export interface Script {
  reasoning?: string;
  text?: string;
  /** Tool calls, streamed as fragments (OpenAI) or tool_use blocks with input_json_delta (Anthropic). */
  toolCalls?: { id?: string; name: string; arguments: string }[];
  /** Defaults: 'stop' / 'end_turn', 'tool_calls' / 'tool_use' when there are tool calls. */
  finishReason?: string;
  /**
   * Defaults to counts derived from the text (roughly one token per 4 bytes). `cachedInputTokens`
   * (part of inputTokens) is reported as `prompt_tokens_details.cached_tokens`, or with
   * `cacheField: 'deepseek'` as `prompt_cache_hit_tokens`; on /messages as `cache_read_input_tokens`.
   */
  usage?: { inputTokens: number; outputTokens: number; reasoningTokens?: number; cachedInputTokens?: number; cacheField?: 'openai' | 'deepseek' };
  /** The model name echoed in chunks; defaults to the requested model. */
  model?: string;
}

/** How the bytes of a stream reach the wire. */
export interface StreamShape {
  /** 'event' = one write per SSE event (default); 'random' = random splits (seeded); 'byte' = one byte per write; number = fixed write size. */
  chunking?: 'event' | 'random' | 'byte' | number;
  seed?: number;
  lineEnding?: 'lf' | 'crlf' | 'cr';
  /** Write `: keep-alive` comment lines between events (and during stalls). */
  comments?: boolean;
  /** Milliseconds to wait between writes. */
  delayMs?: number;
  /** Milliseconds to wait before the response headers. */
  headerDelayMs?: number;
  /** Characters of text / reasoning per streamed delta (default 4, like a real tokenizer's pieces). */
  piece?: number;
  /** Send `event:` lines on /messages (default true). */
  eventLines?: boolean;
  /** Prefix the body with a UTF-8 BOM and blank lines. */
  bom?: boolean;
  /** Milliseconds between `: keep-alive` comments during a stall when `comments` is set (default 100). */
  keepAliveMs?: number;
}

/** Something going wrong. `afterEvents` counts SSE data events already written. */
export type Fault =
  /** An HTTP error with the real body SiliconFlow sends for it (docs/wire.md §3); `body` overrides. */
  | { kind: 'status'; status: number; code?: number; body?: string; contentType?: string }
  /** A mid-stream error: `event: error` + Anthropic envelope, `data: {"error":{…}}`, or the native `{"code":50505,…}`. */
  | { kind: 'midstream'; shape: 'anthropic' | 'openai' | 'native'; afterEvents: number }
  /** Destroy the socket. */
  | { kind: 'reset'; afterEvents: number }
  /** Stop writing (but keep the connection open) for `ms`, or forever. With `comments`, keep-alives continue. */
  | { kind: 'stall'; afterEvents: number; ms?: number }
  /** End the stream without `[DONE]` and without a finish reason. */
  | { kind: 'truncate'; afterEvents: number }
  /** End without `data: [DONE]` but with the finish reason (and message_stop): still a complete answer. */
  | { kind: 'no-done' }
  /** A 3xx with this Location before any body (the client must not follow it). */
  | { kind: 'redirect'; status: 301 | 302 | 303 | 307 | 308; location: string }
  /**
   * The events through the finish reason (the OpenAI chunk with `finish_reason`, Anthropic's
   * `message_delta`), then a reset or silence instead of the usage chunk, [DONE] or message_stop.
   */
  | { kind: 'after-finish'; then: 'reset' | 'stall' }
  /**
   * Keep-alive events only and no part of an answer: Anthropic `ping` events after message_start,
   * or OpenAI chunks with an empty delta, every `everyMs` (default 50), `count` times (default 20,000).
   */
  | { kind: 'pings'; everyMs?: number; count?: number };

/** One scripted response, consumed by the next matching request. */
export interface Scripted {
  script?: Script;
  shape?: StreamShape;
  fault?: Fault;
  /**
   * A literal stream body (SSE text, exactly as written) played with `shape`'s chunking and delay
   * instead of the rendered script: for framing the renderer does not produce (multi-line data,
   * `data:` without the space, bytes after [DONE], interleaved parallel tool calls, …).
   */
  raw?: string;
  /** How many requests this entry answers (default 1). */
  times?: number;
  /** For '/v1/user/info': the amounts to report (decimal strings, as the real API sends them). */
  account?: MockAccount;
  /**
   * Only answer requests to this path ('/v1/chat/completions', '/v1/messages', '/v1/models',
   * '/v1/completions', '/v1/user/info').
   * Without it, an entry answers the next chat request (either chat path), never `/v1/models`, so a
   * model-list refresh cannot eat an entry meant for a chat turn.
   */
  path?: string;
}

/** The money /v1/user/info reports; `totalBalance` defaults to the sum of the two parts. */
export interface MockAccount {
  balance: string;
  chargeBalance: string;
  totalBalance?: string;
}

export interface RecordedRequest {
  method: string;
  /** The path without the query, e.g. '/v1/models'. */
  path: string;
  /** The path with its query, e.g. '/v1/models?type=text&sub_type=chat'. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  /** Set when the client closed the connection before the response ended. */
  clientClosed: boolean;
}

export interface MockServerOptions {
  /** 0 (default) picks a free port. Always bound to 127.0.0.1. */
  port?: number;
  /** Keys accepted; default: any key that starts with `sk-` and is not `sk-invalid…`. */
  apiKeys?: string[];
  /** Shape used when no scripted entry says otherwise (the demo uses a delay so streaming is visible). */
  defaultShape?: StreamShape;
  /** Log each request to stderr (never the key). */
  verbose?: boolean;
  /** What GET /v1/user/info reports (default: balance "0.88", chargeBalance "88.00", total "88.88"). */
  account?: MockAccount;
  /** Model ids accepted in addition to the listed and documented ones (others answer 400 / 20012). */
  extraModels?: string[];
  /** Models that do FIM on /v1/completions, besides the documented ones (FIM_MODELS). */
  fimModels?: string[];
  /** Models that do FIM only in the chat form (`prefix` / `suffix` on /v1/chat/completions) and refuse /v1/completions. */
  chatFimOnlyModels?: string[];
}

export interface MockServer {
  /** `http://127.0.0.1:PORT/v1` — what `siliconflow.baseUrl` is set to. */
  readonly baseUrl: string;
  readonly port: number;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Queue scripted responses; unscripted requests get the deterministic default answer. */
  enqueue(...entries: Scripted[]): void;
  /** Resolves when the client has closed the connection of the n-th request (0-based). */
  waitForClientClose(requestIndex: number, timeoutMs?: number): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}
