// The history list: past conversations (title, when, workspace), the open one marked, each with
// open, rename and delete; a search box (titles at once here, message text by the host); Undo
// right after a delete. The host owns the sessions; this panel asks for the list when opened and
// shows whatever `history` message comes back.
import type { HostMessage, SessionSummary, WebviewMessage } from '../protocol';
import { LIMITS, relativeTime } from '../protocol';
import { el, icon, iconButton } from './dom';
import { t } from './i18n';

type HistoryMessage = Extract<HostMessage, { type: 'history' }>;

const SEARCH_DEBOUNCE_MS = 250;

export class HistoryPanel {
  readonly element: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly empty: HTMLParagraphElement;
  private readonly search: HTMLInputElement;
  private readonly undoBar: HTMLElement;
  private readonly undoText: HTMLElement;
  private sessions: SessionSummary[] = [];
  /** The conversation open in the chat: marked in the list. */
  private currentId = '';
  /** The query the shown list answers ('' for the whole list). */
  private listedQuery = '';
  private searchTimer: number | undefined;
  private deleted: { id: string; title: string } | undefined;
  /** What open() focused before the fresh list came back (Close, when nothing was listed yet). */
  private focusedOnOpen: Element | null = null;

  constructor(
    private readonly doc: Document,
    private readonly post: (message: WebviewMessage) => void,
    /** Closes the panel (and gives focus back to the History button). */
    private readonly close: () => void,
    private readonly now: () => number = Date.now,
  ) {
    const closeButton = iconButton(doc, { icon: 'close', ariaLabel: t('closeHistory') });
    closeButton.addEventListener('click', () => this.close());
    this.search = el(doc, 'input', {
      type: 'search',
      class: 'history-search',
      'aria-label': t('searchHistory'),
      placeholder: t('searchHistory'),
      maxlength: LIMITS.title,
    });
    this.search.addEventListener('input', () => this.onSearchInput());
    this.search.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.search.value) {
        event.preventDefault();
        event.stopPropagation();
        this.search.value = '';
        this.onSearchInput();
      } else if (event.key === 'Enter' && !event.isComposing) {
        // Enter opens the first result, as in a quick pick; ArrowDown walks into the list.
        const first = this.openButtons()[0];
        if (first) {
          event.preventDefault();
          first.click();
        }
      } else if (event.key === 'ArrowDown') {
        const first = this.openButtons()[0];
        if (first) {
          event.preventDefault();
          first.focus();
        }
      }
    });
    this.undoText = el(doc, 'span', { class: 'history-undo-text' });
    const undoButton = el(doc, 'button', { type: 'button', class: 'secondary' }, t('undo'));
    undoButton.addEventListener('click', () => {
      if (!this.deleted) return;
      this.post({ type: 'restoreSession', sessionId: this.deleted.id });
      this.deleted = undefined;
      this.undoBar.hidden = true;
      this.search.focus();
    });
    this.undoBar = el(doc, 'div', { class: 'history-undo', 'aria-live': 'polite' }, this.undoText, undoButton);
    this.undoBar.hidden = true;
    this.list = el(doc, 'ul', { class: 'history-list' });
    this.empty = el(doc, 'p', { class: 'history-empty' }, t('historyEmpty'));
    this.element = el(
      doc,
      'section',
      { class: 'history-panel', 'aria-label': t('history'), id: 'history-panel' },
      el(doc, 'div', { class: 'history-header' }, el(doc, 'h2', {}, t('history')), closeButton),
      this.search,
      this.undoBar,
      this.list,
      this.empty,
    );
    this.element.hidden = true;
    // Up and Down move between the results (Up from the first goes back to the search box).
    this.list.addEventListener('keydown', (event) => {
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
      const buttons = this.openButtons();
      const at = buttons.findIndex((b) => b.closest('li')?.contains(this.doc.activeElement));
      if (at < 0 || (event.target as Element).tagName === 'INPUT') return;
      event.preventDefault();
      const next = event.key === 'ArrowDown' ? Math.min(at + 1, buttons.length - 1) : at - 1;
      (next < 0 ? this.search : buttons[next]).focus();
    });
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !event.defaultPrevented) {
        event.preventDefault();
        event.stopPropagation();
        this.close();
      }
    });
    this.setSessions([]);
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  open(): void {
    this.element.hidden = false;
    this.post(this.query() ? { type: 'listHistory', query: this.query() } : { type: 'listHistory' });
    this.focusFirst();
    this.focusedOnOpen = this.doc.activeElement;
  }

  /** Marks the conversation open in the chat. */
  setCurrent(id: string): void {
    this.currentId = id;
    for (const item of Array.from(this.list.children)) {
      const open = item.querySelector('.history-open');
      const current = item.getAttribute('data-id') === id;
      item.classList.toggle('current', current);
      if (current) open?.setAttribute('aria-current', 'true');
      else open?.removeAttribute('aria-current');
    }
  }

  /** The "open this conversation" button of each result shown, in list order. */
  private openButtons(): HTMLButtonElement[] {
    return Array.from(this.list.querySelectorAll<HTMLButtonElement>('.history-open'));
  }

  private focusFirst(): void {
    (this.element.querySelector<HTMLElement>('.history-open') ?? this.search).focus();
  }

  hide(): void {
    this.element.hidden = true;
    this.focusedOnOpen = null;
    this.undoBar.hidden = true;
    this.deleted = undefined;
  }

  /** The host's list (all, or the answer to a search), with Undo for a delete just made. */
  setHistory(message: HistoryMessage): void {
    if (message.deleted) {
      this.deleted = message.deleted;
      this.undoText.textContent = t('sessionDeleted', message.deleted.title);
      this.undoBar.hidden = false;
    }
    // A list for another query than the one in the box (typed since, or a list after a delete while
    // searching) is not shown: the list for the box's query is asked for instead.
    if ((message.query ?? '') !== this.query()) {
      if (this.searchTimer === undefined) this.post(this.query() ? { type: 'listHistory', query: this.query() } : { type: 'listHistory' });
      return;
    }
    this.setSessions(message.sessions, message.query ?? '');
  }

  setSessions(sessions: SessionSummary[], query = ''): void {
    const hadFocus = this.element.contains(this.doc.activeElement) && this.doc.activeElement !== this.search;
    // The list asked for by open() arrives after it: move to its first conversation unless the user
    // has moved on meanwhile.
    const stillWhereOpened = this.focusedOnOpen !== null && this.doc.activeElement === this.focusedOnOpen;
    this.focusedOnOpen = null;
    this.sessions = sessions;
    this.listedQuery = query;
    this.render();
    if (this.isOpen && (stillWhereOpened || (hadFocus && !this.element.contains(this.doc.activeElement)))) this.focusFirst();
  }

  private query(): string {
    return this.search.value.trim();
  }

  private onSearchInput(): void {
    // Titles filter at once; the host searches the text of the conversations (debounced).
    this.render();
    const win = this.doc.defaultView;
    if (this.searchTimer !== undefined) win?.clearTimeout(this.searchTimer);
    this.searchTimer = win?.setTimeout(() => {
      this.searchTimer = undefined;
      const query = this.query();
      this.post(query ? { type: 'listHistory', query } : { type: 'listHistory' });
    }, SEARCH_DEBOUNCE_MS);
  }

  private render(): void {
    const query = this.query().toLocaleLowerCase();
    // Until the host's answer for this query comes, the titles that match are shown.
    const shown = query && query !== this.listedQuery.toLocaleLowerCase() ? this.sessions.filter((s) => s.title.toLocaleLowerCase().includes(query)) : this.sessions;
    this.list.replaceChildren(...shown.map((session) => this.item(session)));
    this.empty.textContent = query ? t('historyNoMatch') : t('historyEmpty');
    this.empty.hidden = shown.length > 0;
    this.setCurrent(this.currentId);
  }

  private item(session: SessionSummary): HTMLLIElement {
    const { doc } = this;
    const when = relativeTime(session.updatedAt, this.now(), t('justNow'));
    const meta = [when, session.workspace, t('messagesInSession', session.messageCount)].filter(Boolean).join(' · ');
    const time = el(doc, 'time', { datetime: new Date(session.updatedAt).toISOString(), title: new Date(session.updatedAt).toLocaleString() }, meta);
    const title = el(doc, 'span', { class: 'history-title' }, session.title || t('untitled'));
    const open = el(
      doc,
      'button',
      { type: 'button', class: 'history-open', title: session.title },
      icon(doc, 'comment-discussion'),
      el(doc, 'span', { class: 'history-text' }, title, el(doc, 'span', { class: 'history-meta' }, time)),
    );
    open.addEventListener('click', () => {
      this.post({ type: 'openSession', sessionId: session.id });
      this.close();
    });
    const rename = iconButton(doc, { icon: 'edit', ariaLabel: t('renameSession', session.title), className: 'history-rename' });
    const remove = iconButton(doc, { icon: 'trash', ariaLabel: t('deleteSession', session.title), className: 'history-delete' });
    const item = el(doc, 'li', { class: 'history-item', 'data-id': session.id }, open, rename, remove);
    rename.addEventListener('click', () => this.startRename(item, session));
    remove.addEventListener('click', () => {
      this.post({ type: 'deleteSession', sessionId: session.id });
      // Shown gone at once; the host's next `history` message is the truth (and offers Undo).
      this.sessions = this.sessions.filter((s) => s.id !== session.id);
      this.render();
      this.focusFirst();
    });
    return item;
  }

  private startRename(item: HTMLLIElement, session: SessionSummary): void {
    const { doc } = this;
    const input = el(doc, 'input', { type: 'text', class: 'history-rename-input', 'aria-label': t('renameSession', session.title), maxlength: LIMITS.title });
    input.value = session.title;
    let done = false;
    const finish = (save: boolean): void => {
      if (done) return;
      done = true;
      const title = input.value.trim();
      let shown = session;
      if (save && title && title !== session.title) {
        this.post({ type: 'renameSession', sessionId: session.id, title });
        // Shown at once; the host's list follows.
        shown = { ...session, title };
        this.sessions = this.sessions.map((s) => (s.id === session.id ? shown : s));
      }
      const fresh = this.item(shown);
      item.replaceWith(fresh);
      this.setCurrent(this.currentId);
      fresh.querySelector<HTMLElement>('.history-rename')?.focus();
    };
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        finish(true);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        finish(false);
      }
    });
    input.addEventListener('blur', () => finish(true));
    item.replaceChildren(input);
    input.focus();
    input.select();
  }
}
