// Code blocks carry a language label and Copy / Insert at Cursor / Apply, which post the code exactly
// as the model wrote it — not the highlighted HTML, not HTML-escaped.
import { strict as assert } from 'node:assert';
import { REPEAT_WINDOW_MS } from '../../src/webview/codeBlocks';
import { click, createHarness, initMessage, message, session } from './webview-harness';

const CODE = 'if (a < b && c > "d") {\n  return `<tag>` + \'x\'; // é 中文\n}\n\n  indented';
const ANSWER = `Here:\n\n\`\`\`typescript\n${CODE}\n\`\`\`\n\nAnd plain:\n\n\`\`\`\nno <lang>\n\`\`\``;

describe('code blocks', () => {
  function setUp() {
    const h = createHarness({ init: initMessage({ session: session([message({ id: 'a1', role: 'assistant', text: ANSWER })]) }) });
    h.frame();
    return h;
  }

  it('are highlighted and labelled with the language', () => {
    const h = setUp();
    const blocks = h.doc.querySelectorAll('.code-block');
    assert.equal(blocks.length, 2);
    assert.equal(blocks[0]!.querySelector('.code-lang')?.textContent, 'typescript');
    assert.ok(blocks[0]!.querySelector('code .hljs-keyword'), 'highlighted');
    assert.equal(blocks[1]!.querySelector('.code-lang')?.textContent, 'Code');
  });

  it('Copy, Insert at Cursor and Apply post the raw code', () => {
    const h = setUp();
    const [first, second] = Array.from(h.doc.querySelectorAll('.code-block'));
    click(first!.querySelector('button[aria-label="Copy"]')!);
    click(first!.querySelector('button[aria-label="Insert at Cursor"]')!);
    click(first!.querySelector('button[aria-label="Apply"]')!);
    assert.deepEqual(h.posted.slice(-3), [
      { type: 'copy', text: CODE },
      { type: 'insertCode', code: CODE, language: 'typescript' },
      { type: 'applyCode', code: CODE, language: 'typescript' },
    ]);
    click(second!.querySelector('button[aria-label="Apply"]')!);
    assert.deepEqual(h.posted.at(-1), { type: 'applyCode', code: 'no <lang>' }, 'no language key without a fence tag');
  });

  it('Copy shows brief "Copied" feedback', () => {
    const h = setUp();
    const copy = h.doc.querySelector<HTMLButtonElement>('.code-block button[aria-label="Copy"]')!;
    click(copy);
    assert.equal(copy.querySelector('.copied-note')?.textContent, 'Copied');
    assert.equal(copy.getAttribute('aria-label'), 'Copy', 'the name stays stable');
  });

  it('work on a block that is still streaming, with the code received so far', () => {
    const h = createHarness();
    h.send({ type: 'messageAdded', message: message({ id: 'a1', role: 'assistant', status: 'streaming' }) });
    h.send({ type: 'delta', messageId: 'a1', text: '```python\nprint("hi")\nfor i in' });
    h.frame();
    click(h.doc.querySelector('.code-block button[aria-label="Insert at Cursor"]')!);
    assert.deepEqual(h.posted.at(-1), { type: 'insertCode', code: 'print("hi")\nfor i in', language: 'python' });
  });

  it('a double-click on Insert at Cursor or Apply sends one request; a later click sends another; Copy always copies', () => {
    const h = setUp();
    const block = h.doc.querySelector('.code-block')!;
    const count = (type: string): number => h.posted.filter((m) => m.type === type).length;
    for (const [label, type] of [['Insert at Cursor', 'insertCode'], ['Apply', 'applyCode']] as const) {
      const button = block.querySelector(`button[aria-label="${label}"]`)!;
      click(button);
      h.clock.now += 150;
      click(button);
      assert.equal(count(type), 1, `${label}: a double-click is one request`);
      h.clock.now += REPEAT_WINDOW_MS;
      click(button);
      assert.equal(count(type), 2, `${label}: a click a second later is a new request`);
    }
    const copy = block.querySelector('button[aria-label="Copy"]')!;
    click(copy);
    click(copy);
    assert.equal(count('copy'), 2);
  });
});
