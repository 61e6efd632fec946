// POST /chat/completions (OpenAI-compatible): the request body, and chunk → StreamEvent (also the
// `choices[].text` chunks of POST /completions, which streamFim reads with the same decoder).
// Wire facts (docs/wire.md §1): usage is cumulative and repeated in every chunk (keep the last);
// `reasoning_content` comes before `content`, either may be null or ""; `finish_reason` may be ""
// instead of null; OpenAI proper adds a chunk with `choices: []` and the usage before [DONE];
// tool calls arrive as fragments keyed by `index`, with id and name only on the first one.
import { argumentsText, clamp, count, isRecord, JsonEventDecoder, putDefined, usageEvent } from './decoder';
import { truncatedError } from './errors';
import { QuickChunk } from './openaiQuickChunk';
import { contentText } from './content';
import type { ChatMessage, ChatRequest, ContentPart, ToolChoice } from './types';

const MAX_STOP_SEQUENCES = 4;

export function openAIRequestBody(req: ChatRequest): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model: req.model,
    messages: req.messages.map(openAIMessage),
    stream: true,
  };
  putDefined(body, 'max_tokens', req.maxTokens);
  putDefined(body, 'temperature', req.temperature);
  putDefined(body, 'top_p', req.topP);
  putDefined(body, 'top_k', req.topK);
  putDefined(body, 'frequency_penalty', req.frequencyPenalty);
  putDefined(body, 'min_p', req.minP);
  if (req.stop && req.stop.length > 0) body.stop = req.stop.slice(0, MAX_STOP_SEQUENCES);
  putDefined(body, 'enable_thinking', req.enableThinking);
  // 0 is rejected by the API, so "no budget" is expressed by leaving the field out.
  if (req.enableThinking !== false && req.thinkingBudget && req.thinkingBudget > 0) {
    body.thinking_budget = clamp(Math.round(req.thinkingBudget), 128, 32768);
  }
  putDefined(body, 'reasoning_effort', req.reasoningEffort);
  if (req.tools && req.tools.length > 0) {
    body.tools = req.tools.map((t) => ({
      type: 'function',
      function: { name: t.name, ...(t.description ? { description: t.description } : {}), parameters: t.parameters },
    }));
    if (req.toolChoice !== undefined) body.tool_choice = openAIToolChoice(req.toolChoice);
  }
  return body;
}

/** `tool_choice` on /chat/completions: auto | none | required | {type: function, function: {name}}. */
function openAIToolChoice(choice: ToolChoice): unknown {
  return typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } };
}

/** Content as the wire takes it: a string when it is all text, else text and image_url parts (data URLs). */
function openAIContent(content: string | ContentPart[]): string | Record<string, unknown>[] {
  if (typeof content === 'string' || content.every((p) => p.type === 'text')) return contentText(content);
  return content.map((p) =>
    p.type === 'text'
      ? { type: 'text', text: p.text }
      : { type: 'image_url', image_url: { url: `data:${p.mimeType};base64,${p.data}`, detail: 'auto' } },
  );
}

/**
 * One message on /chat/completions. Earlier answers go back without their reasoning (SiliconFlow API reference:
 * later turns send only `content`) unless the caller set `reasoningContent`, which DeepSeek's thinking
 * models need inside a tool loop; tool calls as `tool_calls`, results as `role: tool`.
 */
function openAIMessage(m: ChatMessage): Record<string, unknown> {
  if (m.role === 'tool') return { role: 'tool', tool_call_id: m.toolCallId ?? '', content: contentText(m.content) };
  if (m.role !== 'assistant') return { role: m.role, content: openAIContent(m.content) };
  const text = contentText(m.content);
  const out: Record<string, unknown> = { role: 'assistant', content: text };
  if (m.toolCalls && m.toolCalls.length > 0) {
    if (text === '') out.content = null;
    out.tool_calls = m.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments || '{}' } }));
  }
  if (m.reasoningContent) out.reasoning_content = m.reasoningContent;
  return out;
}

interface PartialToolCall {
  id: string;
  name: string;
  args: string;
}

export class OpenAIDecoder extends JsonEventDecoder {
  private finishReason: string | undefined;
  // SiliconFlow repeats the cumulative usage on every chunk: keep the latest figures as numbers
  // and build the one usage event in close(), rather than an object per chunk.
  private sawUsage = false;
  private inputTokens = 0;
  private outputTokens = 0;
  private reasoningTokens: number | undefined;
  private cachedInputTokens: number | undefined;
  private readonly toolCalls = new Map<number, PartialToolCall>();
  private readonly quick = new QuickChunk();

  protected doneMarker(): void {
    this.close(this.finishReason ?? 'stop');
  }

  /** Most chunks are one token in SiliconFlow's exact layout. */
  protected quickRead(data: string): boolean {
    if (!this.quick.read(data, this.layout)) return false;
    this.useQuickChunk(this.quick);
    return true;
  }

  protected read(chunk: Record<string, unknown>): void {
    if (isRecord(chunk.usage)) this.readUsage(chunk.usage);
    const choices = chunk.choices;
    if (!Array.isArray(choices)) return;
    for (const choice of choices) {
      // One answer is asked for (n = 1); a server that sends more is read for its first only.
      if (!isRecord(choice) || (choice.index !== undefined && choice.index !== 0)) continue;
      if (isRecord(choice.delta)) this.readDelta(choice.delta);
      // The completions shape (POST /completions, used for FIM) carries the text in `text`.
      else if (typeof choice.text === 'string' && choice.text !== '') this.out.delta('text', choice.text);
      if (typeof choice.finish_reason === 'string' && choice.finish_reason !== '') this.finishReason = choice.finish_reason;
    }
  }

  get finishing(): boolean {
    return !this.complete && this.finishReason !== undefined;
  }

  end(): void {
    if (this.complete) return;
    // No [DONE], but a finish reason was given: the answer itself is whole.
    if (this.finishReason !== undefined) return this.close(this.finishReason);
    throw truncatedError(this.ctx);
  }

  /** The same steps as for a parsed chunk: usage, then reasoning, then text. */
  private useQuickChunk(q: QuickChunk): void {
    if (q.hasUsage) {
      this.sawUsage = true;
      this.inputTokens = q.promptTokens;
      this.outputTokens = q.completionTokens;
      this.reasoningTokens = undefined; // no completion_tokens_details in this layout
      this.cachedInputTokens = undefined; // nor prompt_tokens_details
    }
    if (q.reasoning) this.out.delta('reasoning', q.reasoning);
    if (q.content) this.out.delta('text', q.content);
  }

  private readDelta(delta: Record<string, unknown>): void {
    if (typeof delta.reasoning_content === 'string' && delta.reasoning_content !== '') {
      this.out.delta('reasoning', delta.reasoning_content);
    }
    if (typeof delta.content === 'string' && delta.content !== '') {
      this.out.delta('text', delta.content);
    }
    if (Array.isArray(delta.tool_calls)) {
      for (const fragment of delta.tool_calls) if (isRecord(fragment)) this.readToolFragment(fragment);
    }
  }
  private readToolFragment(fragment: Record<string, unknown>): void {
    const index = typeof fragment.index === 'number' ? fragment.index : this.toolCalls.size;
    let call = this.toolCalls.get(index);
    if (!call) {
      call = { id: '', name: '', args: '' };
      this.toolCalls.set(index, call);
    }
    if (typeof fragment.id === 'string' && fragment.id !== '' && call.id === '') call.id = fragment.id;
    const fn = isRecord(fragment.function) ? fragment.function : undefined;
    if (!fn) return;
    if (typeof fn.name === 'string' && fn.name !== '' && call.name === '') call.name = fn.name;
    if (typeof fn.arguments === 'string') call.args += fn.arguments;
    // Some servers send the arguments already parsed.
    else if (isRecord(fn.arguments)) call.args += JSON.stringify(fn.arguments);
  }

  private readUsage(u: Record<string, unknown>): void {
    // Cumulative: the latest figures replace the earlier ones (a missing count keeps the last one).
    this.sawUsage = true;
    this.inputTokens = count(u.prompt_tokens) ?? this.inputTokens;
    this.outputTokens = count(u.completion_tokens) ?? this.outputTokens;
    const details = u.completion_tokens_details;
    this.reasoningTokens = isRecord(details) ? count(details.reasoning_tokens) : undefined;
    // Prompt tokens served from the cache (billed at the cache-read price): OpenAI's field, or
    // DeepSeek's own name for it. Both are a part of prompt_tokens.
    const promptDetails = u.prompt_tokens_details;
    this.cachedInputTokens = (isRecord(promptDetails) ? count(promptDetails.cached_tokens) : undefined) ?? count(u.prompt_cache_hit_tokens);
  }

  private close(finishReason: string): void {
    this.complete = true;
    const indexes = [...this.toolCalls.keys()].sort((a, b) => a - b);
    for (const index of indexes) {
      const call = this.toolCalls.get(index)!;
      this.out.add({ type: 'tool_call', id: call.id || `call_${index}`, name: call.name, arguments: argumentsText(call.args) });
    }
    if (this.sawUsage) this.out.add(usageEvent(this.inputTokens, this.outputTokens, this.reasoningTokens, this.cachedInputTokens));
    this.out.add({ type: 'done', finishReason });
  }
}
