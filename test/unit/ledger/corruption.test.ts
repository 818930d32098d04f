import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PaydownError } from '../../../src/engine/errors';
import { LedgerStore } from '../../../src/engine/ledger/store';
import { copyFixture, FIXTURES, sampleItem, snapshotFiles } from './helpers';

interface Expected {
  reason: 'ledger-corrupt' | 'ledger-conflict' | 'ledger-newer-version';
  location: string;
  message: string;
}

// One folder per case: a broken PD-7Q2K9A.json next to a good PD-GOOD01.json, and expected.json.
describe('ledger files that cannot be read (test/fixtures/ledger/corrupt/*)', () => {
  for (const name of readdirSync(path.join(FIXTURES, 'corrupt')).sort()) {
    const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'corrupt', name, 'expected.json'), 'utf8')) as Expected;

    it(`${name}: ${expected.reason} at ${expected.location}; the rest still loads; the file is never rewritten`, async () => {
      const root = copyFixture(`corrupt/${name}`);
      const before = snapshotFiles(path.join(root, '.paydown', 'ledger'));
      const store = LedgerStore.open(root);

      const snapshot = await store.load();
      assert.deepEqual(snapshot.items.map((i) => i.id), ['PD-GOOD01']);
      assert.equal(snapshot.errors.length, 1);
      const err = snapshot.errors[0]!;
      assert.ok(PaydownError.is(err, expected.reason), `reason ${err.reason}`);
      assert.ok(err.message.startsWith(`${expected.location}: `), err.message);
      assert.ok(err.message.includes(expected.message), err.message);
      assert.deepEqual(err.details, [expected.location]);
      assert.ok(err.hint);

      // Writes to the broken item refuse; writes to others go through; the broken bytes stay.
      await assert.rejects(
        store.update((tx) => tx.put(sampleItem('PD-7Q2K9A'))),
        (e: unknown) => PaydownError.is(e, expected.reason),
      );
      await assert.rejects(
        store.update((tx) => tx.get('PD-7Q2K9A')),
        (e: unknown) => PaydownError.is(e, expected.reason),
      );
      await store.update((tx) => {
        const all = tx.all();
        assert.deepEqual(all.map((i) => i.id), ['PD-GOOD01']);
        assert.equal(tx.errors.length, 1);
        tx.put({ ...all[0]!, title: 'still writable' });
      });
      const after = snapshotFiles(path.join(root, '.paydown', 'ledger'));
      assert.equal(after['PD-7Q2K9A.json'], before['PD-7Q2K9A.json']);
      assert.notEqual(after['PD-GOOD01.json'], before['PD-GOOD01.json']);
    });
  }
});
