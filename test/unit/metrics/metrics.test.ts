import * as assert from 'node:assert/strict';
import { burnDown, computeMetrics, type SprintMetrics } from '../../../src/engine/metrics';
import { PaydownError } from '../../../src/engine/errors';
import { outcomes, scenario, sprints, S1 } from './scenario';

/** The parts of a sprint's metrics these tests compare, so a failure shows what differs. */
function flow(s: SprintMetrics) {
  return {
    phase: s.phase,
    added: s.added,
    resolved: s.resolved,
    reopened: s.reopened,
    wontFix: s.wontFix,
    allocated: s.allocated,
    paid: s.paid,
    budgetKept: s.budgetKept,
    leadTime: s.leadTime,
    cycleTime: s.cycleTime,
  };
}

describe('metrics: per sprint, as of the end of S3', () => {
  const m = computeMetrics({ items: scenario(), sprints, asOf: '2026-02-13', outcomes });
  const [s1, s2, s3] = m.perSprint;

  it('S1: added B and D; resolved A, C (unscheduled) and legacy G; D is won\'t-fix; B moved out, so only A is paid', () => {
    assert.deepEqual(flow(s1!), {
      phase: 'ended',
      added: { count: 2, points: 2.5 },
      resolved: { count: 3, points: 6 },
      reopened: 0,
      wontFix: 1,
      allocated: { count: 1, points: 3, unestimated: 0 },
      paid: { count: 1, points: 3 },
      budgetKept: 0.3,
      // A 9 d, C 10 d, G 45 d; p85 rank ⌈0.85 × 3⌉ = 3.
      leadTime: { count: 3, medianDays: 10, p85Days: 45 },
      // Only A was scheduled before it was resolved: 01-05T12 → 01-10T12.
      cycleTime: { count: 1, medianDays: 5, p85Days: 5 },
    });
    assert.equal(s1!.measuredAt, '2026-01-16T23:59:59.999Z');
  });

  it('S2: C reopens and is paid again; B is paid where it was moved; fractional points add up', () => {
    assert.deepEqual(flow(s2!), {
      phase: 'ended',
      added: { count: 1, points: 5 },
      resolved: { count: 2, points: 3.5 },
      reopened: 1,
      wontFix: 0,
      allocated: { count: 2, points: 3.5, unestimated: 0 },
      paid: { count: 2, points: 3.5 },
      budgetKept: 0.4375,
      // B 01-06T12 → 01-21T12 = 15 d; C first seen 01-02 → last resolution 01-27 = 25 d.
      leadTime: { count: 2, medianDays: 20, p85Days: 25 },
      // B first scheduled in S1 (01-07T12) → 01-21T12 = 14 d; C scheduled 01-22 → 01-27 = 5 d.
      cycleTime: { count: 2, medianDays: 9.5, p85Days: 14 },
    });
  });

  it('S3: a zero budget keeps no ratio (null), E is allocated at its re-estimated 0.75', () => {
    assert.equal(s3!.budgetKept, null);
    assert.deepEqual(s3!.allocated, { count: 1, points: 0.75, unestimated: 0 });
    assert.deepEqual(s3!.paid, { count: 0, points: 0 });
    assert.deepEqual(s3!.leadTime, { count: 0, medianDays: null, p85Days: null });
    assert.equal(s3!.phase, 'ended');
  });
});

describe('metrics: open debt, ages, lead and cycle time as of the end of S3', () => {
  const m = computeMetrics({ items: scenario(), sprints, asOf: '2026-02-13', outcomes });

  it('open debt at each sprint end, with efforts as they stood then', () => {
    assert.deepEqual(
      m.openOverTime.map(({ sprint, date, count, points }) => ({ sprint, date, count, points })),
      [
        // B 2.5 and E at its old 0.25.
        { sprint: 'S1', date: '2026-01-16', count: 2, points: 2.75 },
        // E 0.75 and F 5.
        { sprint: 'S2', date: '2026-01-30', count: 2, points: 5.75 },
        { sprint: 'S3', date: '2026-02-13', count: 2, points: 5.75 },
      ],
    );
    assert.deepEqual(m.open, { count: 2, points: 5.75, unestimated: 0 });
  });

  it('ages: F 18.5 days (1–4 weeks), E 257.5 days (6–12 months)', () => {
    assert.deepEqual(
      m.ageDistribution.map((b) => [b.label, b.count, b.points]),
      [
        ['< 1 week', 0, 0],
        ['1–4 weeks', 1, 5],
        ['1–3 months', 0, 0],
        ['3–6 months', 0, 0],
        ['6–12 months', 1, 0.75],
        ['> 1 year', 0, 0],
      ],
    );
    assert.deepEqual(
      m.oldestOpen.map((o) => [o.id, o.ageDays]),
      [
        ['PD-EEEEEE', 257.5],
        ['PD-FFFFFF', 18.5],
      ],
    );
  });

  it('lead time over every resolution; reopened C counts to its last resolution; G never scheduled', () => {
    // A 9, B 15, C 25, G 45: median (15 + 25) / 2; p85 rank ⌈3.4⌉ = 4.
    assert.deepEqual(m.leadTime, { count: 4, medianDays: 20, p85Days: 45 });
    // A 5, C 5, B 14: p85 rank ⌈2.55⌉ = 3.
    assert.deepEqual(m.cycleTime, { count: 3, medianDays: 5, p85Days: 14 });
    assert.equal(m.resolvedUnscheduled, 1);
    assert.deepEqual(m.wontFix, { count: 1, points: 0 });
    assert.deepEqual(m.window, { from: null, to: '2026-02-13' });
  });

  it('a window narrows lead time to the resolutions inside it', () => {
    const w = computeMetrics({ items: scenario(), sprints, asOf: '2026-02-13', window: { from: '2026-01-19', to: '2026-01-30' }, groups: false });
    assert.deepEqual(w.leadTime, { count: 2, medianDays: 20, p85Days: 25 });
    assert.deepEqual(w.wontFix, { count: 0, points: 0 });
  });
});

describe('metrics: asOf in the middle of history', () => {
  it('end of 01-13: later events are ignored (B still in S1, G still open, F not yet seen)', () => {
    const m = computeMetrics({ items: scenario(), sprints, asOf: '2026-01-13', outcomes });
    const [s1, s2, s3] = m.perSprint;
    assert.deepEqual(flow(s1!), {
      phase: 'active',
      added: { count: 2, points: 2.5 },
      resolved: { count: 2, points: 4 },
      reopened: 0,
      wontFix: 1,
      allocated: { count: 2, points: 5.5, unestimated: 0 },
      paid: { count: 1, points: 3 },
      budgetKept: 0.3,
      leadTime: { count: 2, medianDays: 9.5, p85Days: 10 },
      cycleTime: { count: 1, medianDays: 5, p85Days: 5 },
    });
    assert.equal(s1!.measuredAt, '2026-01-13T23:59:59.999Z');
    assert.equal(s2!.phase, 'planned');
    assert.equal(s2!.measuredAt, null);
    assert.equal(s2!.budgetKept, 0);
    assert.equal(s3!.budgetKept, null);
    // B 2.5, E 0.25, G 2.
    assert.deepEqual(m.open, { count: 3, points: 4.75, unestimated: 0 });
    assert.deepEqual(
      m.openOverTime.map(({ sprint, date, count, points }) => ({ sprint, date, count, points })),
      [{ sprint: 'S1', date: '2026-01-13', count: 3, points: 4.75 }],
    );
    assert.equal(m.groups.outcome.find((g) => g.name === 'speed'), undefined);
  });

  it('an ISO instant cuts within the day: at 01-10T06:00 A is not resolved yet', () => {
    const m = computeMetrics({ items: scenario(), sprints, asOf: '2026-01-10T06:00:00Z', groups: false });
    assert.deepEqual(m.perSprint[0]!.paid, { count: 0, points: 0 });
    assert.deepEqual(m.perSprint[0]!.resolved, { count: 0, points: 0 });
  });

  it('an item reopened and not yet resolved again has no lead time; the sprint it was resolved in keeps it', () => {
    const m = computeMetrics({ items: scenario(), sprints, asOf: '2026-01-21', groups: false });
    // A 9, B 15, G 45 (C reopened 01-20).
    assert.deepEqual(m.leadTime, { count: 3, medianDays: 15, p85Days: 45 });
    assert.deepEqual(m.perSprint[0]!.resolved, { count: 3, points: 6 });
    assert.equal(m.perSprint[1]!.reopened, 1);
  });
});

describe('metrics: groups', () => {
  const m = computeMetrics({ items: scenario(), sprints, asOf: '2026-02-13', outcomes });
  const names = (groups: { name: string }[]) => groups.map((g) => g.name);

  it('names each group, sorted, "(none)" last; items with two labels or owners count in both', () => {
    assert.deepEqual(names(m.groups.label), ['payments', 'retries', '(none)']);
    assert.deepEqual(names(m.groups.owner), ['alice', 'bob', 'carol', '(none)']);
    assert.deepEqual(names(m.groups.tag), ['FIXME', 'HACK', 'TODO']);
    // A, C by label → reliability; B by path → dx; F its own outcome; D, E, G none.
    assert.deepEqual(names(m.groups.outcome), ['dx', 'reliability', 'speed', '(none)']);
  });

  it('counts an owner written in other cases as one person, named by the first spelling', () => {
    const items = scenario();
    const first = items.findIndex((item) => item.owners?.includes('bob'));
    const spelled = items.map((item, i) => (item.owners?.includes('bob') && i > first ? { ...item, owners: item.owners.map((o) => (o === 'bob' ? '@BOB' : o)) } : item));
    assert.ok(spelled.some((item) => item.owners?.includes('@BOB')), 'the scenario spells bob two ways');
    const owners = computeMetrics({ items: spelled, sprints, asOf: '2026-02-13', outcomes }).groups.owner;
    assert.deepEqual(names(owners), names(m.groups.owner));
    assert.deepEqual(owners.map((g) => g.metrics.open), m.groups.owner.map((g) => g.metrics.open));
  });

  it('a group measures only its items; budget kept is its share of the whole budget', () => {
    const reliability = m.groups.outcome.find((g) => g.name === 'reliability')!.metrics;
    assert.deepEqual(reliability.perSprint.map((s) => s.budgetKept), [0.3, 0.125, null]);
    assert.deepEqual(reliability.perSprint.map((s) => s.resolved.count), [2, 1, 0]);
    // A 9, C 25.
    assert.deepEqual(reliability.leadTime, { count: 2, medianDays: 17, p85Days: 25 });
    const bob = m.groups.owner.find((g) => g.name === 'bob')!.metrics;
    assert.deepEqual(bob.perSprint[0]!.added, { count: 2, points: 2.5 });
    assert.equal(bob.perSprint[0]!.wontFix, 1);
    assert.equal(bob.perSprint[1]!.budgetKept, 0.3125);
    const retries = m.groups.label.find((g) => g.name === 'retries')!.metrics;
    assert.deepEqual(retries.open, { count: 1, points: 0.75, unestimated: 0 });
    const none = m.groups.label.find((g) => g.name === '(none)')!.metrics;
    // B, D, F, G: B 15, G 45.
    assert.deepEqual(none.leadTime, { count: 2, medianDays: 30, p85Days: 45 });
  });

  it('results are plain JSON', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(m)), m);
  });
});

describe('metrics: edge cases', () => {
  it('an empty ledger: zeros, null statistics, no groups', () => {
    const m = computeMetrics({ items: [], sprints: [S1], asOf: '2026-02-13' });
    assert.deepEqual(flow(m.perSprint[0]!), {
      phase: 'ended',
      added: { count: 0, points: 0 },
      resolved: { count: 0, points: 0 },
      reopened: 0,
      wontFix: 0,
      allocated: { count: 0, points: 0, unestimated: 0 },
      paid: { count: 0, points: 0 },
      // No sprint assignment in the ledger: S1 ended before planning began, so no verdict.
      budgetKept: null,
      leadTime: { count: 0, medianDays: null, p85Days: null },
      cycleTime: { count: 0, medianDays: null, p85Days: null },
    });
    assert.deepEqual(m.open, { count: 0, points: 0, unestimated: 0 });
    assert.ok(m.ageDistribution.every((b) => b.count === 0));
    assert.deepEqual(m.groups, { outcome: [], tag: [], owner: [], label: [] });
    assert.deepEqual(computeMetrics({ items: [], sprints: [], asOf: '2026-02-13' }).perSprint, []);
  });

  it('sprints come out in start order, whatever order they came in', () => {
    const m = computeMetrics({ items: [], sprints: [...sprints].reverse(), asOf: '2026-02-13' });
    assert.deepEqual(m.perSprint.map((s) => s.sprint), ['S1', 'S2', 'S3']);
  });

  it('malformed dates are usage errors', () => {
    assert.throws(() => computeMetrics({ items: [], sprints, asOf: 'yesterday' }), (e) => PaydownError.is(e, 'usage'));
    assert.throws(() => computeMetrics({ items: [], sprints: [{ ...S1, end: '2026-02-30' }], asOf: '2026-02-13' }), (e) => PaydownError.is(e, 'usage'));
    assert.throws(() => computeMetrics({ items: [], sprints, asOf: '2026-02-13', window: { from: '2026-02-01', to: '2026-01-01' } }), (e) => PaydownError.is(e, 'usage'));
  });
});

describe('metrics: the default estimate', () => {
  it('counts an unestimated item at planning.defaultEstimate, as budgets do, and still reports it unestimated', () => {
    // End of 01-07: A (3) and B (2.5) and the unestimated D are allocated to S1.
    const without = computeMetrics({ items: scenario(), sprints, asOf: '2026-01-07' });
    const withDefault = computeMetrics({ items: scenario(), sprints, asOf: '2026-01-07', defaultEstimate: 2 });
    assert.deepEqual(without.perSprint[0]!.allocated, { count: 3, points: 5.5, unestimated: 1 });
    assert.deepEqual(withDefault.perSprint[0]!.allocated, { count: 3, points: 7.5, unestimated: 1 });
  });

  it('burns down with the same default estimate', () => {
    // End of 01-07 in S1: A (3) + D (unestimated) + B (2.5).
    const day = (points: number | null) => burnDown(scenario(), S1, '2026-02-13', points).days.find((d) => d.date === '2026-01-07')!.allocated;
    assert.equal(day(null), 5.5);
    assert.equal(day(2), 7.5);
  });
});
