import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PaydownError } from '../../../src/engine/errors';
import { LedgerStore } from '../../../src/engine/ledger/store';
import { copyFixture, FIXTURES, snapshotFiles } from './helpers';

/** The files but `.paydown/.gitignore`, which taking the lock writes first (so the lock never reaches git). */
function withoutGitignore(files: Record<string, string>): Record<string, string> {
  const rest = { ...files };
  delete rest['.paydown/.gitignore'];
  return rest;
}

describe('ledger schema versions and migration', () => {
  it('schema 0 (.paydown/ledger.jsonl) is read transparently and left untouched by reads', async () => {
    const root = copyFixture('v0');
    const before = snapshotFiles(root);
    const snapshot = await LedgerStore.open(root).load();
    assert.equal(snapshot.legacy, true);
    assert.deepEqual(snapshot.errors, []);
    assert.deepEqual(snapshot.items.map((i) => `${i.id} ${i.status}`), ['PD-7Q2K open', 'PD-A1B2 scheduled', 'PD-Z9Y8 resolved']);
    const resolved = snapshot.items[2]!;
    assert.deepEqual(resolved.resolved, { at: '2024-02-14T16:30:00.000Z', commit: 'ab12cd3', author: null });
    assert.deepEqual(resolved.history.map((e) => e.type), ['created', 'resolved']);
    assert.deepEqual(resolved.trackers[0], { tracker: 'jira', key: 'PAY-77', url: 'https://acme.atlassian.net/browse/PAY-77', state: null, stateAt: null });
    assert.deepEqual(snapshotFiles(root), before);
  });

  it('schema 0 migrates to one file per item on the first write, removing the old file in the same commit', async () => {
    const root = copyFixture('v0');
    const store = LedgerStore.open(root);
    await store.update((tx) => {
      const item = tx.get('PD-A1B2')!;
      assert.equal(item.sprint, '2024-S01');
    });
    assert.equal(existsSync(path.join(root, '.paydown', 'ledger.jsonl')), false);
    const ledger = path.join(root, '.paydown', 'ledger');
    const expectedDir = path.join(FIXTURES, 'v0', 'expected', 'ledger');
    assert.deepEqual(readdirSync(ledger).sort(), readdirSync(expectedDir).sort());
    for (const name of readdirSync(expectedDir)) {
      assert.equal(readFileSync(path.join(ledger, name), 'utf8'), readFileSync(path.join(expectedDir, name), 'utf8'), `${name} is deterministic`);
    }
    const snapshot = await store.load();
    assert.equal(snapshot.legacy, false);
    assert.equal(snapshot.items.length, 3);
  });

  it('a schema 0 file with a bad line: the line is named, the good lines load, writes refuse, nothing changes', async () => {
    const root = copyFixture('v0-bad');
    const before = snapshotFiles(root);
    const store = LedgerStore.open(root);
    const snapshot = await store.load();
    assert.equal(snapshot.items.length, 2);
    assert.equal(snapshot.errors.length, 1);
    assert.ok(PaydownError.is(snapshot.errors[0], 'ledger-corrupt'));
    assert.match(snapshot.errors[0]!.message, /^\.paydown\/ledger\.jsonl:3: "status" "someday"/);
    await assert.rejects(store.update(() => undefined), (e: unknown) => PaydownError.is(e, 'ledger-corrupt') && e.details.includes('.paydown/ledger.jsonl:3'));
    assert.deepEqual(withoutGitignore(snapshotFiles(root)), before);
  });

  it('schema 1.0 loads as written', async () => {
    const { items, errors } = await LedgerStore.open(copyFixture('v1')).load();
    assert.deepEqual(errors, []);
    assert.deepEqual(items.map((i) => i.id), ['PD-7Q2K9A', 'PD-8M3N4P']);
  });

  it('schema 1.9 (a newer minor) loads, and a rewrite keeps its unknown fields and its version', async () => {
    const root = copyFixture('v1.9');
    const store = LedgerStore.open(root);
    const [item] = (await store.load()).items;
    assert.deepEqual(item?.extra, { owner: 'alice', reviewers: ['carol', 'dan'] });
    await store.update((tx) => tx.put({ ...tx.get('PD-7Q2K9A')!, title: 'Retitled' }));
    const text = readFileSync(path.join(root, '.paydown', 'ledger', 'PD-7Q2K9A.json'), 'utf8');
    assert.match(text, /"schema": "1\.9"/);
    assert.match(text, /"title": "Retitled"/);
    assert.match(text, /"reviewers": \["carol","dan"\]/);
    assert.match(text, /"owner": "alice"/);
    assert.match(text, /"note":"discussed at planning"/);
  });

  it('schema 2.0 (a newer major) is refused with the file and line, and never rewritten', async () => {
    const root = copyFixture('v2');
    const before = snapshotFiles(root);
    const store = LedgerStore.open(root);
    const { items, errors } = await store.load();
    assert.equal(items.length, 0);
    assert.ok(PaydownError.is(errors[0], 'ledger-newer-version'));
    assert.match(errors[0]!.message, /^\.paydown\/ledger\/PD-7Q2K9A\.json:2: /);
    await assert.rejects(store.update((tx) => tx.get('PD-7Q2K9A')), (e: unknown) => PaydownError.is(e, 'ledger-newer-version'));
    assert.deepEqual(withoutGitignore(snapshotFiles(root)), before);
  });
});
