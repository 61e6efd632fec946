// The stream readers under test. Each reads one whole recorded stream from the replay server and
// reports what it assembled, so the bench can check that all of them did the same work.
import Anthropic from '@anthropic-ai/sdk';
import { createParser } from 'eventsource-parser';
import OpenAI from 'openai';
import { streamChat } from '../../src/client/index';
import type { Protocol } from './recording';

export interface Assembled {
  textChars: number;
  reasoningChars: number;
  outputTokens: number;
}

export interface Reader {
  name: string;
  protocol: Protocol;
  /** Creates the long-lived client (outside the timed part), returns the timed read. */
  prepare(origin: string): () => Promise<Assembled>;
}

const API_KEY = 'sk-bench-not-a-real-key';
const MODEL = 'deepseek-ai/DeepSeek-V3.2';
const MESSAGES = [{ role: 'user' as const, content: '用 TypeScript 写一个流式 SSE 解析器，并解释。' }];

/** The project's client (src/client): the path every chat message and editor command takes. */
export function oursReader(protocol: Protocol): Reader {
  return {
    name: 'ours (streamChat)',
    protocol,
    prepare: (origin) => async () => {
      const got: Assembled = { textChars: 0, reasoningChars: 0, outputTokens: 0 };
      const events = streamChat({ baseUrl: `${origin}/v1`, apiKey: API_KEY, protocol, model: MODEL, messages: MESSAGES });
      for await (const ev of events) {
        if (ev.type === 'text') got.textChars += ev.text.length;
        else if (ev.type === 'reasoning') got.reasoningChars += ev.text.length;
        else if (ev.type === 'usage') got.outputTokens = ev.outputTokens;
      }
      return got;
    },
  };
}

/** The `openai` package: `chat.completions.create({ stream: true })`, iterating its chunks. */
export function openaiReader(): Reader {
  return {
    name: 'openai package',
    protocol: 'openai',
    prepare: (origin) => {
      const client = new OpenAI({ apiKey: API_KEY, baseURL: `${origin}/v1`, maxRetries: 0 });
      return async () => {
        const got: Assembled = { textChars: 0, reasoningChars: 0, outputTokens: 0 };
        const stream = await client.chat.completions.create({ model: MODEL, messages: MESSAGES, stream: true });
        for await (const chunk of stream) {
          const delta = chunk.choices[0]?.delta;
          if (delta?.content) got.textChars += delta.content.length;
          // SiliconFlow's reasoning field is not in the SDK's types; the SDK passes it through.
          const reasoning = (delta as { reasoning_content?: string | null } | undefined)?.reasoning_content;
          if (reasoning) got.reasoningChars += reasoning.length;
          if (chunk.usage) got.outputTokens = chunk.usage.completion_tokens;
        }
        return got;
      };
    },
  };
}

/** `@anthropic-ai/sdk`: `messages.create({ stream: true })`, iterating its raw events. */
export function anthropicReader(): Reader {
  return {
    name: '@anthropic-ai/sdk',
    protocol: 'anthropic',
    prepare: (origin) => {
      const client = new Anthropic({ apiKey: API_KEY, baseURL: origin, maxRetries: 0 });
      return async () => {
        const got: Assembled = { textChars: 0, reasoningChars: 0, outputTokens: 0 };
        const stream = await client.messages.create({ model: MODEL, max_tokens: 32768, messages: MESSAGES, stream: true });
        for await (const ev of stream) {
          if (ev.type === 'content_block_delta') {
            if (ev.delta.type === 'text_delta') got.textChars += ev.delta.text.length;
            else if (ev.delta.type === 'thinking_delta') got.reasoningChars += ev.delta.thinking.length;
          } else if (ev.type === 'message_delta') {
            got.outputTokens = ev.usage.output_tokens;
          }
        }
        return got;
      };
    },
  };
}

interface LeanChunk {
  choices?: { delta?: { content?: string | null; reasoning_content?: string | null } }[];
  usage?: { completion_tokens?: number; output_tokens?: number };
  type?: string;
  delta?: { type?: string; text?: string; thinking?: string };
}

/**
 * A reference, not a competitor: the leanest correct loop (fetch → streaming TextDecoder →
 * eventsource-parser → JSON.parse of every event) with no error handling and no yields. It shows
 * what this stack costs when every event is parsed as JSON; our client reads SiliconFlow's
 * per-token events without JSON.parse, so it can be faster than this loop.
 */
export function leanReader(protocol: Protocol): Reader {
  return {
    name: 'lean loop (reference)',
    protocol,
    prepare: (origin) => async () => {
      const got: Assembled = { textChars: 0, reasoningChars: 0, outputTokens: 0 };
      const path = protocol === 'openai' ? '/v1/chat/completions' : '/v1/messages';
      const res = await fetch(`${origin}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
        body: JSON.stringify({ model: MODEL, messages: MESSAGES, stream: true }),
      });
      const parser = createParser({
        onEvent: (e) => {
          if (e.data === '[DONE]') return;
          const j = JSON.parse(e.data) as LeanChunk;
          if (protocol === 'openai') {
            const d = j.choices?.[0]?.delta;
            if (d?.content) got.textChars += d.content.length;
            if (d?.reasoning_content) got.reasoningChars += d.reasoning_content.length;
            if (j.usage?.completion_tokens !== undefined) got.outputTokens = j.usage.completion_tokens;
          } else if (j.type === 'content_block_delta') {
            if (j.delta?.type === 'text_delta') got.textChars += j.delta.text?.length ?? 0;
            else if (j.delta?.type === 'thinking_delta') got.reasoningChars += j.delta.thinking?.length ?? 0;
          } else if (j.type === 'message_delta') {
            got.outputTokens = j.usage?.output_tokens ?? got.outputTokens;
          }
        },
      });
      const decoder = new TextDecoder();
      if (!res.body) throw new Error('no body');
      for await (const bytes of res.body) parser.feed(decoder.decode(bytes, { stream: true }));
      parser.feed(decoder.decode());
      return got;
    },
  };
}
