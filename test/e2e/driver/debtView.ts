// The Debt view, the editor and the status bar as the UI drivers (uiTest.ts, scaleTest.ts) see
// and drive them: locators, waits that say what they waited for, and the few gestures the tests
// share. Built on workbench.ts.
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describeQuickPick, describeStatusBar, log, pickQuickPickRow, runCommandMatching, waitForFocusedQuickPickRow, waitUntil } from './workbench';

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
  'editor.hover.delay': 150,
  'files.autoSave': 'off',
};

export const THEMES = { light: 'Default Light Modern', dark: 'Default Dark Modern', hc: 'Default High Contrast' } as const;

// ---------------------------------------------------------------------------------------------
// The Debt view.

/** Rows of the side bar's tree (the Paydown container shows only the Debt view). */
// Sticky scroll repeats the current group's row on top (after the rows in the DOM): not a row of its own.
const DEBT_ROWS = '.part.sidebar .pane-body .monaco-list-row:not(.monaco-tree-sticky-row)';

export function debtRows(page: Page): Locator {
  return page.locator(DEBT_ROWS);
}

/**
 * From here on, the page notes the time of every `type` event (its `timeStamp`, the moment the
 * input reached the page): {@link waitForRows} and {@link typeTodo} measure from the last one to
 * the frame that shows the result, the latency a user sees. Measured outside the page, a figure
 * would also hold Playwright's checks before a click and the round trips of its polling.
 */
export async function markInputs(page: Page, type: 'keydown' | 'mousedown'): Promise<void> {
  await page.evaluate((type) => {
    const w = globalThis as unknown as { __pdInputAt?: number; __pdFirstInputAt?: number; __pdHooked?: Record<string, boolean>; addEventListener(t: string, f: (e: { timeStamp: number }) => void, capture: boolean): void };
    w.__pdInputAt = undefined;
    w.__pdFirstInputAt = undefined;
    w.__pdHooked ??= {};
    if (w.__pdHooked[type]) return;
    w.__pdHooked[type] = true;
    w.addEventListener(type, (e) => {
      w.__pdFirstInputAt ??= e.timeStamp;
      w.__pdInputAt = e.timeStamp;
    }, true);
  }, type);
}

/** The frame {@link waitForRows} waited for. */
export interface RowsFrame {
  /** Milliseconds from the last input {@link markInputs} noted (NaN when none was). */
  ms: number;
  /** The frame's wall-clock time (epoch milliseconds), to set beside the extension's log. */
  at: number;
}

/**
 * Waits until the rows differ from `before` (a {@link treeRows} JSON) and a row of `level` reads
 * `pattern` (its text before ` ·`), checked in the page at every frame. Gives that frame, or
 * undefined when the rows never came.
 */
export async function waitForRows(page: Page, before: string, level: number, pattern: RegExp, timeoutMs: number): Promise<RowsFrame | undefined> {
  return page
    .waitForFunction(
      ({ selector, before, level, source, flags }) => {
        const w = globalThis as unknown as { __pdInputAt?: number; performance: { now(): number; timeOrigin: number }; document: { querySelectorAll(s: string): Iterable<{ getAttribute(n: string): string | null; textContent: string | null }> } };
        const rows = [...w.document.querySelectorAll(selector)].map((r) => ({ level: Number(r.getAttribute('aria-level') ?? '0'), text: (r.textContent ?? '').replace(/\s+/g, ' ').trim() }));
        const re = new RegExp(source, flags);
        const done = JSON.stringify(rows) !== before && rows.some((r) => r.level === level && re.test(r.text.replace(/\s·.*$/, '')));
        const now = w.performance.now();
        return done ? { ms: now - (w.__pdInputAt ?? Number.NaN), at: w.performance.timeOrigin + now } : false;
      },
      { selector: DEBT_ROWS, before, level, source: pattern.source, flags: pattern.flags },
      { polling: 'raf', timeout: timeoutMs },
    )
    .then(async (handle) => (await handle.jsonValue()) as RowsFrame, () => undefined);
}

/** Every visible row as `level|text`, for assertions and failure messages. */
export async function treeRows(page: Page): Promise<{ level: number; text: string }[]> {
  return debtRows(page).evaluateAll((rows) => rows.map((r) => ({
    level: Number(r.getAttribute('aria-level') ?? '0'),
    text: (r.textContent ?? '').replace(/\s+/g, ' ').trim(),
  })));
}

export async function describeTree(page: Page): Promise<string> {
  return JSON.stringify((await treeRows(page)).map((r) => `${'  '.repeat(Math.max(0, r.level - 1))}${r.text}`));
}

/** Opens the Debt view (its focus command) and waits for rows. */
export async function showDebtView(page: Page, options: { rows?: boolean } = {}): Promise<void> {
  await runCommandMatching(page, 'Focus on Debt View', /Focus on Debt View/);
  await page.locator('.part.sidebar .title-label, .part.sidebar .composite.title, .part.sidebar .pane-header', { hasText: /debt|paydown/i }).first().waitFor({ timeout: 20_000 });
  if (options.rows !== false) {
    await waitUntil(async () => (await debtRows(page).count()) > 0, 30_000, async () => {
      // What shows instead (a welcome content, a message, a progress bar) says which state the view is in.
      const sidebar = (await page.locator('.part.sidebar').innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 300);
      const status = (await page.locator('.part.statusbar').innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 200);
      return `the Debt view shows no rows: ${await describeTree(page)}; the side bar reads ${JSON.stringify(sidebar)}; the status bar ${JSON.stringify(status)}`;
    });
  }
}

/** Waits until the tree has a top-level row whose text matches. */
export async function expectGroup(page: Page, label: string, count: number): Promise<void> {
  // Label and description render without a space between them, the count first ("invoice.ts3 · src/billing").
  const pattern = new RegExp(`^${escapeRegExp(label)}${count}( · .*)?$`);
  await waitUntil(async () => (await treeRows(page)).some((r) => r.level === 1 && pattern.test(r.text)), 15_000,
    async () => `no top-level group "${label}" with ${count}; the tree shows ${await describeTree(page)}`);
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Asserts that Paydown has not been activated in this window: Running Extensions lists the
 * activated extensions (once it lists any, the list is complete), and the status bar has no
 * Paydown entry.
 */
export async function expectNotActivated(page: Page): Promise<void> {
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 30_000 });
  // A tall window shows the whole (virtualised) list of Running Extensions at once.
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: viewport?.width ?? 1400, height: 3000 });
  try {
    await runCommandMatching(page, 'Show Running Extensions', /Developer: Show Running Extensions/);
    const rows = page.locator('.runtime-extensions-editor .monaco-list-row');
    const names = async (): Promise<string[]> => rows.evaluateAll((els) => els.map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim()));
    // Merge Conflict activates on onStartupFinished, the event Paydown no longer uses: once it
    // is listed and nothing is still activating, startup's activations are all in the list.
    await waitUntil(async () => {
      const now = await names();
      return now.some((n) => /^Merge Conflict/.test(n)) && !now.some((n) => /Activating/.test(n));
    }, 30_000, async () => `Running Extensions never settled with Merge Conflict: ${JSON.stringify(await names())}`);
    const running = await names();
    if (running.some((n) => /paydown/i.test(n))) throw new Error(`Paydown is running in a folder that never used it: ${JSON.stringify(running)}`);
    if (await page.locator('.part.statusbar .statusbar-item[id^="paydown."]').count()) throw new Error('the status bar has a Paydown entry');
    log(`${running.length} extensions running, Paydown not among them`);
    await page.keyboard.press('Escape');
    await rows.first().waitFor({ state: 'detached', timeout: 10_000 });
  } finally {
    if (viewport) await page.setViewportSize(viewport);
  }
  // The workbench laid out at 3,000 px does not always lay its panes out again at the real size:
  // a view container first shown afterwards could keep an empty body. A user's window never
  // jumps like that, so the check continues in the same window reloaded at its real size (a
  // reload activates nothing new: Paydown is still not needed here).
  await page.reload();
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 30_000 });
}

/** Collapses every group of the Debt view with its title bar's "Collapse All". */
export async function collapseAll(page: Page): Promise<void> {
  await page.locator('.part.sidebar').hover();
  const button = page.locator('.part.sidebar .actions-container .action-label.codicon-collapse-all, .part.sidebar .actions-container .action-label[aria-label^="Collapse All"]').first();
  await button.waitFor({ timeout: 10_000 });
  await button.click();
  await waitUntil(async () => (await treeRows(page)).every((r) => r.level === 1), 10_000, async () => `Collapse All left ${await describeTree(page)}`);
}

export async function groupBy(page: Page, grouping: 'Folder' | 'File' | 'Tag' | 'Sprint'): Promise<void> {
  await runCommandMatching(page, 'Paydown Group', /Paydown: Group/i);
  await pickQuickPickRow(page, new RegExp(`^\\W*${grouping}`));
}

/**
 * Types `// TODO: <title>` (or another comment marker) at the cursor and returns the milliseconds from its last key to the
 * tree's row with the whole title (the row must be on screen: expanded, or kept there by a filter).
 */
/**
 * Types a `TODO:` line whose title is `title` and waits for its row: the milliseconds from the
 * last key reaching the page to the frame that shows the row (see {@link markInputs}), and, for
 * comparison, as the harness saw it (from sending the key to hearing of the row); and how long
 * the line took to type, first key to last.
 */
export async function typeTodo(page: Page, title: string, comment = '//', explain?: () => Promise<string> | string): Promise<{ ms: number; harnessMs: number; typingMs: number }> {
  // Noted from the first key on: a round trip to the page between the last two keys would break
  // the burst the extension sees, and time a pause no typist makes.
  await markInputs(page, 'keydown');
  await page.keyboard.type(`${comment} TODO: ${title.slice(0, -1)}`, { delay: 5 });
  const t0 = Date.now();
  await page.keyboard.press(title.slice(-1));
  const shown = await page
    .waitForFunction(
      ({ selector, title }) => {
        const w = globalThis as unknown as { __pdInputAt?: number; __pdFirstInputAt?: number; performance: { now(): number }; document: { querySelectorAll(s: string): Iterable<{ textContent: string | null }> } };
        const wanted = title.toLowerCase();
        const shown = [...w.document.querySelectorAll(selector)].some((r) => (r.textContent ?? '').replace(/\s+/g, ' ').toLowerCase().includes(wanted));
        const last = w.__pdInputAt ?? Number.NaN;
        return shown ? { ms: w.performance.now() - last, typingMs: last - (w.__pdFirstInputAt ?? Number.NaN) } : false;
      },
      { selector: DEBT_ROWS, title },
      { polling: 'raf', timeout: 15_000 },
    )
    .then(async (handle) => (await handle.jsonValue()) as { ms: number; typingMs: number }, () => undefined);
  if (shown === undefined) {
    // Whether the keys reached the editor, and what the extension made of them: a failure says which half failed.
    throw new Error(`the tree never showed "${title}": ${await describeTree(page)}; ${await describeEditing(page)}${explain ? `; ${await explain()}` : ''}`);
  }
  return { ms: Math.round(shown.ms), harnessMs: Date.now() - t0, typingMs: Math.round(shown.typingMs) };
}

/**
 * Where the keyboard goes and what the editor holds, for failure messages: the focused element
 * (and the part of the workbench it is in), the active tab, the cursor, the first lines of the
 * active editor, an open quick input or suggest widget, and what the Debt view shows instead of rows.
 */
export async function describeEditing(page: Page): Promise<string> {
  const text = async (target: Locator, max: number): Promise<string | null> =>
    (await target.count()) === 0 ? null : ((await target.first().textContent({ timeout: 2_000 }).catch(() => '')) ?? '').replace(/\s+/g, ' ').trim().slice(0, max);
  const visible = (target: Locator): Promise<boolean> => target.first().isVisible().catch(() => false);
  // No named functions inside: the bundler's name helper does not exist in the page.
  const focus = await page.locator('body').evaluate((body) => {
    const el = body.ownerDocument.activeElement ?? body;
    const area = el.closest('.quick-input-widget, .suggest-widget, .find-widget, .notifications-toasts, .dialog-box, .editor-instance, .part.sidebar, .part.panel, .part.auxiliarybar, .part.statusbar, .part.titlebar, .part.activitybar');
    return [el, area].map((e) => {
      if (!e) return 'no known part';
      const cls = typeof e.className === 'string' ? e.className.trim().split(/\s+/).slice(0, 3).join('.') : '';
      const label = e.getAttribute('aria-label');
      return `${e.tagName.toLowerCase()}${cls ? `.${cls}` : ''}${label ? `[aria-label="${label.slice(0, 80)}"]` : ''}`;
    }).join(' in ');
  }, undefined, { timeout: 2_000 }).catch((err: unknown) => `unknown (${String(err).split('\n')[0]})`);
  const quick = page.locator('.quick-input-widget');
  const tab = page.locator('.tabs-container .tab.active');
  const state = {
    title: await page.title().catch(() => '?'),
    focus,
    tab: `${await text(tab, 80)}${(await tab.first().getAttribute('class').catch(() => ''))?.includes('dirty') ? ' (dirty)' : ''}`,
    quickInput: (await visible(quick)) ? await quick.locator('input').first().inputValue({ timeout: 2_000 }).catch(() => '?') : null,
    suggest: (await visible(page.locator('.editor-widget.suggest-widget.visible'))) ? await text(page.locator('.suggest-widget .monaco-list'), 120) : null,
    welcome: await text(page.locator('.part.sidebar .welcome-view-content'), 160),
    view: await text(page.locator('.part.sidebar .composite.title'), 120),
    cursorLine: (await cursorLine(page)) ?? null,
    editorFirstLines: await editorText(page).then((t) => t.split('\n').slice(0, 6).join(' ⏎ ')).catch(() => '?'),
  };
  return `keyboard focus and editor: ${JSON.stringify(state)}`;
}

/** The median of some figures (rounded), or undefined for none. */
export function median(xs: readonly number[]): number | undefined {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? undefined : s.length % 2 ? s[(s.length - 1) / 2] : Math.round((s[s.length / 2 - 1]! + s[s.length / 2]!) / 2);
}

export function itemRow(page: Page, text: string | RegExp): Locator {
  return debtRows(page).filter({ hasText: text }).first();
}

// ---------------------------------------------------------------------------------------------
// The editor and the status bar.

/** The cursor position the status bar shows ("Ln 13, Col 1"). */
export async function cursorLine(page: Page): Promise<number | undefined> {
  const text = await page.locator('.part.statusbar .statusbar-item[id="status.editor.selection"]').innerText().catch(() => '');
  const m = /Ln (\d+)/.exec(text);
  return m ? Number(m[1]) : undefined;
}

export async function goToLine(page: Page, line: number): Promise<void> {
  const editor = await activeEditorName(page);
  await page.keyboard.press('Control+p');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 5_000 });
  await input.fill(`:${line}`);
  // Until Quick Open has switched to going to a line, Enter would open the focused recently opened file.
  await waitForFocusedQuickPickRow(page, new RegExp(`\\bline ${line}\\b`, 'i'), 5_000);
  await page.keyboard.press('Enter');
  await waitUntil(async () => (await cursorLine(page)) === line && !(await input.isVisible()) && (await activeEditorName(page)) === editor, 5_000,
    async () => `the cursor is not on line ${line} of ${editor}; ${await describeEditing(page)}`);
}

/** The editor's visible text (monaco renders non-breaking spaces). */
export async function editorText(page: Page): Promise<string> {
  return (await page.locator('.editor-instance .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
}

export async function openFile(page: Page, file: string): Promise<void> {
  await page.keyboard.press('Control+p');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 5_000 });
  await input.fill(file);
  // Enter takes the focused row: until the search for `file` has answered, that is a recently
  // opened file (the one shown, say), and the row waited for may be its neighbour in that list.
  const dir = path.dirname(file);
  await waitForFocusedQuickPickRow(page, new RegExp(`^${escapeRegExp(path.basename(file))}${dir === '.' ? '' : escapeRegExp(dir)}`), 10_000);
  const rows = await describeQuickPick(page);
  await page.keyboard.press('Enter');
  // The tab shows as active before the editor has loaded and taken the keyboard; the window's title follows the editor.
  await waitUntil(async () => (await activeEditorName(page)) === path.basename(file), 10_000,
    async () => `Quick Open did not open ${file}: its rows were ${JSON.stringify(rows)} when Enter was pressed; ${await describeEditing(page)}`);
}

/**
 * The active editor's name from the window's title ("● load_event.py - scale-30000 - code-server"):
 * it changes once the editor has loaded and taken the keyboard, its tab shows as active before.
 */
async function activeEditorName(page: Page): Promise<string> {
  return (await page.title()).replace(/^●\s*/, '').split(' - ')[0]!.trim();
}

/** Reverts the active editor's unsaved changes. */
export async function revert(page: Page): Promise<void> {
  await runCommandMatching(page, 'File: Revert File', /File: Revert File/);
  await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
}

export function budgetText(allocated: number, budget: number): RegExp {
  return new RegExp(`Debt\\s+${allocated}\\s*/\\s*${budget}\\s*pts`);
}

export async function expectBudget(page: Page, allocated: number, budget: number): Promise<void> {
  const entry = page.locator('.part.statusbar .statusbar-item', { hasText: budgetText(allocated, budget) }).first();
  try {
    await entry.waitFor({ timeout: 20_000 });
  } catch {
    throw new Error(`the status bar never showed "Debt ${allocated}/${budget} pts"; it shows ${JSON.stringify(await describeStatusBar(page))}`);
  }
}

