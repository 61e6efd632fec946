// One request path for every feature: reads the settings and the key on each request (so changes
// apply without a reload), keeps only the parameters the model accepts, refuses a prompt that
// cannot fit, routes through the proxy, calls the client, and logs each request without the key.
import * as vscode from 'vscode';
import { contentText, DEFAULT_MESSAGES_MAX_TOKENS, getUserInfo, imageCount, listModels, SiliconFlowError, streamChat, streamFim, supportsImageInput, withoutImages, type FimEndpoint, type ChatMessage, type ChatRequest, type ClientOptions, type StreamEvent, type ToolChoice, type ToolDefinition, type UserInfo } from '../client';
import { readProxySettings, readSettings, type Settings } from './config';
import { describeProxyUrl, ProxyDispatchers, routeFor, type ProxyRoute } from './proxy';
import type { ApiKeyStore } from './secrets';
import { localizeError } from './errorText';
import { estimatePromptTokens, fitsContext, measureContext, paramsForModel, type ContextFit } from './params';
import { estimateCost, type CostEstimate } from './pricing';
import { redactSecrets } from './redact';
import { formatEnd, formatStart, type RequestRecord } from './requestLog';

export interface StreamOptions {
  /**
   * 'command' uses siliconflow.commandModel; 'lm' (VS Code's own chat through the language model
   * provider) uses `model` and no system prompt from the settings.
   */
  purpose: 'chat' | 'command' | 'lm';
  signal?: AbortSignal;
  /** The model for purpose 'lm' (ignored otherwise). */
  model?: string;
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
}

/** What an inline completion asks of streamFim; the service adds base URL, key, proxy and timeout. */
export interface FimCall {
  model: string;
  /** Text before the cursor (with the header). */
  prompt: string;
  /** Text after the cursor. */
  suffix: string;
  maxTokens: number;
  temperature?: number;
  stop?: string[];
  endpoint: FimEndpoint;
}

/** One request's usage, as it arrived, with its estimated cost. */
export interface UsageReport {
  purpose: StreamOptions['purpose'];
  model: string;
  usage: Extract<StreamEvent, { type: 'usage' }>;
  cost: CostEstimate;
}

export class SiliconFlowService implements vscode.Disposable {
  private busy = 0;
  private nextId = 1;
  private readonly busyChanged = new vscode.EventEmitter<number>();
  /** Fires with the number of answers streaming right now (the status bar spins while > 0). */
  readonly onDidChangeBusy = this.busyChanged.event;
  private readonly authFailed = new vscode.EventEmitter<SiliconFlowError>();
  /** Fires once per request the server refused with 401 (not per retry): the UI offers to set the key. */
  readonly onDidFailAuth = this.authFailed.event;
  private readonly used = new vscode.EventEmitter<UsageReport>();
  /** Fires when a request (chat, command, language model) reports its usage, with its estimated cost. */
  readonly onDidUse = this.used.event;
  private readonly proxies = new ProxyDispatchers();

  constructor(
    private readonly keys: ApiKeyStore,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get busyCount(): number {
    return this.busy;
  }

  /** The model a request of this purpose would use now. */
  modelFor(purpose: 'chat' | 'command'): string {
    const s = readSettings();
    return purpose === 'command' ? s.commandModel : s.model;
  }

  /** The current (validated) settings. */
  settings(): Settings {
    return readSettings();
  }

  /** Estimated ¥ of `usage` on `model` with the current prices (siliconflow.modelPrices over the built-in table). */
  costOf(usage: UsageReport['usage'], model: string): CostEstimate {
    const s = readSettings();
    return estimateCost(usage, model, s.baseUrl, s.modelPrices);
  }

  /**
   * Undefined when `messages` (plus the system prompt for the chat) fit the context window of the
   * model used for `purpose`; otherwise a message for the user. stream() refuses the same way.
   * `reserveOutputTokens`: room to keep for a long answer (at least MIN_ANSWER_TOKENS is kept).
   */
  checkFits(messages: readonly ChatMessage[], purpose: 'chat' | 'command', reserveOutputTokens?: number): string | undefined {
    const s = readSettings();
    const model = purpose === 'command' ? s.commandModel : s.model;
    return fitsContext(model, this.withSystemPrompt(messages, s, purpose), s.contextWindows, vscode.l10n, reserveOutputTokens);
  }

  /** The same check as checkFits, as figures, for a caller that words its own message. */
  measureFit(messages: readonly ChatMessage[], purpose: 'chat' | 'command', reserveOutputTokens?: number): ContextFit & { model: string } {
    const s = readSettings();
    const model = purpose === 'command' ? s.commandModel : s.model;
    return { model, ...measureContext(model, this.withSystemPrompt(messages, s, purpose), s.contextWindows, reserveOutputTokens) };
  }

  async *stream(messages: ChatMessage[], opts: StreamOptions): AsyncIterable<StreamEvent> {
    const s = readSettings();
    const apiKey = await this.requireKey();
    const model = opts.purpose === 'lm' && opts.model ? opts.model : opts.purpose === 'command' ? s.commandModel : s.model;
    const withImages = this.withSystemPrompt(messages, s, opts.purpose);
    // A model without image input gets a note in place of each image (the server refuses images).
    const full = supportsImageInput(model) ? withImages : withoutImages(withImages, (mime) => vscode.l10n.t('[an image ({0}) was left out: {1} does not take images]', mime, model));
    const tooLong = fitsContext(model, full, s.contextWindows, vscode.l10n);
    if (tooLong) throw new SiliconFlowError(tooLong, 'bad_request');

    const promptTokens = estimatePromptTokens(full);
    const params = paramsForModel({
      model,
      protocol: s.protocol,
      promptTokens,
      contextWindows: s.contextWindows,
      wanted: {
        enableThinking: s.enableThinking,
        thinkingBudget: s.thinkingBudget,
        temperature: s.temperature,
        topP: s.topP,
        // /messages requires max_tokens (the client sends its default): clamp that one too.
        maxTokens: s.maxTokens ?? (s.protocol === 'anthropic' ? DEFAULT_MESSAGES_MAX_TOKENS : undefined),
      },
    });
    const request: ChatRequest = { baseUrl: s.baseUrl, apiKey, protocol: s.protocol, model, messages: full, timeoutMs: s.timeoutMs, ...params };
    if (opts.tools && opts.tools.length > 0) {
      request.tools = opts.tools;
      if (opts.toolChoice) request.toolChoice = opts.toolChoice;
    }
    const endpoint = `${s.baseUrl}/${s.protocol === 'anthropic' ? 'messages' : 'chat/completions'}`;
    const proxy = this.proxyFor(endpoint);
    const record: RequestRecord = {
      id: this.nextId++, purpose: opts.purpose, protocol: s.protocol, model, endpoint,
      startedAt: performance.now(), attempts: 0, receivedChars: 0,
    };
    const secrets = [apiKey];
    const paramText = Object.entries(params).map(([k, v]) => `${k}=${v}`).join(' ');
    const images = full.reduce((n, m) => n + imageCount(m.content), 0);
    const toolText = request.tools ? `tools=${request.tools.length}${request.toolChoice ? ` tool_choice=${typeof request.toolChoice === 'string' ? request.toolChoice : request.toolChoice.name}` : ''}` : '';
    const details = [`messages=${full.length}`, `~${promptTokens} tokens`, images ? `images=${images}` : '', toolText, paramText, `via=${describeProxy(proxy)}`].filter(Boolean).join(' ');
    this.log.info(formatStart(record, details, secrets));
    if (s.logPrompts) {
      for (const m of full) this.log.info(redactSecrets(`#${record.id} ${m.role}: ${contentText(m.content)}`, secrets));
    }

    this.setBusy(+1);
    let answer = '';
    try {
      const events = streamChat(request, {
        signal: opts.signal,
        maxRetries: s.maxRetries,
        dispatcher: await this.dispatcherFor(proxy),
        onAttempt: (a) => {
          record.attempts = a.attempt + 1;
          if (a.attempt > 0) this.log.warn(redactSecrets(`#${record.id} retry ${a.attempt} after ${a.previousError?.kind ?? '?'} (${a.previousError?.status ?? '-'}) waited ${a.delayMs}ms`, secrets));
        },
        onResponse: (r) => {
          record.status = r.status;
          record.traceId = r.traceId ?? record.traceId;
        },
      });
      for await (const event of events) {
        if (event.type === 'text' || event.type === 'reasoning') {
          record.firstTokenAt ??= performance.now();
          record.receivedChars += event.text.length;
          if (s.logPrompts && event.type === 'text') answer += event.text;
        } else if (event.type === 'tool_call') {
          record.toolCalls = (record.toolCalls ?? 0) + 1;
        } else if (event.type === 'usage') {
          record.inputTokens = event.inputTokens;
          // completion tokens already include the reasoning tokens (those are a breakdown).
          record.outputTokens = event.outputTokens;
          record.cost = estimateCost(event, model, s.baseUrl, s.modelPrices);
          this.used.fire({ purpose: opts.purpose, model, usage: event, cost: record.cost });
        } else if (event.type === 'done') {
          record.outcome = event.finishReason === 'stop' || event.finishReason === 'end_turn' ? 'ok' : `ok(${event.finishReason})`;
        }
        yield event;
      }
      record.outcome ??= 'ok';
    } catch (err) {
      record.outcome = err instanceof SiliconFlowError ? err.kind : 'error';
      if (err instanceof SiliconFlowError) {
        record.status ??= err.status;
        record.traceId ??= err.traceId;
        if (err.kind === 'cancelled') this.log.info(`#${record.id} cancelled`);
        else this.log.error(redactSecrets(`#${record.id} ${err.message}${err.kind === 'network' && err.code !== undefined ? ` [${err.code}]` : ''}`, secrets));
        if (err.kind === 'auth') this.authFailed.fire(err);
        throw translated(err, { model, baseUrl: s.baseUrl });
      } else {
        this.log.error(redactSecrets(`#${record.id} ${String(err)}`, secrets));
      }
      throw err;
    } finally {
      // Reached without an outcome when the caller stopped reading (a Stop button, a closed view).
      record.outcome ??= 'stopped';
      record.endedAt = performance.now();
      this.setBusy(-1);
      if (s.logPrompts && answer) this.log.info(redactSecrets(`#${record.id} assistant: ${answer}`, secrets));
      const line = formatEnd(record, secrets);
      if (record.outcome.startsWith('ok') || record.outcome === 'stopped' || record.outcome === 'cancelled') this.log.info(line);
      else this.log.warn(line);
    }
  }

  /**
   * One fill-in-the-middle request for inline completion (POST /completions, or the chat form
   * with prefix/suffix when `endpoint` is 'chat'), with the settings' base URL, key, proxy and
   * timeout. Text events only. Logs latency and sizes (characters, tokens), never the code unless
   * siliconflow.logPrompts is on. Retries at most once: the next keystroke is the better retry.
   * Throws SiliconFlowError ('auth' when no key is set); not re-worded, callers word the state.
   */
  async *streamFim(req: FimCall, signal?: AbortSignal): AsyncIterable<string> {
    const s = readSettings();
    const apiKey = await this.requireKey();
    const endpoint = `${s.baseUrl}/${req.endpoint === 'chat' ? 'chat/completions' : 'completions'}`;
    const proxy = this.proxyFor(endpoint);
    const record: RequestRecord = {
      id: this.nextId++, purpose: 'fim', protocol: 'openai', model: req.model, endpoint,
      startedAt: performance.now(), attempts: 0, receivedChars: 0,
    };
    const secrets = [apiKey];
    const details = `prompt=${req.prompt.length}ch suffix=${req.suffix.length}ch max_tokens=${req.maxTokens} via=${describeProxy(proxy)}`;
    this.log.info(formatStart(record, details, secrets));
    if (s.logPrompts) this.log.info(redactSecrets(`#${record.id} prompt: ${req.prompt}\n#${record.id} suffix: ${req.suffix}`, secrets));
    let answer = '';
    try {
      const events = streamFim(
        { baseUrl: s.baseUrl, apiKey, model: req.model, prompt: req.prompt, suffix: req.suffix, maxTokens: req.maxTokens, temperature: req.temperature, stop: req.stop, timeoutMs: s.timeoutMs, endpoint: req.endpoint },
        {
          signal,
          maxRetries: Math.min(s.maxRetries, 1),
          dispatcher: await this.dispatcherFor(proxy),
          onAttempt: (a) => (record.attempts = a.attempt + 1),
          onResponse: (r) => {
            record.status = r.status;
            record.traceId = r.traceId ?? record.traceId;
          },
        },
      );
      for await (const event of events) {
        if (event.type === 'text') {
          record.firstTokenAt ??= performance.now();
          record.receivedChars += event.text.length;
          answer += event.text;
          yield event.text;
        } else if (event.type === 'usage') {
          record.inputTokens = event.inputTokens;
          record.outputTokens = event.outputTokens;
        } else if (event.type === 'done') {
          record.outcome = event.finishReason === 'stop' ? 'ok' : `ok(${event.finishReason})`;
        }
      }
    } catch (err) {
      record.outcome = err instanceof SiliconFlowError ? err.kind : 'error';
      if (err instanceof SiliconFlowError) {
        record.status ??= err.status;
        record.traceId ??= err.traceId;
      }
      if (record.outcome !== 'cancelled') this.log.warn(redactSecrets(`#${record.id} ${err instanceof Error ? err.message : String(err)}`, secrets));
      throw err;
    } finally {
      record.outcome ??= 'stopped';
      record.endedAt = performance.now();
      if (s.logPrompts && answer) this.log.info(redactSecrets(`#${record.id} completion: ${answer}`, secrets));
      this.log.info(`${formatEnd(record, secrets)} received=${record.receivedChars}ch`);
    }
  }

  /** Model ids from GET /models with the current key and base URL. Throws SiliconFlowError ('auth' when no key is set). */
  async listModels(signal?: AbortSignal): Promise<string[]> {
    const key = await this.requireKey();
    try {
      return await this.listModelsWith(key, signal);
    } catch (err) {
      // The stored key was refused: offer to set it again (the Set API Key check handles its own 401).
      if (err instanceof SiliconFlowError && err.kind === 'auth') this.authFailed.fire(err);
      throw err;
    }
  }

  /** GET /models with a key that is not stored yet: the check made by "Set API Key". */
  async listModelsWith(apiKey: string, signal?: AbortSignal): Promise<string[]> {
    const s = readSettings();
    return this.logged('models', '/models', apiKey, signal, (opts) => listModels({ baseUrl: s.baseUrl, apiKey, signal }, { ...opts, maxRetries: Math.min(s.maxRetries, 1) }), (models) => `models=${models.length}`);
  }

  /**
   * The account's balance (GET /user/info) with the stored key. Throws SiliconFlowError on any
   * failure ('auth' when no key is set); unlike the other requests, a 401 here does not offer to
   * set the key again: a deployment without this endpoint must not look like a bad key.
   */
  async userInfo(signal?: AbortSignal): Promise<UserInfo> {
    const key = await this.requireKey();
    const s = readSettings();
    return this.logged('user/info', '/user/info', key, signal, (opts) => getUserInfo({ baseUrl: s.baseUrl, apiKey: key, signal }, { ...opts, maxRetries: Math.min(s.maxRetries, 1) }), () => 'balance read');
  }

  /** A GET through the proxy with a log line before and after (status, trace id, outcome; never the key). */
  private async logged<T>(
    name: string,
    path: string,
    apiKey: string,
    signal: AbortSignal | undefined,
    call: (opts: ClientOptions) => Promise<T>,
    summary: (result: T) => string,
  ): Promise<T> {
    const s = readSettings();
    const endpoint = `${s.baseUrl}${path}`;
    const proxy = this.proxyFor(endpoint);
    const id = this.nextId++;
    const started = performance.now();
    let status: number | undefined;
    let traceId: string | undefined;
    this.log.info(redactSecrets(`#${id} ${name} → GET ${endpoint} via=${describeProxy(proxy)}`, [apiKey]));
    try {
      const result = await call({
        signal,
        dispatcher: await this.dispatcherFor(proxy),
        onResponse: (r) => {
          status = r.status;
          traceId = r.traceId;
        },
      });
      this.log.info(`#${id} ok status=${status ?? '-'} trace=${traceId ?? '-'} ${summary(result)} total=${Math.round(performance.now() - started)}ms`);
      return result;
    } catch (err) {
      const kind = err instanceof SiliconFlowError ? err.kind : 'error';
      const message = err instanceof Error ? err.message : String(err);
      this.log.warn(redactSecrets(`#${id} ${kind} status=${status ?? '-'} trace=${traceId ?? '-'} ${message}`, [apiKey]));
      throw err instanceof SiliconFlowError ? translated(err, { model: s.model, baseUrl: s.baseUrl }) : err;
    }
  }

  dispose(): void {
    this.busyChanged.dispose();
    this.authFailed.dispose();
    this.used.dispose();
    void this.proxies.close();
  }

  private async requireKey(): Promise<string> {
    const key = await this.keys.get();
    if (key) return key;
    throw new SiliconFlowError(
      vscode.l10n.t('No SiliconFlow API key is set. Run "SiliconFlow: Set API Key" from the Command Palette, or start VS Code with the SILICONFLOW_API_KEY environment variable.'),
      'auth',
    );
  }

  private withSystemPrompt(messages: readonly ChatMessage[], s: Settings, purpose: 'chat' | 'command' | 'lm'): ChatMessage[] {
    // The setting is for the chat; the editor commands bring their own system prompts.
    const custom = purpose === 'chat' ? s.systemPrompt.trim() : '';
    return custom ? [{ role: 'system', content: custom }, ...messages.filter((m) => m.role !== 'system')] : [...messages];
  }

  private proxyFor(endpoint: string): ProxyRoute {
    const route = routeFor(endpoint, readProxySettings());
    if (route.choice.kind === 'invalid') {
      this.log.warn(redactSecrets(`proxy from ${route.choice.source} is not an http(s) URL and is ignored: ${route.choice.value}`));
    }
    return route;
  }

  private dispatcherFor(route: ProxyRoute): Promise<unknown> {
    return route.handledBy === 'extension' ? this.proxies.dispatcherFor(route.choice) : Promise.resolve(undefined);
  }

  private setBusy(delta: number): void {
    this.busy = Math.max(0, this.busy + delta);
    this.busyChanged.fire(this.busy);
  }
}

/** The client speaks English; under another display language, its errors are re-worded (the log keeps the English). */
function translated(err: SiliconFlowError, ctx: { model: string; baseUrl: string }): SiliconFlowError {
  return vscode.l10n.bundle ? localizeError(err, ctx, vscode.l10n) : err;
}

function describeProxy({ choice, handledBy }: ProxyRoute): string {
  if (handledBy === 'off') return 'direct (http.proxySupport off)';
  const what =
    choice.kind === 'proxy' ? `${describeProxyUrl(choice.url)} (${choice.source})`
      : choice.kind === 'direct' && choice.reason === 'noProxy' ? 'direct (NO_PROXY)'
        : choice.kind === 'invalid' ? 'direct (invalid proxy)'
          : 'direct';
  // VS Code's own fetch patch applies the proxy (and may also use the system proxy).
  return handledBy === 'vscode' ? `${what} [VS Code proxy support]` : what;
}
