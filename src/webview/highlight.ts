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

/** Highlighted HTML for `code` (escaped by highlight.js), or undefined when the language is unknown. */
export function highlightCode(code: string, tag: string | undefined): string | undefined {
  const language = knownLanguage(tag);
  if (!language) return undefined;
  return hljs.highlight(code, { language, ignoreIllegals: true }).value;
}
