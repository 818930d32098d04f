import * as assert from 'node:assert/strict';
import { parseInstant } from '../../src/engine/dates';

describe('parseInstant', () => {
  it('reads the ledger’s own form exactly as Date.parse does, over four centuries of instants', () => {
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 20_000; i++) {
      const iso = new Date(Date.UTC(1800, 0, 1) + Math.floor(next() * 400 * 365.25 * 86_400_000)).toISOString();
      assert.equal(parseInstant(iso), Date.parse(iso), iso);
    }
  });

  it('leaves impossible dates and other forms to Date.parse', () => {
    for (const text of ['2026-02-31T10:00:00.000Z', '2026-13-01T10:00:00.000Z', '2026-11-30T24:00:00.000Z', '2026-1l-30T10:00:00.000Z', '2026-11-30T10:00:00Z', '2026-11-30', '2026-11-30T10:00:00.000+01:00']) {
      const want = Date.parse(text);
      assert.equal(parseInstant(text), Number.isFinite(want) ? want : null, text);
    }
    assert.equal(parseInstant(42), null);
  });
});
