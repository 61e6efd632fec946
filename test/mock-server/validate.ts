// Request validation as the API pages describe it (seeds 000 and 001; PROTOCOL.md §5). The messages
// name the offending parameter, as SiliconFlow's 20015 messages do, so the client can show it.

import { contextWindowOf, estimateTokens, isKnownModel, supportsEnableThinking } from './models';

export interface ValidationFailure {
  /** 20012 unknown model, 20015 invalid parameter. */
  code: 20012 | 20015;
  message: string;
}

const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_TOOLS = 128;

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

/** POST /v1/chat/completions. Returns undefined when the body is acceptable. */
export function validateChatCompletions(body: unknown, extraModels: readonly string[] = []): ValidationFailure | undefined {
  if (!isObject(body)) return invalid('Input validation error: the request body must be a JSON object.');
  const common = checkCommon(body, extraModels, ['system', 'user', 'assistant', 'tool']);
  if (common) return common;
  const model = String(body.model);
  // Sent at all (true or false) to a model that does not document it: rejected (seed 001).
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
  if (body.tools !== undefined) {
    if (!Array.isArray(body.tools)) return invalid('Input validation error: `tools` must be a list.');
    const names = body.tools.map((tool) => (isObject(tool) && isObject(tool.function) ? tool.function.name : undefined));
    return checkToolNames(names, body.tools.length);
  }
  return undefined;
}

/** POST /v1/messages. `max_tokens` is optional there (seed 000 requires only model and messages). */
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
  if (body.tools !== undefined) {
    if (!Array.isArray(body.tools)) return invalid('Input validation error: `tools` must be a list.');
    for (const [i, tool] of body.tools.entries()) {
      if (isObject(tool) && !isObject(tool.input_schema)) return invalid(`Input validation error: \`tools[${i}].input_schema\` is required.`);
    }
    const names = body.tools.map((tool) => (isObject(tool) ? tool.name : undefined));
    return checkToolNames(names, body.tools.length);
  }
  return undefined;
}
