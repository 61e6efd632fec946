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
