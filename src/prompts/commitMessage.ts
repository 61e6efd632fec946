// The commit message prompt, pure: which changed files are left out as secrets, how a diff too
// large for the model's context is cut down per file, what style the repository's recent commit
// subjects follow, and the messages sent to the model. No vscode: unit-tested in plain Node.
import type { ChatMessage } from '../client';
import { fenced } from './fence';
import { splitThinking, type StreamEnd } from './think';

/** One changed file and its unified diff (`diff --git …` through its last hunk). */
export interface FileDiff {
  path: string;
  diff: string;
}

const SECRET_NAMES = [
  /^\.env(\..*)?$/i, // .env, .env.local, .env.production (not .env.example: see below)
  /^\.?netrc$/i,
  /^\.npmrc$/i,
  /^\.pypirc$/i,
  /^id_(rsa|dsa|ecdsa|ed25519)(\.pub)?$/i,
  /^credentials(\.json)?$/i,
  /^secrets?\.(json|ya?ml|toml)$/i,
  /service[-_]?account.*\.json$/i,
];
const SECRET_EXTENSIONS = /\.(pem|key|p12|pfx|jks|keystore|crt|cer|der|p8|asc|gpg|kdbx|ovpn)$/i;
const EXAMPLE = /\.(example|sample|template|dist)$/i;

/**
 * Whether a changed file looks like it holds a secret (environment files, private keys,
 * certificates, credential stores), so its diff is never sent. Example/template copies
 * (`.env.example`) are not secrets.
 */
export function isSecretPath(path: string): boolean {
  const name = path.split(/[\\/]/).pop() ?? path;
  if (EXAMPLE.test(name)) return false;
  return SECRET_NAMES.some((re) => re.test(name)) || SECRET_EXTENSIONS.test(name);
}

/** Splits `git diff` output into one entry per file (`diff --git a/x b/y`). */
export function splitDiff(diff: string): FileDiff[] {
  const parts = diff.split(/^(?=diff --git )/m).filter((p) => p.startsWith('diff --git '));
  return parts.map((part) => {
    const header = /^diff --git a\/(.+?) b\/(.+)$/m.exec(part);
    return { path: header ? header[2]! : '?', diff: part };
  });
}

/** Files to send and files left out as secrets. */
export function filterSecrets(files: readonly FileDiff[]): { kept: FileDiff[]; secret: string[] } {
  const kept: FileDiff[] = [];
  const secret: string[] = [];
  for (const file of files) {
    if (isSecretPath(file.path)) secret.push(file.path);
    else kept.push(file);
  }
  return { kept, secret };
}

/** `+N −M` counts of a file's diff. */
function lineCounts(diff: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+') && !line.startsWith('+++')) added++;
    else if (line.startsWith('-') && !line.startsWith('---')) removed++;
  }
  return { added, removed };
}

/**
 * The diff text to send, at most `budgetChars` characters. When everything fits it is sent
 * whole. Otherwise every file keeps a one-line summary (path, +added −removed) and the budget
 * left is shared between the files' diffs, smallest first, each cut at a line boundary with a
 * note; files whose diff no longer fits are listed by their summary only.
 */
export function budgetDiff(files: readonly FileDiff[], budgetChars: number): { text: string; summarised: number } {
  const whole = files.map((f) => f.diff.trimEnd()).join('\n');
  if (whole.length <= budgetChars) return { text: whole, summarised: 0 };
  const summaries = files.map((f) => {
    const { added, removed } = lineCounts(f.diff);
    return `${f.path} (+${added} −${removed})`;
  });
  const head = `Files changed (${files.length}):\n${summaries.map((s) => `- ${s}`).join('\n')}\n`;
  let left = budgetChars - head.length;
  const order = files.map((_, i) => i).sort((a, b) => files[a]!.diff.length - files[b]!.diff.length);
  const bodies = new Map<number, string>();
  let summarised = 0;
  for (const [rank, index] of order.entries()) {
    // An even share of what is left for this file and the larger ones after it.
    const share = Math.floor(left / (order.length - rank));
    const diff = files[index]!.diff.trimEnd();
    if (diff.length <= share) {
      bodies.set(index, diff);
      left -= diff.length + 1;
      continue;
    }
    summarised++;
    const note = `\n… (${files[index]!.path}: the rest of this file's diff is left out)`;
    const room = share - note.length;
    if (room < 200) continue; // not even a hunk header and a few lines: the summary line says it
    const cut = diff.lastIndexOf('\n', room);
    const body = diff.slice(0, cut > 0 ? cut : room) + note;
    bodies.set(index, body);
    left -= body.length + 1;
  }
  const parts = files.map((_, i) => bodies.get(i)).filter((b): b is string => b !== undefined);
  return { text: `${head}\n${parts.join('\n')}`.slice(0, budgetChars), summarised };
}

export interface SubjectStyle {
  /** The language most recent subjects are written in. */
  language: 'english' | 'chinese';
  /** Most recent subjects look like `type(scope): summary`. */
  conventional: boolean;
  /** Up to five recent subjects, as examples for the model. */
  examples: string[];
}

const CONVENTIONAL = /^(feat|fix|docs|style|refactor|perf|test|tests|build|ci|chore|revert|release|deps)(\([^)]*\))?!?: \S/i;
const HAN = /[\u3400-\u9fff]/;

/**
 * The style of the repository's recent commit subjects (newest first): Chinese when most of them
 * contain Chinese characters, conventional commits when most start with `type(scope): `. An empty
 * history is English, not conventional. Merge commits are ignored.
 */
export function detectSubjectStyle(subjects: readonly string[]): SubjectStyle {
  const real = subjects.map((s) => s.split('\n')[0]!.trim()).filter((s) => s && !/^Merge (branch|pull request|remote-tracking)/.test(s));
  const half = real.length / 2;
  const chinese = real.filter((s) => HAN.test(s)).length;
  const conventional = real.filter((s) => CONVENTIONAL.test(s)).length;
  return {
    language: real.length > 0 && chinese > half ? 'chinese' : 'english',
    conventional: real.length > 0 && conventional > half,
    examples: real.slice(0, 5),
  };
}

export interface CommitPromptInput {
  diffText: string;
  /** True when nothing was staged and the diff is of all changes in the working tree. */
  allChanges: boolean;
  style: SubjectStyle;
  /** The setting: follow the repository, or a fixed language. */
  language: 'repository' | 'english' | 'chinese';
  /** Secret-looking files left out (names only). */
  secretFiles: readonly string[];
}

/** The messages asking for one commit message, in the repository's style. */
export function commitMessagePrompt(input: CommitPromptInput): ChatMessage[] {
  const language = input.language === 'repository' ? input.style.language : input.language;
  const rules = [
    'You write git commit messages. Reply with the commit message only: no preamble, no quotes, no code fence.',
    'First line: a subject of at most 72 characters, in the imperative mood, saying what the change does; no trailing period.',
    'Then, only when the change needs it, a blank line and a short body (wrapped at 72 characters) saying why.',
    language === 'chinese' ? 'Write the message in Simplified Chinese.' : 'Write the message in English.',
    input.style.conventional
      ? 'This repository uses Conventional Commits: start the subject with a type such as feat, fix, docs, refactor, test or chore, an optional (scope), and ": ".'
      : 'Do not add a Conventional Commits prefix (like "feat:") unless the recent subjects use one.',
  ];
  if (input.style.examples.length > 0) rules.push(`Recent subjects in this repository, for style:\n${input.style.examples.map((s) => `- ${s}`).join('\n')}`);
  const parts = [input.allChanges ? 'Nothing is staged: these are all the changes in the working tree.' : 'The staged changes:'];
  parts.push(fenced(input.diffText, 'diff'));
  if (input.secretFiles.length > 0) parts.push(`Also changed, but not shown because they may hold secrets: ${input.secretFiles.join(', ')}.`);
  return [
    { role: 'system', content: rules.join('\n') },
    { role: 'user', content: parts.join('\n\n') },
  ];
}

/**
 * The model's reply as a commit message: without its thinking (inline `<think>` forms, by the one
 * rule in ./think), a wrapping code fence, quotes or surrounding blank lines. `end` as for
 * splitThinking: undefined while the reply still streams.
 */
export function cleanCommitMessage(reply: string, end?: StreamEnd): string {
  let text = splitThinking(reply, end).answer.trim();
  const fence = /^```[\w-]*\n([\s\S]*?)\n```$/.exec(text);
  if (fence) text = fence[1]!.trim();
  if (/^(["'`]).*\1$/s.test(text) && !text.includes('\n')) text = text.slice(1, -1);
  return text;
}
