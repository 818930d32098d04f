import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildOnce, paydown } from './runCli';
import { planningWorkspace } from './planningWorkspace';

const env = { PAYDOWN_TODAY: '2026-11-04' };

function ledgerItem(root: string, id: string): { status: string; sprint: string | null; history: { type: string; from?: unknown; to?: unknown; at: string }[] } {
  return JSON.parse(readFileSync(path.join(root, '.paydown', 'ledger', `${id}.json`), 'utf8'));
}

describe('paydown sprint (CLI)', function () {
  this.timeout(60_000);
  before(buildOnce);

  it('plan --auto-fill proposes the best set with explanations; --accept assigns it, with history', () => {
    const { root, ids } = planningWorkspace();
    const plan = paydown(['sprint', 'plan', '--auto-fill', '--no-cache'], { cwd: root, env });
    assert.equal(plan.status, 0, plan.stderr);
    // Room 10: retry loop (3, value 6) + quadratic merge (5, value 5) + currency (2, value 2) = 13 for 10 pts.
    assert.match(plan.stdout, /^Auto-fill for S24: 3 items, 10 pts of 10 pts room, value 13$/m);
    assert.match(plan.stdout, /high impact \(3\) · less than a month old \(0\) · due 2026-11-10 in this sprint \(3\) → value 6 for 3 pts/);
    assert.match(plan.stdout, new RegExp(`${ids['no estimate here']} {2}no estimate here {2}— no estimate \\(and no planning.defaultEstimate\\)`));
    assert.match(plan.stdout, /1 pt did not fit in the 0 pts left \(value 1\)/);
    assert.equal(ledgerItem(root, ids['Replace the retry loop']!).sprint, null, 'a proposal writes nothing');

    const accept = paydown(['sprint', 'plan', '--accept', '--exclude', ids['hard-coded currency']!, '--format', 'json', '--no-cache'], { cwd: root, env });
    assert.equal(accept.status, 0, accept.stderr);
    const result = JSON.parse(accept.stdout);
    // Without the currency item, the 2 pts it left go to "log failures" (1 pt).
    assert.deepEqual(result.proposal.picked.map((c: { item: { title: string } }) => c.item.title).sort(), ['Replace the retry loop', 'log failures', 'quadratic merge']);
    assert.deepEqual(result.accepted.map((a: { result: string }) => a.result).sort(), ['assigned', 'assigned', 'assigned']);
    assert.equal(result.budget.allocated, 9);
    const item = ledgerItem(root, ids['quadratic merge']!);
    assert.deepEqual([item.status, item.sprint], ['scheduled', 'S24']);
    assert.deepEqual(item.history.slice(-2).map((e) => [e.type, e.from, e.to, e.at.slice(0, 10)]), [
      ['sprint', null, 'S24', '2026-11-04'],
      ['status', 'open', 'scheduled', '2026-11-04'],
    ]);
  });

  it('plan --accept as text ends with the sprint’s budget bar after the accepted items', () => {
    const { root } = planningWorkspace();
    const accept = paydown(['sprint', 'plan', '--accept', '--no-cache'], { cwd: root, env });
    assert.equal(accept.status, 0, accept.stderr);
    assert.match(accept.stdout, /^Accepted: 3 items assigned to S24$/m);
    assert.match(accept.stdout, /^Now: Debt 10\/10 pts {2}\[[█▓░]+\]\n$/m);
  });

  it('assign moves items between sprints and unassign opens them again; unknown ids write nothing', () => {
    const { root, ids } = planningWorkspace();
    const id = ids['log failures']!;
    const assign = paydown(['sprint', 'assign', id, '--sprint', 's25'], { cwd: root, env });
    assert.equal(assign.status, 0, assign.stderr);
    assert.equal(assign.stdout, `Assigned to S25:\n  + ${id} → S25, now scheduled  log failures\n`);
    const move = paydown(['sprint', 'assign', id.toLowerCase()], { cwd: root, env });
    assert.equal(move.stdout, `Assigned to S24:\n  + ${id} → S24 (was in S25), now scheduled  log failures\n`);
    const again = paydown(['sprint', 'assign', id], { cwd: root, env });
    assert.match(again.stdout, /= PD-\w+ already in S24/);

    const unknown = paydown(['sprint', 'assign', ids['quadratic merge']!, 'PD-ZZZZZZ'], { cwd: root, env });
    assert.equal(unknown.status, 2);
    assert.equal(unknown.stderr.split('\n')[0], 'paydown: no item PD-ZZZZZZ in the ledger');
    assert.equal(ledgerItem(root, ids['quadratic merge']!).sprint, null);
    const malformed = paydown(['sprint', 'assign', 'nope'], { cwd: root, env });
    assert.equal(malformed.status, 2);
    assert.match(malformed.stderr, /^paydown: "nope" is not an item id\nhint: /);

    const unassign = paydown(['sprint', 'unassign', id], { cwd: root, env });
    assert.equal(unassign.status, 0, unassign.stderr);
    assert.equal(unassign.stdout, `Taken out of their sprint:\n  - ${id} taken out of S24, now open  log failures\n`);
    const item = ledgerItem(root, id);
    assert.deepEqual([item.status, item.sprint], ['open', null]);
    assert.deepEqual(item.history.filter((e) => e.type === 'sprint').map((e) => [e.from, e.to]), [[null, 'S25'], ['S25', 'S24'], ['S24', null]]);
  });

  it('list shows every sprint with dates, budget, allocated, paid, kept and where it comes from, marking the current one', () => {
    const { root, ids } = planningWorkspace();
    paydown(['sprint', 'assign', ids['quadratic merge']!], { cwd: root, env });
    const list = paydown(['sprint', 'list', '--no-cache'], { cwd: root, env });
    assert.equal(list.status, 0, list.stderr);
    assert.equal(
      list.stdout,
      [
        // The first assignment was made in S24: S23 ended before planning began.
        '  sprint  squad  dates                    phase    budget  allocated  paid         kept  from',
        '  S23            2026-10-19 → 2026-10-30  ended         8          0     0  not planned  config',
        '▸ S24            2026-11-02 → 2026-11-15  active       10          5     0           0%  cadence',
        '  S25            2026-11-16 → 2026-11-29  planned      10          0     0            –  cadence',
        '  S26            2026-11-30 → 2026-12-13  planned      10          0     0            –  cadence',
        '  S27            2026-12-14 → 2026-12-27  planned      10          0     0            –  cadence',
        'Points; kept = paid ÷ budget; ▸ the current sprint.',
        '',
      ].join('\n'),
    );
    const json = JSON.parse(paydown(['sprint', 'list', '--format', 'json'], { cwd: root, env }).stdout);
    assert.equal(json.current, 'S24');
    assert.deepEqual(json.sprints.map((s: { sprint: string; source: string }) => `${s.sprint}:${s.source}`), ['S23:config', 'S24:cadence', 'S25:cadence', 'S26:cadence', 'S27:cadence']);
  });
});
