// What one request's log lines say: pure formatting of what the service measured, so the numbers
// (time to first token, tokens per second) are unit-tested and every line passes the redaction.
import type { CostEstimate } from './pricing';
import { redactSecrets } from './redact';

export interface RequestRecord {
  id: number;
  purpose: string;
  protocol: string;
  model: string;
  endpoint: string;
  startedAt: number;
  /** When the first text or reasoning arrived. */
  firstTokenAt?: number;
  endedAt?: number;
  status?: number;
  traceId?: string;
  attempts: number;
  /** From the usage event when the server sent one. */
  outputTokens?: number;
  inputTokens?: number;
  /** Estimated cost from the usage, when the server sent one. */
  cost?: CostEstimate;
  /** Characters of text + reasoning received, for an estimate when there is no usage. */
  receivedChars: number;
  /** Tool calls the model made in this answer. */
  toolCalls?: number;
  /** 'ok', 'stopped', or an error kind ('auth', 'rate_limit', …). */
  outcome?: string;
}

export function tokensPerSecond(r: RequestRecord): number | undefined {
  if (r.firstTokenAt === undefined || r.endedAt === undefined) return undefined;
  const seconds = (r.endedAt - r.firstTokenAt) / 1000;
  const tokens = r.outputTokens ?? Math.ceil(r.receivedChars / 4);
  if (seconds <= 0 || tokens <= 0) return undefined;
  return tokens / seconds;
}

export function formatStart(r: RequestRecord, details: string, secrets: readonly (string | undefined)[]): string {
  return redactSecrets(`#${r.id} ${r.purpose} → POST ${r.endpoint} model=${r.model} protocol=${r.protocol} ${details}`.trim(), secrets);
}

export function formatEnd(r: RequestRecord, secrets: readonly (string | undefined)[]): string {
  const parts = [`#${r.id} ${r.outcome ?? 'unknown'}`];
  parts.push(`status=${r.status ?? '-'}`);
  parts.push(`trace=${r.traceId ?? '-'}`);
  if (r.attempts > 1) parts.push(`attempts=${r.attempts}`);
  parts.push(`ttft=${r.firstTokenAt === undefined ? '-' : `${Math.round(r.firstTokenAt - r.startedAt)}ms`}`);
  const tps = tokensPerSecond(r);
  parts.push(`tok/s=${tps === undefined ? '-' : tps.toFixed(1)}`);
  if (r.inputTokens !== undefined || r.outputTokens !== undefined) parts.push(`tokens=${r.inputTokens ?? '?'}→${r.outputTokens ?? '?'}`);
  if (r.toolCalls) parts.push(`tool_calls=${r.toolCalls}`);
  if (r.cost) parts.push(`cost=${r.cost.yuan === undefined ? 'unknown' : `¥${Number(r.cost.yuan.toFixed(6))}`}`);
  if (r.endedAt !== undefined) parts.push(`total=${Math.round(r.endedAt - r.startedAt)}ms`);
  return redactSecrets(parts.join(' '), secrets);
}
