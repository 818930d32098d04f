import { DEFAULT_ANNOTATION_OPTIONS } from '../../../src/engine/model';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { scanCoverage } from '../../../src/engine/scanner/coverage';
import { scan, type ScanOptions } from '../../../src/engine/scanner/scan';
import { nodeIo, type WalkIo } from '../../../src/engine/scanner/walk';
import { makeFifo, makeTree, options, removeTree } from './helpers';

/**
 * scanCoverage: after a scan, whether each asked file was read, is gone, or is there but was
 * not read (and why) — the question `ledger sync` asks before resolving an item.
 */
describe('scan coverage: was a file read, is it gone, or why was it not read', () => {
  let root = '';
  afterEach(() => root && removeTree(root));

  async function verdicts(extra: Partial<ScanOptions>, files: string[]): Promise<Record<string, string>> {
    const opts = options(root, extra);
    const result = await scan(opts);
    const coverage = scanCoverage(opts, result);
    return Object.fromEntries(await coverage(files));
  }

  it('counts files read by their #! line or by scan.languages as read, like the walk does', async () => {
    root = makeTree({ 'bin/release': '#!/usr/bin/env bash\n# x\n', 'cases/a.test': '# x\n', 'notes.xyz': 'x\n' });
    const annotations = { ...DEFAULT_ANNOTATION_OPTIONS, languages: { '**/*.test': 'python' } };
    assert.deepEqual(await verdicts({ annotations }, ['bin/release', 'cases/a.test', 'notes.xyz']), {
      'bin/release': 'read',
      'cases/a.test': 'read',
      'notes.xyz': 'unknown-language',
    });
  });

  it('tells read files from skipped, excluded, ignored and unknown ones', async () => {
    root = makeTree({
      '.gitignore': 'gen/\n*.log.ts\n',
      '.git/info/exclude': 'local.ts\n',
      'src/read.ts': 'export const a = 1;\n',
      'src/big.ts': `${'// filler\n'.repeat(400)}`,
      'src/blob.ts': Buffer.from([0x2f, 0x2f, 0, 1]),
      'src/app.min.js': '// x\n',
      'src/excluded.ts': '// x\n',
      'legacy/old.ts': '// x\n',
      'gen/out.ts': '// x\n',
      'src/trace.log.ts': '// x\n',
      'local.ts': '// x\n',
      'src/deep/.paydownignore': 'skip.ts\n',
      'src/deep/skip.ts': '// x\n',
      'notes.xyz': 'x\n',
      '.paydown/ledger/x.ts': '// x\n',
    });
    const files = ['src/read.ts', 'src/big.ts', 'src/blob.ts', 'src/app.min.js', 'src/excluded.ts', 'legacy/old.ts', 'gen/out.ts', 'src/trace.log.ts', 'local.ts', 'src/deep/skip.ts', 'notes.xyz', '.paydown/ledger/x.ts'];
    assert.deepEqual(await verdicts({ maxFileSize: 1000, exclude: ['src/excluded.ts', 'legacy/**'] }, files), {
      'src/read.ts': 'read',
      'src/big.ts': 'too-large',
      'src/blob.ts': 'binary',
      'src/app.min.js': 'minified',
      'src/excluded.ts': 'excluded',
      'legacy/old.ts': 'excluded',
      'gen/out.ts': 'ignored',
      'src/trace.log.ts': 'ignored',
      'local.ts': 'ignored',
      'src/deep/skip.ts': 'ignored',
      'notes.xyz': 'unknown-language',
      '.paydown/ledger/x.ts': 'ignored',
    });
    // `scan.include` leaves out the rest just the same.
    assert.deepEqual(await verdicts({ include: ['src/**'] }, ['src/read.ts', 'legacy/old.ts', 'notes.xyz']), { 'src/read.ts': 'read', 'legacy/old.ts': 'excluded', 'notes.xyz': 'excluded' });
  });

  it('says gone for deleted files, files under a deleted folder, and what is no longer a regular file', async () => {
    root = makeTree({ 'src/a.ts': 'x\n', 'src/now-a-folder.ts/inner.ts': 'x\n', 'src/file-now': 'x\n', 'src/real.ts': 'x\n' });
    fs.symlinkSync('real.ts', path.join(root, 'src', 'link.ts'));
    const fifo = makeFifo(path.join(root, 'src', 'pipe.ts'));
    const asked = ['src/deleted.ts', 'gone/deep/x.ts', 'src/now-a-folder.ts', 'src/file-now/x.ts', 'src/link.ts', ...(fifo ? ['src/pipe.ts'] : []), 'src/a.ts'];
    const expected: Record<string, string> = { 'src/deleted.ts': 'gone', 'gone/deep/x.ts': 'gone', 'src/now-a-folder.ts': 'gone', 'src/file-now/x.ts': 'gone', 'src/link.ts': 'gone', 'src/a.ts': 'read' };
    if (fifo) expected['src/pipe.ts'] = 'gone';
    assert.deepEqual(await verdicts({}, asked), expected);
  });

  it('says unreadable for files it could not open and files in folders it could not list (injected EACCES)', async () => {
    root = makeTree({ 'src/locked.ts': '// x\n', 'secret/deep/x.ts': '// x\n', 'src/ok.ts': '// x\n' });
    const denied = (p: string): never => {
      throw Object.assign(new Error(`EACCES: permission denied, '${p}'`), { code: 'EACCES' });
    };
    const io: WalkIo = {
      ...nodeIo,
      openSync: (f, flags) => (f.endsWith('locked.ts') ? denied(f) : nodeIo.openSync(f, flags)),
      readdirSync: (d, opts) => (d.endsWith('secret') ? denied(d) : nodeIo.readdirSync(d, opts)),
    };
    assert.deepEqual(await verdicts({ io }, ['src/locked.ts', 'secret/deep/x.ts', 'src/ok.ts']), { 'src/locked.ts': 'unreadable', 'secret/deep/x.ts': 'unreadable', 'src/ok.ts': 'read' });
  });

  it('says unreadable for a file whose folder it cannot even stat (chmod 000 folder, as a non-root user)', async function () {
    if (process.getuid?.() === 0) this.skip(); // root reads through chmod 000; the injected test covers the walk.
    root = makeTree({ 'secret/x.ts': '// x\n' });
    fs.chmodSync(path.join(root, 'secret'), 0);
    try {
      assert.deepEqual(await verdicts({}, ['secret/x.ts']), { 'secret/x.ts': 'unreadable' });
    } finally {
      fs.chmodSync(path.join(root, 'secret'), 0o755);
    }
  });

  it('in a partial scan, files outside the scanned paths were not read', async () => {
    root = makeTree({ 'src/a.ts': 'x\n', 'src/sub/b.ts': 'x\n', 'lib/c.ts': 'x\n', 'one.ts': 'x\n' });
    assert.deepEqual(await verdicts({ paths: ['src', path.join(root, 'one.ts')] }, ['src/a.ts', 'src/sub/b.ts', 'one.ts', 'lib/c.ts']), {
      'src/a.ts': 'read',
      'src/sub/b.ts': 'read',
      'one.ts': 'read',
      'lib/c.ts': 'not-in-paths',
    });
  });

  it('a folder replaced by a symbolic link is not walked: its files were not read', async () => {
    root = makeTree({ 'real/x.ts': 'x\n' });
    fs.symlinkSync('real', path.join(root, 'linked'));
    assert.deepEqual(await verdicts({}, ['linked/x.ts', 'real/x.ts']), { 'linked/x.ts': 'link', 'real/x.ts': 'read' });
  });
});
