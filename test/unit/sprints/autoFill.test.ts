import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { autoFill, solveKnapsack, valueItem, type KnapsackItem, type Sprint } from '../../../src/engine/sprints';
import type { LedgerItem, ListedItem } from '../../../src/engine';
import { interestIndex } from '../../../src/engine/interest/interest';
import { item, planning } from './helpers';

const S24: Sprint = { name: 'S24', start: '2026-11-02', end: '2026-11-13', capacity: 40, debtBudget: { share: 0.25 }, squad: null, source: 'config' };
const TODAY = '2026-10-28';
const WEIGHTS = { impact: 1, age: 0.5, due: 1, interest: 1 };

/** A listed item (as `overlayLive` gives it) carrying the comment's due date. */
function listed(ledger: LedgerItem, due: string | null = null): ListedItem {
  const comment = due === null ? null : ({ due } as ListedItem['comment']);
  return { item: ledger, comment, file: ledger.file, line: ledger.line, cell: null };
}

/** Every subset, best first: most value, then fewest points, then the earliest items in `order`. */
function bruteForce(items: readonly KnapsackItem[], capacity: number): number[] {
  let best: { mask: number; value: number; weight: number } | null = null;
  const n = items.length;
  for (let mask = 0; mask < 1 << n; mask++) {
    let value = 0;
    let weight = 0;
    for (let i = 0; i < n; i++) {
      if (!(mask & (1 << i))) continue;
      value += items[i]!.value;
      weight += items[i]!.weight;
    }
    if (weight > capacity) continue;
    if (!best || value > best.value || (value === best.value && (weight < best.weight || (weight === best.weight && earlierFirst(mask, best.mask, n))))) best = { mask, value, weight };
  }
  return [...Array(n).keys()].filter((i) => best!.mask & (1 << i));
}

/** True when `a` includes the first item (in order) on which it differs from `b`. */
function earlierFirst(a: number, b: number, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const x = a & (1 << i);
    const y = b & (1 << i);
    if (x !== y) return x !== 0;
  }
  return false;
}

describe('auto-fill: value', () => {
  it('scores impact, age (whole 30-day months, capped at 12) and due date against the sprint', () => {
    const v = (impact: 'low' | 'medium' | 'high' | 'critical' | null, firstSeen: string, due: string | null) => valueItem({ impact, firstSeen, due }, S24, WEIGHTS, TODAY);
    // high 3 + 5 months (151 days) × 0.5 + due inside the sprint 3
    assert.deepEqual(v('high', '2026-05-30', '2026-11-10'), { impact: 3, age: 2.5, due: 3, interest: 0, total: 8.5, months: 5, dueKind: 'in-sprint' });
    assert.deepEqual(v('critical', '2024-01-01', '2026-10-01'), { impact: 5, age: 6, due: 4, interest: 0, total: 15, months: 34, dueKind: 'overdue' });
    assert.deepEqual(v(null, '2026-10-20', '2027-01-01'), { impact: 1, age: 0, due: 1, interest: 0, total: 2, months: 0, dueKind: 'later' });
    assert.deepEqual(v('low', '2026-09-28', null), { impact: 1, age: 0.5, due: 0, interest: 0, total: 1.5, months: 1, dueKind: 'none' });
    // Due after today but before the sprint starts: overdue by the time the sprint runs.
    assert.equal(v('medium', '2026-10-01', '2026-10-30').dueKind, 'overdue');
    assert.equal(v('medium', '2026-10-01', '2026-11-13').dueKind, 'in-sprint');
  });
});

const config = planning({ planning: { defaultEstimate: null, weights: WEIGHTS, interestDays: 90 } });

describe('auto-fill: proposal', () => {
  // Budget 10 (40 × 25%); 4 pts already allocated → room 6.
  const ledger = [
    listed(item('PD-0000AA', { sprint: 'S24', effort: 4 })),
    listed(item('PD-0000B1', { effort: 3, impact: 'high', firstSeen: '2026-05-30' }), '2026-11-10'), // 8.5
    listed(item('PD-0000B2', { effort: 3, impact: 'critical', firstSeen: '2026-10-20' })), // 5
    listed(item('PD-0000B3', { effort: 2, impact: 'medium', firstSeen: '2026-08-29' })), // 2 + 1 = 3
    listed(item('PD-0000B4', { effort: 1, impact: 'low', firstSeen: '2026-10-01' })), // 1
    listed(item('PD-0000B5', { effort: null, impact: 'critical' })), // unestimated
    listed(item('PD-0000B6', { effort: 7, impact: 'critical', firstSeen: '2025-01-01' })), // 5 + 12 months capped × 0.5 = 11, but larger than the room
    listed(item('PD-0000B7', { effort: 1, sprint: 'S25' })), // in another sprint: not a candidate
    listed(item('PD-0000B8', { effort: 1, status: 'in-progress' })), // not open: not a candidate
  ];

  it('picks the most valuable set that fits the room, explains each pick and what did not fit', () => {
    const p = autoFill(S24, ledger, config, TODAY);
    assert.equal(p.room, 6);
    // B1 + B2 = 13.5 for 6 pts beats B1 + B3 + B4 = 12.5 for 6 pts.
    assert.deepEqual(p.picked.map((c) => c.id), ['PD-0000B1', 'PD-0000B2']);
    assert.equal(p.effort, 6);
    assert.equal(p.value, 13.5);
    assert.equal(p.exact, true);
    assert.equal(p.picked[0]!.explanation, 'high impact (3) · 5 months old (2.5) · due 2026-11-10 in this sprint (3) → value 8.5 for 3 pts');
    assert.equal(p.picked[1]!.explanation, 'critical impact (5) · less than a month old (0) → value 5 for 3 pts');
    assert.deepEqual(
      p.leftOut.map((l) => [l.id, l.reason, l.message]),
      [
        ['PD-0000B5', 'unestimated', 'no estimate (and no planning.defaultEstimate)'],
        ['PD-0000B6', 'did-not-fit', '7 pts is more than the 6 pts of room (value 11)'],
        ['PD-0000B3', 'did-not-fit', '2 pts did not fit in the 0 pts left (value 3)'],
        ['PD-0000B4', 'did-not-fit', '1 pt did not fit in the 0 pts left (value 1)'],
      ],
    );
    assert.deepEqual(p.notes, ['1 unestimated item was left out: estimate it, or set planning.defaultEstimate']);
  });

  it('the lead can exclude items; unestimated items count the default estimate when set', () => {
    const withDefault = planning({ planning: { defaultEstimate: 1, weights: WEIGHTS, interestDays: 90 } });
    const p = autoFill(S24, ledger, withDefault, TODAY, { exclude: ['PD-0000B2'] });
    // Room 6: B5 (1 pt by default; 5 + 10 months × 0.5 = 10) + B1 (3, 8.5) + B3 (2, 3) = 21.5 for 6 pts; listed oldest first.
    assert.deepEqual(p.picked.map((c) => c.id), ['PD-0000B5', 'PD-0000B1', 'PD-0000B3']);
    assert.equal(p.value, 21.5);
    assert.equal(p.picked[0]!.explanation, 'critical impact (5) · 10 months old (5) → value 10 for 1 pt (default estimate)');
    assert.equal(p.picked[0]!.estimated, false);
    assert.deepEqual(p.leftOut.find((l) => l.id === 'PD-0000B2'), { id: 'PD-0000B2', title: 'title of PD-0000B2', reason: 'excluded', effort: 3, value: null, message: 'excluded by the lead' });
  });

  it('an over-allocated budget has no room: only effortless items fit', () => {
    const over = [listed(item('PD-0000AA', { sprint: 'S24', effort: 12 })), listed(item('PD-0000Z1', { effort: 0 })), listed(item('PD-0000Z2', { effort: 1 }))];
    const p = autoFill(S24, over, config, TODAY);
    assert.equal(p.room, 0);
    assert.deepEqual(p.picked.map((c) => c.id), ['PD-0000Z1']);
    assert.deepEqual(p.notes, ['the budget is over-allocated by 2 pts: nothing more fits']);
  });

  it('breaks ties deterministically: fewer points, then older, then id', () => {
    const tie = [
      listed(item('PD-0000C3', { effort: 2, impact: 'medium', firstSeen: '2026-10-10' })), // 2 for 2
      listed(item('PD-0000C2', { effort: 1, impact: 'low', firstSeen: '2026-10-10' })), // 1 for 1
      listed(item('PD-0000C1', { effort: 1, impact: 'low', firstSeen: '2026-10-10' })), // 1 for 1
      listed(item('PD-0000C0', { effort: 1, impact: 'low', firstSeen: '2026-10-11' })), // 1 for 1, younger
    ];
    const room2: Sprint = { ...S24, debtBudget: { points: 2 } };
    // Value 2 three ways: C3 alone (2 pts) or two of the 1-pt items (2 pts): same points, so the oldest, then lowest ids.
    assert.deepEqual(autoFill(room2, tie, config, TODAY).picked.map((c) => c.id), ['PD-0000C1', 'PD-0000C2']);
    const fewer = [listed(item('PD-0000D1', { effort: 2, impact: 'low', firstSeen: '2026-01-01' })), listed(item('PD-0000D2', { effort: 1, impact: 'low', firstSeen: '2026-10-27' }))];
    // Weighing impact only, both are worth 1; room for one of them: the 1-pt one wins over the older 2-pt one.
    const even = planning({ planning: { defaultEstimate: null, weights: { impact: 1, age: 0, due: 0, interest: 0 }, interestDays: 90 } });
    assert.deepEqual(autoFill({ ...S24, debtBudget: { points: 2 } }, fewer, even, TODAY).picked.map((c) => c.id), ['PD-0000D2']);
    assert.deepEqual(autoFill({ ...S24, debtBudget: { points: 3 } }, fewer, even, TODAY).picked.map((c) => c.id), ['PD-0000D1', 'PD-0000D2']);
  });

  it('handles hundreds of items and a budget of hundreds of points, with quarter points, exactly', () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      listed(item(`PD-${String(i).padStart(6, '0')}`, { effort: [0.25, 0.5, 1, 2, 3, 5, 8, 13][i % 8]!, impact: (['low', 'medium', 'high', 'critical'] as const)[i % 4], firstSeen: `2025-${String((i % 12) + 1).padStart(2, '0')}-01` })),
    );
    const big: Sprint = { ...S24, capacity: 1000, debtBudget: { points: 300 } };
    const p = autoFill(big, many, config, TODAY);
    assert.equal(p.exact, true);
    assert.ok(p.effort <= 300);
  });

  it('rounds efforts up (and says so) when the exact table would be too large', () => {
    const odd = Array.from({ length: 50 }, (_, i) => listed(item(`PD-${String(i).padStart(6, '0')}`, { effort: 1 + i * 0.013, impact: 'high' })));
    const p = autoFill({ ...S24, capacity: 1000, debtBudget: { points: 500 } }, odd, config, TODAY);
    assert.equal(p.exact, false);
    assert.ok(p.effort <= p.room);
    assert.match(p.notes.join('\n'), /rounded up to steps of/);
  });
});

describe('auto-fill: optimal, checked by brute force', () => {
  it('solveKnapsack matches brute force on random small cases (value, points and the choice)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ weight: fc.integer({ min: 0, max: 6 }), value: fc.integer({ min: 0, max: 5 }) }), { maxLength: 11 }), fc.integer({ min: 0, max: 15 }), (items, capacity) => {
        assert.deepEqual(solveKnapsack(items, capacity), bruteForce(items, capacity));
      }),
      { numRuns: 400 },
    );
  });

  it('autoFill picks what brute force picks on random ledgers (fractional efforts, ties included)', () => {
    const impacts = ['low', 'medium', 'high', 'critical', null] as const;
    const arbitraryItem = fc.record({
      effort: fc.constantFrom(0, 0.25, 0.5, 1, 1.5, 2, 3, 5),
      impact: fc.constantFrom(...impacts),
      ageDays: fc.integer({ min: 0, max: 420 }),
      due: fc.option(fc.constantFrom('2026-10-01', '2026-11-05', '2026-12-24'), { nil: null }),
      commits: fc.integer({ min: 0, max: 6 }),
    });
    fc.assert(
      fc.property(fc.array(arbitraryItem, { maxLength: 10 }), fc.constantFrom(0, 0.5, 1, 2.75, 4, 6.5, 10), (specs, room) => {
          const ledger = specs.map((s, i) => {
            const firstSeen = new Date(Date.UTC(2026, 9, 28) - s.ageDays * 86_400_000).toISOString().slice(0, 10);
            return listed(item(`PD-${String(9 - i).padStart(6, '0')}`, { effort: s.effort, impact: s.impact, firstSeen, file: `src/f${9 - i}.ts` }), s.due);
          });
          // Each item's file changed `commits` times, in a repository of 20 files.
          const interest = interestIndex({ days: 90, since: '2026-07-30', commits: 30, trackedFiles: 20, files: new Map(specs.map((s, i) => [`src/f${9 - i}.ts`, { commits: s.commits, lines: s.commits * 3 }])) });
          const sprint: Sprint = { ...S24, capacity: 100, debtBudget: { points: room } };
          const p = autoFill(sprint, ledger, config, TODAY, { interest });
          // Brute force over the same candidates, ordered oldest first then by id, in quarter points.
          const order = [...ledger].sort((a, b) => (a.item.firstSeen.at < b.item.firstSeen.at ? -1 : a.item.firstSeen.at > b.item.firstSeen.at ? 1 : a.item.id < b.item.id ? -1 : 1));
          const items = order.map((l, i) => ({ weight: l.item.effort.value! * 4, value: Math.round(valueItem({ impact: l.item.impact.value, firstSeen: l.item.firstSeen.at, due: specs[9 - Number(l.item.id.slice(3))]!.due, interest: interest.of(l.item.file) }, sprint, WEIGHTS, TODAY).total * 1e6), i }));
          const expected = bruteForce(items, room * 4).map((i) => order[i]!.item.id);
          assert.deepEqual(p.picked.map((c) => c.id), expected);
          const best = bruteForce(items, room * 4).reduce((sum, i) => sum + items[i]!.value, 0);
          assert.equal(Math.round(p.value * 1e6), best);
        }),
      { numRuns: 300 },
    );
  });
});
