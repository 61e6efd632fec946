// Checks every message from the chat webview against the WebviewMessage union before the host acts
// on it. The webview renders model output, so it is treated as untrusted: a message with an unknown
// type, a missing or mistyped field, an extra key, an oversized string, an id that is not an id, or a
// link that is not http(s) is rejected. Accepted messages are rebuilt from their known fields only,
// so nothing else the sender attached travels further. No 'vscode' import: unit-tested in plain Node.
import { IMAGE_LIMITS, LIMITS, type WebviewMessage } from '../protocol';

// The limits are shared with the webview, which checks them before posting (src/protocol.ts).
export { LIMITS };

/** Message and session ids: what crypto.randomUUID() and our own ids look like, nothing path-like. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const LANGUAGE_PATTERN = /^[A-Za-z0-9_#+.-]*$/;

export type ValidationResult =
  | { ok: true; message: WebviewMessage }
  /** `type` is the claimed type when it looks like one (safe to log), else '?'. */
  | { ok: false; type: string; reason: string };

type Fields = Record<string, unknown>;

/** An object literal (or null-prototype object), not an array, class instance or primitive. */
function isPlainRecord(value: unknown): value is Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Base64 of at most IMAGE_LIMITS.maxBytes bytes, and nothing else. */
function isImageData(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= Math.ceil(IMAGE_LIMITS.maxBytes / 3) * 4 && /^[A-Za-z0-9+/]+={0,2}$/.test(v);
}

function isBoundedString(v: unknown, max: number): v is string {
  return typeof v === 'string' && v.length <= max;
}

function isId(v: unknown): v is string {
  return typeof v === 'string' && ID_PATTERN.test(v);
}

function isHttpUrl(v: unknown): v is string {
  if (!isBoundedString(v, LIMITS.href)) return false;
  try {
    const url = new URL(v);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function isOptionalLanguage(v: unknown): v is string | undefined {
  return v === undefined || (isBoundedString(v, LIMITS.language) && LANGUAGE_PATTERN.test(v));
}

/**
 * Per type: the keys the message may carry besides `type`, and a builder that returns the clean
 * message or undefined when a field is wrong.
 */
const SHAPES: { [K in WebviewMessage['type']]: { keys: readonly string[]; build(m: Fields): WebviewMessage | undefined } } = {
  ready: {
    keys: ['version'],
    build: (m) =>
      Number.isSafeInteger(m.version) && (m.version as number) >= 0 ? { type: 'ready', version: m.version as number } : undefined,
  },
  send: {
    keys: ['text'],
    build: (m) => (isBoundedString(m.text, LIMITS.prompt) ? { type: 'send', text: m.text } : undefined),
  },
  stop: { keys: [], build: () => ({ type: 'stop' }) },
  regenerate: { keys: [], build: () => ({ type: 'regenerate' }) },
  retry: { keys: [], build: () => ({ type: 'retry' }) },
  selectVersion: {
    keys: ['messageId', 'version'],
    build: (m) =>
      isId(m.messageId) && Number.isInteger(m.version) && (m.version as number) >= 0 && (m.version as number) < LIMITS.versions
        ? { type: 'selectVersion', messageId: m.messageId, version: m.version as number }
        : undefined,
  },
  editResend: {
    keys: ['messageId', 'text'],
    build: (m) =>
      isId(m.messageId) && isBoundedString(m.text, LIMITS.prompt)
        ? { type: 'editResend', messageId: m.messageId, text: m.text }
        : undefined,
  },
  newChat: { keys: [], build: () => ({ type: 'newChat' }) },
  copy: {
    keys: ['text'],
    build: (m) => (isBoundedString(m.text, LIMITS.code) ? { type: 'copy', text: m.text } : undefined),
  },
  insertCode: {
    keys: ['code', 'language'],
    build: (m) =>
      isBoundedString(m.code, LIMITS.code) && isOptionalLanguage(m.language)
        ? { type: 'insertCode', code: m.code, ...(m.language !== undefined ? { language: m.language } : {}) }
        : undefined,
  },
  applyCode: {
    keys: ['code', 'language'],
    build: (m) =>
      isBoundedString(m.code, LIMITS.code) && isOptionalLanguage(m.language)
        ? { type: 'applyCode', code: m.code, ...(m.language !== undefined ? { language: m.language } : {}) }
        : undefined,
  },
  openLink: {
    keys: ['href'],
    build: (m) => (isHttpUrl(m.href) ? { type: 'openLink', href: m.href } : undefined),
  },
  attach: {
    keys: ['what'],
    build: (m) => (m.what === 'file' || m.what === 'selection' ? { type: 'attach', what: m.what } : undefined),
  },
  attachImage: {
    keys: ['name', 'mimeType', 'data'],
    build: (m) =>
      isBoundedString(m.name, 200) && typeof m.mimeType === 'string' && IMAGE_LIMITS.mimeTypes.includes(m.mimeType) && isImageData(m.data)
        ? { type: 'attachImage', name: m.name, mimeType: m.mimeType, data: m.data }
        : undefined,
  },
  removeAttachment: {
    keys: ['index'],
    build: (m) =>
      Number.isInteger(m.index) && (m.index as number) >= 0 && (m.index as number) < LIMITS.attachments
        ? { type: 'removeAttachment', index: m.index as number }
        : undefined,
  },
  pickModel: { keys: [], build: () => ({ type: 'pickModel' }) },
  setApiKey: { keys: [], build: () => ({ type: 'setApiKey' }) },
  listHistory: {
    keys: ['query'],
    build: (m) =>
      m.query === undefined ? { type: 'listHistory' } : isBoundedString(m.query, LIMITS.title) ? { type: 'listHistory', query: m.query } : undefined,
  },
  restoreSession: {
    keys: ['sessionId'],
    build: (m) => (isId(m.sessionId) ? { type: 'restoreSession', sessionId: m.sessionId } : undefined),
  },
  renameSession: {
    keys: ['sessionId', 'title'],
    build: (m) =>
      isId(m.sessionId) && isBoundedString(m.title, LIMITS.title) && m.title.trim() !== ''
        ? { type: 'renameSession', sessionId: m.sessionId, title: m.title }
        : undefined,
  },
  openSession: {
    keys: ['sessionId'],
    build: (m) => (isId(m.sessionId) ? { type: 'openSession', sessionId: m.sessionId } : undefined),
  },
  deleteSession: {
    keys: ['sessionId'],
    build: (m) => (isId(m.sessionId) ? { type: 'deleteSession', sessionId: m.sessionId } : undefined),
  },
  draft: {
    keys: ['text'],
    build: (m) => (isBoundedString(m.text, LIMITS.prompt) ? { type: 'draft', text: m.text } : undefined),
  },
};

function hasShape(type: string): type is WebviewMessage['type'] {
  return Object.prototype.hasOwnProperty.call(SHAPES, type);
}

/** A type name safe to put in a log line: short and word characters only. */
function loggableType(v: unknown): string {
  return typeof v === 'string' && /^[A-Za-z]{1,32}$/.test(v) ? v : '?';
}

export function validateWebviewMessage(raw: unknown): ValidationResult {
  if (!isPlainRecord(raw)) return { ok: false, type: '?', reason: 'not a plain object' };
  const type = raw.type;
  const logType = loggableType(type);
  if (typeof type !== 'string' || !hasShape(type)) return { ok: false, type: logType, reason: 'unknown type' };
  const shape = SHAPES[type];
  for (const key of Object.getOwnPropertyNames(raw)) {
    if (FORBIDDEN_KEYS.has(key)) return { ok: false, type: logType, reason: 'forbidden key' };
    if (key !== 'type' && !shape.keys.includes(key)) return { ok: false, type: logType, reason: 'unexpected key' };
  }
  if (Object.getOwnPropertySymbols(raw).length > 0) return { ok: false, type: logType, reason: 'unexpected key' };
  const message = shape.build(raw);
  return message ? { ok: true, message } : { ok: false, type: logType, reason: 'bad field' };
}
