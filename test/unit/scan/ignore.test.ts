import * as assert from 'node:assert/strict';
import { PaydownError } from '../../../src/engine/errors';
import { listFiles, scan } from '../../../src/engine/scanner/scan';
import { makeTree, options, removeTree } from './helpers';

// Ignore files are created in temp folders: committed to this repository, a fixture's
// .gitignore would hide its own files from git.
describe('scan: ignore rules', () => {
  let root = '';
  afterEach(() => root && removeTree(root));

  it('applies nested .gitignore files relative to their folder, with negations', async () => {
    root = makeTree({
      '.gitignore': '*.log.ts\nbuild/\ngenerated/*\n!generated/keep.ts\n',
      'a.ts': '',
      'x.log.ts': '',
      'build/out.ts': '',
      'generated/gone.ts': '',
      'generated/keep.ts': '',
      'pkg/.gitignore': 'local.ts\n/rooted.ts\n!important.log.ts\n',
      'pkg/local.ts': '',
      'pkg/rooted.ts': '',
      'pkg/deeper/rooted.ts': '',
      'pkg/important.log.ts': '',
      'other/local.ts': '',
    });
    assert.deepEqual(await listFiles({ root }), [
      '.gitignore',
      'a.ts',
      'generated/keep.ts',
      'other/local.ts',
      'pkg/.gitignore',
      'pkg/deeper/rooted.ts',
      'pkg/important.log.ts',
    ]);
  });

  it('cannot re-include a file inside an ignored folder (as git)', async () => {
    root = makeTree({ '.gitignore': 'vendor/\n!vendor/lib.ts\n', 'vendor/lib.ts': '', 'app.ts': '' });
    assert.deepEqual(await listFiles({ root }), ['.gitignore', 'app.ts']);
  });

  it('reads .git/info/exclude and never walks .git', async () => {
    root = makeTree({ '.git/info/exclude': 'secret.ts\n', '.git/hooks/pre-commit.ts': '// TODO: hook', 'secret.ts': '', 'open.ts': '' });
    assert.deepEqual(await listFiles({ root }), ['open.ts']);
  });

  it("never reads Paydown's own folder: ledger item files and config are not debt", async () => {
    root = makeTree({
      '.paydown/config.jsonc': '{\n  // TODO: decide the sprint length\n}\n',
      '.paydown/ledger/PD-7Q2K9A.json': '{ "title": "x" }\n',
      'pkg/.paydown/config.jsonc': '// TODO: nested workspace config\n',
      'app.ts': '// TODO: real\n',
    });
    assert.deepEqual(await listFiles({ root }), ['app.ts']);
    const result = await scan(options(root));
    assert.deepEqual(result.items.map((i) => i.file), ['app.ts']);
  });

  it('lets .gitignore override .git/info/exclude', async () => {
    root = makeTree({ '.git/info/exclude': '*.gen.ts\n', '.gitignore': '!keep.gen.ts\n', 'keep.gen.ts': '', 'drop.gen.ts': '' });
    assert.deepEqual(await listFiles({ root }), ['.gitignore', 'keep.gen.ts']);
  });

  it('reads .paydownignore at any level, after .gitignore of the same folder', async () => {
    root = makeTree({
      '.paydownignore': 'fixtures/\n',
      '.gitignore': 'vendor/*\n!vendor/ours/\n',
      'fixtures/f.ts': '',
      'src/.paydownignore': '*.snap.ts\n',
      'src/a.ts': '',
      'src/a.snap.ts': '',
      'vendor/theirs/t.ts': '',
      'vendor/ours/o.ts': '',
    });
    assert.deepEqual(await listFiles({ root }), ['.gitignore', '.paydownignore', 'src/.paydownignore', 'src/a.ts', 'vendor/ours/o.ts']);
  });

  it('skips node_modules only through ignore files', async () => {
    root = makeTree({ 'node_modules/dep/index.js': '', 'app.js': '' });
    assert.deepEqual(await listFiles({ root }), ['app.js', 'node_modules/dep/index.js']);
  });

  it('applies include and exclude globs (root-relative, dotfiles matched)', async () => {
    root = makeTree({ 'src/a.ts': '', 'src/a.test.ts': '', 'src/.hidden/h.ts': '', 'docs/d.md': '', 'dist/bundle.js': '', 'scripts/s.py': '' });
    assert.deepEqual(await listFiles({ root, include: ['src/**', 'scripts/*.py'], exclude: ['**/*.test.ts'] }), ['scripts/s.py', 'src/.hidden/h.ts', 'src/a.ts']);
    assert.deepEqual(await listFiles({ root, exclude: ['dist', 'docs/**', 'src/.hidden'] }), ['scripts/s.py', 'src/a.test.ts', 'src/a.ts']);
  });

  describe('a root inside a git work tree (a package of a monorepo)', () => {
    it("inherits the ignore files above it, each rule as it applies below the root, and .git/info/exclude", async () => {
      root = makeTree({
        '.git/info/exclude': 'scratch/\n',
        '.gitignore': 'node_modules/\ndist/\n/packages/*/generated\n/top-only.ts\npackages/**/fixtures/*.ts\n!packages/app/fixtures/keep.ts\n',
        'packages/.paydownignore': '*.snap.ts\n',
        'packages/app/src/a.ts': '',
        'packages/app/node_modules/dep/index.js': '',
        'packages/app/dist/a.js': '',
        'packages/app/generated/g.ts': '',
        'packages/app/top-only.ts': '',
        'packages/app/fixtures/f.ts': '',
        'packages/app/fixtures/keep.ts': '',
        'packages/app/scratch/s.ts': '',
        'packages/app/x.snap.ts': '',
      });
      const app = `${root}/packages/app`;
      assert.deepEqual(await listFiles({ root: app }), ['fixtures/keep.ts', 'src/a.ts', 'top-only.ts']);
      // A scan of named paths, and asking why a file was not read, apply the same rules.
      assert.deepEqual(await listFiles({ root: app, paths: ['dist', 'src', 'fixtures'] }), ['fixtures/keep.ts', 'src/a.ts']);
    });

    it('still reads the root when a rule above ignores the root itself, as ripgrep does in a folder it is started in', async () => {
      root = makeTree({ '.git/HEAD': 'ref: refs/heads/main\n', '.gitignore': 'corpus/\n/vendor/lib\n*.tmp\n', 'corpus/repo/a.ts': '', 'corpus/repo/b.tmp': '', 'vendor/lib/c.ts': '' });
      assert.deepEqual(await listFiles({ root: `${root}/corpus/repo` }), ['a.ts']);
      assert.deepEqual(await listFiles({ root: `${root}/vendor/lib` }), ['c.ts']);
    });

    it('inherits nothing from above a root that is a repository of its own, or from folders above without a repository', async () => {
      root = makeTree({ '.git/HEAD': '', '.gitignore': '*.ts\n', 'sub/.git/HEAD': '', 'sub/a.ts': '', 'plain/.gitignore': 'b.ts\n' });
      assert.deepEqual(await listFiles({ root: `${root}/sub` }), ['a.ts']);
      const outside = makeTree({ '.gitignore': '*.ts\n', 'inner/b.ts': '' });
      try {
        assert.deepEqual(await listFiles({ root: `${outside}/inner` }), ['b.ts']);
      } finally {
        removeTree(outside);
      }
    });
  });

  describe('paths', () => {
    it('scans only the given files and folders, under the same rules', async () => {
      root = makeTree({ '.gitignore': 'ignored/\n', 'a/x.ts': '', 'a/y.ts': '', 'b/z.ts': '', 'ignored/i.ts': '', 'c.ts': '' });
      assert.deepEqual(await listFiles({ root, paths: ['a', `${root}/c.ts`, 'ignored/i.ts', 'a/x.ts'] }), ['a/x.ts', 'a/y.ts', 'c.ts']);
    });

    it('rejects a path that does not exist with path-unreadable', async () => {
      root = makeTree({ 'a.ts': '' });
      await assert.rejects(scan(options(root, { paths: ['missing.ts'] })), (err: unknown) => PaydownError.is(err, 'path-unreadable'));
    });

    it('rejects a missing root with path-unreadable', async () => {
      await assert.rejects(scan(options('/nonexistent/paydown/root')), (err: unknown) => PaydownError.is(err, 'path-unreadable'));
    });
  });
});
