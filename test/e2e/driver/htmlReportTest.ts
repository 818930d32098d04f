// The `html` phase: `paydown report --format html` opened from file:// in chromium, no server.
// Proves the standalone page is self-contained (every request is routed; any that is not the
// file itself fails the phase), error-free (console and page errors), shows the same figures as
// `paydown budget --format json` for each sprint of its offline picker, toggles chart/table, and
// keeps a hostile title inert. Screenshots (light and dark) into the screenshot folder.
//
// usage: node --import tsx htmlReportTest.ts <repoRoot> <screenshotDir> <resultsFile>
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { Checks, launchBrowser, log } from './workbench';

const TODAY = '2026-11-26';

interface BudgetJson {
  sprint: string;
  budget: number;
  allocated: number;
  paid: number;
  remaining: number;
  kept: number | null;
}

async function main(): Promise<void> {
  const [repo, shots, resultsFile] = process.argv.slice(2);
  if (!repo || !shots || !resultsFile) {
    console.error('usage: htmlReportTest.ts <repoRoot> <screenshotDir> <resultsFile>');
    process.exit(2);
  }
  const cli = path.join(repo, 'dist', 'cli.js');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paydown-html-'));
  const ws = path.join(tmp, 'acme-payments');
  fs.cpSync(path.join(repo, 'test/fixtures/sample-workspace'), ws, { recursive: true });
  // A hostile title: it must reach the page as text, never as markup.
  fs.appendFileSync(path.join(ws, 'src/api/routes.ts'), '\n// TODO: </script><script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2"> effort:1 sprint:2026-S24\n');
  const run = (args: string[]) => execFileSync(process.execPath, [cli, ...args, '--no-cache'], { cwd: ws, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', PAYDOWN_TODAY: TODAY } });
  run(['ledger', 'sync']);
  const html = path.join(tmp, 'budget.html');
  run(['report', '--format', 'html', '-o', html]);
  const expected = (sprint: string) => JSON.parse(run(['budget', '--format', 'json', '--sprint', sprint])) as BudgetJson;

  const checks = new Checks();
  const browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
  const page = browser.page;
  const offFile: string[] = [];
  const consoleErrors: string[] = [];
  await browser.context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file://')) return route.continue();
    offFile.push(url);
    return route.abort();
  });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));

  try {
    await checks.run('the page opens from file:// and draws the current sprint', async () => {
      await page.goto(`file://${html}`);
      await page.getByTestId('figure-budget').waitFor({ timeout: 15_000 });
      const picked = await page.getByTestId('sprint-picker').inputValue();
      if (picked !== '2026-S24') throw new Error(`the picker shows ${picked}, not the current sprint 2026-S24`);
    }, { fatal: true });

    await checks.run('its figures equal `paydown budget --format json` (2026-S24)', () => sameFigures(page, expected('2026-S24')));

    await checks.run('a hostile title stays text: shown verbatim, no script ran', async () => {
      const row = page.locator('tr[data-item-id]', { hasText: '</script><script>' });
      await row.waitFor({ timeout: 5_000 });
      const pwned = await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);
      if (pwned !== undefined) throw new Error(`the injected markup ran (__pwned=${pwned})`);
      if ((await page.locator('img[src="x"]').count()) > 0) throw new Error('the title became an <img> element');
    });

    await shoot(page, shots, 'html-sprint-light', 'light');
    await shoot(page, shots, 'html-sprint-dark', 'dark');

    await checks.run('the picker switches offline to an ended sprint with its own figures (2026-S23)', async () => {
      await page.getByTestId('sprint-picker').selectOption('2026-S23');
      await page.getByTestId('verdict').filter({ hasText: /not kept|kept/ }).waitFor({ timeout: 5_000 });
      await sameFigures(page, expected('2026-S23'));
      const verdict = await page.getByTestId('verdict').innerText();
      if (!/Budget not kept/.test(verdict)) throw new Error(`verdict reads "${verdict}"`);
    });
    await shoot(page, shots, 'html-ended-sprint-light', 'light');

    await checks.run('chart/table toggle: the burn chart becomes its data table and back', async () => {
      await page.getByTestId('chart-burn-chart').waitFor({ timeout: 5_000 });
      await page.getByTestId('view-toggle').click();
      await page.getByTestId('chart-burn-table').locator('table tbody tr').first().waitFor({ timeout: 5_000 });
      if ((await page.getByTestId('chart-burn-chart').count()) !== 0) throw new Error('the chart is still shown in table view');
      await page.getByTestId('view-toggle').click();
      await page.getByTestId('chart-burn-chart').locator('canvas').waitFor({ timeout: 5_000 });
    });

    await checks.run('the Trends tab, by keyboard from the Sprint tab (ArrowRight)', async () => {
      await page.getByTestId('tab-sprint').focus();
      await page.keyboard.press('ArrowRight');
      await page.getByTestId('panel-trends').waitFor({ timeout: 5_000 });
      const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
      if (focused !== 'tab-trends') throw new Error(`focus is on ${focused}`);
      await page.getByTestId('figure-lead-time-median').waitFor({ timeout: 5_000 });
      if ((await page.locator('[data-testid="tab-plan"]').count()) !== 0) throw new Error('the read-only report offers the Plan tab');
    });
    await shoot(page, shots, 'html-trends-light', 'light');
    await shoot(page, shots, 'html-trends-dark', 'dark');
    await page.getByTestId('view-toggle').click();
    await shoot(page, shots, 'html-trends-tables-light', 'light');

    await checks.run('no request left the file (every request routed)', async () => {
      if (offFile.length) throw new Error(`requests off the file: ${offFile.join(', ')}`);
    });
    await checks.run('no console error', async () => {
      if (consoleErrors.length) throw new Error(consoleErrors.join(' | '));
    });
  } finally {
    checks.write(resultsFile);
    await browser.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  log(`html checks: ${checks.passed} passed, ${checks.failed} failed`);
  for (const r of checks.results.filter((x) => !x.ok)) log(`  FAIL ${r.name}: ${r.error}`);
  process.exit(checks.failed ? 1 : 0);
}

/** The page's five figures, read from their data-value, against the CLI's. */
async function sameFigures(page: Page, want: BudgetJson): Promise<void> {
  await page.getByTestId('sprint-range').filter({ hasText: want.sprint }).waitFor({ timeout: 5_000 });
  const got: Record<string, number | null> = {};
  for (const id of ['budget', 'allocated', 'paid', 'remaining', 'kept']) {
    const v = await page.getByTestId(`figure-${id}`).getAttribute('data-value');
    got[id] = v === '' || v === null ? null : Number(v);
  }
  const wanted = { budget: want.budget, allocated: want.allocated, paid: want.paid, remaining: want.remaining, kept: want.kept };
  if (JSON.stringify(got) !== JSON.stringify(wanted)) throw new Error(`page ${JSON.stringify(got)} ≠ CLI ${JSON.stringify(wanted)}`);
  // The visible text says the same (not only the attribute).
  const text = await page.getByTestId('figure-budget').innerText();
  if (!text.startsWith(String(want.budget))) throw new Error(`the budget figure reads "${text}"`);
}

async function shoot(page: Page, dir: string, name: string, scheme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  // Charts redraw on the scheme change; wait a frame for the canvas.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
  log(`screenshot ${name}.png`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
