// The model's thinking, in a <details> section: open while the model thinks, folded once the answer
// starts or the message ends (once — if the reader opens it again, it stays open), with how long the
// thinking took.
import { el, icon } from './dom';
import { t } from './i18n';

export interface ThinkingState {
  text: string;
  /** The model is still thinking (streaming, and no answer text yet). */
  inProgress: boolean;
  /** Thinking time in ms, when known (from the host, or measured here). */
  durationMs?: number;
}

export class ThinkingView {
  readonly element: HTMLDetailsElement;
  private readonly label: HTMLSpanElement;
  private readonly statusIcon: HTMLSpanElement;
  private readonly body: HTMLDivElement;
  private wasInProgress = false;
  private folded = false;

  constructor(doc: Document) {
    this.statusIcon = icon(doc, 'lightbulb');
    this.label = el(doc, 'span', { class: 'thinking-label' });
    this.body = el(doc, 'div', { class: 'thinking-body' });
    this.element = el(
      doc,
      'details',
      { class: 'thinking' },
      el(doc, 'summary', {}, this.statusIcon, this.label),
      this.body,
    );
  }

  update(state: ThinkingState): void {
    // Plain text on purpose: thinking is a scratchpad, often half-formed markdown; text is also the safest.
    if (this.body.textContent !== state.text) this.body.textContent = state.text;
    if (state.inProgress) {
      if (!this.wasInProgress && !this.folded) this.element.open = true;
      this.label.textContent = t('thinking');
      this.statusIcon.className = 'codicon codicon-loading codicon-modifier-spin';
    } else {
      if (this.wasInProgress && !this.folded) this.element.open = false;
      if (this.wasInProgress) this.folded = true;
      this.label.textContent =
        state.durationMs !== undefined ? t('thoughtFor', Math.max(1, Math.round(state.durationMs / 1000))) : t('thoughts');
      this.statusIcon.className = 'codicon codicon-lightbulb';
    }
    this.wasInProgress = state.inProgress;
  }
}
