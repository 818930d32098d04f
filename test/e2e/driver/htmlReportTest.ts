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
import { Checks, launchBrowser, log, type BudgetJson } from './workbench';
import { jupyterText } from '../../support/jupyter';

const TODAY = '2026-11-26';

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
  // A notebook item: its row says its cell, not the .ipynb file's JSON line.
  fs.mkdirSync(path.join(ws, 'notebooks'), { recursive: true });
  fs.writeFileSync(path.join(ws, 'notebooks/reconcile.ipynb'), jupyterText([['markdown', ['# Reconciliation']], ['code', ['totals = ledger.sum()\n', '# DEBT: reconcile totals by currency effort:1 sprint:2026-S24']]]));
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
      const pwned = await page.evaluate('window.__pwned');
      if (pwned !== undefined) throw new Error(`the injected markup ran (__pwned=${pwned})`);
      if ((await page.locator('img[src="x"]').count()) > 0) throw new Error('the title became an <img> element');
    });

    await checks.run('a notebook item\'s row says its cell', async () => {
      const row = page.locator('tr[data-item-id]', { hasText: 'reconcile totals by currency' });
      await row.waitFor({ timeout: 5_000 });
      const place = await row.locator('.file').innerText();
      if (place !== 'notebooks/reconcile.ipynb, cell 2, line 2') throw new Error(`the row's place reads "${place}"`);
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
      const focused = await page.evaluate("document.activeElement?.getAttribute('data-testid')");
      if (focused !== 'tab-trends') throw new Error(`focus is on ${focused}`);
      await page.getByTestId('figure-lead-time-median').waitFor({ timeout: 5_000 });
      if ((await page.locator('[data-testid="tab-plan"]').count()) !== 0) throw new Error('the read-only report offers the Plan tab');
    });
    await shoot(page, shots, 'html-trends-light', 'light');
    await shoot(page, shots, 'html-trends-dark', 'dark');
    await page.getByTestId('view-toggle').click();
    await shoot(page, shots, 'html-trends-tables-light', 'light');

    await checks.run('panel mode (a stub VS Code host): Ready first, then the page; planning by keyboard posts the edited set', async () => {
      await panelMode(page, repo, tmp, shots);
    });

    await checks.run('1,000 items and 24 sprints: the page opens, the item table shows 100 rows and "Show all"', async () => {
      await largePage(page, repo, tmp, shots);
    });

    await checks.run('empty states: no sprints (text, no button in the read-only report), no debt (how to tag)', async () => {
      const bare = path.join(tmp, 'no-sprints');
      fs.mkdirSync(path.join(bare, 'src'), { recursive: true });
      fs.writeFileSync(path.join(bare, 'src/a.ts'), 'export const a = 1;\n');
      const out = path.join(tmp, 'no-sprints.html');
      execFileSync(process.execPath, [cli, 'report', '--format', 'html', '-o', out, '--no-cache'], { cwd: bare, stdio: 'pipe', env: { ...process.env, PAYDOWN_TODAY: TODAY } });
      await page.emulateMedia({ colorScheme: 'light' });
      await page.goto(`file://${out}`);
      await page.getByTestId('empty-no-sprints').waitFor({ timeout: 5_000 });
      if ((await page.getByTestId('create-starter-config').count()) !== 0) throw new Error('the read-only report offers to create a config');
      await shoot(page, shots, 'html-no-sprints-light', 'light');
      fs.mkdirSync(path.join(bare, '.paydown'), { recursive: true });
      fs.writeFileSync(path.join(bare, '.paydown/config.jsonc'), '{ "cadence": { "start": "2026-11-02", "lengthDays": 14, "capacity": 40, "debtBudget": "20%", "name": "S{n}", "firstNumber": 1 } }\n');
      execFileSync(process.execPath, [cli, 'report', '--format', 'html', '-o', out, '--no-cache'], { cwd: bare, stdio: 'pipe', env: { ...process.env, PAYDOWN_TODAY: TODAY } });
      await page.goto(`file://${out}`);
      await page.getByTestId('empty-no-debt').filter({ hasText: '// TODO:' }).waitFor({ timeout: 5_000 });
      await shoot(page, shots, 'html-no-debt-dark', 'dark');
    });

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

/** The generated 1,000-item workspace (test/e2e/fixtures/prepare.mjs) with 150 items in the current sprint. */
async function largePage(page: Page, repo: string, tmp: string, shots: string): Promise<void> {
  const ws = path.join(tmp, 'large');
  const cli = path.join(repo, 'dist', 'cli.js');
  execFileSync(process.execPath, [path.join(repo, 'test/e2e/fixtures/prepare.mjs'), 'large', ws, '--items', '1000'], { stdio: 'pipe' });
  const run = (args: string[]) => execFileSync(process.execPath, [cli, ...args, '--no-cache'], { cwd: ws, encoding: 'utf8', env: { ...process.env, PAYDOWN_TODAY: TODAY }, maxBuffer: 64 * 1024 * 1024 });
  const ids = (JSON.parse(run(['ledger', 'list', '--format', 'json'])) as { items: { id: string }[] }).items.map((i) => i.id).slice(0, 150);
  run(['sprint', 'assign', '--sprint', 'current', ...ids]);
  const out = path.join(tmp, 'large.html');
  run(['report', '--format', 'html', '-o', out]);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(`file://${out}`);
  await page.getByTestId('items-show-all').waitFor({ timeout: 15_000 });
  const shown = await page.locator('[data-testid="items"] tr[data-item-id]').count();
  if (shown !== 100) throw new Error(`${shown} rows before "Show all", not 100`);
  await shoot(page, shots, 'html-large-sprint-light', 'light');
  await page.getByTestId('items-show-all').click();
  const all = await page.locator('[data-testid="items"] tr[data-item-id]').count();
  if (all !== ids.length) throw new Error(`${all} rows after "Show all", not ${ids.length}`);
  await page.getByTestId('tab-trends').click();
  await page.getByTestId('chart-added-paid').waitFor({ timeout: 5_000 });
  await shoot(page, shots, 'html-large-trends-dark', 'dark');
}

interface Posted {
  type: string;
  params: Record<string, unknown>;
}

/**
 * The bundle in PANEL mode: a stub `acquireVsCodeApi` records what the app posts, the test posts
 * `showPage` as the extension would (a planned sprint's page with planning on).
 */
async function panelMode(page: Page, repo: string, tmp: string, shots: string): Promise<void> {
  const dump = path.join(tmp, 'planned.json');
  execFileSync(process.execPath, ['--import', 'tsx', path.join(repo, 'test/support/dumpPage.ts'), path.join(repo, 'test/fixtures/sample-workspace'), dump, TODAY, '2026-S25'], { cwd: repo, stdio: 'pipe' });
  const planned = JSON.parse(fs.readFileSync(dump, 'utf8')) as { planning: { proposed: { id: string; effort: number }[]; room: number } };
  if (planned.planning.proposed.length < 2) throw new Error('the fixture proposes fewer than 2 items for 2026-S25');
  const harness = path.join(tmp, 'panel.html');
  fs.writeFileSync(harness, [
    '<!doctype html><html><head><meta charset="utf-8">',
    `<link rel="stylesheet" href="file://${path.join(repo, 'dist/webview/panel.css')}">`,
    '<script>window.__posted = []; window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => null, setState: (s) => { window.__state = s; } });</script>',
    // The report's fallback colours stand in for the theme VS Code would set.
    '</head><body class="paydown-report vscode-light"><div id="root"></div>',
    `<script src="file://${path.join(repo, 'dist/webview/panel.js')}"></script></body></html>`,
  ].join('\n'));
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(`file://${harness}`);
  await page.getByTestId('loading').waitFor({ timeout: 10_000 });
  // Strings, not functions: the driver is checked without the DOM's types.
  const posted = () => page.evaluate('window.__posted') as Promise<Posted[]>;
  const first = (await posted())[0];
  if (first?.type !== 'ready') throw new Error(`the first message is ${JSON.stringify(first)}, not ready`);
  await page.evaluate((p) => (globalThis as unknown as { postMessage(m: unknown, origin: string): void }).postMessage({ type: 'showPage', params: { page: p, capabilities: { planning: true, export: true, folders: true }, folder: { uri: 'file:///ws', name: 'acme-payments' }, state: { folder: null, sprint: '2026-S25', tab: 'plan', view: 'chart' } } }, '*'), planned);
  await page.getByTestId('panel-plan').waitFor({ timeout: 5_000 });
  for (const id of ['export-save-html', 'export-copy-markdown', 'pick-folder', 'accept-all']) await page.getByTestId(id).waitFor({ timeout: 2_000 });
  await shoot(page, shots, 'panel-plan-light', 'light');
  // Keyboard: the first proposed row goes to the backlog with Enter; ArrowDown then moves focus.
  const removed = planned.planning.proposed[0]!;
  const before = await page.getByTestId('plan-room-left').innerText();
  await page.locator(`[data-testid="proposed-row"][data-item-id="${removed.id}"]`).focus();
  await page.keyboard.press('Enter');
  await page.locator(`[data-testid="backlog-row"][data-item-id="${removed.id}"]`).waitFor({ timeout: 2_000 });
  const followed = await page
    .waitForFunction(`document.activeElement?.getAttribute('data-item-id') === ${JSON.stringify(removed.id)}`, undefined, { timeout: 2_000 })
    .then(() => true, () => false);
  if (!followed) {
    const focused = await page.evaluate("document.activeElement?.getAttribute('data-item-id')");
    throw new Error(`focus did not follow the moved row (on ${String(focused)})`);
  }
  const after = await page.getByTestId('plan-room-left').innerText();
  if (after === before) throw new Error(`the room left did not change (${before})`);
  await page.getByTestId('accept').click();
  const accept = (await posted()).find((m) => m.type === 'acceptProposal');
  const ids = accept?.params.ids as string[] | undefined;
  const want = planned.planning.proposed.slice(1).map((i) => i.id);
  if (!ids || JSON.stringify(ids) !== JSON.stringify(want)) throw new Error(`accept posted ${JSON.stringify(accept)}, want ids ${JSON.stringify(want)}`);
  if (accept?.params.sprint !== '2026-S25') throw new Error(`accept names sprint ${String(accept?.params.sprint)}`);
  // The tab change was kept (setState and SaveState).
  await page.getByTestId('tab-sprint').click();
  const saved = (await posted()).filter((m) => m.type === 'saveState').pop();
  if ((saved?.params.state as { tab?: string } | undefined)?.tab !== 'sprint') throw new Error(`saveState posted ${JSON.stringify(saved)}`);
  const row = page.locator('tr[data-item-id]').first();
  if ((await row.count()) > 0) {
    const id = await row.getAttribute('data-item-id');
    await row.focus();
    await page.keyboard.press('Enter');
    const open = (await posted()).find((m) => m.type === 'openItem');
    if (open?.params.id !== id) throw new Error(`Enter on a row posted ${JSON.stringify(open)}`);
  }
  await page.getByTestId('export-save-html').click();
  const exp = (await posted()).find((m) => m.type === 'export');
  if (exp?.params.kind !== 'save-html') throw new Error(`export posted ${JSON.stringify(exp)}`);
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
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
  log(`screenshot ${name}.png`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
