// VS Code's language model messages → the client's ChatMessage[], without importing `vscode`, so
// the mapping is unit-tested in plain Node. Parts are recognised by their fields (the classes are
// VS Code's): text {value}, tool call {callId, name, input}, tool result {callId, content},
// data {mimeType, data: Uint8Array}; a thinking part is recognised by the caller's predicate,
// since it has a `value` like a text part.
import { contentText, normalizeImageMime, type ChatMessage, type ContentPart, type ToolCall } from '../client';

/** LanguageModelChatMessageRole: User = 1, Assistant = 2, System = 3 (proposed). */
export const ROLE_USER = 1;
export const ROLE_ASSISTANT = 2;
export const ROLE_SYSTEM = 3;

export interface LmMessageLike {
  readonly role: number;
  readonly content: ReadonlyArray<unknown>;
}

/** Reasoning of an earlier answer, as this provider recorded it (VS Code does not send it back). */
export interface TurnReasoning {
  text: string;
  signature?: string;
}

export interface ConvertOptions {
  /** True for VS Code's thinking part (a proposed API): its text is the turn's reasoning. */
  isThinkingPart?: (part: unknown) => boolean;
  /** The reasoning recorded for the answer that made the tool call `callId`. */
  reasoningFor?: (callId: string) => TurnReasoning | undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const decoder = new TextDecoder();

function textOfThinking(part: unknown): string {
  const value = isObject(part) ? part.value : undefined;
  return Array.isArray(value) ? value.join('') : typeof value === 'string' ? value : '';
}

function isToolCall(p: Record<string, unknown>): boolean {
  return typeof p.callId === 'string' && typeof p.name === 'string' && 'input' in p;
}

function isToolResult(p: Record<string, unknown>): boolean {
  return typeof p.callId === 'string' && Array.isArray(p.content);
}

function isData(p: Record<string, unknown>): p is { mimeType: string; data: Uint8Array } {
  return typeof p.mimeType === 'string' && p.data instanceof Uint8Array;
}

/** The text a data part stands for: text/* and JSON decoded; anything else (cache markers…) nothing. */
function dataText(p: { mimeType: string; data: Uint8Array }): string {
  return /^text\/|json/i.test(p.mimeType) ? decoder.decode(p.data) : '';
}

/** A tool result's content as the text the wire takes. */
function toolResultText(content: readonly unknown[]): string {
  const pieces: string[] = [];
  for (const item of content) {
    if (!isObject(item)) continue;
    if (typeof item.value === 'string') pieces.push(item.value);
    else if (isData(item)) pieces.push(normalizeImageMime(item.mimeType) ? `[image ${item.mimeType}]` : dataText(item));
  }
  return pieces.filter(Boolean).join('\n');
}

/** Parts with adjacent text merged; a list of text only becomes a plain string. */
function finish(parts: ContentPart[]): string | ContentPart[] {
  const merged: ContentPart[] = [];
  for (const p of parts) {
    const last = merged[merged.length - 1];
    if (p.type === 'text' && last?.type === 'text') last.text += p.text;
    else merged.push(p.type === 'text' ? { ...p } : p);
  }
  return merged.every((p) => p.type === 'text') ? contentText(merged) : merged;
}

/**
 * Converts one request. Tool results in a user message become `tool` messages (before the user's
 * text, which follows them); tool calls become the assistant turn's `toolCalls`. The reasoning of
 * an assistant turn is sent back only inside the current tool loop (after the last message the
 * user typed), from a thinking part in the message or from what `reasoningFor` recorded.
 */
export function toChatMessages(messages: readonly LmMessageLike[], o: ConvertOptions): ChatMessage[] {
  const out: ChatMessage[] = [];
  const lastTyped = lastTypedUserMessage(messages);
  for (const [index, m] of messages.entries()) {
    const parts: ContentPart[] = [];
    const calls: ToolCall[] = [];
    const results: ChatMessage[] = [];
    let thinking = '';
    let thinkingSignature: string | undefined;
    for (const part of m.content) {
      if (!isObject(part)) continue;
      if (o.isThinkingPart?.(part)) {
        thinking += textOfThinking(part);
        const meta = isObject(part.metadata) ? part.metadata : undefined;
        if (meta && typeof meta.signature === 'string') thinkingSignature = meta.signature;
      } else if (isToolCall(part)) {
        calls.push({ id: String(part.callId), name: String(part.name), arguments: JSON.stringify(part.input ?? {}) });
      } else if (isToolResult(part)) {
        results.push({ role: 'tool', toolCallId: String(part.callId), content: toolResultText(part.content as unknown[]) });
      } else if (typeof part.value === 'string') {
        parts.push({ type: 'text', text: part.value });
      } else if (isData(part)) {
        const mime = normalizeImageMime(part.mimeType);
        // Images always become image parts; the gateway puts a note in their place for a model without image input.
        if (mime) parts.push({ type: 'image', mimeType: mime, data: Buffer.from(part.data).toString('base64') });
        else {
          const text = dataText(part);
          if (text) parts.push({ type: 'text', text });
        }
      }
    }
    if (m.role === ROLE_ASSISTANT) {
      const message: ChatMessage = { role: 'assistant', content: finish(parts) };
      if (calls.length > 0) message.toolCalls = calls;
      if (index > lastTyped && calls.length > 0) {
        const recorded = thinking ? { text: thinking, signature: thinkingSignature } : o.reasoningFor?.(calls[0]!.id);
        if (recorded?.text) {
          message.reasoningContent = recorded.text;
          if (recorded.signature) message.reasoningSignature = recorded.signature;
        }
      }
      if (calls.length > 0 || contentText(message.content) !== '' || typeof message.content !== 'string') out.push(message);
      continue;
    }
    out.push(...results);
    if (parts.length === 0) continue;
    out.push({ role: m.role === ROLE_SYSTEM ? 'system' : 'user', content: finish(parts) });
  }
  return out;
}

/** Index of the last user message with something the user wrote (not only tool results); -1 if none. */
function lastTypedUserMessage(messages: readonly LmMessageLike[]): number {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role !== ROLE_USER) continue;
    if (m.content.some((p) => isObject(p) && !isToolResult(p) && (typeof p.value === 'string' || isData(p)))) return i;
  }
  return -1;
}

/** Text of a message for token counting: text, tool calls and results (images counted by the caller). */
export function messageTextForCount(m: LmMessageLike): { text: string; images: number } {
  let text = '';
  let images = 0;
  for (const part of m.content) {
    if (!isObject(part)) continue;
    if (isToolCall(part)) text += `${String(part.name)} ${JSON.stringify(part.input ?? {})}`;
    else if (isToolResult(part)) text += toolResultText(part.content as unknown[]);
    else if (typeof part.value === 'string') text += part.value;
    else if (Array.isArray(part.value)) text += part.value.join('');
    else if (isData(part)) {
      if (normalizeImageMime(part.mimeType)) images++;
      else text += dataText(part);
    }
  }
  return { text, images };
}
