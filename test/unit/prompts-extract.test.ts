import assert from 'node:assert/strict';
import { extractCode } from '../../src/prompts/extract';
import { fenced } from '../../src/prompts/fence';

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
    assert.equal(extractCode('reasoning without the opening tag `x`</think>\nanswer();', 'javascript', 'normal').code, 'answer();');
    // An unclosed <think> at a normal end is the answer: its code is the proposal.
    assert.equal(extractCode('<think>\n```js\nanswer();\n```', 'javascript', 'normal').code, 'answer();');
    assert.equal(extractCode('<think>\n```js\nanswer();\n```', 'javascript', 'cut').code, '');
  });

  it('uses the whole answer, trimmed, when there is no fence at all', () => {
    assert.deepEqual(extractCode('\n\n  return a + b;\n\n', 'typescript', 'normal'), { code: '  return a + b;', source: 'unfenced', language: '' });
  });

  it('shows the code of a fence still open while streaming, hiding a half-written closing fence', () => {
    assert.deepEqual(extractCode('Sure:\n```ts\nconst a = 1;\nconst b', 'typescript'), {
      code: 'const a = 1;\nconst b',
      source: 'open',
      language: 'ts',
    });
    assert.equal(extractCode('```ts\nconst a = 1;\n``', 'typescript').code, 'const a = 1;');
    assert.equal(extractCode('```ts\nconst a = 1;\n```', 'typescript', 'normal').source, 'fenced');
    assert.equal(extractCode('```ts\nconst a = 1;\n```\n', 'typescript').source, 'fenced');
  });

  it('shows nothing while only the start of a fence has arrived', () => {
    assert.equal(extractCode('``', 'typescript').source, 'none');
    assert.equal(extractCode('```typ', 'typescript').code, '');
  });

  it('does not take inline code spans as fences', () => {
    assert.equal(extractCode('```js `x` is inline\nplain text', 'javascript', 'normal').source, 'unfenced');
  });

  it('while streaming, text before any fence is not shown (it may be prose before the code): the preview never shrinks', () => {
    assert.equal(extractCode('Here is the refactored', 'javascript').code, '');
    assert.equal(extractCode('Here is the refactored code:\n```js\nx();', 'javascript').code, 'x();');
  });

  it('handles CRLF answers', () => {
    assert.equal(extractCode('```ts\r\nconst a = 1;\r\n```\r\n', 'typescript').code, 'const a = 1;');
  });
});

describe('extractCode: a Markdown document with code blocks of its own', () => {
  const SECTION = '# Tool\n## Setup\n```sh\nmake install\n```\n## Run\nUse `tool --fast`.';

  it('takes the whole README section from a ```markdown block with inner fences (issue example)', () => {
    const answer = `Here is the refactored section:\n\n\`\`\`markdown\n${SECTION}\n\`\`\`\n\nI kept the structure.`;
    assert.equal(extractCode(answer, 'markdown', 'normal').code, SECTION);
  });

  it('takes it whatever the inner fences are: bare openers, ~~~, 4-backtick runs, an untagged outer fence', () => {
    const doc = '# T\n```\nbare opener\n```\n~~~py\nx = 1\n~~~\n````md\n```js\nnested\n```\n````\ntail';
    for (const [open, close] of [['```markdown', '```'], ['```md', '```'], ['~~~markdown', '~~~'], ['```', '```'], ['`````markdown', '`````']]) {
      assert.equal(extractCode(`${open}\n${doc}\n${close}\nBye.`, 'markdown', 'normal').code, doc, open);
    }
  });

  it('still reads a plain code answer as before (no greed outside documents)', () => {
    const answer = '```js\nfunction add(a, b) {\n  return a + b;\n}\n```\nUsage:\n```js\nadd(1, 2);\n```';
    assert.equal(extractCode(answer, 'javascript', 'normal').code, 'function add(a, b) {\n  return a + b;\n}');
  });

  /** A seeded generator of Markdown documents full of fences. */
  function randomDocument(rnd: () => number): string {
    const pool = [
      '# Title', '## Setup', 'Some text with `code` and ``two ` ticks``.', '```sh', '```', '```json', '~~~', '~~~~',
      '````', '````markdown', '`````', '    indented code', '- item', '> quote', '', 'make install', '{"a": 1}', '```` ```',
    ];
    const lines: string[] = [];
    const count = 1 + Math.floor(rnd() * 14);
    for (let i = 0; i < count; i++) lines.push(pool[Math.floor(rnd() * pool.length)]!);
    // The selection as the user has it: no blank lines around (extraction trims those by design).
    while (lines.length && lines[0]!.trim() === '') lines.shift();
    while (lines.length && lines[lines.length - 1]!.trim() === '') lines.pop();
    return lines.length ? lines.join('\n') : '# Empty';
  }

  function seeded(seed: number): () => number {
    return () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
  }

  /** The ways models wrap a document: the prompt's own fence, and the common same-length styles, with prose and thinking around. */
  function wrappings(doc: string): string[] {
    return [
      fenced(doc, 'markdown'),
      `\`\`\`markdown\n${doc}\n\`\`\``,
      `\`\`\`md\n${doc}\n\`\`\``,
      `~~~markdown\n${doc}\n~~~`,
      `\`\`\`\n${doc}\n\`\`\``,
      `Here is the section:\n\n\`\`\`markdown\n${doc}\n\`\`\`\n\nI tightened the wording.`,
      `<think>The user wants it shorter.</think>\n\n${fenced(doc, 'markdown')}\n`,
      `Reasoning without its opening tag.</think>\n\`\`\`markdown\n${doc}\n\`\`\``,
    ];
  }

  it('property: any document, wrapped any of these ways, comes back exactly; the preview never shrinks', () => {
    const rnd = seeded(2026);
    for (let n = 0; n < 300; n++) {
      const doc = randomDocument(rnd);
      for (const answer of wrappings(doc)) {
        assert.equal(extractCode(answer, 'markdown', 'normal').code, doc, `final extraction of ${JSON.stringify(answer)}`);
        // The live preview, as the answer streams in random chunks: each preview extends the one before.
        let shown = '';
        for (let at = 0; at < answer.length; ) {
          at = Math.min(answer.length, at + 1 + Math.floor(rnd() * 12));
          const preview = extractCode(answer.slice(0, at), 'markdown').code;
          assert.ok(preview.startsWith(shown), `preview shrank at ${at} of ${JSON.stringify(answer)}: ${JSON.stringify(shown)} → ${JSON.stringify(preview)}`);
          shown = preview;
        }
        assert.ok(doc.startsWith(shown), 'the last preview is the document');
      }
    }
  });
});
