import * as assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildOnce, paydown, repoRoot } from './runCli';

function sampleCopy(): string {
  const root = path.join(mkdtempSync(path.join(tmpdir(), 'paydown-html-')), 'acme-payments');
  cpSync(path.join(repoRoot, 'test/fixtures/sample-workspace'), root, { recursive: true });
  return root;
}

/** The report embedded in the page, parsed back. */
function embedded(html: string): { pages: { sprint: { name: string; budget: number; allocated: number; paid: number; remaining: number; kept: number | null; items: { title: string }[] } | null }[]; selected: string } {
  const m = /<script type="application\/json" id="paydown-report">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(m, 'the page embeds its data');
  return JSON.parse(m[1]!);
}

describe('paydown report --format html (CLI)', () => {
  before(buildOnce);
  const env = { PAYDOWN_TODAY: '2026-11-26' };

  it('writes one self-contained file: no remote reference, a CSP of default-src none, scripts by hash', () => {
    const root = sampleCopy();
    const out = path.join(root, 'budget.html');
    const run = paydown(['report', '--format', 'html', '-o', out, '--no-cache'], { cwd: root, env });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /wrote the budget page of 2026-S24 \(\d+ sprints\) to /);
    const html = readFileSync(out, 'utf8');
    assert.match(html, /^<!doctype html>/);
    assert.doesNotMatch(html, /\b(src|href|action)\s*=\s*["']?\s*(https?:)?\/\//i, 'no remote src/href');
    assert.doesNotMatch(html, /<link\b/i, 'no linked resource');
    assert.doesNotMatch(html, /url\(\s*["']?(https?:)?\/\//i, 'no remote CSS url()');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    assert.match(csp, /^default-src 'none'; /);
    assert.match(csp, /script-src 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:/);
    // Exactly two scripts: the data block and the app.
    assert.equal(html.match(/<script\b/g)?.length, 2);
    assert.ok(statSync(out).size < 600_000, `the page weighs ${statSync(out).size} bytes`);
  });

  it('the selected sprint\'s figures equal `budget --format json` for the same sprint and day; the picker has the started sprints', () => {
    const root = sampleCopy();
    for (const sprint of ['2026-S23', '2026-S24']) {
      const run = paydown(['report', '--format', 'html', '--sprint', sprint, '--no-cache'], { cwd: root, env });
      assert.equal(run.status, 0, run.stderr);
      const report = embedded(run.stdout);
      assert.equal(report.selected, sprint);
      const page = report.pages.find((p) => p.sprint?.name === sprint)!.sprint!;
      const budget = JSON.parse(paydown(['budget', '--format', 'json', '--sprint', sprint, '--no-cache'], { cwd: root, env }).stdout);
      assert.deepEqual(
        { budget: page.budget, allocated: page.allocated, paid: page.paid, remaining: page.remaining, kept: page.kept },
        { budget: budget.budget, allocated: budget.allocated, paid: budget.paid, remaining: budget.remaining, kept: budget.kept },
      );
      const review = JSON.parse(paydown(['report', '--format', 'json', '--sprint', sprint, '--no-cache'], { cwd: root, env }).stdout);
      assert.equal(page.paid, review.metrics.paid.points);
      assert.equal(page.kept, review.metrics.budgetKept);
      // Every started sprint has its page, so the offline picker can switch to it.
      assert.deepEqual(report.pages.map((p) => p.sprint?.name).sort(), ['2026-S21', '2026-S22', '2026-S23', '2026-S24']);
      // Whichever sprint a page shows, its Trends are the workspace's: the same on every page.
      const [first, ...rest] = report.pages as unknown as { trends: unknown }[];
      for (const other of rest) assert.deepEqual(other.trends, first!.trends);
    }
  });

  it('a title holding </script><script>alert(1)</script> stays inert data', () => {
    const root = sampleCopy();
    appendFileSync(path.join(root, 'src/api/routes.ts'), '\n// TODO: </script><script>alert(1)</script> & <b>bold</b> effort:1 sprint:2026-S24\n');
    assert.equal(paydown(['ledger', 'sync', '--no-cache'], { cwd: root, env }).status, 0);
    const run = paydown(['report', '--format', 'html', '--no-cache'], { cwd: root, env });
    assert.equal(run.status, 0, run.stderr);
    assert.ok(!run.stdout.includes('</script><script>alert(1)'), 'the closing tag sequence appears unescaped');
    assert.ok(!run.stdout.includes('<b>bold'), 'markup from a title appears unescaped');
    const titles = embedded(run.stdout).pages[0]!.sprint!.items.map((i) => i.title);
    assert.ok(titles.some((t) => t.startsWith('</script><script>alert(1)</script> & <b>bold</b>')), `the title reads back unchanged: ${titles.join(' | ')}`);
  });

  it('no sprints: the page still renders (the no-sprints state), exit 0', () => {
    const root = path.join(mkdtempSync(path.join(tmpdir(), 'paydown-html-')), 'empty');
    cpSync(path.join(repoRoot, 'test/fixtures/sample-workspace/src'), path.join(root, 'src'), { recursive: true });
    const run = paydown(['report', '--format', 'html', '--no-cache'], { cwd: root, env });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(embedded(run.stdout).pages[0]!.sprint, null);
    const out = path.join(root, 'budget.html');
    const saved = paydown(['report', '--format', 'html', '-o', out, '--no-cache'], { cwd: root, env });
    assert.match(saved.stderr, /wrote the budget page \(no sprints configured: it says how to add them\) to /);
  });
});
