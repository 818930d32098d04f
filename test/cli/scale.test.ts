import * as assert from 'node:assert/strict';
import type { DebtItem, ListedItem, ScanResult } from '../../src/engine';
import type { BudgetItem, SprintBudget } from '../../src/engine/sprints';
import { budgetToText } from '../../src/cli/reporters/budgetText';
import { listToText } from '../../src/cli/reporters/ledgerText';
import { scanToText } from '../../src/cli/reporters/scanText';
import type { Style } from '../../src/cli/reporters/style';

/** Well past the ~120,000 arguments where `Math.max(...rows)` overflowed the call stack. */
const N = 500_000;
/** One file holds them all: per-file widths are computed over every row too. */
const FILE = 'src/generated.ts';
const plain: Style = { bold: id, dim: id, red: id, yellow: id, green: id, cyan: id, magenta: id };

function id(text: string): string {
  return text;
}

function lines(text: string): string[] {
  return text.split('\n');
}

describe('text reports at scale (500,000 items)', function () {
  this.timeout(120_000);

  it('scan: every item in its file group, then the summary', () => {
    const items = Array.from({ length: N }, (_, i) => ({ file: FILE, line: i + 1, column: 4, tag: i === N - 1 ? 'FIXME' : 'TODO', title: `t${i}`, owners: [], labels: [], effort: null, impact: null, sprint: null, due: null, outcome: null, issueRefs: [], id: null, problems: [] }) as unknown as DebtItem);
    const text = scanToText({ items, problems: [], skipped: [], stats: { files: 1, durationMs: 1, filesFromCache: 0 } } as unknown as ScanResult, { style: plain });
    const out = lines(text);
    assert.equal(out[0], `${FILE} (${N})`);
    assert.equal(out[N], `  500000:4  FIXME  t${N - 1}`, 'positions padded to the widest, tags to the longest');
    assert.equal(out[1], `  1:4       TODO   t0`);
    assert.match(text, /500,000 debt items in 1 file/);
  });

  it('ledger list: one aligned row per item and the count', () => {
    const listed = Array.from({ length: N }, (_, i) => ({ item: { id: `PD-${i}`, status: 'open', tag: 'TODO', title: `t${i}`, effort: { value: null }, impact: { value: null }, sprint: null }, comment: null, file: FILE, line: i + 1 }) as unknown as ListedItem);
    const out = lines(listToText(listed, plain));
    assert.equal(out.length, N + 2);
    assert.equal(out[0], `PD-0       open  TODO  ${FILE}:1       –  –  –  t0`);
    assert.equal(out[N - 1], `PD-499999  open  TODO  ${FILE}:500000  –  –  –  t499999`);
    assert.equal(out[N], '500,000 items');
  });

  it('budget: a sprint with every item allocated', () => {
    const items = Array.from({ length: N }, (_, i) => ({ id: `PD-${i}`, title: `t${i}`, tag: 'TODO', status: 'scheduled', effort: 1, estimated: true, effortSource: 'item', impact: null, outcome: null, file: FILE, line: i + 1, resolvedAt: null, paid: false }) as BudgetItem);
    const budget = { sprint: 'S1', squad: null, start: '2026-01-05', end: '2026-01-16', phase: 'active', capacity: 1e6, budget: 1e6, allocated: N, paid: 0, remaining: N, unallocated: 1e6 - N, paidUnplanned: 0, kept: 0, planned: true, warnings: [], items, unplanned: [] } as SprintBudget;
    const out = lines(budgetToText(budget, '2026-01-06', plain));
    assert.ok(out.includes(`Items (${N})`));
    assert.equal(out[out.length - 2], `  PD-499999  scheduled  1 pt  –  ${FILE}:500000  t499999`);
  });
});
