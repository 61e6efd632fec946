import assert from 'node:assert/strict';
import { extractCode, stripThinking } from '../../src/prompts/extract';

describe('extractCode: taking the code out of an answer', () => {
  it('takes the fenced block and drops the prose around it', () => {
    const answer = 'Here is the refactored code:\n\n```ts\nconst x = 1;\nconst y = 2;\n```\n\nThis is simpler.';
    assert.deepEqual(extractCode(answer, 'typescript'), { code: 'const x = 1;\nconst y = 2;', source: 'fenced', language: 'ts' });
  });

  it('prefers the block in the document language over a longer one in another language', () => {
    const answer = '```bash\nnpm install some-long-package-name another-long-package-name\n```\n```python\ndef f():\n    return 1\n```';
    assert.equal(extractCode(answer, 'python').code, 'def f():\n    return 1');
  });

  it('takes the longest block when several match, ignoring a short usage example', () => {
    const answer = '```js\nfunction add(a, b) {\n  return a + b;\n}\n```\nUsage:\n```js\nadd(1, 2);\n```';
    assert.equal(extractCode(answer, 'javascript').code, 'function add(a, b) {\n  return a + b;\n}');
  });

  it('falls back to the longest block when none is tagged with the language', () => {
    const answer = '```\nshort\n```\n```text\na much longer block\nof text\n```';
    assert.equal(extractCode(answer, 'rust').code, 'a much longer block\nof text');
  });

  it('reads ~~~ fences and longer fences that hold ``` inside', () => {
    assert.equal(extractCode('~~~py\nx = 1\n~~~', 'python').code, 'x = 1');
    const md = '````markdown\n# Title\n```js\nlet a;\n```\n````';
    assert.equal(extractCode(md, 'markdown').code, '# Title\n```js\nlet a;\n```');
  });

  it('does not close a fence with a shorter one or the other fence character', () => {
    const answer = '````ts\nconst s = `\n```\n~~~~\n`;\n````';
    assert.equal(extractCode(answer, 'typescript').code, 'const s = `\n```\n~~~~\n`;');
  });

  it('keeps the indentation of the code inside the block', () => {
    const answer = '```ts\n    if (a) {\n        b();\n    }\n```';
    assert.equal(extractCode(answer, 'typescript').code, '    if (a) {\n        b();\n    }');
  });

  it('strips leading thinking, and shows nothing while the thinking is still open', () => {
    assert.equal(extractCode('<think>maybe ```js\nx\n``` no</think>\n```js\nreal();\n```', 'javascript').code, 'real();');
    assert.deepEqual(extractCode('<think>still pondering ```', 'javascript'), { code: '', source: 'none', language: '' });
    assert.equal(stripThinking('reasoning without the opening tag</think>\nanswer'), '\nanswer');
  });

  it('uses the whole answer, trimmed, when there is no fence at all', () => {
    assert.deepEqual(extractCode('\n\n  return a + b;\n\n', 'typescript'), { code: '  return a + b;', source: 'unfenced', language: '' });
  });

  it('shows the code of a fence still open while streaming, hiding a half-written closing fence', () => {
    assert.deepEqual(extractCode('Sure:\n```ts\nconst a = 1;\nconst b', 'typescript'), {
      code: 'const a = 1;\nconst b',
      source: 'open',
      language: 'ts',
    });
    assert.equal(extractCode('```ts\nconst a = 1;\n``', 'typescript').code, 'const a = 1;');
    assert.equal(extractCode('```ts\nconst a = 1;\n```', 'typescript').source, 'fenced');
  });

  it('shows nothing while only the start of a fence has arrived', () => {
    assert.equal(extractCode('``', 'typescript').source, 'none');
    assert.equal(extractCode('```typ', 'typescript').code, '');
  });

  it('does not take inline code spans as fences', () => {
    assert.equal(extractCode('```js `x` is inline\nplain text', 'javascript').source, 'unfenced');
  });

  it('handles CRLF answers', () => {
    assert.equal(extractCode('```ts\r\nconst a = 1;\r\n```\r\n', 'typescript').code, 'const a = 1;');
  });
});
