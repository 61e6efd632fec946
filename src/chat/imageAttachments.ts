// Images in the sidebar chat: an image pasted or dropped into the composer becomes an attachment
// (kind 'image') that is kept with the message in history and sent as an image content part. One
// module for the rule: the limits live in src/protocol.ts (IMAGE_LIMITS), shared with the webview.
import type { ContentPart, ImageMimeType } from '../client';
import { IMAGE_LIMITS, type ContextAttachment } from '../protocol';

/** Bytes of a base64 string (without decoding it). */
export function base64Bytes(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return Math.floor((data.length * 3) / 4) - padding;
}

/** The attachment for an image the webview sent (already validated: type, base64, size). */
export function imageAttachment(name: string, mimeType: string, data: string): ContextAttachment {
  return { kind: 'image', label: name, languageId: '', content: '', truncated: false, originalLength: base64Bytes(data), mimeType, data };
}

/** How many more images the pending attachments can take before the per-message limit. */
export function imageRoom(pending: readonly ContextAttachment[]): number {
  return IMAGE_LIMITS.maxPerMessage - pending.filter((a) => a.kind === 'image').length;
}

/** The image parts of a message's attachments, in order. */
export function imageParts(context: readonly ContextAttachment[] | undefined): ContentPart[] {
  return (context ?? [])
    .filter((a) => a.kind === 'image' && a.mimeType && a.data)
    .map((a) => ({ type: 'image', mimeType: a.mimeType as ImageMimeType, data: a.data! }));
}
