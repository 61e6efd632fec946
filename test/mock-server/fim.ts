// Fill-in-the-middle as SiliconFlow serves it (docs/fim.md): POST /v1/completions with `prompt` +
// `suffix` (OpenAI completions shape, `choices[0].text`), and the chat form with top-level `prefix`
// / `suffix` on /v1/chat/completions. Which models do FIM is data (the documented list below, plus
// what a test adds); any other model answers 400, which is how a refusing model looks to a client.
// Also the noise real models add to a correct middle, for tests and the bench.

import { estimateTokens } from './models';
import { hexId } from './random';
import { splitPieces, type SseEvent } from './render';
import type { Script } from './types';
import type { ValidationFailure } from './validate';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const invalid = (message: string): ValidationFailure => ({ code: 20015, message });

/** The models SiliconFlow's FIM guide lists (the list changes; a test can add more). */
export const FIM_MODELS: readonly string[] = [
  'deepseek-ai/DeepSeek-V2.5',
  'deepseek-ai/DeepSeek-V3',
  'Pro/deepseek-ai/DeepSeek-V3',
  'deepseek-ai/DeepSeek-R1',
  'Pro/deepseek-ai/DeepSeek-R1',
  'deepseek-ai/DeepSeek-R1-Distill-Qwen-32B',
  'deepseek-ai/DeepSeek-R1-Distill-Qwen-14B',
  'deepseek-ai/DeepSeek-R1-Distill-Qwen-7B',
  'Qwen/Qwen2.5-Coder-7B-Instruct',
  'Qwen/Qwen2.5-Coder-32B-Instruct',
];

/** The 400 a model that does not do FIM answers with (the wording is the mock's; the status is what matters). */
export const FIM_REFUSAL_MESSAGE = 'FIM (suffix) completion is not supported.';

/** DeepSeek caps a FIM completion at 4K tokens (docs/fim.md). */
const MAX_FIM_TOKENS = 4096;

export interface FimModels {
  /** Take /completions (and the chat form). Default FIM_MODELS. */
  completions: readonly string[];
  /** Take only the chat form with prefix / suffix; refuse /completions. */
  chatOnly: readonly string[];
}

/** Validates a POST /v1/completions body; `known` says whether a model id exists at all. */
export function validateCompletions(body: unknown, known: (model: string) => boolean, fim: FimModels): ValidationFailure | undefined {
  if (!isObject(body)) return invalid('Input validation error: the body must be a JSON object.');
  if (typeof body.model !== 'string' || body.model === '') return invalid('Input validation error: `model` is required.');
  if (!known(body.model) && !fim.completions.includes(body.model) && !fim.chatOnly.includes(body.model)) {
    return { code: 20012, message: 'Model does not exist. Please check it carefully.' };
  }
  if (typeof body.prompt !== 'string') return invalid('Input validation error: `prompt` is required and must be a string.');
  if (body.suffix !== undefined && body.suffix !== null && typeof body.suffix !== 'string') return invalid('Input validation error: `suffix` must be a string.');
  const common = checkFimParameters(body);
  if (common) return common;
  if (!fim.completions.includes(body.model)) return invalid(FIM_REFUSAL_MESSAGE);
  return undefined;
}

/** The chat form: `prefix` (and `suffix`) next to `messages`. Called after the chat validation. */
export function validateChatFim(body: Json, fim: FimModels): ValidationFailure | undefined {
  if (body.prefix !== undefined && typeof body.prefix !== 'string') return invalid('Input validation error: `prefix` must be a string.');
  if (body.suffix !== undefined && body.suffix !== null && typeof body.suffix !== 'string') return invalid('Input validation error: `suffix` must be a string.');
  const model = String(body.model);
  // Prefix alone is "prefix completion", which non-reasoning models take; a suffix needs FIM.
  if (typeof body.suffix === 'string' && !fim.completions.includes(model) && !fim.chatOnly.includes(model)) return invalid(FIM_REFUSAL_MESSAGE);
  return undefined;
}

function checkFimParameters(body: Json): ValidationFailure | undefined {
  const max = body.max_tokens;
  if (max !== undefined && max !== null && (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > MAX_FIM_TOKENS)) {
    return invalid(`Input validation error: \`max_tokens\` must be an integer between 1 and ${MAX_FIM_TOKENS}, got ${JSON.stringify(max)}.`);
  }
  const t = body.temperature;
  if (t !== undefined && t !== null && (typeof t !== 'number' || !Number.isFinite(t) || t < 0 || t > 2)) {
    return invalid(`Input validation error: \`temperature\` must be between 0 and 2, got ${JSON.stringify(t)}.`);
  }
  if (body.stop !== undefined && body.stop !== null) {
    const stops = typeof body.stop === 'string' ? [body.stop] : body.stop;
    if (!Array.isArray(stops) || stops.length > 4 || !stops.every((s) => typeof s === 'string')) {
      return invalid('Input validation error: `stop` must be a string or at most 4 strings.');
    }
  }
  return undefined;
}

/** `// mock-fim: TEXT` (or `# mock-fim: TEXT`) in the prompt sets the default middle; `\n` is a newline. */
const FIM_DIRECTIVE = /mock-fim:\s?([^\r\n]*)/;

/**
 * The middle the mock writes when no entry is queued: the text of a `mock-fim:` marker in the
 * prompt, otherwise a short completion of the current line that depends only on the prompt (so
 * two identical requests get the same answer).
 */
export function defaultFimText(prompt: string): string {
  const marker = FIM_DIRECTIVE.exec(prompt);
  if (marker) return marker[1]!.replace(/\\n/g, '\n').replace(/\\t/g, '\t');
  const line = prompt.slice(prompt.lastIndexOf('\n') + 1);
  if (line.trim() === '') return 'return result;';
  return /[=(,]\s*$/.test(line) ? ' value' : '_value';
}

/** Streamed /v1/completions chunks: `text_completion` objects with `choices[0].text`, cumulative usage, `[DONE]`. */
export function fimEvents(script: Script, ctx: { id?: string; created?: number; model?: string; inputTokens?: number }, piece = 4): SseEvent[] {
  const id = ctx.id ?? hexId(`cmpl:${script.text ?? ''}`);
  const created = ctx.created ?? 1_763_350_084;
  const model = script.model ?? ctx.model ?? 'Qwen/Qwen2.5-Coder-7B-Instruct';
  const input = script.usage?.inputTokens ?? ctx.inputTokens ?? 12;
  const output = script.usage?.outputTokens ?? estimateTokens(script.text ?? '');
  const pieces = splitPieces(script.text ?? '', piece);
  const chunk = (text: string, finish: string | null, done: number, final = false): SseEvent => ({
    data: JSON.stringify({
      id,
      object: 'text_completion',
      created,
      model,
      choices: [{ index: 0, text, logprobs: null, finish_reason: finish }],
      usage: { prompt_tokens: input, completion_tokens: done, total_tokens: input + done },
    }),
    terminal: final,
  });
  const events = pieces.map((p, i) => chunk(p, null, Math.min(output, Math.round((output * (i + 1)) / Math.max(1, pieces.length)))));
  events.push(chunk('', script.finishReason ?? 'stop', output, true));
  events.push({ data: '[DONE]', terminal: true });
  return events;
}

/** The `stream: false` body of /v1/completions. */
export function fimCompletion(script: Script, ctx: { id?: string; model?: string; inputTokens?: number }): unknown {
  const output = script.usage?.outputTokens ?? estimateTokens(script.text ?? '');
  const input = script.usage?.inputTokens ?? ctx.inputTokens ?? 12;
  return {
    id: ctx.id ?? hexId(`cmpl:${script.text ?? ''}`),
    object: 'text_completion',
    created: 1_763_350_084,
    model: script.model ?? ctx.model,
    choices: [{ index: 0, text: script.text ?? '', logprobs: null, finish_reason: script.finishReason ?? 'stop' }],
    usage: { prompt_tokens: input, completion_tokens: output, total_tokens: input + output },
  };
}

/** Prompt tokens of a FIM request by the mock's estimate. */
export function fimPromptTokens(body: Json): number {
  const text = (typeof body.prompt === 'string' ? body.prompt : typeof body.prefix === 'string' ? body.prefix : '') + (typeof body.suffix === 'string' ? body.suffix : '');
  return estimateTokens(text) + 3;
}

// ---- noise ---------------------------------------------------------------------------------------

/**
 * What real FIM models add around a correct middle (seen with code models on FIM endpoints):
 * - 'suffix-repeat': the answer goes on to repeat the first line(s) of the text after the cursor;
 * - 'extra-closer': one closing bracket too many, when the suffix already closes the block;
 * - 'stray-newlines': blank lines after the middle.
 */
export type FimNoise = 'suffix-repeat' | 'extra-closer' | 'stray-newlines';

export const FIM_NOISES: readonly FimNoise[] = ['suffix-repeat', 'extra-closer', 'stray-newlines'];

/** `middle` as a model with `noise` would write it, given the text after the cursor. Deterministic. */
export function withFimNoise(middle: string, suffix: string, noise: readonly FimNoise[]): string {
  let out = middle;
  for (const kind of noise) {
    switch (kind) {
      case 'suffix-repeat': {
        // The model completes the middle and keeps going into what already follows (1–2 lines).
        const lines = suffix.split('\n');
        const take = lines[0]!.trim() === '' && lines.length > 1 ? 2 : 1;
        out += lines.slice(0, take).join('\n');
        break;
      }
      case 'extra-closer': {
        const closer = /^\s*([)\]}])/.exec(suffix);
        if (closer) out += closer[1];
        break;
      }
      case 'stray-newlines':
        out = `${out}\n\n`;
        break;
    }
  }
  return out;
}
