// Markdown fences that cannot be closed early by the code they wrap. Pure: no vscode import.

/** A backtick fence one longer than the longest backtick run in `code` (at least three). */
export function fenceFor(code: string): string {
  let longest = 0;
  for (const run of code.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return '`'.repeat(Math.max(3, longest + 1));
}

/** The markdown info string for a VS Code language id ('' when it would only be noise). */
export function fenceLanguage(languageId: string): string {
  if (languageId === 'plaintext') return '';
  return FENCE_NAMES[languageId] ?? languageId;
}

/** `code` in a fenced block tagged with its language. */
export function fenced(code: string, languageId: string): string {
  const fence = fenceFor(code);
  const body = code.endsWith('\n') ? code : code + '\n';
  return `${fence}${fenceLanguage(languageId)}\n${body}${fence}`;
}

// Ids whose common markdown name differs; models answer with these names too.
const FENCE_NAMES: Record<string, string> = {
  typescriptreact: 'tsx',
  javascriptreact: 'jsx',
  shellscript: 'bash',
  'objective-c': 'objectivec',
};

/** Names a model may put on a fence for code of `languageId` (lower case). */
export function languageAliases(languageId: string): string[] {
  const extra: Record<string, string[]> = {
    typescript: ['ts', 'typescript'],
    typescriptreact: ['tsx', 'typescriptreact', 'typescript', 'ts'],
    javascript: ['js', 'javascript', 'node'],
    javascriptreact: ['jsx', 'javascriptreact', 'javascript', 'js'],
    python: ['py', 'python', 'python3'],
    shellscript: ['bash', 'sh', 'shell', 'zsh', 'shellscript'],
    csharp: ['cs', 'csharp', 'c#'],
    cpp: ['cpp', 'c++', 'cc', 'cxx'],
    rust: ['rs', 'rust'],
    go: ['go', 'golang'],
    ruby: ['rb', 'ruby'],
    kotlin: ['kt', 'kotlin'],
    markdown: ['md', 'markdown'],
    yaml: ['yml', 'yaml'],
    powershell: ['ps1', 'powershell', 'pwsh'],
  };
  return extra[languageId] ?? [languageId.toLowerCase(), fenceLanguage(languageId).toLowerCase()];
}

// Fence tags a model commonly writes, by the VS Code language id they name.
const TAG_LANGUAGES: Record<string, string> = {
  ts: 'typescript', typescript: 'typescript', tsx: 'typescriptreact',
  js: 'javascript', javascript: 'javascript', node: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascriptreact',
  py: 'python', python: 'python', python3: 'python',
  sh: 'shellscript', bash: 'shellscript', shell: 'shellscript', zsh: 'shellscript', console: 'shellscript', shellscript: 'shellscript',
  ps1: 'powershell', powershell: 'powershell', pwsh: 'powershell',
  cs: 'csharp', csharp: 'csharp', 'c#': 'csharp', cpp: 'cpp', 'c++': 'cpp', cc: 'cpp', cxx: 'cpp', c: 'c', h: 'c',
  java: 'java', kt: 'kotlin', kotlin: 'kotlin', go: 'go', golang: 'go', rs: 'rust', rust: 'rust', rb: 'ruby', ruby: 'ruby',
  php: 'php', swift: 'swift', scala: 'scala', lua: 'lua', r: 'r', dart: 'dart',
  html: 'html', css: 'css', scss: 'scss', less: 'less', json: 'json', jsonc: 'jsonc', yaml: 'yaml', yml: 'yaml', toml: 'toml', xml: 'xml',
  sql: 'sql', md: 'markdown', markdown: 'markdown', dockerfile: 'dockerfile', makefile: 'makefile', make: 'makefile',
};

/** The VS Code language id a fence tag names (`bash` → `shellscript`), or undefined for an unknown or missing tag. */
export function languageIdOfFence(tag: string | undefined): string | undefined {
  return tag ? TAG_LANGUAGES[tag.trim().toLowerCase()] : undefined;
}

// Languages whose code can stand in each other's files (a `js` block in a `.ts` file is fine).
const FAMILIES: string[][] = [
  ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'],
  ['c', 'cpp', 'objective-c', 'objective-cpp'],
  ['json', 'jsonc'],
  ['css', 'scss', 'less'],
];

/**
 * True when a block tagged `tag` is clearly not code of the document's language `languageId`
 * (both known, and not of one family such as JS/TS). An unknown or missing tag, or a plain-text
 * document, never clashes.
 */
export function fenceClashes(tag: string | undefined, languageId: string): boolean {
  const block = languageIdOfFence(tag);
  if (!block || block === languageId || languageId === 'plaintext') return false;
  if (!Object.values(TAG_LANGUAGES).includes(languageId)) return false;
  return !FAMILIES.some((f) => f.includes(block) && f.includes(languageId));
}
