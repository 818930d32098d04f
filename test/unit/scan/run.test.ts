import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { scan, type ScanOptions, type ScanProgress } from '../../../src/engine/scanner/scan';
import { liveScanWorkers, runPool, startWorker } from '../../../src/engine/scanner/workerPool';
import { backdate, makeTree, options, removeTree, summary } from './helpers';

function bigTree(files: number): string {
  const spec: Record<string, string> = { '.gitignore': 'skip/\n', 'skip/x.ts': '// TODO: no\n' };
  for (let i = 0; i < files; i++) {
    const dir = `d${i % 37}/e${i % 7}`;
    spec[`${dir}/f${i}.${['ts', 'py', 'go', 'md', 'xyz'][i % 5]}`] =
      i % 40 === 0 ? `${i % 5 === 1 ? '#' : '//'} TODO: item ${i}\n` : `const value${i} = "TODO: a string";\n${'let x = 1;\n'.repeat(i % 30)}`;
  }
  return makeTree(spec);
}

describe('scan: running', () => {
  let root = '';
  before(() => {
    root = bigTree(3000);
    backdate(root);
  });
  after(() => removeTree(root));

  it('gives the same result on worker threads as in-process', async () => {
    const inProcess = await scan(options(root, { workers: 0 }));
    const threaded = await scan(options(root, { workers: 2 }));
    assert.deepEqual(summary(threaded), summary(inProcess));
    assert.deepEqual(threaded.items, inProcess.items);
    assert.equal(threaded.stats.files, 3001, "3000 files and .gitignore");
    assert.equal(liveScanWorkers(), 0);
  });

  it('the calling thread walks with the worker threads: each writes its part of the cache, the result is the same', async () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paydown-local-'));
    try {
      const inProcess = await scan(options(root, { workers: 0 }));
      let threads = 0;
      const both = await scan(options(root, { workers: 1, cacheDir, onFiles: () => (threads = Math.max(threads, liveScanWorkers())) }));
      assert.deepEqual(summary(both), summary(inProcess));
      assert.deepEqual(both.items, inProcess.items);
      assert.equal(threads, 1, 'one worker thread');
      // Shards are named by walker (`-<walker>-<part>.bin`, the calling thread is walker 0), then the parsed files' (`-2.bin`).
      const { shards } = JSON.parse(fs.readFileSync(path.join(cacheDir, 'scan-cache.json'), 'utf8')) as { shards: string[] };
      const walkers = new Set(shards.map((name) => /-(\d+)-\d+\.bin$/.exec(name)?.[1]).filter((w) => w !== undefined));
      assert.deepEqual([...walkers].sort(), ['0', '1'], shards.join(', '));
      const again = await scan(options(root, { workers: 1, cacheDir }));
      assert.equal(again.stats.filesRead, 0, 'the cache both wrote reads back whole');
    } finally {
      removeTree(cacheDir);
    }
  });

  it('by default, one worker thread fewer than the cores (up to 4): the calling thread is the other walker', async () => {
    const count = (extra: Partial<ScanOptions>) => {
      let threads = 0;
      return scan(options(root, { workers: undefined, ...extra, onFiles: () => (threads = Math.max(threads, liveScanWorkers())) })).then(() => threads);
    };
    const cores = Math.min(4, os.availableParallelism());
    assert.equal(await count({}), cores - 1);
    // Walkers that give way to the editor, from a caller that keeps its priority: the caller does not walk.
    assert.equal(await count({ workerNice: 5 }), cores);
    assert.equal(os.getPriority(0), 0, 'the calling thread kept its priority');
  });

  it('a failure of the calling thread\'s walk rejects the scan and leaves no walker behind', async () => {
    const run = runPool({
      script: { file: require.resolve('../../../src/engine/scanner/scanWorker.ts') },
      workers: 0,
      config: undefined as never,
      cacheKey: '',
      shards: [],
      shardOut: () => null,
      tasks: [{ rel: '', kind: 'dir', chain: [], dirty: false, rules: undefined }],
      onResults: () => undefined,
      local: { previous: undefined },
    });
    await assert.rejects(run, TypeError);
    assert.equal(liveScanWorkers(), 0);
  });

  it('starts walkers with a small young generation (their garbage dies young; the default only held it longer)', async () => {
    const worker = startWorker({ file: require.resolve('../../../src/engine/scanner/scanWorker.ts') });
    try {
      assert.equal(worker.resourceLimits?.maxYoungGenerationSizeMb, 4);
    } finally {
      await worker.terminate();
    }
  });

  it('sorts items by file, line and column', async () => {
    const { items } = await scan(options(root));
    const keys = items.map((i) => [i.file, i.line, i.column] as const);
    const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]));
    assert.deepEqual(keys, sorted);
    assert.ok(items.length > 0);
  });

  it('reports progress, throttled, ending at the totals', async () => {
    const events: Array<ScanProgress & { at: number }> = [];
    const result = await scan(options(root, { onProgress: (p) => events.push({ ...p, at: performance.now() }) }));
    assert.ok(events.length >= 1);
    const last = events[events.length - 1]!;
    assert.equal(last.filesSeen, result.stats.files);
    assert.equal(last.itemsFound, result.stats.items);
    for (let i = 1; i < events.length; i++) assert.ok(events[i]!.filesSeen >= events[i - 1]!.filesSeen);
    // All but the final event are at least ~50 ms apart.
    for (let i = 1; i < events.length - 1; i++) assert.ok(events[i]!.at - events[i - 1]!.at >= 45);
  });

  it('is cancellable in-process: rejects with AbortError', async () => {
    const controller = new AbortController();
    const pending = scan(options(root, { signal: controller.signal, onProgress: () => controller.abort() }));
    await assert.rejects(pending, (err: Error) => err.name === 'AbortError');
  });

  it('is cancellable on workers: rejects with AbortError and leaves no worker behind', async () => {
    const controller = new AbortController();
    const pending = scan(options(root, { workers: 2, signal: controller.signal }));
    while (liveScanWorkers() === 0) await new Promise((r) => setImmediate(r));
    controller.abort();
    await assert.rejects(pending, (err: Error) => err.name === 'AbortError');
    assert.equal(liveScanWorkers(), 0);
  });

  it('rejects at once when the signal is already aborted', async () => {
    await assert.rejects(scan(options(root, { signal: AbortSignal.abort() })), (err: Error) => err.name === 'AbortError');
  });

  it('finds only comment debt across languages, in a tiny tree', async () => {
    const tiny = makeTree({ 'a.go': '// TODO: go\nvar s = "FIXME: no"\n', 'b.rs': '/* HACK: rs */\n', 'c.sh': '# XXX: sh\necho "TODO: no"\n' });
    try {
      const r = await scan(options(tiny, { workers: 1 }));
      assert.deepEqual(r.items.map((i) => `${i.file} ${i.tag}`), ['a.go TODO', 'b.rs HACK', 'c.sh XXX']);
    } finally {
      removeTree(tiny);
    }
  });
});
