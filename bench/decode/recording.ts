// One long, realistic SiliconFlow stream per protocol, rendered once into memory: the exact bytes a
// server would send, already cut into the pieces it writes to the socket.
import { seededRng, type Rng } from '../lib/rng';
import { answerText, reasoningText, tokenPieces } from './content';

export type Protocol = 'openai' | 'anthropic';

export interface Recording {
  protocol: Protocol;
  /** The pieces written to the socket, in order; they concatenate to the whole body. */
  writes: Buffer[];
  bytes: number;
  /** SSE events in the body (every `data:` event, including pings and `[DONE]`). */
  events: number;
  /** What a correct reader assembles. */
  expected: { textChars: number; reasoningChars: number; inputTokens: number; outputTokens: number };
}

export interface RecordingOptions {
  /** Minimum number of SSE events (the content grows until it is reached). */
  minEvents: number;
  seed: number;
}

const MODEL = 'deepseek-ai/DeepSeek-V3.2';
const CREATED = 1763350084;

interface Content {
  reasoning: string[];
  text: string[];
}

/** The same words for both protocols, so the two recordings differ only in framing. */
function content(options: RecordingOptions): Content {
  const rng = seededRng(options.seed);
  // Roughly a quarter of the pieces are reasoning, as with a thinking model on a coding question.
  const reasoningPieces = Math.ceil(options.minEvents * 0.25);
  const textPieces = options.minEvents - reasoningPieces;
  const reasoning = tokenPieces(rng, reasoningText(rng, reasoningPieces * 4));
  const text = tokenPieces(rng, answerText(rng, textPieces * 4));
  return { reasoning: reasoning.slice(0, reasoningPieces), text: text.slice(0, textPieces) };
}

const chars = (pieces: readonly string[]): number => pieces.reduce((n, p) => n + p.length, 0);

/** OpenAI-compatible chunks as SiliconFlow sends them: cumulative usage on every chunk (docs/wire.md §1). */
function openaiEvents(c: Content, inputTokens: number): string[] {
  const id = '019a8fdafd091c809cf14705cced6e75';
  const events: string[] = [];
  let completion = 0;
  const chunk = (delta: object, finish: string | null, reasoningTokens?: number): string =>
    JSON.stringify({
      id,
      object: 'chat.completion.chunk',
      created: CREATED,
      model: MODEL,
      choices: [{ index: 0, delta, finish_reason: finish }],
      system_fingerprint: '',
      usage: {
        prompt_tokens: inputTokens,
        completion_tokens: completion,
        total_tokens: inputTokens + completion,
        ...(reasoningTokens === undefined ? {} : { completion_tokens_details: { reasoning_tokens: reasoningTokens } }),
      },
    });
  events.push(chunk({ role: 'assistant', content: '', reasoning_content: null }, null));
  for (const piece of c.reasoning) {
    completion++;
    events.push(chunk({ content: null, reasoning_content: piece }, null));
  }
  for (const piece of c.text) {
    completion++;
    events.push(chunk({ content: piece, reasoning_content: null }, null));
  }
  events.push(chunk({ content: '', reasoning_content: null }, 'stop', c.reasoning.length));
  return events.map((data) => `data: ${data}\n\n`).concat('data: [DONE]\n\n');
}

/** Anthropic-compatible events as SiliconFlow sends them, pings included (docs/wire.md §2). */
function anthropicEvents(c: Content, inputTokens: number, rng: Rng): string[] {
  const out: string[] = [];
  const event = (name: string, data: object): void => {
    out.push(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const maybePing = (): void => {
    if (rng.chance(0.002)) event('ping', { type: 'ping' });
  };
  event('message_start', {
    type: 'message_start',
    message: {
      id: 'msg_4KGg2neRMOYFEcYKQgxXX2SL', type: 'message', role: 'assistant', content: [], model: MODEL,
      stop_reason: null, stop_sequence: null, usage: { input_tokens: inputTokens, output_tokens: 0 },
    },
  });
  event('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } });
  event('ping', { type: 'ping' });
  for (const piece of c.reasoning) {
    event('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: piece } });
    maybePing();
  }
  event('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'tvshsltrjs' } });
  event('content_block_stop', { type: 'content_block_stop', index: 0 });
  event('content_block_start', { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } });
  for (const piece of c.text) {
    event('content_block_delta', { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: piece } });
    maybePing();
  }
  event('content_block_stop', { type: 'content_block_stop', index: 1 });
  event('message_delta', {
    type: 'message_delta',
    delta: { stop_reason: 'end_turn', stop_sequence: null },
    usage: { output_tokens: c.reasoning.length + c.text.length },
  });
  event('message_stop', { type: 'message_stop' });
  out.push('data: [DONE]\n\n');
  return out;
}

/**
 * Groups 1–3 events per socket write, like a server flushing whatever the model produced since the
 * last write, and about a third of the time cuts a write inside an event (at any byte, so inside
 * a UTF-8 character too), as TCP segmentation does.
 */
function cutIntoWrites(body: Buffer, eventEnds: readonly number[], rng: Rng): Buffer[] {
  const writes: Buffer[] = [];
  let start = 0;
  let e = 0;
  while (e < eventEnds.length) {
    e = Math.min(eventEnds.length, e + rng.int(1, 3));
    let end = eventEnds[e - 1];
    const eventStart = e >= 2 ? eventEnds[e - 2] : 0;
    if (rng.chance(0.33) && end - eventStart > 2) {
      const cut = rng.int(Math.max(start, eventStart) + 1, end - 1);
      if (cut > start) end = cut;
    }
    writes.push(body.subarray(start, end));
    start = end;
  }
  if (start < body.length) writes.push(body.subarray(start));
  return writes;
}

export function buildRecording(protocol: Protocol, options: RecordingOptions): Recording {
  const c = content(options);
  const inputTokens = 1830;
  const rng = seededRng(options.seed ^ 0x9e3779b9);
  const events = protocol === 'openai' ? openaiEvents(c, inputTokens) : anthropicEvents(c, inputTokens, rng);
  const encoded = events.map((e) => Buffer.from(e, 'utf8'));
  const body = Buffer.concat(encoded);
  const ends: number[] = [];
  let offset = 0;
  for (const b of encoded) ends.push((offset += b.length));
  return {
    protocol,
    writes: cutIntoWrites(body, ends, rng),
    bytes: body.length,
    events: events.length,
    expected: {
      textChars: chars(c.text),
      reasoningChars: chars(c.reasoning),
      inputTokens,
      outputTokens: c.reasoning.length + c.text.length,
    },
  };
}
