import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadConfig, LedgerStore } from '../../../src/engine';
import { reviewToMarkdown, sprintReview, type SprintReview } from '../../../src/engine/report';
import { findSprint, resolveSprints } from '../../../src/engine/sprints';
import { htmlText, renderMarkdown } from '../markdown/render';

const SAMPLE = path.resolve(__dirname, '../../fixtures/sample-workspace');
const TODAY = '2026-11-26';

async function review(name: string): Promise<SprintReview> {
  const { config } = loadConfig(SAMPLE);
  const { items } = await LedgerStore.open(SAMPLE).load();
  const sprints = resolveSprints(config, TODAY);
  return sprintReview({ sprint: findSprint(sprints, name, TODAY), sprints, items, config, today: TODAY });
}

const ids = (list: readonly { id: string }[]): string[] => list.map((i) => i.id);

describe('report: the sprint review of the sample workspace', () => {
  // The numbers below are the fixture's story (test/fixtures/generate-sample.ts), counted by hand.
  it('2026-S23: budget 10 (25% of 40), 9 allocated (7 + the unestimated item at the default 2), 5 paid → not kept, 50%', async () => {
    const r = await review('2026-S23');
    assert.equal(r.phase, 'ended');
    assert.equal(r.measuredOn, '2026-11-22');
    assert.equal(r.metrics.budget, 10);
    // As `paydown budget` counts it: the unestimated item at planning.defaultEstimate (2 pts).
    assert.deepEqual(r.metrics.allocated, { count: 4, points: 9, unestimated: 1 });
    assert.deepEqual(r.metrics.paid, { count: 2, points: 5 });
    assert.equal(r.metrics.budgetKept, 0.5);
    assert.equal(r.kept, false);
    assert.deepEqual(ids(r.paid), ['PD-FRD006', 'PD-VA1D08']);
    assert.deepEqual(ids(r.notDone), ['PD-GWER13', 'PD-TM0T15']);
    assert.deepEqual(ids(r.unplanned), ['PD-RPT007']);
    assert.deepEqual(ids(r.added), ['PD-AMT019', 'PD-FEAT22', 'PD-KR5030', 'PD-SBX021']);
    assert.deepEqual(ids(r.reopened), ['PD-CVR909']);
    // Lead times: FRD006 Oct 20 13:00 → Nov 18 15:30 = 29.1 d; VA1D08 Sep 28 16:00 → Nov 20 14:00 = 52.9 d; RPT007 15.0 d.
    assert.deepEqual(r.paid.map((i) => i.days), [29.1, 52.9]);
    assert.deepEqual(r.leadTime, { count: 3, medianDays: 29.1, p85Days: 52.92 });
  });

  it('compares with the earlier sprints: S21 over-allocated (10 of 8) and 62.5% kept, S22 93.75% kept', async () => {
    const r = await review('2026-S23');
    assert.deepEqual(
      r.previous.map((s) => [s.sprint, s.allocated.points, s.paid.points, s.budgetKept, s.added.count, s.resolved.count]),
      [
        ['2026-S21', 10, 5, 0.625, 3, 3],
        ['2026-S22', 7.5, 7.5, 0.9375, 3, 3],
      ],
    );
  });

  it('per outcome: configured ones first, then an unknown one, then items that serve none', async () => {
    const r = await review('2026-S23');
    assert.deepEqual(
      r.outcomes.map((o) => [o.name, o.configured, o.open.count, o.open.points, o.added, o.paid.count, o.resolved]),
      [
        ['reliability', true, 8, 14, 0, 0, 1],
        ['onboarding', true, 5, 12, 1, 0, 0],
        ['compliance', true, 3, 10, 0, 0, 0],
        ['growth', false, 1, 1, 1, 0, 0],
        ['(no outcome)', false, 4, 4, 2, 2, 2],
      ],
    );
  });

  it('the Markdown page has every section and is the same bytes every time', async () => {
    const page = reviewToMarkdown(await review('2026-S23'), { workspace: 'acme-payments' });
    for (const heading of ['# Debt review: 2026-S23', '## Budget: **not kept** (50%)', '## Paid down (2 items, 5 pts)', '## Added (4 items, 2 pts)', '## Oldest open debt', '## Flow against the last 2 sprints', '## By outcome', '## Unestimated (4 items)', '## Discussion prompts']) {
      assert.ok(page.includes(`\n${heading}\n`) || page.startsWith(`${heading}\n`), `missing ${heading}`);
    }
    assert.match(page, /\| \*\*2026-S23\*\* \| 10 pts \| 9 pts \| 5 pts \| 50% \| 4 \| 3 \| 29\.1 \/ 52\.92 \| 10\.22 \/ 11\.19 \|/);
    assert.match(page, /PD-GWER13, PD-TM0T15 were planned and not done/);
    assert.equal(reviewToMarkdown(await review('2026-S23'), { workspace: 'acme-payments' }), page);
  });

  it('the page shows hostile titles, paths and names as written: no HTML, link or image gets through', async () => {
    const r = await review('2026-S23');
    const title = '<img src=x onerror=alert(1)> ![p](http://evil.example/p.png) [c](javascript:alert(1))';
    for (const list of [r.paid, r.notDone, r.added, r.unestimated, r.oldestOpen]) for (const item of list) item.title = title;
    r.oldestOpen[0]!.file = 'src/<b>x</b>|`y`.ts';
    r.sprint = { ...r.sprint, name: '![s](http://evil.example/s.png)' };
    const html = renderMarkdown(reviewToMarkdown(r, { workspace: '<i>ws</i>' }));
    assert.doesNotMatch(html, /<img|<a |<b>|<i>/);
    assert.ok(html.includes(htmlText(title)));
    assert.ok(html.includes(`<code>${htmlText('src/<b>x</b>|`y`.ts')}</code>`), 'a path shows as written, in its cell');
    assert.match(html, /<h1>Debt review: !\[s\]\(http:\/\/evil\.example\/s\.png\)<\/h1>/);
  });

  it('2026-S21: over-allocated, one item carried over into S22, one fixed the day after it appeared', async () => {
    const r = await review('2026-S21');
    assert.deepEqual(ids(r.paid), ['PD-R7TRY1', 'PD-W3BHK2']);
    assert.deepEqual(ids(r.notDone), ['PD-KYC503']);
    assert.deepEqual(ids(r.unplanned), ['PD-SQ1X04']);
    assert.equal(r.previous.length, 0);
    assert.ok(r.prompts.some((p) => p.includes('10 pts was allocated against a 8 pts budget')));
  });

  it('the current sprint is measured today, and its budget is not kept yet', async () => {
    const r = await review('current');
    assert.equal(r.sprint.name, '2026-S24');
    assert.equal(r.phase, 'active');
    assert.deepEqual(r.metrics.allocated, { count: 3, points: 8, unestimated: 0 });
    assert.match(reviewToMarkdown(r), /## Budget: not kept yet \(0% so far\)/);
  });
});
