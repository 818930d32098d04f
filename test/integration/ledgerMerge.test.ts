/**
 * Two branches change the ledger; git's default merge (no driver, no attributes, no config)
 * combines them. Different items never conflict; the same item conflicts readably and
 * `paydown ledger doctor` resolves it keeping both histories.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { PaydownError } from '../../src/engine/errors';
import { runDoctor } from '../../src/engine/ledger/doctor';
import { formatItem, parseItem } from '../../src/engine/ledger/format';
import type { LedgerItem } from '../../src/engine/ledger/model';
import { LedgerStore } from '../../src/engine/ledger/store';
import { event, git, gitRepo, gitTry, sampleItem } from '../unit/ledger/helpers';

type Change = (store: LedgerStore, repo: string) => Promise<void>;

/** Applies `edit` to one item inside a transaction. */
function edit(id: string, change: (item: LedgerItem) => LedgerItem): Change {
  return (store) => store.update((tx) => tx.put(change(tx.get(id)!)));
}

function add(...ids: string[]): Change {
  return (store) => store.update((tx) => ids.forEach((id) => tx.put(sampleItem(id, { title: `new ${id}` }))));
}

const withEvent = (item: LedgerItem, e: ReturnType<typeof event>, fields: Partial<LedgerItem>): LedgerItem => ({ ...item, ...fields, history: [...item.history, e] });

/**
 * A repo on `main` with three items and their source files, then `ours` committed on main and
 * `theirs` on a branch; returns the repo after `git merge` (status and output).
 */
async function mergeScenario(ours: Change, theirs: Change): Promise<{ repo: string; status: number; output: string; store: LedgerStore }> {
  const repo = gitRepo();
  const store = LedgerStore.open(repo);
  mkdirSync(path.join(repo, 'src'));
  writeFileSync(path.join(repo, 'src', 'retry.ts'), '// DEBT: retry\n');
  await store.update((tx) => {
    tx.put(sampleItem('PD-AAAA01', { file: 'src/retry.ts', line: 1 }));
    tx.put(sampleItem('PD-AAAA02', { file: 'src/retry.ts', line: 9 }));
    tx.put(sampleItem('PD-BBBB01', { file: 'src/other.ts', line: 3 }));
  });
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'base');
  git(repo, 'checkout', '-qb', 'theirs');
  await theirs(store, repo);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'theirs');
  git(repo, 'checkout', '-q', 'main');
  await ours(store, repo);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'ours');
  const { status, output } = gitTry(repo, 'merge', 'theirs', '-m', 'merge theirs');
  return { repo, status, output, store };
}

/** Loads the merged ledger, asserting every file parses and is exactly what Paydown would write. */
async function mergedItems(store: LedgerStore, repo: string): Promise<Map<string, LedgerItem>> {
  const { items, errors } = await store.load();
  assert.deepEqual(errors, []);
  const dir = path.join(repo, '.paydown', 'ledger');
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    const text = readFileSync(path.join(dir, name), 'utf8');
    assert.equal(formatItem(parseItem(text, name).item), text, `${name} is canonical after the merge`);
  }
  return new Map(items.map((i) => [i.id, i]));
}

const cleanMerge = (r: { status: number; output: string }): void => assert.equal(r.status, 0, `git merge conflicted:\n${r.output}`);

describe('ledger merges with git’s default merge', () => {
  it('uses no merge driver or attributes', async () => {
    const r = await mergeScenario(add('PD-X00001'), add('PD-X00002'));
    cleanMerge(r);
    assert.equal(existsSync(path.join(r.repo, '.gitattributes')), false);
    assert.equal(existsSync(path.join(r.repo, '.paydown', '.gitattributes')), false);
    assert.equal(gitTry(r.repo, 'config', '--get-regexp', '^merge\\.').output, '');
  });

  it('(a) each branch edits a different item — neighbours in sort order — and both edits survive', async () => {
    const r = await mergeScenario(
      edit('PD-AAAA01', (i) => withEvent(i, event('field', '2024-03-05T00:00:00.000Z', { field: 'effort', from: 3, to: 8 }), { effort: { value: 8, source: 'ui', comment: 3 } })),
      edit('PD-AAAA02', (i) => withEvent(i, event('sprint', '2024-03-05T00:00:00.000Z', { from: null, to: 'S7' }), { sprint: 'S7', status: 'scheduled' })),
    );
    cleanMerge(r);
    const items = await mergedItems(r.store, r.repo);
    assert.equal(items.get('PD-AAAA01')?.effort.value, 8);
    assert.equal(items.get('PD-AAAA02')?.sprint, 'S7');
    assert.equal(items.get('PD-AAAA02')?.status, 'scheduled');
  });

  it('(b) each branch adds items, with ids that sort next to each other, and all are kept', async () => {
    const r = await mergeScenario(add('PD-CCCC02'), add('PD-CCCC01', 'PD-CCCC03'));
    cleanMerge(r);
    const items = await mergedItems(r.store, r.repo);
    assert.deepEqual([...items.keys()], ['PD-AAAA01', 'PD-AAAA02', 'PD-BBBB01', 'PD-CCCC01', 'PD-CCCC02', 'PD-CCCC03']);
  });

  it('(c) one branch resolves an item while the other edits a different one', async () => {
    const r = await mergeScenario(
      edit('PD-BBBB01', (i) => withEvent(i, event('retitled', '2024-03-06T00:00:00.000Z', { from: i.title, to: 'Clearer title' }), { title: 'Clearer title' })),
      edit('PD-AAAA01', (i) =>
        withEvent(i, event('resolved', '2024-03-06T00:00:00.000Z', { commit: 'abc1234' }), { status: 'resolved', resolved: { at: '2024-03-06T00:00:00.000Z', commit: 'abc1234', author: 'Bob' } }),
      ),
    );
    cleanMerge(r);
    const items = await mergedItems(r.store, r.repo);
    assert.equal(items.get('PD-AAAA01')?.status, 'resolved');
    assert.equal(items.get('PD-AAAA01')?.resolved?.commit, 'abc1234');
    assert.equal(items.get('PD-BBBB01')?.title, 'Clearer title');
  });

  it('(d) one branch moves the file (the item’s file and line change) while the other edits that item’s effort', async () => {
    const move: Change = async (store, repo) => {
      mkdirSync(path.join(repo, 'lib'));
      git(repo, 'mv', 'src/retry.ts', 'lib/retry.ts');
      await edit('PD-AAAA01', (i) => ({ ...i, file: 'lib/retry.ts', line: 4 }))(store, repo);
    };
    const reestimate = edit('PD-AAAA01', (i) => withEvent(i, event('field', '2024-03-07T00:00:00.000Z', { field: 'effort', from: 3, to: 5 }), { effort: { value: 5, source: 'ui', comment: 3 } }));
    for (const [ours, theirs] of [
      [move, reestimate],
      [reestimate, move],
    ] as const) {
      const r = await mergeScenario(ours, theirs);
      cleanMerge(r);
      const item = (await mergedItems(r.store, r.repo)).get('PD-AAAA01')!;
      assert.deepEqual([item.file, item.line], ['lib/retry.ts', 4]);
      assert.equal(item.effort.value, 5);
      assert.deepEqual(item.history.map((e) => e.type), ['created', 'field']);
      assert.ok(existsSync(path.join(r.repo, 'lib', 'retry.ts')));
    }
  });

  it('(d′) a move on one branch, a resolution and a new tracker link on the other, same item', async () => {
    const r = await mergeScenario(
      edit('PD-AAAA01', (i) => ({ ...i, file: 'lib/retry.ts', line: 40 })),
      edit('PD-AAAA01', (i) =>
        withEvent(i, event('tracker', '2024-03-08T00:00:00.000Z', { to: 'GH-9' }), {
          status: 'wont-fix',
          trackers: [{ tracker: 'github', key: '#9', url: null, state: 'closed', stateAt: '2024-03-08T00:00:00.000Z' }],
        }),
      ),
    );
    cleanMerge(r);
    const item = (await mergedItems(r.store, r.repo)).get('PD-AAAA01')!;
    assert.equal(item.file, 'lib/retry.ts');
    assert.equal(item.status, 'wont-fix');
    assert.equal(item.trackers.length, 1);
  });

  it('the same item edited on both branches conflicts readably; doctor merges it keeping both histories', async () => {
    const r = await mergeScenario(
      edit('PD-AAAA01', (i) => withEvent(i, event('status', '2024-03-09T00:00:00.000Z', { from: 'open', to: 'in-progress', by: 'alice' }), { status: 'in-progress' })),
      edit('PD-AAAA01', (i) => withEvent(i, event('field', '2024-03-10T00:00:00.000Z', { field: 'impact', from: 'high', to: 'critical', by: 'bob' }), { impact: { value: 'critical', source: 'ui', comment: 'high' } })),
    );
    assert.notEqual(r.status, 0);
    assert.match(r.output, /CONFLICT \(content\): Merge conflict in \.paydown\/ledger\/PD-AAAA01\.json/);
    const conflicted = readFileSync(path.join(r.repo, '.paydown', 'ledger', 'PD-AAAA01.json'), 'utf8');
    // Readable: git merged the two field edits line by line; only the two appended history
    // events (same insertion point) conflict, each whole on its own line.
    assert.match(conflicted, /"status": "in-progress",/);
    assert.match(conflicted, /"impact": \{"value":"critical"/);
    assert.match(conflicted, /^<{7} HEAD\n {4}\{[^\n]*"by":"alice"\}\n={7}\n {4}\{[^\n]*"by":"bob"\}\n>{7} theirs$/m);

    const { items, errors } = await r.store.load();
    assert.equal(items.length, 2, 'the other items still load');
    assert.ok(PaydownError.is(errors[0], 'ledger-conflict'));
    assert.match(errors[0]!.message, /^\.paydown\/ledger\/PD-AAAA01\.json:\d+: /);

    const report = await runDoctor(r.repo);
    assert.equal(report.needsHuman, 0);
    const item = (await mergedItems(r.store, r.repo)).get('PD-AAAA01')!;
    assert.equal(item.status, 'in-progress');
    assert.equal(item.impact.value, 'critical');
    assert.deepEqual(item.history.map((e) => `${e.type}:${e.by ?? ''}`), ['created:', 'status:alice', 'field:bob']);
    git(r.repo, 'add', '-A');
    git(r.repo, 'commit', '-qm', 'merged by paydown ledger doctor');
  });
});
