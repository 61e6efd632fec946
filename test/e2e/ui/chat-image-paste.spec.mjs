// Images in the sidebar chat: with a vision model chosen, an image pasted into the message box
// shows as a chip, goes out as an image part with the question, the answer streams, and the image
// stays with the question in the conversation.
import assert from 'node:assert/strict';

export const title = 'chat: paste an image for a vision model — chip, sent as an image part, the answer streams';
export const settings = { 'siliconflow.model': 'Qwen/Qwen2.5-VL-72B-Instruct' };

const KEY = 'sk-e2e-image-paste-0123456789';
// A 1×1 PNG.
const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** What a user's Ctrl+V of a copied screenshot delivers to the box: a paste event carrying an image file. */
async function pasteImage(box, base64, name) {
  await box.evaluate(
    (el, { base64, name }) => {
      // Runs in the webview's page: its own DOM classes.
      const { atob, ClipboardEvent, DataTransfer, File } = globalThis;
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], name, { type: 'image/png' }));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    { base64, name },
  );
}

export default async function ({ helpers, mock, log }) {
  await helpers.setApiKey(KEY);
  const frame = await helpers.openChat();
  const box = frame.getByRole('textbox', { name: 'Message' }).or(frame.locator('textarea')).first();
  await box.waitFor({ timeout: 30_000 });
  await box.click();
  await pasteImage(box, PIXEL, 'pixel.png');
  const chip = frame.locator('.pending-chips .image-chip');
  await chip.waitFor({ timeout: 15_000 });
  assert.match(await chip.getAttribute('aria-label'), /pixel\.png/);
  log('the pasted image waits as a chip with its thumbnail');

  mock.enqueue({ script: { text: 'A single **red** pixel on a transparent background.' }, shape: { delayMs: 20 } });
  await helpers.sendChatMessage('What is in this image?');
  const answer = await helpers.waitForChatText('transparent background', 45_000);
  assert.match(answer, /single red pixel/);

  const request = mock.requests.filter((r) => /\/(chat\/completions|messages)$/.test(r.path)).at(-1);
  assert.ok(request, 'no chat request reached the mock');
  const last = request.body.messages.at(-1);
  assert.deepEqual(last.content, [
    { type: 'text', text: 'What is in this image?' },
    { type: 'image_url', image_url: { url: `data:image/png;base64,${PIXEL}`, detail: 'auto' } },
  ]);
  log('the request carried the image as an image_url part after the question');

  // The chip left the composer and stays with the question in the conversation.
  await frame.locator('.pending-chips').waitFor({ state: 'hidden', timeout: 10_000 });
  await frame.locator('.message.user .image-chip').first().waitFor({ timeout: 10_000 });
  await helpers.screenshot('answered');
}
