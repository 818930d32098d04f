import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { LedgerStore } from '../../../src/engine/ledger/store';
import { burnDown, computeMetrics } from '../../../src/engine/metrics';

const root = path.join(__dirname, '../../fixtures/metrics/small');
const sprint = { name: '2026-S05', start: '2026-03-09', end: '2026-03-20', budget: 4 };

/**
 * test/fixtures/metrics/small: three item files in the real format.
 *   PD-3K7M2Q seen 02 Mar 09:00, → S05 09 Mar 10:00, estimated 2 at 10:01, resolved 11 Mar 15:00
 *   PD-8W4N6T seen 20 Feb 12:00, → S05 09 Mar 10:05, 1.5 pts, still scheduled
 *   PD-Q9R2XZ seen 10 Mar 08:00, resolved unscheduled 12 Mar 08:00, 0.5 pts
 */
describe('metrics: a fixture ledger read from disk', () => {
  it('loads and measures the sprint as of its end', async () => {
    const snapshot = await LedgerStore.open(root).load();
    assert.deepEqual(snapshot.errors, []);
    const m = computeMetrics({ items: snapshot.items, sprints: [sprint], asOf: '2026-03-20', outcomes: [] });
    const s = m.perSprint[0]!;
    // Only Q9R2XZ was first seen within the sprint (3K7M2Q on 02 Mar, before it began).
    assert.deepEqual(s.added, { count: 1, points: 0.5 });
    assert.deepEqual(s.resolved, { count: 2, points: 2.5 });
    assert.deepEqual(s.allocated, { count: 2, points: 3.5, unestimated: 0 });
    assert.deepEqual(s.paid, { count: 1, points: 2 });
    assert.equal(s.budgetKept, 0.5);
    // 3K7M2Q 02 Mar 09:00 → 11 Mar 15:00 = 9.25 d; Q9R2XZ 2 d.
    assert.deepEqual(m.leadTime, { count: 2, medianDays: 5.63, p85Days: 9.25 });
    // 09 Mar 10:00 → 11 Mar 15:00 = 2.2083 d.
    assert.deepEqual(m.cycleTime, { count: 1, medianDays: 2.21, p85Days: 2.21 });
    assert.equal(m.resolvedUnscheduled, 1);
    // 8W4N6T: 20 Feb 12:00 → 20 Mar 23:59:59.999 = 28.5 d.
    assert.deepEqual(m.oldestOpen.map((o) => [o.id, o.ageDays]), [['PD-8W4N6T', 28.5]]);
    assert.deepEqual(m.groups.label.map((g) => [g.name, g.metrics.leadTime.count]), [['perf', 2], ['(none)', 0]]);
  });

  it('burns down: both items allocated on day 1 (3K7M2Q estimated at 2 that day), 3K7M2Q paid on day 3', async () => {
    const { items } = await LedgerStore.open(root).load();
    const b = burnDown(items, sprint, '2026-03-12');
    assert.equal(b.planned, 3.5);
    assert.deepEqual(
      b.days.slice(0, 5).map((d) => [d.date, d.allocated, d.paid, d.remaining]),
      [
        ['2026-03-09', 3.5, 0, 3.5],
        ['2026-03-10', 3.5, 0, 3.5],
        ['2026-03-11', 3.5, 2, 1.5],
        ['2026-03-12', 3.5, 2, 1.5],
        ['2026-03-13', null, null, null],
      ],
    );
  });
});
