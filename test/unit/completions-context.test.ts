// Prompt building for inline completion: budgets, cut points at line boundaries, the header with
// path and language, and snippets from other files of the same language.
import * as assert from 'node:assert/strict';
import { buildFimContext, commentLine, prefixWithin, suffixWithin } from '../../src/completions/context';
import { estimateTokens } from '../../src/service/params';

const lines = (n: number, tag: string): string => Array.from({ length: n }, (_, i) => `const ${tag}${i} = compute(${i}); // line ${i}`).join('\n');

describe('completions: prompt building', () => {
  it('keeps the whole file when it fits, prompt = header + text before the cursor, suffix = text after', () => {
    const text = 'function add(a, b) {\n  return a + b;\n}\n';
    const offset = text.indexOf('a + b');
    const ctx = buildFimContext({ text, offset, path: 'src/math.ts', languageId: 'typescript', budgetTokens: 1000 });
    assert.equal(ctx.prefix, 'function add(a, b) {\n  return ');
    assert.equal(ctx.suffix, 'a + b;\n}\n');
    assert.equal(ctx.prompt, `// Path: src/math.ts\n// Language: typescript\n${ctx.prefix}`);
    assert.equal(ctx.prefixCut, false);
    assert.equal(ctx.suffixCut, false);
  });

  it('writes the header in the language\'s comment syntax', () => {
    assert.equal(commentLine('python', 'Path: a.py'), '# Path: a.py');
    assert.equal(commentLine('sql', 'x'), '-- x');
    assert.equal(commentLine('html', 'x'), '<!-- x -->');
    assert.equal(commentLine('rust', 'x'), '// x');
    const ctx = buildFimContext({ text: 'x = 1\n', offset: 5, path: 'a.py', languageId: 'python', budgetTokens: 500 });
    assert.ok(ctx.prompt.startsWith('# Path: a.py\n# Language: python\n'));
  });

  it('cuts a long file to the budget at line boundaries, nearest lines kept, cursor line whole', () => {
    const text = `${lines(400, 'before')}\n  const cur = ${lines(400, 'after').replace(/^/, '')}`;
    const offset = text.indexOf('const cur = ') + 'const cur = '.length;
    const ctx = buildFimContext({ text, offset, path: 'big.ts', languageId: 'typescript', budgetTokens: 800 });
    assert.ok(ctx.prefixCut && ctx.suffixCut);
    assert.ok(ctx.tokens <= 800, `${ctx.tokens} tokens`);
    assert.ok(ctx.prefix.endsWith('\n  const cur = '), 'the cursor line from its start');
    assert.ok(ctx.prefix.startsWith('const before'), 'starts at a line start');
    assert.ok(ctx.prefix.includes('before399'), 'the nearest line before is kept');
    assert.ok(!ctx.prefix.includes('before0 '), 'far lines are dropped');
    assert.ok(ctx.suffix.endsWith('; // line ' + ctx.suffix.split('line ').pop()), 'ends at a line end');
    assert.ok(!ctx.suffix.endsWith('\n'));
    const suffixTokens = estimateTokens(ctx.suffix);
    assert.ok(suffixTokens <= 0.25 * 800 + 30 && suffixTokens > 100, `suffix ${suffixTokens} tokens within its share`);
  });

  it('a short suffix leaves its share to the prefix', () => {
    const text = `${lines(400, 'before')}\nend`;
    const ctx = buildFimContext({ text, offset: text.length - 3, path: 'a.ts', languageId: 'typescript', budgetTokens: 1000 });
    assert.ok(ctx.tokens > 900 && ctx.tokens <= 1000, `${ctx.tokens}`);
  });

  it('prefixWithin / suffixWithin never start or end mid-line except at the cursor', () => {
    const text = 'aaaa\nbbbb\ncccc\ndddd';
    assert.deepEqual(prefixWithin(text, 12, 3), { text: 'bbbb\ncc', cut: true });
    assert.deepEqual(suffixWithin(text, 7, 3), { text: 'bb\ncccc', cut: true });
    assert.deepEqual(suffixWithin(text, 7, 100), { text: 'bb\ncccc\ndddd', cut: false });
  });

  it('adds the most similar snippet from a neighbour of the same language, within its share', () => {
    const neighbour = {
      path: 'src/http.ts',
      text: `${lines(30, 'noise')}\nexport function fetchUser(userId: string) {\n  return httpClient.get(\`/users/\${userId}\`);\n}\n${lines(30, 'more')}`,
    };
    const unrelated = { path: 'src/other.ts', text: 'export const colour = "red";\n' };
    const text = 'async function load(userId: string) {\n  const user = await fetchUser(';
    const ctx = buildFimContext({ text, offset: text.length, path: 'src/load.ts', languageId: 'typescript', budgetTokens: 2000, neighbours: [unrelated, neighbour] });
    assert.match(ctx.header, /\/\/ Compare this snippet from src\/http\.ts:\n/);
    assert.match(ctx.header, /\/\/ export function fetchUser\(userId: string\) \{/);
    assert.ok(!ctx.header.includes('src/other.ts'));
    assert.ok(ctx.prompt.endsWith(text));
    const tight = buildFimContext({ text, offset: text.length, path: 'src/load.ts', languageId: 'typescript', budgetTokens: 60, neighbours: [neighbour] });
    assert.ok(!tight.header.includes('Compare this snippet'), 'no snippet when it does not fit its share');
  });
});
