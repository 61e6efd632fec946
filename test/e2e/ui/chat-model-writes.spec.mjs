// What the model writes reaches the user intact, in real VS Code: an answer with a lone </think>,
// math and a Markdown document in a ```markdown block with inner fences renders as thinking, typeset
// math and one code block whose Copy gives the whole document; and Refactor of a README section
// with code blocks of its own proposes, and on Accept writes, the whole section.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { paletteTitle } from './helpers.mjs';

export const title = 'chat + editor: lone </think>, KaTeX math, nested-fence Markdown block; Refactor keeps the whole README section';
export const timeoutMs = 180_000;

const SECTION = '# Tool\n## Setup\n```sh\nmake install\n```\n## Run\nUse `tool --fast`.';
const REFACTORED = '# Tool\n## Setup\n```sh\nmake install\n```\n## Run\nRun `tool --fast` for speed.';
export const files = { 'README.md': `${SECTION}\n` };

const ANSWER = [
  'The user wants the norm and a README.</think>',
  '',
  'The norm: $$\\|x\\|_2 = \\sqrt{\\sum_i x_i^2}$$ and prices stay $5 and $10.',
  '',
  '```markdown',
  SECTION,
  '```',
  '',
  'Done.',
].join('\n');

export default async function ({ page, helpers, mock, workspace, log }) {
  await helpers.setApiKey('sk-e2e-model-writes-0123456789');
  await helpers.openChat();
  mock.enqueue({ script: { text: ANSWER } });
  await helpers.sendChatMessage('Norm and README?');
  await helpers.waitForChatText('Done.');
  const frame = helpers.chatFrame();
  const answer = frame.locator('.message.assistant').last();

  // The reasoning before the lone </think> is folded thinking, not answer text.
  assert.equal((await answer.locator('.thinking-body').textContent())?.trim(), 'The user wants the norm and a README.');
  const answerText = await answer.locator('.markdown').innerText();
  assert.ok(!answerText.includes('</think>') && !answerText.includes('The user wants'), `answer shows the reasoning:\n${answerText}`);
  // Math typeset by KaTeX, with its fonts allowed; prices are text.
  await answer.locator('.math-display .katex').first().waitFor({ timeout: 10_000 });
  assert.equal(await answer.locator('.math-error').count(), 0);
  assert.ok(answerText.includes('$5 and $10'), 'prices stay text');
  const fontsLoaded = await frame.locator('body').evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].some((f) => f.family.includes('KaTeX') && f.status === 'loaded');
  });
  assert.ok(fontsLoaded, 'a KaTeX font loaded (CSP allows media/katex)');
  // The Markdown document is one code block holding the whole section.
  assert.equal(await answer.locator('.code-block').count(), 1);
  assert.equal(await answer.locator('.code-block pre > code').textContent(), SECTION);
  await helpers.screenshot('model-writes');
  log('chat: thinking, math and the nested-fence block render as one');

  // Refactor the README section: the proposal, and the file after Accept, hold the whole section.
  await helpers.openFile('README.md');
  const quick = page.locator('.quick-input-widget .quick-input-box input');
  const lines = page.locator('.editor-instance .monaco-editor .view-lines').first();
  await lines.waitFor();
  await lines.click();
  await page.keyboard.press('Control+A');
  mock.enqueue({ script: { text: `Here is the section:\n\n\`\`\`markdown\n${REFACTORED}\n\`\`\`\n\nI reworded the last line.` } });
  const commandTitle = paletteTitle('siliconflow.refactorSelection');
  await page.keyboard.press('F1');
  await quick.waitFor({ state: 'visible', timeout: 10_000 });
  await quick.fill(`>${commandTitle}`);
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: commandTitle }).first().waitFor({ timeout: 10_000 });
  await quick.press('Enter');
  await helpers.answerInputBox('reword');
  const diffEditor = page.locator('.monaco-diff-editor');
  await diffEditor.first().waitFor({ timeout: 20_000 });
  await page.locator('.notifications-toasts .notification-list-item', { hasText: 'proposal is ready' }).first().waitFor({ timeout: 30_000 });
  const prompt = mock.requests.filter((r) => r.path === '/v1/chat/completions').at(-1).body.messages.at(-1).content;
  assert.ok(prompt.includes(`\`\`\`\`markdown\n${SECTION}`), 'the selection went out in a longer fence');
  await page.locator('.editor-actions .action-label[aria-label="Accept Proposal"]').click();
  await diffEditor.first().waitFor({ state: 'detached', timeout: 10_000 });
  await lines.click();
  await page.keyboard.press('Control+S');
  const deadline = Date.now() + 10_000;
  let onDisk = '';
  while (Date.now() < deadline) {
    onDisk = readFileSync(join(workspace, 'README.md'), 'utf8');
    if (onDisk !== `${SECTION}\n`) break;
    await page.waitForTimeout(100);
  }
  assert.equal(onDisk.replace(/\n$/, ''), REFACTORED, 'the whole section, inner code block and all');
  log('refactor: the whole README section proposed and accepted');
}
