import * as assert from 'node:assert/strict';
import { buildTimeline } from '../../../src/engine';
import { allocationAt, flowTimes, indexTimelines, openAt, openSeries, spanOf, sprintMetrics, wontFixIn } from '../../../src/engine/metrics/measure';
import { reopenedWithin } from '../../../src/engine/ledger/history';
import { RANDOM_T0, randomItems } from './helpers';

/**
 * The metrics walk only the items that can count (indexed by sprint, by status change, by first
 * seen) and sum open debt in one sweep. These properties hold them to the plain definitions:
 * every item checked at every instant, on random histories full of reopenings, won't-fix,
 * moves between sprints and same-instant events.
 */
const DAY = 86_400_000;
const T0 = RANDOM_T0;
const iso = (ms: number) => new Date(ms).toISOString();

const SPRINTS = ['S1', 'S2', 'S3', 'S4', 'S5'].map((name, i) => spanOf({ name, start: iso(T0 + (14 + i * 28) * DAY).slice(0, 10), end: iso(T0 + (14 + i * 28 + 27) * DAY).slice(0, 10), budget: 10 }));

describe('indexed metrics agree with the plain definitions', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`random history ${seed}: every sprint’s figures, and open debt at many instants`, () => {
      const timelines = randomItems(seed, 400).map((item) => buildTimeline(item, seed % 2 ? 1 : null));
      const set = indexTimelines(timelines);
      // Many items share a first-seen instant: the index keeps them in ledger order, as a stable sort does.
      assert.deepEqual(set.byFirstSeen, [...timelines].sort((a, b) => a.firstSeen - b.firstSeen));
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
