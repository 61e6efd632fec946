// A Markdown document shown inside a code block stays one block in the chat, with its own fences,
// and Copy / Insert / Apply give the whole inner document; streaming renders the same.
import { strict as assert } from 'node:assert';
import { Marked } from 'marked';
import { CODE_ACTION, codeActionMessage } from '../../src/webview/codeBlocks';
import { documentFence } from '../../src/webview/nestedFences';
import { assertStreamsLikeOneShot, makeRenderer, makeWindow, seededRandom } from './webview-renderer-helpers';

const README = '# Tool\n## Setup\n```sh\nmake install\n```\n## Run\n```json\n{"fast": true}\n```\nUse `tool --fast`.';
const BARE_INNER = '# Tool\n```\nplain block\n```\n~~~\ntilde block\n~~~\nend';

describe('chat: a Markdown document inside a code block', () => {
  const win = makeWindow();
  const renderer = makeRenderer(win);

  function blocks(markdown: string): Element[] {
    const holder = win.document.createElement('div');
    holder.append(renderer.renderAll(markdown));
    return Array.from(holder.querySelectorAll('.code-block'));
  }

  function actions(block: Element): unknown[] {
    return [CODE_ACTION.copy, CODE_ACTION.insert, CODE_ACTION.apply].map((action) =>
      codeActionMessage(block.querySelector(`[data-action="${action}"]`)!),
    );
  }

  const cases: [string, string, string][] = [
    ['a longer outer fence (````markdown)', `Here it is:\n\n\`\`\`\`markdown\n${BARE_INNER}\n\`\`\`\`\n\nDone.`, BARE_INNER],
    ['a ~~~ outer fence', `Here it is:\n\n~~~markdown\n${README}\n\`\`\`\nbare\n\`\`\`\n~~~\n\nDone.`, `${README}\n\`\`\`\nbare\n\`\`\``],
    ['a plain ~~~ outer fence', `~~~\n${README}\n~~~`, README],
    ['```markdown with inner fences that carry an info string', `Here it is:\n\n\`\`\`markdown\n${README}\n\`\`\`\n\nDone.`, README],
    ['```md with inner fences that carry an info string', `\`\`\`md\n${README}\n\`\`\``, README],
    ['nested three deep', '```markdown\n# A\n```md\n## B\n```sh\nls\n```\n```\nafter\n```\nDone.', '# A\n```md\n## B\n```sh\nls\n```\n```\nafter'],
  ];
  for (const [name, answer, document] of cases) {
    it(`${name}: one block; Copy / Insert / Apply give the whole document`, () => {
      const found = blocks(answer);
      assert.equal(found.length, 1, `one code block, not ${found.length}`);
      const language = found[0]!.querySelector('code')!.getAttribute('data-lang') ?? '';
      const withLanguage = language ? { code: document, language } : { code: document };
      assert.deepEqual(actions(found[0]!), [
        { type: 'copy', text: document },
        { type: 'insertCode', ...withLanguage },
        { type: 'applyCode', ...withLanguage },
      ]);
    });

    it(`${name}: streamed in any chunking, equals the one-shot render`, () => {
      assertStreamsLikeOneShot(win, renderer, answer, seededRandom(answer.length), [1, 3, 7, 20]);
    });
  }

  it('outside a Markdown block, fences keep their CommonMark meaning', () => {
    assert.equal(blocks('```js\nconst a = 1;\n```\ntext\n```py\nx = 1\n```').length, 2);
    // A bare fence inside ```markdown closes it (only a fence with an info string nests).
    assert.equal(blocks('```markdown\n# T\n```\nafter').length, 1);
  });

  it('the document tokenizer agrees with marked wherever nothing nests (random documents)', () => {
    const plain = new Marked({ gfm: true });
    const ours = new Marked({ gfm: true });
    ours.use({ tokenizer: { fences: (src: string) => documentFence(src) } });
    const random = seededRandom(99);
    const pool = ['```', '~~~', '````', 'x', '', '  y', ' ```', '- a', '> q', '~~~~ ', '   ```'];
    for (let n = 0; n < 3000; n++) {
      const lines = [random() < 0.5 ? '```md' : '  ```markdown'];
      for (let k = 1 + Math.floor(random() * 7); k > 0; k--) lines.push(pool[Math.floor(random() * pool.length)]!);
      const src = lines.join('\n') + (random() < 0.5 ? '\n' : '');
      assert.deepEqual(ours.lexer(src), plain.lexer(src), JSON.stringify(src));
    }
  });
});
