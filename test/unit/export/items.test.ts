import * as assert from 'node:assert/strict';
import type { DebtItem, ItemStatus, LedgerItem, ListedItem } from '../../../src/engine';
import { toExportItems } from '../../../src/engine/export';
import { interestIndex } from '../../../src/engine/interest/interest';

function ledgerItem(id: string, status: ItemStatus, patch: Partial<LedgerItem> = {}): LedgerItem {
  return {
    id,
    status,
    tag: 'TODO',
    title: `item ${id}`,
    fingerprint: 'f',
    owners: ['ledger-owner'],
    labels: [],
    file: 'old/path.ts',
    line: 1,
    firstSeen: { at: '2026-10-01T00:00:00.000Z', commit: null },
    resolved: status === 'resolved' ? { at: '2026-11-01T00:00:00.000Z', commit: 'abc', author: 'Alice' } : null,
    sprint: null,
    effort: { value: 2, source: 'comment', comment: 2 },
    impact: { value: 'low', source: 'comment', comment: 'low' },
    outcome: { value: null, source: 'comment', comment: null },
    trackers: [],
    history: [],
    ...patch,
  };
}

function comment(patch: Partial<DebtItem>): DebtItem {
  return {
    file: 'src/live.ts', line: 40, column: 5, end: { line: 41, column: 1 }, tag: 'TODO', title: 't', body: 'the body', owners: ['carol'], labels: ['payments'],
    effort: 2, effortSpec: null, impact: 'low', sprint: null, due: '2026-12-31', outcome: null, issueRefs: [{ kind: 'github', text: 'GH-9' }], id: null, language: 'typescript', fingerprint: 'f', problems: [],
    ...patch,
  };
}

const outcomes = [
  { name: 'reliability', description: '', paths: ['src/**'], labels: [] },
  { name: 'revenue', description: '', paths: [], labels: ['payments'] },
];

describe('export items', () => {
  const listed: ListedItem[] = [
    { item: ledgerItem('PD-000003', 'open', { sprint: '2026-S24' }), comment: comment({}), file: 'src/live.ts', line: 40, cell: null },
    { item: ledgerItem('PD-000001', 'resolved'), comment: null, file: 'old/path.ts', line: 1, cell: null },
    { item: ledgerItem('PD-000002', 'wont-fix'), comment: null, file: 'old/path.ts', line: 1, cell: null },
    { item: ledgerItem('PD-000004', 'scheduled', { sprint: '2026-S25', trackers: [{ tracker: 'github', key: '#12', url: null, state: null, stateAt: null }] }), comment: null, file: 'src/gone.ts', line: 7, cell: null },
  ];

  it('leaves out resolved and wont-fix items unless statuses are given, sorted by id', () => {
    assert.deepEqual(toExportItems(listed, {}, outcomes).map((i) => i.id), ['PD-000003', 'PD-000004']);
    assert.deepEqual(toExportItems(listed, { status: ['resolved', 'wont-fix'] }, outcomes).map((i) => i.id), ['PD-000001', 'PD-000002']);
  });

  it('filters by sprint assignment, case-insensitively', () => {
    assert.deepEqual(toExportItems(listed, { sprint: '2026-s24' }, outcomes).map((i) => i.id), ['PD-000003']);
    assert.deepEqual(toExportItems(listed, { sprint: 'nope' }, outcomes), []);
  });

  it('takes position, body, owners, labels, due and refs from the live comment, else from the ledger', () => {
    const [live, gone] = toExportItems(listed, {}, outcomes);
    assert.deepEqual(
      { file: live!.file, line: live!.line, column: live!.column, body: live!.body, owners: live!.owners, labels: live!.labels, due: live!.due, issueRefs: live!.issueRefs },
      { file: 'src/live.ts', line: 40, column: 5, body: 'the body', owners: ['carol'], labels: ['payments'], due: '2026-12-31', issueRefs: ['GH-9'] },
    );
    assert.deepEqual(
      { file: gone!.file, line: gone!.line, column: gone!.column, body: gone!.body, owners: gone!.owners, due: gone!.due, issueRefs: gone!.issueRefs },
      { file: 'src/gone.ts', line: 7, column: null, body: '', owners: ['ledger-owner'], due: null, issueRefs: ['#12'] },
    );
  });

  it('resolves the outcome by the one rule: own, then labels, then path', () => {
    const [live, gone] = toExportItems(listed, {}, outcomes);
    assert.equal(live!.outcome, 'revenue');
    assert.equal(gone!.outcome, 'reliability');
    const own = toExportItems([{ ...listed[0]!, item: ledgerItem('PD-000009', 'open', { outcome: { value: 'security', source: 'ui', comment: null } }) }], {}, outcomes);
    assert.equal(own[0]!.outcome, 'security');
  });

  it('carries the interest of the item\'s live file when measured, and null when not', () => {
    const index = interestIndex({ days: 90, since: '2026-07-01', commits: 50, trackedFiles: 20, files: new Map([['src/live.ts', { commits: 41, lines: 900 }]]) });
    const [live, gone] = toExportItems(listed, { interest: index }, outcomes);
    assert.deepEqual(live!.interest, { commits: 41, lines: 900, days: 90, topShare: 0.05, score: 4.75 });
    assert.equal(gone!.interest!.commits, 0, 'a file that did not change in the window bears no interest');
    assert.equal(toExportItems(listed, {}, outcomes)[0]!.interest, null);
  });
});
