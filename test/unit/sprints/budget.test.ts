import * as assert from 'node:assert/strict';
import { computeBudget, type Sprint } from '../../../src/engine/sprints';
import { item, planning } from './helpers';

const S24: Sprint = { name: 'S24', start: '2026-11-02', end: '2026-11-13', capacity: 40, debtBudget: { share: 0.2 }, squad: null, source: 'config' };

/** A ledger with one item per rule; the comments give each item's part in the hand computation. */
const ledger = [
  item('PD-00000A', { sprint: 'S24', effort: 3, resolvedAt: '2026-11-05', impact: 'high' }), // allocated 3, paid 3
  item('PD-00000B', { sprint: 'S24', effort: 2 }), // allocated 2, to do
  item('PD-00000C', { sprint: 'S24', effort: 1.5, resolvedAt: '2026-11-20' }), // allocated 1.5, resolved after the end: not paid
  item('PD-00000D', { sprint: 'S24', effort: 5, status: 'wont-fix' }), // not counted, warned
  item('PD-00000E', { sprint: 'S24', effort: null }), // unestimated: 0 (or the default)
  item('PD-00000F', { effort: 2, resolvedAt: '2026-11-10' }), // paid unplanned 2
  item('PD-00000G', { sprint: 'S23', effort: 1, resolvedAt: '2026-11-03' }), // paid unplanned 1 (planned elsewhere)
  item('PD-00000H', { effort: 4 }), // open, unplanned: nothing
  item('PD-00000I', { sprint: 'S24', effort: 0.5, resolvedAt: '2026-11-13' }), // last day (inclusive): paid 0.5
  item('PD-00000J', { effort: 7, resolvedAt: '2026-11-01' }), // resolved the day before: nothing
];

describe('budget math', () => {
  it('computes every figure of an ended sprint by hand', () => {
    const b = computeBudget(S24, ledger, planning(), '2026-11-16');
    assert.equal(b.phase, 'ended');
    assert.equal(b.budget, 8); // 40 × 20%
    assert.equal(b.allocated, 7); // 3 + 2 + 1.5 + 0 + 0.5
    assert.equal(b.paid, 3.5); // 3 + 0.5
    assert.equal(b.remaining, 3.5); // 7 − 3.5
    assert.equal(b.unallocated, 1); // 8 − 7
    assert.equal(b.paidUnplanned, 3); // 2 + 1
    assert.equal(b.kept, 0.4375); // 3.5 ÷ 8
    assert.deepEqual(b.items.map((i) => i.id), ['PD-00000B', 'PD-00000E', 'PD-00000A', 'PD-00000C', 'PD-00000I', 'PD-00000D']);
    assert.deepEqual(b.unplanned.map((i) => i.id), ['PD-00000F', 'PD-00000G']);
    assert.deepEqual(
      b.warnings.map((w) => [w.code, w.severity, w.message]),
      [
        ['under-allocated', 'warning', 'only 7 pts of the 8 pts budget is allocated; at least 8 pts (100%) should be once the sprint has started'],
        ['unestimated', 'warning', '1 item without an estimate counts 0 pts: PD-00000E (estimate them, or set planning.defaultEstimate)'],
        ['budget-not-kept', 'warning', 'the sprint ended with 3.5 pts of the 8 pts budget paid down (43.8%)'],
        ['wont-fix-allocated', 'warning', '1 item marked wont-fix is still allocated (not counted): PD-00000D (run `paydown sprint unassign`)'],
      ],
    );
  });

  it('reports each item with its counted effort, estimate flag, outcome and resolution day', () => {
    const config = planning({ outcomes: [{ name: 'reliability', description: '', paths: ['src/**'], labels: [] }] });
    const b = computeBudget(S24, ledger, config, '2026-11-16');
    const a = b.items.find((i) => i.id === 'PD-00000A')!;
    assert.deepEqual(a, {
      id: 'PD-00000A',
      title: 'title of PD-00000A',
      tag: 'DEBT',
      status: 'resolved',
      effort: 3,
      estimated: true,
      effortSource: 'item',
      impact: 'high',
      outcome: 'reliability',
      file: 'src/a.ts',
      line: 1,
      cell: null,
      resolvedAt: '2026-11-05',
      paid: true,
    });
    const e = b.items.find((i) => i.id === 'PD-00000E')!;
    assert.deepEqual([e.effort, e.estimated, e.effortSource, e.resolvedAt, e.paid], [null, false, 'none', null, false]);
    assert.equal(b.items.find((i) => i.id === 'PD-00000C')!.paid, false);
  });

  it('with a default estimate, unestimated items count it (flagged) and can over-allocate; before the start nothing is "not kept"', () => {
    const b = computeBudget(S24, ledger, planning({ planning: { defaultEstimate: 2, weights: { impact: 1, age: 1, due: 1, interest: 1 }, interestDays: 90 } }), '2026-11-01');
    assert.equal(b.phase, 'planned');
    assert.equal(b.allocated, 9); // 7 + 2
    assert.equal(b.unallocated, -1);
    assert.equal(b.remaining, 5.5);
    const e = b.items.find((i) => i.id === 'PD-00000E')!;
    assert.deepEqual([e.effort, e.estimated, e.effortSource], [2, false, 'default']);
    assert.deepEqual(
      b.warnings.map((w) => [w.code, w.severity, w.message]),
      [
        ['over-allocated', 'warning', '9 pts allocated is 1 pt over the protected budget of 8 pts'],
        ['estimated-by-default', 'info', '1 item without an estimate counts the default of 2 pts: PD-00000E'],
        ['wont-fix-allocated', 'warning', '1 item marked wont-fix is still allocated (not counted): PD-00000D (run `paydown sprint unassign`)'],
      ],
    );
  });

  it('under-allocation is a soft planning hint before the start, a warning once started (by check.minAllocatedShare)', () => {
    const items = [item('PD-00000A', { sprint: 'S24', effort: 5 })];
    const config = planning({ check: { untracked: true, required: [], tags: [], minAllocatedShare: 0.75 } });
    const before = computeBudget(S24, items, config, '2026-11-01');
    assert.deepEqual(before.warnings.map((w) => [w.code, w.severity, w.message]), [
      ['planning-hint', 'info', '3 pts of the 8 pts budget is not allocated yet; allocate at least 6 pts before the sprint starts on 2026-11-02 (try `paydown sprint plan --auto-fill`)'],
    ]);
    const started = computeBudget(S24, items, config, '2026-11-02');
    assert.equal(started.phase, 'active');
    assert.deepEqual(started.warnings.map((w) => w.code), ['under-allocated']);
    // 6 of 8 is exactly 75%: no warning.
    assert.deepEqual(computeBudget(S24, [...items, item('PD-00000B', { sprint: 'S24', effort: 1 })], config, '2026-11-02').warnings, []);
  });

  it('a budget in points, over the capacity, is warned about; a kept budget is not', () => {
    const sprint: Sprint = { ...S24, capacity: 5, debtBudget: { points: 6 } };
    const items = [item('PD-00000A', { sprint: 'S24', effort: 6, resolvedAt: '2026-11-04' })];
    const b = computeBudget(sprint, items, planning(), '2026-12-01');
    assert.deepEqual([b.budget, b.allocated, b.paid, b.remaining, b.unallocated, b.kept], [6, 6, 6, 0, 0, 1]);
    assert.deepEqual(b.warnings.map((w) => w.code), ['over-capacity']);
  });

  it('fractional points add up without floating-point noise', () => {
    const sprint: Sprint = { ...S24, capacity: 30, debtBudget: { share: 0.15 } };
    const items = [0.1, 0.2, 0.25].map((effort, i) => item(`PD-0000${i}A`, { sprint: 'S24', effort }));
    const b = computeBudget(sprint, items, planning(), '2026-11-05');
    assert.equal(b.budget, 4.5);
    assert.equal(b.allocated, 0.55);
    assert.equal(b.unallocated, 3.95);
  });

  it('a zero budget has no kept share', () => {
    const b = computeBudget({ ...S24, debtBudget: { points: 0 } }, [], planning(), '2026-11-20');
    assert.equal(b.kept, null);
    assert.deepEqual(b.warnings, []);
  });
});
