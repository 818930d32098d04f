import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadWebviewAssets, PaydownError, renderBudgetPageHtml, reportSprintNames, scriptSafeJson } from '../../../src/engine';
import type { BudgetPage, BudgetReport } from '../../../src/protocol';

const sample = (): BudgetPage => JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/pages/sample.json'), 'utf8'));
const assets = { js: 'console.log("app")', css: 'body{color:red}' };

function dataOf(html: string): BudgetReport {
  const m = /<script type="application\/json" id="paydown-report">([^<]*)<\/script>/.exec(html);
  assert.ok(m);
  return JSON.parse(m[1]!);
}

function hash(text: string): string {
  return `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
}

describe('renderBudgetPageHtml', () => {
  it('a hostile title cannot end the data script: <, >, & and U+2028/2029 are escaped, and read back unchanged', () => {
    const page = sample();
    const hostile = '</script><script>alert(1)</script> <!-- & \u2028\u2029 </SCRIPT >';
    page.sprint!.items[0]!.title = hostile;
    page.workspace = '<b>"ws"</b>';
    const html = renderBudgetPageHtml([page], assets);
    const data = /<script type="application\/json" id="paydown-report">([^]*?)<\/script>/.exec(html)![1]!;
    assert.doesNotMatch(data, /[<>&\u2028\u2029]/);
    assert.equal(dataOf(html).pages[0]!.sprint!.items[0]!.title, hostile);
    // Exactly the two script elements the page is made of.
    assert.equal(html.match(/<script/gi)!.length, 2);
    assert.equal(html.match(/<\/script/gi)!.length, 2);
    // The workspace name in <title> is text.
    assert.match(html, /<title>Debt budget · &lt;b&gt;&quot;ws&quot;&lt;\/b&gt; · 2026-S24<\/title>/);
  });

  it('scriptSafeJson round-trips every character', () => {
    const value = { s: '<>&\u2028\u2029"\'\\/\u0000é😀' };
    assert.deepEqual(JSON.parse(scriptSafeJson(value)), value);
  });

  it('the CSP allows exactly the inlined script and style by their sha256, and no network', () => {
    const html = renderBudgetPageHtml([sample()], assets);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!;
    assert.equal(csp, `default-src 'none'; script-src ${hash(assets.js)}; style-src ${hash(assets.css)}; img-src data:; font-src data:; base-uri 'none'; form-action 'none'`);
    assert.ok(html.includes(`<script>${assets.js}</script>`));
    assert.ok(html.includes(`<style>${assets.css}</style>`));
  });

  it('a bundle holding </script or </style cannot end its element early; the hash covers what is inlined', () => {
    const js = 'var s = "</script>";';
    const css = 'a::after{content:"</style>"}';
    const html = renderBudgetPageHtml([sample()], { js, css });
    assert.ok(html.includes('<script>var s = "<\\/script>";</script>'));
    assert.ok(html.includes(hash('var s = "<\\/script>";')));
    assert.ok(html.includes('content:"<\\/style>"'));
  });

  it('embeds every page with the selected sprint; the first when none is named', () => {
    const pages = [sample(), JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/pages/sample-S23.json'), 'utf8')) as BudgetPage];
    assert.equal(dataOf(renderBudgetPageHtml(pages, assets)).selected, '2026-S24');
    const chosen = dataOf(renderBudgetPageHtml(pages, assets, { selected: '2026-S23' }));
    assert.equal(chosen.selected, '2026-S23');
    assert.equal(chosen.pages.length, 2);
  });

  it('loadWebviewAssets: a missing bundle is a PaydownError that says to build', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'paydown-assets-'));
    assert.throws(() => loadWebviewAssets(dir), (err) => PaydownError.is(err, 'path-unreadable') && /webview\/panel\.js/.test(err.message) && /npm run build/.test(err.hint ?? ''));
  });
});

describe('reportSprintNames', () => {
  it('the report embeds every started sprint but the shown one; planned sprints stay out', () => {
    assert.deepEqual(reportSprintNames(sample()), ['2026-S21', '2026-S22', '2026-S23']);
    const s23 = JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/pages/sample-S23.json'), 'utf8')) as BudgetPage;
    assert.deepEqual(reportSprintNames(s23), ['2026-S21', '2026-S22', '2026-S24']);
  });
});
