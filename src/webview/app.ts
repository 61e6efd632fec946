// The chat webview: builds the UI on `init`, applies host messages to it, and posts the user's
// actions. The host owns the conversation; this side only mirrors it (plus a small state cache of
// draft and scroll position so a re-shown view looks the same at once).
import { sumCosts } from '../protocol';
import { limitProblem, PROTOCOL_VERSION, type ContextInfo, type CostView, type HostMessage, type MessageView, type SessionView, type WebviewMessage } from '../protocol';
import { Composer } from './composer';
import { CODE_ACTION, codeActionMessage, isRepeatedAction } from './codeBlocks';
import { el, icon, iconButton } from './dom';
import { FrameScheduler, type RequestFrame } from './frameScheduler';
import { HistoryPanel } from './historyPanel';
import { setStrings, t } from './i18n';
import { createMarkdownRenderer, isSafeHref, type MarkdownRenderer } from './markdown';
import { AssistantMessageView, finishNote, flashCopied, UserMessageView, type ChatMessageView, type MessageViewDeps } from './messageViews';
import { ScrollFollower } from './scrollFollower';

/** What the webview caches with setState: only conveniences, never the conversation. */
export interface CachedViewState {
  sessionId?: string;
  scrollTop?: number;
  /** The reader was at the end, following the answer: a re-shown view opens at the end, however much came since. */
  following?: boolean;
  draft?: string;
}

export interface HostBridge {
  post(message: WebviewMessage): void;
  getState(): CachedViewState | undefined;
  setState(state: CachedViewState): void;
}

export interface AppOptions {
  win: Window;
  root: HTMLElement;
  host: HostBridge;
  /** requestAnimationFrame in the browser; tests pass their own to step frames by hand. */
  requestFrame?: RequestFrame;
  now?: () => number;
}

type InitMessage = Extract<HostMessage, { type: 'init' }>;

interface Ui {
  messages: HTMLElement;
  notice: HTMLElement;
  noticeText: HTMLElement;
  /** Says, above the first turn still sent, that the older ones are left out (context window). */
  trimmedNote: HTMLElement;
  welcome: HTMLElement;
  setKeyButton: HTMLButtonElement;
  noKeyNote: HTMLElement;
  status: HTMLElement;
  composer: Composer;
  history: HistoryPanel;
  historyButton: HTMLButtonElement;
  follower: ScrollFollower;
}

export class ChatApp {
  private readonly doc: Document;
  private readonly renderer: MarkdownRenderer;
  private readonly scheduler: FrameScheduler;
  private readonly now: () => number;
  private ui: Ui | undefined;
  private views: ChatMessageView[] = [];
  /** Each answer's estimated cost, for the conversation's total in the composer. */
  private costs = new Map<string, CostView>();
  private sessionId = '';
  private busy = false;
  private context: ContextInfo | undefined;
  private cache: CachedViewState;
  private scrollSaveTimer: number | undefined;
  /** `prefill` / `focusInput` that arrived before `init` built the composer: applied right after. */
  private beforeInit: { focus: boolean; prefill?: string } = { focus: false };

  constructor(private readonly options: AppOptions) {
    this.doc = options.win.document;
    this.renderer = createMarkdownRenderer(options.win);
    this.now = options.now ?? (() => options.win.performance.now());
    const requestFrame = options.requestFrame ?? ((callback) => options.win.requestAnimationFrame(() => callback()));
    this.scheduler = new FrameScheduler(requestFrame, () => this.ui?.follower.contentChanged());
    this.cache = options.host.getState() ?? {};
    // Esc stops an answer from anywhere in the view (the composer handles it first when focused there).
    this.doc.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.busy && !event.defaultPrevented) {
        event.preventDefault();
        this.post({ type: 'stop' });
      }
    });
    // VS Code focuses a webview view (Focus Chat, Ctrl+Alt+Y C, a click on its title) by focusing
    // this window, which leaves the caret on <body> and typed text lost: put it in the message box,
    // unless the focus went somewhere on purpose (a clicked message, a button). After the event,
    // because a click focuses its target only once the window has the focus.
    options.win.addEventListener('focus', () => options.win.setTimeout(() => this.focusInputIfNowhere(), 0));
  }

  /** Puts the caret in the message box when nothing in the view has the focus. */
  private focusInputIfNowhere(): void {
    const active = this.doc.activeElement;
    if (this.ui && (!active || active === this.doc.body || active === this.doc.documentElement)) this.ui.composer.focus();
  }

  /** Tells the host which protocol this side speaks; it answers with `init`. */
  start(): void {
    this.post({ type: 'ready', version: PROTOCOL_VERSION });
  }

  /** Renders everything pending now instead of at the next frame. */
  flush(): void {
    this.scheduler.flush();
  }

  handle(message: HostMessage): void {
    switch (message.type) {
      case 'init':
        return this.init(message);
      case 'focusInput':
        if (this.ui) this.ui.composer.focus();
        else this.beforeInit = { focus: true, prefill: this.beforeInit.prefill };
        return;
      case 'prefill':
        if (this.ui) this.ui.composer.prefill(message.text);
        else this.beforeInit = { focus: true, prefill: message.text };
        return;
    }
    const ui = this.ui;
    if (!ui) return; // Nothing to update before `init` built the UI.
    switch (message.type) {
      case 'session':
        // A conversation opened or started elsewhere closes the list; deleting the open conversation
        // from the list also replaces it, and then the list stays open for whoever is working in it.
        if (ui.history.isOpen && !ui.history.element.contains(this.doc.activeElement)) this.closeHistory(false);
        this.showSession(message.session);
        break;
      case 'messageAdded':
        this.addMessage(message.message);
        this.refreshActionStates();
        if (message.message.role === 'user') {
          ui.composer.setLastPrompt(message.message.text);
          this.scheduler.schedule(() => ui.follower.scrollToBottom());
        }
        break;
      case 'delta': {
        const view = this.viewById(message.messageId);
        if (view instanceof AssistantMessageView) view.appendDelta(message.text, message.reasoning);
        break;
      }
      case 'messageUpdated':
        this.updateMessage(message.message);
        break;
      case 'busy':
        this.setBusy(message.busy);
        break;
      case 'model':
        ui.composer.setModel(message.model);
        break;
      case 'hasKey':
        this.setHasKey(message.hasKey);
        break;
      case 'pending':
        ui.composer.setPending(message.attachments);
        break;
      case 'history':
        ui.history.setHistory(message);
        break;
      case 'context':
        this.setContext(message.context);
        break;
      case 'notice':
        ui.composer.notice(message.text);
        break;
    }
  }

  /**
   * Posts to the host, unless the message breaks a size limit the host would refuse it for: then
   * the view says why (the input, or the thing clicked, is left as it was) and returns false.
   */
  private post(message: WebviewMessage): boolean {
    const problem = limitProblem(message);
    if (!problem) {
      this.options.host.post(message);
      return true;
    }
    const length = problem.length.toLocaleString();
    const limit = problem.limit.toLocaleString();
    if (message.type === 'copy') this.showNotice(t('tooLongCopy', length, limit));
    else if (message.type === 'insertCode' || message.type === 'applyCode') this.showNotice(t('tooLongCode', length, limit));
    else if (message.type === 'openLink') this.showNotice(t('tooLongLink', length, limit));
    // Prompts: the composer or the edit box shows the reason beside the text.
    else if (message.type !== 'draft') this.showNotice(t('tooLongPrompt', length, limit));
    return false;
  }

  /** A short notice above the composer (role=alert, so it is read out), until closed or replaced. */
  private showNotice(text: string): void {
    const ui = this.ui;
    if (!ui) return;
    ui.noticeText.textContent = text;
    ui.notice.hidden = false;
  }

  private saveCache(patch: Partial<CachedViewState>): void {
    this.cache = { ...this.cache, ...patch };
    this.options.host.setState(this.cache);
  }

  private init(message: InitMessage): void {
    setStrings(message.strings);
    this.buildUi();
    const ui = this.ui!;
    ui.composer.setModel(message.model);
    ui.composer.setPending(message.pending);
    ui.composer.setDraft(message.draft || (this.cache.sessionId === message.session.id ? (this.cache.draft ?? '') : ''));
    this.setHasKey(message.hasKey);
    // Where the reader was, unless they were at the end: then the end (showSession goes there).
    const restoreScroll = this.cache.sessionId === message.session.id && this.cache.following === false ? this.cache.scrollTop : undefined;
    this.showSession(message.session);
    this.setBusy(message.busy);
    if (message.context) this.setContext(message.context);
    this.scheduler.flush();
    if (this.beforeInit.prefill !== undefined) ui.composer.prefill(this.beforeInit.prefill);
    else if (this.beforeInit.focus) ui.composer.focus();
    else if (this.doc.hasFocus()) this.focusInputIfNowhere(); // focused before the UI existed
    this.beforeInit = { focus: false };
    if (restoreScroll !== undefined) {
      // The browser's scroll event then tells the follower whether the reader is at the bottom.
      ui.messages.scrollTop = restoreScroll;
    }
  }

  private buildUi(): void {
    const doc = this.doc;
    const root = this.options.root;
    root.replaceChildren();
    this.views = [];

    const newChatButton = iconButton(doc, { icon: 'add', ariaLabel: t('newChat') });
    const historyButton = iconButton(doc, { icon: 'history', ariaLabel: t('history') });
    historyButton.setAttribute('aria-expanded', 'false');
    historyButton.setAttribute('aria-controls', 'history-panel');
    const toolbar = el(doc, 'div', { class: 'toolbar', role: 'toolbar', 'aria-label': t('chatActions') }, el(doc, 'span', { class: 'spacer' }), newChatButton, historyButton);

    const history = new HistoryPanel(doc, (m) => this.post(m), () => this.closeHistory());
    const setKeyButton = el(doc, 'button', { type: 'button', class: 'primary' }, icon(doc, 'key'), t('setApiKey'));
    const noKeyNote = el(doc, 'p', { class: 'welcome-nokey' }, t('welcomeNoKey'));
    const welcome = el(
      doc,
      'div',
      { class: 'welcome' },
      el(doc, 'div', { class: 'welcome-icon' }, icon(doc, 'comment-discussion')),
      el(doc, 'h2', {}, t('welcomeTitle')),
      el(doc, 'p', {}, t('welcomeBody')),
      noKeyNote,
      setKeyButton,
    );
    const messages = el(doc, 'div', { class: 'messages', tabindex: 0, role: 'region', 'aria-label': t('conversation') }, welcome);
    const jumpButton = el(
      doc,
      'button',
      { type: 'button', class: 'jump-to-latest', 'aria-label': t('jumpToLatest'), title: t('jumpToLatest') },
      icon(doc, 'arrow-down'),
      el(doc, 'span', { class: 'jump-label' }, t('jumpToLatest')),
    );
    const status = el(doc, 'div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
    const noticeText = el(doc, 'span', { class: 'notice-text' });
    const noticeClose = iconButton(doc, { icon: 'close', ariaLabel: t('dismiss') });
    const notice = el(doc, 'div', { class: 'notice', role: 'alert' }, icon(doc, 'warning'), noticeText, noticeClose);
    notice.hidden = true;
    noticeClose.addEventListener('click', () => {
      notice.hidden = true;
      this.ui?.composer.focus();
    });
    const trimmedNote = el(doc, 'div', { class: 'trimmed-note', role: 'note' });
    trimmedNote.hidden = true;
    const composer = new Composer({
      doc,
      post: (m) => this.post(m),
      onDraftChange: (draft) => this.saveCache({ draft, sessionId: this.sessionId }),
      onSend: () => this.ui?.follower.scrollToBottom(),
    });

    root.append(toolbar, history.element, el(doc, 'div', { class: 'conversation' }, messages, jumpButton), status, notice, composer.element);
    const follower = new ScrollFollower(messages, jumpButton);
    this.ui = { messages, notice, noticeText, trimmedNote, welcome, setKeyButton, noKeyNote, status, composer, history, historyButton, follower };

    newChatButton.addEventListener('click', () => this.post({ type: 'newChat' }));
    historyButton.addEventListener('click', () => (history.isOpen ? this.closeHistory() : this.openHistory()));
    setKeyButton.addEventListener('click', () => this.post({ type: 'setApiKey' }));
    messages.addEventListener('click', (event) => this.onMessagesClick(event));
    // Middle-click would open a link in a new browser context: also routed through the host.
    messages.addEventListener('auxclick', (event) => this.onMessagesClick(event));
    messages.addEventListener('scroll', () => this.scheduleScrollSave(), { passive: true });
  }

  private openHistory(): void {
    const ui = this.ui!;
    ui.history.open();
    ui.historyButton.setAttribute('aria-expanded', 'true');
  }

  private closeHistory(returnFocus = true): void {
    const ui = this.ui!;
    ui.history.hide();
    ui.historyButton.setAttribute('aria-expanded', 'false');
    if (returnFocus) ui.historyButton.focus();
  }

  /**
   * Links never navigate the webview: they open through the host (openLink), whose
   * vscode.env.openExternal asks VS Code's "open the external website?" confirmation for a domain
   * not trusted yet. The click must not also reach VS Code's own webview link handler (a click
   * listener on the window, after this one): in a trusted workspace that opens the link at once,
   * without asking, so every link opened twice. Code-block buttons post the raw code.
   */
  private onMessagesClick(event: MouseEvent): void {
    const target = event.target as Element | null;
    if (!target || typeof target.closest !== 'function') return;
    const anchor = target.closest('a');
    if (anchor) {
      event.preventDefault();
      event.stopPropagation();
      if (event.type === 'auxclick' && event.button !== 1) return; // a right click opens nothing
      const href = anchor.getAttribute('href');
      if (isSafeHref(href)) this.post({ type: 'openLink', href });
      return;
    }
    if (event.type !== 'click') return;
    const button = target.closest('button[data-action]');
    if (!button) return;
    const message = codeActionMessage(button);
    if (!message || isRepeatedAction(button, this.now())) return;
    if (this.post(message) && button.getAttribute('data-action') === CODE_ACTION.copy) flashCopied(button as HTMLElement, (text) => this.announce(text));
  }

  private showSession(session: SessionView): void {
    const ui = this.ui!;
    this.sessionId = session.id;
    ui.history.setCurrent(session.id);
    for (const view of this.views) view.element.remove();
    this.views = [];
    this.costs.clear();
    for (const message of session.messages) this.addMessage(message);
    ui.composer.setCost(sumCosts(this.costs.values()));
    const lastUser = [...session.messages].reverse().find((m) => m.role === 'user');
    ui.composer.setLastPrompt(lastUser?.text ?? '');
    // Marks of the previous conversation do not apply; the host sends this one's next.
    this.context = this.context && { ...this.context, leftOut: [] };
    this.applyLeftOut();
    this.refreshActionStates();
    this.scheduler.schedule(() => ui.follower.scrollToBottom());
    this.saveCache({ sessionId: session.id });
  }

  /** The context meter, and the marks on messages the next request leaves out. */
  private setContext(context: ContextInfo): void {
    const ui = this.ui!;
    this.context = context;
    ui.composer.setContext(context);
    this.applyLeftOut();
  }

  private applyLeftOut(): void {
    const ui = this.ui!;
    const reasons = new Map((this.context?.leftOut ?? []).map((l) => [l.id, l.reason]));
    for (const view of this.views) view.setLeftOut(reasons.get(view.id));
    // The note goes right after the last trimmed message, so it reads as a line between the two parts.
    const trimmed = this.views.filter((view) => reasons.get(view.id) === 'trimmed');
    const last = trimmed[trimmed.length - 1];
    if (last) {
      ui.trimmedNote.textContent = t('trimmedNote', trimmed.length);
      last.element.after(ui.trimmedNote);
      ui.trimmedNote.hidden = false;
    } else {
      ui.trimmedNote.hidden = true;
    }
  }

  private viewDeps(): MessageViewDeps {
    return {
      doc: this.doc,
      renderer: this.renderer,
      post: (m) => this.post(m),
      requestRender: (view) => this.scheduler.schedule(() => view.render()),
      announce: (text) => this.announce(text),
      now: this.now,
    };
  }

  private addMessage(message: MessageView): void {
    const ui = this.ui!;
    if (this.viewById(message.id)) return this.updateMessage(message);
    const view = message.role === 'user' ? new UserMessageView(this.viewDeps(), message) : new AssistantMessageView(this.viewDeps(), message);
    ui.messages.append(view.element);
    this.views.push(view);
    this.noteCost(message);
    ui.welcome.hidden = true;
    this.scheduler.schedule(() => view.render());
  }

  private updateMessage(message: MessageView): void {
    const view = this.viewById(message.id);
    if (!view) {
      this.addMessage(message);
      this.refreshActionStates();
      return;
    }
    const before = view instanceof AssistantMessageView ? view.status : undefined;
    view.setMessage(message);
    this.noteCost(message);
    if (before === 'streaming' && message.status !== 'streaming') {
      if (message.status === 'complete') this.announce(finishNote(message.finishReason) ?? t('statusDone'));
      else if (message.error) this.announce(t('statusError', message.error.message));
      else this.announce(t('statusStopped'));
    }
    this.refreshActionStates();
  }

  private noteCost(message: MessageView): void {
    if (!message.cost) return;
    this.costs.set(message.id, message.cost);
    this.ui!.composer.setCost(sumCosts(this.costs.values()));
  }

  private viewById(id: string): ChatMessageView | undefined {
    return this.views.find((view) => view.id === id);
  }

  private setBusy(busy: boolean): void {
    const ui = this.ui!;
    if (busy && !this.busy) this.announce(t('statusAnswering'));
    this.busy = busy;
    ui.composer.setBusy(busy);
    this.refreshActionStates();
  }

  private setHasKey(hasKey: boolean): void {
    const ui = this.ui!;
    ui.setKeyButton.hidden = hasKey;
    ui.noKeyNote.hidden = hasKey;
    ui.welcome.hidden = this.views.length > 0;
  }

  private refreshActionStates(): void {
    const ui = this.ui!;
    const lastAssistant = [...this.views].reverse().find((view) => view.role === 'assistant');
    this.views.forEach((view, i) => view.setActionState({ busy: this.busy, isLastAssistant: view === lastAssistant, laterCount: this.views.length - i - 1 }));
    ui.welcome.hidden = this.views.length > 0;
  }

  private announce(text: string): void {
    const status = this.ui?.status;
    if (!status) return;
    // Clearing first makes a repeated announcement ("Copied" twice) be read again.
    status.textContent = '';
    this.options.win.setTimeout(() => (status.textContent = text), 50);
  }

  private scheduleScrollSave(): void {
    const win = this.options.win;
    if (this.scrollSaveTimer !== undefined) win.clearTimeout(this.scrollSaveTimer);
    this.scrollSaveTimer = win.setTimeout(() => {
      this.saveCache({ scrollTop: this.ui?.messages.scrollTop ?? 0, following: this.ui?.follower.isFollowing ?? true, sessionId: this.sessionId });
    }, 200);
  }
}
