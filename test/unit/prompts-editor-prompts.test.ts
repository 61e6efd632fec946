import assert from 'node:assert/strict';
import {
  documentMessages,
  explainRequest,
  fixMessages,
  refactorMessages,
  selectionLabel,
  testsMessages,
  type CodeSelection,
} from '../../src/prompts/editorPrompts';
import { extractCode } from '../../src/prompts/extract';
import { fenced, fenceFor } from '../../src/prompts/fence';
import { estimateTokens, fitsContext, measureContext, windowFor } from '../../src/service/params';
import { surroundingLines } from '../../src/prompts/surroundings';
import { suggestTestPath } from '../../src/prompts/testPath';

const sel: CodeSelection = {
  languageId: 'typescript',
  path: 'app/src/math.ts',
  startLine: 10,
  endLine: 12,
  code: 'function add(a: number, b: number) {\n  return a + b;\n}',
  before: "import { log } from './log';",
  after: 'export { add };',
};

describe('editor prompts', () => {
  it('refactor: a system and a user message with the code fenced in its language, the path and lines', () => {
    const msgs = refactorMessages(sel, 'use an arrow function');
    assert.deepEqual(msgs.map((m) => m.role), ['system', 'user']);
    const user = msgs[1].content;
    assert.ok(user.includes('`app/src/math.ts:10-12`'));
    assert.ok(user.includes('```typescript\nfunction add(a: number, b: number) {\n  return a + b;\n}\n```'));
    assert.ok(user.includes('Instruction: use an arrow function'));
    assert.match(user, /ONLY the replacement .* one fenced code block tagged `typescript`/);
    assert.match(user, /keep the indentation/);
    assert.match(user, /do not repeat the surrounding code/);
  });

  it('a Markdown selection with fences of its own is sent in a longer fence, and the model is asked for the same', () => {
    const readme = '# Tool\n## Setup\n```sh\nmake install\n```\n## Run\nUse `tool --fast`.';
    const md = { ...sel, languageId: 'markdown', code: readme, before: '', after: '' };
    for (const messages of [refactorMessages(md, 'tighten'), fixMessages(md, []), documentMessages(md), testsMessages(md)]) {
      const user = messages[1]!.content;
      assert.ok(user.includes(`\`\`\`\`markdown\n${readme}\n\`\`\`\``), 'the selection, whole, inside ````');
      assert.match(user, /open and close the block with ```` \(4 backticks\)/);
      // What the model answers in that fence comes back whole.
      assert.equal(extractCode(`\`\`\`\`markdown\n${readme}\n\`\`\`\``, 'markdown', 'normal').code, readme);
    }
    assert.match(refactorMessages(sel, 'x')[1]!.content, /more backticks than any run inside it/);
  });

  it('refactor with an empty instruction asks to improve the code', () => {
    assert.match(refactorMessages(sel, '   ')[1].content, /Instruction: Improve this code/);
  });

  it('shows the surrounding lines as context only, and omits them when there are none', () => {
    const user = refactorMessages(sel, 'x')[1].content;
    assert.ok(user.includes("above the selection (context only, not to be changed):\n\n```typescript\nimport { log } from './log';\n```"));
    assert.ok(user.includes('below the selection (context only, not to be changed):\n\n```typescript\nexport { add };\n```'));
    const bare = refactorMessages({ ...sel, before: '', after: '' }, 'x')[1].content;
    assert.ok(!bare.includes('context only'));
  });

  it('the code of the prompt can be read back from it, whatever backticks the code holds', () => {
    const tricky = { ...sel, before: '', after: '', code: 'const md = `\n```js\nx\n```\n`;' };
    const user = refactorMessages(tricky, '')[1].content;
    assert.ok(user.includes('````typescript\n'));
    assert.equal(extractCode(user.slice(user.indexOf('````')), 'typescript').code, tricky.code);
  });

  it('fix: lists each diagnostic with its line, severity and source', () => {
    const user = fixMessages(sel, [
      { message: "Cannot find name 'c'.", severity: 'error', line: 11, source: 'ts' },
      { message: 'Unused variable.', severity: 'warning', line: 12 },
    ])[1].content;
    assert.ok(user.includes("- line 11 error (ts): Cannot find name 'c'."));
    assert.ok(user.includes('- line 12 warning: Unused variable.'));
    assert.match(user, /ONLY the replacement/);
  });

  it('fix without diagnostics asks to find the bugs, and adds an optional instruction', () => {
    const user = fixMessages(sel, [], 'the sum overflows')[1].content;
    assert.match(user, /reports no problems here/);
    assert.match(user, /Also: the sum overflows/);
  });

  it('documentation: asks for doc comments in the language convention without changing code', () => {
    const py = documentMessages({ ...sel, languageId: 'python', path: 'a.py' })[1].content;
    assert.match(py, /convention of python/);
    assert.match(py, /docstrings for Python/);
    assert.match(py, /do not change any code/);
    assert.match(py, /tagged `python`/);
  });

  it('tests: asks for a complete test file, naming where it will be saved', () => {
    const user = testsMessages(sel, 'app/src/math.test.ts')[1].content;
    assert.match(user, /one complete new test file/);
    assert.ok(user.includes('saved as `app/src/math.test.ts`'));
    assert.ok(!/ONLY the replacement/.test(user));
  });

  it('labels the whole file as such', () => {
    assert.match(refactorMessages({ ...sel, wholeFile: true, before: '', after: '' }, '')[1].content, /the whole file `app\/src\/math.ts`/);
  });

  it('explain: a chat request naming the code by path and lines (the code travels as an attachment)', () => {
    assert.equal(
      explainRequest(sel),
      'Explain the typescript code in `app/src/math.ts:10-12`: what it does, how it works step by step, and anything surprising or risky in it.',
    );
    assert.equal(selectionLabel({ path: 'Untitled-1', startLine: 3, endLine: 3 }), 'Untitled-1:3');
  });
});

describe('fences', () => {
  it('are longer than any backtick run in the code', () => {
    assert.equal(fenceFor('no ticks'), '```');
    assert.equal(fenceFor('a ``` b'), '````');
    assert.equal(fenceFor('`````'), '``````');
  });
  it('use the markdown name of the language and end the code with a line break', () => {
    assert.equal(fenced('x', 'typescriptreact'), '```tsx\nx\n```');
    assert.equal(fenced('x\n', 'plaintext'), '```\nx\n```');
  });
});

describe('surrounding lines', () => {
  const lines = ['l0', 'l1', 'l2', 'SEL', 'l4', 'l5', 'l6'];
  it('takes the nearest lines on both sides within the budget', () => {
    assert.deepEqual(surroundingLines(lines, 3, 3, 100), { before: 'l0\nl1\nl2', after: 'l4\nl5\nl6' });
    assert.deepEqual(surroundingLines(lines, 3, 3, 9), { before: 'l1\nl2', after: 'l4' });
  });
  it('gives nothing with no budget or at the edges of the file', () => {
    assert.deepEqual(surroundingLines(lines, 3, 3, 0), { before: '', after: '' });
    assert.deepEqual(surroundingLines(lines, 0, 6, 100), { before: '', after: '' });
  });
  it('keeps filling one side when the other has run out', () => {
    assert.deepEqual(surroundingLines(['SEL', 'a', 'b', 'c'], 0, 0, 4), { before: '', after: 'a\nb' });
    assert.deepEqual(surroundingLines(['a', 'b', 'c', 'SEL'], 3, 3, 4), { before: 'b\nc', after: '' });
  });
});

// The editor commands use the service's one context check (src/service/params.ts), with room kept
// for an answer as long as the code being rewritten.
describe('context budget', () => {
  it('estimates code at about 3.5 characters a token and CJK at one character a token', () => {
    assert.equal(estimateTokens('a'.repeat(35)), 10);
    assert.equal(estimateTokens('你好世界'), 4);
  });
  it('knows some SiliconFlow windows, takes overrides, and assumes 128K otherwise', () => {
    assert.equal(windowFor('Qwen/Qwen3-Coder-480B-A35B-Instruct'), 262_144);
    assert.equal(windowFor('Qwen/Qwen2.5-Coder-32B-Instruct'), 32_768);
    assert.equal(windowFor('Pro/deepseek-ai/DeepSeek-V3.2'), 163_840);
    assert.equal(windowFor('some/new-model', { 'some/new-model': 8192 }), 8192);
    assert.equal(windowFor('some/new-model'), 131_072);
  });
  it('refuses a selection larger than the window, accepts a normal one', () => {
    const big = refactorMessages({ ...sel, code: 'x = 1;\n'.repeat(20_000) }, '');
    const check = measureContext('Qwen/Qwen2.5-Coder-32B-Instruct', big, {}, 40_000);
    assert.equal(check.fits, false);
    assert.equal(check.windowTokens, 32_768);
    assert.equal(measureContext('Qwen/Qwen2.5-Coder-32B-Instruct', refactorMessages(sel, ''), {}, 2048).fits, true);
  });
  it('keeps room for the rewrite: a prompt that fits alone is refused when its answer would not', () => {
    // About 12K tokens of code in a 16K window: the prompt fits, the prompt plus a rewrite does not.
    const code = 'let value = compute(1);\n'.repeat(1_750);
    const messages = refactorMessages({ ...sel, code }, '');
    const windows = { 'test/model': 16_384 };
    const alone = measureContext('test/model', messages, windows);
    assert.equal(alone.fits, true);
    const rewrite = measureContext('test/model', messages, windows, estimateTokens(code) * 1.5 + 512);
    assert.equal(rewrite.fits, false);
    assert.ok(rewrite.neededTokens > alone.neededTokens + estimateTokens(code));
    assert.match(fitsContext('test/model', messages, windows, undefined, estimateTokens(code)) ?? '', /16,384 tokens/);
    assert.equal(fitsContext('test/model', messages, windows), undefined);
  });
});

describe('test file paths', () => {
  it('follow each language convention', () => {
    assert.equal(suggestTestPath('src/math.ts'), 'src/math.test.ts');
    assert.equal(suggestTestPath('pkg/util.py'), 'pkg/test_util.py');
    assert.equal(suggestTestPath('cmd/main.go'), 'cmd/main_test.go');
    assert.equal(suggestTestPath('src/Main.java'), 'src/MainTest.java');
    assert.equal(suggestTestPath('lib/thing.rb'), 'lib/thing_spec.rb');
  });
  it('are not suggested for untitled documents or test files', () => {
    assert.equal(suggestTestPath('Untitled-1'), undefined);
    assert.equal(suggestTestPath('src/math.test.ts'), undefined);
    assert.equal(suggestTestPath('test_util.py'), undefined);
  });
});
