// Request validation as the API pages describe it (docs/wire.md §2, §5, §9). The messages
// name the offending parameter, as SiliconFlow's 20015 messages do, so the client can show it.

import { acceptsImages, contextWindowOf, estimateTokens, isKnownModel, requiresReasoningInToolLoop, supportsEnableThinking } from './models';

export interface ValidationFailure {
  /** 20012 unknown model, 20015 invalid parameter. */
  code: 20012 | 20015;
  message: string;
}

const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_TOOLS = 128;
/** Image formats the vision models take (docs/wire.md §9), as data URLs or base64 sources. */
const IMAGE_MEDIA_TYPES = ['image/png', 'image/jpeg', 'image/jpg', 'image/webp', 'image/gif'];
const DATA_URL = /^data:([a-z/+.-]+);base64,([A-Za-z0-9+/=]+)$/i;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const invalid = (message: string): ValidationFailure => ({ code: 20015, message });

function checkRange(body: Json, field: string, min: number, max: number): ValidationFailure | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    return invalid(`Input validation error: \`${field}\` must be between ${min} and ${max}, got ${JSON.stringify(value)}.`);
  }
  return undefined;
}

function checkInteger(body: Json, field: string, min: number, max: number): ValidationFailure | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    return invalid(`Input validation error: \`${field}\` must be an integer between ${min} and ${max}, got ${JSON.stringify(value)}.`);
  }
  return undefined;
}

/** Text of a message's content, whether a string or a list of parts / blocks. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (isObject(part) && typeof part.text === 'string' ? part.text : ''))
    .join('\n');
}

function checkCommon(body: Json, extraModels: readonly string[], roles: readonly string[]): ValidationFailure | undefined {
  if (typeof body.model !== 'string' || body.model === '') return invalid('Input validation error: `model` is required.');
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    return invalid('Input validation error: `messages` is required and must be a non-empty array.');
  }
  for (const [i, message] of body.messages.entries()) {
    if (!isObject(message) || typeof message.role !== 'string' || !roles.includes(message.role)) {
      return invalid(`Input validation error: \`messages[${i}].role\` must be one of ${roles.join(', ')}.`);
    }
    const hasToolCalls = Array.isArray(message.tool_calls) && message.tool_calls.length > 0;
    const contentOk = typeof message.content === 'string' || Array.isArray(message.content) || (message.content == null && hasToolCalls);
    if (!contentOk) return invalid(`Input validation error: \`messages[${i}].content\` is required.`);
  }
  if (body.stream !== undefined && typeof body.stream !== 'boolean') return invalid('Input validation error: `stream` must be a boolean.');
  if (!isKnownModel(body.model, extraModels)) return { code: 20012, message: 'Model does not exist. Please check it carefully.' };
  return checkInteger(body, 'max_tokens', 1, 1_000_000) ?? checkRange(body, 'temperature', 0, 2) ?? checkPromptLength(body);
}

/** A prompt longer than the model's window fails with 20015, like SiliconFlow's max_seq_len check. */
function checkPromptLength(body: Json): ValidationFailure | undefined {
  const model = String(body.model);
  const messages = body.messages as Json[];
  const promptTokens = messages.reduce((sum, m) => sum + estimateTokens(contentText(m.content)), 0) + estimateTokens(contentText(body.system));
  const window = contextWindowOf(model);
  if (promptTokens >= window) {
    return invalid(`Input validation error: length of prompt_tokens (${promptTokens}) must be less than max_seq_len (${window}).`);
  }
  const maxTokens = typeof body.max_tokens === 'number' ? body.max_tokens : 0;
  if (promptTokens + maxTokens > window) {
    return invalid(
      `Input validation error: \`max_tokens\` (${maxTokens}) plus prompt_tokens (${promptTokens}) must not exceed the context window (${window}).`,
    );
  }
  return undefined;
}

function checkStop(value: unknown, field: string): ValidationFailure | undefined {
  if (value === undefined || value === null || typeof value === 'string') return undefined;
  if (!Array.isArray(value) || value.some((s) => typeof s !== 'string')) return invalid(`Input validation error: \`${field}\` must be a string or a list of strings.`);
  if (value.length > 4) return invalid(`Input validation error: \`${field}\` accepts up to 4 sequences, got ${value.length}.`);
  return undefined;
}

function checkToolNames(names: unknown[], count: number): ValidationFailure | undefined {
  if (count > MAX_TOOLS) return invalid(`Input validation error: \`tools\` accepts at most ${MAX_TOOLS} functions, got ${count}.`);
  for (const [i, name] of names.entries()) {
    if (typeof name !== 'string' || !TOOL_NAME.test(name)) {
      return invalid(`Input validation error: \`tools[${i}]\` name must match ^[a-zA-Z0-9_-]{1,64}$, got ${JSON.stringify(name)}.`);
    }
  }
  return undefined;
}

function unsupportedThinking(model: string): ValidationFailure {
  return invalid(`Value error, current model ${model} does not support parameter \`enable_thinking\`.`);
}

function checkImageUrl(url: unknown, where: string): ValidationFailure | undefined {
  if (typeof url !== 'string') return invalid(`Input validation error: \`${where}.image_url.url\` is required.`);
  if (/^https?:\/\//i.test(url)) return undefined;
  const m = DATA_URL.exec(url);
  if (!m) return invalid(`Input validation error: \`${where}.image_url.url\` must be an http(s) URL or a base64 data URL.`);
  if (!IMAGE_MEDIA_TYPES.includes(m[1]!.toLowerCase())) {
    return invalid(`Input validation error: image format ${m[1]} is not supported (png, jpeg, webp, gif).`);
  }
  return undefined;
}

/** Content parts, tool calls, tool results and the reasoning round trip of /chat/completions. */
function checkOpenAIMessages(body: Json, model: string): ValidationFailure | undefined {
  const messages = body.messages as Json[];
  const callIds = new Set<string>();
  let lastUser = -1;
  messages.forEach((m, i) => {
    if (m.role === 'user') lastUser = i;
  });
  for (const [i, m] of messages.entries()) {
    if (Array.isArray(m.content)) {
      for (const [j, part] of m.content.entries()) {
        const where = `messages[${i}].content[${j}]`;
        if (!isObject(part)) return invalid(`Input validation error: \`${where}\` must be an object.`);
        if (part.type === 'text') {
          if (typeof part.text !== 'string') return invalid(`Input validation error: \`${where}.text\` must be a string.`);
        } else if (part.type === 'image_url') {
          if (m.role !== 'user') return invalid(`Input validation error: \`${where}\`: images are only accepted in user messages.`);
          const bad = checkImageUrl(isObject(part.image_url) ? part.image_url.url : undefined, where);
          if (bad) return bad;
          if (!acceptsImages(model)) return invalid(`Input validation error: model ${model} does not support image input.`);
        } else {
          return invalid(`Input validation error: \`${where}.type\` must be text or image_url.`);
        }
      }
    }
    if (m.role === 'assistant' && m.tool_calls !== undefined && m.tool_calls !== null) {
      if (!Array.isArray(m.tool_calls)) return invalid(`Input validation error: \`messages[${i}].tool_calls\` must be a list.`);
      for (const [j, call] of m.tool_calls.entries()) {
        const fn = isObject(call) && isObject(call.function) ? call.function : undefined;
        if (!isObject(call) || typeof call.id !== 'string' || call.id === '' || !fn || typeof fn.name !== 'string' || typeof fn.arguments !== 'string') {
          return invalid(`Input validation error: \`messages[${i}].tool_calls[${j}]\` needs id, function.name and function.arguments (a JSON string).`);
        }
        callIds.add(call.id);
      }
      if (i > lastUser && requiresReasoningInToolLoop(model, body) && typeof m.reasoning_content !== 'string') {
        return invalid(`Missing \`reasoning_content\` field in the assistant message at message index ${i}.`);
      }
    }
    if (m.role === 'tool') {
      if (typeof m.tool_call_id !== 'string' || !callIds.has(m.tool_call_id)) {
        return invalid(`Input validation error: \`messages[${i}].tool_call_id\` does not match a tool call of an earlier assistant message.`);
      }
      if (typeof m.content !== 'string') return invalid(`Input validation error: \`messages[${i}].content\` of a tool message must be a string.`);
    }
  }
  return undefined;
}

function checkToolChoice(choice: unknown, names: unknown[], anthropic: boolean): ValidationFailure | undefined {
  if (choice === undefined || choice === null) return undefined;
  if (names.length === 0) return invalid('Input validation error: `tool_choice` is only allowed when `tools` are specified.');
  if (!anthropic) {
    if (choice === 'auto' || choice === 'none' || choice === 'required') return undefined;
    const name = isObject(choice) && choice.type === 'function' && isObject(choice.function) ? choice.function.name : undefined;
    if (typeof name !== 'string') return invalid('Input validation error: `tool_choice` must be auto, none, required or {"type":"function","function":{"name"}}.');
    return names.includes(name) ? undefined : invalid(`Input validation error: \`tool_choice\` names ${JSON.stringify(name)}, which is not in \`tools\`.`);
  }
  if (!isObject(choice) || !['auto', 'any', 'tool', 'none'].includes(String(choice.type))) {
    return invalid('Input validation error: `tool_choice.type` must be auto, any, tool or none.');
  }
  if (choice.type === 'tool' && (typeof choice.name !== 'string' || !names.includes(choice.name))) {
    return invalid(`Input validation error: \`tool_choice.name\` must name one of \`tools\`.`);
  }
  return undefined;
}

/** POST /v1/chat/completions. Returns undefined when the body is acceptable. */
export function validateChatCompletions(body: unknown, extraModels: readonly string[] = []): ValidationFailure | undefined {
  if (!isObject(body)) return invalid('Input validation error: the request body must be a JSON object.');
  const common = checkCommon(body, extraModels, ['system', 'user', 'assistant', 'tool']);
  if (common) return common;
  const model = String(body.model);
  // Sent at all (true or false) to a model that does not document it: rejected (docs/wire.md §5).
  if (body.enable_thinking !== undefined && !supportsEnableThinking(model)) return unsupportedThinking(model);
  if (body.enable_thinking !== undefined && typeof body.enable_thinking !== 'boolean') {
    return invalid('Input validation error: `enable_thinking` must be a boolean.');
  }
  const ranged =
    checkInteger(body, 'thinking_budget', 128, 32768) ??
    checkRange(body, 'top_p', 0, 1) ??
    checkRange(body, 'top_k', -1, 100) ??
    checkRange(body, 'min_p', 0, 1) ??
    checkRange(body, 'frequency_penalty', -2, 2) ??
    checkRange(body, 'presence_penalty', -2, 2) ??
    checkInteger(body, 'n', 1, 16) ??
    checkStop(body.stop, 'stop');
  if (ranged) return ranged;
  if (body.reasoning_effort !== undefined && !['low', 'medium', 'high', 'xhigh', 'max'].includes(String(body.reasoning_effort))) {
    return invalid('Input validation error: `reasoning_effort` must be one of high, max.');
  }
  if (body.response_format !== undefined) {
    const type = isObject(body.response_format) ? body.response_format.type : undefined;
    if (!['text', 'json_object', 'json_schema'].includes(String(type))) {
      return invalid('Input validation error: `response_format.type` must be one of text, json_object, json_schema.');
    }
  }
  const messages = checkOpenAIMessages(body, model);
  if (messages) return messages;
  let names: unknown[] = [];
  if (body.tools !== undefined) {
    if (!Array.isArray(body.tools)) return invalid('Input validation error: `tools` must be a list.');
    names = body.tools.map((tool) => (isObject(tool) && isObject(tool.function) ? tool.function.name : undefined));
    const bad = checkToolNames(names, body.tools.length);
    if (bad) return bad;
  }
  return checkToolChoice(body.tool_choice, names, false);
}

/** Content blocks of /messages: text, image (base64 source), tool_use (assistant), tool_result (user), thinking. */
function checkAnthropicBlocks(body: Json, model: string): ValidationFailure | undefined {
  const messages = body.messages as Json[];
  const useIds = new Set<string>();
  for (const [i, m] of messages.entries()) {
    if (!Array.isArray(m.content)) continue;
    for (const [j, block] of m.content.entries()) {
      const where = `messages[${i}].content[${j}]`;
      if (!isObject(block)) return invalid(`Input validation error: \`${where}\` must be an object.`);
      switch (block.type) {
        case 'text':
          if (typeof block.text !== 'string') return invalid(`Input validation error: \`${where}.text\` must be a string.`);
          break;
        case 'thinking':
          if (m.role !== 'assistant' || typeof block.thinking !== 'string') return invalid(`Input validation error: \`${where}\`: thinking blocks belong to assistant turns.`);
          break;
        case 'image': {
          const source = isObject(block.source) ? block.source : undefined;
          if (m.role !== 'user' || !source || source.type !== 'base64' || typeof source.data !== 'string' || !BASE64.test(source.data)) {
            return invalid(`Input validation error: \`${where}.source\` must be {"type":"base64","media_type","data"} in a user turn.`);
          }
          if (!IMAGE_MEDIA_TYPES.includes(String(source.media_type).toLowerCase())) {
            return invalid(`Input validation error: image format ${String(source.media_type)} is not supported (png, jpeg, webp, gif).`);
          }
          if (!acceptsImages(model)) return invalid(`Input validation error: model ${model} does not support image input.`);
          break;
        }
        case 'tool_use':
          if (m.role !== 'assistant' || typeof block.id !== 'string' || block.id === '' || typeof block.name !== 'string' || !isObject(block.input)) {
            return invalid(`Input validation error: \`${where}\`: tool_use needs id, name and an input object, in an assistant turn.`);
          }
          useIds.add(block.id);
          break;
        case 'tool_result':
          if (m.role !== 'user' || typeof block.tool_use_id !== 'string' || !useIds.has(block.tool_use_id)) {
            return invalid(`Input validation error: \`${where}.tool_use_id\` does not match a tool_use block of an earlier assistant turn.`);
          }
          break;
        default:
          return invalid(`Input validation error: \`${where}.type\` must be text, image, tool_use, tool_result or thinking.`);
      }
    }
  }
  return undefined;
}

/** POST /v1/messages. `max_tokens` is optional there (docs/wire.md §2: only model and messages are required). */
export function validateMessages(body: unknown, extraModels: readonly string[] = []): ValidationFailure | undefined {
  if (!isObject(body)) return invalid('Input validation error: the request body must be a JSON object.');
  // SiliconFlow's own examples put a `system` role inside messages, so it is accepted here too.
  const common = checkCommon(body, extraModels, ['system', 'user', 'assistant']);
  if (common) return common;
  const model = String(body.model);
  if (body.system !== undefined && typeof body.system !== 'string' && !Array.isArray(body.system)) {
    return invalid('Input validation error: `system` must be a string or a list of text blocks.');
  }
  const ranged =
    checkRange(body, 'top_p', 0.1, 1) ?? checkRange(body, 'top_k', 0, 50) ?? checkStop(body.stop_sequences, 'stop_sequences');
  if (ranged) return ranged;
  if (body.thinking !== undefined) {
    if (!isObject(body.thinking) || !['enabled', 'disabled'].includes(String(body.thinking.type))) {
      return invalid('Input validation error: `thinking.type` must be enabled or disabled.');
    }
    if (body.thinking.type === 'enabled' && !supportsEnableThinking(model)) return unsupportedThinking(model);
    const budget = checkInteger(body.thinking, 'budget_tokens', 128, 32768);
    if (budget) return invalid(budget.message.replace('`budget_tokens`', '`thinking.budget_tokens`'));
  }
  const blocks = checkAnthropicBlocks(body, model);
  if (blocks) return blocks;
  let names: unknown[] = [];
  if (body.tools !== undefined) {
    if (!Array.isArray(body.tools)) return invalid('Input validation error: `tools` must be a list.');
    for (const [i, tool] of body.tools.entries()) {
      if (isObject(tool) && !isObject(tool.input_schema)) return invalid(`Input validation error: \`tools[${i}].input_schema\` is required.`);
    }
    names = body.tools.map((tool) => (isObject(tool) ? tool.name : undefined));
    const bad = checkToolNames(names, body.tools.length);
    if (bad) return bad;
  }
  return checkToolChoice(body.tool_choice, names, true);
}
