import * as assert from 'node:assert/strict';
import { buildOnce, paydown, workspace } from './runCli';
import { planningWorkspace } from './planningWorkspace';

describe('paydown budget (CLI)', function () {
  this.timeout(60_000);
  before(buildOnce);

  it('shows the current sprint’s budget as a table and as JSON', () => {
    const { root, ids } = planningWorkspace();
    const env = { PAYDOWN_TODAY: '2026-11-04' };
    assert.equal(paydown(['sprint', 'assign', ids['hard-coded currency']!], { cwd: root, env }).status, 0);
    const text = paydown(['budget', '--no-cache'], { cwd: root, env });
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /^S24 {2}2026-11-02 → 2026-11-15 {2}day 3 of 14$/m);
    assert.match(text.stdout, /^Debt 2\/10 pts {2}\[/m);
    assert.match(text.stdout, /^ {2}budget {9}10 pts \(25% of 40 pts capacity\)$/m);
    assert.match(text.stdout, /^ {2}unallocated {4}8 pts$/m);
    assert.match(text.stdout, /only 2 pts of the 10 pts budget is allocated; .* \[under-allocated\]/);
    assert.match(text.stdout, new RegExp(`^ {2}${ids['hard-coded currency']} {2}scheduled {2}2 pts {2}medium {2}src/pay.ts:5 {2}hard-coded currency$`, 'm'));

    const json = paydown(['budget', '--format', 'json', '--sprint', 'S24', '--today', '2026-11-04'], { cwd: root });
    assert.equal(json.status, 0, json.stderr);
    const b = JSON.parse(json.stdout);
    assert.deepEqual(
      [b.sprint, b.start, b.end, b.capacity, b.budget, b.allocated, b.paid, b.remaining, b.unallocated, b.paidUnplanned],
      ['S24', '2026-11-02', '2026-11-15', 40, 10, 2, 0, 2, 8, 0],
    );
    assert.deepEqual(b.warnings.map((w: { code: string }) => w.code), ['under-allocated']);
    // One budget row: the item in the shared ledger-item shape, the points it counts for and whether it was paid.
    assert.deepEqual(Object.keys(b.items[0]).sort(), ['counted', 'item', 'paid']);
    assert.deepEqual(Object.keys(b.items[0].counted).sort(), ['points', 'source']);
    assert.deepEqual(Object.keys(b.items[0].item).sort(), [
      'body', 'column', 'due', 'edited', 'effort', 'file', 'firstSeen', 'id', 'impact', 'issueRefs', 'labels', 'line', 'outcome', 'owners', 'resolved', 'sprint', 'status', 'tag', 'title', 'trackers',
    ]);
  });

  it('an unknown sprint, no current sprint and a bad --today are usage errors (exit 2, one line and a hint)', () => {
    const { root } = planningWorkspace();
    const unknown = paydown(['budget', '--sprint', 'S99', '--today', '2026-11-04'], { cwd: root });
    assert.equal(unknown.status, 2);
    assert.equal(unknown.stderr, 'paydown: no sprint named "S99"\nhint: known sprints: S23, S24, S25, S26, S27 (see `paydown sprint list`)\n');
    const gap = paydown(['budget', '--today', '2026-10-31'], { cwd: root });
    assert.equal(gap.status, 2);
    assert.match(gap.stderr, /^paydown: no sprint contains 2026-10-31: the last one, S23, ended 2026-10-30; the next, S24, starts 2026-11-02\nhint: /);
    const bad = paydown(['budget'], { cwd: root, env: { PAYDOWN_TODAY: '2026-02-30' } });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^paydown: PAYDOWN_TODAY "2026-02-30" is not a date\n/);
  });

  it('out-of-range config numbers are all reported at once by path, not a crash or Infinity pts', () => {
    const root = workspace({
      '.paydown/config.jsonc': JSON.stringify({ cadence: { start: '2026-01-05', lengthDays: 1_000_000_000, capacity: 1e300, debtBudget: '20%' } }),
    });
    const run = paydown(['budget', '--no-cache'], { cwd: root, env: { PAYDOWN_TODAY: '2026-11-04' } });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^paydown: \.paydown\/config\.jsonc is invalid: cadence\.lengthDays: must be a positive whole number no greater than 365, got 1000000000 \(and 1 more\)\n {2}cadence\.capacity: .* got 1e\+300\nhint: /);
    assert.doesNotMatch(run.stderr + run.stdout, /unexpected error|Infinity/);
  });
});
