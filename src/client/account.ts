// GET /user/info: what is left on the account. Wire facts (docs/cost-and-balance.md): the
// amounts are decimal strings in `data` — `balance` the granted part, `chargeBalance` the paid
// part, `totalBalance` both — inside the native envelope {"code":20000,"status":true,"data":{…}}.
// Some deployments answer 404 or 410 Gone: callers treat any failure as "balance unknown".
import { protocolError, type ErrorContext } from './errors';
import { getJson } from './getJson';
import type { ClientOptions } from './types';

/** Idle timeout of an account request. */
const USER_INFO_TIMEOUT_MS = 15_000;

export interface UserInfoRequest {
  baseUrl: string;
  apiKey: string;
  signal?: AbortSignal;
}

/** The account's money, as numbers, in the service's currency (¥ on siliconflow.cn). */
export interface UserInfo {
  /** The granted (gift) part. */
  balance: number;
  /** The paid (charged) part. */
  chargeBalance: number;
  /** Both together, as the service reports it. */
  totalBalance: number;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** "88.88" or 88.88 → 88.88; anything else (missing, "", "abc") → undefined. */
function amount(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  const n = Number(v.trim());
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Reads the /user/info body. A missing part counts as 0 when the others are there; a missing
 * total is the sum of the parts. Throws a protocolError when the envelope says it failed
 * (`status: false`) or carries no amount at all.
 */
export function parseUserInfo(payload: unknown, ctx: ErrorContext): UserInfo {
  if (!isRecord(payload)) throw protocolError(ctx, 'account information that is not a JSON object');
  if (payload.status === false) {
    const said = typeof payload.message === 'string' ? `: ${payload.message.slice(0, 120)}` : '';
    throw protocolError(ctx, `account information refused (code ${String(payload.code ?? '?')}${said})`);
  }
  const data = isRecord(payload.data) ? payload.data : undefined;
  const balance = amount(data?.balance);
  const chargeBalance = amount(data?.chargeBalance);
  const totalBalance = amount(data?.totalBalance);
  if (balance === undefined && chargeBalance === undefined && totalBalance === undefined) {
    throw protocolError(ctx, 'account information without a balance');
  }
  return {
    balance: balance ?? 0,
    chargeBalance: chargeBalance ?? 0,
    totalBalance: totalBalance ?? (balance ?? 0) + (chargeBalance ?? 0),
  };
}

/**
 * The balance of the account the key belongs to: GET `baseUrl`/user/info with the Bearer key, the
 * same retries, proxy, abort and errors as listModels(). Throws SiliconFlowError ('auth' on 401,
 * 'not_found' on 404, 'server' on 410, 'protocol' when the body is not JSON or has no amounts).
 */
export function getUserInfo(o: UserInfoRequest, opts: ClientOptions = {}): Promise<UserInfo> {
  return getJson(
    { baseUrl: o.baseUrl, apiKey: o.apiKey, path: '/user/info', what: 'account information', timeoutMs: USER_INFO_TIMEOUT_MS },
    { ...opts, signal: opts.signal ?? o.signal },
    parseUserInfo,
  );
}
