import * as assert from 'node:assert/strict';
import type { AutoFillProposal, LeftOutItem } from '../../../src/engine/sprints/model';
import { proposalToText } from '../../../src/cli/reporters/budgetText';
import { styleFor } from '../../../src/cli/reporters/style';

const plain = styleFor({ isTTY: false }, {});
const leftOut = (n: number, reason: LeftOutItem['reason'], message: string): LeftOutItem[] =>
  Array.from({ length: n }, (_, i) => ({ id: `PD-${reason.slice(0, 2).toUpperCase()}${i}`, title: `${reason} ${i}`, reason, effort: null, value: null, message }));

describe('cli: the auto-fill proposal as text', () => {
  const proposal = (items: LeftOutItem[]): AutoFillProposal => ({ sprint: 'S1', room: 8, picked: [], effort: 0, value: 0, leftOut: items, exact: true, notes: [] });

  it('names five unestimated items and counts the rest, where a backlog nobody estimated yet would fill the screen', () => {
    const text = proposalToText(proposal([...leftOut(34, 'unestimated', 'no estimate'), ...leftOut(2, 'excluded', 'excluded by the lead')]), plain, false);
    const rows = text.split('\n').filter((l) => l.startsWith('  - '));
    assert.deepEqual(rows.map((r) => r.split('  ')[1]!.slice(2)), ['PD-UN0', 'PD-UN1', 'PD-UN2', 'PD-UN3', 'PD-UN4', 'PD-EX0', 'PD-EX1']);
    assert.match(text, /… and 29 more items without an estimate \(every one: --format json\)/);
  });

  it('lists every one when there are five or fewer', () => {
    const text = proposalToText(proposal(leftOut(5, 'unestimated', 'no estimate')), plain, false);
    assert.equal(text.split('\n').filter((l) => l.startsWith('  - ')).length, 5);
    assert.doesNotMatch(text, /more items? without an estimate/);
  });
});
