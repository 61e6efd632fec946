// Turns the conversation the user sees into the messages sent to the model. No 'vscode' import.
import type { ChatMessage } from '../client';
import type { ContextAttachment, MessageView } from '../protocol';

/** A fence longer than any backtick run inside `content`, so the content cannot close it early. */
function fenceFor(content: string): string {
  let longest = 0;
  for (const run of content.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return '`'.repeat(Math.max(3, longest + 1));
}

export function renderAttachment(a: ContextAttachment): string {
  const what = a.kind === 'selection' ? 'Selection' : 'File';
  const note = a.truncated ? ` (truncated: first ${a.content.length} of ${a.originalLength} characters)` : '';
  const fence = fenceFor(a.content);
  const language = /^[A-Za-z0-9_#+.-]*$/.test(a.languageId) ? a.languageId : '';
  return `${what} \`${a.label}\`${note}:\n${fence}${language}\n${a.content}\n${fence}`;
}

/** The user's message as the model reads it: the attached context first, then the question. */
export function renderUserContent(text: string, context: readonly ContextAttachment[] | undefined): string {
  const blocks = (context ?? []).map(renderAttachment);
  return [...blocks, text].filter((part) => part.length > 0).join('\n\n');
}

/**
 * The request messages for the conversation so far. Assistant turns send back only their answer
 * text (PROTOCOL.md: later turns carry `content`, never the reasoning); failed and empty answers
 * are left out, and user turns that end up next to each other are joined, because the
 * Anthropic-compatible endpoint expects the roles to alternate.
 */
export function buildChatMessages(messages: readonly MessageView[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const m of messages) {
    let content: string;
    if (m.role === 'user') {
      content = renderUserContent(m.text, m.context);
    } else {
      if (m.status === 'error' || m.status === 'streaming' || !m.text.trim()) continue;
      content = m.text;
    }
    if (!content) continue;
    const last = out[out.length - 1];
    if (last && last.role === m.role) last.content += '\n\n' + content;
    else out.push({ role: m.role, content });
  }
  return out;
}

/** Cuts attached content to the size limit, recording that it was cut. */
export function cutToLimit(content: string, maxChars: number): { content: string; truncated: boolean; originalLength: number } {
  if (content.length <= maxChars) return { content, truncated: false, originalLength: content.length };
  // Do not split a surrogate pair: a lone half would show as a replacement character.
  let end = maxChars;
  const code = content.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return { content: content.slice(0, end), truncated: true, originalLength: content.length };
}
