import assert from 'node:assert/strict';
import { applicability, notAppliedText, settledText, spliceText } from '../../src/edits/staleness';
import { english } from '../../src/service/translator';

describe('proposal staleness: may a proposal still be applied?', () => {
  it('applies when the document is unchanged since the request', () => {
    assert.equal(applicability({ requestVersion: 7, currentVersion: 7, isClosed: false, existsOnDisk: true }), 'ok');
  });

  it('refuses when the user typed anything meanwhile, even outside the range', () => {
    assert.equal(applicability({ requestVersion: 7, currentVersion: 8, isClosed: false, existsOnDisk: true }), 'changed');
  });

  it('refuses when the document was closed (its versions may start over)', () => {
    assert.equal(applicability({ requestVersion: 1, currentVersion: 1, isClosed: true, existsOnDisk: true }), 'closed');
  });

  it('refuses when the file was deleted on disk, even though the open document is unchanged', () => {
    assert.equal(applicability({ requestVersion: 4, currentVersion: 4, isClosed: false, existsOnDisk: false }), 'deleted');
    assert.equal(applicability({ requestVersion: 4, currentVersion: 4, isClosed: true, existsOnDisk: false }), 'deleted');
  });

  it('words each refusal by what happened: closed is "closed", deleted is "deleted", not "changed"', () => {
    assert.match(notAppliedText('closed', 'src/a.ts', english), /^src\/a\.ts was closed after the request/);
    assert.match(notAppliedText('deleted', 'src/a.ts', english), /^src\/a\.ts was deleted on disk/);
    assert.match(notAppliedText('changed', 'src/a.ts', english), /^src\/a\.ts changed after the request/);
    assert.doesNotMatch(notAppliedText('closed', 'a.ts', english), /changed/);
  });
});

describe('a control of a proposal that was already settled says what happened', () => {
  it('names the outcome for every way a proposal ends', () => {
    assert.match(settledText('accepted', 'Apply: a.ts', english), /^Apply: a\.ts: this proposal was already accepted\.$/);
    assert.match(settledText('rejected', 'Apply: a.ts', english), /already rejected; nothing was changed/);
    assert.match(settledText('cancelled', 'Apply: a.ts', english), /cancelled; nothing was changed/);
    assert.match(settledText('failed', 'Apply: a.ts', english), /refused this edit/);
    for (const stale of ['changed', 'closed', 'deleted'] as const) assert.match(settledText(stale, 'Apply: a.ts', english), /not applied/);
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
