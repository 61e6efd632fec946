// Reloading the window in the middle of an answer loses only the unfinished tail: the question and
// the partial answer come back, marked interrupted, and the conversation is in the history. The
// unsent attachment (a context chip) comes back too.
import assert from 'node:assert/strict';

export const title = 'chat: a window reload mid-answer keeps the partial answer (interrupted) and the history';

export const files = { 'notes.md': '# Notes to attach\n' };

const KEY = 'sk-e2e-chat-reload-0123456789';
const sentences = Array.from({ length: 300 }, (_, i) => `Line ${i + 1} of the answer.`).join(' ');

export default async function ({ helpers, mock, page }) {
  await helpers.setApiKey(KEY);
  let frame = await helpers.openChat();
  mock.enqueue({ path: '/v1/chat/completions', script: { text: sentences }, shape: { delayMs: 50, piece: 8 } });
  await helpers.sendChatMessage('Reload-proof question');
  await frame.getByRole('article').last().getByText(/Line 4 of/).waitFor({ timeout: 30_000 });
  // An attachment for the next message, not sent yet.
  await helpers.openFile('notes.md');
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
  await frame.getByRole('button', { name: 'Attach Active File' }).click();
  await frame.locator('.pending-chips .chip', { hasText: 'notes.md' }).waitFor({ timeout: 10_000 });
  // The host saves a streaming answer about once a second; the workbench writes its workspace
  // state (the pending attachment) shortly after a change, and a browser reload does not wait for it.
  await page.waitForTimeout(1_500);

  await page.reload();
  await helpers.waitForWorkbench();
  frame = await helpers.openChat();
  const answer = frame.getByRole('article').filter({ hasText: 'Line 1 of the answer.' });
  await answer.waitFor({ timeout: 30_000 });
  await answer.getByText('Interrupted').waitFor({ timeout: 10_000 });
  assert.ok(!(await answer.innerText()).includes('Line 300 of'));
  await frame.getByRole('article').filter({ hasText: 'Reload-proof question' }).waitFor();
  await frame.locator('.pending-chips .chip', { hasText: 'notes.md' }).waitFor({ timeout: 10_000 });
  await helpers.screenshot('after-reload');

  await frame.getByRole('button', { name: 'History' }).click();
  await frame.locator('#history-panel').getByText('Reload-proof question').waitFor({ timeout: 10_000 });

  const chats = mock.requests.filter((r) => r.path === '/v1/chat/completions');
  assert.equal(chats.length, 1, 'the reload must not ask again');
}
