// Select Model, typed like a user: "R1" and Enter takes the best matching model (it once stored
// "R1" itself); an id the account's /models does not list is offered only when nothing matches and
// is confirmed before it is saved.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const title = 'settings: Select Model — Enter takes the best match, an unlisted id is confirmed';

const KEY = 'sk-e2e-select-model-0123456789';
const CUSTOM = 'my-org/My-Finetune-7B';

export default async function ({ page, helpers, server, mock, log }) {
  const quickInput = page.locator('.quick-input-widget');
  const input = quickInput.locator('.quick-input-box input');
  const settingsFile = join(server.userDataDir, 'User', 'settings.json');
  const model = () => {
    try {
      return JSON.parse(readFileSync(settingsFile, 'utf8'))['siliconflow.model'];
    } catch {
      return undefined;
    }
  };
  async function waitForModel(expected) {
    const deadline = Date.now() + 10_000;
    while (model() !== expected) {
      if (Date.now() > deadline) throw new Error(`siliconflow.model is ${model()}, not ${expected}`);
      await page.waitForTimeout(100);
    }
  }

  await helpers.setApiKey(KEY);
  await page.locator('.notifications-toasts .notification-list-item', { hasText: 'The API key works' }).first().waitFor({ timeout: 30_000 });

  // 1. "R1" + Enter: the R1 model from the account's list, not "R1".
  await helpers.runCommand('siliconflow.selectModel');
  await quickInput.locator('.monaco-list-row', { hasText: 'Qwen/Qwen2.5-7B-Instruct' }).first().waitFor({ timeout: 20_000 });
  await input.fill('R1');
  const rows = quickInput.locator('.monaco-list-row');
  await rows.filter({ hasText: 'deepseek-ai/DeepSeek-R1' }).first().waitFor({ timeout: 10_000 });
  assert.equal(await rows.filter({ hasText: 'use this model id' }).count(), 0, 'the typed text is offered next to a matching model');
  await helpers.screenshot('filtered');
  await input.press('Enter');
  await quickInput.waitFor({ state: 'hidden', timeout: 10_000 });
  await waitForModel('deepseek-ai/DeepSeek-R1');
  await page.locator('.statusbar-item').filter({ hasText: 'DeepSeek-R1' }).first().waitFor({ timeout: 15_000 });
  log('R1 + Enter chose deepseek-ai/DeepSeek-R1');

  // 2. An id nothing matches: the only row, then a confirmation before it is saved.
  await helpers.runCommand('siliconflow.selectModel');
  await input.fill(CUSTOM);
  const typedRow = rows.filter({ hasText: 'use this model id' }).first();
  await typedRow.waitFor({ timeout: 10_000 });
  assert.equal(await rows.count(), 1, 'other rows beside the typed id');
  await input.press('Enter');
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 10_000 });
  // As many models as the mock's /models lists (the list the key check loaded).
  const listed = mock.requests.filter((r) => r.path === '/v1/models').length > 0
    ? (await (await fetch(`${mock.baseUrl}/models`, { headers: { authorization: `Bearer ${KEY}` } })).json()).data.length
    : NaN;
  assert.match(await dialog.innerText(), new RegExp(`is not among the ${listed} models your API key can use`));
  await helpers.screenshot('confirm-unlisted');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
  await page.waitForTimeout(300);
  assert.equal(model(), 'deepseek-ai/DeepSeek-R1', 'a cancelled unlisted id was saved');

  await helpers.runCommand('siliconflow.selectModel');
  await input.fill(CUSTOM);
  await typedRow.waitFor({ timeout: 10_000 });
  await input.press('Enter');
  await dialog.waitFor({ timeout: 10_000 });
  await dialog.getByRole('button', { name: 'Use This Model' }).click();
  await waitForModel(CUSTOM);
  log('an unlisted id is saved only after the confirmation');
}
