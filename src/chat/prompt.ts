// Turns the conversation the user sees into the messages sent to the model. No 'vscode' import.
import type { ChatMessage, ContentPart } from '../client';
import { fenceFor } from '../prompts/fence';
import { imageParts } from './imageAttachments';
import type { ContextAttachment, LeftOutReason, MessageView } from '../protocol';

export function renderAttachment(a: ContextAttachment): string {
  const what = a.kind === 'selection' ? 'Selection' : 'File';
  const note = a.truncated ? ` (truncated: first ${a.content.length} of ${a.originalLength} characters)` : '';
  const fence = fenceFor(a.content);
  const language = /^[A-Za-z0-9_#+.-]*$/.test(a.languageId) ? a.languageId : '';
  return `${what} \`${a.label}\`${note}:\n${fence}${language}\n${a.content}\n${fence}`;
}

/** The user's message as the model reads it: the attached context first, then the question. */
export function renderUserContent(text: string, context: readonly ContextAttachment[] | undefined): string {
  const blocks = (context ?? []).filter((a) => a.kind !== 'image').map(renderAttachment);
  return [...blocks, text].filter((part) => part.length > 0).join('\n\n');
}

/** A user message as sent: its text (attachments first), then its images as image parts. */
function userContent(m: MessageView): string | ContentPart[] {
  const text = renderUserContent(m.text, m.context);
  const images = imageParts(m.context);
  if (images.length === 0) return text;
  return text ? [{ type: 'text', text }, ...images] : images;
}

/*
 * Why a message of the conversation is not in the next request (LeftOutReason):
 * 'unanswered' a question whose answer failed or never came: retried as itself (Retry) or left out,
 *              never glued to the next one;
 * 'noAnswer'   an answer that failed, is empty or still streaming;
 * 'trimmed'    an older turn dropped so the request fits the model's context window.
 */

/** The request for a conversation and what of the conversation it leaves out (by message id). */
export interface ChatRequestPlan {
  messages: ChatMessage[];
  leftOut: { id: string; reason: LeftOutReason }[];
  /** Number of complete turns (question + answer) dropped for the context window. */
  trimmedTurns: number;
}

/** An answer the user saw and the model may be sent back: complete or interrupted, with text. */
function isUsableAnswer(m: MessageView | undefined): boolean {
  return m !== undefined && m.role === 'assistant' && (m.status === 'complete' || m.status === 'interrupted') && m.text.trim() !== '';
}

/**
 * What the next request sends for the conversation `messages` (the last user message, if it has no
 * answer yet, is the question being asked). Turns are a question and the answer the user saw to it;
 * assistant turns send back only their answer text (later turns carry `content`, never the
 * reasoning). A question whose answer failed, is empty or was never written is left out: it is
 * never joined to the next question, so the roles alternate as the Anthropic-compatible endpoint
 * requires and the next answer addresses only what the user asks now.
 *
 * `fits` (optional) says whether a request fits the model's context window (the service's
 * measureContext); when it does not, the oldest turns are dropped until it does, always keeping the
 * question being asked. If even that alone does not fit, it is returned alone and the service
 * refuses it with its own message.
 */
export function planChatRequest(messages: readonly MessageView[], fits?: (request: ChatMessage[]) => boolean): ChatRequestPlan {
  const turns: { ids: string[]; messages: ChatMessage[] }[] = [];
  const leftOut: ChatRequestPlan['leftOut'] = [];
  const lastUser = messages.map((m) => m.role).lastIndexOf('user');
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i];
    if (m.role === 'assistant') {
      // Answers are taken with their question below; one reaching here has no question sent with it.
      if (!isUsableAnswer(m)) leftOut.push({ id: m.id, reason: 'noAnswer' });
      continue;
    }
    const content = userContent(m);
    const next = messages[i + 1];
    if (isUsableAnswer(next)) {
      if (content) turns.push({ ids: [m.id, next.id], messages: [{ role: 'user', content }, { role: 'assistant', content: next.text }] });
      else leftOut.push({ id: next.id, reason: 'noAnswer' });
      i++;
    } else if (i === lastUser && content && (next === undefined || next.status === 'streaming')) {
      turns.push({ ids: [m.id], messages: [{ role: 'user', content }] });
    } else {
      leftOut.push({ id: m.id, reason: 'unanswered' });
    }
  }
  let first = 0;
  if (fits) {
    const flat = (from: number): ChatMessage[] => turns.slice(from).flatMap((t) => t.messages);
    if (!fits(flat(0))) {
      // The smallest number of oldest turns to drop: binary search, since fewer turns always fit better.
      let lo = 1;
      let hi = Math.max(1, turns.length - 1);
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (fits(flat(mid))) hi = mid;
        else lo = mid + 1;
      }
      first = Math.min(lo, Math.max(0, turns.length - 1));
    }
  }
  for (const turn of turns.slice(0, first)) for (const id of turn.ids) leftOut.push({ id, reason: 'trimmed' });
  return { messages: turns.slice(first).flatMap((t) => t.messages), leftOut, trimmedTurns: first };
}

/** The request messages for the conversation so far, with nothing trimmed (see planChatRequest). */
export function buildChatMessages(messages: readonly MessageView[]): ChatMessage[] {
  return planChatRequest(messages).messages;
}
