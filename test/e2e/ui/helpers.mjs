// What a user does in the workbench, as functions a UI scenario calls: run a palette command,
// answer an input box, open the chat view, reach the webview's content, type and read, screenshot.
// Selectors are VS Code 1.100's workbench DOM (stable across recent versions).
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, resultsDir } from '../lib/paths.mjs';

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const nls = JSON.parse(readFileSync(join(repoRoot, 'package.nls.json'), 'utf8'));
const localize = (s) => (typeof s === 'string' && /^%.+%$/.test(s) ? nls[s.slice(1, -1)] ?? s : s);

/** "SiliconFlow: Set API Key" for 'siliconflow.setApiKey', as the (English) palette lists it. */
export function paletteTitle(commandId) {
  const c = manifest.contributes.commands.find((x) => x.command === commandId);
  if (!c) throw new Error(`no contributed command ${commandId}`);
  return c.category ? `${localize(c.category)}: ${localize(c.title)}` : localize(c.title);
}

/** @param {import('playwright-core').Page} page */
export function createHelpers(page, { name = 'scenario' } = {}) {
  const quickInput = page.locator('.quick-input-widget');
  const quickInputBox = quickInput.locator('.quick-input-box input');

  const helpers = {
    /** Waits until the workbench is drawn and the extension host is up (the status bar has items). */
    async waitForWorkbench(timeoutMs = 60_000) {
      await page.locator('.monaco-workbench').waitFor({ timeout: timeoutMs });
      await page.locator('.statusbar').waitFor({ timeout: timeoutMs });
    },

    /**
     * Runs a command through the palette by its title (or a contributed command id). The palette
     * snapshots the command list when it opens, so until the extension has registered, retry.
     */
    async runCommand(titleOrId, { timeoutMs = 30_000 } = {}) {
      const title = titleOrId.includes('.') && !titleOrId.includes(' ') ? paletteTitle(titleOrId) : titleOrId;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await page.keyboard.press('Escape');
        await page.keyboard.press('F1');
        await quickInputBox.waitFor({ state: 'visible', timeout: 10_000 });
        await quickInputBox.fill(`>${title}`);
        const row = quickInput.locator('.monaco-list-row.focused');
        const listed = await row
          .filter({ hasText: title })
          .first()
          .waitFor({ timeout: 2_000 })
          .then(() => true, () => false);
        if (listed) {
          await quickInputBox.press('Enter');
          return;
        }
        if (Date.now() > deadline) throw new Error(`command "${title}" never appeared in the palette`);
      }
    },

    /** Types into the open input box (e.g. the one "Set API Key" shows) and presses Enter. */
    async answerInputBox(text) {
      await quickInputBox.waitFor({ state: 'visible', timeout: 10_000 });
      await quickInputBox.fill(text);
      await quickInputBox.press('Enter');
      await quickInput.waitFor({ state: 'hidden', timeout: 10_000 });
    },

    /** Opens a workspace file the way a user does: Quick Open (Ctrl+P), its name, Enter; waits for its tab. */
    async openFile(name) {
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.fill(name);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 20_000 });
      await input.press('Enter');
      await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 20_000 });
      await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
    },

    /** The real "SiliconFlow: Set API Key" command, typed like a user. */
    async setApiKey(key) {
      await helpers.runCommand('siliconflow.setApiKey');
      await helpers.answerInputBox(key);
    },

    /**
     * Shows the side-bar view container whose activity-bar icon is labelled `label` ("Explorer",
     * "SiliconFlow"), idempotently. Clicking the icon of the container that is already showing
     * hides the side bar (VS Code's default icon-click behaviour) — and right after a window
     * reload the workbench restores the last container on its own, possibly between a look and a
     * click. So: look first, click only when it is not showing, then check the outcome; if it still
     * is not showing (the click raced a restore and toggled it off, or the icon was not ready),
     * `fallback()` — a command that shows the container and never toggles — finishes the job.
     */
    async showSideBarContainer(label, fallback, { timeoutMs = 30_000 } = {}) {
      const item = page.locator('.activitybar .action-item').filter({ has: page.locator(`a[aria-label^="${label}"]`) }).first();
      // VS Code marks the icon of the container showing in the side bar with aria-expanded="true";
      // a hidden side bar leaves none marked.
      const showing = async () =>
        (await item.getAttribute('aria-expanded', { timeout: 1_000 }).catch(() => null)) === 'true' &&
        (await page.locator('.part.sidebar').isVisible());
      const settles = (ms) =>
        item.and(page.locator('[aria-expanded="true"]')).waitFor({ timeout: ms }).then(showing, () => false);
      if (await showing()) return;
      // Wait for the icon (after a reload the activity bar fills in as the extensions register).
      if (await item.waitFor({ state: 'visible', timeout: 10_000 }).then(() => true, () => false)) {
        if (!(await showing())) await item.click();
        if (await settles(5_000)) return;
      }
      await fallback();
      if (!(await settles(timeoutMs))) throw new Error(`the "${label}" side bar never showed`);
    },

    /**
     * Opens the SiliconFlow container's chat view and returns its webview content frame. Does
     * nothing to a chat that is already showing (so a streaming answer keeps going).
     */
    async openChat() {
      // The fallback is the view's own "Focus" command: it opens the container, never closes it.
      // Through the palette, whose Escape first is harmless here: the chat is not showing, so its
      // input cannot have the focus (Escape there would stop an answer).
      await helpers.showSideBarContainer('SiliconFlow', () => helpers.runCommand('SiliconFlow: Focus on Chat View'));
      const frame = helpers.chatFrame();
      await frame.locator('body').waitFor({ timeout: 30_000 });
      return frame;
    },

    /** The chat webview's document: `iframe.webview.ready` (VS Code's host frame) → `#active-frame`. */
    chatFrame() {
      return page.frameLocator('iframe.webview.ready').first().frameLocator('#active-frame');
    },

    /** Types a message in the chat's "Message" box and sends it with Enter. */
    async sendChatMessage(text) {
      const frame = helpers.chatFrame();
      const input = frame.getByRole('textbox', { name: 'Message' }).or(frame.locator('textarea')).first();
      await input.waitFor({ timeout: 30_000 });
      await input.click();
      await input.fill(text);
      await input.press('Enter');
    },

    /** The message articles in the chat, as text (in order). */
    async chatMessages() {
      return helpers.chatFrame().getByRole('article').allInnerTexts();
    },

    /** Waits until some message article in the chat contains `text`; returns that article's text. */
    async waitForChatText(text, timeoutMs = 30_000) {
      const article = helpers.chatFrame().getByRole('article').filter({ hasText: text }).last();
      await article.waitFor({ timeout: timeoutMs });
      return article.innerText();
    },

    /** Texts of the notification toasts now visible. */
    async notifications() {
      return page.locator('.notifications-toasts .notification-list-item').allInnerTexts();
    },

    /** Saves test-results/<scenario>-<label>.png and returns its path. */
    async screenshot(label) {
      mkdirSync(resultsDir, { recursive: true });
      const path = join(resultsDir, `${name}-${label}.png`);
      await page.screenshot({ path });
      return path;
    },
  };
  return helpers;
}
