// highlight.js takes super-linear time on one long word; the webview highlights only a cheap
// leading part of a block and shows the rest plain, and a long line comes in fixed pieces that
// do not change once full, so no block can freeze the view, streaming or reopened (the frame times
// are in `npm run bench`, "one-word block" rows).
import { strict as assert } from 'node:assert';
import { codeActionMessage } from '../../src/webview/codeBlocks';
import { cheapPrefixLength, HIGHLIGHT_BUDGET, highlightParts, MAX_HIGHLIGHTED_WORD } from '../../src/webview/highlight';
import { appendCode, LINES_PER_GROUP, LONG_LINE_PIECE } from '../../src/webview/longCode';
import { MarkdownStream } from '../../src/webview/markdownStream';
import { fullRenderHtml, htmlWithoutTail, makeRenderer, makeWindow, randomChunks, seededRandom } from './webview-renderer-helpers';

describe('highlighting budget', () => {
  const win = makeWindow();
  const renderer = makeRenderer(win);

  /** The plain code as the chat shows it, serialised (`<code>`'s inner HTML). */
  function plainCodeHtml(code: string): string {
    const element = win.document.createElement('code');
    appendCode(element, undefined, code);
    return element.innerHTML;
  }

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
      assert.equal(code.querySelectorAll('span:not(.code-piece)').length, 0, 'nothing highlighted');
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
      const { headHtml, plain } = highlightParts(code, 'js');
      assert.equal(headHtml.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>') + plain, code);
    }
  });

  describe('long lines come in pieces', () => {
    const pieces = (code: HTMLElement): string[] => Array.from(code.querySelectorAll('.code-piece'), (piece) => piece.textContent ?? '');

    it('a line longer than a piece is cut into full pieces and one shorter last piece; short lines stay as they are', () => {
      const long = 'x'.repeat(LONG_LINE_PIECE * 3 + 5);
      const text = `short line\n${long}\n${'y'.repeat(LONG_LINE_PIECE)}\nend`;
      for (const language of ['', 'js', 'python']) {
        const code = codeElement(`\`\`\`${language}\n${text}\n\`\`\``);
        assert.equal(code.textContent, text, `${language || 'plain'}: the text is exact`);
        assert.deepEqual(pieces(code).map((piece) => piece.length), [LONG_LINE_PIECE, LONG_LINE_PIECE, LONG_LINE_PIECE, 5], language || 'plain');
      }
    });

    it('a piece never ends between the halves of a surrogate pair (emoji, rare CJK)', () => {
      const line = `a${'😀'.repeat(LONG_LINE_PIECE)}`;
      const code = codeElement(`\`\`\`\n${line}\n\`\`\``);
      assert.equal(code.textContent, line);
      for (const piece of pieces(code)) {
        assert.ok(!/^[\udc00-\udfff]/.test(piece) && !/[\ud800-\udbff]$/.test(piece), 'no half pair at a piece edge');
      }
    });

    it('Copy, Insert and Apply give the whole code of a block with long lines', () => {
      const text = `${'z'.repeat(LONG_LINE_PIECE * 2 + 1)}\nnext`;
      const holder = win.document.createElement('div');
      holder.innerHTML = fullRenderHtml(win, renderer, `\`\`\`ts\n${text}\n\`\`\``);
      const copy = holder.querySelector('[data-action="code-copy"]')!;
      assert.deepEqual(codeActionMessage(copy), { type: 'copy', text });
    });

    it('while a long line streams in, the pieces already full are never touched again and the result equals a one-shot render', () => {
      const line = Array.from({ length: LONG_LINE_PIECE * 5 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
      for (const language of ['js', 'text']) {
        const answer = `A long line:\n\n\`\`\`${language}\n${line}\n\`\`\`\n\nDone.`;
        const container = win.document.createElement('div');
        win.document.body.append(container);
        const stream = new MarkdownStream(container, renderer);
        const touchedFullPieces: string[] = [];
        const observer = new (win as unknown as typeof globalThis).MutationObserver(() => undefined);
        observer.observe(container, { subtree: true, childList: true, characterData: true, characterDataOldValue: true });
        /** A full piece's text changed, or a full piece was removed. */
        const checkMutations = (): void => {
          for (const record of observer.takeRecords()) {
            if (record.type === 'characterData' && record.target.parentElement?.classList.contains('code-piece') && record.oldValue?.length === LONG_LINE_PIECE) {
              touchedFullPieces.push(`changed: ${record.oldValue.slice(0, 8)}…`);
            }
            for (const removed of Array.from(record.removedNodes) as Node[]) {
              const pieceList = removed.nodeType === 1 ? [removed as Element, ...Array.from((removed as Element).querySelectorAll('.code-piece'))] : [];
              for (const piece of pieceList) if (piece.classList.contains('code-piece') && piece.textContent?.length === LONG_LINE_PIECE) touchedFullPieces.push('removed');
            }
          }
        };
        let received = '';
        for (const chunk of randomChunks(answer, seededRandom(7), 300)) {
          received += chunk;
          stream.update(received);
          checkMutations();
        }
        observer.disconnect();
        stream.finish();
        assert.deepEqual([...touchedFullPieces], [], `${language}: full pieces were changed or removed while the line grew`);
        assert.equal(htmlWithoutTail(container), fullRenderHtml(win, renderer, answer), language);
        assert.equal(pieces(container.querySelector('pre > code')!).join(''), line);
        container.remove();
      }
    });

    it('more than 64 lines come in groups of 64; a line break stays with its line, so the text is exact', () => {
      const lines = Array.from({ length: LINES_PER_GROUP * 2 + 10 }, (_, i) => `line ${i} ${'x'.repeat(i % 7)}`);
      for (const language of ['', 'js']) {
        // A short highlighted head (js) leaves the rest plain, and the groups start where the plain part starts.
        const text = lines.join('\n') + `\n${'w'.repeat(HIGHLIGHT_BUDGET)}\n${lines.join('\n')}`;
        const code = codeElement(`\`\`\`${language}\n${text}\n\`\`\``);
        assert.equal(code.textContent, text, language || 'plain');
        const groups = Array.from(code.querySelectorAll('.code-lines'), (group) => group.textContent ?? '');
        assert.ok(groups.length >= 2, `${groups.length} groups`);
        for (const group of groups.slice(0, -1)) assert.equal(group.split('\n').length - 1, LINES_PER_GROUP, 'a full group ends with its 64th line break');
      }
      const exactlyOneGroup = Array.from({ length: LINES_PER_GROUP }, () => 'y'.repeat(40)).join('\n');
      assert.equal(codeElement(`\`\`\`\n${exactlyOneGroup}\n\`\`\``).querySelectorAll('.code-lines').length, 0, '64 lines stay one run');
      // While it streams, the 64th line break arrives before the 65th line: still one run, no empty group after it.
      assert.equal(plainCodeHtml(`${exactlyOneGroup}\n`), `${exactlyOneGroup}\n`);
    });

    it('the same code gives the same HTML whether it arrived in pieces or at once (the streamed scan resumes where it stopped)', () => {
      const random = seededRandom(11);
      const alphabet = ['a', 'b', ' ', '<', '&', '😀', '\n', '"'];
      for (let n = 0; n < 60; n++) {
        let code = '';
        const lines = 1 + Math.floor(random() * 150);
        for (let l = 0; l < lines; l++) {
          const length = random() < 0.1 ? Math.floor(random() * LONG_LINE_PIECE * 3) : Math.floor(random() * 60);
          for (let c = 0; c < length; c++) code += alphabet[Math.floor(random() * (alphabet.length - 1))];
          code += '\n';
        }
        const streamed: string[] = [];
        let prefix = '';
        for (const chunk of randomChunks(code, random, 900)) {
          prefix += chunk;
          streamed.push(plainCodeHtml(prefix));
        }
        // Another block in between leaves its own checkpoint, so the next call starts from scratch.
        plainCodeHtml('other\n'.repeat(3));
        const atOnce = plainCodeHtml(code);
        assert.equal(streamed.at(-1), atOnce, `code ${n}`);
        const holder = win.document.createElement('code');
        holder.innerHTML = atOnce;
        assert.equal(holder.textContent, code, `code ${n}: the text is exact`);
        for (const line of holder.innerHTML.split('\n')) {
          const pieces = line.match(/<span class="code-piece/g)?.length ?? 0;
          const text = line.replace(/<[^>]+>/g, '');
          if (pieces > 0) assert.ok(pieces >= 2, 'a line is cut only when longer than a piece');
          if (pieces === 0) assert.ok(text.replace(/&[a-z0-9#]+;/g, '_').length <= LONG_LINE_PIECE + 1, `code ${n}: a long line was not cut`);
        }
      }
    });
  });
});
