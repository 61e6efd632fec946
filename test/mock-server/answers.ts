// The deterministic default answers, for requests nobody scripted: realistic markdown (a heading, a
// list, a fenced code block), reasoning first for reasoning models, Chinese for Chinese prompts, and
// for a prompt holding a fenced code block, a visibly "improved" copy of that code in the same
// language (a reviewed-by comment on top, the rest unchanged, so it stays valid).

import { hash32 } from './random';
import type { Script } from './types';

export interface AnswerRequest {
  /** Text of the last user message, directives removed. */
  prompt: string;
  /** Stream reasoning first (reasoning model, enable_thinking, thinking enabled or `[[mock:think]]`). */
  reasoning: boolean;
  /** `[[mock:long]]`: about 40k characters of markdown with many code blocks. */
  long?: boolean;
}

export const isChinese = (text: string): boolean => /[\u4e00-\u9fff]/.test(text);

export interface FencedCode {
  lang: string;
  code: string;
}

/** The first fenced code block of a prompt (editor commands send the selection this way). */
export function findFencedCode(prompt: string): FencedCode | undefined {
  const match = /(`{3,}|~{3,})[ \t]*([^\s`]*)[^\n]*\n([\s\S]*?)\n?\1/.exec(prompt);
  return match ? { lang: match[2]!, code: match[3]! } : undefined;
}

const LINE_COMMENT: Record<string, string> = {};
const register = (prefix: string, langs: string) => langs.split(' ').forEach((l) => (LINE_COMMENT[l] = prefix));
register('//', 'js javascript jsx mjs cjs ts typescript tsx mts java c cpp c++ cc h hpp cs csharp go golang rust rs swift kotlin kt scala dart groovy objc objective-c zig jsonc proto scss less php fsharp');
register('#', 'python py sh bash zsh shell fish ruby rb perl pl r yaml yml toml dockerfile makefile make powershell ps1 cmake elixir ex exs julia nim coffee tcl nix');
register('--', 'sql lua haskell hs elm ada plsql');
register('%', 'latex tex erlang erl matlab prolog');
register(';', 'lisp clojure clj scheme elisp asm nasm ini');
register('REM', 'bat cmd batch');

const BLOCK_COMMENT: Record<string, [string, string]> = {
  html: ['<!--', '-->'],
  xml: ['<!--', '-->'],
  vue: ['<!--', '-->'],
  svelte: ['<!--', '-->'],
  svg: ['<!--', '-->'],
  markdown: ['<!--', '-->'],
  md: ['<!--', '-->'],
  css: ['/*', '*/'],
};

/** Lines that must stay first (shebang, `<?php`, doctype, xml declaration): the comment goes after them. */
const MUST_STAY_FIRST = /^(#!|<\?php|<!doctype|<\?xml)/i;

function guessCommentPrefix(code: string): string {
  if (/^\s*(def |import \w+$|from \w+ import|print\()/m.test(code) && !/[;{}]\s*$/m.test(code)) return '#';
  return '//';
}

function reviewJson(code: string): string {
  try {
    const value: unknown = JSON.parse(code);
    // Re-indent with a different width than the original: visibly changed, same data.
    const indent = /\n {2}"/.test(code) && !/\n {4}"/.test(code) ? 4 : 2;
    return JSON.stringify(value, null, indent);
  } catch {
    return code.trimEnd();
  }
}

/** The "improved" code: a one-line review comment on top, everything else kept as it was. */
export function reviewCode(lang: string, code: string, chinese: boolean): string {
  const key = lang.toLowerCase();
  if (key === 'json' || key === 'json5') return reviewJson(code);
  const note = chinese ? '已由 SiliconFlow 模拟服务器审阅：行为不变' : 'Reviewed by the SiliconFlow mock server: behaviour unchanged';
  const block = BLOCK_COMMENT[key];
  const prefix = LINE_COMMENT[key] ?? (key === '' ? guessCommentPrefix(code) : '//');
  const comment = block ? `${block[0]} ${note} ${block[1]}` : `${prefix} ${note}`;
  const lines = code.split('\n');
  const at = lines.length > 0 && MUST_STAY_FIRST.test(lines[0]!.trim()) ? 1 : 0;
  // Same indentation as the code it sits on: an indented selection (a method, a Python block) stays valid.
  const indent = /^[ \t]*/.exec(lines.slice(at).find((l) => l.trim() !== '') ?? '')![0];
  lines.splice(at, 0, indent + comment);
  return lines.join('\n').trimEnd();
}

/** A small, runnable test file for "Generate Tests" prompts. */
export function testFileFor(lang: string, chinese: boolean): string {
  const key = lang.toLowerCase();
  const note = chinese ? '由 SiliconFlow 模拟服务器生成的测试' : 'Tests written by the SiliconFlow mock server';
  if (['ts', 'typescript', 'tsx', 'js', 'javascript', 'jsx', 'mjs', 'cjs'].includes(key)) {
    return [
      `// ${note}`,
      "import assert from 'node:assert/strict';",
      '',
      "describe('the selected code', () => {",
      "  it('loads', () => {",
      '    assert.ok(true);',
      '  });',
      '});',
    ].join('\n');
  }
  if (key === 'python' || key === 'py') {
    return [
      `# ${note}`,
      'import unittest',
      '',
      '',
      'class SelectedCodeTest(unittest.TestCase):',
      '    def test_loads(self):',
      '        self.assertTrue(True)',
      '',
      '',
      'if __name__ == "__main__":',
      '    unittest.main()',
    ].join('\n');
  }
  const block = BLOCK_COMMENT[key];
  return block ? `${block[0]} ${note} ${block[1]}` : `${LINE_COMMENT[key] ?? '//'} ${note}`;
}

function topicOf(prompt: string): string {
  const withoutCode = prompt.replace(/(`{3,}|~{3,})[\s\S]*?(\1|$)/g, ' ');
  const line = withoutCode.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
  const points = Array.from(line);
  return points.length > 80 ? `${points.slice(0, 80).join('')}…` : line;
}

const fence = (lang: string, code: string) => `\`\`\`${lang}\n${code}\n\`\`\``;

/** Editor commands ask for "ONLY" a fenced block: answer with just that, as a good model would. */
const wantsOnlyTheBlock = (prompt: string): boolean => /\bReply with ONLY\b/i.test(prompt) || /只(输出|回复|返回)/.test(prompt);
const wantsTests = (prompt: string): boolean => /\b(write|generate) (unit )?tests\b/i.test(prompt) || /(生成|编写).*测试/.test(prompt);

function codeAnswer(found: FencedCode, prompt: string, chinese: boolean): string {
  const tests = wantsTests(prompt);
  const code = tests ? testFileFor(found.lang, chinese) : reviewCode(found.lang, found.code, chinese);
  const reviewed = fence(found.lang, code);
  if (wantsOnlyTheBlock(prompt)) return reviewed;
  const lang = found.lang || 'code';
  if (chinese) {
    return [
      `### 代码审阅`,
      '',
      tests ? `下面是这段 ${lang} 代码的测试文件：` : `这段 ${lang} 代码结构清晰。下面是整理后的版本：我在顶部加了一行审阅注释，其余逻辑保持不变。`,
      '',
      reviewed,
      '',
      '**要点：**',
      '- 行为与原代码完全一致；',
      '- 可以考虑为边界情况补充测试；',
      '- 命名已经足够表达意图。',
    ].join('\n');
  }
  return [
    `### Code review`,
    '',
    tests
      ? `Here is a test file for the ${lang} code:`
      : `The ${lang} code is easy to follow. Here is a tidied version: I added a one-line review comment at the top and kept the logic unchanged.`,
    '',
    reviewed,
    '',
    '**Notes:**',
    '- Behaviour is identical to the original.',
    '- Consider adding tests for the edge cases.',
    '- The names already say what the code does.',
  ].join('\n');
}

const EXAMPLES: { lang: string; code: string; en: string; zh: string }[] = [
  {
    lang: 'ts',
    en: 'A small TypeScript helper that shows the idea:',
    zh: '一个体现这个思路的 TypeScript 小函数：',
    code: [
      'export function debounce<T extends unknown[]>(fn: (...args: T) => void, ms: number) {',
      '  let timer: ReturnType<typeof setTimeout> | undefined;',
      '  return (...args: T) => {',
      '    clearTimeout(timer);',
      '    timer = setTimeout(() => fn(...args), ms);',
      '  };',
      '}',
    ].join('\n'),
  },
  {
    lang: 'python',
    en: 'A short Python example:',
    zh: '一个简短的 Python 示例：',
    code: [
      'from collections import Counter',
      '',
      'def top_words(text: str, n: int = 3) -> list[tuple[str, int]]:',
      '    """Return the n most frequent words."""',
      '    return Counter(text.lower().split()).most_common(n)',
      '',
      'print(top_words("the quick brown fox jumps over the lazy dog the end"))',
    ].join('\n'),
  },
  {
    lang: 'bash',
    en: 'The same check from a shell:',
    zh: '在终端里可以这样检查：',
    code: [
      'curl -s https://api.siliconflow.cn/v1/models \\',
      '  -H "Authorization: Bearer $SILICONFLOW_API_KEY" | jq -r \'.data[].id\' | head -n 5',
    ].join('\n'),
  },
];

function generalAnswer(prompt: string, chinese: boolean): string {
  const topic = topicOf(prompt) || (chinese ? '你好' : 'Hello');
  const example = EXAMPLES[hash32(prompt) % EXAMPLES.length]!;
  if (chinese) {
    return [
      '## 回答',
      '',
      `你的问题是：“${topic}”。下面是一个简短而实用的说明。`,
      '',
      '1. **先缩小范围**：用最小的例子复现问题；',
      '2. **再度量**：在可疑的位置加上日志；',
      '3. **逐步迭代**：每次只改一处，然后再验证。',
      '',
      example.zh,
      '',
      fence(example.lang, example.code),
      '',
      '> 这是 SiliconFlow 模拟服务器给出的确定性回答。',
    ].join('\n');
  }
  return [
    '## Answer',
    '',
    `You asked: “${topic}”. Here is a short, practical overview.`,
    '',
    '1. **Start small**: reproduce the behaviour in a minimal example.',
    '2. **Measure**: add logging around the part you suspect.',
    '3. **Iterate**: change one thing at a time, then check again.',
    '',
    example.en,
    '',
    fence(example.lang, example.code),
    '',
    '> This is a deterministic answer from the SiliconFlow mock server.',
  ].join('\n');
}

function reasoningFor(prompt: string, chinese: boolean, hasCode: boolean): string {
  const topic = topicOf(prompt) || (hasCode ? 'code' : 'hello');
  if (chinese) {
    return hasCode
      ? `用户发来了一段代码，并说：“${topic}”。我先通读代码，确认它的行为，然后给出整理后的版本，保持逻辑不变，最后列出几个要点。`
      : `用户问的是：“${topic}”。我应该先给出结构化的要点，再附上一个简短的代码示例，保持回答简洁。`;
  }
  return hasCode
    ? `The user sent some code and said: "${topic}". Let me read it, make sure I understand what it does, then return a tidied version with the same behaviour and a few notes.`
    : `The user asks: "${topic}". I should answer with a short structured overview: a few steps, then one small code example. Keep it concise.`;
}

const LONG_SECTIONS: { lang: string; code: string }[] = [
  { lang: 'ts', code: 'interface Point { x: number; y: number }\n\nexport const distance = (a: Point, b: Point): number =>\n  Math.hypot(a.x - b.x, a.y - b.y);' },
  { lang: 'python', code: 'def fib(n: int) -> int:\n    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return a\n\nprint([fib(i) for i in range(10)])' },
  { lang: 'rust', code: 'fn main() {\n    let words = vec!["硅基", "流动", "mock"];\n    for (i, w) in words.iter().enumerate() {\n        println!("{i}: {w}");\n    }\n}' },
  { lang: 'go', code: 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfor i := 0; i < 3; i++ {\n\t\tfmt.Println("streaming", i)\n\t}\n}' },
  { lang: 'bash', code: 'for f in *.log; do\n  grep -c "ERROR" "$f" | xargs printf "%s: %s\\n" "$f"\ndone' },
  { lang: 'json', code: '{\n  "model": "deepseek-ai/DeepSeek-V3.2",\n  "stream": true,\n  "messages": [{ "role": "user", "content": "你好" }]\n}' },
  { lang: 'sql', code: 'SELECT model, COUNT(*) AS calls, SUM(tokens) AS total\nFROM usage_log\nWHERE day >= CURRENT_DATE - 7\nGROUP BY model\nORDER BY total DESC;' },
];

/** About 40k characters of markdown: headings, lists, a table, Chinese prose and many code blocks. */
export function longAnswer(target = 40_000): string {
  const parts: string[] = ['# A long answer from the mock server / 模拟服务器的长回答', ''];
  let length = parts[0]!.length;
  for (let i = 1; length < target; i++) {
    const example = LONG_SECTIONS[(i - 1) % LONG_SECTIONS.length]!;
    const section = [
      `## ${i}. Section ${i}: ${example.lang} — 第 ${i} 节`,
      '',
      `This section exists to exercise rendering: incremental markdown, code highlighting and scrolling while the answer streams. 这一节用来测试增量渲染、代码高亮和流式输出时的自动滚动。`,
      '',
      `- item ${i}.a — **bold**, *italic* and \`inline code\``,
      `- 项目 ${i}.b：中文内容，包含标点符号，例如“引号”和（括号）。`,
      `- item ${i}.c — a [link](https://docs.siliconflow.cn/) that opens through the host`,
      '',
      fence(example.lang, example.code),
      '',
      i % 3 === 0 ? '| model | context | 说明 |\n| --- | ---: | --- |\n| DeepSeek-V3.2 | 163,840 | 混合推理 |\n| Qwen2.5-Coder-32B | 32,768 | 代码 |\n' : '',
    ].join('\n');
    parts.push(section);
    length += section.length + 1;
  }
  parts.push('That is the end of the long answer. 长回答到此结束。');
  return parts.join('\n');
}

/** The default answer for an unscripted request. */
export function defaultScript(req: AnswerRequest): Script {
  const chinese = isChinese(req.prompt);
  const found = findFencedCode(req.prompt);
  const text = req.long ? longAnswer() : found ? codeAnswer(found, req.prompt, chinese) : generalAnswer(req.prompt, chinese);
  return req.reasoning ? { reasoning: reasoningFor(req.prompt, chinese, found !== undefined), text } : { text };
}
