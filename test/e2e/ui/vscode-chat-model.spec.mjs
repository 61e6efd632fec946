// VS Code's own chat (the Chat view in code-server 4.139 = VS Code 1.139, no Copilot sign-in) with
// this extension's language model provider: the SiliconFlow models are in the chat's model picker,
// labelled SiliconFlow, and one can be picked. Sending a question there is what VS Code itself
// decides: in this build it answers "You need to set up GitHub Copilot and be signed in to use
// Chat" without calling any provider (README: VS Code's chat). The scenario records which of the two
// happened, and if an answer comes, checks it came from the mock through the provider.
import assert from 'node:assert/strict';

export const title = "VS Code's chat: SiliconFlow models are in its model picker and can be picked (no Copilot sign-in)";

const KEY = 'sk-e2e-vscode-chat-0123456789';
const MODEL = 'Qwen3-Coder-480B-A35B-Instruct';
const ANSWER = 'Hello from SiliconFlow inside VS Code chat.';

export default async function ({ page, helpers, mock, log }) {
  await helpers.setApiKey(KEY);
  // VS Code 1.139 shows its Chat view in the secondary side bar on start; Ctrl+Alt+I opens it otherwise.
  const inputPart = page.locator('.interactive-input-part').first();
  if (!(await inputPart.isVisible())) await page.keyboard.press('Control+Alt+KeyI');
  await inputPart.waitFor({ timeout: 30_000 });

  // The picker (a button named after the current model) lists the provider's models by name, with the vendor.
  const picker = inputPart.getByRole('button').filter({ hasText: /DeepSeek|Qwen|GLM|Kimi|Models|Pick Model/ }).first();
  await picker.waitFor({ timeout: 30_000 });
  await picker.click();
  const search = page.getByPlaceholder('Search models');
  await search.waitFor({ timeout: 15_000 });
  await search.fill(MODEL);
  const row = page.getByRole('option').or(page.getByRole('menuitemcheckbox')).or(page.getByRole('menuitem')).filter({ hasText: MODEL }).first();
  await row.waitFor({ timeout: 15_000 });
  assert.match(await row.innerText(), /SiliconFlow/);
  await helpers.screenshot('model-picker');
  await page.keyboard.press('Enter');
  await inputPart.getByRole('button').filter({ hasText: /Qwen3-Code/ }).first().waitFor({ timeout: 10_000 });
  log(`${MODEL} picked in VS Code's chat (listed under SiliconFlow)`);

  mock.enqueue({ script: { text: ANSWER }, shape: { delayMs: 20 }, times: 3 });
  await inputPart.locator('.monaco-editor').first().click();
  await page.keyboard.type('Say hello.');
  await page.keyboard.press('Enter');
  const signIn = page.getByText('Sign in to use GitHub Copilot');
  const answered = page.locator('.interactive-response').filter({ hasText: ANSWER }).last();
  const outcome = await Promise.race([
    signIn.waitFor({ timeout: 60_000 }).then(() => 'sign-in'),
    answered.waitFor({ timeout: 60_000 }).then(() => 'answered'),
  ]);
  if (outcome === 'answered') {
    const request = mock.requests.find((r) => /\/(chat\/completions|messages)$/.test(r.path));
    assert.equal(request?.body.model, `Qwen/${MODEL}`);
    log("VS Code's chat answered through the provider");
  } else {
    await page.keyboard.press('Escape');
    await page.getByText('You need to set up GitHub Copilot').first().waitFor({ timeout: 15_000 });
    await helpers.screenshot('copilot-required');
    const chatRequests = mock.requests.filter((r) => /\/(chat\/completions|messages)$/.test(r.path)).length;
    log(`VS Code's chat asks for a Copilot sign-in before it sends (provider requests: ${chatRequests})`);
  }
}
