/**
 * A repository cannot point Paydown outside itself: `.paydown`, `.paydown/ledger`, an item file or
 * a journal entry that leads out of the workspace through a symbolic link is refused, and nothing
 * outside is read or written. Links that stay inside the workspace keep working.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadConfig } from '../../../src/engine/config/config';
import { PaydownError } from '../../../src/engine/errors';
import { runDoctor } from '../../../src/engine/ledger/doctor';
import { formatItem } from '../../../src/engine/ledger/format';
import { LedgerStore } from '../../../src/engine/ledger/store';
import { sampleItem, snapshotFiles, tempWorkspace } from './helpers';

/** A folder outside the workspace holding a ledger item (and a config), as an attacker's target. */
function outsideFolder(): string {
  const dir = tempWorkspace('paydown-outside-');
  mkdirSync(path.join(dir, 'ledger'));
  writeFileSync(path.join(dir, 'ledger', 'PD-OUTSDE.json'), formatItem(sampleItem('PD-OUTSDE')));
  writeFileSync(path.join(dir, 'config.jsonc'), '{}\n');
  return dir;
}

const refused = (err: unknown): boolean => PaydownError.is(err, 'path-unreadable') && /symbolic link to .*outside the workspace/.test(err.message) && Boolean(err.hint);

describe('ledger behind symbolic links', () => {
  const cases = [
    { what: '.paydown', link: (root: string, outside: string) => symlinkSync(outside, path.join(root, '.paydown')) },
    {
      what: '.paydown/ledger',
      link: (root: string, outside: string) => {
        mkdirSync(path.join(root, '.paydown'));
        symlinkSync(path.join(outside, 'ledger'), path.join(root, '.paydown', 'ledger'));
      },
    },
  ];
  for (const { what, link } of cases) {
    it(`${what} linked outside the workspace: reads, writes and the doctor refuse; nothing outside changes`, async () => {
      const root = tempWorkspace();
      const outside = outsideFolder();
      link(root, outside);
      const before = snapshotFiles(outside);
      const store = LedgerStore.open(root);
      await assert.rejects(store.load(), refused);
      await assert.rejects(
        store.update((tx) => tx.put(sampleItem('PD-AAAAAA'))),
        refused,
      );
      await assert.rejects(runDoctor(root), refused);
      await assert.rejects(runDoctor(root, { dryRun: true }), refused);
      assert.deepEqual(snapshotFiles(outside), before);
    });
  }

  it('.paydown linked outside: the config is not read from there either', async () => {
    const root = tempWorkspace();
    symlinkSync(outsideFolder(), path.join(root, '.paydown'));
    assert.throws(() => loadConfig(root), refused);
  });

  it('an item file linked outside: reported as unreadable with its file, never read or overwritten; the rest loads', async () => {
    const root = tempWorkspace();
    const outside = outsideFolder();
    const ledger = path.join(root, '.paydown', 'ledger');
    mkdirSync(ledger, { recursive: true });
    writeFileSync(path.join(ledger, 'PD-GOOD01.json'), formatItem(sampleItem('PD-GOOD01')));
    symlinkSync(path.join(outside, 'ledger', 'PD-OUTSDE.json'), path.join(ledger, 'PD-OUTSDE.json'));
    const before = snapshotFiles(outside);

    const store = LedgerStore.open(root);
    const { items, errors } = await store.load();
    assert.deepEqual(items.map((i) => i.id), ['PD-GOOD01']);
    assert.equal(errors.length, 1);
    assert.ok(refused(errors[0]), errors[0]?.message);
    assert.deepEqual(errors[0]!.details, ['.paydown/ledger/PD-OUTSDE.json:1']);
    await assert.rejects(
      store.update((tx) => tx.put(sampleItem('PD-OUTSDE', { title: 'overwritten' }))),
      refused,
    );
    const report = await runDoctor(root);
    assert.ok(report.findings.some((f) => f.file === '.paydown/ledger/PD-OUTSDE.json:1' && f.needsHuman && /outside the workspace/.test(f.problem)), JSON.stringify(report.findings));
    assert.deepEqual(snapshotFiles(outside), before);
  });

  it('a journal naming a file through a linked folder is not followed', async () => {
    const root = tempWorkspace();
    const outside = outsideFolder();
    const ledger = path.join(root, '.paydown', 'ledger');
    mkdirSync(ledger, { recursive: true });
    writeFileSync(path.join(outside, 'ledger', '.PD-AAAAAA.json.1.ab.tmp'), formatItem(sampleItem('PD-AAAAAA')));
    symlinkSync(path.join(outside, 'ledger'), path.join(ledger, 'evil'));
    const journal = { journal: 1, renames: [{ from: 'ledger/evil/.PD-AAAAAA.json.1.ab.tmp', to: 'ledger/PD-AAAAAA.json', sha256: '0' }], removes: ['ledger/evil/PD-OUTSDE.json'] };
    writeFileSync(path.join(ledger, '.journal'), JSON.stringify(journal));
    const before = snapshotFiles(outside);
    const { items } = await LedgerStore.open(root).load();
    assert.deepEqual(items, []);
    assert.deepEqual(snapshotFiles(outside), before);
  });

  it('links that stay inside the workspace are followed', async () => {
    const root = tempWorkspace();
    mkdirSync(path.join(root, 'meta', 'paydown', 'ledger'), { recursive: true });
    writeFileSync(path.join(root, 'meta', 'paydown', 'ledger', 'PD-AAAAAA.json'), formatItem(sampleItem('PD-AAAAAA')));
    symlinkSync(path.join('meta', 'paydown'), path.join(root, '.paydown'));
    writeFileSync(path.join(root, 'meta', 'PD-BBBBBB.json'), formatItem(sampleItem('PD-BBBBBB')));
    symlinkSync(path.join('..', '..', 'PD-BBBBBB.json'), path.join(root, 'meta', 'paydown', 'ledger', 'PD-BBBBBB.json'));
    const store = LedgerStore.open(root);
    assert.deepEqual((await store.load()).items.map((i) => i.id), ['PD-AAAAAA', 'PD-BBBBBB']);
    await store.update((tx) => tx.put(sampleItem('PD-CCCCCC')));
    assert.deepEqual((await store.load()).items.map((i) => i.id), ['PD-AAAAAA', 'PD-BBBBBB', 'PD-CCCCCC']);
  });
});
