// The Debt view at scale, measured (printed, not asserted): the packaged extension in a fresh
// code-server on a large workspace, next to the CLI on the same tree. Per workspace:
//   1. the CLI: a first scan with a cache (twice, fresh caches), then two re-scans (the first
//      writes the re-scan summary, the second uses it), and a first scan at the editor's scan
//      priority (`nice -n 10`);
//   2. the editor, cold: the workbench opens (Paydown is not active: no .paydown/ here), its
//      extension host's memory is read, the Debt view is shown; then the time to its first rows
//      and to the complete scan (the status bar's count), the extension's own figure from its
//      log, and the host's memory again;
//   3. what a user sees: screenshots of the folder tree (light and dark), regrouping by tag and
//      back, the note about the ledger (dismissed, and still dismissed after a reload);
//   4. a typed `// TODO:` line: from the last key to the row in the tree (a text filter keeps
//      the row on screen), several times;
//   5. warm starts: two window reloads, each timed from the reload to the first rows and to
//      complete. Both take the re-scan summary's path: after a first scan the scan thread proves
//      the result to git and keeps the summary (the driver waits for it before reloading).
// Figures go to the terminal and to <resultsDir>/figures-<label>.json; the few checks (rows
// show, the scan completes, the note stays dismissed) to <resultsDir>/scale-<label>.json.
//
// usage: node --import tsx scaleTest.ts <baseUrl> <workspace> <userDataDir> <settingsFile> <screenshotDir> <resultsDir> <label>
// env:   PAYDOWN_E2E_SERVER_PGID (the server's process group, for the host's memory),
//        PAYDOWN_E2E_NODE (the Node that runs the CLI: the server's, so both run the same Node),
//        PAYDOWN_CLI (default dist/cli.js),
//        PAYDOWN_E2E_TYPING_ROUNDS (rounds of the typing check, default 1: more to chase a rare failure)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { BASE_SETTINGS, debtRows, describeTree, goToLine, markInputs, median, openFile, revert, THEMES, treeRows, typeTodo, waitForRows } from './debtView';
import { extensionHostPid, paydownLogs, rssMB } from './hostProcess';
import { Checks, lastStep, launchBrowser, log, runCommandMatching, screenshot, screenshotOf, waitForTheme, waitUntil, workbenchUrl, writeUserSettings } from './workbench';

/** An extension host holds at least this much once it has loaded (see the cold phase). */
const HOST_LOADED_MB = 40;
const REPO = path.resolve(__dirname, '..', '..', '..');
const CLI = process.env.PAYDOWN_CLI ?? path.join(REPO, 'dist', 'cli.js');
const NODE = process.env.PAYDOWN_E2E_NODE ?? process.execPath;
const PGID = Number(process.env.PAYDOWN_E2E_SERVER_PGID ?? 0);
/** Rounds of typing in each file (more to chase a rare failure of the typing check). */
const TYPING_ROUNDS = Math.max(1, Number(process.env.PAYDOWN_E2E_TYPING_ROUNDS ?? 1) || 1);
/** The status bar's count once a scan is done, in a workspace without sprints. */
const DONE = /\b(\d[\d,]*) debt items?\b/;

interface CliRun {
  ms: number;
  items: number;
  files: number;
  filesRead: number;
}

interface Figures {
  label: string;
  workspace: string;
  /** The machine's 1-minute load average when this workspace's measuring began and ended (2 cores here). */
  load: { start: number; end?: number; cores: number };
  files?: number;
  items?: number;
  filesWithItems?: number;
  cli: { cold: CliRun[]; coldNice10?: CliRun; rescan?: CliRun; rescanSummary?: CliRun };
  editor: {
    hostMemoryMB: { beforeActivation?: number; afterScan?: number; afterWarmStarts?: number };
    cold?: WindowFigures;
    /** A first scan again (cache deleted, Rescan Workspace) in a window that has settled. */
    settledCold?: WindowFigures;
    warm: WindowFigures[];
    /** From the click on the grouping to the frame with the new rows, measured in the page; and as the harness saw it. */
    regroupMs: Record<string, number>;
    regroupHarnessMs: Record<string, number>;
    /** Per file typed in: from the last key of a `TODO:` line to the frame with its row (in the page); and as the harness saw it. */
    typingMs: Record<string, number[]>;
    typingHarnessMs: Record<string, number[]>;
  };
}

interface WindowFigures {
  /**
   * From the click that shows the view to the extension's activation (cold: its log's clock
   * time), or from reloading the window to its status bar entry (warm).
   */
  activatedMs?: number;
  /** From the extension's activation to the first frame with rows (cold, in the page). */
  activatedToRowsMs?: number;
  /** From showing the view (cold: the click, to the first frame with rows, in the page) or reloading the window (warm) to the first rows. */
  firstRowsMs?: number;
  /** The cold start's first rows as the harness saw them (a 250 ms poll from the palette command's return). */
  firstRowsHarnessMs?: number;
  /** From the same moment to the status bar's count. */
  completeMs?: number;
  /** From the same moment to the re-scan summary in the cache (the settled first scan, proved for the next window). */
  provedMs?: number;
  /** From the workbench being up to the first rows (warm starts). */
  workbenchToRowsMs?: number;
  /** The extension's own "Scanned …" log line. */
  log?: string;
  extensionScanMs?: number;
}

function cliScan(root: string, cacheDir: string, nice = 0): CliRun {
  const args = [CLI, 'scan', '--format', 'json', '--quiet', '--cache-dir', cacheDir];
  const [cmd, argv] = nice > 0 ? ['nice', ['-n', String(nice), NODE, ...args]] : [NODE, args];
  const t0 = performance.now();
  const out = spawnSync(cmd, argv, { cwd: root, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const ms = Math.round(performance.now() - t0);
  if (out.status !== 0 && out.status !== 1) throw new Error(`paydown scan failed (${out.status}): ${out.stderr.slice(0, 500)}`);
  const json = JSON.parse(out.stdout) as { items: { file: string }[]; stats: { files: number; filesRead: number } };
  return { ms, items: json.items.length, files: json.stats.files, filesRead: json.stats.filesRead };
}

async function statusText(page: Page): Promise<string> {
  return (await statusEntry(page).innerText().catch(() => '')).trim();
}

/**
 * Waits for window `windows`'s `nth` "Scanned …" line (1-based; the log reaches disk a little
 * after the fact), without its time stamp.
 */
async function scannedLine(userDataDir: string, windows: number, nth = 1): Promise<string | undefined> {
  let line: string | undefined;
  await waitUntil(async () => {
    const logs = paydownLogs(userDataDir);
    if (logs.length < windows) return false;
    line = logs[windows - 1]!.filter((l) => /\bScanned /.test(l))[nth - 1];
    return line !== undefined;
  }, 20_000, () => '').catch(() => undefined);
  return line?.replace(/^\S+ \S+ \[info\] /, '');
}

/** The extension's cache folder, from its activation line in window `windows`'s log. */
function cacheFolder(userDataDir: string, windows: number): string | undefined {
  const line = paydownLogs(userDataDir)[windows - 1]?.find((l) => /activated in/.test(l));
  const m = line && /; cache: (\/.+)$/.exec(line);
  return m ? m[1] : undefined;
}

/** The clock time (epoch ms) window `windows`'s log gives for Paydown's activation. */
function activationTime(userDataDir: string, windows: number): number | undefined {
  const line = paydownLogs(userDataDir)[windows - 1]?.find((l) => /activated in/.test(l));
  const m = line && / activated in [\d.]+ ms at (\S+Z) /.exec(line);
  return m ? Date.parse(m[1]!) : undefined;
}

/** The status bar's Paydown entry: it exists from the extension's activation on. */
function statusEntry(page: Page) {
  return page.locator('.part.statusbar .statusbar-item[id="paydown.paydown.paydown.status"]');
}

function scannedMs(line: string | undefined): number | undefined {
  const m = line && / items in (\d+) ms/.exec(line);
  return m ? Number(m[1]) : undefined;
}

/** The last lines of window `windows`'s Paydown log, for failure messages. */
function logTail(userDataDir: string, windows: number, lines = 8): string {
  const log = paydownLogs(userDataDir)[windows - 1] ?? [];
  return `the extension's log ends: ${JSON.stringify(log.slice(-lines))}`;
}

async function main(): Promise<number> {
  const [base, workspace, userDataDir, settingsFile, shots, resultsDir, label] = process.argv.slice(2);
  if (!base || !workspace || !userDataDir || !settingsFile || !shots || !resultsDir || !label) {
    console.error('usage: scaleTest.ts <baseUrl> <workspace> <userDataDir> <settingsFile> <screenshotDir> <resultsDir> <label>');
    return 2;
  }
  const checks = new Checks();
  // The server may have measured other workspaces before: this one's windows come after theirs.
  const before = paydownLogs(userDataDir).length;
  const windowNo = (n: number): number => before + n;
  const figures: Figures = { label, workspace, load: { start: round1(os.loadavg()[0]!), cores: os.availableParallelism() }, cli: { cold: [] }, editor: { hostMemoryMB: {}, warm: [], regroupMs: {}, regroupHarnessMs: {}, typingMs: {}, typingHarnessMs: {} } };
  const shot = (page: Page, name: string) => screenshot(page, shots, `${label}-${name}`);
  let typingFiles: string[] = [];

  // 1. The CLI on the same tree.
  await checks.run(`${label}: the CLI scans the workspace`, async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paydown-scale-cli-'));
    try {
      // Untimed: the page cache warm, as the editor's scans later find it (a workspace made by an
      // earlier run may have left it, and the first timed scan read 2.4 s instead of 0.55 s).
      cliScan(workspace, path.join(tmp, 'warm-up'));
      for (let i = 0; i < 2; i++) figures.cli.cold.push(cliScan(workspace, path.join(tmp, `cold${i}`)));
      figures.cli.rescan = cliScan(workspace, path.join(tmp, 'cold1'));
      figures.cli.rescanSummary = cliScan(workspace, path.join(tmp, 'cold1'));
      figures.cli.coldNice10 = cliScan(workspace, path.join(tmp, 'nice'), 10);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    const run = figures.cli.cold[0]!;
    figures.files = run.files;
    figures.items = run.items;
    const quiet = spawnSync(NODE, [CLI, 'scan', '--format', 'json', '--quiet', '--no-cache'], { cwd: workspace, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    // This Node is not the one the unit tests run on: nothing (a V8 flag it does not know, a warning) may reach stderr.
    if (quiet.status !== 0 || quiet.stderr !== '') throw new Error(`paydown scan --quiet under Node ${process.version}: exit ${quiet.status}, stderr ${JSON.stringify(quiet.stderr.slice(0, 500))}`);
    const json = quiet.stdout;
    const files = [...new Set((JSON.parse(json) as { items: { file: string }[] }).items.map((i) => i.file))];
    figures.filesWithItems = files.length;
    // Files to type in: TypeScript (its language server works on every keystroke too) and Python
    // (no language server here: the extension's own path alone).
    typingFiles = [files.find((f) => /\.ts$/.test(f)), files.find((f) => /\.py$/.test(f))].filter((f): f is string => f !== undefined);
    log(`CLI: ${run.files} files, ${run.items} items in ${figures.filesWithItems} files; first scan ${figures.cli.cold.map((c) => c.ms).join(' / ')} ms, re-scan ${figures.cli.rescan.ms} ms, with the summary ${figures.cli.rescanSummary.ms} ms, first scan at nice 10 ${figures.cli.coldNice10.ms} ms`);
  });

  writeUserSettings(settingsFile, { ...BASE_SETTINGS, 'workbench.colorTheme': THEMES.light });
  const browser = await launchBrowser({ viewport: { width: 1400, height: 860 } });
  const { page } = browser;
  try {
    // 2. Cold: the view shown on a workspace Paydown has never seen.
    const cold = await checks.run(`${label}: the Debt view fills in and the scan completes`, async () => {
      await page.goto(workbenchUrl(base, workspace));
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await waitForTheme(page, 'light');
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
      // The explorer can show files before the extension host has started: wait for it.
      let host: number | undefined;
      if (PGID) await waitUntil(async () => (host = extensionHostPid(PGID)) !== undefined, 30_000, () => 'no extension host process').catch(() => undefined);
      // A host just forked is a few MB (one CI run printed 9 MB): read it once Node and the host's
      // own code are in (every host of these runs held 50 MB or more by then).
      if (host !== undefined) await waitUntil(async () => (rssMB(host) ?? 0) >= HOST_LOADED_MB, 15_000, () => 'the extension host never loaded').catch(() => undefined);
      figures.editor.hostMemoryMB.beforeActivation = rssMB(host);
      log(`extension host: pid ${host ?? '?'} in the server's process group ${PGID || '?'}`);
      // The first rows are timed in the page: from the click that shows the view to the first frame
      // with a row (a poll from here would add its interval and round trips).
      await markInputs(page, 'mousedown');
      const t0 = Date.now();
      await runCommandMatching(page, 'Focus on Debt View', /Focus on Debt View/);
      const shown = Date.now();
      const rows = await waitForRows(page, '[]', 1, /./, 60_000);
      if (!rows) throw new Error(`no rows: ${await describeTree(page)}`);
      const first = Date.now();
      const clicked = rows.at - rows.ms;
      await waitUntil(async () => DONE.test(await statusText(page)), 180_000, async () => `the status bar never showed the count: ${JSON.stringify(await statusText(page))}`);
      const done = Date.now();
      const line = await scannedLine(userDataDir, windowNo(1));
      const activated = activationTime(userDataDir, windowNo(1));
      figures.editor.cold = {
        firstRowsMs: Math.round(rows.ms),
        firstRowsHarnessMs: first - shown,
        activatedMs: activated === undefined ? undefined : Math.round(activated - clicked),
        activatedToRowsMs: activated === undefined ? undefined : Math.round(rows.at - activated),
        completeMs: done - Math.round(clicked),
        log: line,
        extensionScanMs: scannedMs(line),
      };
      figures.editor.hostMemoryMB.afterScan = rssMB(PGID ? extensionHostPid(PGID) : undefined);
      const c = figures.editor.cold;
      log(`cold: palette → click ${Math.round(clicked) - t0} ms; click → Paydown activated ${c.activatedMs ?? '?'} ms → first rows +${c.activatedToRowsMs ?? '?'} ms (click → rows ${c.firstRowsMs} ms in the page, ${c.firstRowsHarnessMs} ms as the harness saw it); complete ${c.completeMs} ms after the click; ${line ?? '(no log line)'}`);
      // Where the first rows' wait goes: the extension's own account of its start.
      log(`cold, the extension's log: ${JSON.stringify((paydownLogs(userDataDir)[windowNo(1) - 1] ?? []).filter((l) => /Scanning |First items of |activat/i.test(l)).slice(0, 6))}`);
    }, { fatal: true });

    // 3. What a user sees.
    await checks.run(`${label}: the folder tree`, async () => {
      await waitUntil(async () => (await treeRows(page)).length > 3, 20_000, async () => `few rows: ${await describeTree(page)}`);
      log(`tree: ${await describeTree(page)}`);
      await shot(page, 'tree-light');
      await screenshotOf(page.locator('.part.sidebar'), shots, `${label}-sidebar-light`);
    }, { after: cold });

    await checks.run(`${label}: regrouping by tag and back to folders`, async () => {
      for (const [grouping, pattern] of [['Tag', /^(TODO|FIXME|HACK|XXX|DEBT)\d/], ['Folder', /^\S+\d+$/]] as const) {
        const before = JSON.stringify(await treeRows(page));
        await runCommandMatching(page, 'Paydown Group', /Paydown: Group/i);
        const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: new RegExp(`^\\W*${grouping}`) }).first();
        await row.waitFor({ timeout: 10_000 });
        await markInputs(page, 'mousedown');
        const t0 = Date.now();
        await row.click();
        const inPage = await waitForRows(page, before, 1, pattern, 20_000);
        if (inPage === undefined) throw new Error(`not regrouped by ${grouping}: ${await describeTree(page)}`);
        figures.editor.regroupMs[grouping.toLowerCase()] = Math.round(inPage.ms);
        figures.editor.regroupHarnessMs[grouping.toLowerCase()] = Date.now() - t0;
      }
      log(`regroup (click → new rows, in the page): ${JSON.stringify(figures.editor.regroupMs)}; as the harness saw it: ${JSON.stringify(figures.editor.regroupHarnessMs)}`);
    }, { after: cold });

    const hint = await checks.run(`${label}: the note about the ledger shows once and can be dismissed`, async () => {
      const note = debtRows(page).filter({ hasText: 'Not in the ledger yet' }).first();
      await note.waitFor({ timeout: 10_000 });
      await shot(page, 'ledger-note');
      await note.hover();
      await note.locator('.action-label[aria-label="Dismiss"], .action-label.codicon-close').first().click();
      await note.waitFor({ state: 'detached', timeout: 10_000 });
    }, { after: cold });

    // 4. Typing.
    await checks.run(`${label}: a typed TODO reaches the tree`, async () => {
      if (typingFiles.length === 0) throw new Error('no file with debt to type in');
      await runCommandMatching(page, 'Paydown: Filter Debt', /Paydown: Filter Debt/);
      await page.locator('.quick-input-widget input').fill('typed at scale');
      await page.keyboard.press('Enter');
      try {
        for (let round = 0; round < TYPING_ROUNDS; round++) for (const file of typingFiles) {
          await openFile(page, file);
          const times: number[] = (figures.editor.typingMs[file] ??= []);
          const harness: number[] = (figures.editor.typingHarnessMs[file] ??= []);
          const lines: number[] = [];
          try {
            for (let i = 1; i <= 5; i++) {
              await goToLine(page, 1);
              await page.keyboard.press('Home');
              await page.keyboard.press('Enter');
              await page.keyboard.press('ArrowUp');
              const typed = await typeTodo(page, `typed at scale number ${i}`, file.endsWith('.py') ? '#' : '//', () => logTail(userDataDir, windowNo(1)));
              times.push(typed.ms);
              harness.push(typed.harnessMs);
              lines.push(typed.typingMs);
            }
            await shot(page, `typed-${path.extname(file).slice(1)}`);
          } finally {
            await page.keyboard.press('Escape');
            await revert(page).catch((err: unknown) => log(`revert: ${String(err)}`));
          }
          log(`typed TODO → its row in ${file}: ${times.slice(-5).join(', ')} ms in the page (harness: ${harness.slice(-5).join(', ')}; each line typed in ${lines.join(', ')} ms)`);
        }
        // A TypeScript editor left open would start its language server on every reload below.
        await runCommandMatching(page, 'View: Close All Editors', /View: Close All Editors(?! in)/).catch((err: unknown) => log(`close editors: ${String(err)}`));
      } finally {
        // The warm starts below need the whole tree: undo the filter, come what may.
        await runCommandMatching(page, 'Paydown: Clear Debt Filter', /Paydown: Clear Debt Filter/).catch((err: unknown) => log(`clear filter: ${String(err)}`));
      }
    }, { after: cold });

    // A first scan again, once the window has settled: the extension against the CLI on equal terms.
    await checks.run(`${label}: a first scan again in a settled window (cache deleted, Rescan Workspace)`, async () => {
      const cache = cacheFolder(userDataDir, windowNo(1));
      if (!cache) throw new Error('no cache folder in the extension\'s log');
      fs.rmSync(path.join(cache, 'scan-cache'), { recursive: true, force: true });
      await runCommandMatching(page, 'Paydown: Rescan Workspace', /Paydown: Rescan Workspace/);
      const t0 = Date.now();
      const line = await scannedLine(userDataDir, windowNo(1), 2);
      await waitUntil(async () => DONE.test(await statusText(page)), 120_000, async () => `the status bar never showed the count: ${JSON.stringify(await statusText(page))}`);
      const completeMs = Date.now() - t0;
      // The scan thread then proves the result for the next window: the summary the warm starts use.
      const summary = (): boolean => fs.readdirSync(path.join(cache, 'scan-cache'), { withFileTypes: true }).some((d) => d.isDirectory() && fs.existsSync(path.join(cache, 'scan-cache', d.name, 'scan-summary.bin')));
      await waitUntil(async () => summary(), 30_000, () => 'the first scan was not proved for the next window: no scan-summary.bin in the cache');
      figures.editor.settledCold = { completeMs, provedMs: Date.now() - t0, log: line, extensionScanMs: scannedMs(line) };
      log(`settled first scan: ${line ?? '(no log line)'}; proved for the next window ${Date.now() - t0} ms after Rescan`);
    }, { after: cold });

    // 5. Warm starts.
    // The host serving the last warm window, taken as its rows show: by the time the figures are
    // read, the server may have started another host (the newest is then a 32 MB newcomer).
    let warmHost: number | undefined;
    for (let i = 0; i < 2; i++) {
      await checks.run(`${label}: warm start ${i + 1} (window reload)`, async () => {
        const t0 = await reloadWindow(page);
        await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
        const up = Date.now();
        await statusEntry(page).waitFor({ timeout: 60_000 }).catch(() => undefined);
        const activated = Date.now();
        await waitUntil(async () => (await debtRows(page).count()) > 0, 60_000, async () => {
          await shot(page, `warm-${i + 1}-no-rows`);
          return `no rows after the reload: ${await describeTree(page)}; the side bar shows ${JSON.stringify((await page.locator('.part.sidebar').innerText().catch(() => '')).slice(0, 300))}`;
        });
        const first = Date.now();
        if (PGID) warmHost = extensionHostPid(PGID);
        await waitUntil(async () => DONE.test(await statusText(page)), 120_000, async () => `the status bar never showed the count: ${JSON.stringify(await statusText(page))}`);
        const done = Date.now();
        const line = await scannedLine(userDataDir, windowNo(2 + i));
        figures.editor.warm.push({ activatedMs: activated - t0, firstRowsMs: first - t0, completeMs: done - t0, workbenchToRowsMs: first - up, log: line, extensionScanMs: scannedMs(line) });
        log(`warm ${i + 1}: reload → workbench ${up - t0} ms, Paydown active ${activated - t0} ms, first rows ${first - t0} ms, complete ${done - t0} ms; ${line ?? '(no log line)'}`);
      }, { after: cold });
    }
    figures.editor.hostMemoryMB.afterWarmStarts = rssMB(warmHost);
    await checks.run(`${label}: the dismissed note stays dismissed after a reload`, async () => {
      await waitUntil(async () => (await treeRows(page)).length > 0, 30_000, async () => describeTree(page));
      if ((await treeRows(page)).some((r) => r.text.startsWith('Not in the ledger yet'))) throw new Error('the note is back');
    }, { after: hint });
    await checks.run(`${label}: the folder tree in the dark theme`, async () => {
      writeUserSettings(settingsFile, { ...BASE_SETTINGS, 'workbench.colorTheme': THEMES.dark });
      await reloadWindow(page);
      await waitForTheme(page, 'dark');
      await waitUntil(async () => (await treeRows(page)).length > 3, 60_000, async () => `few rows: ${await describeTree(page)}`);
      await shot(page, 'tree-dark');
      await screenshotOf(page.locator('.part.sidebar'), shots, `${label}-sidebar-dark`);
    }, { after: cold });
  } catch (err) {
    log(`ERROR in step "${lastStep()}": ${err instanceof Error ? err.message : String(err)}`);
    await screenshot(page, shots, `${label}-error`).catch(() => undefined);
  } finally {
    await browser.close();
  }

  figures.load.end = round1(os.loadavg()[0]!);
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, `figures-${label}.json`), JSON.stringify(figures, null, 2));
  checks.write(path.join(resultsDir, `scale-${label}.json`));
  printFigures(figures);
  log(`scale checks (${label}): ${checks.passed} passed, ${checks.failed} failed, ${checks.skipped} skipped`);
  for (const r of checks.results.filter((x) => !x.ok)) log(`  ${r.skipped ? 'SKIP' : 'FAIL'} ${r.name}${r.error ? `: ${r.error}` : ''}`);
  return checks.failed === 0 ? 0 : 1;
}

/**
 * Reloads the window as a user does (Developer: Reload Window: the workbench shuts down, saving
 * its state, then loads again); returns when the command was chosen.
 */
async function reloadWindow(page: Page): Promise<number> {
  const navigated = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame(), timeout: 60_000 });
  await runCommandMatching(page, 'Developer: Reload Window', /Developer: Reload Window/);
  const t0 = Date.now();
  await navigated;
  return t0;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function printFigures(f: Figures): void {
  const ms = (x: number | undefined): string => (x === undefined ? '—' : `${x.toLocaleString('en')} ms`);
  const cliCold = median(f.cli.cold.map((c) => c.ms));
  const ratio = (x: number | undefined, y: number | undefined): string => (x && y ? `${(x / y).toFixed(2)}×` : '—');
  const rows: [string, string][] = [
    ['workspace', `${f.workspace} (${f.files?.toLocaleString('en')} files, ${f.items?.toLocaleString('en')} items in ${f.filesWithItems?.toLocaleString('en')} files)`],
    ['machine load (1-min average, start → end)', `${f.load.start} → ${f.load.end ?? '?'} on ${f.load.cores} cores`],
    ['CLI first scan (cache written), median', ms(cliCold)],
    ['CLI first scan at nice 10', ms(f.cli.coldNice10?.ms)],
    ['CLI re-scan / with the re-scan summary', `${ms(f.cli.rescan?.ms)} / ${ms(f.cli.rescanSummary?.ms)}`],
    ['editor cold: view shown → first rows (click → frame, in the page)', `${ms(f.editor.cold?.firstRowsMs)} (harness: ${ms(f.editor.cold?.firstRowsHarnessMs)})`],
    ['editor cold: view shown → Paydown activated → first rows', `${ms(f.editor.cold?.activatedMs)} → +${ms(f.editor.cold?.activatedToRowsMs)}`],
    ['editor cold: view shown → complete (status bar)', `${ms(f.editor.cold?.completeMs)} (${ratio(f.editor.cold?.completeMs, cliCold)} the CLI's first scan)`],
    ['editor cold: the extension\'s own scan', `${ms(f.editor.cold?.extensionScanMs)} (${ratio(f.editor.cold?.extensionScanMs, cliCold)} the CLI's)`],
    ['editor, settled window: first scan again (its own figure)', `${ms(f.editor.settledCold?.extensionScanMs)} (${ratio(f.editor.settledCold?.extensionScanMs, cliCold)} the CLI's); proved for the next window ${ms(f.editor.settledCold?.provedMs)} after Rescan`],
    ...f.editor.warm.map((w, i): [string, string] => [
      `editor warm ${i + 1}: reload → Paydown active / first rows / complete`,
      `${ms(w.activatedMs)} / ${ms(w.firstRowsMs)} / ${ms(w.completeMs)}; workbench up → rows ${ms(w.workbenchToRowsMs)}; extension's scan ${ms(w.extensionScanMs)} (CLI with the summary ${ms(f.cli.rescanSummary?.ms)})`,
    ]),
    ['extension host memory (RSS): before / after the scan / after warm starts', `${f.editor.hostMemoryMB.beforeActivation ?? '—'} / ${f.editor.hostMemoryMB.afterScan ?? '—'} / ${f.editor.hostMemoryMB.afterWarmStarts ?? '—'} MB`],
    ['regroup (click → rows, in the page): tag / folder', `${ms(f.editor.regroupMs.tag)} / ${ms(f.editor.regroupMs.folder)} (harness: ${ms(f.editor.regroupHarnessMs.tag)} / ${ms(f.editor.regroupHarnessMs.folder)})`],
    ...Object.entries(f.editor.typingMs).map(([file, times]): [string, string] => [
      `typed TODO → row, ${path.extname(file)} file (median, in the page)`,
      `${ms(median(times))} (${times.join(', ')}; harness median ${ms(median(f.editor.typingHarnessMs[file] ?? []))})`,
    ]),
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\n== Debt view at scale: ${f.label} ==`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
  for (const [i, w] of [f.editor.cold, ...f.editor.warm].entries()) if (w?.log) console.log(`  log (${i === 0 ? 'cold' : `warm ${i}`}): ${w.log}`);
  console.log('');
}

if (require.main === module) {
  main().then((code) => process.exit(code), (err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
