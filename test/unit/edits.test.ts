import assert from 'node:assert/strict';
import { applicability, spliceText } from '../../src/edits/staleness';

describe('proposal staleness: may a proposal still be applied?', () => {
  it('applies when the document is unchanged since the request', () => {
    assert.equal(applicability({ requestVersion: 7, currentVersion: 7, isClosed: false }), 'ok');
  });

  it('refuses when the user typed anything meanwhile, even outside the range', () => {
    assert.equal(applicability({ requestVersion: 7, currentVersion: 8, isClosed: false }), 'changed');
  });

  it('refuses when the document was closed (its versions may start over)', () => {
    assert.equal(applicability({ requestVersion: 1, currentVersion: 1, isClosed: true }), 'closed');
  });
});

describe('spliceText: the right side of the diff', () => {
  it('replaces exactly the range and keeps the rest of the document', () => {
    const doc = 'line1\nold();\nline3\n';
    assert.equal(spliceText(doc, 6, 12, 'new();\nmore();'), 'line1\nnew();\nmore();\nline3\n');
  });
  it('inserts at an empty range and deletes with an empty replacement', () => {
    assert.equal(spliceText('ab', 1, 1, 'X'), 'aXb');
    assert.equal(spliceText('abc', 1, 2, ''), 'ac');
  });
});
