// The markdown answer the render bench streams: prose in English and Chinese, lists, tables and
// fenced code in the languages the renderer highlights — deterministic for a given seed.
import { seededRng, type Rng } from '../lib/rng';

const prose = [
  'The renderer keeps every finished block and only re-renders the open tail, so the cost of a chunk does not grow with the answer.',
  'When the stream stops early, the partial answer stays on screen and is marked as interrupted.',
  'Use `AbortController` to cancel the request; the client turns the abort into a **cancelled** error.',
  'See the [API reference](https://docs.siliconflow.cn/) for every parameter and its limits.',
  'Long answers should not make the editor lag: scrolling follows the answer only while you are at the bottom.',
];
const chinese = [
  '流式渲染的关键是只重新渲染最后一个未完成的块，已经完成的块保持不变。',
  '如果代码块还没有结束，我们先按纯文本显示，等到结束标记出现后再做语法高亮。',
  '表格和列表在流式输出时经常只有一半，渲染器需要容忍这种不完整的结构。',
  '注意：**不要**在每个令牌到达时都重新解析整个答案，那样的代价会随长度平方增长。',
];
const code: Record<string, string[]> = {
  ts: [
    'interface Chunk { index: number; text: string }',
    'export function join(chunks: Chunk[]): string {',
    '  return chunks.sort((a, b) => a.index - b.index).map((c) => c.text).join("");',
    '}',
    'const answer = join([{ index: 1, text: "世界" }, { index: 0, text: "你好" }]);',
    'console.log(`length: ${answer.length}`);',
  ],
  python: [
    'import asyncio',
    '',
    'async def stream(url: str) -> None:',
    '    """逐块读取响应并打印。"""',
    '    async with session.post(url, json={"stream": True}) as resp:',
    '        async for line in resp.content:',
    '            if line.startswith(b"data: "):',
    '                print(line[6:].decode("utf-8"), end="")',
  ],
  bash: [
    'export SILICONFLOW_API_KEY="sk-..."',
    'curl -sN https://api.siliconflow.cn/v1/chat/completions \\',
    '  -H "Authorization: Bearer $SILICONFLOW_API_KEY" \\',
    '  -d \'{"model": "Qwen/Qwen3-8B", "stream": true}\' | grep --line-buffered data:',
  ],
  json: ['{', '  "model": "deepseek-ai/DeepSeek-V3.2",', '  "messages": [{ "role": "user", "content": "你好" }],', '  "stream": true,', '  "max_tokens": 4096', '}'],
  go: [
    'func readEvents(r io.Reader) error {',
    '\tscanner := bufio.NewScanner(r)',
    '\tfor scanner.Scan() {',
    '\t\tline := scanner.Text()',
    '\t\tif strings.HasPrefix(line, "data: ") {',
    '\t\t\tfmt.Println(line[6:])',
    '\t\t}',
    '\t}',
    '\treturn scanner.Err()',
    '}',
  ],
  rust: [
    'fn tokens(text: &str) -> impl Iterator<Item = &str> + \'_ {',
    '    text.split_whitespace().filter(|t| !t.is_empty())',
    '}',
    '',
    'fn main() {',
    '    let n = tokens("streaming markdown renderer").count();',
    '    println!("{n} tokens");',
    '}',
  ],
  sql: ['SELECT model, COUNT(*) AS requests, AVG(latency_ms) AS avg_latency', 'FROM chat_log', "WHERE created_at > NOW() - INTERVAL '1 day'", 'GROUP BY model', 'ORDER BY requests DESC;'],
};
const languages = Object.keys(code);

function codeBlock(rng: Rng): string {
  const language = rng.pick(languages);
  const lines = code[language];
  // Vary the length a little so blocks are not identical (and not trivially cached).
  const body = lines.slice(0, rng.int(Math.ceil(lines.length / 2), lines.length));
  const comment = language === 'python' || language === 'bash' ? '#' : language === 'sql' ? '--' : '//';
  if (rng.chance(0.5) && language !== 'json') body.push(`${comment} 第 ${rng.int(1, 99)} 步 step`);
  return ['```' + language, ...body, '```'].join('\n');
}

function table(rng: Rng): string {
  const rows = Array.from({ length: rng.int(3, 6) }, (_, i) => `| ${rng.pick(['Qwen3-8B', 'DeepSeek-V3.2', 'GLM-4.7', 'Kimi-K2'])} | ${rng.int(8, 256)}k | ${rng.pick(['是', '否'])} | ${(i + 1) * rng.int(1, 9)} ms |`);
  return ['| 模型 Model | Context | 思考 Thinking | Latency |', '| --- | ---: | :---: | ---: |', ...rows].join('\n');
}

function list(rng: Rng): string {
  const ordered = rng.chance(0.4);
  return Array.from({ length: rng.int(3, 6) }, (_, i) => `${ordered ? `${i + 1}.` : '-'} ${rng.pick([...prose, ...chinese])}`).join('\n');
}

/**
 * A markdown answer of about `chars` characters with exactly `codeBlocks` fenced blocks, spread
 * evenly among paragraphs, lists, tables and headings.
 */
export function markdownAnswer(chars: number, codeBlocks: number, seed: number): string {
  const rng = seededRng(seed);
  const blocks: string[] = [];
  const codes = Array.from({ length: codeBlocks }, () => codeBlock(rng));
  const codeChars = codes.reduce((n, c) => n + c.length + 2, 0);
  const filler: string[] = [];
  let fillerChars = 0;
  let section = 1;
  while (fillerChars < chars - codeChars) {
    const kind = rng.int(0, 9);
    const block =
      kind === 0 ? `### ${section++}. ${rng.pick(['流式解析', 'Rendering', '错误处理', 'Performance', '配置'])}`
      : kind <= 4 ? Array.from({ length: rng.int(2, 4) }, () => rng.pick(rng.chance(0.5) ? prose : chinese)).join(' ')
      : kind <= 8 ? list(rng)
      : rng.chance(0.4) ? table(rng)
      : rng.pick(chinese);
    filler.push(block);
    fillerChars += block.length + 2;
  }
  const every = filler.length / (codeBlocks + 1);
  let next = every;
  for (let i = 0, c = 0; i < filler.length; i++) {
    blocks.push(filler[i]);
    if (i + 1 >= next && c < codes.length) {
      blocks.push(codes[c++]);
      next += every;
    }
  }
  return blocks.join('\n\n').slice(0, chars);
}

/** Cuts `text` into `count` chunks at seeded random points, as coalesced stream deltas arrive. */
export function chunksOf(text: string, count: number, seed: number): string[] {
  const rng = seededRng(seed);
  const cuts = new Set<number>();
  while (cuts.size < count - 1) cuts.add(rng.int(1, text.length - 1));
  const sorted = [...cuts].sort((a, b) => a - b);
  const chunks: string[] = [];
  let start = 0;
  for (const cut of [...sorted, text.length]) {
    chunks.push(text.slice(start, cut));
    start = cut;
  }
  return chunks;
}
