// Images in the sidebar chat: what the webview may send (validated), how an image attachment is kept
// in history (read back from storage), how it goes out (an image content part after the text), the
// per-message limit, and what a model without image input is sent instead.
import * as assert from 'node:assert/strict';
import { withoutImages, type ChatMessage } from '../../src/client';
import { imageAttachment, imageRoom } from '../../src/chat/imageAttachments';
import { planChatRequest } from '../../src/chat/prompt';
import { readAttachment } from '../../src/chat/session';
import { validateWebviewMessage } from '../../src/chat/validate';
import { IMAGE_LIMITS, type MessageView } from '../../src/protocol';

const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('chat: images', () => {
  it('the host accepts a pasted PNG/JPEG/WebP/GIF in base64 up to the size limit, and nothing else', () => {
    const ok = validateWebviewMessage({ type: 'attachImage', name: 'shot.png', mimeType: 'image/png', data: PIXEL });
    assert.equal(ok.ok, true);
    const bad = [
      { type: 'attachImage', name: 'x.svg', mimeType: 'image/svg+xml', data: PIXEL },
      { type: 'attachImage', name: 'x.png', mimeType: 'image/png', data: 'not base64!' },
      { type: 'attachImage', name: 'x.png', mimeType: 'image/png', data: 'A'.repeat(Math.ceil(IMAGE_LIMITS.maxBytes / 3) * 4 + 4) },
      { type: 'attachImage', name: 'x.png', mimeType: 'image/png', data: PIXEL, extra: 1 },
    ];
    for (const raw of bad) assert.equal(validateWebviewMessage(raw).ok, false, JSON.stringify(raw).slice(0, 80));
  });

  it('an image attachment survives the round trip through history storage', () => {
    const image = imageAttachment('shot.png', 'image/png', PIXEL);
    assert.equal(image.originalLength, Buffer.from(PIXEL, 'base64').length);
    assert.deepEqual(readAttachment(JSON.parse(JSON.stringify(image))), image);
    assert.equal(readAttachment({ ...image, data: undefined }), undefined, 'an image without its bytes is not restored');
  });

  it('the question goes out as text then image parts; earlier turns keep their images', () => {
    const image = imageAttachment('shot.png', 'image/png', PIXEL);
    const messages: MessageView[] = [
      { id: 'u1', role: 'user', text: 'What is this?', context: [image], status: 'complete', createdAt: 1 },
      { id: 'a1', role: 'assistant', text: 'A pixel.', status: 'complete', createdAt: 2 },
      { id: 'u2', role: 'user', text: 'And its colour?', status: 'complete', createdAt: 3 },
    ];
    const { messages: request } = planChatRequest(messages);
    assert.deepEqual(request[0], {
      role: 'user',
      content: [
        { type: 'text', text: 'What is this?' },
        { type: 'image', mimeType: 'image/png', data: PIXEL },
      ],
    });
    assert.deepEqual(request.slice(1), [
      { role: 'assistant', content: 'A pixel.' },
      { role: 'user', content: 'And its colour?' },
    ]);
  });

  it('a message carries at most IMAGE_LIMITS.maxPerMessage images', () => {
    const images = Array.from({ length: IMAGE_LIMITS.maxPerMessage }, (_, i) => imageAttachment(`${i}.png`, 'image/png', PIXEL));
    assert.equal(imageRoom(images.slice(1)), 1);
    assert.equal(imageRoom(images), 0);
  });

  it('a model without image input is sent a note in place of each image', () => {
    const request: ChatMessage[] = [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', mimeType: 'image/png', data: PIXEL }] }];
    assert.deepEqual(withoutImages(request, (mime) => `[${mime} left out]`), [{ role: 'user', content: 'What is this?\n\n[image/png left out]' }]);
  });
});
