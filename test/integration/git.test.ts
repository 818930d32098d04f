import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PaydownError } from '../../src/engine/errors';
import { createGitClient } from '../../src/engine/git/execGitClient';
import { runGit } from '../../src/engine/git/run';
import { TempRepo } from '../support/tempRepo';

/** Commits of these tests happen at a fixed time, so their order is the order written. */
class DatedRepo extends TempRepo {
  override commit(message: string, author = 'Default Person', date = '2026-01-10T10:00:00Z'): string {
    return super.commit(message, author, date);
  }
}

describe('git client (real git)', function () {
  this.timeout(60_000);
  const repos: DatedRepo[] = [];
  const repo = (init = true): TempRepo => {
    const r = new DatedRepo(init);
    repos.push(r);
    return r;
  };
  after(() => repos.forEach((r) => r.dispose()));

  it('outside a repository: empty answers, no errors', async () => {
    const r = repo(false);
    const git = createGitClient({ env: process.env, cwd: r.root });
    assert.equal(await git.isRepository(), false);
    assert.equal(await git.head(), null);
    assert.deepEqual(await git.renames(), new Map());
    assert.equal(await git.removalCommit('a.ts', 'TODO: x'), null);
    assert.deepEqual(await git.authors(), []);
  });

  it('without git installed: behaves as outside a repository', async () => {
    const git = createGitClient({ env: process.env, cwd: tmpdir(), gitPath: 'definitely-not-git-paydown' });
    assert.equal(await git.isRepository(), false);
    assert.equal(await git.head(), null);
  });

  it('a new repository has no HEAD yet; after a commit, head() is its hash', async () => {
    const r = repo();
    const git = createGitClient({ env: process.env, cwd: r.root });
    assert.equal(await git.isRepository(), true);
    assert.equal(await git.head(), null);
    assert.deepEqual(await git.renames(), new Map());
    r.write('a.ts', '// TODO: one\n');
    const c = r.commit('first');
    assert.equal(await git.head(), c);
  });

  it('removalCommit finds the commit and the author that removed a TODO', async () => {
    const r = repo();
    r.write('src/pay.ts', 'export const a = 1;\n// TODO: Replace the retry loop\nexport const b = 2;\n');
    const added = r.commit('add', 'Alice Adams', '2026-01-10T10:00:00Z');
    r.write('src/other.ts', '// unrelated\n');
    r.commit('unrelated', 'Carol Chen', '2026-01-11T10:00:00Z');
    r.write('src/pay.ts', 'export const a = 1;\nexport const b = 2;\n');
    const git = createGitClient({ env: process.env, cwd: r.root });
    // removed in the work tree only: not committed yet
    assert.equal(await git.removalCommit('src/pay.ts', 'Replace the retry loop'), null);
    const removed = r.commit('pay down the retry loop', 'Bob Brown', '2026-01-12T09:30:00+02:00');
    r.write('src/other.ts', '// unrelated, changed\n');
    r.commit('later', 'Carol Chen', '2026-01-13T10:00:00Z');
    const facts = await git.removalCommit('src/pay.ts', 'Replace the retry loop', added);
    assert.deepEqual(facts, { commit: removed, author: 'Bob Brown', email: 'bob@example.com', at: '2026-01-12T07:30:00.000Z' });
    // without a starting commit, and with one git does not know (another clone's history)
    assert.equal((await git.removalCommit('src/pay.ts', 'Replace the retry loop'))?.commit, removed);
    assert.equal((await git.removalCommit('src/pay.ts', 'Replace the retry loop', 'deadbeefdeadbeefdeadbeefdeadbeefdeadbeef'))?.commit, removed);
    // text that is still there, or that never was
    r.write('src/keep.ts', '// TODO: still here\n');
    r.commit('keep');
    assert.equal(await git.removalCommit('src/keep.ts', 'still here'), null);
    assert.equal(await git.removalCommit('src/pay.ts', 'never written'), null);
  });

  it('removalCommit finds the commit that deleted the whole file', async () => {
    const r = repo();
    r.write('old/legacy file.py', '# FIXME: O(n^2) merge\n');
    r.commit('add', 'Alice Adams');
    r.remove('old/legacy file.py');
    const gone = r.commit('delete legacy', 'Dana Diaz');
    const facts = await createGitClient({ env: process.env, cwd: r.root }).removalCommit('old/legacy file.py', 'O(n^2) merge');
    assert.deepEqual([facts?.commit, facts?.author], [gone, 'Dana Diaz']);
  });

  it('renames sees a git mv both uncommitted and committed, chains collapsed', async () => {
    const r = repo();
    r.write('src/a.ts', '// TODO: one\nconst x = 1;\nconst y = 2;\n');
    r.write('src/b.ts', '// TODO: two\nconst z = 3;\n');
    r.commit('add');
    const git = createGitClient({ env: process.env, cwd: r.root });
    r.mv('src/a.ts', 'src/renamed a.ts');
    assert.deepEqual(await git.renames(), new Map([['src/a.ts', 'src/renamed a.ts']]));
    r.commit('rename');
    assert.deepEqual(await git.renames(), new Map([['src/a.ts', 'src/renamed a.ts']]));
    // moved again, not committed: a → b → c reads as a → c (and b → c, for items seen at b)
    r.mv('src/renamed a.ts', 'lib/ä.ts');
    const both = new Map([
      ['src/a.ts', 'lib/ä.ts'],
      ['src/renamed a.ts', 'lib/ä.ts'],
    ]);
    assert.deepEqual(await git.renames(), both);
    r.commit('move');
    assert.deepEqual(await git.renames(), both);
    // only renames after a given commit
    assert.deepEqual(await git.renames(r.git('rev-parse', 'HEAD').trim()), new Map());
  });

  it('renames with a corrupt index: a git-failed error, while the history is still being read', async () => {
    const r = repo();
    r.write('src/a.ts', '// TODO: one\n');
    r.commit('add');
    r.mv('src/a.ts', 'src/b.ts');
    r.commit('rename');
    // `status` fails at once; the history's commands still run. The failure must wait for them,
    // not escape as an unhandled rejection (which ends the process).
    writeFileSync(join(r.root, '.git', 'index'), 'not an index');
    const git = createGitClient({ env: process.env, cwd: r.root });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      await assert.rejects(git.renames(), (err: unknown) => PaydownError.is(err, 'git-failed') && /index/i.test(err.message));
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    assert.deepEqual(unhandled, []);
  });

  it('renames are relative to the workspace folder when it is inside the repository', async () => {
    const r = repo();
    r.write('pkg/web/a.ts', '// TODO: one\n');
    r.write('other/b.ts', '// TODO: two\n');
    r.commit('add');
    r.mv('pkg/web/a.ts', 'pkg/web/src/a.ts');
    r.mv('other/b.ts', 'other/c.ts');
    const git = createGitClient({ env: process.env, cwd: join(r.root, 'pkg', 'web') });
    assert.deepEqual(await git.renames(), new Map([['a.ts', 'src/a.ts']]));
  });

  it('authors lists who committed, most commits first', async () => {
    const r = repo();
    r.write('a', '1');
    r.commit('1', 'Alice Adams');
    r.write('a', '2');
    r.commit('2', 'Bob Brown');
    r.write('a', '3');
    r.commit('3', 'Bob Brown');
    assert.deepEqual(await createGitClient({ env: process.env, cwd: r.root }).authors(), [
      { name: 'Bob Brown', email: 'bob@example.com', commits: 2 },
      { name: 'Alice Adams', email: 'alice@example.com', commits: 1 },
    ]);
  });

  it('failures are PaydownError(git-failed) naming the command and git’s message', async () => {
    const r = repo();
    await assert.rejects(runGit(['rev-parse', '--verify', 'no-such-branch'], { env: process.env, cwd: r.root }), (err: unknown) => {
      assert.ok(PaydownError.is(err, 'git-failed'));
      assert.match(err.message, /^git rev-parse --verify no-such-branch failed in .*: fatal: Needed a single revision$/);
      assert.deepEqual(err.details, ['fatal: Needed a single revision']);
      return true;
    });
  });

  it('never hangs: a git waiting for input is killed at the timeout', async () => {
    const r = repo();
    const started = Date.now();
    await assert.rejects(runGit(['hash-object', '--stdin'], { env: process.env, cwd: r.root, timeoutMs: 300 }), (err: unknown) => PaydownError.is(err, 'git-failed') && /timed out/.test(err.message));
    assert.ok(Date.now() - started < 5_000);
  });

  it('arguments are never read by a shell', async () => {
    const r = repo();
    r.write('a.ts', '// TODO: $(touch pwned) `touch pwned2`; rm -rf x\n');
    r.commit('add');
    r.write('a.ts', '\n');
    const c = r.commit('remove');
    const facts = await createGitClient({ env: process.env, cwd: r.root }).removalCommit('a.ts', '$(touch pwned) `touch pwned2`; rm -rf x');
    assert.equal(facts?.commit, c);
    assert.throws(() => execFileSync('ls', [join(r.root, 'pwned')], { stdio: 'ignore' }));
  });
});
