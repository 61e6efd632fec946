// Math in answers is typeset with KaTeX, shielded from markdown; prices stay text; TeX KaTeX
// cannot read is shown as written; streaming renders the same as the one-shot render.
import { strict as assert } from 'node:assert';
import { assertStreamsLikeOneShot, makeRenderer, makeWindow, renderToElement, seededRandom } from './webview-renderer-helpers';

describe('math', () => {
  const win = makeWindow();
  const renderer = makeRenderer(win);

  const render = (markdown: string): HTMLElement => renderToElement(win, renderer, markdown);
  /** The TeX KaTeX read, from the MathML annotation it writes for screen readers. */
  const texOf = (element: Element): string | undefined => element.querySelector('annotation[encoding="application/x-tex"]')?.textContent ?? undefined;

  it('typesets $$…$$ with its backslashes and subscripts intact (issue example)', () => {
    const holder = render('The norm: $$\\|x\\|_2 = \\sqrt{\\sum_i x_i^2}$$');
    const math = holder.querySelector('.math-display')!;
    assert.ok(math.querySelector('.katex-display, .katex'), 'KaTeX output');
    assert.equal(texOf(math), '\\|x\\|_2 = \\sqrt{\\sum_i x_i^2}');
    assert.equal(holder.querySelector('em'), null, 'no _…_ italics');
  });

  it('reads all four delimiters, inline and displayed, and a block of its own', () => {
    const holder = render('Inline $a_1 * b_2 * c$ and \\(x^2\\), displayed \\[y_1\\].\n\n$$\n\\int_0^1 f(x)\\,dx\n$$\n\n\\[\nE = mc^2\n\\]');
    const found = Array.from(holder.querySelectorAll('.math')).map((m) => [m.classList.contains('math-display'), texOf(m)]);
    assert.deepEqual(found, [
      [false, 'a_1 * b_2 * c'],
      [false, 'x^2'],
      [true, 'y_1'],
      [true, '\\int_0^1 f(x)\\,dx'],
      [true, 'E = mc^2'],
    ]);
    assert.equal(holder.querySelector('em, strong'), null);
  });

  it('prices stay text: $5 and $10, an escaped \\$, and a $ before a space', () => {
    for (const [markdown, text] of [
      ['It costs $5 and $10 later.', 'It costs $5 and $10 later.'],
      ['Pay \\$3 now, \\$4 later', 'Pay $3 now, $4 later'],
      ['between $ 1 and 2 $', 'between $ 1 and 2 $'],
      ['US$20 or $30/month', 'US$20 or $30/month'],
      ['plans at $5/$10 a month', 'plans at $5/$10 a month'],
      // A new user's line: Pandoc would pair the first $ with the one in "US$".
      ['Prices: $5, $10 or $20; range $5-$10; total US$ 15 and $3.50 each.', 'Prices: $5, $10 or $20; range $5-$10; total US$ 15 and $3.50 each.'],
      ['$10; total US$ 15', '$10; total US$ 15'],
      ['from $5 to $ 20, or HK$ 30', 'from $5 to $ 20, or HK$ 30'],
      ['A ticket is $5 here but HK$ 40 in Hong Kong.', 'A ticket is $5 here but HK$ 40 in Hong Kong.'],
      ['Spent $12 today; budget was A$ 20.', 'Spent $12 today; budget was A$ 20.'],
      ['I have $5 and you have US$ 15.', 'I have $5 and you have US$ 15.'],
    ]) {
      const holder = render(markdown);
      assert.equal(holder.querySelector('.math'), null, markdown);
      assert.equal(holder.textContent?.trim(), text);
    }
  });

  it('TeX that KaTeX cannot read is shown as written', () => {
    const holder = render('Broken: $\\frac{1$ and $$\\begin{foo}x$$');
    const errors = Array.from(holder.querySelectorAll('.math-error')).map((m) => m.textContent);
    assert.deepEqual(errors, ['$\\frac{1$', '$$\\begin{foo}x$$']);
  });

  it('math in code stays code', () => {
    const holder = render('`$x_1$` and\n\n```tex\n$$a_b$$\n```');
    assert.equal(holder.querySelector('.math'), null);
    assert.equal(holder.querySelector('p code')?.textContent, '$x_1$');
    assert.equal(holder.querySelector('pre code')?.textContent, '$$a_b$$');
  });

  it('untrusted TeX cannot make links or load anything', () => {
    const holder = render('$\\href{javascript:alert(1)}{x}$ $\\url{https://evil.test}$ $\\includegraphics{https://evil.test/a.png}$');
    assert.equal(holder.querySelector('a, img'), null);
  });

  it('streamed in any chunking, an answer with math equals the one-shot render', () => {
    const answer = [
      'The cost is $5 and $10, and the norm is $$\\|x\\|_2 = \\sqrt{\\sum_i x_i^2}$$.',
      '',
      'Inline $e^{i\\pi} + 1 = 0$ and \\(a_b\\); broken $\\frac{1$.',
      '',
      '$$',
      '\\sum_{k=1}^n k = \\frac{n(n+1)}{2}',
      '$$',
      '',
      '- item with $x_1$',
      '- item with \\[y\\]',
    ].join('\n');
    assertStreamsLikeOneShot(win, renderer, answer, seededRandom(7), [1, 4, 15]);
  });
});
