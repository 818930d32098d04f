import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { scan } from '../../../src/engine/scanner/scan';
import { nodeIo, type WalkIo } from '../../../src/engine/scanner/walk';
import { liveScanWorkers } from '../../../src/engine/scanner/workerPool';
import { backdate, makeTree, options, removeTree, summary } from './helpers';

/** A TypeScript file of exactly `size` bytes with a TODO on its first and last lines. */
function sized(size: number, tag = 'TODO'): string {
  const head = `// ${tag}: head ${size}\n`;
  const tail = `\n// ${tag}: tail ${size}\n`;
  const fill = size - head.length - tail.length;
  assert.ok(fill >= 0);
  return head + 'x'.repeat(fill).replace(/x{79}x/g, (m) => `${m.slice(0, 79)}\n`) + tail;
}

// The walker's read buffer starts at 64 KiB and grows; without a cache a file is read with one
// `read` and no `fstat`, and only a file that fills the buffer is measured.
const SIZES = [0, 1, 100, 65535, 65536, 65537, 131071, 131072, 131073, 200000];

describe('scan: reading files without and with a cache', () => {
  let root = '';
  let cacheDir = '';
  before(() => {
    const spec: Record<string, string> = {};
    for (const size of SIZES) spec[`s/f${size}.ts`] = size === 0 ? '' : size < 40 ? 'x'.repeat(size) : sized(size);
    // Ordered so the buffer grows in the middle of the walk, then serves smaller files again.
    spec['a/small.ts'] = sized(500);
    spec['z/big-then-small.ts'] = sized(150000);
    spec['z/zz/after.ts'] = sized(700, 'FIXME');
    root = makeTree(spec);
    backdate(root);
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paydown-reads-cache-'));
  });
  after(() => {
    removeTree(root);
    removeTree(cacheDir);
  });

  it('finds the same items whatever the size, in-process and on workers, with and without a cache', async () => {
    const plain = await scan(options(root));
    const items = plain.items.map((i) => `${i.file}:${i.line} ${i.title}`);
    for (const size of SIZES.filter((s) => s >= 40)) {
      assert.ok(items.includes(`s/f${size}.ts:1 head ${size}`), `head of ${size}`);
      assert.ok(items.some((i) => i.startsWith(`s/f${size}.ts:`) && i.endsWith(`tail ${size}`)), `tail of ${size}`);
    }
    for (const extra of [{ workers: 2 }, { workers: 1 }, { cacheDir }, { cacheDir, workers: 2 }, { cacheDir, workers: 2 }]) {
      const other = await scan(options(root, extra));
      assert.deepEqual(summary(other), summary(plain), JSON.stringify(extra));
      assert.deepEqual(other.items, plain.items);
    }
    assert.equal(liveScanWorkers(), 0);
  });

  it('measures only files that fill the buffer, and reports the real size of a file over the limit', async () => {
    let fstats = 0;
    const io: WalkIo = {
      ...nodeIo,
      fstatSync: (fd) => {
        fstats++;
        return nodeIo.fstatSync(fd);
      },
    };
    const limit = 100000;
    const result = await scan(options(root, { io, maxFileSize: limit }));
    // Only files that fill the buffer (7 of 13 are ≥ 64 KiB; it grows only for files under the
    // limit, to 128 KiB after 65537): a handful, whatever the walk order, never one per file.
    assert.ok(fstats >= 6 && fstats <= 7, `fstat calls: ${fstats}`);
    const tooLarge = result.problems.filter((p) => p.code === 'file-too-large').map((p) => p.file);
    assert.deepEqual(tooLarge, ['s/f131071.ts', 's/f131072.ts', 's/f131073.ts', 's/f200000.ts', 'z/big-then-small.ts']);
    const message = result.problems.find((p) => p.file === 's/f200000.ts')!.message;
    assert.match(message, /195 KiB is over the 98 KiB limit/);
    assert.equal(result.stats.skipped.tooLarge, 5);
  });

  it('agrees with the cached path on a file exactly at the limit and one byte over', async () => {
    const limit = 65536;
    const plain = await scan(options(root, { maxFileSize: limit }));
    const cached = await scan(options(root, { maxFileSize: limit, cacheDir: fs.mkdtempSync(path.join(os.tmpdir(), 'paydown-reads-limit-')) }));
    assert.deepEqual(summary(plain), summary(cached));
    const files = new Set(plain.items.map((i) => i.file));
    assert.ok(files.has('s/f65536.ts'));
    assert.ok(!files.has('s/f65537.ts'));
  });

  it('stops workers started ahead when the scan fails before using them', async () => {
    const missing = path.join(root, 'no-such-folder');
    await assert.rejects(scan(options(missing, { workers: 2 })), /Cannot read the workspace root/);
    assert.equal(liveScanWorkers(), 0);
  });

  it('rejects with AbortError and leaves no worker when cancelled while preparing', async () => {
    const controller = new AbortController();
    const pending = scan(options(root, { workers: 2, signal: controller.signal }));
    controller.abort();
    await assert.rejects(pending, (err: Error) => err.name === 'AbortError');
    assert.equal(liveScanWorkers(), 0);
  });
});
