// Tiny DOM helpers: the webview builds its UI with plain DOM calls (no framework, no innerHTML for
// anything but sanitized markdown), so these keep the construction code readable.

type Attributes = Record<string, string | number | boolean | undefined>;

/** Creates `<tag>` with attributes (false/undefined skipped, true → empty) and children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attributes: Attributes = {},
  ...children: (Node | string | undefined)[]
): HTMLElementTagNameMap[K] {
  const element = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === undefined) continue;
    element.append(child);
  }
  return element;
}

/** A codicon glyph; decorative, so hidden from screen readers (the button carries the name). */
export function icon(doc: Document, name: string, extraClass = ''): HTMLSpanElement {
  return el(doc, 'span', { class: `codicon codicon-${name}${extraClass ? ` ${extraClass}` : ''}`, 'aria-hidden': 'true' });
}

/** A button with an icon and an accessible name; `label` text shown next to the icon when given. */
export function iconButton(
  doc: Document,
  options: { icon: string; ariaLabel: string; action?: string; label?: string; className?: string },
): HTMLButtonElement {
  const button = el(doc, 'button', {
    type: 'button',
    class: `icon-button${options.className ? ` ${options.className}` : ''}${options.label ? ' with-label' : ''}`,
    'aria-label': options.ariaLabel,
    title: options.ariaLabel,
    'data-action': options.action,
  });
  button.append(icon(doc, options.icon));
  if (options.label) button.append(el(doc, 'span', { class: 'button-label' }, options.label));
  return button;
}

/** `text` with the five HTML-significant characters escaped, for text and attribute values in markup. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
