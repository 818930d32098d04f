import * as assert from 'node:assert/strict';
import { CROCKFORD_ALPHABET, isItemId, normaliseItemId } from '../../../src/engine/itemIds';
import { newEventId, newItemId, randomIdSource } from '../../../src/engine/ledger/ids';

/** A random source that replays `values` (mod max), then repeats the last one. */
function replay(values: number[]) {
  let i = 0;
  return (max: number): number => (values[Math.min(i++, values.length - 1)] ?? 0) % max;
}

describe('ledger ids', () => {
  it('are PD- and six Crockford base32 characters', () => {
    for (let i = 0; i < 200; i++) {
      const id = newItemId(new Set());
      assert.match(id, /^PD-[0-9A-HJKMNP-TV-Z]{6}$/);
      assert.ok(isItemId(id));
    }
  });

  it('use the Crockford alphabet: digits and letters without I, L, O, U', () => {
    assert.equal(CROCKFORD_ALPHABET.length, 32);
    assert.equal(new Set(CROCKFORD_ALPHABET).size, 32);
    for (const c of 'ILOU') assert.ok(!CROCKFORD_ALPHABET.includes(c), c);
    // every character can come out
    const id = newItemId(new Set(), replay([0, 9, 10, 17, 30, 31]));
    assert.equal(id, 'PD-09AHYZ');
  });

  it('retry on a collision with an id already in the ledger', () => {
    const taken = new Set(['PD-000000', 'PD-111111']);
    const id = newItemId(taken, replay([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2]));
    assert.equal(id, 'PD-222222');
  });

  it('grow longer rather than loop forever when the random source keeps colliding, then give up', () => {
    const taken = new Set(['PD-000000']);
    assert.equal(newItemId(taken, () => 0), 'PD-0000000');
    assert.throws(() => newItemId(new Set(['PD-000000', 'PD-0000000', 'PD-00000000']), () => 0), /random source is broken/);
  });

  it('are random and unique: 10,000 ids, no duplicates, not sequential', () => {
    // Raw 6-character ids meet by the birthday bound about once in 20 runs of 10,000: the ledger
    // passes its ids in, and a collision is retried. That is the guarantee this asserts.
    const seen = new Set<string>();
    const list: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const id = newItemId(seen);
      seen.add(id);
      list.push(id);
    }
    assert.equal(seen.size, 10_000);
    const sorted = [...list].sort();
    assert.notDeepEqual(list, sorted);
    // every position uses (nearly) the whole alphabet
    for (let p = 3; p < 9; p++) assert.ok(new Set(list.map((id) => id[p])).size >= 30);
  });

  it('event ids are random too', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newEventId()));
    assert.equal(ids.size, 1000);
    for (const id of ids) assert.match(id, /^[0-9A-HJKMNP-TV-Z]{12}$/);
    const source = randomIdSource();
    assert.notEqual(source.eventId(), source.eventId());
    assert.match(source.itemId(new Set()), /^PD-/);
  });

  describe('normaliseItemId', () => {
    it('accepts canonical ids of 4 to 8 characters, like the PD-7Q2K people type in examples', () => {
      assert.equal(normaliseItemId('PD-7Q2K'), 'PD-7Q2K');
      assert.equal(normaliseItemId('PD-7Q2K9X'), 'PD-7Q2K9X');
      assert.equal(normaliseItemId('PD-7Q2K9XAB'), 'PD-7Q2K9XAB');
    });

    it('accepts lower case and surrounding spaces', () => {
      assert.equal(normaliseItemId('pd-7q2k9x'), 'PD-7Q2K9X');
      assert.equal(normaliseItemId('  Pd-7Q2k  '), 'PD-7Q2K');
    });

    it("reads Crockford's aliases: O is zero, I and L are one", () => {
      assert.equal(normaliseItemId('PD-7OIL'), 'PD-7011');
      assert.equal(normaliseItemId('pd-o0il1'), 'PD-00111');
      assert.ok(!isItemId('PD-7OIL'));
    });

    it('returns null for anything else', () => {
      for (const text of ['', 'PD-', 'PD-7Q2', 'PD-7Q2K9XABC', 'PD-7Q2U', 'PD-7Q-2K', 'XD-7Q2K', '7Q2K', 'PD 7Q2K', 'PD-7Q2K!']) {
        assert.equal(normaliseItemId(text), null, text);
      }
    });
  });
});
