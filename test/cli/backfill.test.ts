/** `paydown ledger backfill` as a user runs it: the built CLI on a scripted, dated git history. */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { contractValidator } from './jsonSchemas';
import { spawnSync } from 'node:child_process';
import { buildOnce, cliPath, paydown } from './runCli';
import { gitEnv } from '../support/git';
import { TempRepo } from '../support/tempRepo';

describe('paydown ledger backfill (CLI)', function () {
  this.timeout(120_000);
  let repo: TempRepo;
  let c1: string;
  let c2: string;
  before(() => buildOnce());
  beforeEach(() => {
    repo = new TempRepo(true, 'paydown-cli-backfill-');
    repo.write('a.ts', '// TODO: first thing\n// FIXME: second thing\n');
    c1 = repo.commit('add debt', 'Alice', '2024-04-01T09:00:00Z');
    repo.write('a.ts', '// TODO: first thing\n');
    c2 = repo.commit('pay some', 'Bob', '2024-04-08T09:00:00Z');
    assert.equal(paydown(['ledger', 'sync', '--no-cache'], { cwd: repo.root, env: { PAYDOWN_TODAY: '2026-01-01' } }).status, 0);
  });
  afterEach(() => repo.dispose());

  const items = (): { title: string; firstSeen: { at: string; commit: string }; resolved: unknown }[] =>
    readdirSync(path.join(repo.root, '.paydown', 'ledger'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(path.join(repo.root, '.paydown', 'ledger', f), 'utf8')));

  it('--dry-run --format json: a valid document, nothing written, no progress bar on a pipe', () => {
    const before = items();
    const run = paydown(['ledger', 'backfill', '--dry-run', '--format', 'json'], { cwd: repo.root });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
    const doc = JSON.parse(run.stdout) as { commits: number; counts: unknown };
    const check = contractValidator('ledger-backfill');
    assert.ok(check(doc), JSON.stringify(check.errors));
    assert.equal(doc.commits, 2);
    assert.deepEqual(doc.counts, { matched: 1, firstSeen: 1, resolved: 0, created: 1, unrecorded: 0, unexplained: 0 });
    assert.deepEqual(items(), before);
  });

  it('names debt the history holds and sync never records: a tracked file the scan ignores, a file changed in the work tree', () => {
    repo.write('.gitignore', 'vendor/\n');
    repo.write('vendor/lib.ts', '// TODO: vendored debt\n');
    repo.git('add', '-f', 'vendor/lib.ts');
    repo.write('b.ts', '// TODO: committed, then removed in the work tree\n');
    repo.commit('vendor a library', 'Carol', '2024-04-09T09:00:00Z');
    repo.write('b.ts', 'export const b = 1;\n');
    const dry = paydown(['ledger', 'backfill', '--dry-run'], { cwd: repo.root });
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /! 2 in the last commit but not in the ledger, in files b\.ts, vendor\/lib\.ts: `paydown ledger sync` records those the scan reads/);
    const run = paydown(['ledger', 'backfill', '--format', 'json'], { cwd: repo.root });
    assert.equal(run.status, 0, run.stderr);
    const doc = JSON.parse(run.stdout) as { recorded: number; counts: { unrecorded: number }; unrecordedFiles: string[] };
    const check = contractValidator('ledger-backfill');
    assert.ok(check(doc), JSON.stringify(check.errors));
    assert.deepEqual([doc.recorded, doc.counts.unrecorded, doc.unrecordedFiles], [0, 2, ['b.ts', 'vendor/lib.ts']]);
    const text = paydown(['ledger', 'backfill'], { cwd: repo.root });
    assert.match(text.stdout, /! 2 in the last commit that `paydown ledger sync` does not record, in files b\.ts, vendor\/lib\.ts: git tracks them, but the scan ignores them \(\.gitignore, \.paydownignore\) or the work tree changed them since/);
    assert.doesNotMatch(text.stdout, /run `paydown ledger sync` first/);
  });

  it('writes first seen and the removed debt; a second run changes nothing', () => {
    const run = paydown(['ledger', 'backfill'], { cwd: repo.root });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^Backfilled the ledger from 2 commits \(\d+ commits\/s\): 1 first seen, 0 resolved, 1 removed debt recorded/);
    assert.match(run.stdout, /resolved 2024-04-08 [0-9a-f]{7} by Bob/);
    const after = items();
    assert.deepEqual(after.find((it) => it.title === 'first thing')!.firstSeen, { at: '2024-04-01T09:00:00.000Z', commit: c1 });
    assert.deepEqual(after.find((it) => it.title === 'second thing')!.resolved, { at: '2024-04-08T09:00:00.000Z', commit: c2, author: 'Bob' });
    const again = paydown(['ledger', 'backfill', '--format', 'json'], { cwd: repo.root });
    assert.equal(JSON.parse(again.stdout).items.length, 0);
    assert.deepEqual(items(), after);
  });

  it('on a fresh clone with no ledger yet, one command records the debt and dates it from the history', () => {
    const fresh = new TempRepo(true, 'paydown-cli-backfill-fresh-');
    try {
      fresh.write('b.py', '# TODO: tidy the parser\n');
      const added = fresh.commit('add debt', 'Alice', '2024-05-01T09:00:00Z');
      fresh.write('b.py', '# TODO: tidy the parser\nx = 1\n');
      fresh.commit('later work', 'Bob', '2024-06-01T09:00:00Z');
      const run = paydown(['ledger', 'backfill'], { cwd: fresh.root });
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /^Recorded 1 new item in the ledger first, as `paydown ledger sync` does\.\nBackfilled the ledger from 2 commits/);
      const [item] = readdirSync(path.join(fresh.root, '.paydown', 'ledger')).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(path.join(fresh.root, '.paydown', 'ledger', f), 'utf8')) as { firstSeen: unknown });
      assert.deepEqual(item!.firstSeen, { at: '2024-05-01T09:00:00.000Z', commit: added });
    } finally {
      fresh.dispose();
    }
  });

  it('--since with something neither a date nor a commit is a usage error', () => {
    const run = paydown(['ledger', 'backfill', '--since', 'no-such-ref'], { cwd: repo.root });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /neither a date nor a commit/);
  });

  it('on a terminal, a progress bar that is cleared when the run ends', function () {
    // `script` gives the CLI a pseudo-terminal for stdout and stderr (util-linux).
    const probe = spawnSync('script', ['--version'], { encoding: 'utf8' });
    if (probe.status !== 0) this.skip();
    const command = [process.execPath, cliPath, 'ledger', 'backfill', '--dry-run'].map((a) => `'${a}'`).join(' ');
    const run = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: repo.root, env: gitEnv({ NO_COLOR: '1' }), encoding: 'utf8' });
    assert.equal(run.status, 0, run.stdout);
    assert.match(run.stdout, /\r\[#+-*\] \d+\/2 commits/);
    assert.ok(run.stdout.includes('\r\u001b[K'), 'the bar is cleared');
    assert.match(run.stdout, /Would backfill the ledger from 2 commits/);
  });
});
