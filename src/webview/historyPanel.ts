// The history list: past conversations (title from the first prompt, date, workspace), each with
// open and delete. The host owns the sessions; this panel asks for the list when opened and shows
// whatever `history` message comes back.
import type { SessionSummary, WebviewMessage } from '../protocol';
import { el, icon, iconButton } from './dom';
import { t } from './i18n';

export class HistoryPanel {
  readonly element: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly empty: HTMLParagraphElement;
  private sessions: SessionSummary[] = [];
  /** What open() focused before the fresh list came back (Close, when nothing was listed yet). */
  private focusedOnOpen: Element | null = null;

  constructor(
    private readonly doc: Document,
    private readonly post: (message: WebviewMessage) => void,
    /** Closes the panel (and gives focus back to the History button). */
    private readonly close: () => void,
  ) {
    const closeButton = iconButton(doc, { icon: 'close', ariaLabel: t('closeHistory') });
    closeButton.addEventListener('click', () => this.close());
    this.list = el(doc, 'ul', { class: 'history-list' });
    this.empty = el(doc, 'p', { class: 'history-empty' }, t('historyEmpty'));
    this.element = el(
      doc,
      'section',
      { class: 'history-panel', 'aria-label': t('history'), id: 'history-panel' },
      el(doc, 'div', { class: 'history-header' }, el(doc, 'h2', {}, t('history')), closeButton),
      this.list,
      this.empty,
    );
    this.element.hidden = true;
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
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
    this.post({ type: 'listHistory' });
    this.focusFirst();
    this.focusedOnOpen = this.doc.activeElement;
  }

  private focusFirst(): void {
    (this.element.querySelector<HTMLElement>('.history-open') ?? this.element.querySelector<HTMLElement>('button'))?.focus();
  }

  hide(): void {
    this.element.hidden = true;
    this.focusedOnOpen = null;
  }

  setSessions(sessions: SessionSummary[]): void {
    const hadFocus = this.element.contains(this.doc.activeElement);
    // The list asked for by open() arrives after it: move to its first conversation unless the user
    // has moved on meanwhile.
    const stillWhereOpened = this.focusedOnOpen !== null && this.doc.activeElement === this.focusedOnOpen;
    this.focusedOnOpen = null;
    this.sessions = sessions;
    this.list.replaceChildren(...sessions.map((session) => this.item(session)));
    this.empty.hidden = sessions.length > 0;
    if (this.isOpen && (stillWhereOpened || (hadFocus && !this.element.contains(this.doc.activeElement)))) this.focusFirst();
  }

  private item(session: SessionSummary): HTMLLIElement {
    const { doc } = this;
    const date = new Date(session.updatedAt).toLocaleString();
    const meta = [date, session.workspace, t('messagesInSession', session.messageCount)].filter(Boolean).join(' · ');
    const open = el(
      doc,
      'button',
      { type: 'button', class: 'history-open', title: session.title },
      icon(doc, 'comment-discussion'),
      el(doc, 'span', { class: 'history-text' }, el(doc, 'span', { class: 'history-title' }, session.title), el(doc, 'span', { class: 'history-meta' }, meta)),
    );
    open.addEventListener('click', () => {
      this.post({ type: 'openSession', sessionId: session.id });
      this.close();
    });
    const remove = iconButton(doc, { icon: 'trash', ariaLabel: t('deleteSession', session.title), className: 'history-delete' });
    remove.addEventListener('click', () => {
      this.post({ type: 'deleteSession', sessionId: session.id });
      // Shown gone at once; the host's next `history` message is the truth.
      this.setSessions(this.sessions.filter((s) => s.id !== session.id));
      this.focusFirst();
    });
    return el(doc, 'li', { class: 'history-item' }, open, remove);
  }
}
