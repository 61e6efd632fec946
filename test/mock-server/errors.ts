// The error bodies SiliconFlow really sends (docs/wire.md §3), so the client is tested against the
// exact bytes it will meet: JSON strings, `{code,message,data}` objects, plain text from the gateway,
// HTML from a proxy, and the Anthropic envelope on /messages.

export type ApiFlavour = 'openai' | 'anthropic';

export interface ErrorResponse {
  status: number;
  body: string;
  contentType: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';

export const MESSAGES = {
  modelNotFound: 'Model does not exist. Please check it carefully.',
  invalidToken: 'Invalid token',
  insufficientBalance: 'Sorry, your account balance is insufficient',
  realNameRequired:
    'Sorry, this model is only available after real-name verification. Please complete it at https://cloud.siliconflow.cn/account/authentication',
  rateLimited:
    'Request was rejected due to rate limiting. If you want more, please contact contact@siliconflow.cn. Details:TPM limit reached.',
  overloaded: 'Model service overloaded. Please try again later.',
  gatewayTimeout: 'Gateway Timeout',
  notFound: '404 page not found',
  internal: 'Internal server error',
} as const;

/** 403 variants, picked by `code` in a status fault. */
export const FORBIDDEN_CODES = { insufficientBalance: 30001, realNameRequired: 30011 } as const;

const NGINX_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

const json = (status: number, value: unknown): ErrorResponse => ({ status, body: JSON.stringify(value), contentType: JSON_TYPE });

/** The native `{code,message,data}` body of a 400 (20012 unknown model, 20015 bad parameter). */
export function nativeBadRequest(code: number, message: string): ErrorResponse {
  return json(400, { code, message, data: null });
}

type AnthropicErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'api_error'
  | 'overloaded_error';

export function anthropicEnvelope(type: AnthropicErrorType, message: string): string {
  return JSON.stringify({ type: 'error', error: { type, message } });
}

function anthropicError(status: number, type: AnthropicErrorType, message: string): ErrorResponse {
  return { status, body: anthropicEnvelope(type, message), contentType: JSON_TYPE };
}

/** A validation failure, in the shape of the endpoint that was called. */
export function badRequest(flavour: ApiFlavour, code: number, message: string): ErrorResponse {
  return flavour === 'anthropic' ? anthropicError(400, 'invalid_request_error', message) : nativeBadRequest(code, message);
}

export function unauthorized(flavour: ApiFlavour): ErrorResponse {
  return flavour === 'anthropic' ? anthropicError(401, 'authentication_error', MESSAGES.invalidToken) : json(401, MESSAGES.invalidToken);
}

/** The gateway answers an unknown path before any auth, always as plain text. */
export function notFound(): ErrorResponse {
  return { status: 404, body: MESSAGES.notFound, contentType: TEXT_TYPE };
}

/**
 * The body SiliconFlow sends for `status`. On /messages the API-level errors use the Anthropic
 * envelope; gateway-level ones (404, 502, 504) look the same on both paths.
 */
export function statusError(status: number, flavour: ApiFlavour, code?: number): ErrorResponse {
  const anthropic = flavour === 'anthropic';
  switch (status) {
    case 400:
      if (code === 20015) return badRequest(flavour, 20015, 'The parameter is invalid. Please check again.');
      return badRequest(flavour, 20012, MESSAGES.modelNotFound);
    case 401:
      return unauthorized(flavour);
    case 403: {
      const realName = code === FORBIDDEN_CODES.realNameRequired;
      const message = realName ? MESSAGES.realNameRequired : MESSAGES.insufficientBalance;
      const nativeCode = realName ? FORBIDDEN_CODES.realNameRequired : FORBIDDEN_CODES.insufficientBalance;
      return anthropic ? anthropicError(403, 'permission_error', message) : json(403, { code: nativeCode, message, data: null });
    }
    case 404:
      return notFound();
    case 429:
      // SiliconFlow's 429 has no `code` (docs/wire.md §3).
      return anthropic ? anthropicError(429, 'rate_limit_error', MESSAGES.rateLimited) : json(429, { message: MESSAGES.rateLimited, data: null });
    case 502:
      return { status, body: NGINX_502, contentType: HTML_TYPE };
    case 503:
      return anthropic
        ? anthropicError(503, 'overloaded_error', MESSAGES.overloaded)
        : json(503, { code: code ?? 50505, message: MESSAGES.overloaded });
    case 504:
      return json(504, MESSAGES.gatewayTimeout);
    default:
      return anthropic
        ? anthropicError(status, 'api_error', MESSAGES.internal)
        : json(status, { code: code ?? status * 100, message: MESSAGES.internal, data: null });
  }
}

/** The error event written in the middle of a stream, in each of the three shapes seen in the wild. */
export function midstreamErrorEvent(shape: 'anthropic' | 'openai' | 'native'): { event?: string; data: string } {
  switch (shape) {
    case 'anthropic':
      return { event: 'error', data: anthropicEnvelope('overloaded_error', 'Overloaded') };
    case 'openai':
      return { data: JSON.stringify({ error: { message: MESSAGES.overloaded, type: 'server_error', code: 50505 } }) };
    case 'native':
      return { data: JSON.stringify({ code: 50505, message: MESSAGES.overloaded, data: null }) };
  }
}
