// Math in answers: `$…$`, `\(…\)` inline, `$$…$$`, `\[…\]` displayed, typeset with KaTeX (the
// library VS Code's own chat uses; fonts and CSS ship in media/katex/, allowed by the CSP).
//
// The math is taken out before markdown sees it (a marked extension runs before the built-in
// rules), so `_…_` and backslashes inside it stay TeX. The renderer writes a placeholder holding
// the source exactly as written; after sanitizing, `typesetMath` replaces each placeholder's
// content with KaTeX's DOM (built with DOM calls and CSSOM styles, which the CSP allows — style
// attributes in parsed HTML it would block). TeX KaTeX cannot parse is left as written.
//
// `$` is math only as Pandoc reads it: the opening `$` is followed by a non-space, the closing `$`
// is preceded by a non-space and not followed by a digit — so `$5 and $10` is text. Two more
// rules keep prices text where Pandoc would not: a `$` that cannot close ends the attempt (TeX has
// no `$` inside math, so `$5, $10 or $20; range $5-$10` is all prices), and `US$ 15` is a
// currency sign (`A$`, `HK$` too), not a closing `$`. `\$` is a dollar sign.
import katex from 'katex';
import type { MarkedExtension, Tokens } from 'marked';

interface MathToken extends Tokens.Generic {
  type: 'math';
  raw: string;
  tex: string;
  display: boolean;
}

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** `$$…$$` or `\[…\]` starting a block (up to three spaces), closed later, then only blanks on that line. */
function blockMath(src: string): MathToken | undefined {
  const open = /^ {0,3}(\$\$|\\\[)/.exec(src);
  if (!open) return undefined;
  const close = open[1] === '$$' ? '$$' : '\\]';
  const end = src.indexOf(close, open[0].length);
  if (end < 0) return undefined;
  const after = /^[ \t]*(?:\n|$)/.exec(src.slice(end + close.length));
  if (!after) return undefined;
  const tex = src.slice(open[0].length, end);
  if (!tex.trim() || /\n[ \t]*\n/.test(tex)) return undefined; // a blank line ends any block
  const raw = src.slice(0, end + close.length + after[0].length);
  return { type: 'math', raw, tex: tex.trim(), display: true };
}

/** Inline math at the start of `src`. */
function inlineMath(src: string): MathToken | undefined {
  if (src.startsWith('$$')) {
    const end = src.indexOf('$$', 2);
    if (end < 0) return undefined;
    const tex = src.slice(2, end);
    if (!tex.trim()) return undefined;
    return { type: 'math', raw: src.slice(0, end + 2), tex: tex.trim(), display: true };
  }
  if (src.startsWith('\\(') || src.startsWith('\\[')) {
    const close = src[1] === '(' ? '\\)' : '\\]';
    const end = src.indexOf(close, 2);
    if (end < 0) return undefined;
    const tex = src.slice(2, end);
    if (!tex.trim()) return undefined;
    return { type: 'math', raw: src.slice(0, end + 2), tex: tex.trim(), display: close === '\\]' };
  }
  if (src[0] !== '$' || /^\$[\s$]/.test(src) || src.length < 3) return undefined;
  for (let i = 1; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '\n' && src[i + 1] === '\n') return undefined;
    if (c !== '$') continue;
    // A `$` that cannot close is not inside math either (TeX has none there): the first was a price.
    if (/\s/.test(src[i - 1]!) || /\d/.test(src[i + 1] ?? '') || isCurrencySign(src, i)) return undefined;
    return { type: 'math', raw: src.slice(0, i + 1), tex: src.slice(1, i), display: false };
  }
  return undefined;
}

/** `US$ 15`, `HK$ 20`, `A$ 20`: a `$` right after a word of 1–3 capitals (a currency prefix) and before an amount is a currency sign. */
function isCurrencySign(src: string, at: number): boolean {
  return /(?:^|[\s(])[A-Z]{1,3}$/.test(src.slice(Math.max(0, at - 4), at)) && /^ ?\d/.test(src.slice(at + 1, at + 3));
}

/** Where inline math could start in `src` (for marked's text tokenizer), or undefined. A `\$` stops at its backslash, so the escape stays whole. */
function inlineStart(src: string): number | undefined {
  const at = src.search(/\\[$([]|\$/);
  return at < 0 ? undefined : at;
}

function placeholder(token: MathToken, block: boolean): string {
  const tag = block ? 'div' : 'span';
  const kind = token.display ? 'math-display' : 'math-inline';
  return `<${tag} class="math ${kind}">${escape(token.raw.trim())}</${tag}>${block ? '\n' : ''}`;
}

/** The marked extension: math tokens before markdown, rendered as placeholders for `typesetMath`. */
export const mathExtension: MarkedExtension = {
  extensions: [
    {
      name: 'mathBlock',
      level: 'block',
      start: (src: string) => {
        const at = src.search(/(^|\n) {0,3}(\$\$|\\\[)/);
        return at < 0 ? undefined : at + (src[at] === '\n' ? 1 : 0);
      },
      tokenizer: (src: string) => blockMath(src),
      renderer: (token) => placeholder(token as MathToken, true),
    },
    {
      name: 'math',
      level: 'inline',
      start: inlineStart,
      tokenizer: (src: string) => inlineMath(src),
      renderer: (token) => placeholder(token as MathToken, false),
    },
  ],
};

/** The TeX inside a placeholder's source, without its delimiters. */
function texOf(source: string): string {
  const m = /^(\$\$|\$|\\\(|\\\[)([\s\S]*?)(\$\$|\$|\\\)|\\\])$/.exec(source.trim());
  return m ? m[2]!.trim() : source;
}

/**
 * Typesets every math placeholder under `root` (after sanitizing). TeX that KaTeX rejects stays
 * as written, marked `math-error`. KaTeX builds its nodes in the global `document`.
 */
export function typesetMath(root: DocumentFragment | Element): void {
  for (const element of Array.from(root.querySelectorAll<HTMLElement>('.math'))) {
    const source = element.textContent ?? '';
    const holder = element.ownerDocument.createElement('span');
    try {
      katex.render(texOf(source), holder, {
        displayMode: element.classList.contains('math-display'),
        throwOnError: true,
        // No \href, \url, \includegraphics, \htmlClass…: model output is untrusted.
        trust: false,
        maxSize: 20,
        maxExpand: 500,
        strict: 'ignore',
        output: 'htmlAndMathml',
      });
    } catch {
      element.classList.add('math-error');
      continue;
    }
    element.replaceChildren(...Array.from(holder.childNodes));
  }
}
