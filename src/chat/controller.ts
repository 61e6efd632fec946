// The conversation logic of the sidebar chat: what send / stop / regenerate / edit / new chat /
// history do to the session, how a streaming answer is turned into coalesced posts to the webview,
// and when the session is saved. It holds the only copy of the conversation that counts: the
// webview is a view of it and can be destroyed and rebuilt (init) at any time.
// No 'vscode' import: everything it needs from outside comes through ChatControllerDeps.
import { randomUUID } from 'node:crypto';
import type { ChatMessage, StreamEvent } from '../client';
import type { AnswerVersion, ContextAttachment, ContextInfo, CostView, ErrorView, HostMessage, MessageView, SessionSummary, SessionView } from '../protocol';
import { DeltaCoalescer } from './deltaCoalescer';
import { imageRoom } from './imageAttachments';
import { planChatRequest, type ChatRequestPlan } from './prompt';
import { allVersions, mergeSessions, readAttachment, REMOVED_MAX, TITLE_MAX, withVersion, titleFromPrompt, toView, type Session } from './session';
import type { SessionStore } from './sessionStore';
import { ThinkSplitter, streamEndOf, type ThinkChange } from '../prompts/think';
import { LIMITS } from './validate';

export interface ControllerLog {
  info(message: string): void;
  warn(message: string): void;
}

/** The small part of vscode.Memento used to remember the open session and the draft. */
export interface StateMemory {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface ChatControllerDeps {
  store: SessionStore;
  stream(messages: ChatMessage[], signal: AbortSignal): AsyncIterable<StreamEvent>;
  /** The model the next request will use. */
  model(): string;
  workspace(): string | undefined;
  /** Delivers a message to the webview, or drops it when there is none (init catches it up). */
  post(message: HostMessage): void;
  memory: StateMemory;
  log: ControllerLog;
  /**
   * How a request measures against the chat model's context window (the service's measureContext,
   * system prompt included). Without it nothing is trimmed and no meter is shown.
   */
  measure?: (messages: ChatMessage[]) => { fits: boolean; promptTokens: number; windowTokens: number };
  /** The estimated ¥ of an answer's usage on `model` (the service's costOf); without it no cost is shown. */
  costOf?: (usage: Extract<StreamEvent, { type: 'usage' }>, model: string) => CostView;
  now?: () => number;
  deltaIntervalMs?: number;
  /** How often a streaming answer is saved (and once more when it ends). */
  persistIntervalMs?: number;
}

export const MAX_PENDING_ATTACHMENTS = 20;
/** Deleted conversations kept in memory for Undo. */
const DELETED_KEPT = 5;
const SESSION_KEY = 'siliconflow.chat.sessionId';
const DRAFT_KEY = 'siliconflow.chat.draft';
/** The attachments waiting to be sent: part of the unsent message, kept like the draft. */
const PENDING_KEY = 'siliconflow.chat.pending';

/** One answer being streamed. */
interface Run {
  answer: MessageView;
  abort: AbortController;
  coalescer: DeltaCoalescer;
  splitter: ThinkSplitter;
  reasoningStartedAt?: number;
  /** When the first answer text came (reasoning that turns out to precede a lone `</think>` started then). */
  firstTextAt?: number;
  finished: boolean;
  /** Settles when the stream loop has returned (tests and dispose wait on it). */
  done: Promise<void>;
}

export interface ChatSnapshot {
  session: SessionView;
  busy: boolean;
  pending: ContextAttachment[];
  draft: string;
  model: string;
  context?: ContextInfo;
}

/** An error with a kind, as SiliconFlowError has; anything else is 'unknown'. */
export function toErrorView(e: unknown): ErrorView {
  const kind = typeof e === 'object' && e !== null && typeof (e as { kind?: unknown }).kind === 'string' ? (e as { kind: string }).kind : 'unknown';
  const message = e instanceof Error ? e.message : String(e);
  return { kind, message, needsKey: kind === 'auth' };
}

/** Pending attachments from workspace state, checked like a stored session: anything damaged is dropped. */
function readPending(stored: unknown): ContextAttachment[] {
  if (!Array.isArray(stored)) return [];
  return stored
    .map(readAttachment)
    .filter((a): a is ContextAttachment => a !== undefined)
    .slice(-MAX_PENDING_ATTACHMENTS);
}

export class ChatController {
  private session: Session;
  private pending: ContextAttachment[] = [];
  private draft = '';
  private run: Run | undefined;
  private persistTimer: ReturnType<typeof setTimeout> | undefined;
  /** Conversations deleted in this window, for Undo: the session and whether it was the open one. */
  private readonly deleted = new Map<string, { session: Session; wasOpen: boolean }>();
  private readonly now: () => number;

  constructor(private readonly deps: ChatControllerDeps) {
    this.now = deps.now ?? Date.now;
    this.session = this.freshSession();
  }

  /** Reopens the session, draft and pending attachments this workspace had before the window was reloaded. */
  async restore(): Promise<void> {
    this.draft = this.deps.memory.get<string>(DRAFT_KEY) ?? '';
    this.pending = readPending(this.deps.memory.get<unknown>(PENDING_KEY));
    const id = this.deps.memory.get<string>(SESSION_KEY);
    if (!id) return;
    const stored = await this.deps.store.load(id).catch(() => undefined);
    if (stored && !this.run) this.session = stored;
  }

  get busy(): boolean {
    return this.run !== undefined;
  }

  get currentSessionId(): string {
    return this.session.id;
  }

  /**
   * The whole state, for the webview's `init`. Text buffered for the next delta post is already in
   * the snapshot, so the buffer is dropped rather than sent a second time.
   */
  snapshot(): ChatSnapshot {
    this.run?.coalescer.discard();
    return {
      session: toView(this.session),
      busy: this.busy,
      pending: [...this.pending],
      draft: this.draft,
      model: this.deps.model(),
      context: this.contextInfo(),
    };
  }

  /**
   * What the next request would send for the conversation as it stands, measured: the meter in the
   * composer and the marks on messages left out. Undefined without `measure`.
   */
  contextInfo(): ContextInfo | undefined {
    const measure = this.deps.measure;
    if (!measure) return undefined;
    const plan = this.plan();
    const fit = measure(plan.messages);
    return { usedTokens: fit.promptTokens, windowTokens: fit.windowTokens, leftOut: plan.leftOut };
  }

  /** Posts the context meter and the left-out marks (after a change to the conversation or the model). */
  postContext(): void {
    const context = this.contextInfo();
    if (context) this.deps.post({ type: 'context', context });
  }

  private plan(): ChatRequestPlan {
    const measure = this.deps.measure;
    return planChatRequest(this.session.messages, measure && ((request) => measure(request).fits));
  }

  // ---- the conversation ----

  /** Sends a user message; `context` replaces the pending attachments for this message only. */
  async send(text: string, context?: ContextAttachment[]): Promise<boolean> {
    if (this.run) {
      this.deps.post({ type: 'busy', busy: true });
      return false;
    }
    const attachments = context ?? this.pending;
    if (!text.trim() && attachments.length === 0) return false;
    const first = this.session.messages.length === 0;
    const user: MessageView = {
      id: randomUUID(),
      role: 'user',
      text,
      status: 'complete',
      createdAt: this.now(),
      ...(attachments.length ? { context: [...attachments] } : {}),
    };
    if (first) {
      this.session.title = titleFromPrompt(text) || titleFromPrompt(attachments[0]?.label ?? '');
      this.session.createdAt = user.createdAt;
      const workspace = this.deps.workspace();
      if (workspace) this.session.workspace = workspace;
      void this.deps.memory.update(SESSION_KEY, this.session.id);
    }
    this.session.messages.push(user);
    // The first message also gives the conversation its title: send the whole session then.
    this.deps.post(first ? { type: 'session', session: toView(this.session) } : { type: 'messageAdded', message: user });
    if (context === undefined) this.setPending([]);
    this.setDraft('');
    this.startAnswer();
    return true;
  }

  /** Stops the answer being streamed; what came so far stays, marked interrupted. */
  stop(): void {
    const run = this.run;
    if (!run) return;
    run.abort.abort();
    this.finish(run, 'interrupted');
  }

  /**
   * Asks again for the last answer. The previous answer is kept as an earlier version (‹ 1/2 ›) of
   * the new one, unless it failed without text. Also what Retry does after an error.
   */
  regenerate(): void {
    if (this.run) return;
    const messages = this.session.messages;
    let versions: AnswerVersion[] = [];
    const last = messages[messages.length - 1];
    if (last?.role === 'assistant') {
      this.forget(messages.splice(-1));
      versions = allVersions(last).filter((v) => v.text.trim() !== '').slice(-(LIMITS.versions - 1));
    }
    if (messages[messages.length - 1]?.role !== 'user') return;
    this.deps.post({ type: 'session', session: toView(this.session) });
    this.startAnswer(versions.length ? { alternatives: versions, version: versions.length } : {});
  }

  /** Shows version `index` of an answer; the model is sent that version from now on. */
  selectVersion(messageId: string, index: number): void {
    const at = this.session.messages.findIndex((m) => m.id === messageId && m.role === 'assistant');
    const message = this.session.messages[at];
    if (!message || message.status === 'streaming') return;
    const versions = allVersions(message);
    if (index < 0 || index >= versions.length || index === (message.version ?? versions.length - 1)) return;
    const chosen = withVersion(message, versions, index);
    this.session.messages[at] = chosen;
    this.deps.post({ type: 'messageUpdated', message: { ...chosen } });
    this.postContext();
    this.persistNow();
  }

  retry(): void {
    this.regenerate();
  }

  /** Replaces a user message's text, forgets everything after it, and asks again from there. */
  editResend(messageId: string, text: string): void {
    const index = this.session.messages.findIndex((m) => m.id === messageId && m.role === 'user');
    if (index < 0 || !text.trim()) {
      this.deps.log.warn('chat: edit of an unknown or empty message ignored');
      return;
    }
    this.stop();
    const edited: MessageView = { ...this.session.messages[index], text, createdAt: this.now() };
    this.forget(this.session.messages.slice(index + 1));
    this.session.messages = [...this.session.messages.slice(0, index), edited];
    if (index === 0) this.session.title = titleFromPrompt(text);
    this.deps.post({ type: 'session', session: toView(this.session) });
    this.startAnswer();
  }

  /** Starts an empty conversation; the current one stays in the history. */
  newChat(): void {
    this.stop();
    if (this.session.messages.length > 0) this.session = this.freshSession();
    void this.deps.memory.update(SESSION_KEY, undefined);
    this.deps.post({ type: 'session', session: toView(this.session) });
    this.postContext();
  }

  async openSession(id: string): Promise<boolean> {
    if (id === this.session.id) {
      this.deps.post({ type: 'session', session: toView(this.session) });
      return true;
    }
    const stored = await this.deps.store.load(id).catch(() => undefined);
    if (!stored) {
      this.deps.log.warn('chat: a session from the history could not be read');
      await this.listHistory();
      return false;
    }
    this.stop();
    this.session = stored;
    void this.deps.memory.update(SESSION_KEY, id);
    this.deps.post({ type: 'session', session: toView(this.session) });
    this.postContext();
    return true;
  }

  /**
   * Deletes a stored session; deleting the open one first switches to a new chat. The conversation
   * is kept in memory (the last few) so that Undo (restoreSession) can bring it back.
   */
  async deleteSession(id: string): Promise<void> {
    const wasOpen = id === this.session.id;
    const copy = wasOpen ? { ...this.session, messages: [...this.session.messages] } : await this.deps.store.load(id).catch(() => undefined);
    if (wasOpen) {
      this.stop();
      this.cancelPersist();
      this.session = this.freshSession();
      void this.deps.memory.update(SESSION_KEY, undefined);
      this.deps.post({ type: 'session', session: toView(this.session) });
      this.postContext();
    }
    await this.deps.store.delete(id).catch((e: unknown) => this.deps.log.warn(`chat: delete failed: ${String(e)}`));
    if (copy && copy.messages.length > 0) {
      this.deleted.delete(id);
      this.deleted.set(id, { session: copy, wasOpen });
      if (this.deleted.size > DELETED_KEPT) this.deleted.delete(this.deleted.keys().next().value as string);
    }
    await this.listHistory(undefined, copy && copy.messages.length > 0 ? { id, title: copy.title } : undefined);
  }

  /** Undo of deleteSession: writes the conversation back (and reopens it when it was the open one). */
  async restoreSession(id: string): Promise<void> {
    const entry = this.deleted.get(id);
    if (!entry) {
      await this.listHistory();
      return;
    }
    this.deleted.delete(id);
    await this.deps.store.save(entry.session).catch((e: unknown) => this.deps.log.warn(`chat: restore failed: ${String(e)}`));
    if (entry.wasOpen && this.session.messages.length === 0 && !this.run) await this.openSession(id);
    await this.listHistory();
  }

  /** Gives a conversation a title of the user's choosing. */
  async renameSession(id: string, title: string): Promise<void> {
    const clean = title.replace(/\s+/g, ' ').trim().slice(0, TITLE_MAX * 2);
    if (!clean) return;
    if (id === this.session.id) {
      // A rename keeps the conversation's place: the list is in order of its last activity.
      this.session.title = clean;
      this.deps.post({ type: 'session', session: toView(this.session) });
      this.persistNow();
      await this.deps.store.flush();
    } else {
      const stored = await this.deps.store.load(id).catch(() => undefined);
      if (stored) {
        stored.title = clean;
        await this.deps.store.save(stored).catch((e: unknown) => this.deps.log.warn(`chat: rename failed: ${String(e)}`));
      }
    }
    await this.listHistory();
  }

  /**
   * Posts the history list; with `query`, only conversations whose title or message text contains
   * it (case-insensitive). A search reads the stored conversations; listing does not.
   */
  async listHistory(query?: string, deleted?: { id: string; title: string }): Promise<void> {
    let sessions: SessionSummary[] = await this.deps.store.list().catch(() => []);
    const needle = query?.trim().toLocaleLowerCase();
    if (needle) {
      const found: SessionSummary[] = [];
      for (const summary of sessions) {
        if (summary.title.toLocaleLowerCase().includes(needle)) {
          found.push(summary);
          continue;
        }
        const stored = summary.id === this.session.id ? this.session : await this.deps.store.load(summary.id).catch(() => undefined);
        if (stored?.messages.some((m) => m.text.toLocaleLowerCase().includes(needle))) found.push(summary);
      }
      sessions = found;
    }
    this.deps.post({ type: 'history', sessions, ...(needle ? { query: query } : {}), ...(deleted ? { deleted } : {}) });
  }

  // ---- composer state ----

  addAttachment(a: ContextAttachment): void {
    const others = this.pending.filter((p) => p.label !== a.label);
    this.setPending([...others, a].slice(-MAX_PENDING_ATTACHMENTS));
  }

  /** Adds an image to the pending attachments; false when the message already has the most images it may carry. */
  addImage(a: ContextAttachment): boolean {
    if (imageRoom(this.pending) <= 0) return false;
    this.setPending([...this.pending, a].slice(-MAX_PENDING_ATTACHMENTS));
    return true;
  }

  /** The model the next answer will come from. */
  chatModel(): string {
    return this.deps.model();
  }

  /** Shows `text` under the composer (a refused image, a limit). */
  notice(text: string): void {
    this.deps.post({ type: 'notice', text });
  }

  removeAttachment(index: number): void {
    if (index < 0 || index >= this.pending.length) return;
    this.setPending(this.pending.filter((_, i) => i !== index));
  }

  setPending(attachments: ContextAttachment[]): void {
    this.pending = attachments;
    this.deps.post({ type: 'pending', attachments: [...attachments] });
    void this.deps.memory.update(PENDING_KEY, attachments.length ? [...attachments] : undefined);
  }

  setDraft(text: string): void {
    if (text === this.draft) return;
    this.draft = text;
    void this.deps.memory.update(DRAFT_KEY, text);
  }

  /** Stops a running answer and writes everything; for deactivate and tests. */
  async dispose(): Promise<void> {
    const run = this.run;
    this.stop();
    await run?.done;
    this.cancelPersist();
    await this.deps.store.flush();
  }

  /** Resolves when the answer being streamed (if any) has ended. */
  async idle(): Promise<void> {
    await this.run?.done;
  }

  // ---- streaming ----

  private freshSession(): Session {
    const now = this.now();
    return { id: randomUUID(), title: '', createdAt: now, updatedAt: now, messages: [] };
  }

  private startAnswer(versions: Pick<MessageView, 'alternatives' | 'version'> = {}): void {
    const plan = this.plan();
    const request = plan.messages;
    if (plan.trimmedTurns > 0) this.deps.log.info(`chat: the ${plan.trimmedTurns} oldest turns are left out to fit the context window`);
    const answer: MessageView = { id: randomUUID(), role: 'assistant', text: '', status: 'streaming', model: this.deps.model(), createdAt: this.now(), ...versions };
    this.session.messages.push(answer);
    this.session.updatedAt = answer.createdAt;
    const run: Run = {
      answer,
      abort: new AbortController(),
      coalescer: new DeltaCoalescer((d) => this.deps.post({ type: 'delta', messageId: answer.id, ...d }), this.deps.deltaIntervalMs ?? 33),
      splitter: new ThinkSplitter(),
      finished: false,
      done: Promise.resolve(),
    };
    this.run = run;
    this.deps.post({ type: 'messageAdded', message: { ...answer } });
    this.deps.post({ type: 'busy', busy: true });
    this.postContext();
    // The question is on disk before the request goes out: a crash now loses nothing typed.
    this.persistNow();
    run.done = this.consume(run, request);
  }

  private async consume(run: Run, request: ChatMessage[]): Promise<void> {
    try {
      for await (const event of this.deps.stream(request, run.abort.signal)) {
        if (run.finished) break;
        this.apply(run, event);
        if (event.type === 'done') break;
      }
      this.finish(run, 'complete');
    } catch (e) {
      if (run.finished) return;
      if (run.abort.signal.aborted) {
        this.finish(run, 'interrupted');
        return;
      }
      const error = toErrorView(e);
      this.deps.log.warn(`chat: request failed (${error.kind})`);
      this.finish(run, 'error', error);
    }
  }

  private apply(run: Run, event: StreamEvent): void {
    switch (event.type) {
      case 'reasoning':
        this.applyChanges(run, run.splitter.pushReasoning(event.text));
        break;
      case 'text':
        run.firstTextAt ??= this.now();
        this.applyChanges(run, run.splitter.pushText(event.text));
        break;
      case 'usage':
        run.answer.usage = {
          inputTokens: event.inputTokens,
          outputTokens: event.outputTokens,
          ...(event.reasoningTokens !== undefined ? { reasoningTokens: event.reasoningTokens } : {}),
          ...(event.cachedInputTokens !== undefined ? { cachedInputTokens: event.cachedInputTokens } : {}),
        };
        if (this.deps.costOf) run.answer.cost = this.deps.costOf(event, run.answer.model ?? this.deps.model());
        break;
      case 'done':
        // Kept with the answer: 'length' / 'content_filter' mean it was cut short, which the view says.
        run.answer.finishReason = event.finishReason;
        break;
      default:
        // tool_call: the chat offers no tools.
        break;
    }
    this.persistSoon();
  }

  private applyChanges(run: Run, changes: ThinkChange[]): void {
    for (const change of changes) {
      if (change.kind !== 'reset') {
        this.addPiece(run, change.kind, change.text);
        continue;
      }
      // The split moved text between answer and reasoning: the webview gets the whole message again.
      const answer = run.answer;
      run.coalescer.discard();
      answer.text = change.answer;
      if (change.reasoning) {
        answer.reasoning = change.reasoning;
        run.reasoningStartedAt ??= run.firstTextAt ?? this.now();
        if (change.answer && answer.reasoningMs === undefined) answer.reasoningMs = this.now() - run.reasoningStartedAt;
      } else {
        delete answer.reasoning;
      }
      this.deps.post({ type: 'messageUpdated', message: { ...answer } });
    }
  }

  private addPiece(run: Run, kind: 'text' | 'reasoning', text: string): void {
    const answer = run.answer;
    if (kind === 'reasoning') {
      run.reasoningStartedAt ??= this.now();
      answer.reasoning = (answer.reasoning ?? '') + text;
    } else {
      if (run.reasoningStartedAt !== undefined && answer.reasoningMs === undefined) {
        // Thinking is over: tell the webview now, so it can fold the section and show the time.
        answer.reasoningMs = this.now() - run.reasoningStartedAt;
        run.coalescer.flush();
        this.deps.post({ type: 'messageUpdated', message: { ...answer } });
      }
      answer.text += text;
    }
    run.coalescer.push(kind, text);
  }

  private finish(run: Run, status: 'complete' | 'interrupted' | 'error', error?: ErrorView): void {
    if (run.finished) return;
    run.finished = true;
    this.applyChanges(run, run.splitter.end(status === 'complete' ? streamEndOf(run.answer.finishReason) : 'cut'));
    const answer = run.answer;
    if (run.reasoningStartedAt !== undefined && answer.reasoningMs === undefined) {
      answer.reasoningMs = this.now() - run.reasoningStartedAt;
    }
    run.coalescer.flush();
    answer.status = status;
    if (error) answer.error = error;
    if (this.run === run) this.run = undefined;
    this.session.updatedAt = this.now();
    this.deps.post({ type: 'messageUpdated', message: { ...answer } });
    this.deps.post({ type: 'busy', busy: false });
    this.postContext();
    this.persistNow();
  }

  // ---- saving ----

  /** Records messages taken out of the conversation, so a merge with another window's copy does not bring them back. */
  private forget(removed: readonly MessageView[]): void {
    if (removed.length === 0) return;
    this.session.removedIds = [...(this.session.removedIds ?? []), ...removed.map((m) => m.id)].slice(-REMOVED_MAX);
  }

  private persistSoon(): void {
    if (this.persistTimer !== undefined) return;
    this.persistTimer = setTimeout(() => {
      this.persistTimer = undefined;
      this.persistNow();
    }, this.deps.persistIntervalMs ?? 1000);
  }

  private persistNow(): void {
    this.cancelPersist();
    if (this.session.messages.length === 0) return;
    this.deps.store.save(this.session).then(
      (merged) => {
        if (merged) this.adopt(merged);
      },
      (e: unknown) => this.deps.log.warn(`chat: saving the history failed: ${String(e)}`),
    );
  }

  /**
   * Another window changed conversation `id` on disk (the store's watch): the open conversation
   * takes in its messages, so both windows show the same turns.
   */
  async storedSessionChanged(id: string): Promise<void> {
    // Another conversation: the history list's counts and order may have changed.
    if (id !== this.session.id) return this.listHistory();
    const stored = await this.deps.store.load(id).catch(() => undefined);
    if (stored) this.adopt(stored);
  }

  /**
   * Takes in a stored copy of the open conversation that another window wrote to (merged message
   * by message with what is in memory, which may have moved on since), and shows the result.
   */
  private adopt(stored: Session): void {
    if (stored.id !== this.session.id) return;
    const before = JSON.stringify(this.session.messages.map((m) => [m.id, m.status]));
    const merged = mergeSessions(stored, this.session);
    const live = this.run?.answer;
    // The answer being streamed stays the object the stream writes into.
    if (live) merged.messages = merged.messages.map((m) => (m.id === live.id ? live : m));
    Object.assign(this.session, merged);
    if (JSON.stringify(this.session.messages.map((m) => [m.id, m.status])) === before) return;
    // The view is rebuilt from the session, which holds everything buffered for the next delta.
    this.run?.coalescer.discard();
    this.deps.post({ type: 'session', session: toView(this.session) });
    this.postContext();
  }

  private cancelPersist(): void {
    if (this.persistTimer !== undefined) clearTimeout(this.persistTimer);
    this.persistTimer = undefined;
  }
}
