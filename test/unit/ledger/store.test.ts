import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { PaydownError } from '../../../src/engine/errors';
import { formatItem } from '../../../src/engine/ledger/format';
import type { LedgerItem } from '../../../src/engine/ledger/model';
import { LedgerStore } from '../../../src/engine/ledger/store';
import { event, git, gitRepo, sampleItem, snapshotFiles, tempWorkspace } from './helpers';

const ledgerDir = (root: string): string => path.join(root, '.paydown', 'ledger');

describe('ledger store', () => {
  it('loads an empty ledger from a workspace without .paydown', async () => {
    const snapshot = await LedgerStore.open(tempWorkspace()).load();
    assert.deepEqual(snapshot, { items: [], errors: [], legacy: false });
  });

  it('writes one file per item and a .paydown/.gitignore, and loads them sorted by id', async () => {
    const root = tempWorkspace();
    const store = LedgerStore.open(root);
    await store.update((tx) => {
      tx.put(sampleItem('PD-ZZZZZZ'));
      tx.put(sampleItem('PD-AAAAAA'));
    });
    assert.deepEqual(readdirSync(ledgerDir(root)).sort(), ['PD-AAAAAA.json', 'PD-ZZZZZZ.json']);
    const gitignore = readFileSync(path.join(root, '.paydown', '.gitignore'), 'utf8');
    for (const entry of ['ledger/.lock', 'ledger/.journal', '.tmp', 'cache/']) assert.ok(gitignore.includes(entry), entry);
    const { items, errors } = await store.load();
    assert.deepEqual(errors, []);
    assert.deepEqual(items.map((i) => i.id), ['PD-AAAAAA', 'PD-ZZZZZZ']);
    assert.equal(readFileSync(path.join(ledgerDir(root), 'PD-AAAAAA.json'), 'utf8'), formatItem(sampleItem('PD-AAAAAA')));
  });

  it('reads fresh state inside update, sees its own puts, and returns the callback result', async () => {
    const root = tempWorkspace();
    const store = LedgerStore.open(root);
    await store.update((tx) => tx.put(sampleItem('PD-AAAAAA')));
    const result = await store.update((tx) => {
      const item = tx.get('PD-AAAAAA')!;
      tx.put({ ...item, status: 'scheduled', history: [...item.history, event('status', '2024-03-02T00:00:00.000Z', { from: 'open', to: 'scheduled' })] });
      assert.equal(tx.get('PD-AAAAAA')?.status, 'scheduled');
      assert.equal(tx.get('PD-NOPE00'), undefined);
      return tx.all().length;
    });
    assert.equal(result, 1);
    assert.equal((await store.load()).items[0]?.status, 'scheduled');
  });

  it('writes nothing when the callback throws, or when nothing changed', async () => {
    const root = tempWorkspace();
    const store = LedgerStore.open(root);
    await store.update((tx) => tx.put(sampleItem('PD-AAAAAA')));
    const file = path.join(ledgerDir(root), 'PD-AAAAAA.json');
    const before = snapshotFiles(root);
    const mtime = statSync(file).mtimeMs;
    await assert.rejects(
      store.update((tx) => {
        tx.put(sampleItem('PD-AAAAAA', { title: 'changed' }));
        tx.put(sampleItem('PD-BBBBBB'));
        throw new Error('boom');
      }),
      /boom/,
    );
    await new Promise((r) => setTimeout(r, 15));
    await store.update((tx) => tx.put(sampleItem('PD-AAAAAA')));
    assert.deepEqual(snapshotFiles(root), before);
    assert.equal(statSync(file).mtimeMs, mtime, 'an unchanged item is not rewritten');
  });

  it('serialises concurrent updates from one process without losing any', async () => {
    const root = tempWorkspace();
    const store = LedgerStore.open(root);
    const other = LedgerStore.open(root); // a second window on the same folder
    await store.update((tx) => tx.put(sampleItem('PD-AAAAAA')));
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? store : other).update((tx) => {
          const item = tx.get('PD-AAAAAA')!;
          tx.put({ ...item, history: [...item.history, event('field', `2024-04-01T00:00:${String(i).padStart(2, '0')}.000Z`, { field: 'effort', to: i })] });
        }),
      ),
    );
    const [item] = (await store.load()).items;
    assert.equal(item?.history.length, 41);
  });

  it('refuses to write an invalid item or an id that cannot be a file name', async () => {
    const store = LedgerStore.open(tempWorkspace());
    await assert.rejects(store.update((tx) => tx.put(sampleItem('../evil'))), (e: unknown) => PaydownError.is(e, 'usage'));
    await assert.rejects(store.update((tx) => tx.put({ ...sampleItem('PD-AAAAAA'), status: 'done' as LedgerItem['status'] })), (e: unknown) => PaydownError.is(e, 'usage'));
    await assert.rejects(store.update((tx) => tx.put({ ...sampleItem('PD-AAAAAA'), extra: { owner: 'x' } })), (e: unknown) => PaydownError.is(e, 'usage'));
    assert.equal(existsSync(ledgerDir(store.paths.root)) && readdirSync(ledgerDir(store.paths.root)).some((n) => n.endsWith('.json')), false);
  });

  it('keeps an existing .paydown/.gitignore as it is', async () => {
    const root = tempWorkspace();
    mkdirSync(path.join(root, '.paydown'));
    writeFileSync(path.join(root, '.paydown', '.gitignore'), 'mine\n');
    await LedgerStore.open(root).update((tx) => tx.put(sampleItem('PD-AAAAAA')));
    assert.equal(readFileSync(path.join(root, '.paydown', '.gitignore'), 'utf8'), 'mine\n');
  });

  describe('an interrupted commit', () => {
    const setup = async (crashAfter: 'temps-written' | 'journal-written' | 'renamed'): Promise<{ root: string; store: LedgerStore }> => {
      const root = tempWorkspace();
      const store = LedgerStore.open(root);
      await store.update((tx) => ['PD-AAAAAA', 'PD-BBBBBB', 'PD-CCCCCC'].forEach((id) => tx.put(sampleItem(id, { title: 'old' }))));
      const crashing = LedgerStore.open(root, {
        commitHook: (step) => {
          if (step === crashAfter) throw new Error(`simulated crash after ${step}`);
        },
      });
      await assert.rejects(crashing.update((tx) => ['PD-AAAAAA', 'PD-BBBBBB', 'PD-CCCCCC', 'PD-DDDDDD'].forEach((id) => tx.put(sampleItem(id, { title: 'new' })))), /simulated crash/);
      return { root, store };
    };
    const titles = async (store: LedgerStore): Promise<string[]> => (await store.load()).items.map((i) => `${i.id}:${i.title}`);

    /** The item files as git would commit them: read straight from disk, no journal involved. */
    const onDisk = (root: string): string[] =>
      readdirSync(ledgerDir(root))
        .sort()
        .map((name) => (name.endsWith('.json') ? `${name.slice(0, -5)}:${JSON.parse(readFileSync(path.join(ledgerDir(root), name), 'utf8')).title}` : name));

    it('before its journal: a reader (load) removes the temps and sees the old state', async () => {
      const { root, store } = await setup('temps-written');
      assert.ok(readdirSync(ledgerDir(root)).some((n) => n.endsWith('.tmp')));
      assert.deepEqual(await titles(store), ['PD-AAAAAA:old', 'PD-BBBBBB:old', 'PD-CCCCCC:old']);
      assert.deepEqual(onDisk(root), ['PD-AAAAAA:old', 'PD-BBBBBB:old', 'PD-CCCCCC:old']);
    });

    for (const step of ['journal-written', 'renamed'] as const) {
      it(`after ${step === 'renamed' ? 'its first rename' : 'its journal'}: a reader (load) finishes it, so the files git commits hold the new state`, async () => {
        const { root, store } = await setup(step);
        assert.ok(existsSync(path.join(ledgerDir(root), '.journal')));
        const expected = ['PD-AAAAAA:new', 'PD-BBBBBB:new', 'PD-CCCCCC:new', 'PD-DDDDDD:new'];
        assert.deepEqual(await titles(store), expected);
        assert.deepEqual(onDisk(root), expected, 'no journal, no temps: every item is in its own file');
        await store.update(() => undefined);
        assert.deepEqual(onDisk(root), expected);
      });
    }

    it('a reader that cannot take the lock (a live writer holds it) reads through the journal and leaves the commit to the writer', async () => {
      const { root } = await setup('journal-written');
      const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
      try {
        writeFileSync(path.join(ledgerDir(root), '.lock'), JSON.stringify({ pid: sleeper.pid, hostname: hostname(), at: new Date().toISOString(), token: 'live' }));
        const reader = LedgerStore.open(root, { lockTimeoutMs: 100 });
        assert.deepEqual(await titles(reader), ['PD-AAAAAA:new', 'PD-BBBBBB:new', 'PD-CCCCCC:new', 'PD-DDDDDD:new']);
        assert.ok(existsSync(path.join(ledgerDir(root), '.journal')), 'the journal is the live writer\'s to finish');
      } finally {
        sleeper.kill();
      }
    });

    it('with nothing pending, a reader touches nothing (no lock taken, no .gitignore written)', async () => {
      const root = tempWorkspace();
      mkdirSync(ledgerDir(root), { recursive: true });
      writeFileSync(path.join(ledgerDir(root), 'PD-AAAAAA.json'), formatItem(sampleItem('PD-AAAAAA')));
      const before = snapshotFiles(root);
      assert.equal((await LedgerStore.open(root).load()).items.length, 1);
      assert.deepEqual(snapshotFiles(root), before);
    });
  });

  it('writes .paydown/.gitignore before its lock, temps or journal: a first write killed half-way leaves nothing git would add but item files', async () => {
    const root = gitRepo();
    const crashing = LedgerStore.open(root, {
      commitHook: (step) => {
        if (step === 'journal-written') throw new Error('simulated crash');
      },
    });
    await assert.rejects(crashing.update((tx) => ['PD-AAAAAA', 'PD-BBBBBB'].forEach((id) => tx.put(sampleItem(id)))), /simulated crash/);
    assert.ok(readdirSync(ledgerDir(root)).includes('.journal'), 'the crash left its journal and temps');
    const added = git(root, 'add', '-A', '--dry-run').trim().split('\n');
    assert.deepEqual(added, ["add '.paydown/.gitignore'"], 'only the .gitignore: temps and journal are ignored');
  });

  // Its speed is measured by `npm run bench` (ledger sync on 10,000 items), not here.
  it('loads 10,000 items', async function () {
    this.timeout(120_000);
    const root = tempWorkspace();
    const dir = ledgerDir(root);
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < 10_000; i++) {
      const id = `PD-${i.toString(32).toUpperCase().padStart(6, '0')}`;
      const item = sampleItem(id, { file: `src/module${i % 300}/file${i % 97}.ts`, line: i % 500 });
      item.history.push(event('sprint', '2024-03-02T00:00:00.000Z', { from: null, to: 'S1', by: 'alice' }));
      writeFileSync(path.join(dir, `${id}.json`), formatItem(item));
    }
    const store = LedgerStore.open(root);
    await store.load(); // warm the file system cache, as a second editor window would find it
    const { items, errors } = await store.load();
    assert.equal(items.length, 10_000);
    assert.equal(errors.length, 0);
    assert.deepEqual(items[0]!.history.map((e) => e.type), ['created', 'sprint']);
  });
});
