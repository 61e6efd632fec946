// highlight.js takes super-linear time on one long word; the webview highlights only a cheap
// leading part of a block and shows the rest plain, so no block can freeze the view (the frame
// times are in `npm run bench`, "one-word block" rows).
import { strict as assert } from 'node:assert';
import { cheapPrefixLength, HIGHLIGHT_BUDGET, highlightCode, MAX_HIGHLIGHTED_WORD } from '../../src/webview/highlight';
import { fullRenderHtml, makeRenderer, makeWindow } from './webview-renderer-helpers';

describe('highlighting budget', () => {
  const win = makeWindow();
  const renderer = makeRenderer(win);

  function codeElement(markdown: string): HTMLElement {
    const holder = win.document.createElement('div');
    holder.innerHTML = fullRenderHtml(win, renderer, markdown);
    return holder.querySelector('pre > code')!;
  }

  it('a 120 KB one-word block is shown whole and plain, at once (it used to take about a minute)', () => {
    const word = 'a'.repeat(120_000);
    for (const language of ['js', 'ts', 'java', 'bash']) {
      const started = Date.now();
      const code = codeElement(`\`\`\`${language}\n${word}\n\`\`\``);
      assert.equal(code.textContent, word);
      assert.equal(code.querySelectorAll('span').length, 0);
      // Not a timing assertion (those are in the bench): a guard against the minute-long freeze.
      assert.ok(Date.now() - started < 10_000, `${language} rendered in ${Date.now() - started} ms`);
    }
  });

  it('ordinary code is still highlighted', () => {
    const code = codeElement('```ts\nconst answer: number = 42; // the answer\n```');
    assert.ok(code.querySelector('.hljs-keyword'), 'keywords are highlighted');
  });

  it('past the budget, the rest of a block is plain but complete; lines before a long word stay highlighted', () => {
    const line = 'const value = compute(1, 2, "text"); // comment\n';
    const long = line.repeat(Math.ceil((HIGHLIGHT_BUDGET * 2) / line.length));
    const code = codeElement(`\`\`\`js\n${long}\`\`\``);
    assert.equal(code.textContent, long.replace(/\n$/, ''));
    const highlightedText = Array.from(code.querySelectorAll('.hljs-keyword')).length;
    assert.ok(highlightedText > 0 && highlightedText < long.split('\n').length - 1, 'only the leading part is highlighted');

    const mixed = `const a = 1;\nconst b = "${'x'.repeat(MAX_HIGHLIGHTED_WORD + 1)}";\nconst c = 3;`;
    const element = codeElement(`\`\`\`js\n${mixed}\n\`\`\``);
    assert.equal(element.textContent, mixed);
    assert.equal(element.querySelectorAll('.hljs-keyword').length, 1, 'the first line only');
  });

  it('the highlighted part never exceeds the budget, for any shape of code', () => {
    let seed = 3;
    const rnd = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    for (let n = 0; n < 300; n++) {
      const lines: string[] = [];
      for (let k = Math.floor(rnd() * 200); k > 0; k--) lines.push('w'.repeat(Math.floor(rnd() * rnd() * 3000)) + ' x'.repeat(Math.floor(rnd() * 20)));
      const code = lines.join('\n');
      const cheap = cheapPrefixLength(code);
      assert.ok(cheap <= HIGHLIGHT_BUDGET + 1, `${cheap} characters highlighted`);
      assert.ok(cheap === 0 || cheap === code.length || code[cheap - 1] === '\n', 'cut at a line break');
      assert.equal(highlightCode(code, 'js')!.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'), code);
    }
  });
});
