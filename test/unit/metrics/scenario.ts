/**
 * The shared scenario: three two-week sprints and seven items whose histories cover the hard
 * cases. Every expected value in the tests is worked out by hand from the dates below.
 *
 *   S1 2026-01-05 … 01-16 budget 10 · S2 01-19 … 01-30 budget 8 · S3 02-02 … 02-13 budget 0
 *
 *   A  seen 01-01T12, → S1 01-05T12, in progress 01-08T12, resolved 01-10T12; 3 pts
 *   B  seen 01-06T12, → S1 01-07T12, moved S1 → S2 01-14T12, resolved 01-21T12; 2.5 pts
 *   C  seen 01-02T00, resolved unscheduled 01-12T00, reopened 01-20T00, → S2 01-22T00, resolved 01-27T00; 1 pt
 *   D  seen 01-05T00, → S1 01-06T00, won't fix 01-09T00; unestimated
 *   E  seen 2025-06-01T12, effort 0.25 → 0.75 on 01-20T12, → S3 02-02T12, still open
 *   F  seen 01-26T12, own outcome "speed", 5 pts, open
 *   G  legacy file (no history): seen 2025-12-01T00, resolved stamp 01-15T00; 2 pts
 */
import type { OutcomeConfig } from '../../../src/engine/config/planning';
import type { LedgerItem } from '../../../src/engine/ledger/model';
import type { MetricsSprint } from '../../../src/engine/metrics';
import { ev, item } from './helpers';

export const S1: MetricsSprint = { name: 'S1', start: '2026-01-05', end: '2026-01-16', budget: 10 };
export const S2: MetricsSprint = { name: 'S2', start: '2026-01-19', end: '2026-01-30', budget: 8 };
export const S3: MetricsSprint = { name: 'S3', start: '2026-02-02', end: '2026-02-13', budget: 0 };
export const sprints = [S1, S2, S3];

export const outcomes: OutcomeConfig[] = [
  { name: 'reliability', description: '', paths: [], labels: ['payments'] },
  { name: 'dx', description: '', paths: ['src/api/**'], labels: [] },
];

export function scenario(): LedgerItem[] {
  return [
    item({
      id: 'PD-AAAAAA',
      firstSeen: '2026-01-01T12:00:00.000Z',
      status: 'resolved',
      effort: 3,
      sprint: 'S1',
      resolvedAt: '2026-01-10T12:00:00.000Z',
      owners: ['alice'],
      labels: ['payments', 'retries'],
      file: 'src/payments/a.ts',
      events: [
        ev('sprint', '2026-01-05T12:00:00.000Z', { from: null, to: 'S1' }),
        ev('status', '2026-01-05T12:00:00.000Z', { from: 'open', to: 'scheduled' }),
        ev('status', '2026-01-08T12:00:00.000Z', { from: 'scheduled', to: 'in-progress' }),
        ev('resolved', '2026-01-10T12:00:00.000Z', { from: 'in-progress', to: 'resolved' }),
      ],
    }),
    item({
      id: 'PD-BBBBBB',
      firstSeen: '2026-01-06T12:00:00.000Z',
      status: 'resolved',
      effort: 2.5,
      sprint: 'S2',
      resolvedAt: '2026-01-21T12:00:00.000Z',
      tag: 'FIXME',
      owners: ['bob'],
      file: 'src/api/b.ts',
      events: [
        ev('sprint', '2026-01-07T12:00:00.000Z', { from: null, to: 'S1' }),
        ev('status', '2026-01-07T12:00:00.000Z', { from: 'open', to: 'scheduled' }),
        ev('sprint', '2026-01-14T12:00:00.000Z', { from: 'S1', to: 'S2' }),
        ev('resolved', '2026-01-21T12:00:00.000Z', { from: 'scheduled', to: 'resolved' }),
      ],
    }),
    item({
      id: 'PD-CCCCCC',
      firstSeen: '2026-01-02T00:00:00.000Z',
      status: 'resolved',
      effort: 1,
      sprint: 'S2',
      resolvedAt: '2026-01-27T00:00:00.000Z',
      labels: ['payments'],
      events: [
        ev('resolved', '2026-01-12T00:00:00.000Z', { from: 'open', to: 'resolved' }),
        ev('reopened', '2026-01-20T00:00:00.000Z', { from: 'resolved', to: 'open' }),
        ev('sprint', '2026-01-22T00:00:00.000Z', { from: null, to: 'S2' }),
        ev('status', '2026-01-22T00:00:00.000Z', { from: 'open', to: 'scheduled' }),
        ev('resolved', '2026-01-27T00:00:00.000Z', { from: 'scheduled', to: 'resolved' }),
      ],
    }),
    item({
      id: 'PD-DDDDDD',
      firstSeen: '2026-01-05T00:00:00.000Z',
      status: 'wont-fix',
      effort: null,
      sprint: 'S1',
      tag: 'HACK',
      owners: ['alice', 'bob'],
      events: [
        ev('sprint', '2026-01-06T00:00:00.000Z', { from: null, to: 'S1' }),
        ev('status', '2026-01-06T00:00:00.000Z', { from: 'open', to: 'scheduled' }),
        ev('status', '2026-01-09T00:00:00.000Z', { from: 'scheduled', to: 'wont-fix' }),
      ],
    }),
    item({
      id: 'PD-EEEEEE',
      firstSeen: '2025-06-01T12:00:00.000Z',
      status: 'scheduled',
      effort: 0.75,
      sprint: 'S3',
      owners: ['carol'],
      labels: ['retries'],
      events: [
        ev('field', '2026-01-20T12:00:00.000Z', { field: 'effort', from: 0.25, to: 0.75 }),
        ev('sprint', '2026-02-02T12:00:00.000Z', { from: null, to: 'S3' }),
        ev('status', '2026-02-02T12:00:00.000Z', { from: 'open', to: 'scheduled' }),
      ],
    }),
    item({ id: 'PD-FFFFFF', firstSeen: '2026-01-26T12:00:00.000Z', status: 'open', effort: 5, outcome: 'speed' }),
    item({ id: 'PD-GGGGGG', firstSeen: '2025-12-01T00:00:00.000Z', status: 'resolved', effort: 2, resolvedAt: '2026-01-15T00:00:00.000Z', legacy: true }),
  ];
}
