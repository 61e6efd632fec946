// POST /messages (Anthropic-compatible): the request body, and event → StreamEvent.
// Wire facts (docs/wire.md §2): dispatch on the JSON `type`, not the `event:` line (which may be
// absent); `ping` and unknown types anywhere are ignored; the stream ends with `data: [DONE]` after
// `message_stop`, and [DONE] is never parsed as JSON; a stream that ends before `message_stop`
// (and without [DONE]) is truncated. Stop reasons are reported with the OpenAI names, so callers
// handle one vocabulary whatever the protocol.
import { argumentsText, clamp, count, isRecord, JsonEventDecoder, putDefined, usageEvent } from './decoder';
import { readQuickDelta } from './anthropicQuickDelta';
import { truncatedError } from './errors';
import { contentText } from './content';
import type { ChatMessage, ChatRequest, ContentPart, StreamEvent, ToolChoice } from './types';

/** /messages requires max_tokens; this is used when the request leaves it unset. */
export const DEFAULT_MESSAGES_MAX_TOKENS = 8192;
/** `thinking.budget_tokens` is required when thinking is enabled; used when no budget is set. */
export const DEFAULT_THINKING_BUDGET = 4096;
const MAX_STOP_SEQUENCES = 4;

const STOP_REASONS: Record<string, string> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
};

export function finishReasonOf(stopReason: string): string {
  return STOP_REASONS[stopReason] ?? stopReason;
}

function splitSystem(messages: ChatMessage[]): { system: string | undefined; rest: ChatMessage[] } {
  // /messages takes the system prompt top-level; every system message goes there, in order.
  const system = messages.filter((m) => m.role === 'system').map((m) => contentText(m.content));
  const rest = messages.filter((m) => m.role !== 'system');
  return { system: system.length > 0 ? system.join('\n\n') : undefined, rest };
}

export function anthropicRequestBody(req: ChatRequest): Record<string, unknown> {
  const { system, rest } = splitSystem(req.messages);
  const maxTokens = req.maxTokens && req.maxTokens > 0 ? Math.round(req.maxTokens) : DEFAULT_MESSAGES_MAX_TOKENS;
  const body: Record<string, unknown> = {
    model: req.model,
    messages: anthropicMessages(rest),
    max_tokens: maxTokens,
    stream: true,
  };
  if (system !== undefined && system !== '') body.system = system;
  putDefined(body, 'temperature', req.temperature);
  // The ranges are narrower here than on /chat/completions (docs/wire.md §2, §5): keep a shared setting valid.
  putDefined(body, 'top_p', req.topP === undefined ? undefined : clamp(req.topP, 0.1, 1));
  putDefined(body, 'top_k', req.topK === undefined ? undefined : clamp(req.topK, 0, 50));
  if (req.stop && req.stop.length > 0) body.stop_sequences = req.stop.slice(0, MAX_STOP_SEQUENCES);
  if (req.enableThinking === true) {
    const wanted = req.thinkingBudget && req.thinkingBudget > 0 ? Math.round(req.thinkingBudget) : DEFAULT_THINKING_BUDGET;
    body.thinking = { type: 'enabled', budget_tokens: clamp(wanted, 128, 32768) };
  } else if (req.enableThinking === false) {
    body.thinking = { type: 'disabled' };
  }
  if (req.tools && req.tools.length > 0) {
    body.tools = req.tools.map((t) => ({
      name: t.name,
      ...(t.description ? { description: t.description } : {}),
      input_schema: t.parameters,
    }));
    const choice = anthropicToolChoice(req.toolChoice);
    // 'none' has no /messages form here: the tools are left out instead.
    if (choice === null) delete body.tools;
    else if (choice !== undefined) body.tool_choice = choice;
  }
  return body;
}

/** `tool_choice` on /messages: {type: auto | any | tool, name}; null for 'none'. */
function anthropicToolChoice(choice: ToolChoice | undefined): Record<string, unknown> | null | undefined {
  if (choice === undefined) return undefined;
  if (choice === 'none') return null;
  if (choice === 'auto') return { type: 'auto' };
  if (choice === 'required') return { type: 'any' };
  return { type: 'tool', name: choice.name };
}

function anthropicBlocks(content: string | ContentPart[]): Record<string, unknown>[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  return content.map((p) =>
    p.type === 'text'
      ? { type: 'text', text: p.text }
      : { type: 'image', source: { type: 'base64', media_type: p.mimeType, data: p.data } },
  );
}

function parseInput(args: string): unknown {
  try {
    const value: unknown = JSON.parse(args || '{}');
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}

/**
 * The turns of /messages: text-only content stays a string; images become `image` blocks; an
 * assistant turn's tool calls become `tool_use` blocks (after a `thinking` block when the caller
 * sends the reasoning back); tool results become `tool_result` blocks of a user turn, merged with
 * the results and the user text that follow, since the roles must alternate.
 */
function anthropicMessages(messages: ChatMessage[]): Record<string, unknown>[] {
  const out: { role: string; content: string | Record<string, unknown>[] }[] = [];
  const push = (role: string, blocks: Record<string, unknown>[], plain?: string) => {
    const last = out[out.length - 1];
    if (last && last.role === role && last.role === 'user' && Array.isArray(last.content) && last.content.some((b) => b.type === 'tool_result')) {
      last.content.push(...blocks);
      return;
    }
    out.push({ role, content: plain ?? blocks });
  };
  for (const m of messages) {
    if (m.role === 'tool') {
      const block: Record<string, unknown> = { type: 'tool_result', tool_use_id: m.toolCallId ?? '', content: contentText(m.content) };
      if (m.isError) block.is_error = true;
      const last = out[out.length - 1];
      if (last && last.role === 'user' && Array.isArray(last.content) && last.content.every((b) => b.type === 'tool_result')) last.content.push(block);
      else out.push({ role: 'user', content: [block] });
      continue;
    }
    if (m.role === 'assistant' && ((m.toolCalls?.length ?? 0) > 0 || m.reasoningContent)) {
      const blocks: Record<string, unknown>[] = [];
      if (m.reasoningContent) blocks.push({ type: 'thinking', thinking: m.reasoningContent, signature: m.reasoningSignature ?? '' });
      blocks.push(...anthropicBlocks(m.content));
      for (const c of m.toolCalls ?? []) blocks.push({ type: 'tool_use', id: c.id, name: c.name, input: parseInput(c.arguments) });
      out.push({ role: 'assistant', content: blocks });
      continue;
    }
    const plain = typeof m.content === 'string' || m.content.every((p) => p.type === 'text') ? contentText(m.content) : undefined;
    push(m.role, anthropicBlocks(m.content), plain);
  }
  return out;
}

interface OpenToolUse {
  id: string;
  name: string;
  json: string;
  /** `input` given whole in content_block_start, used when no fragments follow. */
  initialInput?: Record<string, unknown>;
}

export class AnthropicDecoder extends JsonEventDecoder {
  private stopReason: string | undefined;
  private inputTokens: number | undefined;
  private outputTokens: number | undefined;
  private cacheReadTokens: number | undefined;
  private cacheWriteTokens: number | undefined;
  private readonly toolUses = new Map<number, OpenToolUse>();
  private sawToolUse = false;

  /** The end marker of SiliconFlow's /messages stream. */
  protected doneMarker(): void {
    this.close();
  }

  /** Most events are a token's text or thinking delta. */
  protected quickRead(data: string): boolean {
    return readQuickDelta(data, this.layout, this.out);
  }

  protected read(event: Record<string, unknown>): void {
    switch (event.type) {
      case 'message_start':
        if (isRecord(event.message) && isRecord(event.message.usage)) this.readUsage(event.message.usage);
        return;
      case 'content_block_start':
        return this.blockStart(event);
      case 'content_block_delta':
        return this.blockDelta(event);
      case 'content_block_stop':
        return this.blockStop(event.index);
      case 'message_delta':
        if (isRecord(event.delta) && typeof event.delta.stop_reason === 'string' && event.delta.stop_reason !== '') {
          this.stopReason = event.delta.stop_reason;
        }
        if (isRecord(event.usage)) this.readUsage(event.usage);
        return;
      case 'message_stop':
        return this.close();
      default:
        // ping, and any event type this client does not know.
        return;
    }
  }

  get finishing(): boolean {
    return !this.complete && this.stopReason !== undefined;
  }

  end(): void {
    if (this.complete) return;
    // No message_stop, but message_delta gave the stop reason: the answer itself is whole.
    if (this.stopReason !== undefined) return this.close();
    throw truncatedError(this.ctx);
  }

  private blockStart(event: Record<string, unknown>): void {
    const block = isRecord(event.content_block) ? event.content_block : undefined;
    if (!block) return;
    const index = typeof event.index === 'number' ? event.index : this.toolUses.size;
    if (block.type === 'tool_use') {
      this.sawToolUse = true;
      this.toolUses.set(index, {
        id: typeof block.id === 'string' ? block.id : '',
        name: typeof block.name === 'string' ? block.name : '',
        json: '',
        initialInput: isRecord(block.input) && Object.keys(block.input).length > 0 ? block.input : undefined,
      });
      return;
    }
    // Blocks normally start empty, but a non-empty start is part of the answer.
    if (block.type === 'text' && typeof block.text === 'string' && block.text !== '') this.out.delta('text', block.text);
    else if (block.type === 'thinking' && typeof block.thinking === 'string' && block.thinking !== '') {
      this.out.delta('reasoning', block.thinking);
    }
  }

  private blockDelta(event: Record<string, unknown>): void {
    const delta = isRecord(event.delta) ? event.delta : undefined;
    if (!delta) return;
    switch (delta.type) {
      case 'text_delta':
        if (typeof delta.text === 'string' && delta.text !== '') this.out.delta('text', delta.text);
        return;
      case 'thinking_delta':
        if (typeof delta.thinking === 'string' && delta.thinking !== '') this.out.delta('reasoning', delta.thinking);
        return;
      case 'input_json_delta': {
        const tool = typeof event.index === 'number' ? this.toolUses.get(event.index) : undefined;
        if (tool && typeof delta.partial_json === 'string') tool.json += delta.partial_json;
        return;
      }
      case 'signature_delta':
        // Kept by callers that send the reasoning back in a tool loop.
        if (typeof delta.signature === 'string' && delta.signature !== '') this.out.add({ type: 'reasoning_signature', signature: delta.signature });
        return;
      default:
        return;
    }
  }

  private blockStop(index: unknown): void {
    if (typeof index !== 'number') return;
    const tool = this.toolUses.get(index);
    if (!tool) return;
    this.toolUses.delete(index);
    this.out.add(this.toolCallEvent(tool, index));
  }

  private toolCallEvent(tool: OpenToolUse, index: number): StreamEvent {
    const json = tool.json === '' && tool.initialInput ? JSON.stringify(tool.initialInput) : tool.json;
    return { type: 'tool_call', id: tool.id || `toolu_${index}`, name: tool.name, arguments: argumentsText(json) };
  }

  private readUsage(u: Record<string, unknown>): void {
    // message_start carries the input count; message_delta the (cumulative) output count.
    this.inputTokens = count(u.input_tokens) ?? this.inputTokens;
    this.outputTokens = count(u.output_tokens) ?? this.outputTokens;
    // Anthropic's input_tokens leaves out the prompt read from / written to the cache.
    this.cacheReadTokens = count(u.cache_read_input_tokens) ?? this.cacheReadTokens;
    this.cacheWriteTokens = count(u.cache_creation_input_tokens) ?? this.cacheWriteTokens;
  }

  private close(): void {
    this.complete = true;
    // A tool_use block the server never closed still belongs to the answer.
    for (const index of [...this.toolUses.keys()].sort((a, b) => a - b)) {
      this.out.add(this.toolCallEvent(this.toolUses.get(index)!, index));
    }
    this.toolUses.clear();
    if (this.inputTokens !== undefined || this.outputTokens !== undefined) {
      // The event's inputTokens is the whole prompt, with the cached part in cachedInputTokens.
      const input = (this.inputTokens ?? 0) + (this.cacheReadTokens ?? 0) + (this.cacheWriteTokens ?? 0);
      this.out.add(usageEvent(input, this.outputTokens ?? 0, undefined, this.cacheReadTokens));
    }
    const defaultReason = this.sawToolUse ? 'tool_use' : 'end_turn';
    this.out.add({ type: 'done', finishReason: finishReasonOf(this.stopReason ?? defaultReason) });
  }
}
