import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import {
  buildBudgetPage, computeBudget, LITTLE_DATA_ITEMS, nodePorts, openWorkspace, PAGE_BACKLOG, parseConfig, PaydownError, sprintCalendar,
  type BudgetPage, type LedgerEvent, type LedgerItem, type PaydownConfig,
} from '../../../src/engine';
import { interestIndex, type InterestIndex } from '../../../src/engine/interest/interest';
import { sampleItem } from '../ledger/helpers';

const SAMPLE = path.join(__dirname, '..', '..', 'fixtures', 'sample-workspace');
const SAMPLE_DAY = '2026-11-26';

/** Four two-week sprints of 40 points with a 25% (10-point) budget; S4 holds the day. */
const CONFIG = parseConfig(
  `{
    "sprints": [
      { "name": "S1", "start": "2026-10-05", "end": "2026-10-18", "capacity": 40, "debtBudget": "25%" },
      { "name": "S2", "start": "2026-10-19", "end": "2026-11-01", "capacity": 40, "debtBudget": "25%" },
      { "name": "S3", "start": "2026-11-02", "end": "2026-11-15", "capacity": 40, "debtBudget": "25%" },
      { "name": "S4", "start": "2026-11-16", "end": "2026-11-29", "capacity": 40, "debtBudget": "25%" },
      { "name": "S5", "start": "2026-11-30", "end": "2026-12-13", "capacity": 40, "debtBudget": "25%" }
    ],
    "outcomes": [
      { "name": "reliability", "description": "Fewer failed payments", "paths": ["src/pay/**"] },
      { "name": "onboarding", "description": "Day-one merchants", "labels": ["signup"] }
    ]
  }`,
  'config.jsonc',
);
const TODAY = '2026-11-20';

let n = 0;
const at = (day: string) => `${day}T10:00:00.000Z`;
const ev = (day: string, type: LedgerEvent['type'], from?: unknown, to?: unknown): LedgerEvent => ({ id: `E${++n}`, at: at(day), type, from, to, by: 'Alice' });

/** An item first seen on `seen`, planned for `sprint` on `planned`, resolved on `resolved` (each optional). */
function item(id: string, effort: number | null, seen: string, plan: { sprint?: string; planned?: string; resolved?: string; file?: string; labels?: string[] } = {}): LedgerItem {
  const history: LedgerEvent[] = [{ id: `C-${id}`, at: at(seen), type: 'created', commit: null }];
  if (plan.sprint && plan.planned) history.push(ev(plan.planned, 'sprint', null, plan.sprint), ev(plan.planned, 'status', 'open', 'scheduled'));
  if (plan.resolved) history.push(ev(plan.resolved, 'resolved', plan.sprint ? 'scheduled' : 'open', 'resolved'));
  return sampleItem(id, {
    status: plan.resolved ? 'resolved' : plan.sprint ? 'scheduled' : 'open',
    sprint: plan.sprint ?? null,
    firstSeen: { at: at(seen), commit: null },
    resolved: plan.resolved ? { at: at(plan.resolved), commit: null, author: 'Alice' } : null,
    effort: { value: effort, source: 'comment', comment: effort },
    file: plan.file ?? `src/pay/${id}.ts`,
    labels: plan.labels ?? [],
    history,
  });
}

function page(items: readonly LedgerItem[], options: { config?: PaydownConfig; today?: string; sprint?: string; planning?: boolean; interest?: InterestIndex } = {}): BudgetPage {
  const config = options.config ?? CONFIG;
  const calendar = sprintCalendar(config, options.today ?? TODAY);
  return buildBudgetPage({
    workspace: 'acme',
    sprints: calendar.sprints,
    current: calendar.current,
    selected: options.sprint ? calendar.find(options.sprint).sprint! : null,
    items,
    config,
    today: calendar.today,
    generatedAt: '2026-11-20T12:00:00.000Z',
    planning: options.planning ?? true,
    interest: options.interest,
  });
}

/** Lead times S1: 10, 10 days; S2: 10, 10, 10; S3: 30 days (one item: little data). */
function history(): LedgerItem[] {
  return [
    item('PD-S1AAA1', 2, '2026-09-28', { sprint: 'S1', planned: '2026-10-05', resolved: '2026-10-08' }),
    item('PD-S1BBB2', 3, '2026-09-30', { sprint: 'S1', planned: '2026-10-05', resolved: '2026-10-10' }),
    item('PD-S2AAA1', 2, '2026-10-12', { sprint: 'S2', planned: '2026-10-19', resolved: '2026-10-22' }),
    item('PD-S2BBB2', 4, '2026-10-13', { sprint: 'S2', planned: '2026-10-19', resolved: '2026-10-23' }),
    item('PD-S2CCC3', 1, '2026-10-14', { resolved: '2026-10-24', labels: ['signup'], file: 'web/signup.ts' }),
    item('PD-S3AAA1', 5, '2026-10-05', { sprint: 'S3', planned: '2026-11-02', resolved: '2026-11-04' }),
    // The running sprint: one planned item open, one paid.
    item('PD-S4AAA1', 3, '2026-11-01', { sprint: 'S4', planned: '2026-11-16' }),
    item('PD-S4BBB2', 2, '2026-11-02', { sprint: 'S4', planned: '2026-11-16', resolved: '2026-11-18' }),
    // The backlog: estimated and not.
    item('PD-BKLOG1', 1, '2026-08-01'),
    item('PD-BKLOG2', 8, '2026-09-01'),
    item('PD-NOEST1', null, '2026-10-01', { file: 'web/signup.ts', labels: ['signup'] }),
  ];
}

describe('the budget page view model', () => {
  describe('on the sample workspace (as npm start shows it)', () => {
    let current: BudgetPage;
    let ended: BudgetPage;
    before(async () => {
      const workspace = await openWorkspace(SAMPLE, nodePorts(SAMPLE, { env: {}, git: false }), { workers: 0 });
      current = await workspace.budgetPage({ today: SAMPLE_DAY, planning: true });
      ended = await workspace.budgetPage({ today: SAMPLE_DAY, sprint: '2026-S23', planning: true });
    });

    it('opens on the current sprint, with every sprint in the picker and the current one marked', () => {
      assert.equal(current.state, 'ready');
      assert.equal(current.workspace, 'sample-workspace');
      assert.equal(current.sprint?.name, '2026-S24');
      assert.equal(current.sprint?.phase, 'active');
      const picker = current.sprints.map((s) => `${s.name}${s.current ? '*' : ''}:${s.phase}`);
      assert.deepEqual(picker.slice(0, 4), ['2026-S21:ended', '2026-S22:ended', '2026-S23:ended', '2026-S24*:active']);
      assert.ok(current.sprints.slice(4).every((s) => s.phase === 'planned'), 'the cadence’s next sprints are planned');
    });

    it('shows the ended sprint as it was measured at its end, with no planning', () => {
      assert.equal(ended.sprint?.measuredOn, '2026-11-22');
      assert.equal(ended.planning, null);
      const row = ended.trends.sprints.find((s) => s.sprint === '2026-S23')!;
      assert.deepEqual([row.budget, row.allocated.points, row.paid.points, row.kept], [ended.sprint!.budget, ended.sprint!.allocated, ended.sprint!.paid, ended.sprint!.kept]);
    });

    it('draws across-sprint charts over the sprints that have started, oldest first', () => {
      assert.deepEqual(current.trends.sprints.map((s) => s.sprint), ['2026-S21', '2026-S22', '2026-S23', '2026-S24']);
      assert.equal(current.trends.open.length, 4);
      assert.ok(current.trends.ages.reduce((sum, b) => sum + b.count, 0) === current.open.count, 'every open item is in one age band');
    });

    it('argues in outcomes: every configured outcome has a row, with its description', () => {
      const names = current.trends.outcomes.filter((o) => o.configured).map((o) => o.name).sort();
      assert.deepEqual(names, ['compliance', 'onboarding', 'reliability']);
      assert.ok(current.trends.outcomes.every((o) => o.description.length > 0));
    });
  });

  describe('on a constructed history', () => {
    it('the selected sprint’s figures are computeBudget’s, its items joined with owners and tracker state', () => {
      const items = history();
      items[6] = { ...items[6]!, owners: ['carol'], trackers: [{ tracker: 'github', key: '#412', url: 'https://github.com/acme/pay/issues/412', state: 'open', stateAt: null }] };
      const p = page(items);
      const want = computeBudget(sprintCalendar(CONFIG, TODAY).current!, items, CONFIG, TODAY);
      assert.deepEqual([p.sprint!.budget, p.sprint!.allocated, p.sprint!.paid, p.sprint!.remaining, p.sprint!.kept], [want.budget, want.allocated, want.paid, want.remaining, want.kept]);
      assert.deepEqual([p.sprint!.budget, p.sprint!.allocated, p.sprint!.paid], [10, 5, 2]);
      const open = p.sprint!.items.find((i) => i.id === 'PD-S4AAA1')!;
      assert.deepEqual(open.owners, ['carol']);
      assert.deepEqual(open.tracker, { tracker: 'github', key: '#412', url: 'https://github.com/acme/pay/issues/412', state: 'open' });
      assert.equal(p.sprint!.items.find((i) => i.id === 'PD-S4BBB2')!.paid, true);
    });

    it('the burn chart runs the whole sprint: ideal from the planned points to 0, actual up to today only', () => {
      const burn = page(history()).sprint!.burn;
      assert.equal(burn.length, 14);
      assert.deepEqual([burn[0]!.date, burn[0]!.ideal, burn.at(-1)!.ideal], ['2026-11-16', 5, 0]);
      const today = burn.findIndex((d) => d.date === TODAY);
      assert.deepEqual([burn[today]!.remaining, burn[today]!.paid], [3, 2]);
      assert.ok(burn.slice(today + 1).every((d) => d.remaining === null && d.paid === null), 'no actual line after today');
    });

    it('an item added mid-sprint is scope change: the ideal stays the straight line from the start, the scope steps up', () => {
      // S4 starts with 5 points (PD-S4AAA1 3, PD-S4BBB2 2); 4 more are added on its fifth day.
      const items = [...history(), item('PD-S4LATE', 4, '2026-11-10', { sprint: 'S4', planned: '2026-11-20' })];
      const burn = page(items).sprint!.burn;
      // 5 × (13 − i) / 13 over 14 days, whatever was added later.
      assert.deepEqual(
        burn.map((d) => d.ideal),
        [5, 4.62, 4.23, 3.85, 3.46, 3.08, 2.69, 2.31, 1.92, 1.54, 1.15, 0.77, 0.38, 0],
      );
      assert.deepEqual(
        burn.slice(0, 5).map((d) => [d.date, d.scope, d.remaining]),
        [
          ['2026-11-16', 5, 5],
          ['2026-11-17', 5, 5],
          ['2026-11-18', 5, 3], // PD-S4BBB2 paid
          ['2026-11-19', 5, 3],
          ['2026-11-20', 9, 7], // + PD-S4LATE: scope change
        ],
      );
      assert.ok(burn.slice(5).every((d) => d.scope === null), 'no scope after today');
    });

    it('an over-allocated sprint marks the rows past its budget, in the order the page lists them', () => {
      // S4's budget is 10 points. As listed: 3, then 4 (7), then 3 (10: exactly the budget, still in
      // it), then 1 (11) is beyond, and so is the paid 2 (13); the won't-fix row counts nothing.
      const items = [
        ...history(),
        item('PD-S4CCC3', 4, '2026-11-03', { sprint: 'S4', planned: '2026-11-16' }),
        item('PD-S4DDD4', 3, '2026-11-03', { sprint: 'S4', planned: '2026-11-17' }),
        item('PD-S4EEE5', 1, '2026-11-03', { sprint: 'S4', planned: '2026-11-17' }),
        { ...item('PD-S4WONT', 5, '2026-11-03', { sprint: 'S4', planned: '2026-11-16' }), status: 'wont-fix' as const },
      ];
      const s = page(items).sprint!;
      assert.equal(s.allocated, 13);
      assert.deepEqual(
        s.items.map((i) => [i.id, i.effort, i.beyondBudget]),
        [
          ['PD-S4AAA1', 3, false],
          ['PD-S4CCC3', 4, false],
          ['PD-S4DDD4', 3, false],
          ['PD-S4EEE5', 1, true],
          ['PD-S4BBB2', 2, true], // paid, listed after the open rows
          ['PD-S4WONT', 5, false],
        ],
      );
      // Within its budget, no row is beyond it.
      assert.ok(page(history()).sprint!.items.every((i) => !i.beyondBudget));
    });

    it('lead time per sprint with its trend, and little data marked', () => {
      const { trends } = page(history());
      const lead = trends.sprints.map((s) => [s.sprint, s.leadTime.medianDays, s.leadTime.littleData]);
      assert.deepEqual(lead, [
        ['S1', 10, true],
        ['S2', 10, false],
        ['S3', 30, true],
        ['S4', 16, true],
      ]);
      assert.equal(LITTLE_DATA_ITEMS, 3);
      // S3 (the last ended sprint, 30 days) against the median of S1 and S2 (10): longer.
      assert.equal(trends.leadTime.trend, 'longer');
      assert.equal(trends.leadTime.count, 7);
      assert.equal(trends.leadTime.littleData, false);
    });

    it('no trend from a single ended sprint', () => {
      const { trends } = page(history().filter((i) => i.id.startsWith('PD-S1') || i.id.startsWith('PD-S4')));
      assert.equal(trends.leadTime.trend, null);
    });

    it('debt and paydown per outcome, by path and by label', () => {
      const rows = Object.fromEntries(page(history()).trends.outcomes.map((o) => [o.name, o]));
      assert.deepEqual(rows.reliability!.paid, { count: 6, points: 18 }, 'S1 2+3, S2 2+4, S3 5, S4 2');
      assert.deepEqual(rows.onboarding!.resolved, { count: 1, points: 1 });
      assert.equal(rows.onboarding!.open.count, 1, 'the unestimated signup item');
      assert.equal(rows.onboarding!.paid.count, 0, 'resolved unplanned is not paid from the budget');
    });

    it('planning: the proposal with reasons and the backlog, best value first; the unestimated item says why it is left out', () => {
      const { planning } = page(history());
      assert.equal(planning?.sprint, 'S4');
      assert.equal(planning.room, 5);
      assert.deepEqual(planning.proposed.map((p) => p.id), ['PD-BKLOG1']);
      assert.match(planning.proposed[0]!.reason, /value/);
      assert.deepEqual(planning.backlog.map((b) => b.id).sort(), ['PD-BKLOG2', 'PD-NOEST1']);
      assert.match(planning.backlog.find((b) => b.id === 'PD-NOEST1')!.note ?? '', /no estimate/);
      assert.match(planning.backlog.find((b) => b.id === 'PD-BKLOG2')!.note ?? '', /room|fit/);
    });

    it('planning: each item carries its file\'s interest from the engine, and auto-fill weighs it and says so', () => {
      // BKLOG2's file is the most changed of 20; BKLOG1's changed once; the signup file not at all.
      const interest = interestIndex({ days: 90, since: '2026-08-22', commits: 50, trackedFiles: 20, files: new Map([['src/pay/PD-BKLOG2.ts', { commits: 41, lines: 900 }], ['src/pay/PD-BKLOG1.ts', { commits: 1, lines: 2 }]]) });
      const { planning } = page(history(), { interest });
      const byId = new Map([...planning!.proposed, ...planning!.backlog].map((i) => [i.id, i]));
      assert.deepEqual(byId.get('PD-BKLOG2')!.interest, { commits: 41, days: 90, label: '41× / 90d', description: 'file changed 41 times in 90 days — top 5% of the repository' });
      assert.equal(byId.get('PD-BKLOG1')!.interest?.label, '1× / 90d');
      assert.equal(byId.get('PD-NOEST1')!.interest, null, 'a file not changed in the window shows nothing');
      assert.match(planning!.proposed[0]!.reason, /file changed 1 time in 90 days/);
      const unread = page(history()).planning!;
      assert.ok([...unread.proposed, ...unread.backlog].every((i) => i.interest === null), 'not read: nothing shown');
    });

    it('no planning for an ended sprint or a read-only page', () => {
      assert.equal(page(history(), { sprint: 'S2' }).planning, null);
      assert.equal(page(history(), { planning: false }).planning, null);
      assert.equal(page(history(), { sprint: 'S5' }).planning?.sprint, 'S5', 'a planned sprint can be planned');
    });

    it('caps the backlog and says how many more there are', () => {
      const many = Array.from({ length: PAGE_BACKLOG + 25 }, (_, i) => item(`PD-M${String(i).padStart(5, '0')}`, 50, '2026-09-01'));
      const { planning } = page(many);
      assert.equal(planning!.backlog.length + planning!.proposed.length + planning!.backlogMore, many.length);
      assert.equal(planning!.backlog.length, PAGE_BACKLOG);
    });

    it('empty states: no sprints, then no debt', () => {
      const none = page([], { config: parseConfig('{}', 'config.jsonc') });
      assert.deepEqual([none.state, none.sprint, none.sprints.length, none.planning], ['no-sprints', null, 0, null]);
      const noDebt = page([]);
      assert.equal(noDebt.state, 'no-debt');
      assert.equal(noDebt.sprint?.name, 'S4');
      assert.deepEqual([noDebt.sprint!.allocated, noDebt.sprint!.kept, noDebt.open.count], [0, 0, 0]);
    });

    it('between sprints it shows the latest that has started', () => {
      const gap = parseConfig('{ "sprints": [ { "name": "A", "start": "2026-11-02", "end": "2026-11-06", "capacity": 10, "debtBudget": 2 } ] }', 'config.jsonc');
      assert.equal(page(history(), { config: gap }).sprint?.name, 'A');
    });

    it('an unknown sprint name is a usage error with a hint, from the workspace', async () => {
      const workspace = await openWorkspace(SAMPLE, nodePorts(SAMPLE, { env: {}, git: false }), { workers: 0 });
      await assert.rejects(workspace.budgetPage({ today: SAMPLE_DAY, sprint: 'no-such-sprint' }), (err: unknown) => PaydownError.is(err, 'usage'));
    });

    it('plain JSON: survives a JSON round trip unchanged', () => {
      const p = page(history());
      assert.deepEqual(JSON.parse(JSON.stringify(p)), p);
    });
  });
});
