// The input area: a growing textarea ("Message"; Enter sends, Shift+Enter adds a line, ↑ in an empty
// box recalls the last prompt, Esc stops an answer; Enter while an answer streams keeps the message
// and says why it was not sent), Send that becomes Stop while busy, the model
// picker, attach buttons and the chips waiting to go with the next message. The draft is posted to
// the host (debounced) so a reload or a hidden view keeps it.
import { formatYuan, type CostTotal } from '../protocol';
import { IMAGE_LIMITS, LIMITS, type ContextAttachment, type ContextInfo, type WebviewMessage } from '../protocol';
import { contextChip } from './chips';
import { el, icon, iconButton } from './dom';
import { t } from './i18n';

const DRAFT_DEBOUNCE_MS = 400;
const MAX_INPUT_HEIGHT_PX = 240;

export interface ComposerDeps {
  doc: Document;
  /** Posts to the host; false when the message breaks a size limit. */
  post: (message: WebviewMessage) => boolean;
  /** Called with the draft on each edit (for the webview's own state cache). */
  onDraftChange: (draft: string) => void;
  /** The user sent a message (so the view scrolls to it). */
  onSend: () => void;
}

export class Composer {
  readonly element: HTMLElement;
  readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly modelButton: HTMLButtonElement;
  private readonly modelLabel: HTMLSpanElement;
  private readonly chips: HTMLDivElement;
  /** Says when the message is over the prompt limit; the text stays in the box. */
  private readonly inputError: HTMLElement;
  private readonly meter: HTMLElement;
  private readonly meterFill: HTMLElement;
  private readonly meterText: HTMLElement;
  /** Why Enter did not send (an answer is streaming); cleared when it may send again. */
  private readonly hint: HTMLDivElement;
  private readonly cost: HTMLElement;
  private busy = false;
  private lastPrompt = '';
  private draftTimer: number | undefined;

  constructor(private readonly deps: ComposerDeps) {
    const { doc, post } = deps;
    this.chips = el(doc, 'div', { class: 'pending-chips' });
    this.chips.hidden = true;
    this.input = el(doc, 'textarea', { class: 'message-input', 'aria-label': t('message'), placeholder: t('placeholder'), rows: 1 });
    this.hint = el(doc, 'div', { class: 'composer-hint', role: 'status', 'aria-live': 'polite' });
    this.hint.hidden = true;
    this.sendButton = el(doc, 'button', { type: 'button', class: 'send-button' });
    this.modelLabel = el(doc, 'span', { class: 'model-name' });
    this.modelButton = el(doc, 'button', { type: 'button', class: 'model-button' }, icon(doc, 'sparkle'), this.modelLabel, icon(doc, 'chevron-down'));
    const attachFile = iconButton(doc, { icon: 'file-add', ariaLabel: t('attachFile') });
    const attachSelection = iconButton(doc, { icon: 'list-selection', ariaLabel: t('attachSelection') });
    this.inputError = el(doc, 'div', { class: 'input-error', role: 'alert', id: 'message-input-error' });
    this.inputError.hidden = true;
    this.meterFill = el(doc, 'span', { class: 'context-meter-fill' });
    this.meterText = el(doc, 'span', { class: 'context-meter-text' });
    this.meter = el(
      doc,
      'span',
      { class: 'context-meter', role: 'meter', 'aria-valuemin': 0 },
      el(doc, 'span', { class: 'context-meter-bar', 'aria-hidden': 'true' }, this.meterFill),
      this.meterText,
    );
    this.meter.hidden = true;
    this.cost = el(doc, 'span', { class: 'conversation-cost' });
    this.cost.hidden = true;

    this.element = el(
      doc,
      'div',
      { class: 'composer' },
      this.chips,
      el(doc, 'div', { class: 'input-row' }, this.input),
      this.inputError,
      this.hint,
      el(
        doc,
        'div',
        { class: 'composer-bar' },
        attachFile,
        attachSelection,
        this.modelButton,
        el(doc, 'span', { class: 'spacer' }),
        // Wraps as one piece to a second row when it does not fit beside the model name.
        el(doc, 'span', { class: 'composer-end' }, this.cost, this.meter, this.sendButton),
      ),
    );

    attachFile.addEventListener('click', () => post({ type: 'attach', what: 'file' }));
    attachSelection.addEventListener('click', () => post({ type: 'attach', what: 'selection' }));
    this.modelButton.addEventListener('click', () => post({ type: 'pickModel' }));
    this.sendButton.addEventListener('click', () => (this.busy ? post({ type: 'stop' }) : this.send()));
    this.input.addEventListener('keydown', (event) => this.onKeyDown(event));
    // Images pasted into the box or dropped on the composer go to the host, which checks that the
    // model takes images and keeps them as chips until the message is sent.
    this.input.addEventListener('paste', (event) => this.takeImages(event, event.clipboardData));
    this.element.addEventListener('dragover', (event) => {
      if (event.dataTransfer && [...event.dataTransfer.types].includes('Files')) event.preventDefault();
    });
    this.element.addEventListener('drop', (event) => this.takeImages(event, event.dataTransfer));
    this.input.addEventListener('input', () => {
      this.autoGrow();
      this.checkLength();
      this.scheduleDraft();
    });
    this.setBusy(false);
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    if (!busy) this.showHint(undefined);
    const doc = this.deps.doc;
    const label = busy ? t('stop') : t('send');
    this.sendButton.setAttribute('aria-label', label);
    this.sendButton.title = busy ? `${label} (Esc)` : `${label} (Enter)`;
    this.sendButton.classList.toggle('stop', busy);
    this.sendButton.replaceChildren(icon(doc, busy ? 'debug-stop' : 'send'));
  }

  setModel(model: string): void {
    // Model ids are `vendor/Name`; the name alone reads better in a narrow sidebar, the title has it all.
    this.modelLabel.textContent = model.split('/').pop() || model;
    this.modelButton.title = model;
    this.modelButton.setAttribute('aria-label', t('pickModel', model));
  }

  /** The context meter: estimated tokens the next request sends, of the model's context window. */
  setContext(context: ContextInfo): void {
    const { usedTokens, windowTokens } = context;
    const share = windowTokens > 0 ? Math.min(1, usedTokens / windowTokens) : 0;
    const percent = Math.round(share * 100);
    this.meter.hidden = false;
    this.meter.setAttribute('aria-valuenow', String(usedTokens));
    this.meter.setAttribute('aria-valuemax', String(windowTokens));
    const label = t('contextMeterLabel', usedTokens.toLocaleString(), windowTokens.toLocaleString(), percent);
    this.meter.setAttribute('aria-label', label);
    this.meter.title = label;
    // Figures only, no words: the same in every language; the label says what they are.
    this.meterText.textContent = `${compactTokens(usedTokens)} / ${compactTokens(windowTokens)}`;
    this.meterFill.style.width = `${(share * 100).toFixed(1)}%`;
    this.meter.classList.toggle('warning', share >= 0.8);
  }

  /** The conversation's estimated cost so far (hidden while no answer has one). */
  setCost(total: CostTotal): void {
    this.cost.hidden = total.known === 0 && total.unknown === 0;
    const amount = formatYuan(total.yuan);
    const text = total.unknown === 0 ? `≈ ${amount}` : total.known === 0 ? t('costUnknown') : `≈ ${amount}+`;
    const label = total.unknown === 0 ? t('conversationCost', amount) : t('conversationCostPartial', amount, total.unknown);
    this.cost.textContent = text;
    this.cost.title = label;
    this.cost.setAttribute('aria-label', label);
  }

  setPending(attachments: ContextAttachment[]): void {
    const { doc, post } = this.deps;
    this.chips.replaceChildren(
      ...attachments.map((attachment, index) => contextChip(doc, attachment, () => {
        post({ type: 'removeAttachment', index });
        this.input.focus();
      })),
    );
    this.chips.hidden = attachments.length === 0;
  }

  setDraft(text: string): void {
    this.input.value = text;
    this.autoGrow();
    this.checkLength();
  }

  /** Shows (or clears) the note that the message is over the prompt limit. */
  private checkLength(): boolean {
    const length = this.input.value.trim().length;
    const over = length > LIMITS.prompt;
    this.inputError.hidden = !over;
    if (over) {
      this.inputError.textContent = t('tooLongPrompt', length.toLocaleString(), LIMITS.prompt.toLocaleString());
      this.input.setAttribute('aria-invalid', 'true');
      this.input.setAttribute('aria-describedby', this.inputError.id);
    } else {
      this.input.removeAttribute('aria-invalid');
      this.input.removeAttribute('aria-describedby');
    }
    return !over;
  }

  /** The last prompt sent, recalled with ↑ in an empty box. */
  setLastPrompt(text: string): void {
    this.lastPrompt = text;
  }

  /** Puts text in the box and focuses it (editor "Ask About Selection"). */
  prefill(text: string): void {
    this.setDraft(text);
    this.focus();
    this.postDraftNow();
  }

  focus(): void {
    this.input.focus();
    const end = this.input.value.length;
    this.input.setSelectionRange(end, end);
  }

  /** A note from the host under the box (e.g. the model does not take images). */
  notice(text: string): void {
    this.showHint(text);
  }

  private takeImages(event: Event, data: DataTransfer | null): void {
    const files = [...(data?.files ?? [])].filter((f) => f.type.startsWith('image/'));
    if (files.length === 0) return;
    event.preventDefault();
    for (const file of files) void this.attachImage(file);
  }

  private async attachImage(file: File): Promise<void> {
    if (!IMAGE_LIMITS.mimeTypes.includes(file.type)) return this.showHint(t('imageFormat', file.type));
    if (file.size > IMAGE_LIMITS.maxBytes) return this.showHint(t('imageTooLarge', file.name || file.type, IMAGE_LIMITS.maxBytes / (1024 * 1024)));
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    const name = file.name || `pasted-image.${file.type.split('/')[1]}`;
    this.showHint(undefined);
    this.deps.post({ type: 'attachImage', name, mimeType: file.type, data: btoa(binary) });
  }

  private showHint(text: string | undefined): void {
    this.hint.textContent = text ?? '';
    this.hint.hidden = text === undefined;
  }

  private send(): void {
    const text = this.input.value.trim();
    if (!text) return;
    if (this.busy) {
      this.showHint(t('busyHint'));
      return;
    }
    // Too long: nothing is sent and nothing cleared; the note under the box says why.
    if (!this.checkLength() || !this.deps.post({ type: 'send', text })) {
      this.input.focus();
      return;
    }
    this.lastPrompt = text;
    this.setDraft('');
    this.postDraftNow();
    this.deps.onSend();
  }

  private onKeyDown(event: KeyboardEvent): void {
    // isComposing / 229: Enter confirms an IME candidate (Chinese, Japanese input); it must not send.
    if (event.isComposing || event.keyCode === 229) return;
    if (event.key === 'Enter' && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      this.send();
    } else if (event.key === 'Escape' && this.busy) {
      event.preventDefault();
      this.deps.post({ type: 'stop' });
    } else if (event.key === 'ArrowUp' && this.input.value === '' && this.lastPrompt) {
      event.preventDefault();
      this.setDraft(this.lastPrompt);
      this.focus();
      this.scheduleDraft();
    }
  }

  private autoGrow(): void {
    // element.style from script is allowed by the CSP (only style attributes in markup are blocked).
    this.input.style.height = 'auto';
    const height = Math.min(this.input.scrollHeight, MAX_INPUT_HEIGHT_PX);
    if (height > 0) this.input.style.height = `${height}px`;
  }

  private scheduleDraft(): void {
    this.deps.onDraftChange(this.input.value);
    const win = this.deps.doc.defaultView;
    if (!win) return;
    if (this.draftTimer !== undefined) win.clearTimeout(this.draftTimer);
    this.draftTimer = win.setTimeout(() => this.postDraftNow(), DRAFT_DEBOUNCE_MS);
  }

  private postDraftNow(): void {
    const win = this.deps.doc.defaultView;
    if (this.draftTimer !== undefined) win?.clearTimeout(this.draftTimer);
    this.draftTimer = undefined;
    this.deps.onDraftChange(this.input.value);
    // A draft over the limit is kept by the view's own state only (the host would refuse it).
    if (this.input.value.length <= LIMITS.prompt) this.deps.post({ type: 'draft', text: this.input.value });
  }
}

/** 950 → "950", 12 345 → "12.3k", 131 072 → "131k". */
export function compactTokens(n: number): string {
  if (n < 1000) return String(n);
  const k = n / 1000;
  return `${k < 100 ? k.toFixed(1).replace(/\.0$/, '') : Math.round(k)}k`;
}
