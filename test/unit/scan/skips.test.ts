import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { scan } from '../../../src/engine/scanner/scan';
import { nodeIo, type WalkIo } from '../../../src/engine/scanner/walk';
import { fixture, makeTree, options, removeTree, summary } from './helpers';

describe('scan: what is read and what is skipped', () => {
  let root = '';
  afterEach(() => root && removeTree(root));

  it('finds debt in comments only (fixture: basic)', async () => {
    const result = await scan(options(fixture('basic')));
    assert.deepEqual(summary(result), {
      items: ['lib/util.py:2:7 FIXME handle empty input', 'src/app.ts:1:4 TODO real debt'],
      problems: [],
      files: 3,
      skipped: { binary: 0, tooLarge: 0, minified: 0, unreadable: 0, unknownLanguage: 1, special: 0 },
      notRead: [],
    });
    assert.equal(result.items[0]!.effort, 2);
    assert.deepEqual(result.items[0]!.owners, ['bob']);
    assert.equal(result.stats.filesRead, 2);
  });

  it('skips binary files (a NUL in the first 8 KiB)', async () => {
    root = makeTree({ 'blob.ts': Buffer.concat([Buffer.from('// TODO: in a binary\n'), Buffer.from([0, 1, 2])]), 'late.ts': `${'// filler line\n'.repeat(600)}const nul = '\0';\n// TODO: NUL after 8 KiB is text\n` });
    const result = await scan(options(root));
    assert.equal(result.stats.skipped.binary, 1);
    assert.deepEqual(result.items.map((i) => i.file), ['late.ts']);
  });

  it('skips files over maxFileSize and says so', async () => {
    root = makeTree({ 'big.ts': `// TODO: big\n${'// filler\n'.repeat(20)}`, 'small.ts': '// TODO: small\n' });
    const result = await scan(options(root, { maxFileSize: 100 }));
    assert.equal(result.stats.skipped.tooLarge, 1);
    assert.deepEqual(result.items.map((i) => i.file), ['small.ts']);
    assert.deepEqual(result.problems.map((p) => [p.file, p.code, p.severity]), [['big.ts', 'file-too-large', 'info']]);
  });

  it('skips minified code, by name and by content', async () => {
    const minified = `/*! lib v1 */\nvar a=1;/* TODO: inside a bundle */${'var b=function(c){return c+1};'.repeat(60)}\n`;
    root = makeTree({ 'app.min.js': '// TODO: min\n', 'vendor.js': minified, 'ok.js': `// TODO: normal\nconst long = "${'y'.repeat(1500)}";\n${'let z = 1;\n'.repeat(50)}` });
    const result = await scan(options(root));
    assert.equal(result.stats.skipped.minified, 2);
    assert.deepEqual(result.items.map((i) => i.file), ['ok.js']);
  });

  it('skips files of unknown language without reading them', async () => {
    root = makeTree({ 'notes.xyz': 'TODO: what language?\n', 'a.ts': '// TODO: known\n' });
    const result = await scan(options(root));
    assert.equal(result.stats.skipped.unknownLanguage, 1);
    assert.equal(result.stats.filesRead, 1);
    assert.equal(result.items.length, 1);
  });

  it('does not follow symbolic links, so a link loop cannot hang the walk', async function () {
    root = makeTree({ 'a/x.ts': '// TODO: once\n' });
    try {
      fs.symlinkSync('..', path.join(root, 'a', 'up'));
      fs.symlinkSync(path.join(root, 'a'), path.join(root, 'b'));
      fs.symlinkSync('x.ts', path.join(root, 'a', 'y.ts'));
    } catch {
      this.skip(); // No symlinks on this file system.
    }
    const result = await scan(options(root));
    assert.deepEqual(result.items.map((i) => i.file), ['a/x.ts']);
    assert.equal(result.stats.files, 1);
  });

  it('survives unreadable files: counted, reported, not fatal (injected EACCES)', async () => {
    root = makeTree({ 'locked.ts': '// TODO: locked\n', 'open.ts': '// TODO: open\n', 'sub/deep.ts': '// TODO: deep\n' });
    const denied = (file: string): never => {
      throw Object.assign(new Error(`EACCES: permission denied, open '${file}'`), { code: 'EACCES' });
    };
    const io: WalkIo = {
      ...nodeIo,
      openSync: (file, flags) => (file.endsWith('locked.ts') ? denied(file) : nodeIo.openSync(file, flags)),
      readdirSync: (dir, opts) => (dir.endsWith('sub') ? denied(dir) : nodeIo.readdirSync(dir, opts)),
    };
    const result = await scan(options(root, { io }));
    assert.deepEqual(result.items.map((i) => i.file), ['open.ts']);
    assert.equal(result.stats.skipped.unreadable, 2);
    assert.deepEqual(result.problems.map((p) => [p.file, p.code]), [['locked.ts', 'file-unreadable'], ['sub', 'file-unreadable']]);
  });

  it('survives a chmod 000 file', async function () {
    if (process.getuid?.() === 0) this.skip(); // root reads through chmod 000; the injected-fs test covers this path.
    root = makeTree({ 'locked.ts': '// TODO: locked\n', 'open.ts': '// TODO: open\n' });
    fs.chmodSync(path.join(root, 'locked.ts'), 0);
    const result = await scan(options(root));
    fs.chmodSync(path.join(root, 'locked.ts'), 0o644);
    assert.equal(result.stats.skipped.unreadable, 1);
    assert.deepEqual(result.problems.map((p) => p.code), ['file-unreadable']);
  });
});
