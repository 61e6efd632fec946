// Runs the extension-host suites in code-server the way @vscode/test-electron's runTests does in
// desktop VS Code: the workbench URL carries a payload with extensionDevelopmentPath (the repo,
// unpacked) and extensionTestsPath (the bundled mocha entry); the suite runs inside VS Code's real
// extension host, and its exit code comes back through window.codeAutomationExit.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from './browser.mjs';
import { startCodeServer } from './code-server.mjs';
import { repoRoot, resultsDir } from './paths.mjs';

const remote = (absPath) => `vscode-remote://remote${absPath}`;

/**
 * @param {object} o
 * @param {string} o.testsEntry   bundled suite entry (out/e2e/suite/index.js)
 * @param {string} o.workspace    folder opened in the workbench
 * @param {Record<string, unknown>} [o.settings]
 * @param {number} [o.timeoutMs]
 * @param {'current' | 'minimum'} [o.vscode] which code-server (default 'current')
 * @returns {Promise<{ code: number, passed: number, failed: number, failures: string[], output: string[] }>}
 */
export async function runExtensionHostSuites(o) {
  // The suites decide the key themselves: a developer's real key (environment fallback) stays out.
  const env = { SF_E2E: '1', SILICONFLOW_API_KEY: undefined, SILICONFLOW_BASE_URL: undefined };
  const server = await startCodeServer({ settings: o.settings, env, logFile: o.logFile, vscode: o.vscode });
  const browser = await launchBrowser();
  // VS Code ≥ 1.139's web workbench ignores the test payload unless its configuration enables the
  // smoke-test driver. The configuration is JSON in a meta element's data-settings; patch it as
  // the page is parsed (page.route would break the WebSockets). Older builds ignore the field.
  await browser.context.addInitScript(() => {
    const { document, MutationObserver } = globalThis;
    const patch = (el) => {
      try {
        const config = JSON.parse(el.getAttribute('data-settings') ?? '{}');
        if (config.developmentOptions?.enableSmokeTestDriver) return;
        config.developmentOptions = { ...config.developmentOptions, enableSmokeTestDriver: true };
        el.setAttribute('data-settings', JSON.stringify(config));
      } catch {
        // not the element we look for
      }
    };
    const find = () => {
      const el = document.getElementById('vscode-workbench-web-configuration');
      if (el) patch(el);
      return el;
    };
    if (find()) return;
    const observer = new MutationObserver(() => {
      if (find()) observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true });
  });
  const output = [];
  const typed = new Set();
  let result;
  try {
    const { page } = browser;
    const exit = new Promise((resolve) => {
      page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code)));
    });
    const onLine = async (line) => {
      output.push(line);
      if (process.env.SF_E2E_VERBOSE) console.log(`    | ${line}`);
      const resultLine = /\[e2e:result\] (\{.*\})/.exec(line);
      if (resultLine) result = JSON.parse(resultLine[1]);
      const typeLine = /\[e2e:type\] (\{.*\})/.exec(line);
      if (typeLine) {
        const { id, text } = JSON.parse(typeLine[1]);
        if (typed.has(id)) return;
        typed.add(id);
        await typeIntoQuickInput(page, text).catch((e) => output.push(`[runner] typing failed: ${e.message}`));
      }
    };
    await page.exposeFunction('codeAutomationLog', (_level, message) => onLine(String(message)));
    // The extension host's console is forwarded to the page's console.
    page.on('console', (msg) => void onLine(msg.text()));
    const payload = [
      ['extensionDevelopmentPath', remote(repoRoot)],
      ['extensionTestsPath', remote(o.testsEntry)],
    ];
    await page.goto(`${server.url}/?folder=${encodeURIComponent(o.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const timeoutMs = o.timeoutMs ?? 180_000;
    const code = await Promise.race([
      exit,
      new Promise((resolve) => setTimeout(resolve, timeoutMs, 'timeout')),
    ]);
    if (code === 'timeout') {
      await saveFailure(page, server, 'ext-host-timeout');
      return { code: 1, passed: result?.passed ?? 0, failed: (result?.failed ?? 0) + 1, failures: [...(result?.failures ?? []), `extension-host suites did not finish within ${timeoutMs / 1000} s`], output };
    }
    if (code !== 0) await saveFailure(page, server, 'ext-host');
    if (!result) result = { passed: 0, failed: 1, failures: [`extension host exited ${code} before mocha reported (activation or load failure?)`] };
    return { code, ...result, output };
  } finally {
    await browser.close();
    await server.stop();
  }
}

/** What a user does: type into the quick input VS Code shows (an input box here) and press Enter. */
async function typeIntoQuickInput(page, text) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(text);
  await input.press('Enter');
}

export async function saveFailure(page, server, name) {
  mkdirSync(resultsDir, { recursive: true });
  const stamp = `${name}-${Date.now()}`;
  await page.screenshot({ path: join(resultsDir, `${stamp}.png`) }).catch(() => {});
  try {
    writeFileSync(join(resultsDir, `${stamp}.code-server.log`), readFileSync(server.logFile));
  } catch {
    // no log yet
  }
}
