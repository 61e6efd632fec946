// The words of the recorded answer: a reasoning section, then a markdown answer mixing Chinese
// prose, English prose, lists and code — cut into token-sized pieces the way a model streams them.
import type { Rng } from '../lib/rng';

const chineseSentences = [
  '用户想要一个能够流式输出的聊天客户端，需要同时支持两种协议。',
  '首先要确认请求体的格式，然后再处理服务端返回的事件流。',
  '这里的关键在于增量解析：每收到一块字节就解码，而不是等到整个响应结束。',
  '如果网络中断，已经显示的内容应该保留，并提示用户答案被截断。',
  '我们可以把思考过程和最终答案分开显示，这样界面更清晰。',
  '注意中文字符在 UTF-8 中占三个字节，分块时可能被切断。',
  '性能方面，应该避免每个令牌都触发一次完整的重新渲染。',
  '下面给出一个完整的示例，并解释每一步的作用。',
];

const englishSentences = [
  'The stream arrives as server-sent events, each carrying a small JSON object.',
  'We decode the bytes with a streaming TextDecoder so multi-byte characters survive any split.',
  'Usage figures are cumulative, so the client keeps the last value instead of adding them up.',
  'A finish reason of length means the answer hit the token limit and may be incomplete.',
  'Retries only make sense before the first token has been shown to the user.',
  'Let me check the edge cases: empty deltas, null fields and comment lines between events.',
];

const codeSamples = [
  [
    '```ts',
    'export async function* readEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {',
    '  const decoder = new TextDecoder();',
    '  for await (const chunk of body) {',
    "    const text = decoder.decode(chunk, { stream: true });",
    '    if (text.length > 0) yield text;',
    '  }',
    '}',
    '```',
  ],
  [
    '```python',
    'def fibonacci(n: int) -> list[int]:',
    '    """返回前 n 个斐波那契数。"""',
    '    seq = [0, 1]',
    '    while len(seq) < n:',
    '        seq.append(seq[-1] + seq[-2])',
    '    return seq[:n]',
    '```',
  ],
  [
    '```json',
    '{ "model": "Qwen/Qwen3-Coder-480B-A35B-Instruct", "stream": true, "max_tokens": 4096 }',
    '```',
  ],
  [
    '```bash',
    'curl -N https://api.siliconflow.cn/v1/chat/completions \\',
    '  -H "Content-Type: application/json" -d @request.json',
    '```',
  ],
];

function paragraph(rng: Rng, sentences: readonly string[], count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(rng.pick(sentences));
  return parts.join(rng.chance(0.5) ? '' : ' ');
}

/** Thinking text: mostly Chinese with English asides, no markdown. At least `minChars` long. */
export function reasoningText(rng: Rng, minChars: number): string {
  const out: string[] = [];
  let length = 0;
  while (length < minChars) {
    const p = rng.chance(0.7)
      ? paragraph(rng, chineseSentences, rng.int(2, 5))
      : paragraph(rng, englishSentences, rng.int(1, 3));
    out.push(p);
    length += p.length + 2;
  }
  return out.join('\n\n');
}

/** Markdown answer: headings, prose in both languages, lists and fenced code. At least `minChars` long. */
export function answerText(rng: Rng, minChars: number): string {
  const out: string[] = [];
  let length = 0;
  let section = 1;
  while (length < minChars) {
    const block: string[] = [`## ${section++}. ${rng.pick(['实现步骤', 'Implementation', '错误处理', 'Edge cases'])}`];
    block.push(paragraph(rng, rng.chance(0.6) ? chineseSentences : englishSentences, rng.int(2, 4)));
    block.push(Array.from({ length: rng.int(2, 4) }, () => `- ${rng.pick([...chineseSentences, ...englishSentences])}`).join('\n'));
    block.push(rng.pick(codeSamples).join('\n'));
    const text = block.join('\n\n');
    out.push(text);
    length += text.length + 2;
  }
  return out.join('\n\n');
}

const isHan = (c: number): boolean => (c >= 0x3000 && c <= 0x9fff) || (c >= 0xff00 && c <= 0xffef);
const isWord = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;

/**
 * Cuts text into tokenizer-like pieces: 1–2 Han characters, a word with its leading space, a run
 * of indentation, a newline, or 1–2 punctuation marks. The pieces concatenate back to `text`.
 */
export function tokenPieces(rng: Rng, text: string): string[] {
  const pieces: string[] = [];
  let i = 0;
  while (i < text.length) {
    const start = i;
    const c = text.charCodeAt(i);
    if (isHan(c)) {
      i++;
      if (i < text.length && isHan(text.charCodeAt(i)) && rng.chance(0.5)) i++;
    } else if (c === 0x0a) {
      while (i < text.length && text.charCodeAt(i) === 0x0a) i++;
    } else if (c === 0x20 && i + 1 < text.length && isWord(text.charCodeAt(i + 1))) {
      i++;
      while (i < text.length && isWord(text.charCodeAt(i)) && i - start < 9) i++;
    } else if (isWord(c)) {
      while (i < text.length && isWord(text.charCodeAt(i)) && i - start < 8) i++;
    } else if (c === 0x20) {
      while (i < text.length && text.charCodeAt(i) === 0x20) i++;
    } else {
      i++;
      if (i < text.length && !isWord(text.charCodeAt(i)) && !isHan(text.charCodeAt(i)) && text.charCodeAt(i) !== 0x0a && rng.chance(0.4)) i++;
    }
    pieces.push(text.slice(start, i));
  }
  return pieces;
}
