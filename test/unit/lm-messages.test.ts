// VS Code's language model messages → the client's messages (src/lm/messages.ts), with parts shaped
// like VS Code's classes (the real classes are used by the extension-host suite).
import * as assert from 'node:assert/strict';
import { ROLE_ASSISTANT, ROLE_USER, messageTextForCount, toChatMessages, type LmMessageLike } from '../../src/lm/messages';

const text = (value: string) => ({ value });
const call = (callId: string, name: string, input: object) => ({ callId, name, input });
const result = (callId: string, value: string) => ({ callId, content: [text(value)] });
const image = (mimeType: string) => ({ mimeType, data: new Uint8Array([137, 80, 78, 71]) });
class Thinking {
  constructor(readonly value: string) {}
}

const LOOP: LmMessageLike[] = [
  { role: ROLE_USER, content: [text('Read a.txt')] },
  { role: ROLE_ASSISTANT, content: [text('Reading.'), call('c1', 'read_file', { path: 'a.txt' })] },
  { role: ROLE_USER, content: [result('c1', 'hello')] },
];

describe('lm: VS Code messages → client messages', () => {
  it('text, a tool call and its result become user / assistant+toolCalls / tool', () => {
    assert.deepEqual(toChatMessages(LOOP, {}), [
      { role: 'user', content: 'Read a.txt' },
      { role: 'assistant', content: 'Reading.', toolCalls: [{ id: 'c1', name: 'read_file', arguments: '{"path":"a.txt"}' }] },
      { role: 'tool', toolCallId: 'c1', content: 'hello' },
    ]);
  });

  it('the reasoning recorded for a call goes back inside the current tool loop only', () => {
    const reasoningFor = (id: string) => (id === 'c1' ? { text: 'need the file', signature: 'sig' } : undefined);
    const inLoop = toChatMessages(LOOP, { reasoningFor });
    assert.equal(inLoop[1]!.reasoningContent, 'need the file');
    assert.equal(inLoop[1]!.reasoningSignature, 'sig');
    // Once the user writes again, that loop is over: its reasoning stays out (later turns carry content only).
    const later = toChatMessages([...LOOP, { role: ROLE_ASSISTANT, content: [text('It says hello.')] }, { role: ROLE_USER, content: [text('Thanks')] }], { reasoningFor });
    assert.equal(later[1]!.reasoningContent, undefined);
  });

  it('a thinking part in the assistant message is the reasoning sent back', () => {
    const messages: LmMessageLike[] = [LOOP[0]!, { role: ROLE_ASSISTANT, content: [new Thinking('plan'), call('c1', 'read_file', {})] }, LOOP[2]!];
    const out = toChatMessages(messages, { isThinkingPart: (p) => p instanceof Thinking });
    assert.equal(out[1]!.reasoningContent, 'plan');
    assert.equal(out[1]!.content, '');
  });

  it('an image data part becomes an image part; cache markers are dropped', () => {
    const msg: LmMessageLike = { role: ROLE_USER, content: [text('What is this?'), image('image/png'), { mimeType: 'cache_control', data: new TextEncoder().encode('ephemeral') }] };
    assert.deepEqual(toChatMessages([msg], {})[0]!.content, [
      { type: 'text', text: 'What is this?' },
      { type: 'image', mimeType: 'image/png', data: Buffer.from([137, 80, 78, 71]).toString('base64') },
    ]);
  });

  it('token counting sees text, tool calls, results and counts images apart', () => {
    assert.deepEqual(messageTextForCount({ role: ROLE_USER, content: [text('ab'), image('image/jpeg'), result('c', 'xyz')] }), { text: 'abxyz', images: 1 });
  });
});
