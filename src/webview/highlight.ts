// Syntax highlighting for code blocks. highlight.js's core plus a curated set of languages: the full
// build registers ~190 grammars (~900 KB minified) while these ~20 cover nearly every answer a coding
// assistant gives, for roughly a tenth of the size. No auto-detection (slow on long blocks, and
// wrong often enough): a block without a known language tag is shown plain.
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import kotlin from 'highlight.js/lib/languages/kotlin';
import markdown from 'highlight.js/lib/languages/markdown';
import php from 'highlight.js/lib/languages/php';
import python from 'highlight.js/lib/languages/python';
import ruby from 'highlight.js/lib/languages/ruby';
import rust from 'highlight.js/lib/languages/rust';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import swift from 'highlight.js/lib/languages/swift';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

const languages = {
  bash, c, cpp, csharp, css, diff, go, java, javascript, json, kotlin, markdown, php, python, ruby,
  rust, shell, sql, swift, typescript, xml, yaml,
};
for (const [name, grammar] of Object.entries(languages)) hljs.registerLanguage(name, grammar);
// Tags models use that the grammars do not declare as aliases.
hljs.registerAliases(['vue', 'svelte'], { languageName: 'xml' });
hljs.registerAliases(['tsx', 'mts', 'cts'], { languageName: 'typescript' });

/** The highlight.js class for a language tag, or undefined when the tag is unknown. */
export function knownLanguage(tag: string | undefined): string | undefined {
  if (!tag) return undefined;
  const language = hljs.getLanguage(tag.toLowerCase());
  return language ? tag.toLowerCase() : undefined;
}

/**
 * The highlighting budget. highlight.js takes super-linear time on one long word (in js/ts/java/bash
 * grammars ~5 s for a 50 KB word), and a streaming block is highlighted again on every frame, so
 * only a leading part that is cheap is highlighted and the rest is shown plain. The cost of a line
 * is its length plus (longest word)² / WORD_COST_DIVISOR, in characters of ordinary code; the
 * numbers are set so the highlighted part stays well under a 50 ms frame (bench: "long word").
 */
export const HIGHLIGHT_BUDGET = 8_000;
/** A line with a longer run of non-blank characters is never highlighted (nor anything after it). */
export const MAX_HIGHLIGHTED_WORD = 1_000;
const WORD_COST_DIVISOR = 100;

/** Characters at the start of `code`, ending at a line break, that fit the highlighting budget. */
export function cheapPrefixLength(code: string): number {
  let cost = 0;
  let lineStart = 0;
  let word = 0;
  let longest = 0;
  for (let i = 0; i <= code.length; i++) {
    const c = i < code.length ? code.charCodeAt(i) : 10;
    if (c === 10) {
      longest = Math.max(longest, word);
      cost += i - lineStart + (longest * longest) / WORD_COST_DIVISOR;
      if (longest > MAX_HIGHLIGHTED_WORD || cost > HIGHLIGHT_BUDGET) return lineStart;
      lineStart = i + 1;
      word = 0;
      longest = 0;
    } else if (c === 32 || c === 9 || c === 13) {
      if (word > longest) longest = word;
      word = 0;
    } else if (++word > MAX_HIGHLIGHTED_WORD) {
      return lineStart;
    }
  }
  return code.length;
}

/** The last highlighted part: a streaming block's stays the same once it is past the budget. */
let lastHead = { language: '', code: '', html: '' };

/** highlight.js HTML for `code`, remembered for the next call with the same code (one entry). */
function highlighted(code: string, language: string): string {
  if (lastHead.language !== language || lastHead.code !== code) {
    lastHead = { language, code, html: hljs.highlight(code, { language, ignoreIllegals: true }).value };
  }
  return lastHead.html;
}

/**
 * A code block split for showing: `headHtml`, highlight.js markup (escaped text in spans, to be
 * sanitized like all markup) for the leading part within the budget above, or '' when the language
 * is unknown or nothing fits; and `plain`, the rest, to be shown as text (see longCode.ts).
 */
export function highlightParts(code: string, tag: string | undefined): { headHtml: string; plain: string } {
  const language = knownLanguage(tag);
  const cheap = language ? cheapPrefixLength(code) : 0;
  return { headHtml: language && cheap > 0 ? highlighted(code.slice(0, cheap), language) : '', plain: code.slice(cheap) };
}
