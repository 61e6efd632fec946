// What the model sees for one inline completion: the text before the cursor (prompt) and after it
// (suffix), each cut to its share of a token budget at line boundaries, a header naming the file's
// path and language, and snippets from other files of the same language that resemble the code
// around the cursor. Pure: no vscode import (the provider passes plain strings).
import { estimateTokens } from '../service/params';

/** Another open or recently edited document of the same language. */
export interface NeighbourFile {
  /** Workspace-relative path, shown in the snippet's heading. */
  path: string;
  text: string;
  /** indexSnippets(text), when the caller keeps it between requests (it is built otherwise). */
  index?: SnippetIndex;
}

export interface FimContextInput {
  /** The whole document. */
  text: string;
  /** Cursor offset in `text` (UTF-16 code units). */
  offset: number;
  /** Workspace-relative path (or the file name), for the header. */
  path: string;
  /** VS Code language id, e.g. 'typescript'. */
  languageId: string;
  /** Tokens for header + snippets + prefix + suffix together. */
  budgetTokens: number;
  /** Share of what is left after the header that the suffix may take (0–1). Default 0.25. */
  suffixShare?: number;
  /** Share of the budget snippets may take at most (0–1). Default 0.2. */
  snippetShare?: number;
  neighbours?: readonly NeighbourFile[];
}

export interface FimContext {
  /** header + snippets + the prefix text: what goes in the request's `prompt`. */
  prompt: string;
  /** The text after the cursor, cut at a line end. */
  suffix: string;
  /** The part of `prompt` that is document text (ends at the cursor). */
  prefix: string;
  /** The comment lines before the document text (path, language, snippets). */
  header: string;
  /** True when text before the prefix (or after the suffix) was left out for the budget. */
  prefixCut: boolean;
  suffixCut: boolean;
  /** Estimated tokens of prompt + suffix. */
  tokens: number;
}

const LINE_COMMENT: Record<string, string> = {};
for (const id of ['python', 'shellscript', 'ruby', 'perl', 'r', 'yaml', 'toml', 'makefile', 'dockerfile', 'powershell', 'elixir', 'julia', 'coffeescript', 'nim', 'properties', 'cmake']) LINE_COMMENT[id] = '#';
for (const id of ['sql', 'lua', 'haskell', 'ada', 'elm']) LINE_COMMENT[id] = '--';
for (const id of ['latex', 'tex', 'erlang', 'matlab']) LINE_COMMENT[id] = '%';
for (const id of ['clojure', 'lisp', 'scheme', 'ini']) LINE_COMMENT[id] = ';';
for (const id of ['vb', 'bat']) LINE_COMMENT[id] = id === 'bat' ? 'REM' : "'";
const BLOCK_COMMENT: Record<string, [string, string]> = {
  html: ['<!--', '-->'],
  xml: ['<!--', '-->'],
  markdown: ['<!--', '-->'],
  vue: ['<!--', '-->'],
  svelte: ['<!--', '-->'],
  css: ['/*', '*/'],
  scss: ['/*', '*/'],
  less: ['/*', '*/'],
  json: ['//', ''],
  jsonc: ['//', ''],
};

/** One line of `text` as a comment in `languageId` (`//` for the C family and anything unknown). */
export function commentLine(languageId: string, text: string): string {
  const block = BLOCK_COMMENT[languageId];
  if (block) return block[1] ? `${block[0]} ${text} ${block[1]}` : `${block[0]} ${text}`;
  return `${LINE_COMMENT[languageId] ?? '//'} ${text}`;
}

/** The header: path and language as comment lines, so the model knows what it is completing. */
export function fimHeader(path: string, languageId: string): string {
  return `${commentLine(languageId, `Path: ${path}`)}\n${commentLine(languageId, `Language: ${languageId}`)}\n`;
}

/**
 * The text before `offset`, going back whole lines while they fit `budget` tokens. The line the
 * cursor is on is always kept from its start (a prompt that starts mid-line misleads the model).
 */
export function prefixWithin(text: string, offset: number, budget: number): { text: string; cut: boolean } {
  let start = text.lastIndexOf('\n', offset - 1) + 1;
  let used = estimateTokens(text.slice(start, offset));
  while (start > 0) {
    const lineStart = text.lastIndexOf('\n', start - 2) + 1;
    const cost = estimateTokens(text.slice(lineStart, start));
    if (used + cost > budget) return { text: text.slice(start, offset), cut: true };
    used += cost;
    start = lineStart;
  }
  return { text: text.slice(0, offset), cut: false };
}

/** The text after `offset`, going forward whole lines while they fit; the rest of the cursor's line is always kept. */
export function suffixWithin(text: string, offset: number, budget: number): { text: string; cut: boolean } {
  let end = text.indexOf('\n', offset);
  if (end < 0) return { text: text.slice(offset), cut: false };
  let used = estimateTokens(text.slice(offset, end));
  while (end < text.length) {
    const next = text.indexOf('\n', end + 1);
    const lineEnd = next < 0 ? text.length : next;
    const cost = estimateTokens(text.slice(end, lineEnd));
    if (used + cost > budget) return { text: text.slice(offset, end), cut: true };
    used += cost;
    end = lineEnd;
  }
  return { text: text.slice(offset), cut: false };
}

const IDENTIFIER = /[A-Za-z_$][A-Za-z0-9_$]{2,}/g;
const SNIPPET_LINES = 12;
const MAX_SNIPPETS = 3;
/** Lines per document looked at when choosing snippets (keeps a huge neighbour cheap). */
const MAX_NEIGHBOUR_LINES = 4000;

/** Keywords every file shares: they say nothing about similarity. */
const KEYWORDS = new Set(
  'const let var function return export import from async await class extends new this true false null undefined else for while def self pub use mut impl public private static void int string type interface'.split(' '),
);

function identifiers(text: string): Set<string> {
  const ids = new Set<string>();
  for (const id of text.match(IDENTIFIER) ?? []) if (!KEYWORDS.has(id)) ids.add(id);
  return ids;
}

/** A neighbour's windows of SNIPPET_LINES lines with their identifiers: built once per document version. */
export interface SnippetIndex {
  windows: { text: string; ids: Set<string> }[];
}

/** Cuts `text` into overlapping windows (every SNIPPET_LINES / 2 lines) and collects their identifiers. */
export function indexSnippets(text: string): SnippetIndex {
  const lines = text.split('\n', MAX_NEIGHBOUR_LINES);
  const windows: SnippetIndex['windows'] = [];
  for (let i = 0; i < lines.length; i += SNIPPET_LINES / 2) {
    const window = lines.slice(i, i + SNIPPET_LINES).join('\n');
    windows.push({ text: window, ids: identifiers(window) });
  }
  return { windows };
}

/**
 * Windows of SNIPPET_LINES lines from `neighbours` ranked by how many identifiers they share with
 * `around` (Jaccard similarity), best first, one per file; windows that share nothing are left out.
 */
export function rankSnippets(around: string, neighbours: readonly NeighbourFile[]): { path: string; text: string; score: number }[] {
  const wanted = identifiers(around);
  if (wanted.size === 0) return [];
  const found: { path: string; text: string; score: number }[] = [];
  for (const file of neighbours) {
    const index = file.index ?? indexSnippets(file.text);
    let best: { text: string; score: number } | undefined;
    for (const { text, ids } of index.windows) {
      let shared = 0;
      for (const id of wanted) if (ids.has(id)) shared++;
      const score = shared / (wanted.size + ids.size - shared || 1);
      if (shared > 0 && (!best || score > best.score)) best = { text, score };
    }
    if (best) found.push({ path: file.path, ...best });
  }
  return found.sort((a, b) => b.score - a.score);
}

function snippetBlock(languageId: string, path: string, text: string): string {
  const lines = [commentLine(languageId, `Compare this snippet from ${path}:`)];
  for (const line of text.replace(/\s+$/, '').split('\n')) lines.push(commentLine(languageId, line));
  return `${lines.join('\n')}\n`;
}

/**
 * Builds the prompt and suffix of one FIM request within `budgetTokens` (estimated tokens):
 * header first, then neighbour snippets within their share, the suffix within its share, and the
 * prefix takes what remains (a suffix that needs less leaves the rest to the prefix). Cuts are at
 * line boundaries.
 */
export function buildFimContext(input: FimContextInput): FimContext {
  const { text, languageId } = input;
  const offset = Math.max(0, Math.min(input.offset, text.length));
  let header = fimHeader(input.path, languageId);
  let left = Math.max(0, input.budgetTokens - estimateTokens(header));
  const suffixBudget = Math.floor(left * (input.suffixShare ?? 0.25));
  const suffix = suffixWithin(text, offset, suffixBudget);
  left -= estimateTokens(suffix.text);
  if (input.neighbours && input.neighbours.length > 0) {
    let snippetBudget = Math.floor(input.budgetTokens * (input.snippetShare ?? 0.2));
    const around = text.slice(Math.max(0, offset - 600), offset + 200);
    for (const snippet of rankSnippets(around, input.neighbours).slice(0, MAX_SNIPPETS)) {
      const block = snippetBlock(languageId, snippet.path, snippet.text);
      const cost = estimateTokens(block);
      if (cost > snippetBudget) continue;
      header += block;
      snippetBudget -= cost;
      left -= cost;
    }
  }
  const prefix = prefixWithin(text, offset, Math.max(0, left));
  const prompt = header + prefix.text;
  return {
    prompt,
    suffix: suffix.text,
    prefix: prefix.text,
    header,
    prefixCut: prefix.cut,
    suffixCut: suffix.cut,
    tokens: estimateTokens(header) + estimateTokens(prefix.text) + estimateTokens(suffix.text),
  };
}
