// Turns the raw siliconflow.* values into typed Settings. A value that cannot be used is replaced
// by its default and reported as a SettingProblem naming the setting, so a typo in settings.json
// produces a warning, not a failed request. Pure (no vscode): unit-tested in plain Node.
import { DEFAULT_TIMEOUT_MS, type Protocol } from '../client';
import { parseModelPrices, type ModelPrice } from './pricing';
import { english, type Translator } from './translator';

export interface Settings {
  /** Without a trailing slash. */
  baseUrl: string;
  protocol: Protocol;
  model: string;
  /** Model for the editor commands; equals `model` when the override is empty. */
  commandModel: string;
  enableThinking: boolean;
  thinkingBudget?: number;
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  systemPrompt: string;
  timeoutMs: number;
  maxRetries: number;
  contextWindows: Record<string, number>;
  /** siliconflow.modelPrices: ¥ per million tokens, over the built-in table (src/service/pricing.ts). */
  modelPrices: Record<string, ModelPrice>;
  attachmentMaxChars: number;
  logPrompts: boolean;
}

export interface SettingProblem {
  /** Full setting id, e.g. `siliconflow.temperature` (what "Open Settings" searches for). */
  setting: string;
  /** A sentence for the user, naming the setting and saying what is used instead. */
  message: string;
  /** 'warning': the value was replaced by the default; 'notice': the value is used but looks wrong. */
  severity: 'warning' | 'notice';
}

export interface ValidatedSettings {
  settings: Settings;
  problems: SettingProblem[];
}

export const DEFAULT_BASE_URL = 'https://api.siliconflow.cn/v1';
export const DEFAULT_MODEL = 'Qwen/Qwen3-Coder-480B-A35B-Instruct';
/** The client's idle-timeout default, in the unit of the setting (package.json holds the same number). */
export const DEFAULT_TIMEOUT_SECONDS = DEFAULT_TIMEOUT_MS / 1000;
export const DEFAULT_MAX_RETRIES = 3;
export const DEFAULT_ATTACHMENT_MAX_CHARS = 20_000;

/** Ranges shared with package.json `contributes.configuration` (keep them in step). */
export const RANGES = {
  thinkingBudget: { min: 128, max: 32_768, integer: true },
  temperature: { min: 0, max: 2, integer: false },
  topP: { min: 0.1, max: 1, integer: false },
  maxTokens: { min: 1, max: 163_840, integer: true },
  requestTimeoutSeconds: { min: 5, max: 1800, integer: true },
  maxRetries: { min: 0, max: 10, integer: true },
  attachmentMaxChars: { min: 1000, max: 400_000, integer: true },
  contextWindow: { min: 1024, max: 10_000_000, integer: true },
} as const;

type Range = (typeof RANGES)[keyof typeof RANGES];

/** Hosts that may be spoken to over plain http: the local mock server, a local gateway. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** `*.localhost` is reserved for loopback (RFC 6761). */
const isLoopback = (host: string): boolean => LOOPBACK_HOSTS.has(host) || host.endsWith('.localhost');

/** Raw values as read from the configuration, keyed by the name after `siliconflow.`. */
export type RawSettings = Partial<Record<string, unknown>>;

export function validateSettings(raw: RawSettings, l10n: Translator = english): ValidatedSettings {
  const problems: SettingProblem[] = [];
  const warn = (name: string, message: string, severity: SettingProblem['severity'] = 'warning'): void => {
    problems.push({ setting: `siliconflow.${name}`, message, severity });
  };

  const inRange = (name: keyof typeof RANGES & keyof RawSettings, fallback: number | undefined): number | undefined => {
    const value = raw[name];
    if (value === undefined || value === null || value === '') return fallback;
    const range: Range = RANGES[name];
    if (typeof value === 'number' && Number.isFinite(value) && value >= range.min && value <= range.max && (!range.integer || Number.isInteger(value))) {
      return value;
    }
    const kind = range.integer ? l10n.t('a whole number') : l10n.t('a number');
    const used = fallback === undefined ? l10n.t("the service's default") : String(fallback);
    warn(
      name,
      l10n.t('The setting "siliconflow.{0}" is {1}, but it must be {2} from {3} to {4}; {5} is used instead.', name, JSON.stringify(value), kind, range.min, range.max, used),
    );
    return fallback;
  };

  const text = (name: string): string => (typeof raw[name] === 'string' ? (raw[name] as string).trim() : '');
  const flag = (name: string, fallback: boolean): boolean => {
    const value = raw[name];
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'boolean') return value;
    warn(name, l10n.t('The setting "siliconflow.{0}" must be true or false; {1} is used instead.', name, String(fallback)));
    return fallback;
  };

  const baseUrl = validateBaseUrl(raw.baseUrl, warn, l10n);

  let protocol: Protocol = 'openai';
  if (raw.apiProtocol === 'anthropic' || raw.apiProtocol === 'openai') protocol = raw.apiProtocol;
  else if (raw.apiProtocol !== undefined && raw.apiProtocol !== null && raw.apiProtocol !== '') {
    warn('apiProtocol', l10n.t('The setting "siliconflow.apiProtocol" is {0}, but it must be "openai" or "anthropic"; "openai" is used instead.', JSON.stringify(raw.apiProtocol)));
  }

  let model = text('model');
  if (!model) {
    warn('model', l10n.t('The setting "siliconflow.model" is empty; "{0}" is used instead. Run "SiliconFlow: Select Model" to choose one.', DEFAULT_MODEL));
    model = DEFAULT_MODEL;
  } else if (/\s/.test(model)) {
    warn('model', l10n.t('The setting "siliconflow.model" is "{0}", but a model id has no spaces; "{1}" is used instead.', model, DEFAULT_MODEL));
    model = DEFAULT_MODEL;
  }
  let commandModel = text('commandModel');
  if (/\s/.test(commandModel)) {
    warn('commandModel', l10n.t('The setting "siliconflow.commandModel" is "{0}", but a model id has no spaces; the chat model "{1}" is used instead.', commandModel, model));
    commandModel = '';
  }

  // 0 is what people type for "no budget"; the API rejects 0, so it means "leave it to the service".
  const thinkingBudget = raw.thinkingBudget === 0 ? undefined : inRange('thinkingBudget', undefined);

  return {
    settings: {
      baseUrl,
      protocol,
      model,
      commandModel: commandModel || model,
      enableThinking: flag('enableThinking', false),
      thinkingBudget,
      temperature: inRange('temperature', undefined),
      topP: inRange('topP', undefined),
      maxTokens: inRange('maxTokens', undefined),
      systemPrompt: typeof raw.systemPrompt === 'string' ? raw.systemPrompt : '',
      timeoutMs: (inRange('requestTimeoutSeconds', DEFAULT_TIMEOUT_SECONDS) ?? DEFAULT_TIMEOUT_SECONDS) * 1000,
      maxRetries: inRange('maxRetries', DEFAULT_MAX_RETRIES) ?? DEFAULT_MAX_RETRIES,
      contextWindows: validateContextWindows(raw.contextWindows, warn, l10n),
      modelPrices: validateModelPrices(raw.modelPrices, warn, l10n),
      attachmentMaxChars: inRange('attachmentMaxChars', DEFAULT_ATTACHMENT_MAX_CHARS) ?? DEFAULT_ATTACHMENT_MAX_CHARS,
      logPrompts: flag('logPrompts', false),
    },
    problems,
  };
}

type Warn = (name: string, message: string, severity?: SettingProblem['severity']) => void;

function validateBaseUrl(value: unknown, warn: Warn, l10n: Translator): string {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return DEFAULT_BASE_URL;
  let url: URL;
  try {
    if (typeof value !== 'string') throw new TypeError('not a string');
    url = new URL(value.trim());
  } catch {
    warn('baseUrl', l10n.t('The setting "siliconflow.baseUrl" is {0}, which is not a URL; {1} is used instead.', JSON.stringify(value), DEFAULT_BASE_URL));
    return DEFAULT_BASE_URL;
  }
  const loopback = isLoopback(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    warn(
      'baseUrl',
      l10n.t('The setting "siliconflow.baseUrl" is "{0}", but only https addresses are allowed (plain http only for 127.0.0.1 and localhost), so the key is never sent unencrypted; {1} is used instead.', url.href, DEFAULT_BASE_URL),
    );
    return DEFAULT_BASE_URL;
  }
  if (url.username || url.password) {
    warn('baseUrl', l10n.t('The setting "siliconflow.baseUrl" contains a user name or password, which is not allowed (settings are not secret); {0} is used instead.', DEFAULT_BASE_URL));
    return DEFAULT_BASE_URL;
  }
  const cleaned = `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  if (!/\/v1$/.test(cleaned)) {
    warn(
      'baseUrl',
      l10n.t('The setting "siliconflow.baseUrl" is "{0}", which does not end in /v1 (like {1}); requests will probably fail with 404. It is used as written.', cleaned, DEFAULT_BASE_URL),
      'notice',
    );
  }
  return cleaned;
}

function validateContextWindows(value: unknown, warn: Warn, l10n: Translator): Record<string, number> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    warn('contextWindows', l10n.t('The setting "siliconflow.contextWindows" must be an object of model ids and token counts, like {0}; it is ignored.', '{ "Qwen/Qwen2.5-Coder-32B-Instruct": 32768 }'));
    return {};
  }
  const out: Record<string, number> = {};
  const { min, max } = RANGES.contextWindow;
  for (const [model, size] of Object.entries(value as Record<string, unknown>)) {
    if (model.trim() && typeof size === 'number' && Number.isInteger(size) && size >= min && size <= max) {
      out[model.trim()] = size;
    } else {
      warn(
        'contextWindows',
        l10n.t('The entry "{0}": {1} in "siliconflow.contextWindows" is ignored: it must be a model id and a whole number of tokens from {2} to {3}.', model, JSON.stringify(size), min, max),
      );
    }
  }
  return out;
}

function validateModelPrices(value: unknown, warn: Warn, l10n: Translator): Record<string, ModelPrice> {
  const { prices, invalid } = parseModelPrices(value);
  for (const model of invalid) {
    warn(
      'modelPrices',
      model === ''
        ? l10n.t('The setting "siliconflow.modelPrices" must be an object of model ids and prices, like {0}; it is ignored.', '{ "Qwen/Qwen3-32B": { "input": 1, "output": 4, "cacheRead": 0.2 } }')
        : l10n.t('The entry "{0}" in "siliconflow.modelPrices" is ignored: it needs "input" and "output" (and may have "cacheRead"), each a number of yuan per million tokens, 0 or more.', model),
    );
  }
  return prices;
}
