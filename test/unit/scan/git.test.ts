import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseGitIndex, parseGitIndexFile, parseStatusPaths, startGitProbe } from '../../../src/engine/scanner/gitIndex';
import { createGitClient } from '../../../src/engine/git';
import { scan, type ScanOptions } from '../../../src/engine/scanner/scan';
import { nodeIo, type WalkIo } from '../../../src/engine/scanner/walk';
import { backdate, makeTree, options, removeTree, summary } from './helpers';
import { git as isolatedGit } from '../../support/git';

function git(root: string, ...args: string[]): string {
  return isolatedGit(root, '-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args);
}

/** A committed git repository whose files are an hour old (so neither git nor the cache sees them as racy). */
function repo(): string {
  const root = makeTree({
    '.gitignore': 'out/\n*.log\n',
    'src/a.ts': '// TODO: a\nexport const a = 1;\n',
    'src/b.ts': 'export const b = 2; // FIXME: b effort:zz\n',
    'src/deep/c.py': '# HACK: c\n',
    'src/deep/plain.ts': 'export const plain = 1;\n',
    'src/spaced name é.ts': '// TODO: unicode\n',
    'out/gen.ts': '// TODO: ignored\n',
    'app.min.js': '// TODO: min\n',
    'notes.xyz': 'TODO\n',
    'big.ts': `// TODO: big\n${'x'.repeat(3000)}\n`,
  });
  git(root, 'init', '-q');
  backdate(root);
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'one');
  return root;
}

/** A walk io that counts `stat` calls on files (not folders or ignore files). */
function countingIo(): { io: WalkIo; fileStats: () => number } {
  let count = 0;
  const io: WalkIo = {
    ...nodeIo,
    statSync: (file) => {
      const st = nodeIo.statSync(file);
      if (st.isFile() && !path.basename(file).startsWith('.git')) count++;
      return st;
    },
  };
  return { io, fileStats: () => count };
}

/** The git client a shell would give the scan for `root`. */
function gitFor(root: string, gitPath?: string) {
  return createGitClient({ cwd: root, env: process.env, gitPath });
}

function setMtime(file: string, secondsAgo: number): void {
  const when = new Date(Date.now() - secondsAgo * 1000);
  fs.utimesSync(file, when, when);
}

describe('scan: git index shortcut', () => {
  let root = '';
  let cacheDir = '';
  beforeEach(() => {
    root = repo();
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paydown-cache-'));
  });
  afterEach(() => {
    removeTree(root);
    removeTree(cacheDir);
  });
  const opts = (extra: Partial<ScanOptions> = {}) => options(root, { cacheDir, maxFileSize: 2000, git: gitFor(root), ...extra });

  /** A warm scan, which must equal a cold scan of the same tree; returns the warm result and its file stats. */
  async function warmEqualsCold(): Promise<{ fileStats: number; filesRead: number }> {
    const counting = countingIo();
    const warm = await scan(opts({ io: counting.io }));
    const cold = await scan(options(root, { maxFileSize: 2000 }));
    assert.deepEqual(summary(warm), summary(cold));
    assert.deepEqual(warm.items, cold.items);
    assert.deepEqual(warm.problems, cold.problems);
    return { fileStats: counting.fileStats(), filesRead: warm.stats.filesRead };
  }

  it('reads the index: every entry matches a stat of its file, to the nanosecond', () => {
    git(root, 'status'); // refreshes stat data in the index
    const entries = parseGitIndex(fs.readFileSync(path.join(root, '.git', 'index')))!;
    assert.ok(entries);
    let checked = 0;
    for (const [dir, name, at] of entries.all()) {
      const st = fs.statSync(path.join(root, dir, name));
      assert.equal(entries.mtimeMs[at], st.mtimeMs, `${dir}/${name}`);
      assert.equal(entries.size[at], st.size);
      assert.equal(entries.find(dir, name), at, `finds ${dir}/${name}`);
      checked++;
    }
    assert.equal(checked, 9);
    assert.ok(entries.find('src', 'spaced name é.ts') >= 0);
    assert.equal(entries.find('src', 'spaced name e.ts'), -1);
    assert.equal(entries.find('nowhere', 'a.ts'), -1);
  });

  it('finds every file of a folder whatever its name sorts like, and none that is not there', () => {
    // Names whose byte order differs from their code-unit order, next to a subfolder that git's
    // path order puts between them.
    const names = ['B.ts', 'a.ts', 'a-b.ts', 'a.b.ts', 'a_b.ts', 'ab', 'a.d.ts', 'z.ts', 'é.ts', 'ä.ts', 'Ω.ts', '日本.ts', '\u{1F600}.ts', 'zz~.ts'];
    const tree: Record<string, string> = { 'mixed/a.d/inner.ts': '', 'mixed/a/inner.ts': '' };
    for (const name of names) tree[`mixed/${name}`] = name;
    const mixed = makeTree(tree);
    try {
      git(mixed, 'init', '-q');
      git(mixed, 'add', '-A');
      const entries = parseGitIndex(fs.readFileSync(path.join(mixed, '.git', 'index')))!;
      const folder = entries.folderId('mixed');
      for (const name of names) {
        const at = entries.find('mixed', name);
        assert.ok(at >= 0, name);
        // By the name's UTF-8 bytes within a larger buffer, as a re-scan looks names up in the cache's bytes.
        const bytes = Buffer.from(`>>${name}<<`, 'utf8');
        assert.equal(entries.findBytesIn(folder, bytes, 2, bytes.length - 2), at, `${name} by its bytes`);
      }
      assert.equal(entries.folderId('nowhere'), -1);
      assert.equal(entries.findBytesIn(-1, Buffer.from('a.ts'), 0, 4), -1);
      assert.ok(entries.find('mixed/a', 'inner.ts') >= 0);
      for (const absent of ['c.ts', 'A.ts', 'a.t', 'é', 'e\u0301.ts', '', 'inner.ts']) {
        assert.equal(entries.find('mixed', absent), -1, absent);
        assert.equal(entries.findBytesIn(folder, Buffer.from(absent, 'utf8'), 0, Buffer.byteLength(absent)), -1, `${absent} by its bytes`);
      }
      assert.equal(new Set([...entries.all()].map(([, , at]) => at)).size, names.length + 2);
      assert.equal(entries.forget('mixed/é.ts'), true);
      assert.equal(entries.forget('mixed/é.ts'), false, 'forgotten once');
      assert.ok(![...entries.all()].some(([dir, name]) => dir === 'mixed' && name === 'é.ts'));
    } finally {
      removeTree(mixed);
    }
  });

  it('reads a path too long for the length field of its entry (4,095 bytes and more)', () => {
    const blob = git(root, 'rev-parse', 'HEAD:src/a.ts').trim();
    const long = `long/${'n'.repeat(4_200)}.ts`;
    const edge = `long/${'e'.repeat(4_095 - 'long/.ts'.length)}.ts`;
    for (const file of [long, edge, 'long/z.ts']) git(root, 'update-index', '--add', '--cacheinfo', `100644,${blob},${file}`);
    const entries = parseGitIndex(fs.readFileSync(path.join(root, '.git', 'index')))!;
    assert.ok(entries, 'the index parses');
    for (const file of [long, edge, 'long/z.ts']) assert.ok(entries.find('long', file.slice('long/'.length)) >= 0, `${file.length} bytes`);
    assert.ok(entries.find('src', 'a.ts') >= 0);
  });

  for (const version of [3, 4]) {
    it(`reads index version ${version} like version 2`, () => {
      const v2 = parseGitIndex(fs.readFileSync(path.join(root, '.git', 'index')))!;
      git(root, 'update-index', '--index-version', String(version));
      if (version === 3) git(root, 'update-index', '--skip-worktree', 'notes.xyz');
      const other = parseGitIndex(fs.readFileSync(path.join(root, '.git', 'index')))!;
      assert.ok(other);
      const flat = (e: typeof v2) => [...e.all()].map(([d, n, at]) => `${d}/${n} ${e.mtimeMs[at]} ${e.size[at]}`).sort();
      const expected = flat(v2).filter((line) => version !== 3 || !line.startsWith('/notes.xyz'));
      assert.deepEqual(flat(other), expected);
    });
  }

  it('parses the index file through a window of any size as it parses the whole file (versions 2, 3, 4, long paths)', () => {
    const blob = git(root, 'rev-parse', 'HEAD:src/a.ts').trim();
    for (const file of [`long/${'n'.repeat(4_200)}.ts`, `long/${'e'.repeat(4_087)}.ts`, 'long/z.ts', 'long/ünï.ts']) git(root, 'update-index', '--add', '--cacheinfo', `100644,${blob},${file}`);
    const index = path.join(root, '.git', 'index');
    const flat = (e: NonNullable<ReturnType<typeof parseGitIndex>>) => [...e.all()].map(([d, n, at]) => `${d}/${n} ${e.mtimeMs[at]} ${e.size[at]}`);
    for (const version of [2, 3, 4]) {
      git(root, 'update-index', '--index-version', String(version));
      if (version === 3) git(root, 'update-index', '--skip-worktree', 'notes.xyz');
      const whole = parseGitIndex(fs.readFileSync(index))!;
      assert.equal(whole.count, 13 - (version >= 3 ? 1 : 0), `version ${version}: every regular entry`);
      const fd = fs.openSync(index, 'r');
      try {
        const size = fs.fstatSync(fd).size;
        // Windows smaller than an entry, than a long name, and one that holds the whole file.
        for (const windowBytes of [1, 7, 64, 100, 333, 4_096, size]) {
          const windowed = parseGitIndexFile(fd, size, windowBytes);
          assert.ok(windowed, `version ${version}, window ${windowBytes}`);
          assert.deepEqual(flat(windowed), flat(whole), `version ${version}, window ${windowBytes}`);
        }
        assert.equal(parseGitIndexFile(fd, size + 1, 64), undefined, 'a file shorter than its stat said');
        assert.equal(parseGitIndexFile(fd, size - 30, 64), undefined, 'a cut file');
      } finally {
        fs.closeSync(fd);
      }
    }
  });

  it('rejects what it does not understand', () => {
    assert.equal(parseGitIndex(Buffer.from('not an index at all, not at all')), undefined);
    const buf = fs.readFileSync(path.join(root, '.git', 'index'));
    assert.equal(parseGitIndex(buf.subarray(0, buf.length - 30)), undefined);
    const v5 = Buffer.from(buf);
    v5.writeUInt32BE(5, 4);
    assert.equal(parseGitIndex(v5), undefined);
  });

  it('parses porcelain v2 status paths, with spaces, renames and unmerged entries', () => {
    const out = [
      '1 .M N... 100644 100644 100644 abc abc src/a b.ts',
      '2 R. N... 100644 100644 100644 abc abc R100 new name.ts',
      'old name.ts',
      'u UU N... 100644 100644 100644 100644 a b c conflict.ts',
      '',
    ].join('\0');
    assert.deepEqual([...parseStatusPaths(out)!].sort(), ['conflict.ts', 'new name.ts', 'old name.ts', 'src/a b.ts']);
    assert.equal(parseStatusPaths('X what\0'), undefined);
  });

  it('re-scans an unchanged repository without a stat per file', async () => {
    await scan(opts());
    const { fileStats, filesRead } = await warmEqualsCold();
    assert.equal(filesRead, 0);
    assert.equal(fileStats, 0);
  });

  it('re-reads a file edited in place (same size), then staged, then reverted', async () => {
    await scan(opts());
    const a = path.join(root, 'src', 'a.ts');
    const original = fs.readFileSync(a, 'utf8');
    fs.writeFileSync(a, original.replace('TODO: a', 'TODO: z'));
    setMtime(a, 600);
    let run = await warmEqualsCold();
    assert.equal(run.filesRead, 1);
    git(root, 'add', 'src/a.ts');
    await scan(opts());
    run = await warmEqualsCold();
    assert.equal(run.filesRead, 0);
    fs.writeFileSync(a, original);
    setMtime(a, 300);
    run = await warmEqualsCold();
    assert.equal(run.filesRead, 1);
    git(root, 'commit', '-qam', 'two', '--allow-empty');
    run = await warmEqualsCold();
    assert.equal(run.filesRead, 0);
  });

  it('handles touched, deleted, added, untracked and ignored files', async () => {
    await scan(opts());
    setMtime(path.join(root, 'src', 'b.ts'), 100); // same content, new mtime
    fs.rmSync(path.join(root, 'src', 'deep', 'c.py'));
    fs.writeFileSync(path.join(root, 'src', 'new.ts'), '// DEBT: untracked\n');
    setMtime(path.join(root, 'src', 'new.ts'), 50);
    fs.writeFileSync(path.join(root, 'debug.log'), '// TODO: ignored\n');
    fs.writeFileSync(path.join(root, 'big.ts'), '// TODO: small now\n');
    setMtime(path.join(root, 'big.ts'), 200);
    await warmEqualsCold();
    await scan(opts());
    const run = await warmEqualsCold();
    assert.equal(run.filesRead, 0);
  });

  it('follows a checkout that changes many files', async () => {
    await scan(opts());
    git(root, 'checkout', '-qb', 'other');
    for (const f of ['src/a.ts', 'src/b.ts', 'src/deep/plain.ts']) fs.writeFileSync(path.join(root, f), `// TODO: on other ${f}\n`);
    git(root, 'commit', '-qam', 'other');
    await scan(opts());
    git(root, 'checkout', '-q', '-');
    await warmEqualsCold();
    git(root, 'checkout', '-q', 'other');
    await warmEqualsCold();
  });

  it('gives up when the index is not a plain one: no .git folder, or a broken index', async () => {
    assert.equal(startGitProbe(path.join(root, 'src'), gitFor(path.join(root, 'src'))), undefined);
    fs.writeFileSync(path.join(root, '.git', 'index'), 'garbage');
    const probe = startGitProbe(root, gitFor(root))!;
    assert.equal(await probe.result(), undefined);
  });

  it('gives up when git is missing or fails', async () => {
    assert.equal(await startGitProbe(root, gitFor(root, path.join(root, 'no-such-git')))!.result(), undefined);
  });
});
