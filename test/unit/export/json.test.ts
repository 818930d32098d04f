import * as assert from 'node:assert/strict';
import { toJson } from '../../../src/engine/export';
import { exportItem } from './fixtures';
import { exportValidator } from './validators';

const options = { generatedAt: '2026-11-24T08:00:00.000Z', toolVersion: '0.1.0', status: ['open', 'scheduled', 'in-progress'] as const, sprint: null };

describe('JSON export', () => {
  const validate = exportValidator();

  it('writes { version: 1, generatedAt, items } that validates against schemas/export.schema.json', () => {
    const doc = JSON.parse(
      toJson(
        [
          exportItem(),
          exportItem({ id: 'PD-8M3N4P', status: 'resolved', column: null, effort: null, impact: null, owners: [], labels: [], due: '2026-12-31', issueRefs: ['GH-412', '#12'], resolvedAt: '2026-11-01T10:00:00.000Z' }),
        ],
        { ...options, status: [...options.status] },
      ),
    );
    assert.ok(validate(doc), JSON.stringify(validate.errors));
    assert.equal(doc.version, 1);
    assert.equal(doc.generatedAt, options.generatedAt);
    assert.equal(doc.items.length, 2);
    assert.deepEqual(doc.filter, { status: ['open', 'scheduled', 'in-progress'], sprint: null });
  });

  it('validates an empty export, and the schema refuses what it should', () => {
    const empty = JSON.parse(toJson([], { ...options, status: [] }));
    assert.ok(validate(empty), JSON.stringify(validate.errors));
    const doc = JSON.parse(toJson([exportItem()], { ...options, status: [] }));
    for (const broken of [
      { ...doc, version: 2 },
      { ...doc, items: [{ ...doc.items[0], status: 'done' }] },
      { ...doc, items: [{ ...doc.items[0], line: 0 }] },
      { ...doc, items: [{ ...doc.items[0], extra: true }] },
      { ...doc, generatedAt: 'yesterday' },
    ]) {
      assert.equal(validate(broken), false, JSON.stringify(broken).slice(0, 200));
    }
  });
});
