import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { scan } from '../../../src/engine/scanner/scan';
import { nodeIo, type WalkIo } from '../../../src/engine/scanner/walk';
import { backdate, makeFifo, makeTree, options, removeTree, summary } from './helpers';

const BUNDLE = `/*! lib v1 | MIT */\n${'var b=function(c){return c+1};'.repeat(60)}\n`;

/** EACCES from `openSync` of `file` and `readdirSync` of `folder`: what chmod 000 does to anyone but root. */
function denying(file: string, folder: string): WalkIo {
  const denied = (p: string): never => {
    throw Object.assign(new Error(`EACCES: permission denied, '${p}'`), { code: 'EACCES' });
  };
  return {
    ...nodeIo,
    openSync: (f, flags) => (f.endsWith(file) ? denied(f) : nodeIo.openSync(f, flags)),
    readdirSync: (d, opts) => (d.endsWith(folder) ? denied(d) : nodeIo.readdirSync(d, opts)),
  };
}

describe('scan: which files it did not read, and why (ScanResult.skipped)', () => {
  let root = '';
  let cacheDir = '';
  afterEach(() => {
    if (root) removeTree(root);
    if (cacheDir) removeTree(cacheDir);
    root = cacheDir = '';
  });

  function tree(): string {
    return makeTree({
      'src/ok.ts': '// TODO: read\n',
      'src/big.ts': `// TODO: too big\n${'// filler\n'.repeat(400)}`,
      'src/blob.ts': Buffer.concat([Buffer.from('// TODO: binary\n'), Buffer.from([0, 1, 2])]),
      'src/vendor.min.js': '// TODO: minified by name\n',
      'src/bundle.js': `// TODO: minified by content\n${BUNDLE}`,
      'src/locked.ts': '// TODO: unreadable\n',
      'secret/x.ts': '// TODO: in an unreadable folder\n',
      'notes.xyz': 'TODO: unknown language, only counted\n',
    });
  }

  const EXPECTED = ['secret unreadable-folder', 'src/big.ts too-large', 'src/blob.ts binary', 'src/bundle.js minified', 'src/locked.ts unreadable', 'src/vendor.min.js minified'];

  it('lists skipped files and unreadable folders with their reason, sorted; files of unknown language are only counted', async () => {
    root = tree();
    const result = await scan(options(root, { maxFileSize: 3000, io: denying('locked.ts', 'secret') }));
    assert.deepEqual(result.skipped.map((s) => `${s.path} ${s.reason}`), EXPECTED);
    assert.deepEqual(result.items.map((i) => i.file), ['src/ok.ts']);
    assert.equal(result.stats.skipped.unknownLanguage, 1);
  });

  it('lists the same on worker threads, and from the cache (a cached file counts as read, a cached skip as skipped)', async () => {
    root = tree();
    fs.rmSync(path.join(root, 'src', 'locked.ts'));
    fs.rmSync(path.join(root, 'secret'), { recursive: true });
    backdate(root);
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paydown-unread-'));
    const expected = EXPECTED.filter((e) => !e.startsWith('secret') && !e.startsWith('src/locked'));
    const inProcess = await scan(options(root, { maxFileSize: 3000 }));
    assert.deepEqual(inProcess.skipped.map((s) => `${s.path} ${s.reason}`), expected);
    const threaded = await scan(options(root, { maxFileSize: 3000, workers: 2, cacheDir }));
    assert.deepEqual(summary(threaded), summary(inProcess));
    const warm = await scan(options(root, { maxFileSize: 3000, workers: 2, cacheDir }));
    assert.equal(warm.stats.filesRead, 0);
    assert.deepEqual(summary(warm), summary(inProcess));
    const warmInProcess = await scan(options(root, { maxFileSize: 3000, cacheDir }));
    assert.equal(warmInProcess.stats.filesRead, 0);
    assert.deepEqual(summary(warmInProcess), summary(inProcess));
  });

  it('never opens a FIFO it walks into: counted as skipped (special), silently, cold and from the cache', async function () {
    root = makeTree({ 'a.ts': '// TODO: next to a pipe\n', 'sub/b.ts': '// TODO: b\n' });
    if (!makeFifo(path.join(root, 'sub', 'pipe.ts'))) this.skip();
    backdate(root);
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paydown-unread-'));
    for (const extra of [{}, { workers: 2 }, { cacheDir }, { cacheDir }, { workers: 2, cacheDir }]) {
      // Opening the FIFO would block this scan for good (no writer ever comes): the test would time out.
      const result = await scan(options(root, extra));
      assert.deepEqual(result.items.map((i) => i.file), ['a.ts', 'sub/b.ts'], JSON.stringify(extra));
      assert.equal(result.stats.skipped.special, 1);
      assert.deepEqual(result.skipped, [{ path: 'sub/pipe.ts', reason: 'special' }]);
      assert.deepEqual(result.problems, []);
    }
  });

  it('lists a named path that ignore files, scan.exclude or .paydown/ hide as ignored or excluded, and reads the rest', async () => {
    root = makeTree({
      '.gitignore': 'build/\n*.log\n',
      'build/out/x.ts': '// TODO: hidden by its folder\n',
      'debug.log': 'TODO: hidden by name\n',
      'gen/y.ts': '// TODO: excluded\n',
      '.paydown/notes/z.ts': '// TODO: never scanned\n',
      'src/a.ts': '// TODO: read\n',
    });
    const result = await scan(options(root, { paths: ['build/out', 'debug.log', 'gen/y.ts', '.paydown/notes', 'src'], exclude: ['gen/**'] }));
    assert.deepEqual(result.items.map((i) => i.file), ['src/a.ts']);
    assert.deepEqual(result.skipped.map((s) => `${s.path} ${s.reason}`), ['.paydown/notes ignored', 'build/out ignored', 'debug.log ignored', 'gen/y.ts excluded']);
    // Nothing read, nothing special: the counts are the walk's.
    assert.deepEqual([result.stats.files, result.stats.skipped.special, result.problems.length], [1, 0, 0]);
  });

  it('skips a FIFO named on the command line with a warning instead of hanging', async function () {
    root = makeTree({ 'a.ts': '// TODO: a\n' });
    if (!makeFifo(path.join(root, 'pipe'))) this.skip();
    const result = await scan(options(root, { paths: ['pipe', 'a.ts'] }));
    assert.deepEqual(result.items.map((i) => i.file), ['a.ts']);
    assert.deepEqual(result.problems.map((p) => [p.file, p.code, p.severity, p.message]), [['pipe', 'file-special', 'warning', 'Skipped pipe: a FIFO, not a regular file']]);
    assert.deepEqual(result.skipped, [{ path: 'pipe', reason: 'special' }]);
    assert.equal(result.stats.skipped.special, 1);
  });
});
