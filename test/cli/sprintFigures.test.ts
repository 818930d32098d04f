import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { LedgerStore, loadConfig, nodePorts, openWorkspace, WorkspaceSession, type BudgetPage, type LedgerEvent, type LedgerItem } from '../../src/engine';
import { currentBudget } from '../../src/extension/views/sprintInfo';
import { sampleItem } from '../unit/ledger/helpers';
import { buildOnce, paydown, workspace } from './runCli';

/**
 * One sprint's figures, one answer: `budget`, `report`, `sprint list`, `export` and the
 * extension's status bar all read the engine's one rule (an ended sprint measured at its end,
 * the active one live). The history below is the issue's: an item paid in S1 and reopened in S2,
 * one moved on from S1 to S2 unfinished, an unplanned fix in S1, and one paid in S2.
 *
 * By hand, S1 (ended, measured on 2026-11-13): allocated A 3 + B 2 = 5, paid A 3, unplanned C 1,
 * remaining 2, budget 10 (25% of 40), kept 3 / 10 = 30%. Read from today's ledger instead, S1
 * would show allocated 3 (A only, open again) and paid 0.
 * S2 (active on 2026-11-20, live): allocated B 2 + D 4 = 6, paid D 4, remaining 2, kept 40%.
 *
 * S0 (2026-10-19 → 10-29) ended the day before the ledger's first sprint assignment (10-30): the
 * team was not planning yet (a backfilled past, or a cadence reaching back). E was first seen and
 * fixed in it: S0 shows that as history (paid unplanned 1, five added, one resolved), but its
 * budget is "not planned": no kept share, no "budget not kept", on every surface.
 */
const CONFIG = `{
  "sprints": [
    { "name": "S0", "start": "2026-10-19", "end": "2026-10-29", "capacity": 40, "debtBudget": "25%" },
    { "name": "S1", "start": "2026-11-02", "end": "2026-11-13", "capacity": 40, "debtBudget": "25%" },
    { "name": "S2", "start": "2026-11-16", "end": "2026-11-27", "capacity": 40, "debtBudget": "25%" }
  ]
}
`;
const TODAY = '2026-11-20';
const A = 'PD-AAAA01';
const B = 'PD-BBBB02';
const C = 'PD-CCCC03';
const D = 'PD-DDDD04';
const E = 'PD-EEEE05';

let n = 0;
const event = (at: string, type: LedgerEvent['type'], from?: unknown, to?: unknown): LedgerEvent => ({ id: `E${++n}`, at: `${at}T10:00:00.000Z`, type, from, to, by: 'Alice' });
const created = (id: string): LedgerEvent => ({ id: `C-${id}`, at: '2026-10-20T09:00:00.000Z', type: 'created', commit: null });
const stamp = (day: string) => ({ at: `${day}T10:00:00.000Z`, commit: null, author: 'Alice' });

/** The four items as today's ledger holds them, each with the history that led there. */
function history(): LedgerItem[] {
  const base = (id: string, effort: number, rest: Partial<LedgerItem>): LedgerItem =>
    sampleItem(id, { firstSeen: { at: '2026-10-20T09:00:00.000Z', commit: null }, effort: { value: effort, source: 'comment', comment: effort }, file: `src/${id}.ts`, ...rest });
  return [
    // Planned for S1, paid on Nov 5, reopened in S2 (still S1's).
    base(A, 3, {
      status: 'open',
      sprint: 'S1',
      history: [created(A), event('2026-10-30', 'sprint', null, 'S1'), event('2026-10-30', 'status', 'open', 'scheduled'), event('2026-11-05', 'resolved', 'scheduled', 'resolved'), event('2026-11-17', 'reopened', 'resolved', 'open')],
    }),
    // Planned for S1, not done, moved on to S2.
    base(B, 2, {
      status: 'scheduled',
      sprint: 'S2',
      history: [created(B), event('2026-10-30', 'sprint', null, 'S1'), event('2026-10-30', 'status', 'open', 'scheduled'), event('2026-11-16', 'sprint', 'S1', 'S2')],
    }),
    // Never planned, fixed during S1.
    base(C, 1, { status: 'resolved', resolved: stamp('2026-11-10'), history: [created(C), event('2026-11-10', 'resolved', 'open', 'resolved')] }),
    // Planned for S2 and paid in it.
    base(D, 4, {
      status: 'resolved',
      sprint: 'S2',
      resolved: stamp('2026-11-18'),
      history: [created(D), event('2026-11-16', 'sprint', null, 'S2'), event('2026-11-16', 'status', 'open', 'scheduled'), event('2026-11-18', 'resolved', 'scheduled', 'resolved')],
    }),
    // Found and fixed in S0, before anyone planned (as backfill records it).
    base(E, 1, { status: 'resolved', resolved: stamp('2026-10-22'), history: [created(E), event('2026-10-22', 'resolved', 'open', 'resolved')] }),
  ];
}

interface Figures {
  allocated: number;
  paid: number;
  paidUnplanned: number;
  remaining: number;
  budget: number;
  kept: number | null;
  planned: boolean;
}
const S0: Figures = { allocated: 0, paid: 0, paidUnplanned: 1, remaining: 0, budget: 10, kept: null, planned: false };
const S1: Figures = { allocated: 5, paid: 3, paidUnplanned: 1, remaining: 2, budget: 10, kept: 0.3, planned: true };
const S2: Figures = { allocated: 6, paid: 4, paidUnplanned: 0, remaining: 2, budget: 10, kept: 0.4, planned: true };
const figures = (f: Figures): Figures => ({ allocated: f.allocated, paid: f.paid, paidUnplanned: f.paidUnplanned, remaining: f.remaining, budget: f.budget, kept: f.kept, planned: f.planned });
const NOTE = 'not planned: the ledger held no sprint assignment before this sprint ended; figures of added and paid debt come from history';

describe('one sprint figure on every surface (budget, report, sprint list, export, status bar)', function () {
  this.timeout(60_000);
  let root = '';
  before(async () => {
    buildOnce();
    root = workspace({ '.paydown/config.jsonc': CONFIG, 'src/app.ts': 'export const app = 1;\n' });
    await LedgerStore.open(root).update((tx) => {
      for (const item of history()) tx.put(item);
    });
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const json = (args: string[]): Record<string, unknown> => {
    // PAYDOWN_TODAY: the day every command measures on (export takes no --today).
    const run = paydown([...args, '--no-cache'], { cwd: root, env: { PAYDOWN_TODAY: TODAY } });
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(run.stdout) as Record<string, unknown>;
  };

  it('budget: an ended sprint as it stood at its end, the active one live', () => {
    type Row = { item: { id: string } };
    const s1 = json(['budget', '--sprint', 'S1', '--format', 'json']) as unknown as Figures & { items: Row[]; unplanned: Row[] };
    assert.deepEqual(figures(s1), S1);
    assert.deepEqual(s1.items.map((i) => i.item.id).sort(), [A, B]);
    assert.deepEqual(s1.unplanned.map((i) => i.item.id), [C]);
    assert.deepEqual(figures(json(['budget', '--sprint', 'S2', '--format', 'json']) as unknown as Figures), S2);
    assert.deepEqual(figures(json(['budget', '--format', 'json']) as unknown as Figures), S2, 'current is S2');
  });

  it('budget: S0, ended before planning began, is "not planned", with no verdict', () => {
    const s0 = json(['budget', '--sprint', 'S0', '--format', 'json']) as unknown as Figures & { warnings: { code: string }[]; unplanned: { item: { id: string } }[] };
    assert.deepEqual(figures(s0), S0);
    assert.deepEqual(s0.warnings, []);
    assert.deepEqual(s0.unplanned.map((i) => i.item.id), [E]);
    const text = paydown(['budget', '--sprint', 'S0', '--no-cache'], { cwd: root, env: { PAYDOWN_TODAY: TODAY } });
    assert.equal(text.status, 0, text.stderr);
    assert.ok(text.stdout.split('\n').includes(`i ${NOTE}`), text.stdout);
    assert.doesNotMatch(text.stdout, /budget-not-kept|of the budget\)/);
  });

  it('report: the review counts what budget counts', () => {
    for (const [name, want] of [['S1', S1], ['S2', S2]] as const) {
      const r = json(['report', '--sprint', name, '--format', 'json']) as { metrics: { budget: number; allocated: { points: number }; paid: { points: number }; budgetKept: number | null } };
      assert.deepEqual([r.metrics.budget, r.metrics.allocated.points, r.metrics.paid.points, r.metrics.budgetKept], [want.budget, want.allocated, want.paid, want.kept], name);
    }
  });

  it('report: S0 is "not planned" in JSON and Markdown, and S1’s review tells it apart', () => {
    const r = json(['report', '--sprint', 'S0', '--format', 'json']) as { kept: boolean | null; planned: boolean; planningBegan: string | null; metrics: { budgetKept: number | null; planned: boolean; added: { count: number }; resolved: { count: number } }; prompts: string[] };
    assert.deepEqual([r.kept, r.planned, r.planningBegan, r.metrics.budgetKept, r.metrics.planned], [null, false, '2026-10-30', null, false]);
    // All five items were first seen in S0 (10-20); E was fixed in it.
    assert.deepEqual([r.metrics.added.count, r.metrics.resolved.count], [5, 1], 'history still shows');
    assert.ok(!r.prompts.some((p) => /budget was not kept/.test(p)));
    const md = paydown(['report', '--sprint', 'S0', '--no-cache'], { cwd: root, env: { PAYDOWN_TODAY: TODAY } });
    assert.equal(md.status, 0, md.stderr);
    assert.match(md.stdout, /^## Budget: not planned$/m);
    assert.ok(md.stdout.includes(`${NOTE} (the first assignment is from 2026-10-30).`));
    const s1 = json(['report', '--sprint', 'S1', '--format', 'json']) as { planned: boolean; previous: { sprint: string; planned: boolean; budgetKept: number | null }[] };
    assert.equal(s1.planned, true);
    assert.deepEqual(s1.previous.map((p) => [p.sprint, p.planned, p.budgetKept]), [['S0', false, null]]);
  });

  it('sprint list: each row is that sprint’s budget', () => {
    const list = json(['sprint', 'list', '--format', 'json']) as { current: string; sprints: (Figures & { sprint: string })[] };
    assert.equal(list.current, 'S2');
    assert.deepEqual(
      list.sprints.map((s) => [s.sprint, figures(s)]),
      [
        ['S0', S0],
        ['S1', S1],
        ['S2', S2],
      ],
    );
  });

  it('export --sprint: the items the sprint’s figures count (S1 held A and B at its end)', () => {
    const s1 = json(['export', '--format', 'json', '--sprint', 'S1']) as { items: { id: string }[] };
    assert.deepEqual(s1.items.map((i) => i.id).sort(), [A, B]);
    // Open ones by default: D is paid, so S2 exports B only.
    const s2 = json(['export', '--format', 'json', '--sprint', 'S2']) as { items: { id: string }[] };
    assert.deepEqual(s2.items.map((i) => i.id), [B]);
    // Nothing was allocated to S0: nobody planned it.
    const s0 = json(['export', '--format', 'json', '--sprint', 'S0', '--status', 'resolved,open']) as { items: { id: string }[] };
    assert.deepEqual(s0.items, []);
  });

  it('sprint list as text: S0’s kept column says "not planned"', () => {
    const run = paydown(['sprint', 'list', '--no-cache'], { cwd: root, env: { PAYDOWN_TODAY: TODAY } });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^ {2}S0 .* ended .* not planned {2}config$/m);
    assert.match(run.stdout, /^ {2}S1 .* ended .* 30% {2}config$/m);
  });

  it('the extension’s status bar shows the current sprint’s figures, as budget does', async () => {
    const { config } = loadConfig(root);
    const { items } = await LedgerStore.open(root).load();
    const budget = currentBudget(config, items, TODAY);
    assert.equal(budget?.sprint, 'S2');
    assert.deepEqual(figures(budget!), S2);
  });

  describe('the budget page (the panel and the HTML report draw it)', () => {
    const pageFigures = (page: BudgetPage): Figures => figures(page.sprint!);
    const trendRow = (page: BudgetPage, name: string) => {
      const row = page.trends.sprints.find((s) => s.sprint === name)!;
      return { allocated: row.allocated.points, paid: row.paid.points, budget: row.budget, kept: row.kept, planned: row.planned };
    };
    const want = (f: Figures) => ({ allocated: f.allocated, paid: f.paid, budget: f.budget, kept: f.kept, planned: f.planned });
    const notPlanned = (page: BudgetPage) => [page.sprint!.planned, page.sprint!.kept, page.sprint!.budgetKept, page.planningBegan, page.sprint!.warnings];

    it('the one-shot workspace (the CLI and CI): the selected sprint and the across-sprint rows are budget’s figures', async () => {
      const workspace = await openWorkspace(root, nodePorts(root, { env: {}, git: false }), { workers: 0 });
      const current = await workspace.budgetPage({ today: TODAY });
      assert.equal(current.sprint?.name, 'S2', 'the current sprint by default');
      assert.deepEqual(pageFigures(current), S2);
      assert.deepEqual(pageFigures(await workspace.budgetPage({ today: TODAY, sprint: 'S1' })), S1);
      const s0 = await workspace.budgetPage({ today: TODAY, sprint: 'S0' });
      assert.deepEqual(pageFigures(s0), S0);
      assert.deepEqual(notPlanned(s0), [false, null, null, '2026-10-30', []]);
      assert.deepEqual([trendRow(current, 'S0'), trendRow(current, 'S1'), trendRow(current, 'S2')], [want(S0), want(S1), want(S2)]);
    });

    it('the HTML report (report --format html): every sprint it carries shows budget’s figures', () => {
      const run = paydown(['report', '--format', 'html', '--sprint', 'S1', '-o', '-', '--no-cache'], { cwd: root, env: { PAYDOWN_TODAY: TODAY } });
      assert.equal(run.status, 0, run.stderr);
      const data = /<script type="application\/json" id="paydown-report">([\s\S]*?)<\/script>/.exec(run.stdout)?.[1];
      assert.ok(data, 'the page embeds its report');
      const report = JSON.parse(data) as { selected: string; pages: BudgetPage[] };
      assert.equal(report.selected, 'S1');
      const bySprint = new Map(report.pages.map((p) => [p.sprint!.name, p]));
      assert.deepEqual(pageFigures(bySprint.get('S1')!), S1);
      assert.deepEqual(pageFigures(bySprint.get('S2')!), S2);
      assert.deepEqual(pageFigures(bySprint.get('S0')!), S0);
      assert.deepEqual(notPlanned(bySprint.get('S0')!), [false, null, null, '2026-10-30', []]);
      assert.deepEqual([trendRow(bySprint.get('S1')!, 'S0'), trendRow(bySprint.get('S1')!, 'S1'), trendRow(bySprint.get('S1')!, 'S2')], [want(S0), want(S1), want(S2)]);
    });

    it('the editor’s session (the panel): the same figures', async () => {
      const session = await WorkspaceSession.open({ root, git: null });
      await session.refresh();
      assert.deepEqual(pageFigures(session.budgetPage({ today: TODAY, sprint: 'S1' })), S1);
      const s0 = session.budgetPage({ today: TODAY, sprint: 'S0' });
      assert.deepEqual(pageFigures(s0), S0);
      assert.deepEqual(notPlanned(s0), [false, null, null, '2026-10-30', []]);
      const current = session.budgetPage({ today: TODAY, planning: true });
      assert.deepEqual(pageFigures(current), S2);
      assert.deepEqual([trendRow(current, 'S0'), trendRow(current, 'S1'), trendRow(current, 'S2')], [want(S0), want(S1), want(S2)]);
    });
  });
});
