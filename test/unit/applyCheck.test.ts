// What Apply asks before proposing a chat code block: another language than the open file, and a
// whole-file replacement by a much smaller snippet.
import assert from 'node:assert/strict';
import { applyWarnings } from '../../src/chat/applyCheck';
import { fenceClashes, languageIdOfFence } from '../../src/prompts/fence';

const lines = (n: number): string => Array.from({ length: n }, (_, i) => `line ${i};`).join('\n');

describe('Apply: questions before a code block is proposed', () => {
  it('a bash block into a 32-line TypeScript file with no selection: another language, and the whole file would go', () => {
    const w = applyWarnings('curl -s https://example.com \\\n  -o out.json\n', 'bash', 'typescript', 32, false);
    assert.deepEqual(w, { languageClash: true, replacesWholeFile: true });
  });

  it('maps common fence tags to VS Code language ids', () => {
    for (const [tag, id] of [['ts', 'typescript'], ['TypeScript', 'typescript'], ['js', 'javascript'], ['py', 'python'], ['sh', 'shellscript'], ['bash', 'shellscript'], ['shell', 'shellscript'], ['yml', 'yaml']]) {
      assert.equal(languageIdOfFence(tag), id, tag);
    }
    assert.equal(languageIdOfFence('klingon'), undefined);
    assert.equal(languageIdOfFence(''), undefined);
  });

  it('no language question for a matching, related, unknown or missing tag', () => {
    assert.equal(fenceClashes('ts', 'typescript'), false);
    assert.equal(fenceClashes('js', 'typescript'), false, 'JavaScript fits a TypeScript file');
    assert.equal(fenceClashes('tsx', 'typescriptreact'), false);
    assert.equal(fenceClashes('sh', 'shellscript'), false);
    assert.equal(fenceClashes(undefined, 'typescript'), false);
    assert.equal(fenceClashes('', 'python'), false);
    assert.equal(fenceClashes('klingon', 'python'), false);
    assert.equal(fenceClashes('bash', 'plaintext'), false);
    assert.equal(fenceClashes('py', 'typescript'), true);
    assert.equal(fenceClashes('sh', 'python'), true);
  });

  it('no whole-file question with a selection, for a snippet about as long as the file, or for a small file', () => {
    assert.equal(applyWarnings('a();', 'ts', 'typescript', 32, true).replacesWholeFile, false);
    assert.equal(applyWarnings(lines(30), 'ts', 'typescript', 32, false).replacesWholeFile, false);
    assert.equal(applyWarnings('a();\nb();', 'ts', 'typescript', 5, false).replacesWholeFile, false);
    assert.equal(applyWarnings(lines(10), 'ts', 'typescript', 32, false).replacesWholeFile, true);
  });
});
