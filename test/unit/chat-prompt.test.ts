// What the model is sent for a conversation, and how a conversation is titled.
import assert from 'node:assert/strict';
import { buildChatMessages, planChatRequest, renderAttachment } from '../../src/chat/prompt';
import { measureContext } from '../../src/service/params';
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
    // The failed questions b and c are left out, never glued to d: the answer addresses d alone.
    assert.deepEqual(buildChatMessages(messages), [
      { role: 'user', content: 'a' },
      { role: 'assistant', content: 'partial' },
      { role: 'user', content: 'd' },
    ]);
    const plan = planChatRequest(messages);
    assert.deepEqual(
      plan.leftOut.map((l) => [messages.findIndex((x) => x.id === l.id), l.reason]),
      [[2, 'unanswered'], [3, 'noAnswer'], [4, 'unanswered'], [5, 'noAnswer'], [7, 'noAnswer']],
    );
  });

  it('a question whose answer failed is not sent with the next one; retried, it is sent as itself', () => {
    const failed = [m('user', 'question A'), m('assistant', '', 'error', { error: { kind: 'server', message: 'boom', needsKey: false } })];
    // The user asks something else instead of retrying.
    assert.deepEqual(buildChatMessages([...failed, m('user', 'question B')]), [{ role: 'user', content: 'question B' }]);
    // Retry drops the failed answer and asks A again, alone.
    assert.deepEqual(buildChatMessages([failed[0]]), [{ role: 'user', content: 'question A' }]);
    // Two questions in a row without an answer between them (a crash): still never joined.
    assert.deepEqual(buildChatMessages([m('user', 'x'), m('user', 'y')]), [{ role: 'user', content: 'y' }]);
  });

  it('drops the oldest turns until the request fits the context window, keeping the question', () => {
    const turn = (i: number): MessageView[] => [m('user', `question ${i} ` + 'q'.repeat(3500)), m('assistant', `answer ${i} ` + 'a'.repeat(3500))];
    const messages = [...Array.from({ length: 10 }, (_, i) => turn(i)).flat(), m('user', 'the question now')];
    // A window of 8,000 tokens: each turn is about 2,000 tokens, 1,024 are kept for the answer.
    const fits = (request: ReturnType<typeof buildChatMessages>): boolean => measureContext('x/Model', request, { 'x/Model': 8000 }).fits;
    assert.equal(fits(buildChatMessages(messages)), false);
    const plan = planChatRequest(messages, fits);
    assert.ok(fits(plan.messages));
    assert.equal(plan.trimmedTurns, 7);
    assert.equal(plan.messages.length, 7);
    assert.match(String(plan.messages[0].content), /^question 7 /);
    assert.deepEqual(plan.messages[6], { role: 'user', content: 'the question now' });
    assert.deepEqual(plan.leftOut.map((l) => l.reason), Array(14).fill('trimmed'));
    assert.deepEqual(plan.leftOut.map((l) => l.id), messages.slice(0, 14).map((x) => x.id));
    // A conversation that fits loses nothing.
    assert.equal(planChatRequest(messages.slice(-5), fits).trimmedTurns, 0);
  });

  it('fences attached code with a fence longer than any backticks inside it', () => {
    const text = renderAttachment({ kind: 'file', label: 'README.md', languageId: 'markdown', content: 'a\n`````\nb', truncated: false, originalLength: 9 });
    assert.equal(text, 'File `README.md`:\n``````markdown\na\n`````\nb\n``````');
  });
});
