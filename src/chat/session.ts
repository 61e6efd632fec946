// A conversation as the host keeps and stores it, and the checks applied when one is read back
// from disk (files can be damaged or written by another version). No 'vscode' import.
import type {
  AnswerVersion,
  ContextAttachment,
  CostView,
  ErrorView,
  MessageStatus,
  MessageView,
  SessionSummary,
  SessionView,
  TokenUsage,
} from '../protocol';
import { splitThinking } from '../prompts/think';
import { ID_PATTERN } from './validate';

export interface Session {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  /** Name of the workspace the session was started in. */
  workspace?: string;
  messages: MessageView[];
  /**
   * Ids of messages removed from this conversation (an answer regenerated, turns dropped by an
   * edit), so that merging with a copy saved by another window does not bring them back. The last
   * REMOVED_MAX only.
   */
  removedIds?: string[];
}

export const REMOVED_MAX = 500;

export const TITLE_MAX = 60;

/** The title of a conversation: its first prompt on one line, cut to about 60 characters. */
export function titleFromPrompt(prompt: string): string {
  const line = prompt.replace(/\s+/g, ' ').trim();
  if (line.length <= TITLE_MAX) return line;
  const cut = line.slice(0, TITLE_MAX - 1);
  // Cut at a word boundary when there is one in the last third, so titles do not end mid-word.
  const space = cut.lastIndexOf(' ');
  return (space > TITLE_MAX * 0.66 ? cut.slice(0, space) : cut).trimEnd() + '…';
}

/** A copy for posting: the live messages keep changing while an answer streams. */
export function toView(s: Session): SessionView {
  return { id: s.id, title: s.title, messages: s.messages.map((m) => ({ ...m })) };
}

export function toSummary(s: Session): SessionSummary {
  return {
    id: s.id,
    title: s.title,
    updatedAt: s.updatedAt,
    ...(s.workspace ? { workspace: s.workspace } : {}),
    messageCount: s.messages.length,
  };
}

// ---- reading stored data back: trust nothing ----

type Loose = Record<string, unknown>;

const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const STATUSES: readonly MessageStatus[] = ['complete', 'streaming', 'interrupted', 'error'];

function readUsage(v: unknown): TokenUsage | undefined {
  if (!isObject(v) || !isFiniteNumber(v.inputTokens) || !isFiniteNumber(v.outputTokens)) return undefined;
  return {
    inputTokens: v.inputTokens,
    outputTokens: v.outputTokens,
    ...(isFiniteNumber(v.reasoningTokens) ? { reasoningTokens: v.reasoningTokens } : {}),
    ...(isFiniteNumber(v.cachedInputTokens) ? { cachedInputTokens: v.cachedInputTokens } : {}),
  };
}

function readCost(v: unknown): CostView | undefined {
  if (!isObject(v)) return undefined;
  return isFiniteNumber(v.yuan) && v.yuan >= 0 ? { yuan: v.yuan } : {};
}

function readError(v: unknown): ErrorView | undefined {
  if (!isObject(v) || typeof v.kind !== 'string' || typeof v.message !== 'string') return undefined;
  return { kind: v.kind, message: v.message, needsKey: v.needsKey === true };
}

/** An attachment read back from storage (a session file, or the pending list in workspace state). */
export function readAttachment(v: unknown): ContextAttachment | undefined {
  if (!isObject(v) || (v.kind !== 'file' && v.kind !== 'selection' && v.kind !== 'image')) return undefined;
  if (typeof v.label !== 'string' || typeof v.languageId !== 'string' || typeof v.content !== 'string') return undefined;
  if (v.kind === 'image') {
    if (typeof v.mimeType !== 'string' || typeof v.data !== 'string') return undefined;
    return { kind: 'image', label: v.label, languageId: '', content: '', truncated: false, originalLength: isFiniteNumber(v.originalLength) ? v.originalLength : 0, mimeType: v.mimeType, data: v.data };
  }
  return {
    kind: v.kind,
    label: v.label,
    languageId: v.languageId,
    content: v.content,
    truncated: v.truncated === true,
    originalLength: isFiniteNumber(v.originalLength) ? v.originalLength : v.content.length,
  };
}

/** The fields of an answer that differ between its versions. */
export function versionOf(m: MessageView): AnswerVersion {
  const v: AnswerVersion = { text: m.text, status: m.status, createdAt: m.createdAt };
  if (m.reasoning !== undefined) v.reasoning = m.reasoning;
  if (m.reasoningMs !== undefined) v.reasoningMs = m.reasoningMs;
  if (m.model !== undefined) v.model = m.model;
  if (m.usage !== undefined) v.usage = m.usage;
  if (m.error !== undefined) v.error = m.error;
  if (m.finishReason !== undefined) v.finishReason = m.finishReason;
  return v;
}

/** Every version of an answer, in order (the message's own is at `version`). */
export function allVersions(m: MessageView): AnswerVersion[] {
  const others = m.alternatives ?? [];
  const at = Math.min(Math.max(0, m.version ?? others.length), others.length);
  return [...others.slice(0, at), versionOf(m), ...others.slice(at)];
}

/** The answer showing version `index` of `versions`, keeping the message's id and role. */
export function withVersion(m: MessageView, versions: readonly AnswerVersion[], index: number): MessageView {
  const chosen = versions[index];
  const { id, role } = m;
  const out: MessageView = { id, role, ...chosen };
  const alternatives = versions.filter((_, i) => i !== index);
  if (alternatives.length) {
    out.alternatives = alternatives;
    out.version = index;
  }
  return out;
}

/**
 * A stored message, or undefined when it is unusable. A message still marked 'streaming' was being
 * written when the extension host stopped: it comes back 'interrupted', with the text it had.
 */
function readMessage(v: unknown): MessageView | undefined {
  if (!isObject(v) || typeof v.id !== 'string' || (v.role !== 'user' && v.role !== 'assistant')) return undefined;
  if (typeof v.text !== 'string' || !STATUSES.includes(v.status as MessageStatus)) return undefined;
  const status = v.status === 'streaming' ? 'interrupted' : (v.status as MessageStatus);
  const m: MessageView = {
    id: v.id,
    role: v.role,
    text: v.text,
    status,
    createdAt: isFiniteNumber(v.createdAt) ? v.createdAt : 0,
  };
  if (typeof v.reasoning === 'string' && v.reasoning) m.reasoning = v.reasoning;
  else if (m.role === 'assistant' && m.text.includes('think>')) splitStoredThinking(m);
  if (isFiniteNumber(v.reasoningMs)) m.reasoningMs = v.reasoningMs;
  if (typeof v.model === 'string') m.model = v.model;
  const usage = readUsage(v.usage);
  if (usage) m.usage = usage;
  const cost = readCost(v.cost);
  if (cost) m.cost = cost;
  const error = readError(v.error);
  if (error) m.error = error;
  if (typeof v.finishReason === 'string' && /^[a-z_]{1,32}$/.test(v.finishReason)) m.finishReason = v.finishReason;
  if (Array.isArray(v.context)) {
    const context = v.context.map(readAttachment).filter((a): a is ContextAttachment => a !== undefined);
    if (context.length) m.context = context;
  }
  if (m.role === 'assistant' && Array.isArray(v.alternatives)) {
    const alternatives = v.alternatives
      .map((a) => readMessage({ ...(isObject(a) ? a : {}), id: m.id, role: 'assistant' }))
      .filter((a): a is MessageView => a !== undefined)
      .map(versionOf);
    if (alternatives.length) {
      m.alternatives = alternatives;
      m.version = isFiniteNumber(v.version) ? Math.min(Math.max(0, Math.round(v.version)), alternatives.length) : alternatives.length;
    }
  }
  return m;
}

/**
 * An answer stored before the thinking rule covered every form (a lone `</think>` was kept as
 * text) is split now, so it is neither shown nor sent back with its reasoning. An answer the
 * rule has split has its reasoning set, and is left alone: the rule is applied once.
 */
function splitStoredThinking(m: MessageView): void {
  const split = splitThinking(m.text, m.status === 'complete' ? 'normal' : 'cut');
  m.text = split.answer;
  if (split.reasoning) m.reasoning = split.reasoning;
}

/** Parses a stored session; undefined when it is not one (then the caller tries the backup). */
export function readSession(v: unknown, expectedId?: string): Session | undefined {
  if (!isObject(v) || typeof v.id !== 'string' || !ID_PATTERN.test(v.id)) return undefined;
  if (expectedId !== undefined && v.id !== expectedId) return undefined;
  if (typeof v.title !== 'string' || !Array.isArray(v.messages)) return undefined;
  const createdAt = isFiniteNumber(v.createdAt) ? v.createdAt : 0;
  return {
    id: v.id,
    title: v.title,
    createdAt,
    updatedAt: isFiniteNumber(v.updatedAt) ? v.updatedAt : createdAt,
    ...(typeof v.workspace === 'string' && v.workspace ? { workspace: v.workspace } : {}),
    messages: v.messages.map(readMessage).filter((m): m is MessageView => m !== undefined),
    ...(Array.isArray(v.removedIds) ? { removedIds: v.removedIds.filter((id): id is string => typeof id === 'string' && ID_PATTERN.test(id)).slice(-REMOVED_MAX) } : {}),
  };
}

const FINAL: readonly MessageStatus[] = ['complete', 'interrupted', 'error'];

/** Of two copies of one message, the one to keep: a finished one over one still streaming, else ours. */
function pickCopy(theirs: MessageView, ours: MessageView): MessageView {
  const theirsFinal = FINAL.includes(theirs.status);
  const oursFinal = FINAL.includes(ours.status);
  if (theirsFinal && !oursFinal) return theirs;
  return ours;
}

/**
 * Merges the copy of a conversation on disk (`theirs`, saved by another window) with the one being
 * saved (`ours`), message by message, so neither window's turns are lost: messages are matched by
 * id; a message only one side has is kept, placed after the message it followed on that side (a
 * question stays with its answer); a message either side removed (`removedIds`) stays removed. The
 * title comes from the copy updated last. Pure.
 */
export function mergeSessions(theirs: Session, ours: Session): Session {
  const removed = [...new Set([...(theirs.removedIds ?? []), ...(ours.removedIds ?? [])])].slice(-REMOVED_MAX);
  const gone = new Set(removed);
  const merged = theirs.messages.filter((m) => !gone.has(m.id));
  const position = new Map(merged.map((m, i) => [m.id, i]));
  let previous = -1;
  for (const m of ours.messages) {
    if (gone.has(m.id)) continue;
    const at = position.get(m.id);
    if (at !== undefined) {
      merged[at] = pickCopy(merged[at], m);
      previous = at;
      continue;
    }
    // After our previous message and whatever of theirs belongs to it: its answer, if that is theirs alone.
    let insertAt = previous + 1;
    const ourIds = new Set(ours.messages.map((x) => x.id));
    while (insertAt < merged.length && merged[insertAt].role === 'assistant' && !ourIds.has(merged[insertAt].id) && m.role === 'user') insertAt++;
    merged.splice(insertAt, 0, m);
    for (let i = insertAt; i < merged.length; i++) position.set(merged[i].id, i);
    previous = insertAt;
  }
  const newer = ours.updatedAt >= theirs.updatedAt ? ours : theirs;
  return {
    ...ours,
    title: newer.title || ours.title || theirs.title,
    createdAt: Math.min(theirs.createdAt || ours.createdAt, ours.createdAt || theirs.createdAt),
    updatedAt: Math.max(theirs.updatedAt, ours.updatedAt),
    messages: merged,
    ...(removed.length ? { removedIds: removed } : {}),
  };
}

export function readSummary(v: unknown): SessionSummary | undefined {
  if (!isObject(v) || typeof v.id !== 'string' || !ID_PATTERN.test(v.id) || typeof v.title !== 'string') return undefined;
  if (!isFiniteNumber(v.updatedAt) || !isFiniteNumber(v.messageCount)) return undefined;
  return {
    id: v.id,
    title: v.title,
    updatedAt: v.updatedAt,
    ...(typeof v.workspace === 'string' && v.workspace ? { workspace: v.workspace } : {}),
    messageCount: v.messageCount,
  };
}
