// Where the chat's Insert / Apply / Attach and the editor commands land: only on a file or an
// untitled document the user can edit, never on the Output panel, a Git view or a proposal preview.
import assert from 'node:assert/strict';
import { chooseTarget, refusalText, verdictFor, type DocumentFacts } from '../../src/edits/editable';
import { english } from '../../src/service/translator';

const doc = (scheme: string, readOnly = false): DocumentFacts & { name: string } => ({ scheme, readOnly, name: `${scheme}${readOnly ? '-ro' : ''}` });
const file = doc('file');
const untitled = doc('untitled');
const output = doc('output');
const gitOriginal = doc('git');
const proposal = doc('siliconflow-proposal');
const readOnlyFile = doc('file', true);

describe('which documents an action may act on', () => {
  it('files and untitled documents may be read and edited', () => {
    for (const d of [file, untitled]) {
      assert.equal(verdictFor(d, 'edit'), 'ok');
      assert.equal(verdictFor(d, 'read'), 'ok');
    }
  });

  it('the Output panel, logs, Git / diff originals, proposal previews and other virtual documents are not documents', () => {
    for (const scheme of ['output', 'git', 'vscode-userdata', 'walkThroughSnippet', 'vscode-notebook-cell-output', 'diff', 'extension-output']) {
      assert.equal(verdictFor(doc(scheme), 'edit'), 'notADocument', scheme);
      assert.equal(verdictFor(doc(scheme), 'read'), 'notADocument', scheme);
    }
  });

  it('a read-only file is never written into, but may be attached as context', () => {
    assert.equal(verdictFor(readOnlyFile, 'edit'), 'readOnly');
    assert.equal(verdictFor(readOnlyFile, 'read'), 'ok');
  });
});

describe('the editor the user means', () => {
  const pick = (active: typeof file | undefined, visible: (typeof file)[], purpose: 'read' | 'edit' = 'edit') =>
    chooseTarget(active, visible, (d) => verdictFor(d, purpose));

  it('the Output panel active and no file open: refused, naming the Output panel', () => {
    const choice = pick(output, [output]);
    assert.deepEqual(choice, { ok: false, verdict: 'notADocument', refused: output });
  });

  it('the Output panel active and a file in the editor area: the file', () => {
    assert.deepEqual(pick(output, [output, file]), { ok: true, target: file });
    assert.deepEqual(pick(proposal, [gitOriginal, proposal, untitled]), { ok: true, target: untitled });
  });

  it('the active editor wins when it is a document', () => {
    assert.deepEqual(pick(untitled, [file, untitled]), { ok: true, target: untitled });
  });

  it('a read-only active file is refused rather than silently editing another file', () => {
    assert.deepEqual(pick(readOnlyFile, [readOnlyFile, file]), { ok: false, verdict: 'readOnly', refused: readOnlyFile });
    // …but reading it (Attach) is fine.
    assert.deepEqual(pick(readOnlyFile, [readOnlyFile, file], 'read'), { ok: true, target: readOnlyFile });
  });

  it('nothing open at all: "none"; only read-only files visible: read-only', () => {
    assert.deepEqual(pick(undefined, []), { ok: false, verdict: 'none' });
    assert.deepEqual(pick(undefined, [gitOriginal]), { ok: false, verdict: 'none' });
    assert.deepEqual(pick(undefined, [readOnlyFile]), { ok: false, verdict: 'readOnly', refused: readOnlyFile });
  });
});

describe('the refusal says "open a file first"', () => {
  it('for each action, naming what was refused', () => {
    for (const action of ['insert', 'apply', 'attachFile', 'attachSelection', 'command'] as const) {
      assert.match(refusalText(action, 'none', undefined, english), /^Open a file first/, action);
      const named = refusalText(action, 'notADocument', 'The Output panel', english);
      assert.match(named, /^The Output panel is not a file you can edit\. Open a file first/, action);
    }
  });

  it('a proposal preview in focus: what to do with it, naming its file, not "open a file" (a file is open)', () => {
    assert.equal(verdictFor(proposal, 'edit'), 'proposal');
    assert.equal(verdictFor(proposal, 'read'), 'proposal');
    assert.deepEqual(chooseTarget(proposal, [proposal], (d) => verdictFor(d, 'edit')), { ok: false, verdict: 'proposal', refused: proposal });
    assert.deepEqual(chooseTarget(proposal, [proposal, file], (d) => verdictFor(d, 'edit')), { ok: true, target: file }, 'a file beside it is used');
    for (const action of ['insert', 'apply', 'attachFile', 'attachSelection', 'command'] as const) {
      const text = refusalText(action, 'proposal', 'target.py', english);
      assert.match(text, /^A proposal for target\.py is open and waiting: Accept or Reject it first/, action);
      assert.doesNotMatch(text, /siliconflow-proposal|Open a file first/, action);
    }
  });

  it('a read-only file is called read-only', () => {
    assert.match(refusalText('insert', 'readOnly', 'lib.d.ts', english), /^lib\.d\.ts is read-only, so nothing was changed/);
  });
});
