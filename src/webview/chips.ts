// Context chips: a file or selection attached to a message, with a visible note when the host cut it
// to the size limit. Pending chips (waiting in the composer) also get a remove button.
import type { ContextAttachment } from '../protocol';
import { el, icon, iconButton } from './dom';
import { t } from './i18n';

export function contextChip(doc: Document, attachment: ContextAttachment, onRemove?: () => void): HTMLElement {
  const chip = el(
    doc,
    'span',
    { class: `chip${attachment.truncated ? ' truncated' : ''}`, title: attachment.label },
    icon(doc, attachment.kind === 'file' ? 'file' : 'list-selection'),
    el(doc, 'span', { class: 'chip-label' }, attachment.label),
  );
  if (attachment.truncated) {
    const detail = t('truncatedNote', attachment.content.length, attachment.originalLength);
    chip.append(el(doc, 'span', { class: 'chip-note', title: detail }, icon(doc, 'warning'), t('truncated')));
    chip.title = `${attachment.label} — ${detail}`;
  }
  if (onRemove) {
    const remove = iconButton(doc, { icon: 'close', ariaLabel: t('removeAttachment', attachment.label), className: 'chip-remove' });
    remove.addEventListener('click', onRemove);
    chip.append(remove);
  }
  return chip;
}
