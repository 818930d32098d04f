import * as assert from 'node:assert/strict';
import type { LedgerItem } from '../../../src/engine/ledger/model';
import { computeMetrics } from '../../../src/engine/metrics';
import { reviewToMarkdown, sprintReview } from '../../../src/engine/report';
import { computeBudget, planningBegan, sprintWasPlanned, type Sprint } from '../../../src/engine/sprints';
import { item, planning } from './helpers';

/**
 * A sprint is planned when the ledger held a sprint assignment by its end: the earliest `sprint`
 * event (to a sprint) of any item is on or before its end day. The first assignment below is on
 * 2026-11-13, S24's last day: S23 (ended 11-12, the day before) was not planned, S24 was, S25
 * (after) was.
 */
const sprint = (name: string, start: string, end: string): Sprint => ({ name, start, end, capacity: 40, debtBudget: { share: 0.25 }, squad: null, source: 'cadence' });
const S23 = sprint('S23', '2026-10-30', '2026-11-12');
const S24 = sprint('S24', '2026-10-31', '2026-11-13');
const S25 = sprint('S25', '2026-11-14', '2026-11-27');
const TODAY = '2026-12-01';

/** Debt first seen and resolved before anyone planned (as backfill writes it), and one item assigned on 11-13. */
function ledger(): LedgerItem[] {
  const old = item('PD-00000A', { effort: 3, firstSeen: '2026-10-01', resolvedAt: '2026-11-05' });
  const assigned = item('PD-00000B', { effort: 2, firstSeen: '2026-10-01' });
  assigned.sprint = 'S25';
  assigned.status = 'scheduled';
  // An unassignment (to null) never begins planning, however early.
  assigned.history = [
    { id: 'E1', at: '2026-10-02T10:00:00.000Z', type: 'sprint', from: 'S1', to: null, by: null },
    { id: 'E2', at: '2026-11-13T18:00:00.000Z', type: 'sprint', from: null, to: 'S25', by: null },
  ];
  return [old, assigned];
}

describe('not planned: sprints that ended before planning began', () => {
  it('planning began on the UTC day of the earliest assignment; null without one', () => {
    assert.equal(planningBegan(ledger()), '2026-11-13');
    assert.equal(planningBegan([item('PD-00000C', { effort: 1 })]), null);
    assert.equal(planningBegan([]), null);
  });

  it('a sprint ending the day before the first assignment is not planned; on the day and after, it is', () => {
    assert.equal(sprintWasPlanned(S23, 'ended', '2026-11-13'), false);
    assert.equal(sprintWasPlanned(S24, 'ended', '2026-11-13'), true);
    assert.equal(sprintWasPlanned(S25, 'ended', '2026-11-13'), true);
    // Active and future sprints are never "not planned"; with no assignment at all, every ended one is.
    assert.equal(sprintWasPlanned(S23, 'active', null), true);
    assert.equal(sprintWasPlanned(S23, 'planned', null), true);
    assert.equal(sprintWasPlanned(S25, 'ended', null), false);
  });

  it('budget: no kept share and no verdict for S23; S24 (ended on the first assignment’s day) is measured as before', () => {
    const s23 = computeBudget(S23, ledger(), planning(), TODAY);
    assert.deepEqual([s23.phase, s23.planned, s23.budget, s23.allocated, s23.paid, s23.paidUnplanned, s23.kept], ['ended', false, 10, 0, 0, 3, null]);
    assert.deepEqual(s23.warnings, [], 'no budget-not-kept, no under-allocated');
    const s24 = computeBudget(S24, ledger(), planning(), TODAY);
    assert.deepEqual([s24.planned, s24.kept], [true, 0]);
    assert.deepEqual(s24.warnings.map((w) => w.code), ['under-allocated', 'budget-not-kept']);
  });

  it('budget: a ledger without any sprint assignment plans no ended sprint, but the active and future ones stay planned', () => {
    const items = [item('PD-00000A', { effort: 3, firstSeen: '2026-10-01', resolvedAt: '2026-11-20' })];
    for (const s of [S23, S24, S25]) assert.deepEqual([s.name, computeBudget(s, items, planning(), TODAY).kept], [s.name, null]);
    const active = computeBudget(S25, items, planning(), '2026-11-20');
    assert.deepEqual([active.phase, active.planned, active.kept], ['active', true, 0]);
    assert.deepEqual([computeBudget(S25, items, planning(), '2026-11-01').planned], [true]);
    // A caller that measures many sprints passes the day once; it decides as the items would.
    assert.equal(computeBudget(S23, items, planning(), TODAY, { planningBegan: '2026-11-01' }).planned, true);
  });

  it('metrics: budgetKept null and planned false for S23 only; its added and resolved counts still show', () => {
    const m = computeMetrics({ items: ledger(), sprints: [S23, S24, S25].map((s) => ({ name: s.name, start: s.start, end: s.end, budget: 10 })), asOf: TODAY });
    assert.deepEqual(
      m.perSprint.map((s) => [s.sprint, s.planned, s.budgetKept, s.resolved.count]),
      [
        ['S23', false, null, 1],
        ['S24', true, 0, 1],
        ['S25', true, 0, 0],
      ],
    );
    const empty = computeMetrics({ items: [], sprints: [{ name: 'S25', start: S25.start, end: S25.end, budget: 10 }], asOf: TODAY });
    assert.deepEqual([empty.perSprint[0]!.planned, empty.perSprint[0]!.budgetKept], [false, null]);
  });

  it('the review: "not planned", no kept verdict or budget prompt, left out of "kept on average"', () => {
    const config = { outcomes: [], planning: planning().planning };
    const r23 = sprintReview({ sprint: S23, sprints: [S23, S24, S25], items: ledger(), config, today: TODAY });
    assert.deepEqual([r23.planned, r23.kept, r23.planningBegan, r23.metrics.budgetKept], [false, null, '2026-11-13', null]);
    assert.ok(!r23.prompts.some((p) => /budget was (not )?kept|was allocated/.test(p)), r23.prompts.join('\n'));
    assert.match(r23.prompts[0]!, /^S23 ended before planning began \(the first sprint assignment is from 2026-11-13\)/);
    const md = reviewToMarkdown(r23);
    assert.match(md, /^## Budget: not planned$/m);
    assert.match(md, /^not planned: the ledger held no sprint assignment before this sprint ended; figures of added and paid debt come from history \(the first assignment is from 2026-11-13\)\.$/m);
    assert.match(md, /^\| Kept \| not planned \|$/m);
    assert.doesNotMatch(md, /not kept/);

    const r25 = sprintReview({ sprint: S25, sprints: [S23, S24, S25], items: ledger(), config, today: TODAY });
    assert.equal(r25.planned, true);
    const md25 = reviewToMarkdown(r25);
    assert.match(md25, /^\| S23 \| 10 pts \| 0 pts \| 0 pts \| not planned \|/m);
    assert.match(md25, /S23 ended before planning began: its budget figures come from history and are no verdict\./);
    // Averages only over planned sprints: S24's 0%, not S23's.
    assert.match(md25, /0% of the budget kept against 0% on average before/);
  });
});
