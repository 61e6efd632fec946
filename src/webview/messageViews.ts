// One element per message, role="article", named "You" or "SiliconFlow". User messages show their
// text as typed and the attached context; assistant messages show thinking, the answer rendered
// incrementally, and a footer with status, error, Retry / Set API Key and token usage. Views only
// record changes; `render()` does the DOM work and is called at most once per frame.
import { formatYuan } from '../protocol';
import type { ContextAttachment, LeftOutReason, MessageView, WebviewMessage } from '../protocol';
import { contextChip } from './chips';
import { el, icon, iconButton } from './dom';
import { t } from './i18n';
import type { MarkdownRenderer } from './markdown';
import { MarkdownStream } from './markdownStream';
import { ThinkingView } from './thinkingView';

export interface MessageViewDeps {
  doc: Document;
  renderer: MarkdownRenderer;
  /** Posts to the host; false when the message breaks a size limit (the view has said why). */
  post: (message: WebviewMessage) => boolean;
  /** Asks for a render in the next frame. */
  requestRender: (view: ChatMessageView) => void;
  announce: (text: string) => void;
  now: () => number;
}

/** What the conversation around a message allows right now. */
export interface ActionState {
  busy: boolean;
  isLastAssistant: boolean;
  /** How many messages follow this one (an edit drops them). */
  laterCount: number;
}

export interface ChatMessageView {
  readonly id: string;
  readonly role: MessageView['role'];
  readonly element: HTMLElement;
  setMessage(message: MessageView): void;
  setActionState(state: ActionState): void;
  /** Marks the message as not in the next request (or clears the mark). */
  setLeftOut(reason: LeftOutReason | undefined): void;
  render(): void;
}

/** Dims a message the next request leaves out; a question without answer also says so in words. */
function markLeftOut(article: HTMLElement, reason: LeftOutReason | undefined, note: HTMLElement | undefined): void {
  article.classList.toggle('left-out', reason !== undefined);
  if (note) note.hidden = reason !== 'unanswered';
}

/** Shows brief "Copied" feedback next to a copy button. */
export function flashCopied(button: HTMLElement, announce: (text: string) => void): void {
  const doc = button.ownerDocument;
  button.querySelector('.copied-note')?.remove();
  const note = el(doc, 'span', { class: 'copied-note' }, t('copied'));
  button.append(note);
  button.classList.add('copied');
  announce(t('copied'));
  doc.defaultView?.setTimeout(() => {
    note.remove();
    button.classList.remove('copied');
  }, 1500);
}

/** The note for an answer that ended early: the token limit or the content filter; else undefined. */
export function finishNote(finishReason: string | undefined): string | undefined {
  if (finishReason === 'length') return t('finishLength');
  if (finishReason === 'content_filter') return t('finishContentFilter');
  return undefined;
}

function articleShell(doc: Document, role: MessageView['role']): { article: HTMLElement; actions: HTMLElement } {
  const name = role === 'user' ? t('you') : t('assistant');
  const actions = el(doc, 'div', { class: 'message-actions', role: 'toolbar', 'aria-label': t('messageActions') });
  const article = el(
    doc,
    'div',
    { class: `message ${role}`, role: 'article', 'aria-label': name },
    el(doc, 'div', { class: 'message-header' }, icon(doc, role === 'user' ? 'account' : 'sparkle'), el(doc, 'span', { class: 'message-author' }, name), actions),
  );
  return { article, actions };
}

export class UserMessageView implements ChatMessageView {
  readonly role = 'user' as const;
  readonly element: HTMLElement;
  private readonly body: HTMLDivElement;
  private readonly context: HTMLDivElement;
  private readonly editButton: HTMLButtonElement;
  private readonly leftOutNote: HTMLElement;
  private message: MessageView;
  private editor: HTMLElement | undefined;
  private laterCount = 0;
  private dirty = true;

  constructor(
    private readonly deps: MessageViewDeps,
    message: MessageView,
  ) {
    const { doc } = deps;
    this.message = message;
    const { article, actions } = articleShell(doc, 'user');
    this.element = article;
    const copyButton = iconButton(doc, { icon: 'copy', ariaLabel: t('copy') });
    copyButton.addEventListener('click', () => {
      if (deps.post({ type: 'copy', text: this.message.text })) flashCopied(copyButton, deps.announce);
    });
    this.editButton = iconButton(doc, { icon: 'edit', ariaLabel: t('edit') });
    this.editButton.addEventListener('click', () => this.startEditing());
    actions.append(copyButton, this.editButton);
    this.body = el(doc, 'div', { class: 'user-text' });
    this.context = el(doc, 'div', { class: 'message-context' });
    this.leftOutNote = el(doc, 'div', { class: 'left-out-note' }, icon(doc, 'info'), t('leftOutUnanswered'));
    this.leftOutNote.hidden = true;
    article.append(this.body, this.context, this.leftOutNote);
  }

  setLeftOut(reason: LeftOutReason | undefined): void {
    markLeftOut(this.element, reason, this.leftOutNote);
  }

  get id(): string {
    return this.message.id;
  }

  setMessage(message: MessageView): void {
    this.message = message;
    this.dirty = true;
    this.deps.requestRender(this);
  }

  setActionState(state: ActionState): void {
    this.editButton.disabled = state.busy;
    this.laterCount = state.laterCount;
  }

  render(): void {
    if (!this.dirty) return;
    this.dirty = false;
    this.body.textContent = this.message.text;
    const chips = (this.message.context ?? []).map((attachment: ContextAttachment) => contextChip(this.deps.doc, attachment));
    this.context.replaceChildren(...chips);
    this.context.hidden = chips.length === 0;
  }

  private startEditing(): void {
    if (this.editor) return;
    const { doc, post } = this.deps;
    const textarea = el(doc, 'textarea', { class: 'edit-input', 'aria-label': t('editMessage'), rows: 3 });
    textarea.value = this.message.text;
    const save = el(doc, 'button', { type: 'button', class: 'primary' }, t('saveAndSend'));
    const cancel = el(doc, 'button', { type: 'button', class: 'secondary' }, t('cancel'));
    const submit = (): void => {
      const text = textarea.value.trim();
      if (!text) return;
      // Over the prompt limit the edit stays open with the text, and the view says why.
      if (post({ type: 'editResend', messageId: this.message.id, text })) this.stopEditing();
    };
    save.addEventListener('click', submit);
    cancel.addEventListener('click', () => this.stopEditing());
    textarea.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        submit();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        this.stopEditing();
      }
    });
    // Sending an edit of an earlier message drops what came after it: said before, not after.
    const warning = this.laterCount > 0 ? el(doc, 'div', { class: 'edit-warning', role: 'note' }, icon(doc, 'warning'), t('editDropsLater', this.laterCount)) : undefined;
    if (warning) {
      warning.id = `edit-warning-${this.message.id}`;
      textarea.setAttribute('aria-describedby', warning.id);
      save.textContent = t('saveAndSendDropping', this.laterCount);
    }
    this.editor = el(doc, 'div', { class: 'edit-box' }, textarea, warning, el(doc, 'div', { class: 'edit-buttons' }, save, cancel));
    this.body.hidden = true;
    this.body.after(this.editor);
    textarea.focus();
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);
  }

  private stopEditing(): void {
    this.editor?.remove();
    this.editor = undefined;
    this.body.hidden = false;
    this.editButton.focus();
  }
}

export class AssistantMessageView implements ChatMessageView {
  readonly role = 'assistant' as const;
  readonly element: HTMLElement;
  private readonly answer: HTMLDivElement;
  private readonly stream: MarkdownStream;
  private readonly footer: HTMLDivElement;
  private readonly regenerateButton: HTMLButtonElement;
  /** Copy, Regenerate and the version switch again at the end of the answer, where the reader is. */
  private readonly endActions: HTMLDivElement;
  private readonly endRegenerate: HTMLButtonElement;
  private readonly versionNav: HTMLElement;
  private readonly versionLabel: HTMLElement;
  private readonly previousVersion: HTMLButtonElement;
  private readonly nextVersion: HTMLButtonElement;
  private thinking: ThinkingView | undefined;
  private message: MessageView;
  private dirty = true;
  private actionState: ActionState = { busy: false, isLastAssistant: false, laterCount: 0 };
  /** Locally measured thinking time, for when the host does not send `reasoningMs`. */
  private thinkingStartedAt: number | undefined;
  private thinkingEndedAt: number | undefined;
  private lastFooterKey = '';

  constructor(
    private readonly deps: MessageViewDeps,
    message: MessageView,
  ) {
    const { doc } = deps;
    this.message = { ...message };
    const { article, actions } = articleShell(doc, 'assistant');
    this.element = article;
    const copyButton = (): HTMLButtonElement => {
      const button = iconButton(doc, { icon: 'copy', ariaLabel: t('copy') });
      button.addEventListener('click', () => {
        if (deps.post({ type: 'copy', text: this.message.text })) flashCopied(button, deps.announce);
      });
      return button;
    };
    const regenerateButton = (): HTMLButtonElement => {
      const button = iconButton(doc, { icon: 'refresh', ariaLabel: t('regenerate') });
      button.addEventListener('click', () => deps.post({ type: 'regenerate' }));
      button.hidden = true;
      return button;
    };
    this.regenerateButton = regenerateButton();
    actions.append(copyButton(), this.regenerateButton);
    this.answer = el(doc, 'div', { class: 'markdown' });
    this.stream = new MarkdownStream(this.answer, deps.renderer);
    this.footer = el(doc, 'div', { class: 'message-footer' });
    this.previousVersion = iconButton(doc, { icon: 'chevron-left', ariaLabel: t('previousVersion') });
    this.nextVersion = iconButton(doc, { icon: 'chevron-right', ariaLabel: t('nextVersion') });
    this.versionLabel = el(doc, 'span', { class: 'version-label' });
    this.previousVersion.addEventListener('click', () => this.showVersion(-1));
    this.nextVersion.addEventListener('click', () => this.showVersion(+1));
    this.versionNav = el(doc, 'span', { class: 'version-nav', role: 'group' }, this.previousVersion, this.versionLabel, this.nextVersion);
    this.endRegenerate = regenerateButton();
    this.endActions = el(
      doc,
      'div',
      { class: 'answer-actions', role: 'toolbar', 'aria-label': t('messageActions') },
      this.versionNav,
      el(doc, 'span', { class: 'spacer' }),
      copyButton(),
      this.endRegenerate,
    );
    article.append(this.answer, this.footer, this.endActions);
  }

  /** Position (0-based) and count of this answer's versions. */
  private versions(): { index: number; count: number } {
    const count = (this.message.alternatives?.length ?? 0) + 1;
    return { index: Math.min(this.message.version ?? count - 1, count - 1), count };
  }

  private showVersion(step: number): void {
    const { index, count } = this.versions();
    const next = index + step;
    if (next < 0 || next >= count || this.actionState.busy) return;
    this.deps.post({ type: 'selectVersion', messageId: this.message.id, version: next });
  }

  get id(): string {
    return this.message.id;
  }

  get status(): MessageView['status'] {
    return this.message.status;
  }

  setMessage(message: MessageView): void {
    this.message = { ...message };
    this.markDirty();
  }

  setLeftOut(reason: LeftOutReason | undefined): void {
    markLeftOut(this.element, reason, undefined);
  }

  appendDelta(text: string | undefined, reasoning: string | undefined): void {
    if (text) this.message.text += text;
    if (reasoning) this.message.reasoning = (this.message.reasoning ?? '') + reasoning;
    this.markDirty();
  }

  setActionState(state: ActionState): void {
    if (state.busy === this.actionState.busy && state.isLastAssistant === this.actionState.isLastAssistant) {
      this.actionState = state;
      return;
    }
    this.actionState = state;
    this.markDirty();
  }

  render(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const message = this.message;
    const streaming = message.status === 'streaming';
    // The host has split the thinking off already (one rule, on the host): text is the answer.
    this.renderThinking(message.text, streaming);
    this.stream.update(message.text);
    if (!streaming) this.stream.finish();
    this.renderFooter(streaming, message.text);
    const canRegenerate = this.actionState.isLastAssistant && !this.actionState.busy && !streaming;
    this.regenerateButton.hidden = !canRegenerate;
    this.endRegenerate.hidden = !canRegenerate;
    const { index, count } = this.versions();
    this.versionNav.hidden = count < 2;
    this.versionLabel.textContent = `${index + 1} / ${count}`;
    this.versionNav.setAttribute('aria-label', t('versionOf', index + 1, count));
    this.previousVersion.disabled = index === 0 || this.actionState.busy || streaming;
    this.nextVersion.disabled = index === count - 1 || this.actionState.busy || streaming;
    // Nothing to copy or regenerate at the end of an answer still coming or without text.
    this.endActions.hidden = streaming || (message.text.trim() === '' && count < 2);
  }

  private markDirty(): void {
    this.dirty = true;
    this.deps.requestRender(this);
  }

  private renderThinking(answer: string, streaming: boolean): void {
    const text = (this.message.reasoning ?? '').trim();
    if (!text) {
      // A reset on the host may take the reasoning back (an unclosed <think> shown as the answer).
      this.thinking?.element.remove();
      this.thinking = undefined;
      return;
    }
    const inProgress = streaming && answer.trim() === '';
    const now = this.deps.now();
    if (streaming && this.thinkingStartedAt === undefined) this.thinkingStartedAt = now;
    if (!inProgress && this.thinkingStartedAt !== undefined && this.thinkingEndedAt === undefined) this.thinkingEndedAt = now;
    if (!this.thinking) {
      this.thinking = new ThinkingView(this.deps.doc);
      this.answer.before(this.thinking.element);
    }
    const measured =
      this.thinkingStartedAt !== undefined && this.thinkingEndedAt !== undefined ? this.thinkingEndedAt - this.thinkingStartedAt : undefined;
    this.thinking.update({ text, inProgress, durationMs: this.message.reasoningMs ?? measured });
  }

  private renderFooter(streaming: boolean, answer: string): void {
    const message = this.message;
    const usage = message.usage;
    // The footer changes rarely (status transitions); rebuilding it only then keeps focus on its buttons.
    const hasAnswer = answer.trim() !== '';
    const key = JSON.stringify([message.status, message.error, usage, message.cost, message.model, hasAnswer, message.finishReason]);
    if (key === this.lastFooterKey) return;
    this.lastFooterKey = key;
    const { doc, post } = this.deps;
    const parts: HTMLElement[] = [];
    if (streaming) {
      parts.push(el(doc, 'div', { class: 'status-line streaming' }, icon(doc, 'loading', 'codicon-modifier-spin'), t('answering')));
    }
    // The partial answer stays; mark it so nobody mistakes it for a complete one.
    if (message.status === 'interrupted' || (message.status === 'error' && hasAnswer)) {
      parts.push(el(doc, 'div', { class: 'status-line interrupted' }, icon(doc, 'debug-pause'), t('interrupted')));
    }
    // A complete answer the service cut short must not pass for a whole one.
    const cutShortNote = message.status === 'complete' ? finishNote(message.finishReason) : undefined;
    if (cutShortNote) {
      parts.push(el(doc, 'div', { class: 'status-line finish-note' }, icon(doc, 'warning'), cutShortNote));
    }
    if (message.error) {
      const retry = el(doc, 'button', { type: 'button', class: 'secondary' }, t('retry'));
      retry.addEventListener('click', () => post({ type: 'retry' }));
      const buttons = el(doc, 'div', { class: 'error-buttons' }, retry);
      if (message.error.needsKey) {
        const setKey = el(doc, 'button', { type: 'button', class: 'primary' }, t('setApiKey'));
        setKey.addEventListener('click', () => post({ type: 'setApiKey' }));
        buttons.prepend(setKey);
      }
      parts.push(
        el(doc, 'div', { class: 'error-box' }, icon(doc, 'error'), el(doc, 'span', { class: 'error-text' }, message.error.message), buttons),
      );
    }
    if (usage || message.model) {
      const pieces: string[] = [];
      if (message.model) pieces.push(message.model);
      if (usage) {
        pieces.push(t('usage', usage.inputTokens, usage.outputTokens));
        if (usage.cachedInputTokens) pieces.push(t('usageCached', usage.cachedInputTokens));
        if (usage.reasoningTokens) pieces.push(t('usageReasoning', usage.reasoningTokens));
      }
      // Beside the tokens: the estimate, or "cost unknown" (never a false ¥0) for an unpriced model.
      if (message.cost) pieces.push(message.cost.yuan === undefined ? t('costUnknown') : t('cost', formatYuan(message.cost.yuan)));
      if (!streaming) parts.push(el(doc, 'div', { class: 'usage' }, pieces.join(' · ')));
    }
    this.footer.replaceChildren(...parts);
    this.footer.hidden = parts.length === 0;
  }
}
