import * as assert from 'node:assert/strict';
import { PaydownError } from '../../src/engine/errors';
import { createGitClient } from '../../src/engine/git/execGitClient';
import { replayHistory } from '../../src/engine/ledger/backfill';
import { LedgerStore } from '../../src/engine/ledger/store';
import { DEFAULT_ANNOTATION_OPTIONS } from '../../src/engine/model';
import { computeMetrics } from '../../src/engine/metrics';
import type { LedgerItem } from '../../src/engine/ledger/model';
import { fixedIdentity, silentLogger, type Ports } from '../../src/engine/ports';
import { openWorkspace } from '../../src/engine/workspace/workspace';
import { gitEnv, gitWith } from '../support/git';
import { TempRepo } from '../support/tempRepo';

const NOW = new Date('2026-03-01T12:00:00Z');

function ports(root: string, git = true): Ports {
  return {
    clock: { now: () => NOW },
    logger: silentLogger,
    identity: fixedIdentity(null),
    git: git ? createGitClient({ cwd: root, env: gitEnv() }) : null,
  };
}

async function ledger(root: string): Promise<LedgerItem[]> {
  return (await LedgerStore.open(root).load()).items;
}

function byTitle(items: readonly LedgerItem[], text: string): LedgerItem {
  const found = items.filter((it) => it.title.includes(text));
  assert.equal(found.length, 1, `one item titled like "${text}", found ${found.length}`);
  return found[0]!;
}

/**
 * The story the tests replay (commit dates, UTC):
 *   c1 01-01 alice   a.ts: TODO alpha, FIXME beta
 *   c2 01-05 bob     a.ts → src/a.ts (pure rename); b.ts: DEBT gamma
 *   c3 01-10 carol   alpha lightly edited; beta removed
 *   c4 01-15 alice   gamma removed
 *   c5 01-20 bob     gamma restored
 *   f1 01-21 dave    (branch feature) c.py: HACK delta
 *   m  02-01 erin    feature merged (--no-ff)
 *   c6 02-05 alice   alpha cut from src/a.ts and pasted into b.ts
 */
function story(repo: TempRepo): Record<string, string> {
  const c: Record<string, string> = {};
  repo.write('a.ts', 'const x = 1;\n// TODO: Replace the retry loop with backoff\nconst y = 2;\n// FIXME: beta breaks on empty input\n');
  c.c1 = repo.commit('c1', 'Alice', '2024-01-01T10:00:00Z');
  repo.mv('a.ts', 'src/a.ts');
  repo.write('b.ts', 'export const b = 1;\n// DEBT: gamma needs a cache\n');
  c.c2 = repo.commit('c2', 'Bob', '2024-01-05T10:00:00Z');
  repo.write('src/a.ts', 'const x = 1;\n// TODO: Replace the retry loop with shared backoff\nconst y = 2;\n');
  c.c3 = repo.commit('c3', 'Carol', '2024-01-10T10:00:00Z');
  repo.write('b.ts', 'export const b = 1;\n');
  c.c4 = repo.commit('c4', 'Alice', '2024-01-15T10:00:00Z');
  repo.write('b.ts', 'export const b = 1;\n// DEBT: gamma needs a cache\n');
  c.c5 = repo.commit('c5', 'Bob', '2024-01-20T10:00:00Z');
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write('c.py', 'x = 1\n# HACK: delta parses by hand\n');
  c.f1 = repo.commit('f1', 'Dave', '2024-01-21T10:00:00Z');
  repo.git('checkout', '-q', 'main');
  const when = '2024-02-01T10:00:00Z';
  gitWith({ GIT_AUTHOR_NAME: 'Erin', GIT_AUTHOR_EMAIL: 'erin@example.com', GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when }, repo.root, 'merge', '-q', '--no-ff', '-m', 'merge feature', 'feature');
  c.m = repo.git('rev-parse', 'HEAD').trim();
  repo.write('src/a.ts', 'const x = 1;\nconst y = 2;\n');
  repo.write('b.ts', 'export const b = 1;\n// DEBT: gamma needs a cache\n// TODO: Replace the retry loop with shared backoff\n');
  c.c6 = repo.commit('c6', 'Alice', '2024-02-05T10:00:00Z');
  return c;
}

describe('ledger backfill (scripted git history)', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = new TempRepo(true, 'paydown-backfill-');
  });
  afterEach(() => repo.dispose());

  it('records first seen and resolved from the first-parent history, removed debt as resolved items', async () => {
    const c = story(repo);
    const ws = await openWorkspace(repo.root, ports(repo.root), { workers: 0 });
    await ws.sync();
    const before = await ledger(repo.root);
    assert.equal(before.length, 3);
    assert.ok(before.every((it) => it.firstSeen.at === NOW.toISOString()));

    const result = await (await openWorkspace(repo.root, ports(repo.root), { workers: 0 })).backfill();
    assert.equal(result.commits, 7, 'first-parent: the branch commit f1 is not walked');
    assert.deepEqual(result.plan.counts, { matched: 3, firstSeen: 3, resolved: 0, created: 1, unrecorded: 0, unexplained: 0 });

    const after = await ledger(repo.root);
    assert.equal(after.length, 4);
    const alpha = byTitle(after, 'retry loop');
    assert.deepEqual(alpha.firstSeen, { at: '2024-01-01T10:00:00.000Z', commit: c.c1 });
    assert.equal(alpha.file, 'b.ts');
    assert.deepEqual(alpha.history[0], { ...byTitle(before, 'retry loop').history[0]!, at: '2024-01-01T10:00:00.000Z', commit: c.c1 });
    // Removed and restored: the same item, first seen when it first came.
    assert.deepEqual(byTitle(after, 'gamma').firstSeen, { at: '2024-01-05T10:00:00.000Z', commit: c.c2 });
    // Merged from a branch: first seen when the merge reached main, not the branch commit's date.
    assert.deepEqual(byTitle(after, 'delta').firstSeen, { at: '2024-02-01T10:00:00.000Z', commit: c.m });

    const beta = byTitle(after, 'beta');
    assert.equal(beta.status, 'resolved');
    assert.deepEqual(beta.firstSeen, { at: '2024-01-01T10:00:00.000Z', commit: c.c1 });
    assert.deepEqual(beta.resolved, { at: '2024-01-10T10:00:00.000Z', commit: c.c3, author: 'Carol' });
    assert.equal(beta.file, 'src/a.ts');
    assert.deepEqual(beta.history.map((e) => [e.type, e.at, e.commit]), [
      ['created', '2024-01-01T10:00:00.000Z', c.c1],
      ['resolved', '2024-01-10T10:00:00.000Z', c.c3],
    ]);
  });

  it('is idempotent: a second run (and a run from scratch) changes nothing', async () => {
    story(repo);
    const ws = await openWorkspace(repo.root, ports(repo.root), { workers: 0 });
    await ws.sync();
    await (await openWorkspace(repo.root, ports(repo.root))).backfill();
    const once = await ledger(repo.root);
    const again = await (await openWorkspace(repo.root, ports(repo.root))).backfill();
    assert.deepEqual(again.plan.items, []);
    assert.equal(again.resumed, true);
    assert.equal(again.commitsRead, 0);
    const { rmSync } = await import('node:fs');
    rmSync(`${repo.root}/.paydown/cache`, { recursive: true, force: true });
    const scratch = await (await openWorkspace(repo.root, ports(repo.root))).backfill();
    assert.equal(scratch.resumed, false);
    assert.deepEqual(scratch.plan.items, []);
    assert.deepEqual(await ledger(repo.root), once);
  });

  it('fills a resolution a sync stamped with its own time only, and keeps one git recorded', async () => {
    const c = story(repo);
    await (await openWorkspace(repo.root, ports(repo.root), { workers: 0 })).sync();
    repo.write('c.py', 'x = 1\n');
    const removal = repo.commit('drop delta', 'Frank', '2024-03-01T10:00:00Z');
    // Without git, sync knows only its own time.
    await (await openWorkspace(repo.root, ports(repo.root, false), { workers: 0 })).sync();
    const synced = byTitle(await ledger(repo.root), 'delta');
    assert.deepEqual(synced.resolved, { at: NOW.toISOString(), commit: null, author: null });

    const result = await (await openWorkspace(repo.root, ports(repo.root))).backfill({ dryRun: true });
    assert.equal(result.plan.counts.resolved, 1);
    assert.deepEqual(byTitle(await ledger(repo.root), 'delta'), synced, 'a dry run writes nothing');
    await (await openWorkspace(repo.root, ports(repo.root))).backfill();
    const delta = byTitle(await ledger(repo.root), 'delta');
    assert.deepEqual(delta.firstSeen, { at: '2024-02-01T10:00:00.000Z', commit: c.m });
    assert.deepEqual(delta.resolved, { at: '2024-03-01T10:00:00.000Z', commit: removal, author: 'Frank' });
    const last = delta.history[delta.history.length - 1]!;
    assert.deepEqual([last.type, last.at, last.commit, last.by], ['resolved', '2024-03-01T10:00:00.000Z', removal, 'Frank']);
  });

  it('--since starts the window after a date: older debt keeps its stamps', async () => {
    const c = story(repo);
    await (await openWorkspace(repo.root, ports(repo.root), { workers: 0 })).sync();
    const result = await (await openWorkspace(repo.root, ports(repo.root))).backfill({ since: '2024-01-16' });
    assert.deepEqual(result.since, { input: '2024-01-16', commit: c.c4 });
    assert.equal(result.commits, 3);
    const after = await ledger(repo.root);
    assert.equal(byTitle(after, 'retry loop').firstSeen.at, NOW.toISOString());
    // Gamma came back in the window (c5): its return is the first the window saw of it.
    assert.deepEqual(byTitle(after, 'gamma').firstSeen, { at: '2024-01-20T10:00:00.000Z', commit: c.c5 });
    assert.deepEqual(byTitle(after, 'delta').firstSeen, { at: '2024-02-01T10:00:00.000Z', commit: c.m });
    assert.equal(after.length, 3);
  });

  it('explicit ids follow their item across files and name the removed item', async () => {
    repo.write('x.go', 'package x\n// DEBT(PD-7Q2K9A): explicit one\n');
    const c1 = repo.commit('c1', 'Alice', '2024-05-01T00:00:00Z');
    repo.write('x.go', 'package x\n');
    repo.write('y.go', 'package y\n// DEBT(PD-7Q2K9A): explicit one, reworded entirely\n');
    repo.commit('c2', 'Bob', '2024-05-02T00:00:00Z');
    repo.write('y.go', 'package y\n');
    const c3 = repo.commit('c3', 'Carol', '2024-05-03T00:00:00Z');
    const result = await (await openWorkspace(repo.root, ports(repo.root))).backfill();
    assert.equal(result.plan.counts.created, 1);
    const [item] = await ledger(repo.root);
    assert.equal(item!.id, 'PD-7Q2K9A');
    assert.equal(item!.file, 'y.go');
    assert.deepEqual(item!.firstSeen, { at: '2024-05-01T00:00:00.000Z', commit: c1 });
    assert.deepEqual(item!.resolved, { at: '2024-05-03T00:00:00.000Z', commit: c3, author: 'Carol' });
  });

  it('an interrupted run resumes from its checkpoint, and ends as a run from scratch would', async () => {
    story(repo);
    await (await openWorkspace(repo.root, ports(repo.root), { workers: 0 })).sync();
    const controller = new AbortController();
    const seen: number[] = [];
    await assert.rejects(
      (await openWorkspace(repo.root, ports(repo.root))).backfill({
        signal: controller.signal,
        checkpointEveryMs: 0,
        onProgress: (done) => {
          seen.push(done);
          if (done >= 3) controller.abort();
        },
      }),
      (err: unknown) => PaydownError.is(err, 'aborted'),
    );
    assert.ok(seen.length > 0);
    const untouched = await ledger(repo.root);
    assert.ok(untouched.every((it) => it.firstSeen.at === NOW.toISOString()), 'nothing written before the end');
    const resumed = await (await openWorkspace(repo.root, ports(repo.root))).backfill();
    assert.equal(resumed.resumed, true);
    assert.ok(resumed.commitsRead < 7, `read ${resumed.commitsRead} commits after the checkpoint`);
    const after = await ledger(repo.root);
    assert.equal(byTitle(after, 'retry loop').firstSeen.at, '2024-01-01T10:00:00.000Z');
    assert.equal(byTitle(after, 'beta').resolved?.at, '2024-01-10T10:00:00.000Z');
    assert.equal(after.length, 4);
  });

  it('the metrics then cover the backfilled past: per-sprint added and resolved, lead times', async () => {
    story(repo);
    await (await openWorkspace(repo.root, ports(repo.root), { workers: 0 })).sync();
    await (await openWorkspace(repo.root, ports(repo.root))).backfill();
    const sprints = [
      { name: 'S1', start: '2024-01-01', end: '2024-01-14', budget: 5 },
      { name: 'S2', start: '2024-01-15', end: '2024-01-28', budget: 5 },
      { name: 'S3', start: '2024-01-29', end: '2024-02-11', budget: 5 },
    ];
    const metrics = computeMetrics({ items: await ledger(repo.root), sprints, asOf: '2024-02-11', groups: false });
    const rows = metrics.perSprint.map((s) => [s.sprint, s.added.count, s.resolved.count, s.leadTime.count, s.leadTime.medianDays]);
    // S1: alpha and beta (c1, 01-01), gamma (c2, 01-05) added; beta resolved at c3 (01-10), 9 days after it came.
    // S2: gamma left and came back (one live item: no new debt). S3: delta reached main with the merge (02-01).
    assert.deepEqual(rows, [
      ['S1', 3, 1, 1, 9],
      ['S2', 0, 0, 0, null],
      ['S3', 1, 0, 0, null],
    ]);
    assert.equal(metrics.open.count, 3);
  });

  it('a rename that gives a file a language makes its comments debt from that commit on', async () => {
    repo.write('tools/notes', 'plain words\n# TODO: not a comment of any language yet\n');
    repo.commit('notes', 'Alice', '2024-06-01T00:00:00Z');
    repo.mv('tools/notes', 'tools/notes.py');
    const renamed = repo.commit('make it python', 'Bob', '2024-06-05T00:00:00Z');
    await (await openWorkspace(repo.root, ports(repo.root), { workers: 0 })).sync();
    await (await openWorkspace(repo.root, ports(repo.root))).backfill();
    const [item] = await ledger(repo.root);
    assert.equal(item!.file, 'tools/notes.py');
    assert.deepEqual(item!.firstSeen, { at: '2024-06-05T00:00:00.000Z', commit: renamed });
  });

  it('debt in a file that grew past scan.maxFileSize is neither resolved nor reported as unrecorded', async () => {
    repo.write('.paydown/config.jsonc', '{ "scan": { "maxFileSize": 200 } }\n');
    repo.write('big.ts', '// TODO: small file debt\n');
    repo.commit('small', 'Alice', '2024-07-01T00:00:00Z');
    repo.write('big.ts', `// TODO: small file debt\n${'const filler = 1;\n'.repeat(40)}`);
    repo.commit('grown', 'Bob', '2024-07-02T00:00:00Z');
    const result = await (await openWorkspace(repo.root, ports(repo.root))).backfill({ dryRun: true });
    assert.deepEqual(result.plan.counts, { matched: 0, firstSeen: 0, resolved: 0, created: 0, unrecorded: 0, unexplained: 0 });
  });

  it('the pickaxe read by several git processes over slices of the history replays the same', async () => {
    story(repo);
    const git = createGitClient({ cwd: repo.root, env: gitEnv() });
    const replay = (streams: number) => replayHistory({ git, annotations: DEFAULT_ANNOTATION_OPTIONS, since: null, streams, commitsPerStream: 1 });
    const strip = (r: Awaited<ReturnType<typeof replay>>) => r.state.items.map((x) => [x.item.id, x.item.status, x.item.file, x.item.firstSeen, x.item.resolved]);
    const one = await replay(1);
    const three = await replay(3);
    assert.deepEqual(strip(three), strip(one));
    assert.equal(three.commitsRead, one.commitsRead);
  });

  it('a workspace in a folder of the repository reads only its folder, paths relative to it (with --since)', async () => {
    repo.write('sub/a.ts', '// TODO: in the workspace, removed later\n');
    repo.write('other/b.ts', '// TODO: outside the workspace\n');
    const c1 = repo.commit('c1', 'Alice', '2024-08-01T00:00:00Z');
    repo.write('sub/lib/c.ts', '// FIXME: added in the window\n');
    const c2 = repo.commit('c2', 'Bob', '2024-08-05T00:00:00Z');
    repo.write('sub/a.ts', 'export {};\n');
    repo.write('other/b.ts', 'export {};\n');
    const c3 = repo.commit('c3', 'Carol', '2024-08-10T00:00:00Z');
    const root = `${repo.root}/sub`;
    await (await openWorkspace(root, ports(root), { workers: 0 })).sync();
    const result = await (await openWorkspace(root, ports(root))).backfill({ since: c1 });
    assert.equal(result.commits, 2);
    const items = await ledger(root);
    assert.deepEqual(items.map((it) => [it.file, it.status, it.firstSeen.commit, it.resolved?.commit ?? null]).sort(), [
      ['a.ts', 'resolved', c1, c3],
      ['lib/c.ts', 'open', c2, null],
    ]);
  });
});
