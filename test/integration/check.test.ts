import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { addedSince } from '../../src/engine/check';
import { createGitClient } from '../../src/engine/git';
import { buildOnce, paydown } from '../cli/runCli';
import { git } from '../support/git';

function write(root: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

/** A repository whose main branch holds legacy debt nobody tracked, and a feature branch off it. */
function repository(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'paydown-check-git-'));
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'config', 'user.name', 'Alice');
  git(root, 'config', 'user.email', 'alice@example.com');
  write(root, '.paydown/config.jsonc', '{ "check": { "untracked": true, "required": ["owner"], "tags": ["FIXME"] } }\n');
  write(root, 'src/legacy.ts', '// TODO: legacy debt nobody tracked\nexport const a = 1;\n// FIXME: legacy without owner\n');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'legacy');
  git(root, 'checkout', '-q', '-b', 'feature');
  return root;
}

describe('paydown check --base with real git', () => {
  before(buildOnce);

  it('legacy debt does not fail a branch; debt it adds does (committed, edited and untracked files)', () => {
    const root = repository();
    const clean = paydown(['check', '--base', 'main', '--no-cache'], { cwd: root });
    assert.equal(clean.status, 0, clean.stdout + clean.stderr);
    assert.match(clean.stdout, /no findings \(checked 0 of 2 annotations added since main/);

    write(root, 'src/legacy.ts', '// TODO: legacy debt nobody tracked\nexport const a = 1;\n// FIXME: legacy without owner\n// FIXME: new without owner\n');
    git(root, 'commit', '-qam', 'more');
    write(root, 'src/fresh.py', '# TODO(bob): brand new file\n');
    const dirty = paydown(['check', '--base', 'main', '--no-cache'], { cwd: root });
    assert.equal(dirty.status, 1, dirty.stdout);
    assert.match(dirty.stdout, /Debt not in the ledger \(2\)\n {2}src\/fresh\.py:1:3 .*\n.*\n {2}src\/legacy\.ts:4:4 /);
    assert.match(dirty.stdout, /Missing required fields \(1\)\n {2}src\/legacy\.ts:4:4 {2}FIXME "new without owner" has no owner/);
    assert.doesNotMatch(dirty.stdout, /legacy without owner/);
    assert.match(dirty.stdout, /checked 2 of 4 annotations added since main/);

    // After `ledger sync` the new debt is tracked; only the missing owner remains.
    assert.equal(paydown(['ledger', 'sync', '--no-cache'], { cwd: root }).status, 0);
    const synced = paydown(['check', '--base', 'main', '--no-cache'], { cwd: root });
    assert.equal(synced.status, 1);
    assert.doesNotMatch(synced.stdout, /Debt not in the ledger/);
  });

  it('counts from the merge base: debt that landed on main after the branch forked is not the branch’s', async () => {
    const root = repository();
    git(root, 'checkout', '-q', 'main');
    write(root, 'src/main-only.ts', '// TODO: added on main later\n');
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'main moves on');
    git(root, 'checkout', '-q', 'feature');
    write(root, 'src/legacy.ts', '// TODO: legacy debt nobody tracked\nexport const a = 2;\n// FIXME: legacy without owner\n');
    const added = await addedSince(createGitClient({ cwd: root, env: process.env }), 'main');
    assert.deepEqual([...added.keys()], ['src/legacy.ts']);
    assert.deepEqual([...(added.get('src/legacy.ts') as Set<number>)], [2]);
  });

  it('a workspace in a subfolder: paths relative to it, and --format github prefixes the repository path', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'paydown-check-mono-'));
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'config', 'user.name', 'Alice');
    git(root, 'config', 'user.email', 'alice@example.com');
    write(root, 'services/pay/.paydown/config.jsonc', '{}\n');
    write(root, 'services/pay/a.ts', 'export const a = 1;\n');
    write(root, 'other/b.ts', '// TODO: not this workspace\n');
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'init');
    write(root, 'services/pay/a.ts', 'export const a = 1;\n// TODO: new here\n');
    const run = paydown(['check', '--base', 'HEAD', '--format', 'github', '--no-cache'], { cwd: path.join(root, 'services/pay') });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /^::error file=services\/pay\/a\.ts,line=2,col=4,/m);
    assert.doesNotMatch(run.stdout, /other\/b\.ts/);
  });

  it('an unknown base is a usage error (exit 2) with a hint about fetching', () => {
    const run = paydown(['check', '--base', 'origin/nope', '--no-cache'], { cwd: repository() });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--base origin\/nope is not a commit/);
    assert.match(run.stderr, /fetch-depth: 0/);
  });
});
