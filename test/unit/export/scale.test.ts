import * as assert from 'node:assert/strict';
import { toCsv, toMarkdown, type ExportItem } from '../../../src/engine/export';
import { exportItem } from './fixtures';

/** Well past the ~120,000 arguments where `Math.max(...labels)` overflowed the call stack. */
const N = 500_000;

describe('exports at scale (500,000 items)', function () {
  this.timeout(120_000);
  const template = exportItem({ body: '', owners: [], labels: [], issueRefs: [] });
  const items: ExportItem[] = Array.from({ length: N }, (_, i) => ({ ...template, id: `PD-${i}`, title: `t${i}`, line: i + 1 }));
  items[N - 1] = { ...items[N - 1]!, labels: ['a', 'b', 'c'] };

  it('csv: a header with as many Labels columns as the most-labelled item, and a record per item', () => {
    const csv = toCsv(items);
    const records = csv.split('\r\n');
    assert.equal(records[0]!.split(',').filter((c) => c === 'Labels').length, 3);
    assert.match(records[N]!, /^t499999,/);
    assert.equal(records.length, N + 2, 'header, records, and the empty string after the last CRLF');
  });

  it('md: a table row per item and the totals', () => {
    const md = toMarkdown(items, { generatedAt: '2026-11-24T08:00:00.000Z' });
    assert.equal(md.split('\n').filter((l) => l.startsWith('| PD-')).length, N);
    assert.match(md, /\*\*500,000 items\*\*, 1,500,000 points estimated\.\n$/);
  });
});
