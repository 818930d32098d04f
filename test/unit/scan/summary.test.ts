import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createGitClient } from '../../../src/engine/git';
import { firstScanProof, scan, type ScanOptions, type ScanResult } from '../../../src/engine/scanner/scan';
import { backdate, makeTree, options, removeTree, summary } from './helpers';
import { git as isolatedGit } from '../../support/git';

function git(root: string, ...args: string[]): string {
  return isolatedGit(root, '-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args);
}

function setMtime(file: string, secondsAgo: number): void {
  const when = new Date(Date.now() - secondsAgo * 1000);
  fs.utimesSync(file, when, when);
}

/**
 * The re-scan summary (cache.ts `ScanSummary`): once a re-scan found the cache exact, the next
 * one returns the stored result if git and the folder stats say nothing moved. To tell which
 * path a scan took, the tests spoil the shards after the summary is written: the summary path
 * never reads them (filesRead 0), the full path then reads every file again.
 */
describe('scan: re-scan summary', () => {
  let root = '';
  let cacheDir = '';
  beforeEach(async () => {
    root = makeTree({
      '.gitignore': 'out/\n',
      'src/a.ts': '// TODO: a\nexport const a = 1;\n',
      'src/b.ts': 'export const b = 2; // FIXME: b\n',
      'src/deep/c.py': '# HACK: c\n',
      'src/deep/.gitignore': '*.tmp\n',
      'lib/untracked.ts': '// XXX: not in git\n',
      'out/gen.ts': '// TODO: ignored\n',
      // Git must vouch for ≥ 90% of the files for a re-scan to trust it (scan.ts).
      ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`src/more/m${i}.ts`, `export const m${i} = ${i};\n`])),
    });
    git(root, 'init', '-q');
    backdate(root);
    git(root, 'add', '-A');
    git(root, 'rm', '-q', '--cached', 'lib/untracked.ts');
    git(root, 'commit', '-qm', 'one');
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paydown-summary-'));
    await scan(opts()); // cold: fills the cache
    await scan(opts()); // warm, git vouches: writes the summary
    assert.ok(fs.existsSync(path.join(cacheDir, 'scan-summary.bin')));
    for (const name of fs.readdirSync(cacheDir)) if (name.startsWith('shard-')) fs.writeFileSync(path.join(cacheDir, name), 'spoilt');
  });
  afterEach(() => {
    removeTree(root);
    removeTree(cacheDir);
  });
  const opts = (extra: Partial<ScanOptions> = {}): ScanOptions => options(root, { cacheDir, git: createGitClient({ cwd: root, env: process.env }), ...extra });

  async function warmEqualsCold(): Promise<ScanResult> {
    const warm = await scan(opts());
    const cold = await scan(options(root));
    assert.deepEqual(summary(warm), summary(cold));
    assert.deepEqual(warm.items, cold.items);
    assert.deepEqual(warm.problems, cold.problems);
    assert.equal(warm.stats.files, cold.stats.files);
    return warm;
  }

  it('returns the stored result when nothing changed, and reports progress', async () => {
    const seen: number[] = [];
    const warm = await scan(opts({ onProgress: (p) => seen.push(p.filesSeen) }));
    assert.equal(warm.stats.filesRead, 0);
    assert.equal(warm.stats.filesFromCache, warm.stats.files);
    assert.deepEqual(seen, [warm.stats.files]);
    assert.deepEqual(warm.items.map((i) => `${i.file} ${i.title}`), ['lib/untracked.ts not in git', 'src/a.ts a', 'src/b.ts b', 'src/deep/c.py c']);
    await warmEqualsCold();
  });

  it('holds when its folders and files are checked by paths relative to the working directory', async () => {
    const before = process.cwd();
    process.chdir(root);
    try {
      const warm = await scan(opts({ workingDirectory: root }));
      assert.equal(warm.stats.filesRead, 0, 'the summary held (the spoilt shards were not read)');
      fs.appendFileSync(path.join(root, 'lib', 'untracked.ts'), '// TODO: more\n');
      setMtime(path.join(root, 'lib', 'untracked.ts'), 30);
      const edited = await scan(opts({ workingDirectory: root }));
      assert.ok(edited.items.some((i) => i.title === 'more'), 'an edited file git does not track is noticed');
    } finally {
      process.chdir(before);
    }
  });

  it('trusts git for a touched tracked file whose content is the same', async () => {
    setMtime(path.join(root, 'src', 'a.ts'), 60);
    assert.equal((await warmEqualsCold()).stats.filesRead, 0);
  });

  it('after a change, the full re-scan writes a summary that the next re-scan uses', async () => {
    const a = path.join(root, 'src', 'a.ts');
    fs.writeFileSync(a, fs.readFileSync(a, 'utf8').replace('TODO: a', 'TODO: z'));
    setMtime(a, 60);
    const full = await warmEqualsCold();
    assert.ok(full.stats.filesRead > 0, "the full path ran");
    for (const name of fs.readdirSync(cacheDir)) if (name.startsWith('shard-')) fs.writeFileSync(path.join(cacheDir, name), 'spoilt');
    const next = await warmEqualsCold();
    assert.equal(next.stats.filesRead, 0);
    assert.equal(next.stats.filesFromCache, next.stats.files);
    assert.ok(next.items.some((i) => i.title === 'z'));
  });

  it('writes no summary while a changed file is too recent to trust', async () => {
    fs.writeFileSync(path.join(root, 'src', 'a.ts'), '// TODO: fresh\n');
    await warmEqualsCold();
    for (const name of fs.readdirSync(cacheDir)) if (name.startsWith('shard-')) fs.writeFileSync(path.join(cacheDir, name), 'spoilt');
    const next = await warmEqualsCold();
    assert.ok(next.stats.filesRead > 0, 'the full path ran');
  });

  const changes: Array<[string, (root: string) => void]> = [
    ['a tracked file edited (same size)', (r) => {
      const a = path.join(r, 'src', 'a.ts');
      fs.writeFileSync(a, fs.readFileSync(a, 'utf8').replace('TODO: a', 'TODO: z'));
      setMtime(a, 60);
    }],
    ['a change staged, then the file reverted', (r) => {
      const a = path.join(r, 'src', 'a.ts');
      const text = fs.readFileSync(a, 'utf8');
      fs.writeFileSync(a, text.replace('TODO: a', 'TODO: z'));
      git(r, 'add', 'src/a.ts');
      fs.writeFileSync(a, text);
      setMtime(a, 60);
    }],
    ['an untracked file edited', (r) => {
      const u = path.join(r, 'lib', 'untracked.ts');
      fs.writeFileSync(u, '// XXX: changed!!\n');
      setMtime(u, 60);
    }],
    ['a file added', (r) => fs.writeFileSync(path.join(r, 'src', 'deep', 'new.ts'), '// DEBT: new\n')],
    ['a file deleted', (r) => fs.rmSync(path.join(r, 'src', 'b.ts'))],
    ['a nested ignore file edited', (r) => {
      const g = path.join(r, 'src', 'deep', '.gitignore');
      fs.writeFileSync(g, '*.py\n');
      setMtime(g, 60);
      setMtime(path.join(r, 'src', 'deep'), 3600);
    }],
    ['a new commit that changes a file', (r) => {
      fs.writeFileSync(path.join(r, 'src', 'b.ts'), '// FIXME: committed\n');
      git(r, 'commit', '-qam', 'two');
    }],
  ];
  for (const [what, change] of changes) {
    it(`notices ${what}`, async () => {
      change(root);
      const warm = await warmEqualsCold();
      assert.ok(warm.stats.filesRead > 0, 'the full path ran');
    });
  }
});

describe('scan: the proof of a first scan (firstScanProof)', () => {
  let root = '';
  let cacheDir = '';
  beforeEach(() => {
    // Git tracks one file of thirteen: a re-scan cannot take its word for the rest.
    root = makeTree({ 'tracked.ts': '// TODO: tracked\n', ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`new/n${i}.ts`, `// TODO: new ${i}\n`])) });
    git(root, 'init', '-q');
    backdate(root);
    git(root, 'add', 'tracked.ts');
    git(root, 'commit', '-qm', 'one');
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paydown-proof-'));
  });
  afterEach(() => {
    removeTree(root);
    removeTree(cacheDir);
  });
  const opts = (extra: Partial<ScanOptions> = {}): ScanOptions => options(root, { cacheDir, git: createGitClient({ cwd: root, env: process.env }), workers: undefined, ...extra });

  it('keeps the summary even where git vouches for few of the files, and the next scan returns it', async () => {
    const first = await scan(opts());
    const proof = firstScanProof(opts(), first.stats);
    assert.ok(proof, 'a first scan of a git work tree with a cache has a proof to keep');
    await proof();
    for (const name of fs.readdirSync(cacheDir)) if (name.startsWith('shard-')) fs.writeFileSync(path.join(cacheDir, name), 'spoilt');
    const next = await scan(opts());
    assert.equal(next.stats.filesRead, 0, 'the summary answered');
    assert.deepEqual(next.items, first.items);
  });

  it('has nothing to prove after a re-scan, without a cache or git, or outside a work tree\'s root', async () => {
    const first = await scan(opts());
    const again = await scan(opts());
    assert.equal(firstScanProof(opts(), again.stats), undefined, 'a re-scan');
    assert.equal(firstScanProof(opts({ cacheDir: undefined }), first.stats), undefined, 'no cache');
    assert.equal(firstScanProof(opts({ git: undefined }), first.stats), undefined, 'no git');
    const inside = path.join(root, 'new');
    assert.equal(firstScanProof(opts({ root: inside, git: createGitClient({ cwd: inside, env: process.env }) }), first.stats), undefined, 'a folder inside the work tree');
  });
});
