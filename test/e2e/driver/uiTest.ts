// UI test against the packaged .vsix installed into a fresh code-server: the status bar shows the
// fixture's debt count, in the light and the dark theme, with screenshots of both.
//
// usage: node --import tsx uiTest.ts <baseUrl> <workspace> <userSettingsFile> <screenshotDir> <resultsFile>
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import {
  Checks, dismissHover, hover, lastStep, launchBrowser, log, openWorkbench, runCommand, screenshot, screenshotOf,
  statusBarEntry, waitForTheme, writeUserSettings,
} from './workbench';

/** Settings every UI run starts from: no welcome page, no chat, no update checks. */
export const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
};

const THEMES = { light: 'Default Light Modern', dark: 'Default Dark Modern' } as const;

interface Expected {
  count: number;
  byTag: Record<string, number>;
}

async function main(): Promise<number> {
  const [base, folder, settingsFile, shots, resultsFile] = process.argv.slice(2);
  if (!base || !folder || !settingsFile || !shots || !resultsFile) {
    console.error('usage: uiTest.ts <baseUrl> <workspace> <userSettingsFile> <screenshotDir> <resultsFile>');
    return 2;
  }
  const expected = JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/basic.expected.json'), 'utf8')) as Expected;
  const countText = `${expected.count} debt ${expected.count === 1 ? 'item' : 'items'}`;
  const checks = new Checks();
  const browser = await launchBrowser();
  const { page } = browser;

  const checkTheme = async (kind: 'light' | 'dark') => {
    await checks.run(`${kind} theme: the status bar shows "${countText}"`, async () => {
      await waitForTheme(page, kind);
      const entry = statusBarEntry(page, countText);
      await entry.waitFor({ timeout: 60_000 });
      await screenshot(page, shots, `workbench-${kind}`);
      await screenshotOf(page.locator('.part.statusbar'), shots, `statusbar-${kind}`);
    });
    await checks.run(`${kind} theme: the tooltip lists the count per tag`, async () => {
      const widget = await hover(page, statusBarEntry(page, countText), 'TODO');
      const text = await widget.innerText();
      for (const [tag, n] of Object.entries(expected.byTag)) {
        if (!new RegExp(`${tag}\\s+${n}\\b`).test(text)) throw new Error(`tooltip has no "${tag} ${n}": ${JSON.stringify(text)}`);
      }
      await screenshot(page, shots, `tooltip-${kind}`);
      await dismissHover(page);
    });
  };

  writeUserSettings(settingsFile, { ...BASE_SETTINGS, 'workbench.colorTheme': THEMES.light });
  try {
    await checks.run('the workbench opens the fixture workspace', async () => {
      await openWorkbench(page, base, folder, { expectFile: 'scripts' });
    }, { fatal: true });

    await checkTheme('light');

    await checks.run('"Paydown: Rescan Workspace" from the palette rescans', async () => {
      await runCommand(page, 'Paydown: Rescan Workspace');
      await statusBarEntry(page, countText).waitFor({ timeout: 60_000 });
    });

    writeUserSettings(settingsFile, { ...BASE_SETTINGS, 'workbench.colorTheme': THEMES.dark });
    await switchTheme(page, 'dark');
    await checkTheme('dark');
  } catch (err) {
    log(`ERROR in step "${lastStep()}": ${err instanceof Error ? err.message : String(err)}`);
  }
  if (checks.failed > 0) {
    log(`the UI test failed; last step: ${lastStep()}`);
    await screenshot(page, shots, 'error').catch(() => undefined);
  }
  await browser.close();
  checks.write(resultsFile);
  log(`UI checks: ${checks.passed} passed, ${checks.failed} failed`);
  return checks.failed === 0 ? 0 : 1;
}

/** Waits for the settings file change to reach the workbench; reloads once if it does not. */
async function switchTheme(page: Page, kind: 'light' | 'dark'): Promise<void> {
  try {
    await waitForTheme(page, kind);
  } catch {
    log(`the ${kind} theme did not apply live; reloading the workbench`);
    await page.reload();
    await waitForTheme(page, kind);
  }
}

if (require.main === module) {
  main().then((code) => process.exit(code), (err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
