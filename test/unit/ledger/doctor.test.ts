import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { PaydownError } from '../../../src/engine/errors';
import { mergeItemVersions } from '../../../src/engine/ledger/conflict';
import { runDoctor } from '../../../src/engine/ledger/doctor';
import { LedgerStore } from '../../../src/engine/ledger/store';
import { copyFixture, event, git, gitRepo, gitTry, sampleItem, snapshotFiles } from './helpers';

const ITEM = 'PD-7Q2K9A';

/** A repo where `main` scheduled the item (status) and `feature` re-estimated it (effort): merging conflicts. */
async function conflictedRepo(conflictStyle: 'merge' | 'diff3'): Promise<string> {
  const repo = gitRepo();
  git(repo, 'config', 'merge.conflictStyle', conflictStyle);
  const store = LedgerStore.open(repo);
  await store.update((tx) => tx.put(sampleItem(ITEM)));
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'ledger');
  git(repo, 'checkout', '-qb', 'feature');
  await store.update((tx) => {
    const item = tx.get(ITEM)!;
    tx.put({ ...item, effort: { value: 8, source: 'ui', comment: 3 }, history: [...item.history, event('field', '2024-03-05T10:00:00.000Z', { field: 'effort', from: 3, to: 8, by: 'bob' })] });
  });
  git(repo, 'commit', '-qam', 'effort 8');
  git(repo, 'checkout', '-q', 'main');
  await store.update((tx) => {
    const item = tx.get(ITEM)!;
    tx.put({ ...item, status: 'scheduled', sprint: 'S7', history: [...item.history, event('status', '2024-03-04T09:00:00.000Z', { from: 'open', to: 'scheduled', by: 'alice' }), event('sprint', '2024-03-04T09:00:01.000Z', { from: null, to: 'S7', by: 'alice' })] });
  });
  git(repo, 'commit', '-qam', 'schedule');
  const merge = gitTry(repo, 'merge', '-q', 'feature', '-m', 'merge');
  assert.notEqual(merge.status, 0, 'the same item changed on both sides conflicts');
  return repo;
}

describe('ledger doctor', () => {
  for (const style of ['merge', 'diff3'] as const) {
    it(`merges a real git conflict in an item file (conflictStyle=${style}), keeping both histories`, async () => {
      const repo = await conflictedRepo(style);
      const store = LedgerStore.open(repo);
      const { errors } = await store.load();
      assert.ok(PaydownError.is(errors[0], 'ledger-conflict'));
      assert.match(errors[0]!.message, new RegExp(`^\\.paydown/ledger/${ITEM}\\.json:\\d+: git conflict markers`));

      const report = await runDoctor(repo);
      assert.equal(report.needsHuman, 0);
      assert.ok(report.findings.some((f) => f.file === `.paydown/ledger/${ITEM}.json` && /merged both versions/.test(f.action ?? '')), JSON.stringify(report.findings));

      const snapshot = await store.load();
      assert.deepEqual(snapshot.errors, []);
      const item = snapshot.items[0]!;
      assert.equal(item.status, 'scheduled', 'from main');
      assert.equal(item.sprint, 'S7', 'from main');
      assert.deepEqual(item.effort, { value: 8, source: 'ui', comment: 3 }, 'from feature');
      assert.deepEqual(item.history.map((e) => e.type), ['created', 'status', 'sprint', 'field']);
      // The repaired file is what Paydown writes: git can commit it as the resolution.
      git(repo, 'add', '-A');
      git(repo, 'commit', '-qm', 'resolved by doctor');
    });
  }

  it('the newer change wins when both sides changed the same field', async () => {
    const repo = gitRepo();
    const store = LedgerStore.open(repo);
    await store.update((tx) => tx.put(sampleItem(ITEM)));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'ledger');
    const setEffort = (value: number, at: string) =>
      store.update((tx) => {
        const item = tx.get(ITEM)!;
        tx.put({ ...item, effort: { value, source: 'ui', comment: 3 }, history: [...item.history, event('field', at, { field: 'effort', from: 3, to: value })] });
      });
    git(repo, 'checkout', '-qb', 'feature');
    await setEffort(5, '2024-03-09T00:00:00.000Z');
    git(repo, 'commit', '-qam', 'five, later');
    git(repo, 'checkout', '-q', 'main');
    await setEffort(2, '2024-03-02T00:00:00.000Z');
    git(repo, 'commit', '-qam', 'two, earlier');
    assert.notEqual(gitTry(repo, 'merge', 'feature', '-m', 'm').status, 0);
    await runDoctor(repo);
    const [item] = (await store.load()).items;
    assert.equal(item?.effort.value, 5);
    assert.equal(item?.history.length, 3);
  });

  it('a merged notebook item keeps the cell of the side whose place it takes', () => {
    const base = sampleItem(ITEM, { file: 'nb/a.ipynb', line: 23, cell: { index: 2, line: 4, column: 3, fileLine: 23 } });
    const moved = { ...base, line: 30, cell: { index: 2, line: 6, column: 3, fileLine: 30 } };
    const estimated = { ...base, effort: { value: 5, source: 'ui' as const, comment: 3 } };
    const merged = mergeItemVersions(moved, estimated, base);
    assert.deepEqual([merged.line, merged.cell, merged.effort.value], [30, moved.cell, 5]);
    assert.deepEqual(mergeItemVersions(estimated, moved, base).cell, moved.cell);
  });

  it('leaves an unparseable file exactly as it is and says a human must look', async () => {
    const root = copyFixture('corrupt/invalid-json');
    const before = snapshotFiles(root);
    const report = await runDoctor(root);
    const finding = report.findings.find((f) => f.file.startsWith('.paydown/ledger/PD-7Q2K9A.json:'));
    assert.ok(finding?.needsHuman);
    assert.equal(finding?.action, null);
    assert.equal(snapshotFiles(root)['.paydown/ledger/PD-7Q2K9A.json'], before['.paydown/ledger/PD-7Q2K9A.json']);
    assert.equal(report.checked, 2);
    assert.equal(report.healthy, 1);
  });

  it('cleans leftover temps and a stale lock, migrates a legacy ledger, writes the .gitignore', async () => {
    const root = copyFixture('v0');
    const ledger = path.join(root, '.paydown', 'ledger');
    mkdirSync(ledger, { recursive: true });
    writeFileSync(path.join(ledger, '.PD-7Q2K.json.123.abcd.tmp'), '{"half":');
    writeFileSync(path.join(ledger, '.lock'), JSON.stringify({ pid: 999_999_999, hostname: hostname(), at: new Date().toISOString(), token: 't' }));

    const dry = await runDoctor(root, { dryRun: true });
    assert.ok(dry.findings.length >= 4, JSON.stringify(dry.findings));
    assert.ok(existsSync(path.join(root, '.paydown', 'ledger.jsonl')), 'a dry run changes nothing');

    const report = await runDoctor(root);
    const problems = report.findings.map((f) => `${f.file}: ${f.problem} -> ${f.action}`).join('\n');
    assert.match(problems, /\.lock: stale lock: holder \(pid 999999999\) is no longer running -> removed it/);
    assert.match(problems, /\.PD-7Q2K\.json\.123\.abcd\.tmp: leftover temp file/);
    assert.match(problems, /ledger\.jsonl: legacy ledger \(schema 0\) -> migrated 3 item/);
    assert.match(problems, /\.paydown\/\.gitignore: missing/);
    assert.equal(report.needsHuman, 0);
    assert.equal(existsSync(path.join(root, '.paydown', 'ledger.jsonl')), false);
    assert.equal(existsSync(path.join(ledger, '.lock')), false);
    assert.equal((await LedgerStore.open(root).load()).items.length, 3);
    assert.ok(readFileSync(path.join(root, '.paydown', '.gitignore'), 'utf8').includes('ledger/.lock'));

    const again = await runDoctor(root);
    assert.deepEqual(again.findings, []);
    assert.equal(again.healthy, 3);
  });

  it('reports an item file that is a folder (needs a human) instead of crashing, and checks the rest', async () => {
    const root = copyFixture('v1');
    mkdirSync(path.join(root, '.paydown', 'ledger', 'PD-FOLDER.json'));
    const report = await runDoctor(root);
    assert.deepEqual(report.findings.filter((f) => f.needsHuman), [
      { file: '.paydown/ledger/PD-FOLDER.json:1', problem: 'a folder where an item file should be', action: null, needsHuman: true },
    ]);
    assert.equal(report.checked, 3);
    assert.equal(report.healthy, 2);
    const { items, errors } = await LedgerStore.open(root).load();
    assert.equal(items.length, 2);
    assert.ok(PaydownError.is(errors[0], 'ledger-corrupt') && errors[0].message.startsWith('.paydown/ledger/PD-FOLDER.json:1: a folder'));
  });

  it('reads an item file that starts with a UTF-8 byte order mark, and removes the mark (a dry run only says so)', async () => {
    const root = copyFixture('v1');
    const file = path.join(root, '.paydown', 'ledger', 'PD-7Q2K9A.json');
    const clean = readFileSync(file, 'utf8');
    writeFileSync(file, `\uFEFF${clean}`);
    const { items, errors } = await LedgerStore.open(root).load();
    assert.deepEqual(errors, []);
    assert.deepEqual(items.map((i) => i.id), ['PD-7Q2K9A', 'PD-8M3N4P']);

    const dry = await runDoctor(root, { dryRun: true });
    assert.deepEqual(dry.findings.filter((f) => f.file.includes(ITEM)), [{ file: '.paydown/ledger/PD-7Q2K9A.json', problem: 'starts with a byte order mark (BOM)', action: 'would remove it', needsHuman: false }]);
    assert.equal(readFileSync(file, 'utf8'), `\uFEFF${clean}`);
    const report = await runDoctor(root);
    assert.equal(report.findings.find((f) => f.file.includes(ITEM))?.action, 'removed it');
    assert.equal(readFileSync(file, 'utf8'), clean, 'the same bytes without the mark');
    assert.deepEqual((await runDoctor(root)).findings, []);
  });

  it('a dry run counts as healthy only the files that read cleanly now', async () => {
    const repo = await conflictedRepo('merge');
    const dry = await runDoctor(repo, { dryRun: true });
    assert.deepEqual({ checked: dry.checked, healthy: dry.healthy, repaired: dry.repaired }, { checked: 1, healthy: 0, repaired: 1 });
    assert.match(dry.findings[0]?.action ?? '', /^would merge both versions/);
    const report = await runDoctor(repo);
    assert.deepEqual({ checked: report.checked, healthy: report.healthy, repaired: report.repaired }, { checked: 1, healthy: 1, repaired: 1 });
  });

  it('creates nothing in a workspace without .paydown/', async () => {
    const root = gitRepo();
    const report = await runDoctor(root);
    assert.deepEqual(report, { checked: 0, healthy: 0, findings: [], repaired: 0, needsHuman: 0 });
    assert.equal(existsSync(path.join(root, '.paydown')), false);
  });
});
