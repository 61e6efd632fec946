// SiliconFlowError and the mapping from what went wrong on the wire (an HTTP status and its body,
// an error event inside a stream, a failed socket) to a `kind`, a `retryable` flag and a message
// the user can act on. Messages are English; hosts that localise can switch on `kind`.
// What the server sends is scrubbed of the key once, as it arrives (scrubIngested, scrubJson: the
// body, the trace id, every string of an error event), before it is parsed, cut or quoted; every
// message passes through scrubSecrets() again on the way out.
import { consoleUrlFor, hostOf, INTERNATIONAL_BASE_URL, isInternational, MAINLAND_BASE_URL } from './sites';

export type SiliconFlowErrorKind =
  | 'auth' | 'forbidden' | 'bad_request' | 'not_found' | 'rate_limit' | 'overloaded'
  | 'timeout' | 'network' | 'protocol' | 'truncated' | 'cancelled' | 'server';

export interface SiliconFlowErrorDetails {
  status?: number;
  code?: number | string;
  traceId?: string;
  /** Where a 3xx answer pointed (absolute URL, scrubbed). */
  location?: string;
  cause?: unknown;
}

export class SiliconFlowError extends Error {
  status?: number;
  code?: number | string;
  traceId?: string;
  /**
   * A 3xx answer (kind 'not_found', status 3xx: nothing is served at the configured address): the
   * base URL its target suggests, never followed. Undefined for every other error.
   */
  location?: string;
  constructor(
    message: string,
    readonly kind: SiliconFlowErrorKind,
    public retryable = false,
    details: SiliconFlowErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'SiliconFlowError';
    this.status = details.status;
    this.code = details.code;
    this.traceId = details.traceId;
    if (details.location !== undefined) this.location = details.location;
  }
}

/** What the error messages may mention. The key is here only so it can be scrubbed. */
export interface ErrorContext {
  baseUrl: string;
  apiKey: string;
  model?: string;
  traceId?: string;
}

const MAX_DETAIL_CHARS = 300;

/** The forms the exact key takes in text a server sends back: as is, JSON-escaped, URL-encoded. */
function keyForms(apiKey: string): string[] {
  const json = JSON.stringify(apiKey).slice(1, -1);
  return [...new Set([apiKey, json, json.replace(/\//g, '\\/'), encodeURIComponent(apiKey)])];
}

/**
 * Removes the key from text: the exact key of any shape (also JSON-escaped or URL-encoded), and
 * anything shaped like a SiliconFlow key (`sk-…`). Keys shorter than 4 characters are not real
 * keys and are left alone (they would blank out ordinary words).
 */
export function scrubSecrets(text: string, apiKey: string): string {
  let out = text;
  if (apiKey.length >= 4) for (const form of keyForms(apiKey)) if (out.includes(form)) out = out.split(form).join('[redacted]');
  return out.replace(/\bsk-[A-Za-z0-9_-]{16,}/g, 'sk-[redacted]');
}

/**
 * Scrubs text as it arrives from the server (a header value, a body or its bounded prefix), before
 * it is parsed, cut or quoted: what scrubSecrets removes, and, when the text was cut off at its
 * end (`cutAtEnd`, e.g. a body read only up to a limit), a trailing start of the key, which the
 * exact match cannot see.
 */
export function scrubIngested(text: string, apiKey: string, cutAtEnd = false): string {
  let out = scrubSecrets(text, apiKey);
  if (cutAtEnd && apiKey.length >= 4) {
    for (const form of keyForms(apiKey)) {
      for (let n = Math.min(form.length - 1, out.length); n > 0; n--) {
        if (out.endsWith(form.slice(0, n))) {
          out = out.slice(0, out.length - n);
          break;
        }
      }
    }
    // An `sk-` key of another account cut off at the end.
    out = out.replace(/\bsk-[A-Za-z0-9_-]*$/, 'sk-[redacted]');
  }
  return out;
}

/** A copy of a parsed JSON value whose every string (keys of objects too) is scrubbed. */
export function scrubJson(value: unknown, apiKey: string): unknown {
  if (typeof value === 'string') return scrubSecrets(value, apiKey);
  if (Array.isArray(value)) return value.map((v) => scrubJson(v, apiKey));
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[scrubSecrets(k, apiKey)] = scrubJson(v, apiKey);
    return out;
  }
  return value;
}

function withTrace(message: string, ctx: ErrorContext): string {
  const full = ctx.traceId ? `${message} (trace id: ${ctx.traceId})` : message;
  return scrubSecrets(full, ctx.apiKey);
}

function make(
  ctx: ErrorContext,
  message: string,
  kind: SiliconFlowErrorKind,
  retryable: boolean,
  details: SiliconFlowErrorDetails = {},
): SiliconFlowError {
  return new SiliconFlowError(withTrace(message, ctx), kind, retryable, { traceId: ctx.traceId, ...details });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_DETAIL_CHARS ? `${oneLine.slice(0, MAX_DETAIL_CHARS)}…` : oneLine;
}

/** The parts of an error body that matter, whatever its shape (string, native, OpenAI, Anthropic, HTML). */
interface BodyInfo {
  message?: string;
  code?: number | string;
  /** Anthropic `error.type` or OpenAI `error.type`. */
  type?: string;
  /** `<title>` of an HTML page (a proxy or gateway answered, not the API). */
  htmlTitle?: string;
  isHtml: boolean;
}

function htmlTitle(text: string): string {
  const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text);
  return m ? shorten(m[1].replace(/<[^>]*>/g, '')) : '';
}

function looksLikeHtml(text: string, contentType: string): boolean {
  return /text\/html/i.test(contentType) || /^\s*<(!doctype|html|head|body)\b/i.test(text);
}

/** Reads an error payload that is already parsed (a stream event) or a JSON value from a body. */
function infoFromJson(value: unknown): BodyInfo {
  if (typeof value === 'string') return { message: value, isHtml: false };
  if (!isRecord(value)) return { isHtml: false };
  const info: BodyInfo = { isHtml: false };
  const err = value.error;
  if (isRecord(err)) {
    if (typeof err.message === 'string') info.message = err.message;
    if (typeof err.type === 'string') info.type = err.type;
    if (typeof err.code === 'number' || typeof err.code === 'string') info.code = err.code;
  } else if (typeof err === 'string') {
    info.message = err;
  }
  if (info.message === undefined && typeof value.message === 'string') info.message = value.message;
  if (info.code === undefined && (typeof value.code === 'number' || typeof value.code === 'string')) info.code = value.code;
  return info;
}

function infoFromBody(text: string, contentType: string): BodyInfo {
  if (looksLikeHtml(text, contentType)) return { isHtml: true, htmlTitle: htmlTitle(text) };
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('"')) {
    try {
      return infoFromJson(JSON.parse(trimmed));
    } catch {
      // Not JSON after all: fall through to plain text.
    }
  }
  return { message: trimmed || undefined, isHtml: false };
}

/** A short quote of what the server said, for the end of a message. */
function serverSaid(info: BodyInfo, status?: number): string {
  if (info.isHtml) {
    const title = info.htmlTitle ? `"${info.htmlTitle}"` : 'with no title';
    return ` A proxy or gateway answered${status ? ` ${status}` : ''} with an HTML page ${title} instead of the SiliconFlow API.`;
  }
  if (!info.message) return '';
  const code = info.code !== undefined ? ` [code ${info.code}]` : '';
  // The sentence ends after the quote, so a final period inside it would double up.
  return ` Server said: "${shorten(info.message).replace(/\.$/, '')}"${code}.`;
}

function modelName(ctx: ErrorContext): string {
  return ctx.model ? `"${ctx.model}"` : 'the selected model';
}

// Parameter names as they appear on the wire, longest first so `thinking_budget` wins over `thinking`.
const PARAMETER_NAMES = [
  'thinking.budget_tokens', 'frequency_penalty', 'reasoning_effort', 'enable_thinking', 'thinking_budget',
  'stop_sequences', 'response_format', 'budget_tokens', 'max_tokens', 'temperature', 'tool_choice',
  'top_p', 'top_k', 'min_p', 'tools', 'stop', 'thinking', 'system', 'messages', 'model',
];

const CONTEXT_LENGTH = /max_seq_len|context (window|length)|prompt_tokens|too long|maximum context/i;

function badRequestMessage(info: BodyInfo, ctx: ErrorContext): string {
  const msg = info.message ?? '';
  const said = serverSaid(info);
  if (info.code === 20012 || /model does not exist|model not found|unknown model/i.test(msg)) {
    return `The model ${modelName(ctx)} does not exist or is not available to your account. Choose another model (refresh the model list).${said}`;
  }
  if (CONTEXT_LENGTH.test(msg)) {
    const withMax = /max_tokens/.test(msg) ? ' Lower the maximum output tokens or shorten the conversation.' : ' Shorten the conversation or the selection, or start a new chat.';
    return `The prompt is too long for the context window of ${modelName(ctx)}.${withMax}${said}`;
  }
  const param = PARAMETER_NAMES.find((name) => new RegExp(`(^|[^A-Za-z0-9_.])${name.replace('.', '\\.')}($|[^A-Za-z0-9_])`).test(msg));
  if (param) {
    return `The model ${modelName(ctx)} rejected the parameter "${param}". Change or turn off that setting for this model.${said}`;
  }
  if (info.code === 20015 || /parameter/i.test(msg)) {
    return `The model ${modelName(ctx)} rejected the request: a parameter it does not support, or a prompt longer than its context window.${said}`;
  }
  return `SiliconFlow rejected the request as invalid.${said}`;
}

function forbiddenMessage(info: BodyInfo, ctx: ErrorContext): string {
  const msg = info.message ?? '';
  const consoleUrl = consoleUrlFor(ctx.baseUrl);
  const said = serverSaid(info);
  if (info.code === 30001 || /balance|insufficient|余额|arrear|recharge|top.?up|credit/i.test(msg)) {
    return `Your SiliconFlow account balance is insufficient. Top up at ${consoleUrl} and try again.${said}`;
  }
  if (info.code === 30011 || /real.?name|实名|verif|authenticat|identity/i.test(msg)) {
    return `The model ${modelName(ctx)} is only available after real-name verification of your SiliconFlow account. Complete it at ${consoleUrl}, or choose another model.${said}`;
  }
  return `Access to ${modelName(ctx)} was denied (403). Usually the account balance is insufficient or the model requires real-name verification: check ${consoleUrl}.${said}`;
}

function authMessage(info: BodyInfo, ctx: ErrorContext): string {
  const isCom = isInternational(ctx.baseUrl);
  const other = isCom ? MAINLAND_BASE_URL : INTERNATIONAL_BASE_URL;
  const otherSite = isCom ? 'siliconflow.cn' : 'siliconflow.com';
  return (
    `The API key was rejected by ${ctx.baseUrl} (401): it is wrong, revoked or from the other site. ` +
    `A key created on siliconflow.cn only works with https://api.siliconflow.cn/v1 and a key from siliconflow.com only with https://api.siliconflow.com/v1; ` +
    `if your key is from ${otherSite}, set the base URL to ${other}. Otherwise set the key again.${serverSaid(info)}`
  );
}

/** Which limit was hit (TPM, RPM, RPH, TPD, IPM), from "…Details:TPM limit reached." */
function rateLimitDetail(info: BodyInfo): string {
  const m = /details?:\s*([^.]+)/i.exec(info.message ?? '');
  return m ? `: ${m[1].trim()}` : '';
}

/** Maps a non-2xx HTTP response to a SiliconFlowError. */
export function errorFromResponse(status: number, bodyText: string, contentType: string, ctx: ErrorContext): SiliconFlowError {
  const info = infoFromBody(bodyText, contentType);
  const details = { status, code: info.code };
  const said = serverSaid(info, status);
  switch (status) {
    case 400:
    case 422:
      return make(ctx, badRequestMessage(info, ctx), 'bad_request', false, details);
    case 401:
      return make(ctx, authMessage(info, ctx), 'auth', false, details);
    case 402:
    case 403:
      return make(ctx, forbiddenMessage(info, ctx), 'forbidden', false, details);
    case 404:
      return make(
        ctx,
        `Nothing was found at the API address (404): the base URL "${ctx.baseUrl}" is probably wrong${/\/v1\/?$/.test(ctx.baseUrl.trim()) ? '' : ' (it does not end with /v1)'}. It should look like https://api.siliconflow.cn/v1 (ending in /v1).${said}`,
        'not_found',
        false,
        details,
      );
    case 408:
    case 504:
      return make(ctx, `The SiliconFlow gateway timed out (${status}) waiting for ${modelName(ctx)}. Try again in a moment.${said}`, 'timeout', true, details);
    case 429:
      return make(ctx, `SiliconFlow's rate limit for your account was reached (429${rateLimitDetail(info)}). Wait a moment and try again, or use a lower request rate.${said}`, 'rate_limit', true, details);
    case 503:
      return make(ctx, `The model ${modelName(ctx)} is overloaded on SiliconFlow (503). Try again later or choose another model.${said}`, 'overloaded', true, details);
    default:
      if (info.isHtml) return make(ctx, `Unexpected answer from ${ctx.baseUrl} (${status}).${said}`, 'server', false, details);
      return make(ctx, `SiliconFlow answered with an error (${status}).${said}`, 'server', false, details);
  }
}

/** Anthropic / OpenAI `error.type` values to kinds, for errors that arrive inside a stream. */
const TYPE_KINDS: Record<string, [SiliconFlowErrorKind, number | undefined]> = {
  invalid_request_error: ['bad_request', 400],
  authentication_error: ['auth', 401],
  permission_error: ['forbidden', 403],
  not_found_error: ['not_found', 404],
  rate_limit_error: ['rate_limit', 429],
  overloaded_error: ['overloaded', 503],
  timeout_error: ['timeout', 504],
  api_error: ['server', 500],
  server_error: ['server', 500],
};

function statusForStreamError(info: BodyInfo): number | undefined {
  const code = typeof info.code === 'string' ? Number(info.code) : info.code;
  if (code === 50505) return 503;
  if (code === 20012 || code === 20015) return 400;
  if (code === 30001 || code === 30011) return 403;
  if (typeof code === 'number' && code >= 400 && code < 600) return code;
  if (info.type && TYPE_KINDS[info.type]) return TYPE_KINDS[info.type][1];
  if (/overload/i.test(info.message ?? '')) return 503;
  if (/rate limit/i.test(info.message ?? '')) return 429;
  return undefined;
}

/**
 * Recognises an error sent inside an event stream, in any of its three shapes: `event: error` with
 * the Anthropic envelope, `data: {"error":{…}}`, or the native `{"code":50505,"message":…}`.
 * Returns undefined for an ordinary event.
 */
export function streamErrorFrom(payload: unknown, eventName: string | undefined, ctx: ErrorContext): SiliconFlowError | undefined {
  if (!isRecord(payload)) return undefined;
  const isEnvelope = payload.type === 'error' || eventName === 'error';
  const hasError = payload.error !== undefined && payload.error !== null;
  // Native shape: a numeric `code` and a `message`, and none of the fields of a normal event.
  const isNative =
    payload.code !== undefined && typeof payload.message === 'string' && payload.choices === undefined && payload.type === undefined;
  if (!isEnvelope && !hasError && !isNative) return undefined;
  // Scrubbed field by field: a key the server JSON-escaped is only visible once parsed.
  const info = infoFromJson(scrubJson(payload, ctx.apiKey));
  const status = statusForStreamError(info);
  const prefix = 'The answer was interrupted by an error from SiliconFlow.';
  if (status === undefined) {
    return make(ctx, `${prefix}${serverSaid(info)}`, 'server', false, { code: info.code ?? info.type });
  }
  // Reuse the status mapping for the wording, but keep the stream-specific prefix.
  const mapped = errorFromResponse(status, '', '', { ...ctx, traceId: undefined });
  const detail = serverSaid(info);
  const sentence = mapped.message.replace(/ Server said:.*$/, '');
  return make(ctx, `${prefix} ${sentence}${detail}`, mapped.kind, mapped.retryable, { code: info.code ?? info.type });
}

/**
 * What a Node / undici network error code means to a user, as one of a few plain causes:
 * 'closed' (ECONNRESET, EPIPE, UND_ERR_SOCKET, UND_ERR_CLOSED: the server or the network dropped
 * the connection), 'refused' (ECONNREFUSED), 'timeout' (ETIMEDOUT, UND_ERR_*_TIMEOUT), 'dns'
 * (ENOTFOUND, EAI_AGAIN), 'unreachable' (ENETUNREACH, EHOSTUNREACH, ENETDOWN), 'tls' (certificate
 * and TLS codes), else 'other'. The code itself is for the log, never for the message.
 */
export type NetworkCause = 'closed' | 'refused' | 'timeout' | 'dns' | 'unreachable' | 'tls' | 'other';

export function networkCause(code: string | number | undefined): NetworkCause {
  const c = code === undefined ? '' : String(code).toUpperCase();
  if (/^(ECONNRESET|EPIPE|ECONNABORTED|UND_ERR_SOCKET|UND_ERR_CLOSED|UND_ERR_DESTROYED|UND_ERR_ABORTED|ERR_STREAM_PREMATURE_CLOSE)$/.test(c)) return 'closed';
  if (c === 'ECONNREFUSED') return 'refused';
  if (/TIMEOUT|TIMEDOUT/.test(c)) return 'timeout';
  if (c === 'ENOTFOUND' || c === 'EAI_AGAIN' || c === 'EAI_NONAME') return 'dns';
  if (/^(ENETUNREACH|EHOSTUNREACH|ENETDOWN|EHOSTDOWN|EADDRNOTAVAIL)$/.test(c)) return 'unreachable';
  if (/CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(c)) return 'tls';
  return 'other';
}

/** The plain-words sentence for a network failure (no code): "<sentence>. Check …" or "<sentence> before …". */
function networkSentence(cause: NetworkCause, host: string, during: 'connect' | 'body'): string {
  switch (cause) {
    case 'closed': return `The connection to ${host} was closed by the server or the network`;
    case 'refused': return `${host} refused the connection (nothing answers at that address)`;
    case 'timeout': return `The connection to ${host} timed out`;
    case 'dns': return `The address ${host} could not be found (no such host, or no DNS)`;
    case 'unreachable': return `${host} cannot be reached from this network`;
    case 'tls': return `The secure connection to ${host} failed: its certificate was not accepted`;
    default: return during === 'connect' ? `Could not reach ${host}` : `The connection to ${host} was lost`;
  }
}

/**
 * Maps a fetch / socket failure (no HTTP answer) to a SiliconFlowError of kind 'network' whose
 * message says the cause in plain words; the Node / undici code (ECONNRESET, UND_ERR_SOCKET, …)
 * is in `code` only, for the log.
 */
export function errorFromNetwork(err: unknown, ctx: ErrorContext, during: 'connect' | 'body'): SiliconFlowError {
  const cause = isRecord(err) && 'cause' in err ? (err as { cause?: unknown }).cause : undefined;
  const codeOf = (v: unknown): string | undefined =>
    isRecord(v) && typeof v.code === 'string' ? v.code : undefined;
  const code = codeOf(cause) ?? codeOf(err);
  const host = hostOf(ctx.baseUrl);
  const sentence = networkSentence(networkCause(code), host, during);
  const message =
    during === 'connect'
      ? `${sentence}. Check the network connection, the proxy settings and the base URL "${ctx.baseUrl}".`
      : `${sentence} before the answer was complete.`;
  return make(ctx, message, 'network', true, { code, cause: err });
}

export function cancelledError(ctx: ErrorContext): SiliconFlowError {
  return make(ctx, 'The request was cancelled.', 'cancelled', false);
}

export function idleTimeoutError(ctx: ErrorContext, timeoutMs: number): SiliconFlowError {
  const seconds = Math.round(timeoutMs / 100) / 10;
  return make(
    ctx,
    `No data from SiliconFlow for ${seconds} s, so the request was stopped. The model may be overloaded; try again, or raise the timeout setting for long reasoning.`,
    'timeout',
    false,
  );
}

export function truncatedError(ctx: ErrorContext, why?: string): SiliconFlowError {
  const detail = why ? ` (${why})` : '';
  return make(
    ctx,
    `The answer stopped before it was complete: the stream ended without its end marker${detail}. The text so far is kept; try again to get the full answer.`,
    'truncated',
    false,
  );
}

export function protocolError(ctx: ErrorContext, what: string): SiliconFlowError {
  return make(ctx, `SiliconFlow sent something this extension cannot read: ${what}.`, 'protocol', false);
}

/**
 * A 200 whose body is not an event stream (a JSON error, a gateway's text/plain, a proxy's HTML
 * page), classified from the start of its body like an error response: an error the server put in
 * it keeps its kind and retryable flag (`{"code":50505,…}` is 'overloaded', retried); plain text
 * that says what is wrong (overloaded, rate limit) gets that kind; anything else is 'protocol'.
 * `bodyText` must already be scrubbed (scrubIngested).
 */
export function unexpectedBody(status: number, bodyText: string, contentType: string, ctx: ErrorContext): SiliconFlowError {
  const info = infoFromBody(bodyText, contentType);
  if (!info.isHtml) {
    try {
      const asError = streamErrorFrom(JSON.parse(bodyText), undefined, ctx);
      if (asError) return withStatus(asError, status);
    } catch {
      // Not JSON: classified from its text below.
    }
    const plainStatus = info.message !== undefined ? statusForStreamError(info) : undefined;
    if (plainStatus !== undefined) {
      const mapped = errorFromResponse(plainStatus, '', '', { ...ctx, traceId: undefined });
      const sentence = mapped.message.replace(/ Server said:.*$/, '');
      return make(ctx, `${sentence}${serverSaid(info)}`, mapped.kind, mapped.retryable, { status });
    }
  }
  return make(ctx, `Expected an event stream from ${ctx.baseUrl} but got ${contentType || 'no content type'} (${status}).${serverSaid(info, status)}`, 'protocol', false, { status });
}

function withStatus(err: SiliconFlowError, status: number): SiliconFlowError {
  err.status ??= status;
  return err;
}

/**
 * A 3xx answer, never followed (kind 'not_found': the API is not at the configured address): following would send the prompt (and, to the same origin, the key)
 * wherever the server points, possibly in clear text; a 301/302 would also turn the POST into a
 * GET. `location` is the Location header resolved against the request URL (scrubbed), `suffix` the
 * path the client appended to the base URL ('/chat/completions', '/models'), to suggest a base URL.
 */
export function redirectError(status: number, location: string | undefined, suffix: string, ctx: ErrorContext): SiliconFlowError {
  if (!location) {
    return make(ctx, `The API address ${ctx.baseUrl} answered with a redirect (${status}) to no address. Check "siliconflow.baseUrl".`, 'not_found', false, { status });
  }
  const bare = location.replace(/[?#].*$/, '');
  const base = bare.endsWith(suffix) ? bare.slice(0, bare.length - suffix.length) : bare;
  return make(
    ctx,
    `The API address ${ctx.baseUrl} redirects (${status}) to ${base}. The request was not sent there; set "siliconflow.baseUrl" to ${base} if you trust it.`,
    'not_found',
    false,
    { status, location: base },
  );
}

/** The server kept the request open for `limitMs` with keep-alives (pings, empty events) but no part of an answer. */
export function noContentError(ctx: ErrorContext, limitMs: number): SiliconFlowError {
  const seconds = Math.round(limitMs / 100) / 10;
  return make(
    ctx,
    `SiliconFlow kept the connection open for ${seconds} s without sending any of the answer (only keep-alive events), so the request was stopped. The model may be overloaded; try again or choose another model.`,
    'timeout',
    false,
  );
}
