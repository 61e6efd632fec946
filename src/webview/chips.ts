// Context chips: a file or selection attached to a message, with a visible note when the host cut it
// to the size limit. Pending chips (waiting in the composer) also get a remove button.
import type { ContextAttachment } from '../protocol';
import { el, icon, iconButton } from './dom';
import { t } from './i18n';

export function contextChip(doc: Document, attachment: ContextAttachment, onRemove?: () => void): HTMLElement {
  if (attachment.kind === 'image') return imageChip(doc, attachment, onRemove);
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

/** An image: a thumbnail (a data URL of the validated image; the CSP allows data: images), its name and size. */
function imageChip(doc: Document, attachment: ContextAttachment, onRemove?: () => void): HTMLElement {
  const label = t('imageChip', attachment.label, Math.max(1, Math.round(attachment.originalLength / 1024)));
  const chip = el(doc, 'span', { class: 'chip image-chip', title: label, 'aria-label': label });
  if (attachment.mimeType && attachment.data) {
    chip.append(el(doc, 'img', { class: 'chip-thumb', alt: '', src: `data:${attachment.mimeType};base64,${attachment.data}` }));
  } else chip.append(icon(doc, 'file-media'));
  chip.append(el(doc, 'span', { class: 'chip-label' }, attachment.label));
  if (onRemove) {
    const remove = iconButton(doc, { icon: 'close', ariaLabel: t('removeAttachment', attachment.label), className: 'chip-remove' });
    remove.addEventListener('click', onRemove);
    chip.append(remove);
  }
  return chip;
}
