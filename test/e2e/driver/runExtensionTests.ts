// Runs the mocha suite inside code-server's extension host: opens the workbench with the payload
// VS Code's own web integration tests use (extensionDevelopmentPath + extensionTestsPath) and waits
// for the exit code the workbench reports through `codeAutomationExit`. The server must run with
// `--vscode-option enable-smoke-test-driver`, or the payload is ignored.
//
// usage: node --import tsx runExtensionTests.ts <baseUrl> <extensionDir> <testsDir> <workspace> <screenshotDir> <resultsDir>
// (the full console goes to <resultsDir>/integration-console.log)
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import { launchBrowser, log, screenshot, step, lastStep, workbenchUrl } from './workbench';

/** Workbench console lines that say nothing about the extension under test. */
const WORKBENCH_NOISE =
  /^\s+at |^(Resolv|Creating a socket|Updating additional builtin|\[(AccountPolicyGate|Service Worker|AgentHost|reconnection-grace-time)|.*open-vsx\.org|.*ENOTFOUND)/;

async function main(): Promise<number> {
  const [base, extDir, testsDir, folder, shots, resultsDir] = process.argv.slice(2);
  if (!base || !extDir || !testsDir || !folder || !shots || !resultsDir) {
    console.error('usage: runExtensionTests.ts <baseUrl> <extensionDir> <testsDir> <workspace> <screenshotDir> <resultsDir>');
    return 2;
  }
  const timeoutMs = Number(process.env.PAYDOWN_E2E_TEST_TIMEOUT_MS ?? 180_000);
  const host = new URL(base).host;
  const remote = (p: string) => `vscode-remote://${host}${path.resolve(p)}`;

  const browser = await launchBrowser();
  const { page } = browser;
  let finish: (code: number | string) => void = () => undefined;
  const done = new Promise<number | string>((resolve) => (finish = resolve));
  try {
    step('expose the smoke-test driver hooks');
    // The workbench forwards its own console and the extension host's (mocha's spec reporter)
    // here. All of it goes to the log file; the workbench's chatter stays off the terminal.
    const consoleLog = fs.createWriteStream(path.join(resultsDir, 'integration-console.log'));
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      // stripVTControlCharacters: mocha's symbols come coloured even with `color: false`.
      const line = util.stripVTControlCharacters(util.format(...(Array.isArray(args) ? args : [args])));
      consoleLog.write(line + '\n');
      if (!WORKBENCH_NOISE.test(line)) console.log(line);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
    page.on('console', (m) => {
      if (m.type() === 'error' && /extension host|paydown/i.test(m.text())) log('[browser]', m.text().slice(0, 400));
    });

    step('open the workbench with the test payload');
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(extDir)],
      ['extensionTestsPath', remote(testsDir)],
      ['skipWelcome', 'true'],
    ]);
    await page.goto(workbenchUrl(base, path.resolve(folder), { payload }));

    step('wait for the extension host tests to finish');
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    const code = await done;
    clearTimeout(timer);
    if (code === 'timeout') {
      log(`FAIL: no exit code from the extension host after ${timeoutMs / 1000}s (last step: ${lastStep()})`);
      await screenshot(page, shots, 'error').catch(() => undefined);
      return 1;
    }
    log(`extension host tests exit code: ${code}`);
    return code === 0 ? 0 : 1;
  } catch (err) {
    log(`ERROR in step "${lastStep()}": ${err instanceof Error ? err.message : String(err)}`);
    await screenshot(page, shots, 'error').catch(() => undefined);
    return 1;
  } finally {
    await browser.close();
  }
}

main().then((code) => process.exit(code), (err: unknown) => {
  console.error(err);
  process.exit(1);
});
