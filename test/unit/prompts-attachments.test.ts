// One rule for attachments, whoever attaches (the chat's Attach buttons, Explain / Ask About
// Selection): the same label and the same cut for the same code.
import assert from 'node:assert/strict';
import { cutToLimit, makeAttachment } from '../../src/prompts/attachments';

describe('prompts: attachments', () => {
  it('cuts attachments to the limit without splitting a character', () => {
    assert.deepEqual(cutToLimit('abcdef', 10), { content: 'abcdef', truncated: false, originalLength: 6 });
    assert.deepEqual(cutToLimit('abcdef', 4), { content: 'abcd', truncated: true, originalLength: 6 });
    const emoji = 'ab🙂cd';
    assert.deepEqual(cutToLimit(emoji, 3), { content: 'ab', truncated: true, originalLength: 6 });
  });

  it('labels a whole file by its path and a selection by its lines (one line without a range)', () => {
    const base = { path: 'src/a.ts', languageId: 'typescript', text: 'const a = 1;\n' };
    assert.deepEqual(makeAttachment(base, 100), {
      kind: 'file', label: 'src/a.ts', languageId: 'typescript', content: 'const a = 1;\n', truncated: false, originalLength: 13,
    });
    assert.equal(makeAttachment({ ...base, lines: { start: 3, end: 7 } }, 100).label, 'src/a.ts:3-7');
    assert.equal(makeAttachment({ ...base, lines: { start: 3, end: 7 } }, 100).kind, 'selection');
    assert.equal(makeAttachment({ ...base, lines: { start: 4, end: 4 } }, 100).label, 'src/a.ts:4');
  });

  it('cuts a selection of emoji at the limit without a lone surrogate, and says how long it was', () => {
    const text = '🙂'.repeat(10); // 20 UTF-16 units
    const a = makeAttachment({ path: 'notes.md', languageId: 'markdown', text, lines: { start: 1, end: 1 } }, 5);
    assert.equal(a.content, '🙂🙂');
    assert.equal(a.truncated, true);
    assert.equal(a.originalLength, 20);
    assert.ok(!/[\uD800-\uDBFF]$/.test(a.content));
  });
});
