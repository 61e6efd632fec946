// Message content as text and parts: the one place that knows how a ChatMessage's `content`
// (a string or ContentPart[]) reads as text, for token estimates, logs and text-only turns.
import type { ChatMessage, ContentPart, ImageMimeType } from './types';

/** The image formats a content part may carry (SiliconFlow API reference, vision models). */
export const IMAGE_MIME_TYPES: readonly ImageMimeType[] = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];

/** True for a MIME type a vision model accepts (case-insensitive; `image/jpg` counts as jpeg). */
export function isImageMimeType(mime: string): boolean {
  return normalizeImageMime(mime) !== undefined;
}

/** `image/jpg` → `image/jpeg`; undefined for anything that is not an accepted image type. */
export function normalizeImageMime(mime: string): ImageMimeType | undefined {
  const m = mime.trim().toLowerCase();
  const wanted = m === 'image/jpg' ? 'image/jpeg' : m;
  return (IMAGE_MIME_TYPES as readonly string[]).includes(wanted) ? (wanted as ImageMimeType) : undefined;
}

/** The text of `content`: the string itself, or the text parts joined by blank lines (images left out). */
export function contentText(content: string | readonly ContentPart[]): string {
  if (typeof content === 'string') return content;
  return content
    .filter((p): p is Extract<ContentPart, { type: 'text' }> => p.type === 'text')
    .map((p) => p.text)
    .join('\n\n');
}

/** The number of image parts in `content`. */
export function imageCount(content: string | readonly ContentPart[]): number {
  return typeof content === 'string' ? 0 : content.filter((p) => p.type === 'image').length;
}

/** True when some message carries an image part (the request needs a vision model). */
export function hasImages(messages: readonly ChatMessage[]): boolean {
  return messages.some((m) => imageCount(m.content) > 0);
}

/**
 * `messages` with every image part replaced by `note(mimeType)` as text: what a model without
 * image input is sent (the server would refuse the request otherwise).
 */
export function withoutImages(messages: readonly ChatMessage[], note: (mimeType: string) => string): ChatMessage[] {
  return messages.map((m) => {
    if (typeof m.content === 'string' || imageCount(m.content) === 0) return m;
    const parts: ContentPart[] = m.content.map((p) => (p.type === 'image' ? { type: 'text', text: note(p.mimeType) } : p));
    return { ...m, content: contentText(parts) };
  });
}
