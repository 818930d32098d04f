/**
 * The budget page as ONE self-contained HTML file (`paydown report --format html`, the panel's
 * "Save as HTML"): the webview bundle's JS and CSS inlined, the pages as inert JSON data, and a
 * Content-Security-Policy that allows exactly those inlined script and style blocks (by their
 * sha256) and no network at all.
 *
 * Invariants: nothing from a page is ever written as markup; the JSON is escaped so no text in it
 * (e.g. a title holding `</script>`) can end its script element; the file references no URL.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { BUDGET_PAGE_VERSION, REPORT_DATA_ID, type BudgetPage, type BudgetReport } from '../../protocol/budgetPage';
import { PaydownError } from '../errors';

/** The webview bundle's files, as the build writes them. */
export interface WebviewAssets {
  js: string;
  css: string;
}

export interface HtmlOptions {
  /** The sprint shown first (null or missing: the first page). */
  selected?: string | null;
}

/** The bundle's file names inside the dist folder. */
export const WEBVIEW_ASSETS = { js: 'webview/panel.js', css: 'webview/panel.css' } as const;

/**
 * Reads the webview bundle from `distDir` (the folder holding the built `webview/`).
 * Throws a `path-unreadable` PaydownError when it was not built.
 */
export function loadWebviewAssets(distDir: string): WebviewAssets {
  const read = (file: string) => {
    const full = path.join(distDir, file);
    try {
      return readFileSync(full, 'utf8');
    } catch (cause) {
      throw new PaydownError('path-unreadable', `the budget page's bundle is missing: cannot read ${full}`, 'build it with `npm run build` (a packaged Paydown ships it in dist/webview/)', { cause });
    }
  };
  return { js: read(WEBVIEW_ASSETS.js), css: read(WEBVIEW_ASSETS.css) };
}

/**
 * JSON that is safe inside a `<script type="application/json">`: `<`, `>` and `&` as `\u` escapes
 * (so no `</script>` or `<!--` can appear), and U+2028/2029 too (for any consumer that reads it as
 * script). `JSON.parse` reads it back unchanged.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text for an HTML element or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The standalone page for `pages` (one per sprint, same workspace and day; the first is shown
 * unless `options.selected` names another), with the webview bundle `assets` inlined.
 */
export function renderBudgetPageHtml(pages: BudgetPage[], assets: WebviewAssets, options: HtmlOptions = {}): string {
  if (pages.length === 0) throw new PaydownError('usage', 'an HTML report needs at least one page');
  const report: BudgetReport = { version: BUDGET_PAGE_VERSION, pages, selected: options.selected ?? pages[0]!.sprint?.name ?? null };
  // A bundle is our own code, but a `</script` or `</style` inside one would still end its
  // element early: `<\/` means the same in JS strings and regexes, and in CSS.
  const js = assets.js.replace(/<\/(script)/gi, '<\\/$1');
  const css = assets.css.replace(/<\/(style)/gi, '<\\/$1');
  const first = pages.find((p) => p.sprint?.name === report.selected) ?? pages[0]!;
  const title = `Debt budget · ${first.workspace}${first.sprint ? ` · ${first.sprint.name}` : ''}`;
  const csp = [`default-src 'none'`, `script-src ${sha256(js)}`, `style-src ${sha256(css)}`, `img-src data:`, `font-src data:`, `base-uri 'none'`, `form-action 'none'`].join('; ');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<meta name="generator" content="Paydown">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${css}</style>`,
    '</head>',
    '<body>',
    `<div id="root"><noscript>This report needs JavaScript to draw the debt budget.</noscript></div>`,
    `<script type="application/json" id="${REPORT_DATA_ID}">${scriptSafeJson(report)}</script>`,
    `<script>${js}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
