import * as assert from 'node:assert/strict';
import type { SprintBudget } from '../../../src/engine/sprints/model';
import { defaultConfig } from '../../../src/engine/config/config';
import { buildTree, type DebtNode, type GroupNode } from '../../../src/extension/views/debtModel';
import { budgetStatus, FOLDER_LABEL_MAX, groupDescription, groupRowLabel, groupTooltip, itemContextValue, itemDescription, itemIcon, itemLabel, itemTooltip, searchEntry } from '../../../src/extension/views/labels';
import { points } from '../../../src/engine/present';
import { currentBudget, visibleSprints } from '../../../src/extension/views/sprintInfo';
import { sessionItem } from './viewHelpers';

describe('Debt view labels', () => {
  it('rows read TAG · file:line, then sprint, effort, a notable status and "unsaved"', () => {
    const item = sessionItem({ file: 'src/api/client.ts', line: 42, tag: 'FIXME', id: 'PD-AAAAAA', ledgerSprint: 'S1', effort: 3 });
    assert.equal(itemDescription(item, 'tag'), 'FIXME · src/api/client.ts:42 · S1 · 3 pts');
    assert.equal(itemDescription(item, 'file'), 'FIXME · line 42 · S1 · 3 pts');
    assert.equal(itemDescription(item, 'sprint'), 'FIXME · src/api/client.ts:42 · 3 pts');
    assert.equal(itemDescription(sessionItem({ line: 2, effort: 1, unsaved: true }), 'tag'), 'TODO · src/a.ts:2 · 1 pt · unsaved');
    assert.equal(itemDescription(sessionItem({ id: 'PD-B', status: 'wont-fix' }), 'tag'), "TODO · src/a.ts:1 · won't fix");
  });

  it("a notebook item's row says its cell and the line in it, as the notebook editor counts, not the .ipynb file's JSON line", () => {
    const base = sessionItem({ file: 'analysis/explore.ipynb', line: 38, tag: 'TODO' });
    const item = { ...base, debt: { ...base.debt, cell: { index: 2, line: 2, column: 3 } } };
    assert.equal(itemDescription(item, 'file'), 'TODO · cell 3, line 2');
    assert.equal(itemDescription(item, 'tag'), 'TODO · analysis/explore.ipynb, cell 3, line 2');
    assert.equal(searchEntry(item).description, 'TODO · analysis/explore.ipynb, cell 3, line 2');
  });

  it('grouped by interest, a row says how often its file changed (nothing for a quiet file)', () => {
    const item = sessionItem({ file: 'src/api/client.ts', line: 42, tag: 'FIXME', effort: 3 });
    const hot = { commits: 41, lines: 900, days: 90, topShare: 0.05, score: 4.75 };
    assert.equal(itemDescription(item, 'interest', hot), 'FIXME · src/api/client.ts:42 · 41× in 90 days · 3 pts');
    assert.equal(itemDescription(item, 'interest', { ...hot, commits: 0, topShare: 1, score: 0 }), 'FIXME · src/api/client.ts:42 · 3 pts');
    assert.equal(itemDescription(item, 'tag', hot), 'FIXME · src/api/client.ts:42 · 3 pts', 'only where the grouping is about it');
  });

  it('labels an untitled item by its tag', () => {
    assert.equal(itemLabel(sessionItem({ title: '  ', tag: 'HACK' })), '(untitled HACK)');
  });

  it('context values say whether the item is in the ledger, its status, and unsaved', () => {
    assert.equal(itemContextValue(sessionItem()), 'item:new');
    assert.equal(itemContextValue(sessionItem({ unsaved: true })), 'item:new:unsaved');
    assert.equal(itemContextValue(sessionItem({ id: 'PD-A', ledgerSprint: 'S1' })), 'item:ledger:scheduled');
    // The menus' when clauses (package.json) match these.
    assert.match(itemContextValue(sessionItem({ id: 'PD-A' })), /^item:(new|ledger:(open|scheduled|in-progress))/);
    assert.doesNotMatch(itemContextValue(sessionItem({ id: 'PD-A', status: 'resolved' })), /^item:(new|ledger:(open|scheduled|in-progress))/);
  });

  it('icons: per tag, coloured by the impact someone stated (not the tag’s default); unsaved, resolved and won’t-fix stand apart', () => {
    assert.deepEqual(itemIcon(sessionItem({ tag: 'FIXME', impact: 'critical' })), { id: 'bug', color: 'list.errorForeground' });
    assert.deepEqual(itemIcon(sessionItem({ tag: 'TODO', impact: 'low', tagImpact: 'low' })), { id: 'checklist', color: undefined }, 'a TODO’s default impact colours nothing');
    assert.deepEqual(itemIcon(sessionItem({ tag: 'TODO', impact: 'high', tagImpact: 'low' })), { id: 'checklist', color: 'list.warningForeground' });
    assert.deepEqual(itemIcon(sessionItem({ tag: 'TODO' })), { id: 'checklist', color: undefined });
    assert.equal(itemIcon(sessionItem({ tag: 'NOTE' })).id, 'note');
    assert.equal(itemIcon(sessionItem({ unsaved: true })).id, 'edit');
    assert.equal(itemIcon(sessionItem({ id: 'PD-A', status: 'resolved' })).id, 'pass');
    assert.equal(itemIcon(sessionItem({ id: 'PD-A', status: 'wont-fix' })).id, 'circle-slash');
  });

  it('the tooltip holds the ledger facts in a table', () => {
    const item = sessionItem({
      title: 'retry *upload*', id: 'PD-AAAAAA', ledgerSprint: 'S1', effort: 2, impact: 'high', owners: ['alice'], labels: ['net'], body: 'see the RFC',
      firstSeen: '2026-01-01T00:00:00.000Z', trackers: [{ tracker: 'github', key: '#12', url: 'https://github.com/o/r/issues/12', state: 'open', stateAt: null }],
    });
    const md = itemTooltip(item, new Date('2026-03-02T00:00:00.000Z'));
    assert.match(md, /^\*\*retry \\\*upload\\\*\*\*/);
    for (const row of ['| Id | `PD-AAAAAA` |', '| Status | scheduled |', '| Sprint | S1 |', '| Effort | 2 pts |', '| Impact | high |', '| Owners | @alice |', '| Labels | \\#net |', '| Age | 2 months (first seen 2026-01-01) |', '| Ticket (github) | [\\#12](https://github.com/o/r/issues/12) · open |']) {
      assert.ok(md.includes(row), `${row} in\n${md}`);
    }
    assert.ok(md.includes('> see the RFC'));
    const fresh = itemTooltip(sessionItem({ unsaved: true }));
    assert.match(fresh, /\*unsaved\*/);
  });

  it('the tooltip of an item nobody planned shows what the comment says, nothing as missing, and a default impact as a default', () => {
    const md = itemTooltip(sessionItem({ title: 'retry', tag: 'TODO', impact: 'low', tagImpact: 'low' }));
    assert.doesNotMatch(md, /ledger|not estimated|Sprint|Id/);
    assert.ok(md.includes('| Impact | *low (TODO default)* |'), md);
    assert.ok(itemTooltip(sessionItem({ tag: 'TODO', impact: 'high', tagImpact: 'low' })).includes('| Impact | high |'));
    const decided = sessionItem({ id: 'PD-A', tag: 'TODO', impact: 'low', tagImpact: 'low' });
    decided.ledger!.impact = { value: 'low', source: 'ui', comment: 'low' };
    assert.ok(itemTooltip(decided).includes('| Impact | low |'), 'an impact set in the editor is a decision, even when it equals the default');
  });

  it('escapes Markdown in titles with the one Markdown escaper', () => {
    const md = itemTooltip(sessionItem({ title: 'a_b [c](d) `e` ![i](http://x.example/i.png)' }));
    assert.ok(md.includes('**a\\_b \\[c\\](d) \\`e\\` !\\[i\\](http://x.example/i.png)**'), md);
  });

  it('group descriptions: the count first (a narrow side bar cuts the end), then the folder of a file and a lone item’s text, or sprint dates', () => {
    const items = [sessionItem({ file: 'src/api/x.ts', title: 'retry the upload' }), sessionItem({ file: 'y.ts', line: 1 }), sessionItem({ file: 'y.ts', line: 5, tag: 'FIXME' })];
    const tree = buildTree([{ folder: { key: 'k', name: 'ws' }, items, sprints: [] }], { grouping: 'file', filter: {} });
    assert.deepEqual(tree.roots.map((n) => groupDescription(n as GroupNode, 'file')), ['1 · src/api · TODO: retry the upload', '2']);
    const folders = buildTree([{ folder: { key: 'k', name: 'ws' }, items, sprints: [] }], { grouping: 'folder', filter: {} });
    const rows: string[] = [];
    const walk = (nodes: readonly DebtNode[]): void => {
      for (const n of nodes) {
        if (n.kind !== 'group') continue;
        rows.push(`${n.label} ${groupDescription(n, 'folder')}`);
        walk(n.children);
      }
    };
    walk(folders.roots);
    assert.deepEqual(rows, ['src/api 1', 'x.ts 1 · TODO: retry the upload', 'y.ts 2'], 'in the folder tree a file row needs no folder');
    const sprints = buildTree([{ folder: { key: 'k', name: 'ws' }, items: [], sprints: [{ name: 'S1', start: '2026-01-01', end: '2026-01-14', when: 'current' }] }], { grouping: 'sprint', filter: {} });
    assert.equal(groupDescription(sprints.roots[0] as GroupNode, 'sprint'), '0 · current');
    assert.equal(groupTooltip(sprints.roots[0] as GroupNode), 'S1 · current, 2026-01-01 → 2026-01-14 · 0 debt items\nDrop items here to allocate them to this sprint.');
    assert.equal(groupTooltip(sprints.roots[1] as GroupNode), 'No sprint · 0 debt items\nDrop items here to take them out of their sprint.');
  });

  it('long folder rows are shortened in the middle (keeping the last folder), so their count stays on screen', () => {
    const row = (file: string): string => {
      const tree = buildTree([{ folder: { key: 'k', name: 'ws' }, items: [sessionItem({ file }), sessionItem({ file: 'other/x.ts' })], sprints: [] }], { grouping: 'folder', filter: {} });
      return groupRowLabel(tree.roots.find((n) => n.kind === 'group' && n.value !== 'other') as GroupNode);
    };
    assert.equal(row('packages/babel-helper-module-transforms/src/index.ts'), 'packages/babel-helper-m…/src');
    assert.equal(row('babel-plugin-transform-destructuring/x.ts'), 'babel-plugin-t…destructuring');
    assert.equal(row('src/engine/scanner/walk.ts'), 'src/engine/scanner', 'short rows are left as they are');
    assert.equal(row('babel-plugin-transform-destructuring/x.ts').length, FOLDER_LABEL_MAX);
  });

  it('search entries: title; tag and place; owners, labels, id, sprint', () => {
    const entry = searchEntry(sessionItem({ title: 'cache', tag: 'DEBT', file: 'src/a.ts', line: 7, owners: ['bob'], labels: ['perf'], id: 'PD-AAAAAA', ledgerSprint: 'S2' }), 'api');
    assert.deepEqual(entry, { label: 'cache', description: 'DEBT · api/src/a.ts:7', detail: '@bob  ·  #perf  ·  PD-AAAAAA  ·  sprint S2  ·  scheduled' });
    assert.equal(searchEntry(sessionItem({ owners: ['bob'] })).detail, '@bob', 'an item not in the ledger is not told so on every row');
    assert.equal(searchEntry(sessionItem()).detail, '');
  });

  it('points', () => {
    assert.equal(points(1), '1 pt');
    assert.equal(points(0.5), '0.5 pts');
    assert.equal(points(0.1 + 0.2), '0.3 pts');
  });
});

describe('status bar budget', () => {
  const budget = (fields: Partial<SprintBudget>): SprintBudget => ({
    sprint: 'Sprint 12', squad: null, start: '2026-03-02', end: '2026-03-15', phase: 'active', capacity: 40, budget: 20, allocated: 13, paid: 5,
    remaining: 8, unallocated: 7, paidUnplanned: 0, kept: 0.25, planned: true, warnings: [], items: [], unplanned: [], ...fields,
  });

  it('reads allocated/budget, with a warning background only when under- or over-allocated', () => {
    const ok = budgetStatus(budget({}));
    assert.equal(ok.text, '$(shield) Debt 13/20 pts');
    assert.equal(ok.warning, false);
    for (const row of ['| Debt budget | 20 pts |', '| Allocated | 13 pts |', '| Paid down | 5 pts |', '| Remaining | 8 pts |', '| Unallocated | 7 pts |']) assert.ok(ok.tooltip.includes(row), row);
    assert.match(ok.tooltip, /\*\*Sprint 12\*\* · current sprint · 2026-03-02 → 2026-03-15/);
    const over = budgetStatus(budget({ allocated: 25, warnings: [{ code: 'over-allocated', severity: 'warning', message: '25 pts allocated is 5 pts over' }] }));
    assert.equal(over.warning, true);
    assert.match(over.tooltip, /\$\(warning\) 25 pts allocated is 5 pts over/);
    assert.equal(budgetStatus(budget({ warnings: [{ code: 'estimated-by-default', severity: 'info', message: 'x' }] })).warning, false);
  });

  it('lists other folders’ budgets in the tooltip', () => {
    const status = budgetStatus(budget({}), [{ folder: 'web', budget: budget({ sprint: 'W3' }) }], 'api');
    assert.match(status.tooltip, /\*\*Sprint 12\*\* \(api\)/);
    assert.match(status.tooltip, /\*\*W3\*\* \(web\)/);
    assert.match(status.text, /^\$\(shield\) Debt \d+\/\d+ pts · api$/, 'multi-root: the text says whose budget it is');
  });

  it('computes the current sprint of a config, or none', () => {
    const config = { ...defaultConfig(), sprints: [{ name: 'S1', start: '2026-03-02', end: '2026-03-15', capacity: 40, debtBudget: { points: 10 }, squad: null }] };
    const ledger = [sessionItem({ id: 'PD-A', ledgerSprint: 'S1', effort: 4 }).ledger!];
    const b = currentBudget(config, ledger, '2026-03-05');
    assert.equal(b?.sprint, 'S1');
    assert.equal(b?.allocated, 4);
    assert.equal(b?.budget, 10);
    assert.equal(currentBudget(config, ledger, '2026-04-01'), undefined);
    assert.equal(currentBudget(defaultConfig(), ledger, '2026-03-05'), undefined);
  });

  it('shows configured sprints and the cadence’s current and next', () => {
    const config = {
      ...defaultConfig(),
      sprints: [{ name: 'Old', start: '2025-01-01', end: '2025-01-14', capacity: 10, debtBudget: { points: 2 }, squad: null }],
      cadence: { start: '2026-01-05', lengthDays: 14, name: 'Sprint {n}', firstNumber: 1, capacity: 40, debtBudget: { share: 0.2 }, squad: null },
    };
    const shown = visibleSprints(config, '2026-02-10');
    assert.deepEqual(shown.map((s) => `${s.name}:${s.when}`), ['Old:ended', 'Sprint 3:current', 'Sprint 4:next']);
  });
});
