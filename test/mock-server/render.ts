// Turns a Script into the SSE events of each protocol (docs/wire.md §1, §2), the non-streamed JSON
// bodies, and finally into byte chunks shaped by a StreamShape. Pure functions: the server writes
// their output, and the bench can pre-render whole streams into Buffers and replay them fast.

import { estimateTokens } from './models';
import { hexId, messageId, seededRandom, signatureFor } from './random';
import type { Script, StreamShape } from './types';

export type WireProtocol = 'openai' | 'anthropic';

export interface SseEvent {
  /** The `event:` name (written on /messages when shape.eventLines is not false; always for `error`). */
  event?: string;
  data: string;
  /** Part of the stream's ending (finish reason, message_delta, message_stop, [DONE]): faults strike before it. */
  terminal?: boolean;
}

export interface RenderContext {
  /** Completion / message id; derived from the script when absent. */
  id?: string;
  /** Unix seconds in OpenAI chunks; fixed by default so renders are reproducible. */
  created?: number;
  /** The requested model (script.model wins). */
  model?: string;
  /** Prompt tokens when the script gives no usage. */
  inputTokens?: number;
}

const DEFAULT_PIECE = 4;
const DEFAULT_CREATED = 1_763_350_084;

interface Usage {
  input: number;
  output: number;
  reasoning: number;
  /** Part of `input` read from the prompt cache. */
  cached: number;
  cacheField: 'openai' | 'deepseek';
}

/** The cached part of the prompt in an OpenAI-style usage object, in the field the script names. */
function putCached(u: Record<string, unknown>, usage: Usage): void {
  if (usage.cached <= 0) return;
  if (usage.cacheField === 'deepseek') {
    u.prompt_cache_hit_tokens = usage.cached;
    u.prompt_cache_miss_tokens = usage.input - usage.cached;
  } else {
    u.prompt_tokens_details = { cached_tokens: usage.cached };
  }
}

/** Anthropic counts the prompt read from the cache apart from input_tokens. */
function anthropicInput(usage: Usage): Record<string, number> {
  return usage.cached > 0 ? { input_tokens: usage.input - usage.cached, cache_read_input_tokens: usage.cached } : { input_tokens: usage.input };
}

function usageOf(script: Script, ctx: RenderContext): Usage {
  if (script.usage) {
    const u = script.usage;
    return { input: u.inputTokens, output: u.outputTokens, reasoning: u.reasoningTokens ?? 0, cached: u.cachedInputTokens ?? 0, cacheField: u.cacheField ?? 'openai' };
  }
  const reasoning = estimateTokens(script.reasoning ?? '');
  const tools = (script.toolCalls ?? []).reduce((sum, call) => sum + estimateTokens(call.name + call.arguments), 0);
  return { input: ctx.inputTokens ?? 12, output: reasoning + estimateTokens(script.text ?? '') + tools, reasoning, cached: 0, cacheField: 'openai' };
}

/** Splits by code points, so a piece never cuts a surrogate pair (emoji) in half. */
export function splitPieces(text: string, piece: number): string[] {
  const points = Array.from(text);
  const size = Math.max(1, Math.floor(piece));
  const pieces: string[] = [];
  for (let i = 0; i < points.length; i += size) pieces.push(points.slice(i, i + size).join(''));
  return pieces;
}

const OPENAI_FINISH: Record<string, string> = { end_turn: 'stop', max_tokens: 'length', tool_use: 'tool_calls', stop_sequence: 'stop' };
const ANTHROPIC_STOP: Record<string, string> = { stop: 'end_turn', length: 'max_tokens', tool_calls: 'tool_use', content_filter: 'refusal' };

/** The finish reason in the vocabulary of `protocol`; common names of the other one are mapped. */
export function finishReasonFor(script: Script, protocol: WireProtocol): string {
  const hasTools = (script.toolCalls ?? []).length > 0;
  const given = script.finishReason;
  if (protocol === 'openai') return given ? (OPENAI_FINISH[given] ?? given) : hasTools ? 'tool_calls' : 'stop';
  return given ? (ANTHROPIC_STOP[given] ?? given) : hasTools ? 'tool_use' : 'end_turn';
}

function scriptSeed(script: Script): string {
  return JSON.stringify([script.reasoning ?? '', script.text ?? '', script.toolCalls ?? []]);
}

const toolCallId = (script: Script, index: number): string =>
  script.toolCalls?.[index]?.id ?? hexId(`tool:${index}:${scriptSeed(script)}`);

/** OpenAI-compatible chunks: role first, reasoning then content, tool calls, finish, `[DONE]`; cumulative usage in every chunk. */
export function openAIEvents(script: Script, ctx: RenderContext = {}, piece = DEFAULT_PIECE): SseEvent[] {
  const id = ctx.id ?? hexId(`chatcmpl:${scriptSeed(script)}`);
  const created = ctx.created ?? DEFAULT_CREATED;
  const model = script.model ?? ctx.model ?? 'Qwen/Qwen2.5-7B-Instruct';
  const usage = usageOf(script, ctx);
  const reasoningPieces = splitPieces(script.reasoning ?? '', piece);
  const textPieces = splitPieces(script.text ?? '', piece);
  const toolDeltas: unknown[] = [];
  for (const [index, call] of (script.toolCalls ?? []).entries()) {
    // id, type and name only on the first delta of an index; later deltas carry argument fragments.
    toolDeltas.push({ index, id: toolCallId(script, index), type: 'function', function: { name: call.name, arguments: '' } });
    for (const fragment of splitPieces(call.arguments, piece * 2)) toolDeltas.push({ index, function: { arguments: fragment } });
  }
  const steps = reasoningPieces.length + textPieces.length + toolDeltas.length;
  let done = 0;
  const usageNow = (final: boolean) => {
    const completion = final ? usage.output : steps === 0 ? 0 : Math.min(usage.output, Math.round((usage.output * done) / steps));
    const u: Record<string, unknown> = { prompt_tokens: usage.input, completion_tokens: completion, total_tokens: usage.input + completion };
    if (final && usage.reasoning > 0) u.completion_tokens_details = { reasoning_tokens: usage.reasoning };
    putCached(u, usage);
    return u;
  };
  const chunk = (delta: Record<string, unknown>, finish: string | null, final = false): SseEvent => ({
    data: JSON.stringify({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta, finish_reason: finish }],
      system_fingerprint: '',
      usage: usageNow(final),
    }),
    terminal: final,
  });
  const events: SseEvent[] = [chunk({ content: '', reasoning_content: null, role: 'assistant' }, null)];
  for (const p of reasoningPieces) {
    done++;
    events.push(chunk({ content: null, reasoning_content: p }, null));
  }
  for (const p of textPieces) {
    done++;
    events.push(chunk({ content: p, reasoning_content: null }, null));
  }
  for (const call of toolDeltas) {
    done++;
    events.push(chunk({ content: null, reasoning_content: null, tool_calls: [call] }, null));
  }
  events.push(chunk({ content: '', reasoning_content: null }, finishReasonFor(script, 'openai'), true));
  events.push({ data: '[DONE]', terminal: true });
  return events;
}

/** Anthropic-compatible events: message_start, thinking / text / tool_use blocks, ping, message_delta, message_stop, `[DONE]`. */
export function anthropicEvents(script: Script, ctx: RenderContext = {}, piece = DEFAULT_PIECE): SseEvent[] {
  const seed = scriptSeed(script);
  const model = script.model ?? ctx.model ?? 'Pro/zai-org/GLM-4.7';
  const usage = usageOf(script, ctx);
  const events: SseEvent[] = [];
  const emit = (type: string, payload: Record<string, unknown>, terminal = false) =>
    events.push({ event: type, data: JSON.stringify({ type, ...payload }), terminal });
  let pinged = false;
  const pingOnce = () => {
    if (!pinged) emit('ping', {});
    pinged = true;
  };
  emit('message_start', {
    message: {
      id: ctx.id ?? messageId(`msg:${seed}`),
      type: 'message',
      role: 'assistant',
      content: [],
      model,
      stop_reason: null,
      stop_sequence: null,
      usage: anthropicInput(usage),
    },
  });
  let index = 0;
  if (script.reasoning) {
    emit('content_block_start', { index, content_block: { type: 'thinking', thinking: '', signature: '' } });
    pingOnce();
    for (const p of splitPieces(script.reasoning, piece)) emit('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: p } });
    emit('content_block_delta', { index, delta: { type: 'signature_delta', signature: signatureFor(seed) } });
    emit('content_block_stop', { index });
    index++;
  }
  const toolCalls = script.toolCalls ?? [];
  if (script.text || (!script.reasoning && toolCalls.length === 0)) {
    emit('content_block_start', { index, content_block: { type: 'text', text: '' } });
    pingOnce();
    for (const p of splitPieces(script.text ?? '', piece)) emit('content_block_delta', { index, delta: { type: 'text_delta', text: p } });
    emit('content_block_stop', { index });
    index++;
  }
  for (const [i, call] of toolCalls.entries()) {
    emit('content_block_start', { index, content_block: { type: 'tool_use', id: toolCallId(script, i), name: call.name, input: {} } });
    pingOnce();
    // The first fragment is "" as on the wire; the rest carry the JSON text.
    for (const fragment of ['', ...splitPieces(call.arguments, piece * 2)]) {
      emit('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: fragment } });
    }
    emit('content_block_stop', { index });
    index++;
  }
  emit('message_delta', { delta: { stop_reason: finishReasonFor(script, 'anthropic'), stop_sequence: null }, usage: { output_tokens: usage.output } }, true);
  emit('message_stop', {}, true);
  events.push({ data: '[DONE]', terminal: true });
  return events;
}

export function renderEvents(protocol: WireProtocol, script: Script, ctx: RenderContext = {}, piece = DEFAULT_PIECE): SseEvent[] {
  return protocol === 'openai' ? openAIEvents(script, ctx, piece) : anthropicEvents(script, ctx, piece);
}

/** The `stream: false` body of POST /v1/chat/completions. */
export function openAICompletion(script: Script, ctx: RenderContext = {}): unknown {
  const usage = usageOf(script, ctx);
  const message: Record<string, unknown> = { role: 'assistant', content: script.text ?? '' };
  if (script.reasoning) message.reasoning_content = script.reasoning;
  if (script.toolCalls?.length) {
    message.tool_calls = script.toolCalls.map((call, i) => ({
      id: toolCallId(script, i),
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
    }));
  }
  const usageBody: Record<string, unknown> = { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output };
  if (usage.reasoning > 0) usageBody.completion_tokens_details = { reasoning_tokens: usage.reasoning };
  putCached(usageBody, usage);
  return {
    id: ctx.id ?? hexId(`chatcmpl:${scriptSeed(script)}`),
    object: 'chat.completion',
    created: ctx.created ?? DEFAULT_CREATED,
    model: script.model ?? ctx.model ?? 'Qwen/Qwen2.5-7B-Instruct',
    choices: [{ index: 0, message, finish_reason: finishReasonFor(script, 'openai') }],
    usage: usageBody,
    system_fingerprint: '',
  };
}

function parseArguments(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

/** The `stream: false` body of POST /v1/messages. */
export function anthropicMessage(script: Script, ctx: RenderContext = {}): unknown {
  const seed = scriptSeed(script);
  const usage = usageOf(script, ctx);
  const content: unknown[] = [];
  if (script.reasoning) content.push({ type: 'thinking', thinking: script.reasoning, signature: signatureFor(seed) });
  if (script.text || content.length === 0) content.push({ type: 'text', text: script.text ?? '' });
  for (const [i, call] of (script.toolCalls ?? []).entries()) {
    content.push({ type: 'tool_use', id: toolCallId(script, i), name: call.name, input: parseArguments(call.arguments) });
  }
  return {
    id: ctx.id ?? messageId(`msg:${seed}`),
    type: 'message',
    role: 'assistant',
    content,
    model: script.model ?? ctx.model ?? 'Pro/zai-org/GLM-4.7',
    stop_reason: finishReasonFor(script, 'anthropic'),
    stop_sequence: null,
    usage: { ...anthropicInput(usage), output_tokens: usage.output },
  };
}

// ---- bytes -------------------------------------------------------------------------------------

export function lineEndingOf(shape: StreamShape): string {
  return shape.lineEnding === 'crlf' ? '\r\n' : shape.lineEnding === 'cr' ? '\r' : '\n';
}

export const KEEP_ALIVE = ': keep-alive';

/** One SSE event as text: optional `event:` line, one `data:` line, blank line. */
export function encodeEvent(event: SseEvent, shape: StreamShape = {}): string {
  const le = lineEndingOf(shape);
  // An `error` event keeps its name even without event lines: that name is the whole point of that shape.
  const named = event.event !== undefined && (shape.eventLines !== false || event.event === 'error');
  return `${named ? `event: ${event.event}${le}` : ''}data: ${event.data}${le}${le}`;
}

export function encodeComment(shape: StreamShape = {}): string {
  const le = lineEndingOf(shape);
  return `${KEEP_ALIVE}${le}${le}`;
}

/** The body prefix for `bom`: a UTF-8 byte order mark and blank lines before the first event. */
export function encodePrefix(shape: StreamShape = {}): string {
  const le = lineEndingOf(shape);
  return shape.bom ? `\uFEFF${le}${le}` : '';
}

/** Cuts units (one Buffer per event) into the writes that `shape.chunking` asks for. */
export function chunkUnits(units: Buffer[], shape: StreamShape = {}, random?: () => number): Buffer[] {
  const chunking = shape.chunking ?? 'event';
  if (chunking === 'event') return units.filter((u) => u.length > 0);
  const all = Buffer.concat(units);
  const next = random ?? seededRandom(shape.seed ?? 1);
  const out: Buffer[] = [];
  let offset = 0;
  while (offset < all.length) {
    let size: number;
    if (chunking === 'byte') size = 1;
    else if (typeof chunking === 'number') size = Math.max(1, Math.floor(chunking));
    else {
      // Mostly small splits (they cut UTF-8 sequences and line ends), sometimes a large one.
      const r = next();
      size = 1 + Math.floor(next() * (r < 0.6 ? 16 : r < 0.9 ? 128 : 1024));
    }
    out.push(all.subarray(offset, offset + size));
    offset += size;
  }
  return out;
}

/** A clean stream (no fault) as the list of writes the server would make. Concatenate for one Buffer. */
export function renderStream(protocol: WireProtocol, script: Script, shape: StreamShape = {}, ctx: RenderContext = {}): Buffer[] {
  const events = renderEvents(protocol, script, ctx, shape.piece ?? DEFAULT_PIECE);
  const units: Buffer[] = [];
  const prefix = encodePrefix(shape);
  if (prefix) units.push(Buffer.from(prefix, 'utf8'));
  for (const [i, event] of events.entries()) {
    if (shape.comments && i === 0) units.push(Buffer.from(encodeComment(shape), 'utf8'));
    units.push(Buffer.from(encodeEvent(event, shape), 'utf8'));
    if (shape.comments && i < events.length - 1) units.push(Buffer.from(encodeComment(shape), 'utf8'));
  }
  return chunkUnits(units, shape);
}
