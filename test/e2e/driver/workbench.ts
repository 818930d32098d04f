// Reusable playwright-core helpers for driving code-server's workbench with Debian's chromium.
// Every editor feature's UI test (status bar, tree view, hover, code actions, the webview panel)
// builds on these, so they wait for state instead of sleeping and say what they were doing.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

const started = Date.now();

/** Logs with the seconds since the driver started. */
export function log(...args: unknown[]): void {
  console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s]`, ...args);
}

/** The step the driver is in; printed when something fails, so a failure says where it stopped. */
let currentStep = '(starting)';

/** Marks the start of a step and logs it. */
export function step(name: string): void {
  currentStep = name;
  log(`step: ${name}`);
}

export function lastStep(): string {
  return currentStep;
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Closes chromium and removes its profile folder. */
  close(): Promise<void>;
}

/** Launches headless chromium with a fresh profile; browser errors go to the log. */
export async function launchBrowser(options: { viewport?: { width: number; height: number } } = {}): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'paydown-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => log('pageerror:', e.message.slice(0, 300)));
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => undefined);
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The workbench URL for `folder` on a code-server at `base`, with extra query parameters. */
export function workbenchUrl(base: string, folder: string, query: Record<string, string> = {}): string {
  const url = new URL('/', base);
  url.searchParams.set('folder', folder);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return url.toString();
}

/** Opens the workbench on `folder` and waits until the explorer shows the folder's files. */
export async function openWorkbench(page: Page, base: string, folder: string, options: { expectFile?: string } = {}): Promise<void> {
  await page.goto(workbenchUrl(base, folder));
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  if (options.expectFile) {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: options.expectFile }).first().waitFor({ timeout: 60_000 });
  }
}

/**
 * Runs a command from the palette by its title ("Paydown: Rescan Workspace"). Contributed
 * commands appear only once the remote extension host has registered the extension, and an open
 * palette does not refresh, so it reopens the palette until the entry shows.
 */
/**
 * Opens the command palette. F1 goes where the keyboard focus is, and a webview that is still
 * loading (a budget panel restored with its window) can take it and swallow the key: then the
 * title bar's command center, clicked, opens the same quick input.
 */
export async function openPalette(page: Page): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const shown = (timeout: number) => input.waitFor({ state: 'visible', timeout }).then(() => true, () => false);
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('F1');
    if (await shown(2_500)) return;
    await page.locator('.command-center .command-center-center').first().click({ timeout: 2_500 }).catch(() => undefined);
    if (await shown(2_500)) return;
  }
  throw new Error('the command palette did not open: neither F1 nor a click on the command center showed it (4 tries)');
}

export async function runCommand(page: Page, title: string, options: { attempts?: number } = {}): Promise<void> {
  const attempts = options.attempts ?? 15;
  const input = page.locator('.quick-input-widget input');
  for (let i = 0; i < attempts; i++) {
    await openPalette(page);
    try {
      // A window still restoring its views can take the focus back and close the palette just opened: then try again.
      await input.fill('>' + title, { timeout: 5_000 });
      // The list filters as it is typed: Enter takes the focused row, so wait until it is the one asked for.
      await waitForFocusedQuickPickRow(page, title, 2_000);
      await page.keyboard.press('Enter');
      await input.waitFor({ state: 'hidden', timeout: 5_000 });
      return;
    } catch {
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1_000);
    }
  }
  throw new Error(`command "${title}" never appeared in the command palette`);
}

/** A status bar entry by its text (codicons render as empty icons, so match the words). */
export function statusBarEntry(page: Page, text: string | RegExp): Locator {
  return page.locator('.part.statusbar .statusbar-item', { hasText: text }).first();
}

/** Every status bar entry as `id: text`, for failure messages. */
export async function describeStatusBar(page: Page): Promise<string[]> {
  return page.locator('.part.statusbar .statusbar-item').evaluateAll((items) =>
    items.map((el) => `${el.id || '?'}: ${(el.textContent ?? '').trim()}`).filter((s) => !s.endsWith(': ')),
  );
}

/** A status bar entry contributed by an extension, by `<extensionId>.<itemId>` (`paydown.paydown.paydown.status`). */
export function statusBarEntryById(page: Page, id: string): Locator {
  return page.locator(`.part.statusbar .statusbar-item[id="${id}"]`);
}

/** Hovers `target` and returns the hover widget once it shows. */
export async function hover(page: Page, target: Locator, text?: string | RegExp): Promise<Locator> {
  await target.hover();
  const widget = page.locator('.monaco-hover, .workbench-hover', text === undefined ? {} : { hasText: text }).first();
  await widget.waitFor({ state: 'visible', timeout: 10_000 });
  return widget;
}

/** Moves the mouse away and waits for hovers to close. */
export async function dismissHover(page: Page): Promise<void> {
  await page.mouse.move(640, 300);
  await page.keyboard.press('Escape');
  await page.locator('.workbench-hover').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
}

/** The light/dark kind of the current theme, from the workbench's classes. */
export async function themeKind(page: Page): Promise<'light' | 'dark' | 'hc'> {
  const cls = (await page.locator('.monaco-workbench').getAttribute('class')) ?? '';
  if (/\bhc-(black|light)\b/.test(cls)) return 'hc';
  return /\bvs-dark\b/.test(cls) ? 'dark' : 'light';
}

/** Waits until the workbench shows a theme of `kind`. */
export async function waitForTheme(page: Page, kind: 'light' | 'dark' | 'hc'): Promise<void> {
  const cls = kind === 'hc' ? '.monaco-workbench.hc-black' : kind === 'dark' ? '.monaco-workbench.vs-dark' : '.monaco-workbench.vs';
  await page.locator(cls).waitFor({ timeout: 20_000 });
}

/** The document inside the active webview panel (outer iframe, then its `#active-frame`). */
export function webviewFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/** The figures of `paydown budget --format json` the drivers compare the pages with. */
export interface BudgetJson {
  sprint: string;
  budget: number;
  allocated: number;
  paid: number;
  remaining: number;
  kept: number | null;
}

/** Polls `condition` until it holds; throws the message `describe()` builds when `timeoutMs` passes. */
export async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number, describe: () => Promise<string> | string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(await describe());
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Saves a screenshot as `<dir>/<name>.png` and returns its path. */
export async function screenshot(page: Page, dir: string, name: string): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  log(`screenshot: ${path.relative(process.cwd(), file)}`);
  return file;
}

/** Saves a screenshot of one element (e.g. the status bar) as `<dir>/<name>.png`. */
export async function screenshotOf(target: Locator, dir: string, name: string): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await target.screenshot({ path: file });
  log(`screenshot: ${path.relative(process.cwd(), file)}`);
  return file;
}

/**
 * Rewrites the user settings.json of the server under test. The workbench watches the file, so
 * settings such as `workbench.colorTheme` apply without a reload.
 */
export function writeUserSettings(file: string, settings: Record<string, unknown>): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(settings, null, 2));
}

/** Collects named checks, like a tiny test runner, and writes them for the summary. */
export class Checks {
  readonly results: { name: string; ok: boolean; skipped?: boolean; error?: string }[] = [];

  /**
   * Runs `fn` as one check; a failure is recorded, and rethrown when `fatal`. With `after: false`
   * (the check it builds on failed) it is recorded as skipped instead of failing a second time.
   */
  async run(name: string, fn: () => Promise<void>, options: { fatal?: boolean; after?: boolean } = {}): Promise<boolean> {
    if (options.after === false) {
      this.results.push({ name, ok: false, skipped: true });
      log(`SKIP ${name}`);
      return false;
    }
    step(name);
    try {
      await fn();
      this.results.push({ name, ok: true });
      log(`PASS ${name}`);
      return true;
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      this.results.push({ name, ok: false, error });
      log(`FAIL ${name}: ${error}`);
      if (options.fatal) throw err;
      return false;
    }
  }

  get passed(): number {
    return this.results.filter((r) => r.ok).length;
  }

  get failed(): number {
    return this.results.filter((r) => !r.ok && !r.skipped).length;
  }

  get skipped(): number {
    return this.results.filter((r) => r.skipped).length;
  }

  write(file: string): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ passed: this.passed, failed: this.failed, skipped: this.skipped, results: this.results }, null, 2));
  }
}

/**
 * Runs a palette command whose row matches `row` after typing `typed` (for titles that may be
 * worded a little differently, e.g. /Paydown: Group .*By/). Retried like {@link runCommand}.
 */
export async function runCommandMatching(page: Page, typed: string, row: RegExp, options: { attempts?: number } = {}): Promise<string> {
  const attempts = options.attempts ?? 10;
  const input = page.locator('.quick-input-widget input');
  for (let i = 0; i < attempts; i++) {
    await openPalette(page);
    const match = page.locator('.quick-input-list .monaco-list-row', { hasText: row }).first();
    try {
      // As in runCommand: a palette closed before it is filled is opened again.
      await input.fill('>' + typed, { timeout: 5_000 });
      await match.waitFor({ timeout: 2_000 });
      const text = (await match.innerText()).replace(/\s+/g, ' ').trim();
      await match.click();
      return text;
    } catch {
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1_000);
    }
  }
  throw new Error(`no palette command matching ${row} after typing "${typed}"`);
}

/** The rows of the open quick pick, as text. */
export async function quickPickRows(page: Page): Promise<string[]> {
  return page.locator('.quick-input-widget .quick-input-list .monaco-list-row').evaluateAll((rows) =>
    rows.map((r) => (r.textContent ?? '').replace(/\s+/g, ' ').trim()));
}

/** The rows of the open quick pick as text, the focused one (the row Enter takes) marked "▶ ". */
export async function describeQuickPick(page: Page): Promise<string[]> {
  return page.locator('.quick-input-widget .quick-input-list .monaco-list-row').evaluateAll((rows) =>
    rows.map((r) => `${r.classList.contains('focused') ? '▶ ' : ''}${(r.textContent ?? '').replace(/\s+/g, ' ').trim()}`));
}

/**
 * Waits until the quick pick's focused row, the one Enter takes, matches `row`. Typed or filled
 * text reaches the list a little later (Quick Open searches, the palette filters): until then
 * the list and its focus are those of the text before, e.g. the recently opened files, and an
 * Enter takes one of them instead.
 */
export async function waitForFocusedQuickPickRow(page: Page, row: string | RegExp, timeoutMs = 10_000): Promise<void> {
  const focused = page.locator('.quick-input-widget .quick-input-list .monaco-list-row.focused', { hasText: row });
  await focused.first().waitFor({ timeout: timeoutMs }).catch(async () => {
    throw new Error(`the quick pick's focused row never matched ${String(row)}; it shows ${JSON.stringify(await describeQuickPick(page))}`);
  });
}

/** Picks the quick pick row matching `row` (waits for it). */
export async function pickQuickPickRow(page: Page, row: string | RegExp, timeoutMs = 10_000): Promise<void> {
  const match = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: row }).first();
  try {
    await match.waitFor({ timeout: timeoutMs });
  } catch {
    throw new Error(`the quick pick has no row matching ${String(row)}; it shows ${JSON.stringify(await quickPickRows(page))}`);
  }
  await match.click();
}
