// Extracts the examples of the GitHub Flavored Markdown spec (cmark-gfm's test/spec.txt) into
// spec.json, in the shape of the commonmark-spec package's tests: { markdown, html, example,
// section, extension }. Run: node test/data/gfm-spec/extract.mjs path/to/spec.txt
// The format (as the spec's own test runner reads it): an example is a fence of 32 backticks with
// the word "example" (and the extension's name, if any), the Markdown, a line ".", the HTML, and
// the closing fence; "→" stands for a tab.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FENCE = '`'.repeat(32);
const lines = readFileSync(process.argv[2], 'utf8').split('\n');
const tests = [];
let section = '';
for (let i = 0; i < lines.length; i++) {
  const line = lines[i];
  const heading = /^#{1,6} +(.*)$/.exec(line);
  if (heading) section = heading[1].trim();
  if (!line.startsWith(`${FENCE} example`)) continue;
  const extension = line.slice(`${FENCE} example`.length).trim() || undefined;
  const markdown = [];
  const html = [];
  let target = markdown;
  for (i++; lines[i] !== FENCE; i++) {
    if (lines[i] === '.' && target === markdown) target = html;
    else target.push(lines[i]);
  }
  const text = (parts) => (parts.length ? `${parts.join('\n')}\n` : '').replace(/→/g, '\t');
  tests.push({ example: tests.length + 1, section, extension, markdown: text(markdown), html: text(html) });
}
writeFileSync(join(dirname(fileURLToPath(import.meta.url)), 'spec.json'), `${JSON.stringify(tests, null, 1)}\n`);
console.log(`${tests.length} examples, ${tests.filter((t) => t.extension).length} of them extensions`);
