/**
 * Interest from real git history: a scripted repository with dated commits (a hot file, a
 * cold one, one changed only before the window, a rename, a merged branch), read through the
 * workspace as auto-fill reads it. Counts written by hand.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { nodePorts, openWorkspace, WorkspaceSession } from '../../src/engine';
import { readChangeHistory } from '../../src/engine/interest/changeHistory';
import { interestIndex } from '../../src/engine/interest/interest';
import { createGitClient } from '../../src/engine/git';
import { gitWith, ISOLATED_GIT_ENV } from '../support/git';
import { TempRepo } from '../support/tempRepo';

const NOW = new Date('2026-06-30T12:00:00Z');
const day = (d: string): string => `${d}T10:00:00Z`;

describe('interest: how often each file changed, from the first-parent history', function () {
  this.timeout(60_000);
  let repo: TempRepo;

  beforeEach(() => {
    repo = new TempRepo();
    repo.write('src/hot.ts', '// DEBT: hot path effort:2 impact:low\nexport const a = 0;\n');
    repo.write('src/cold.ts', '// DEBT: cold corner effort:2 impact:medium\nexport const b = 0;\n');
    repo.write('src/old.ts', 'export const c = 0;\n');
    repo.write('src/before.ts', 'export const d = 0;\n');
    for (let i = 0; i < 7; i++) repo.write(`src/quiet${i}.ts`, 'export {};\n');
    repo.commit('initial', 'Ann', day('2026-01-05'));
    repo.write('src/old.ts', 'export const c = 1;\n');
    repo.commit('old change, outside a 90-day window', 'Ann', day('2026-02-01'));
    for (let i = 1; i <= 4; i++) {
      repo.write('src/hot.ts', `// DEBT: hot path effort:2 impact:low\nexport const a = ${i};\n`);
      repo.commit(`hot ${i}`, 'Ann', day(`2026-05-0${i}`));
    }
    repo.git('mv', 'src/before.ts', 'src/after.ts');
    repo.commit('rename', 'Ann', day('2026-05-10'));
    repo.write('src/after.ts', 'export const d = 1;\n');
    repo.commit('after the rename', 'Ann', day('2026-05-11'));
    // A branch with two commits to hot.ts, merged: the team saw one change.
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('src/hot.ts', '// DEBT: hot path effort:2 impact:low\nexport const a = 10;\n');
    repo.commit('feature 1', 'Bo', day('2026-06-01'));
    repo.write('src/hot.ts', '// DEBT: hot path effort:2 impact:low\nexport const a = 11;\n');
    repo.commit('feature 2', 'Bo', day('2026-06-02'));
    repo.git('checkout', '-q', 'main');
    gitWith({ GIT_AUTHOR_DATE: day('2026-06-04'), GIT_COMMITTER_DATE: day('2026-06-04') }, repo.root, 'merge', '-q', '--no-ff', '-m', 'merge feature', 'feature');
  });

  afterEach(() => repo.dispose());

  const git = (): ReturnType<typeof createGitClient> => createGitClient({ cwd: repo.root, env: { ...process.env, ...ISOLATED_GIT_ENV } });

  it('counts first-parent commits per file in the window: a merged branch once, a renamed file under its new name, older changes not at all', async () => {
    const history = await readChangeHistory(git(), { days: 90, now: NOW });
    assert.equal(history.since, '2026-04-01');
    assert.deepEqual(
      Object.fromEntries([...history.files].map(([f, c]) => [f, c.commits])),
      { 'src/hot.ts': 5, 'src/after.ts': 2 },
    );
    assert.equal(history.trackedFiles, 11);
    const index = interestIndex(history);
    // hot.ts: 1 file of 11 changed at least 5 times → top 9% → 5 × (1 − 1/11).
    assert.deepEqual(index.of('src/hot.ts'), { commits: 5, lines: 10, days: 90, topShare: 1 / 11, score: 4.55 });
    assert.equal(index.of('src/after.ts').score, 4.09);
    assert.deepEqual(index.of('src/old.ts'), { commits: 0, lines: 0, days: 90, topShare: 1, score: 0 });
  });

  it('outside git, or asked of a folder with no commits, nothing bears interest and nothing fails', async () => {
    const plain = new TempRepo(false);
    try {
      const history = await readChangeHistory(createGitClient({ cwd: plain.root, env: { ...process.env, ...ISOLATED_GIT_ENV } }), { days: 90, now: NOW });
      assert.deepEqual([history.commits, history.files.size], [0, 0]);
      assert.equal((await readChangeHistory(null, { days: 90, now: NOW })).files.size, 0);
    } finally {
      plain.dispose();
    }
  });

  it('is cached and refreshed incrementally: a new commit is read on top of the cached ones, giving what a fresh read gives', async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'paydown-interest-cache-'));
    const first = await readChangeHistory(git(), { days: 90, now: NOW, cacheDir });
    const cacheFile = path.join(cacheDir, 'change-history.json');
    assert.ok(existsSync(cacheFile));
    repo.write('src/cold.ts', '// DEBT: cold corner effort:2 impact:medium\nexport const b = 2;\n');
    const head = repo.commit('cold twice', 'Ann', day('2026-06-20'));
    const cached = await readChangeHistory(git(), { days: 90, now: NOW, cacheDir });
    const fresh = await readChangeHistory(git(), { days: 90, now: NOW });
    assert.equal(first.files.get('src/cold.ts'), undefined);
    assert.deepEqual([...cached.files], [...fresh.files]);
    assert.equal(cached.files.get('src/cold.ts')!.commits, 1);
    assert.equal((JSON.parse(readFileSync(cacheFile, 'utf8')) as { head: string }).head, head);
  });

  it('auto-fill values the debt in the file the team keeps changing higher, and says why', async () => {
    repo.write('.paydown/config.jsonc', '{ "sprints": [{ "name": "S7", "start": "2026-06-29", "end": "2026-07-10", "capacity": 10, "debtBudget": 2 }] }');
    repo.commit('config', 'Ann', day('2026-06-28'));
    const ports = nodePorts(repo.root, { env: { ...process.env, ...ISOLATED_GIT_ENV }, clock: { now: () => NOW } });
    const ws = await openWorkspace(repo.root, ports);
    await ws.sync();
    const plan = await ws.plan('S7', { autoFill: true, today: '2026-06-30' });
    // Room for one 2-point item: cold corner has more impact (2 against 1), hot path interest (1 of 12 files changed as often: 5 × 11/12 against 0).
    assert.deepEqual(plan.proposal!.picked.map((c) => c.title), ['hot path']);
    assert.match(plan.proposal!.picked[0]!.explanation, /file changed 5 times in 90 days — top 8% of the repository \(4\.58\) → value 5\.58 for 2 pts$/);

    const weightless = await openWorkspace(repo.root, ports);
    Object.assign(weightless.config.planning.weights, { interest: 0 });
    assert.deepEqual((await weightless.plan('S7', { autoFill: true, today: '2026-06-30' })).proposal!.picked.map((c) => c.title), ['cold corner']);
  });

  it('the editor\'s session reads it once, again when HEAD moves or the config is reloaded, and says so to its views', async () => {
    const session = await WorkspaceSession.open({ root: repo.root, git: git(), clock: { now: () => NOW } });
    let changes = 0;
    session.onDidChange(() => changes++);
    assert.equal(session.latestInterest, null, 'nothing read before it is asked for');
    const first = await session.interest();
    assert.equal(first.of('src/hot.ts').commits, 5);
    assert.equal(session.latestInterest, first);
    assert.equal(changes, 1, 'a new reading is a change for the views');
    assert.equal(await session.interest(), first, 'HEAD did not move: the same reading');
    assert.equal(changes, 1);
    repo.write('src/cold.ts', '// DEBT: cold corner effort:2 impact:medium\nexport const b = 2;\n');
    repo.commit('cold once', 'Ann', day('2026-06-20'));
    const moved = await session.interest();
    assert.notEqual(moved, first);
    assert.equal(moved.of('src/cold.ts').commits, 1);
    assert.equal(changes, 2);
    repo.write('.paydown/config.jsonc', '{ "planning": { "interestDays": 30 } }');
    await session.reloadConfig();
    const narrower = await session.interest();
    assert.equal(narrower.history.days, 30);
    assert.equal(narrower.of('src/hot.ts').commits, 1, 'only the merge is in the last 30 days');
  });
});
