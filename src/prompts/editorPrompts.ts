// Prompt templates for the editor commands: the selected code and its surroundings in, the chat
// messages out. Pure functions (no vscode import) so the exact wording is unit-tested.
import type { TextChatMessage } from '../client';
import { fenced, fenceFor, fenceLanguage } from './fence';

export type DiagnosticSeverity = 'error' | 'warning' | 'info' | 'hint';

export interface PromptDiagnostic {
  message: string;
  severity: DiagnosticSeverity;
  /** 1-based line in the document. */
  line: number;
  source?: string;
}

/** Everything a prompt may say about the code the user picked. */
export interface CodeSelection {
  /** VS Code language id, e.g. 'typescript'. */
  languageId: string;
  /** Path relative to its workspace folder ('app/src/a.ts'), or the untitled name ('Untitled-1'). */
  path: string;
  /** 1-based first and last line of the selection. */
  startLine: number;
  endLine: number;
  /** The selected text as in the document (with the indentation before it when the selection starts inside it). */
  code: string;
  /** Whole lines just above and below the selection, already cut to the budget ('' for none). */
  before: string;
  after: string;
  /** True when the selection is the whole document (no surroundings exist). */
  wholeFile?: boolean;
}

/** `src/a.ts:10-24`, the label used in prompts and chat attachments. */
export function selectionLabel(sel: Pick<CodeSelection, 'path' | 'startLine' | 'endLine'>): string {
  return sel.startLine === sel.endLine ? `${sel.path}:${sel.startLine}` : `${sel.path}:${sel.startLine}-${sel.endLine}`;
}

/**
 * How the answer's block must be fenced: with the fence the selection was sent in when the code has
 * fences of its own (a Markdown file), so its inner ``` lines cannot end the block early.
 */
function fenceRule(code: string): string {
  const fence = fenceFor(code);
  return fence.length > 3
    ? ` The code contains \`\`\` lines of its own, so open and close the block with ${fence} (${fence.length} backticks), as the selection above is fenced; never with a shorter fence.`
    : ' If the block would contain a line starting with ```, fence it with more backticks than any run inside it.';
}

const REPLACEMENT_RULES = (sel: CodeSelection): string =>
  [
    `Reply with ONLY the replacement for the selected code, in exactly one fenced code block tagged \`${fenceLanguage(sel.languageId) || 'text'}\`.${fenceRule(sel.code)}`,
    'The block replaces the selection verbatim, so:',
    '- keep the indentation of the selected code (the first line starts at the same column);',
    '- do not repeat the surrounding code shown for context, and do not add imports outside the selection;',
    '- keep everything the selection defines (names, signatures, exports) unless asked to change it;',
    '- no explanations before or after the block.',
  ].join('\n');

function describeSelection(sel: CodeSelection): string {
  const parts: string[] = [];
  const where = sel.wholeFile ? `the whole file \`${sel.path}\`` : `\`${selectionLabel(sel)}\``;
  parts.push(`Language: ${sel.languageId}. Selected code (${where}):`);
  parts.push(fenced(sel.code, sel.languageId));
  if (sel.before) parts.push('Code just above the selection (context only, not to be changed):', fenced(sel.before, sel.languageId));
  if (sel.after) parts.push('Code just below the selection (context only, not to be changed):', fenced(sel.after, sel.languageId));
  return parts.join('\n\n');
}

function system(role: string): TextChatMessage {
  return {
    role: 'system',
    content: `You are an expert software engineer working inside the user's code editor. ${role} Be precise and keep to the language's conventions.`,
  };
}

/** Refactor: change the selection as the user asks ("improve it" when they left it empty). */
export function refactorMessages(sel: CodeSelection, instruction: string): TextChatMessage[] {
  const wish = instruction.trim() || 'Improve this code: make it clearer, simpler and more idiomatic without changing its behaviour.';
  return [
    system('You rewrite the code the user selected, as they ask.'),
    { role: 'user', content: `${describeSelection(sel)}\n\nInstruction: ${wish}\n\n${REPLACEMENT_RULES(sel)}` },
  ];
}

/** Fix: repair the problems the editor reports in the selection (and any the instruction names). */
export function fixMessages(sel: CodeSelection, diagnostics: readonly PromptDiagnostic[], instruction = ''): TextChatMessage[] {
  const problems = diagnostics.length
    ? 'Problems reported by the editor:\n' +
      diagnostics.map((d) => `- line ${d.line} ${d.severity}${d.source ? ` (${d.source})` : ''}: ${d.message}`).join('\n')
    : 'The editor reports no problems here; find and fix the bugs you can see.';
  const wish = instruction.trim() ? `\n\nAlso: ${instruction.trim()}` : '';
  return [
    system('You fix bugs in the code the user selected, changing as little as possible.'),
    { role: 'user', content: `${describeSelection(sel)}\n\n${problems}${wish}\n\n${REPLACEMENT_RULES(sel)}` },
  ];
}

/** Add Documentation: doc comments in the language's own convention, code unchanged. */
export function documentMessages(sel: CodeSelection, instruction = ''): TextChatMessage[] {
  const wish = instruction.trim() ? `\n\nAlso: ${instruction.trim()}` : '';
  return [
    system('You add documentation comments to code without changing its behaviour.'),
    {
      role: 'user',
      content:
        `${describeSelection(sel)}\n\n` +
        `Add documentation comments to the selected code in the convention of ${sel.languageId} ` +
        '(for example JSDoc/TSDoc for JavaScript and TypeScript, docstrings for Python, /// for Rust and C#, Javadoc for Java, doc comments above declarations for Go). ' +
        'Document public functions, classes, methods and non-obvious parameters and return values; do not change any code, ' +
        `and keep existing comments unless they are wrong.${wish}\n\n${REPLACEMENT_RULES(sel)}`,
    },
  ];
}

/** Generate Tests: a complete, new test file for the selection (never a replacement of it). */
export function testsMessages(sel: CodeSelection, testPath?: string): TextChatMessage[] {
  const where = testPath ? ` It will be saved as \`${testPath}\`; import the code under test from \`${sel.path}\` relative to that path.` : '';
  return [
    system('You write thorough, runnable unit tests.'),
    {
      role: 'user',
      content:
        `${describeSelection(sel)}\n\n` +
        `Write unit tests for the selected code as one complete new test file.${where} ` +
        'Use the test framework this project most likely uses (judge from the imports and the language); ' +
        'cover normal cases, edge cases and errors, one behaviour per test, with clear names.\n\n' +
        `Reply with ONLY the test file in exactly one fenced code block tagged \`${fenceLanguage(sel.languageId) || 'text'}\`, no explanations.${fenceRule(sel.code)}`,
    },
  ];
}

/**
 * Explain: the user message sent to the chat. The code travels as the message's attachment (the
 * chat shows it as context and puts it in the prompt), so the text only says what to do with it.
 */
export function explainRequest(sel: Pick<CodeSelection, 'path' | 'startLine' | 'endLine' | 'languageId'>): string {
  return (
    `Explain the ${sel.languageId} code in \`${selectionLabel(sel)}\`: what it does, how it works step by step, ` +
    'and anything surprising or risky in it.'
  );
}
