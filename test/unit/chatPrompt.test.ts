// What the model is sent for a conversation, and how a conversation is titled.
import assert from 'node:assert/strict';
import { buildChatMessages, cutToLimit, renderAttachment } from '../../src/chat/prompt';
import { titleFromPrompt } from '../../src/chat/session';
import type { MessageView } from '../../src/protocol';

const m = (role: 'user' | 'assistant', text: string, status: MessageView['status'] = 'complete', extra: Partial<MessageView> = {}): MessageView => ({
  id: Math.random().toString(36).slice(2),
  role,
  text,
  status,
  createdAt: 0,
  ...extra,
});

describe('chat prompt', () => {
  it('titles a conversation with its first prompt on one line, about 60 characters', () => {
    assert.equal(titleFromPrompt('  How do I\n\nreverse a list?  '), 'How do I reverse a list?');
    const long = titleFromPrompt('Explain the difference between processes and threads in operating systems, with examples');
    assert.ok(long.length <= 60, long);
    assert.ok(long.endsWith('…'));
    assert.ok(long.startsWith('Explain the difference between processes and threads'));
    assert.equal(titleFromPrompt('x'.repeat(200)).length, 60);
  });

  it('sends interrupted answers (the user saw them) but not failed, empty or streaming ones, nor reasoning', () => {
    const messages = [
      m('user', 'a'),
      m('assistant', 'partial', 'interrupted', { reasoning: 'hidden' }),
      m('user', 'b'),
      m('assistant', 'boom', 'error'),
      m('user', 'c'),
      m('assistant', '   ', 'complete'),
      m('user', 'd'),
      m('assistant', '', 'streaming'),
    ];
    assert.deepEqual(buildChatMessages(messages), [
      { role: 'user', content: 'a' },
      { role: 'assistant', content: 'partial' },
      { role: 'user', content: 'b\n\nc\n\nd' },
    ]);
  });

  it('fences attached code with a fence longer than any backticks inside it', () => {
    const text = renderAttachment({ kind: 'file', label: 'README.md', languageId: 'markdown', content: 'a\n`````\nb', truncated: false, originalLength: 9 });
    assert.equal(text, 'File `README.md`:\n``````markdown\na\n`````\nb\n``````');
  });

  it('cuts attachments to the limit without splitting a character', () => {
    assert.deepEqual(cutToLimit('abcdef', 10), { content: 'abcdef', truncated: false, originalLength: 6 });
    assert.deepEqual(cutToLimit('abcdef', 4), { content: 'abcd', truncated: true, originalLength: 6 });
    const emoji = 'ab🙂cd';
    assert.deepEqual(cutToLimit(emoji, 3), { content: 'ab', truncated: true, originalLength: 6 });
  });
});
