// Settings end to end: the key is entered through "SiliconFlow: Set API Key" and checked against
// the mock's /models; "SiliconFlow: Select Model" lists the mock's models and writes the setting;
// the status bar item follows; "SiliconFlow: Show Log" shows the requests — and nowhere in the
// Output, the log files or settings.json is there a trace of the key.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const title = 'settings: set the key, pick a model from the server, status bar follows, log has no key';

const KEY = 'sk-e2e-settings-secret-7f3a9c1d5e';
/** In the mock's GET /models list but not in the extension's built-in list: proves where the list came from. */
const SERVER_ONLY_MODEL = 'Qwen/Qwen2.5-7B-Instruct';
const PICKED = 'deepseek-ai/DeepSeek-V3.2';

function filesUnder(dir) {
  let out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out = out.concat(filesUnder(full));
    else if (statSync(full).size < 20_000_000) out.push(full);
  }
  return out;
}

export default async function ({ page, helpers, mock, server, log }) {
  // 1. The key, through the real command; the extension checks it with GET /models.
  await helpers.setApiKey(KEY);
  const ok = page.locator('.notifications-toasts .notification-list-item').filter({ hasText: 'The API key works' });
  await ok.first().waitFor({ timeout: 30_000 });
  assert.ok(mock.requests.some((r) => r.path.startsWith('/v1/models')), 'the key was not checked against /models');
  log('key accepted after a /models check');

  // The extension is active now: its status bar item shows the default model.
  await page.locator('.statusbar-item').filter({ hasText: 'Qwen3-Coder-480B-A35B-Instruct' }).first().waitFor({ timeout: 15_000 });
  log('status bar shows the default model');

  // 2. Select Model: the list is the server's, the current model is marked, picking writes the setting.
  await helpers.runCommand('siliconflow.selectModel');
  const quickInput = page.locator('.quick-input-widget');
  await quickInput.locator('.monaco-list-row').filter({ hasText: SERVER_ONLY_MODEL }).first().waitFor({ timeout: 20_000 });
  const current = quickInput.locator('.monaco-list-row').filter({ hasText: 'Qwen/Qwen3-Coder-480B-A35B-Instruct' }).first();
  assert.match(await current.innerText(), /current/, 'the current model is not marked');
  await quickInput.locator('.quick-input-box input').fill(PICKED);
  const row = quickInput.locator('.monaco-list-row').filter({ hasText: PICKED }).first();
  await row.waitFor({ timeout: 10_000 });
  assert.match(await row.innerText(), /thinking/, 'a thinking-capable model is not marked');
  await row.click();
  await quickInput.waitFor({ state: 'hidden', timeout: 10_000 });

  // 3. The status bar item follows the setting.
  await page.locator('.statusbar-item').filter({ hasText: 'DeepSeek-V3.2' }).first().waitFor({ timeout: 15_000 });
  await helpers.screenshot('model-picked');
  log('status bar shows DeepSeek-V3.2');

  // 4. One slow chat answer with the new model: the status bar spins while it streams, and the
  //    log gets a streamed request.
  await helpers.openChat();
  mock.enqueue({ path: '/v1/chat/completions', script: { text: 'Hello from a slow stream. '.repeat(12) }, shape: { delayMs: 120, piece: 8 } });
  await helpers.sendChatMessage('Say hello.');
  const spinning = page.locator('.statusbar-item').filter({ hasText: 'DeepSeek-V3.2' }).locator('.codicon-loading');
  await spinning.first().waitFor({ timeout: 15_000 });
  await helpers.waitForChatText('Hello from a slow stream.', 45_000);
  await spinning.first().waitFor({ state: 'detached', timeout: 30_000 });
  log('status bar spun while the answer streamed');
  const chat = mock.requests.find((r) => /\/(chat\/completions|messages)$/.test(r.path));
  assert.equal(chat?.body?.model, PICKED, 'the chat did not use the picked model');

  // 5. The log, opened through the command: the requests are there, the key is not.
  await helpers.runCommand('siliconflow.showLog');
  const output = page.locator('.part.panel .view-lines').first();
  await output.filter({ hasText: 'models' }).waitFor({ timeout: 20_000 });
  // The Output follows the end of the log, where the later requests (balance, chat) have pushed the
  // key check out of sight: go to the top, as a reader would. Monaco renders spaces as no-break
  // spaces and a wrapped log line as several rows, so rows are joined before matching.
  await output.click();
  await page.keyboard.press('Control+Home');
  const GET_MODELS = /GET ?http:\/\/127\.0\.0\.1:\d+\/v1\/models/;
  const visible = async () => (await output.innerText()).replace(/\u00a0/g, ' ').replace(/\n/g, '');
  let shown = await visible();
  for (const deadline = Date.now() + 10_000; !GET_MODELS.test(shown) && Date.now() < deadline; shown = await visible()) {
    await page.waitForTimeout(100);
  }
  assert.match(shown, GET_MODELS, 'the Output does not show the /models request');
  assert.ok(!shown.includes(KEY), 'the key is visible in the Output panel');
  await helpers.screenshot('log');

  // The whole log folder (every channel, the extension host's own log) and the settings file.
  const files = filesUnder(join(server.userDataDir, 'logs'));
  const ours = files.filter((f) => /SiliconFlow/i.test(f));
  assert.ok(ours.length > 0, `no SiliconFlow log file among ${files.length} log files`);
  const ourText = ours.map((f) => readFileSync(f, 'utf8')).join('\n');
  assert.match(ourText, new RegExp(`model=${PICKED.replace(/[/.]/g, '\\$&')}`), 'the chat request is not in the log file');
  assert.match(ourText, /ttft=\d+ms/, 'the log has no time to first token');
  for (const file of [...files, join(server.userDataDir, 'User', 'settings.json')]) {
    assert.ok(!readFileSync(file, 'utf8').includes(KEY), `the key leaked into ${file}`);
  }
  log(`no trace of the key in ${files.length} log files or settings.json`);
}
