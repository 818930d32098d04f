import * as assert from 'node:assert/strict';
import { burnDown, openDebtByDay } from '../../../src/engine/metrics';
import { scenario, S1, S3 } from './scenario';

describe('metrics: burn-down', () => {
  it('S1 day by day: A, D and B come in, D is dropped (won\'t fix), A is paid, B moves to S2', () => {
    const b = burnDown(scenario(), S1, '2026-02-13');
    assert.equal(b.planned, 3);
    assert.deepEqual(
      b.days.map((d) => [d.date, d.allocated, d.paid, d.remaining]),
      [
        ['2026-01-05', 3, 0, 3], // A
        ['2026-01-06', 3, 0, 3], // + D, unestimated
        ['2026-01-07', 5.5, 0, 5.5], // + B
        ['2026-01-08', 5.5, 0, 5.5],
        ['2026-01-09', 5.5, 0, 5.5], // D won't fix
        ['2026-01-10', 5.5, 3, 2.5], // A resolved
        ['2026-01-11', 5.5, 3, 2.5],
        ['2026-01-12', 5.5, 3, 2.5],
        ['2026-01-13', 5.5, 3, 2.5],
        ['2026-01-14', 3, 3, 0], // B moved to S2
        ['2026-01-15', 3, 3, 0],
        ['2026-01-16', 3, 3, 0],
      ],
    );
    // 3 × (11 − i) / 11 over 12 days.
    assert.deepEqual(
      b.days.map((d) => d.ideal),
      [3, 2.73, 2.45, 2.18, 1.91, 1.64, 1.36, 1.09, 0.82, 0.55, 0.27, 0],
    );
  });

  it('stops at asOf: the day holding it is measured then, later days are null', () => {
    const b = burnDown(scenario(), S1, '2026-01-10T06:00:00Z');
    assert.deepEqual(b.days[5], { date: '2026-01-10', allocated: 5.5, paid: 0, remaining: 5.5, ideal: 1.64 });
    assert.deepEqual(b.days[6], { date: '2026-01-11', allocated: null, paid: null, remaining: null, ideal: 1.36 });
  });

  it('a sprint that has not started: no plan, no ideal line, every day null', () => {
    const b = burnDown(scenario(), S3, '2026-01-20');
    assert.equal(b.planned, null);
    assert.equal(b.days.length, 12);
    assert.ok(b.days.every((d) => d.allocated === null && d.ideal === null));
  });

  it('an empty ledger burns nothing', () => {
    const b = burnDown([], S1, '2026-02-13');
    assert.equal(b.planned, 0);
    assert.ok(b.days.every((d) => d.remaining === 0 && d.ideal === 0));
  });
});

describe('metrics: open debt per day', () => {
  it('counts what was open at the end of each day, with the efforts of the day', () => {
    assert.deepEqual(
      openDebtByDay(scenario(), { from: '2026-01-14', to: '2026-01-16', asOf: '2026-02-13' }).map(({ date, count, points }) => [date, count, points]),
      [
        ['2026-01-14', 3, 4.75], // B 2.5, E 0.25, G 2
        ['2026-01-15', 2, 2.75], // G resolved (legacy stamp 01-15T00)
        ['2026-01-16', 2, 2.75],
      ],
    );
  });

  it('leaves out days after asOf', () => {
    assert.deepEqual(
      openDebtByDay(scenario(), { from: '2026-02-12', to: '2026-02-15', asOf: '2026-02-13' }).map((p) => p.date),
      ['2026-02-12', '2026-02-13'],
    );
  });
});
