// Markdown → safe DOM for answers. Model output is untrusted: raw HTML is escaped by the renderer
// (shown as text, never parsed), links survive only as http(s), images are never loaded, and the
// whole markup then goes through DOMPurify with a tight allow-list as a second, independent wall.
// Code blocks' code is never markup: it is added after sanitizing, as text nodes (highlight.js
// output, which is markup, is sanitized like the rest).
import DOMPurify, { type Config, type WindowLike } from 'dompurify';
import { Marked, type Token, type Tokens, type TokensList } from 'marked';
import { highlightParts, knownLanguage } from './highlight';
import { appendCode } from './longCode';
import { decorateCodeBlocks } from './codeBlocks';
import { mathExtension, typesetMath } from './math';
import { documentFence } from './nestedFences';
import { escapeHtml } from './dom';
import { t } from './i18n';

export interface MarkdownRenderer {
  /** Top-level tokens of `markdown`; `links` holds reference definitions found anywhere in it. */
  lex(markdown: string): TokensList;
  /** Sanitized, decorated DOM for top-level tokens produced by `lex`. */
  render(tokens: Token[]): DocumentFragment;
  /** One-shot render of a whole text: what the incremental renderer must equal. */
  renderAll(markdown: string): DocumentFragment;
}

/** Only absolute http(s) URLs are kept as links; everything else (javascript:, data:, file:, relative) is dropped. */
export function isSafeHref(href: string | null | undefined): href is string {
  if (!href) return false;
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The language tag as a safe class/attribute fragment: models sometimes write `ts title="x"` or worse. */
function cleanLanguageTag(lang: string | undefined): string {
  const first = (lang ?? '').trim().split(/\s+/)[0] ?? '';
  return first.replace(/[^\w+#.-]/g, '').slice(0, 32);
}

type ImageInLink = Tokens.Image & { inLink?: boolean };

/** The plain text of inline tokens: what CommonMark puts in an image's alt. */
function plainText(tokens: Token[] | undefined): string {
  return (tokens ?? []).map((token) => ('tokens' in token && token.tokens ? plainText(token.tokens) : 'text' in token ? String(token.text) : '')).join('');
}

/** Character references (&amp;, &#35;, &eacute;) in a link destination or title decoded, as CommonMark does. */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\uFFFD';
    }
    return NAMED_ENTITIES[name] ?? whole;
  });
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', copy: '©', reg: '®', hellip: '…', ndash: '–', mdash: '—' };

/** A link destination as the browser must get it: entities decoded, then percent-encoded (a backslash stays a backslash, %5C). */
function linkDestination(href: string): string {
  try {
    return encodeURI(decodeEntities(href)).replace(/%25([0-9a-fA-F]{2})/g, '%$1');
  } catch {
    return '';
  }
}

const purifyConfig: Config = {
  ALLOWED_TAGS: [
    'a', 'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'em', 'strong', 'del', 's', 'code',
    'pre', 'blockquote', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span',
    'div', 'sup', 'sub',
  ],
  ALLOWED_ATTR: ['href', 'title', 'class', 'align', 'start', 'data-lang'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  // Every attribute value not declared URI-safe is checked against this, so only links pass it …
  ALLOWED_URI_REGEXP: /^https?:\/\//i,
  // … and the plain-value attributes we emit are declared safe (class and title already are).
  ADD_URI_SAFE_ATTR: ['align', 'start', 'data-lang'],
};

export function createMarkdownRenderer(win: Window): MarkdownRenderer {
  const purify = DOMPurify(win as unknown as WindowLike);
  // This instance is ours alone, so its configuration is set once: a per-call config is re-parsed
  // into lookup sets on every call, which cost a third of the sanitizing of a streaming tail.
  purify.setConfig({ ...purifyConfig, RETURN_DOM_FRAGMENT: true });
  const doc = win.document;

  const marked = new Marked({
    gfm: true,
    breaks: false,
    async: false,
    renderer: {
      html(token: Tokens.HTML | Tokens.Tag): string {
        // Raw HTML from the model is text. Block HTML keeps its lines in a paragraph of its own.
        return token.block ? `<p class="raw-html">${escapeHtml(token.text)}</p>\n` : escapeHtml(token.text);
      },
      code(token: Tokens.Code): string {
        const tag = cleanLanguageTag(token.lang);
        const language = knownLanguage(tag);
        const classes = language ? `hljs language-${language}` : 'hljs';
        // The code goes in after sanitizing (fillCodeBlocks): no markup is built from it here.
        codeBlocks.push({ code: token.text, tag });
        return `<pre><code class="${classes}" data-lang="${escapeHtml(tag)}"></code></pre>\n`;
      },
      link(token: Tokens.Link): string {
        // An image inside a link (a README badge) shows its label only: a link may not hold a link.
        for (const inner of token.tokens) if (inner.type === 'image') (inner as ImageInLink).inLink = true;
        const inner = this.parser.parseInline(token.tokens);
        const href = linkDestination(token.href);
        if (!isSafeHref(href)) return inner;
        const title = escapeHtml(token.title ? decodeEntities(token.title) : href);
        return `<a href="${escapeHtml(href)}" title="${title}">${inner}</a>`;
      },
      image(token: Tokens.Image): string {
        // Never load images (remote requests leak; the CSP blocks them anyway): show alt text, linked when http(s).
        // The alt text is the label's plain text, as CommonMark renders it (no markdown left in it).
        const href = linkDestination(token.href);
        const label = escapeHtml(t('imageAlt', plainText(token.tokens) || href));
        if ((token as ImageInLink).inLink || !isSafeHref(href)) return `<span class="image-alt">${label}</span>`;
        return `<a class="image-alt" href="${escapeHtml(href)}" title="${escapeHtml(href)}">${label}</a>`;
      },
      checkbox(token: Tokens.Checkbox): string {
        // A glyph instead of <input>: form controls are not allowed through the sanitizer.
        return `<span class="task-box">${token.checked ? '☑' : '☐'}</span> `;
      },
    },
  });

  // A Markdown document in a ```markdown block keeps its own fences (see nestedFences.ts).
  marked.use({ tokenizer: { fences: (src: string) => documentFence(src) } });
  // Math is taken out before markdown reads it, and typeset after sanitizing (see math.ts).
  marked.use(mathExtension);

  /** The code blocks of the markup being built, in document order: their code is added after sanitizing. */
  let codeBlocks: { code: string; tag: string }[] = [];
  /** The last sanitized highlighted part: a streaming block's stays the same once past the budget. */
  let lastHead = { html: '', fragment: doc.createDocumentFragment() };

  function sanitize(html: string): DocumentFragment {
    return purify.sanitize(html) as unknown as DocumentFragment; // RETURN_DOM_FRAGMENT is set above
  }

  /**
   * Puts each block's code into its (empty, sanitized) `<code>`: the highlighted part as sanitized
   * markup, the rest as text nodes (longCode.ts). Sanitizing a long block's code on every frame cost
   * most of the frame, and text nodes cannot carry markup, so only highlight.js output is sanitized.
   */
  function fillCodeBlocks(fragment: DocumentFragment, blocks: { code: string; tag: string }[]): void {
    const elements = fragment.querySelectorAll('pre > code');
    blocks.forEach((block, i) => {
      const element = elements[i];
      if (!element) return;
      const { headHtml, plain } = highlightParts(block.code, block.tag);
      if (headHtml && headHtml !== lastHead.html) lastHead = { html: headHtml, fragment: sanitize(headHtml) };
      appendCode(element, headHtml ? (lastHead.fragment.cloneNode(true) as DocumentFragment) : undefined, plain);
    });
  }

  function toFragment(tokens: Token[] | TokensList): DocumentFragment {
    codeBlocks = [];
    const html = marked.parser(tokens as TokensList);
    const blocks = codeBlocks;
    // A fragment straight from DOMPurify: no second serialise/parse round trip that could mutate it.
    const fragment = sanitize(html);
    fillCodeBlocks(fragment, blocks);
    typesetMath(fragment);
    decorateCodeBlocks(fragment, doc);
    return fragment;
  }

  return {
    lex: (markdown) => marked.lexer(markdown),
    render: (tokens) => toFragment(Object.assign([...tokens], { links: {} }) as TokensList),
    renderAll: (markdown) => toFragment(marked.lexer(markdown)),
  };
}
