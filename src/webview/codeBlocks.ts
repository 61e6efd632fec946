// Code blocks in answers: a header with the language and Copy / Insert at Cursor / Apply. Built
// with DOM calls after sanitizing (the sanitizer allows no buttons). The buttons carry no code:
// a click reads the block's text content, which is the raw code (highlighting only adds spans).
import type { WebviewMessage } from '../protocol';
import { el, iconButton } from './dom';
import { t } from './i18n';

export const CODE_ACTION = { copy: 'code-copy', insert: 'code-insert', apply: 'code-apply' } as const;

/**
 * A second Insert at Cursor or Apply on the same block within this many ms is the same intent (a
 * double-click, a bouncing key), not a second request: it would insert the code twice, or open a
 * second proposal that can only be refused. Copy may repeat: it changes nothing.
 */
export const REPEAT_WINDOW_MS = 1_000;
const lastActivation = new WeakMap<Element, number>();

/** True when `button` is Insert or Apply activated again within REPEAT_WINDOW_MS of its last activation (`now` in ms). */
export function isRepeatedAction(button: Element, now: number): boolean {
  const action = button.getAttribute('data-action');
  if (action !== CODE_ACTION.insert && action !== CODE_ACTION.apply) return false;
  const last = lastActivation.get(button);
  if (last !== undefined && now - last < REPEAT_WINDOW_MS) return true;
  lastActivation.set(button, now);
  return false;
}

export function decorateCodeBlocks(root: DocumentFragment | Element, doc: Document): void {
  for (const code of Array.from(root.querySelectorAll('pre > code'))) {
    const pre = code.parentElement;
    if (!pre || pre.parentElement?.classList.contains('code-block')) continue;
    const tag = code.getAttribute('data-lang') ?? '';
    const header = el(
      doc,
      'div',
      { class: 'code-header' },
      el(doc, 'span', { class: 'code-lang' }, tag || t('codeLanguage')),
      el(
        doc,
        'span',
        { class: 'code-actions' },
        iconButton(doc, { icon: 'copy', ariaLabel: t('copy'), action: CODE_ACTION.copy }),
        iconButton(doc, { icon: 'insert', ariaLabel: t('insertAtCursor'), action: CODE_ACTION.insert }),
        iconButton(doc, { icon: 'diff', ariaLabel: t('apply'), action: CODE_ACTION.apply }),
      ),
    );
    const wrapper = el(doc, 'div', { class: 'code-block' });
    pre.replaceWith(wrapper);
    wrapper.append(header, pre);
  }
}

/**
 * The message a code-block button should post, or undefined when `button` is not one. The code is
 * the `<code>` element's text: exactly what the model wrote inside the fence.
 */
export function codeActionMessage(button: Element): WebviewMessage | undefined {
  const action = button.getAttribute('data-action');
  const block = button.closest('.code-block');
  const codeElement = block?.querySelector('pre > code');
  if (!block || !codeElement) return undefined;
  const code = codeElement.textContent ?? '';
  const language = codeElement.getAttribute('data-lang');
  // No `language` key at all when the fence had none: the host's validator checks optional keys' types.
  const withLanguage = language ? { code, language } : { code };
  switch (action) {
    case CODE_ACTION.copy:
      return { type: 'copy', text: code };
    case CODE_ACTION.insert:
      return { type: 'insertCode', ...withLanguage };
    case CODE_ACTION.apply:
      return { type: 'applyCode', ...withLanguage };
    default:
      return undefined;
  }
}
