import * as assert from 'node:assert/strict';
import { buildTimeline, type LedgerEvent, type LedgerItem } from '../../../src/engine';
import { allocationAt, flowTimes, indexTimelines, openAt, openSeries, spanOf, sprintMetrics, wontFixIn } from '../../../src/engine/metrics/measure';
import { reopenedWithin } from '../../../src/engine/ledger/history';
import { sampleItem } from '../ledger/helpers';
import { seededRandom as random } from '../../support/random';

/**
 * The metrics walk only the items that can count (indexed by sprint, by status change, by first
 * seen) and sum open debt in one sweep. These properties hold them to the plain definitions:
 * every item checked at every instant, on random histories full of reopenings, won't-fix,
 * moves between sprints and same-instant events.
 */
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString();


function randomItems(seed: number, n: number): LedgerItem[] {
  const next = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const id = `PD-R${String(i).padStart(5, '0')}`;
    let at = T0 + Math.floor(next() * 120) * DAY + (next() < 0.3 ? 0 : Math.floor(next() * DAY));
    const history: LedgerEvent[] = [{ id: `${id}-c`, at: iso(at), type: 'created', commit: null }];
    let status: LedgerItem['status'] = 'open';
    let sprint: string | null = null;
    for (let e = 0, events = Math.floor(next() * 6); e < events; e++) {
      // Same-instant events, events at a day's (and so a sprint's) last millisecond, and any time.
      const r = next();
      at = r < 0.2 ? at : r < 0.5 ? Math.floor(at / DAY + 1 + next() * 20) * DAY + DAY - 1 : at + Math.floor(next() * 20 * DAY);
      const kind = pick(['sprint', 'resolve', 'reopen', 'wont', 'effort'] as const);
      if (kind === 'sprint') {
        const to = next() < 0.2 ? null : pick(['S1', 'S2', 'S3', 'S4', 'S5']);
        history.push({ id: `${id}-${e}`, at: iso(at), type: 'sprint', from: sprint, to });
        sprint = to;
      } else if (kind === 'resolve' && status !== 'resolved') {
        history.push({ id: `${id}-${e}`, at: iso(at), type: 'resolved', from: status, to: 'resolved' });
        status = 'resolved';
      } else if (kind === 'reopen' && status === 'resolved') {
        history.push({ id: `${id}-${e}`, at: iso(at), type: 'reopened', from: 'resolved', to: 'open' });
        status = 'open';
      } else if (kind === 'wont' && status !== 'wont-fix') {
        history.push({ id: `${id}-${e}`, at: iso(at), type: 'status', from: status, to: 'wont-fix' });
        status = 'wont-fix';
      } else if (kind === 'effort') {
        history.push({ id: `${id}-${e}`, at: iso(at), type: 'field', field: 'effort', from: null, to: pick([1, 2, 3, 5]) });
      }
    }
    const effort = next() < 0.2 ? null : pick([1, 2, 3, 5, 8]);
    return sampleItem(id, {
      status,
      sprint,
      firstSeen: { at: history[0]!.at, commit: null },
      resolved: status === 'resolved' ? { at: iso(at), commit: null, author: null } : null,
      effort: { value: effort, source: 'comment', comment: effort },
      history,
    });
  });
}

const SPRINTS = ['S1', 'S2', 'S3', 'S4', 'S5'].map((name, i) => spanOf({ name, start: iso(T0 + (14 + i * 28) * DAY).slice(0, 10), end: iso(T0 + (14 + i * 28 + 27) * DAY).slice(0, 10), budget: 10 }));

describe('indexed metrics agree with the plain definitions', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`random history ${seed}: every sprint’s figures, and open debt at many instants`, () => {
      const timelines = randomItems(seed, 400).map((item) => buildTimeline(item, seed % 2 ? 1 : null));
      const set = indexTimelines(timelines);
      for (const asOf of [T0 + 60 * DAY, T0 + 200 * DAY]) {
        for (const span of SPRINTS) {
          const got = sprintMetrics(set, span, asOf);
          if (asOf < span.start) continue;
          const t = Math.min(span.end, asOf);
          const flow = flowTimes(timelines, span.start, t, t);
          const { allocated, paid } = allocationAt(timelines, span, t);
          assert.deepEqual(got.leadTime, flow.leadTime, `${span.sprint.name} lead time`);
          assert.deepEqual(got.cycleTime, flow.cycleTime, `${span.sprint.name} cycle time`);
          assert.deepEqual(got.resolved, { count: flow.resolved.count, points: flow.resolved.points });
          assert.equal(got.wontFix, wontFixIn(timelines, span.start, t, t).count);
          assert.equal(got.reopened, timelines.filter((tl) => reopenedWithin(tl, span.start, t)).length);
          assert.deepEqual(got.allocated, allocated);
          assert.equal(got.paid.points, paid.points);
          assert.equal(got.added.count, timelines.filter((tl) => tl.firstSeen >= span.start && tl.firstSeen <= t).length);
        }
      }
      const instants = Array.from({ length: 60 }, (_, i) => T0 - DAY + i * 4 * DAY + (i % 3) * 3_600_000);
      assert.deepEqual(openSeries(timelines, instants), instants.map((t) => openAt(timelines, t)));
    });
  }
});
