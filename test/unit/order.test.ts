import * as assert from 'node:assert/strict';
import { sortedBy } from '../../src/engine/order';
import { seededRandom as random } from '../support/random';

/**
 * The metrics index and auto-fill's candidate order sort long lists by instant with a packed
 * native sort: the order must be exactly a stable comparator sort's, ties included.
 */
describe('sortedBy: the order of a stable sort by key, then tie', () => {
  const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  for (const [label, keyOf] of [
    ['instants with many equal ones', (r: () => number) => Date.UTC(2026, 0, 1) + Math.floor(r() * 20) * 86_400_000],
    ['negative and zero keys', (r: () => number) => Math.floor(r() * 7) - 3],
    ['keys too far apart to pack', (r: () => number) => (r() < 0.5 ? 0 : Number.MAX_SAFE_INTEGER - Math.floor(r() * 3))],
    ['fractional keys', (r: () => number) => Math.floor(r() * 5) / 4],
  ] as const) {
    it(label, () => {
      const next = random(label.length);
      const list = Array.from({ length: 500 }, (_, i) => ({ key: keyOf(next), name: `n${Math.floor(next() * 1000)}`, i }));
      assert.deepEqual(sortedBy(list, (x) => x.key), [...list].sort((a, b) => a.key - b.key));
      assert.deepEqual(sortedBy(list, (x) => x.key, byName), [...list].sort((a, b) => a.key - b.key || byName(a, b)));
    });
  }
  it('empty and single lists', () => {
    assert.deepEqual(sortedBy([], (x: number) => x), []);
    assert.deepEqual(sortedBy([5], (x) => x), [5]);
  });
});
