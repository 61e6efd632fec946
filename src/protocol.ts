// The one set of message types between the extension host and the chat webview. Both sides import
// this file. Messages from the webview are untrusted: the host checks each against these shapes
// (src/chat/validate.ts) before acting on it.

/** Bumped when a message shape changes incompatibly; the webview reports the version it speaks. */
export const PROTOCOL_VERSION = 1;

export type Role = 'user' | 'assistant';

/**
 * Images pasted or dropped into the composer, for vision models: the formats they take, and the
 * limits that keep a conversation (saved in history with its images) small. Bytes, not base64.
 */
export const IMAGE_LIMITS = {
  mimeTypes: ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as readonly string[],
  maxBytes: 4 * 1024 * 1024,
  maxPerMessage: 4,
};

/**
 * A file, selection or image attached to a user message, already cut to the size limit by the host.
 * An image has `mimeType` and `data` (its bytes in base64), an empty `content`, and its byte size
 * in `originalLength`.
 */
export interface ContextAttachment {
  kind: 'file' | 'selection' | 'image';
  /** Workspace-relative path, with the line range for a selection: `src/a.ts:10-24`; an image's file name. */
  label: string;
  languageId: string;
  content: string;
  /** True when `content` was cut to the limit; `originalLength` says how long it was. */
  truncated: boolean;
  originalLength: number;
  mimeType?: string;
  data?: string;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  reasoningTokens?: number;
  /** The part of inputTokens read from the prompt cache. */
  cachedInputTokens?: number;
}

/** An answer's estimated cost in ¥ (src/service/pricing.ts); `yuan` absent: the model's price is unknown. */
export interface CostView {
  yuan?: number;
}

/** An error shown inline under the answer it interrupted. `message` is already user-facing. */
export interface ErrorView {
  kind: string;
  message: string;
  /** Offer "Set API Key" next to Retry (authentication errors). */
  needsKey: boolean;
}

export type MessageStatus = 'complete' | 'streaming' | 'interrupted' | 'error';

export interface MessageView {
  id: string;
  role: Role;
  /** Markdown of the answer, or the user's text. */
  text: string;
  /** The model's thinking, shown folded. */
  reasoning?: string;
  /** How long the model thought, in ms, once known. */
  reasoningMs?: number;
  context?: ContextAttachment[];
  model?: string;
  usage?: TokenUsage;
  /** Estimated when the usage arrived, with the prices of that day. */
  cost?: CostView;
  status: MessageStatus;
  error?: ErrorView;
  /**
   * Why the model ended the answer, as the service said ('stop', 'length', 'content_filter', …);
   * absent when the answer did not end normally (stopped, failed) or was saved by an older version.
   * 'length' and 'content_filter' get a note under the answer: it is cut short, not complete.
   */
  finishReason?: string;
  createdAt: number;
  /**
   * An answer's other versions (Regenerate keeps the previous ones), in order; the message itself
   * is version `version` (0-based) of `alternatives.length + 1`. Absent: the only version.
   */
  alternatives?: AnswerVersion[];
  version?: number;
}

/** Why a message is not in the next request (see planChatRequest in src/chat/prompt.ts). */
export type LeftOutReason = 'unanswered' | 'noAnswer' | 'trimmed';

/** What the next request sends, measured against the model's context window (estimates, in tokens). */
export interface ContextInfo {
  /** Estimated tokens of the conversation as the next request sends it, system prompt included. */
  usedTokens: number;
  /** The model's context window. */
  windowTokens: number;
  /** Messages of the conversation the next request leaves out, and why. */
  leftOut: { id: string; reason: LeftOutReason }[];
}

/** An earlier (or later) answer to the same question, kept when the user regenerated it. */
export type AnswerVersion = Pick<MessageView, 'text' | 'reasoning' | 'reasoningMs' | 'model' | 'usage' | 'status' | 'error' | 'finishReason' | 'createdAt'>;

export interface SessionView {
  id: string;
  title: string;
  messages: MessageView[];
}

export interface SessionSummary {
  id: string;
  title: string;
  updatedAt: number;
  /** Name of the workspace the session was started in, if any. */
  workspace?: string;
  messageCount: number;
}

/** Host → webview. */
export type HostMessage =
  | {
      type: 'init';
      version: number;
      session: SessionView;
      model: string;
      busy: boolean;
      hasKey: boolean;
      /** Translated UI strings, keyed as in src/webviewStrings.ts. */
      strings: Record<string, string>;
      /** Attachments waiting to go with the next message. */
      pending: ContextAttachment[];
      draft: string;
      /** What the next request sends, for the context meter; absent when not measured. */
      context?: ContextInfo;
    }
  /** Replace the whole conversation (new chat, a session opened from history, after an edit). */
  | { type: 'session'; session: SessionView }
  | { type: 'messageAdded'; message: MessageView }
  /** Text and reasoning appended to a streaming answer, coalesced on the host (≈ every 16–50 ms). */
  | { type: 'delta'; messageId: string; text?: string; reasoning?: string }
  /** The final (or any non-append) state of a message: status, usage, error, reasoning time. */
  | { type: 'messageUpdated'; message: MessageView }
  | { type: 'busy'; busy: boolean }
  | { type: 'model'; model: string }
  | { type: 'hasKey'; hasKey: boolean }
  | { type: 'pending'; attachments: ContextAttachment[] }
  /**
   * The history list (for `query` when it answers a search). `deleted`: a conversation just deleted
   * that can still be restored (Undo).
   */
  | { type: 'history'; sessions: SessionSummary[]; query?: string; deleted?: { id: string; title: string } }
  /** The context meter and which messages the next request leaves out; after every change to either. */
  | { type: 'context'; context: ContextInfo }
  /** Put text in the input (editor "Ask About Selection") and focus it. */
  | { type: 'prefill'; text: string }
  | { type: 'focusInput' }
  /** A short note under the composer (an image the model cannot take, a limit reached). */
  | { type: 'notice'; text: string };

/** Webview → host. Untrusted: validated by the host before use. */
export type WebviewMessage =
  | { type: 'ready'; version: number }
  | { type: 'send'; text: string }
  | { type: 'stop' }
  | { type: 'regenerate' }
  /** Show (and send back to the model from now on) version `version` (0-based) of an answer. */
  | { type: 'selectVersion'; messageId: string; version: number }
  | { type: 'retry' }
  | { type: 'editResend'; messageId: string; text: string }
  | { type: 'newChat' }
  | { type: 'copy'; text: string }
  | { type: 'insertCode'; code: string; language?: string }
  | { type: 'applyCode'; code: string; language?: string }
  | { type: 'openLink'; href: string }
  | { type: 'attach'; what: 'file' | 'selection' }
  | { type: 'removeAttachment'; index: number }
  /** An image pasted or dropped into the composer: its file name, type and bytes in base64. */
  | { type: 'attachImage'; name: string; mimeType: string; data: string }
  | { type: 'pickModel' }
  | { type: 'setApiKey' }
  /** The history list; with `query`, only conversations whose title or text contains it. */
  | { type: 'listHistory'; query?: string }
  /** Undo of a delete: brings the conversation back. */
  | { type: 'restoreSession'; sessionId: string }
  | { type: 'renameSession'; sessionId: string; title: string }
  | { type: 'openSession'; sessionId: string }
  | { type: 'deleteSession'; sessionId: string }
  /** The unsent input, kept by the host so a reload does not lose it. */
  | { type: 'draft'; text: string };

export type WebviewMessageType = WebviewMessage['type'];

// ---- size limits ----
// The host's validator (src/chat/validate.ts) rejects a webview message over these; the webview
// checks the same figures before posting, so a user's text is kept and the reason shown instead of
// the message vanishing.

/** Upper bounds on string fields, in UTF-16 code units (what String.prototype.length counts). */
export const LIMITS = {
  /** A prompt (send, editResend) and the unsent draft. */
  prompt: 200_000,
  /** A message or code block copied, inserted or applied. */
  code: 1_000_000,
  href: 2_048,
  language: 64,
  /** Attachments waiting to be sent; removeAttachment indexes below this. */
  attachments: 100,
  /** Versions kept of one answer (Regenerate); selectVersion indexes below this. */
  versions: 20,
  /** A conversation's title (renameSession) and a history search. */
  title: 200,
} as const;

/** Which limit a message's user-sized field breaks: the field's kind, its length and the limit. */
export interface LimitProblem {
  kind: 'prompt' | 'code' | 'href';
  length: number;
  limit: number;
}

/**
 * The limit `message` breaks, or undefined when it is within all of them. Only the fields a user
 * fills (prompt, draft, copied or applied text, a link) are checked; the validator checks the rest.
 */
export function limitProblem(message: WebviewMessage): LimitProblem | undefined {
  const check = (kind: LimitProblem['kind'], text: string): LimitProblem | undefined =>
    text.length > LIMITS[kind] ? { kind, length: text.length, limit: LIMITS[kind] } : undefined;
  switch (message.type) {
    case 'send':
    case 'editResend':
    case 'draft':
      return check('prompt', message.text);
    case 'copy':
      return check('code', message.text);
    case 'insertCode':
    case 'applyCode':
      return check('code', message.code);
    case 'openLink':
      return check('href', message.href);
    default:
      return undefined;
  }
}

// ---- money: how the host and the webview write amounts of ¥ (one rule for both) ----

/**
 * `¥1.23`, `¥0.0042`, `¥0` — two decimals from ¥1 up, four below, `<¥0.0001` for a cost that is
 * not zero but rounds to it. `unit: false` leaves the ¥ sign out (an amount whose currency the
 * service does not say).
 */
export function formatYuan(yuan: number, unit = true): string {
  const sign = unit ? '¥' : '';
  if (!Number.isFinite(yuan)) return `${sign}?`;
  if (yuan === 0) return `${sign}0`;
  const abs = Math.abs(yuan);
  if (abs < 0.0001) return `<${sign}0.0001`;
  const text = abs < 1 ? abs.toFixed(4) : abs.toFixed(2);
  return `${yuan < 0 ? '-' : ''}${sign}${text}`;
}

/** A sum of estimates (¥): the known part and how many were unknown (`yuan` absent). */
export interface CostTotal {
  /** Sum of the known estimates. */
  yuan: number;
  /** How many estimates were known (a free model's ¥0 included). */
  known: number;
  unknown: number;
}

export function sumCosts(costs: Iterable<{ yuan?: number } | undefined>): CostTotal {
  const total: CostTotal = { yuan: 0, known: 0, unknown: 0 };
  for (const cost of costs) {
    if (!cost) continue;
    if (cost.yuan === undefined) {
      total.unknown++;
    } else {
      total.known++;
      total.yuan += cost.yuan;
    }
  }
  return total;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * When a conversation was last changed, as the history shows it: `justNow` (already translated)
 * under a minute, then "5 minutes ago", "yesterday", "3 days ago" (Intl.RelativeTimeFormat in
 * `locale`), then the date for anything older than a week. `time` and `now` in ms since the epoch.
 * One rule for the webview's history list and the host's Show Chat History.
 */
export function relativeTime(time: number, now: number, justNow: string, locale?: string): string {
  const ago = Math.max(0, now - time);
  if (ago < MINUTE_MS) return justNow;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (ago < HOUR_MS) return format.format(-Math.floor(ago / MINUTE_MS), 'minute');
  if (ago < DAY_MS) return format.format(-Math.floor(ago / HOUR_MS), 'hour');
  if (ago < 7 * DAY_MS) return format.format(-Math.floor(ago / DAY_MS), 'day');
  return new Date(time).toLocaleDateString(locale, { year: 'numeric', month: 'short', day: 'numeric' });
}
