import * as assert from 'node:assert/strict';
import { computeMetrics, computeMetricsWithFlows, type LedgerItem, type MetricsOptions, type OutcomeConfig } from '../../../src/engine';
import { seededRandom as random } from '../../support/random';
import { RANDOM_T0, randomItems } from './helpers';

/**
 * A view that shows per group only its open debt and its flow (the budget page's outcome rows)
 * asks for those alone. They must be the very figures the group's full metrics give: on random
 * histories with owners, labels, own outcomes, outcome paths, fractional and missing estimates,
 * every group of every kind, every sprint, at several instants.
 */
const DAY = 86_400_000;
const day = (n: number) => new Date(RANDOM_T0 + n * DAY).toISOString().slice(0, 10);

const OUTCOMES: OutcomeConfig[] = [
  { name: 'reliability', description: 'r', paths: ['src/core/**'], labels: ['flaky'] },
  { name: 'onboarding', description: 'o', paths: ['src/ui/**'], labels: [] },
];

function decorated(seed: number): LedgerItem[] {
  const next = random(seed * 7919);
  const some = <T>(xs: readonly T[]): T[] => xs.filter(() => next() < 0.35);
  return randomItems(seed, 300).map((item) => {
    const effort = next() < 0.3 ? [0.1, 0.2, 1.3, 2.7][Math.floor(next() * 4)]! : item.effort.value;
    const own = next() < 0.2 ? ['reliability', 'not-configured', null][Math.floor(next() * 3)]! : null;
    return {
      ...item,
      owners: some(['alice', 'bob', 'carol']),
      labels: some(['flaky', 'ux']),
      file: ['src/core/a.ts', 'src/ui/b.ts', 'src/other/c.ts'][Math.floor(next() * 3)]!,
      tag: ['TODO', 'FIXME'][Math.floor(next() * 2)]!,
      effort: { value: effort, source: 'comment', comment: effort },
      outcome: { value: own, source: 'comment', comment: own },
    };
  });
}

describe('group flows equal the same fields of the groups’ full metrics', () => {
  const kinds = ['outcome', 'tag', 'owner', 'label'] as const;
  for (const seed of [1, 2, 3, 4]) {
    for (const asOf of [day(50), day(90), day(200)]) {
      it(`random history ${seed}, as of ${asOf}`, () => {
        const options: MetricsOptions = {
          items: decorated(seed),
          sprints: ['S1', 'S2', 'S3', 'S4', 'S5'].map((name, i) => ({ name, start: day(14 + i * 28), end: day(14 + i * 28 + 27), budget: 10 })),
          asOf,
          outcomes: OUTCOMES,
          window: { from: day(14), to: asOf },
          defaultEstimate: seed % 2 ? 1 : null,
        };
        const full = computeMetrics(options);
        const { metrics, flows } = computeMetricsWithFlows({ ...options, groups: false }, kinds);
        assert.deepEqual(metrics, computeMetrics({ ...options, groups: false }), 'the whole ledger’s metrics are unchanged');
        for (const kind of kinds) {
          const expected = full.groups[kind].map((g) => ({
            name: g.name,
            open: g.metrics.open,
            perSprint: g.metrics.perSprint.map((s) => ({ sprint: s.sprint, added: s.added, resolved: s.resolved, paid: s.paid })),
          }));
          assert.ok(expected.length > 1, `${kind}: several groups`);
          assert.deepEqual(flows[kind], expected, kind);
        }
      });
    }
  }
});
