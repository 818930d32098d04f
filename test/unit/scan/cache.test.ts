import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { DEFAULT_ANNOTATION_OPTIONS } from '../../../src/engine/model';
import { writeShard, type ParsedFile } from '../../../src/engine/scanner/cache';
import { PackedRecords } from '../../../src/engine/scanner/packedRecords';
import { scan, type ScanOptions } from '../../../src/engine/scanner/scan';
import { defaultCacheDir } from '../../../src/cli/workspace';
import { backdate, makeTree, options, removeTree, summary } from './helpers';

function tree(): string {
  return makeTree({
    '.gitignore': 'out/\n',
    'src/a.ts': '// TODO: a\nexport const a = 1;\n',
    'src/b.ts': 'export const b = 2; // FIXME: b effort:zz\n',
    'src/deep/c.py': '# HACK: c\n',
    'src/deep/plain.ts': 'export const plain = 1;\n',
    'out/gen.ts': '// TODO: ignored\n',
    'bin.ts': Buffer.from([0x2f, 0x2f, 0, 0x54, 0x4f, 0x44, 0x4f]),
    'app.min.js': '// TODO: min\n',
    'notes.xyz': 'TODO\n',
  });
}

/** Sets one file's mtime to a fixed past time different from what backdate() gave it. */
/** What a shard holds after its record bytes: `PDSH`, format, their length (u32 LE each), the bytes, then this. */
function shardMeta(file: string): { key: string; parsed?: ParsedFile[] } {
  const bytes = fs.readFileSync(file);
  assert.equal(bytes.toString('latin1', 0, 4), 'PDSH');
  return v8.deserialize(bytes.subarray(12 + bytes.readUInt32LE(8))) as { key: string; parsed?: ParsedFile[] };
}

function touchPast(file: string, secondsAgo = 600): void {
  const when = new Date(Date.now() - secondsAgo * 1000);
  fs.utimesSync(file, when, when);
}

describe('scan: incremental cache', () => {
  let root = '';
  let cacheDir = '';
  beforeEach(() => {
    root = tree();
    backdate(root);
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paydown-cache-'));
  });
  afterEach(() => {
    removeTree(root);
    removeTree(cacheDir);
  });
  const opts = (extra: Partial<ScanOptions> = {}) => options(root, { cacheDir, ...extra });

  it('re-scans an unchanged tree without reading a file, with the same result', async () => {
    const cold = await scan(opts());
    assert.equal(cold.stats.filesFromCache, 0);
    assert.equal(cold.stats.filesRead, 6, "four sources, the binary and .gitignore");
    const warm = await scan(opts());
    assert.equal(warm.stats.filesRead, 0);
    assert.equal(warm.stats.filesFromCache, 6);
    assert.deepEqual(summary(warm), summary(cold));
    assert.deepEqual(warm.items, cold.items);
    assert.deepEqual(warm.problems, cold.problems);
  });

  it('re-reads just the file that was edited or touched', async () => {
    await scan(opts());
    fs.writeFileSync(path.join(root, 'src', 'a.ts'), '// TODO: a, edited\nexport const a = 1;\n');
    touchPast(path.join(root, 'src', 'a.ts'));
    touchPast(path.join(root, 'src', 'deep', 'c.py'), 900);
    const warm = await scan(opts());
    assert.equal(warm.stats.filesRead, 2);
    assert.deepEqual(warm.items.map((i) => i.title), ['a, edited', 'b', 'c']);
  });

  it('notices added and deleted files', async () => {
    await scan(opts());
    fs.writeFileSync(path.join(root, 'src', 'new.ts'), '// DEBT: new\n');
    fs.rmSync(path.join(root, 'src', 'deep', 'c.py'));
    const warm = await scan(opts());
    assert.equal(warm.stats.filesRead, 1);
    assert.deepEqual(warm.items.map((i) => `${i.file} ${i.title}`), ['src/a.ts a', 'src/b.ts b', 'src/new.ts new']);
  });

  it('follows a changed .gitignore, even in a folder whose mtime did not move', async () => {
    await scan(opts());
    fs.writeFileSync(path.join(root, '.gitignore'), 'out/\nsrc/deep/\n');
    touchPast(path.join(root, '.gitignore'));
    const warm = await scan(opts());
    const cold = await scan(options(root));
    assert.deepEqual(summary(warm), summary(cold));
    assert.deepEqual(warm.items.map((i) => i.title), ['a', 'b']);
  });

  it('is invalidated by a change of options', async () => {
    await scan(opts());
    const changed = await scan(opts({ annotations: { ...DEFAULT_ANNOTATION_OPTIONS, tags: [{ name: 'HACK' }] } }));
    assert.equal(changed.stats.filesFromCache, 0);
    assert.deepEqual(changed.items.map((i) => i.title), ['c']);
    const excluded = await scan(opts({ exclude: ['src/deep/**'] }));
    assert.equal(excluded.stats.filesFromCache, 0);
  });

  it('falls back to a cold scan when the cache is corrupt', async () => {
    const cold = await scan(opts());
    for (const name of fs.readdirSync(cacheDir)) {
      if (name.endsWith('.bin')) fs.writeFileSync(path.join(cacheDir, name), 'garbage');
    }
    const again = await scan(opts());
    assert.equal(again.stats.filesFromCache, 0);
    assert.deepEqual(summary(again), summary(cold));
    fs.writeFileSync(path.join(cacheDir, 'scan-cache.json'), '{"format":');
    const third = await scan(opts());
    assert.deepEqual(summary(third), summary(cold));
    assert.equal((await scan(opts())).stats.filesRead, 0);
  });

  it('a shard cut short, claiming more record bytes than it has, of another format, or of the old layout gives the cold result', async () => {
    const cold = await scan(opts({ workers: 0 }));
    const damages: [string, (shard: Buffer, key: string) => Buffer][] = [
      ['cut', (shard) => shard.subarray(0, shard.length - 3)],
      ['cut in its head', (shard) => shard.subarray(0, 7)],
      ['claiming more record bytes', (shard) => (shard.writeUInt32LE(shard.length, 8), shard)],
      ['of a newer format', (shard) => (shard.writeUInt32LE(shard.readUInt32LE(4) + 1, 4), shard)],
      ['of the old layout', (shard, key) => v8.serialize({ format: 4, key, records: shard.subarray(12, 12 + shard.readUInt32LE(8)), results: [] })],
    ];
    for (const [what, damage] of damages) {
      const { shards } = JSON.parse(fs.readFileSync(path.join(cacheDir, 'scan-cache.json'), 'utf8')) as { shards: string[] };
      const shard = path.join(cacheDir, shards[0]!);
      fs.writeFileSync(shard, damage(fs.readFileSync(shard), shardMeta(shard).key));
      const again = await scan(opts({ workers: 0 }));
      assert.equal(again.stats.filesFromCache, 0, what);
      assert.deepEqual(summary(again), summary(cold), what);
      assert.equal((await scan(opts({ workers: 0 }))).stats.filesRead, 0, `${what}: the cache written again reads back`);
    }
  });

  it('a shard whose record bytes were damaged gives the cold result, on this thread and on workers', async () => {
    for (const workers of [0, 2]) {
      fs.rmSync(cacheDir, { recursive: true, force: true });
      const cold = await scan(opts({ workers }));
      const shards = fs.readdirSync(cacheDir).filter((n) => n.endsWith('.bin')).map((n) => path.join(cacheDir, n));
      const pristine = shards.map((f) => fs.readFileSync(f));
      // Bytes spread over every shard in turn: lengths, names, statuses and numbers.
      for (let s = 0; s < shards.length; s++) {
        const step = Math.max(1, Math.floor(pristine[s]!.length / (workers === 0 ? 24 : 8)));
        for (let i = 0; i < pristine[s]!.length; i += step) {
          const damaged = Buffer.from(pristine[s]!);
          damaged[i] = damaged[i]! ^ 0x5a;
          fs.writeFileSync(shards[s]!, damaged);
          assert.deepEqual(summary(await scan(opts({ workers }))), summary(cold), `workers ${workers}, shard ${s}, byte ${i}`);
          shards.forEach((f, k) => fs.writeFileSync(f, pristine[k]!));
          for (const name of fs.readdirSync(cacheDir)) if (!shards.includes(path.join(cacheDir, name)) && name !== 'scan-cache.json') fs.rmSync(path.join(cacheDir, name), { force: true });
        }
      }
    }
  });

  it('after an edit, keeps the unchanged folders\' records as they were: the next re-scan reads nothing', async () => {
    const cold = await scan(opts({ workers: 0 }));
    fs.appendFileSync(path.join(root, 'src/a.ts'), '// TODO: a2\n');
    touchPast(path.join(root, 'src/a.ts'));
    const edited = await scan(opts({ workers: 0 }));
    assert.equal(edited.stats.filesRead, 1);
    assert.deepEqual(edited.items.map((i) => i.title).sort(), [...cold.items.map((i) => i.title), 'a2'].sort());
    const again = await scan(opts({ workers: 0 }));
    assert.equal(again.stats.filesRead, 0);
    assert.equal(again.stats.filesFromCache, cold.stats.filesRead);
    assert.deepEqual(summary(again), summary(edited));
    assert.deepEqual(again.items, edited.items);
  });

  it('decodes the cached records of the folders that changed, and no other', async () => {
    const decoded: string[] = [];
    const decode = PackedRecords.prototype.decode;
    PackedRecords.prototype.decode = function (this: PackedRecords, offset: number) {
      const record = decode.call(this, offset);
      // Loading checks the folders with results against their records (few); the walk is what this counts.
      if (!new Error().stack!.includes('loadShards')) decoded.push(record.rel);
      return record;
    };
    try {
      const cold = await scan(opts());
      const warm = await scan(opts());
      assert.deepEqual(decoded, [], 'an unchanged tree is reported from the bytes of its records');
      assert.deepEqual(warm.skipped, cold.skipped);
      fs.appendFileSync(path.join(root, 'src/deep/c.py'), '# TODO: c2\n');
      touchPast(path.join(root, 'src/deep/c.py'));
      const edited = await scan(opts());
      assert.deepEqual(decoded, ['src/deep']);
      assert.equal(edited.stats.filesRead, 1);
      assert.deepEqual(edited.items.map((i) => i.title), ['a', 'b', 'c', 'c2']);
    } finally {
      PackedRecords.prototype.decode = decode;
    }
  });

  it('works across worker threads (one shard per worker)', async () => {
    const cold = await scan(opts({ workers: 2 }));
    const warm = await scan(opts({ workers: 2 }));
    assert.equal(warm.stats.filesRead, 0);
    assert.deepEqual(summary(warm), summary(cold));
    const inProcess = await scan(opts({ workers: 0 }));
    assert.equal(inProcess.stats.filesRead, 0);
    assert.deepEqual(summary(inProcess), summary(cold));
  });

  it('on worker threads, keeps what this thread parsed in a shard of its own, which must fit the workers\' records', async () => {
    const cold = await scan(opts({ workers: 2 }));
    const manifest = JSON.parse(fs.readFileSync(path.join(cacheDir, 'scan-cache.json'), 'utf8')) as { shards: string[] };
    // The workers' shards (one part each, for a worker that recorded any folder), then the parsed files'.
    assert.ok(manifest.shards.length >= 2 && manifest.shards.length <= 3, manifest.shards.join(', '));
    const resultsShard = path.join(cacheDir, manifest.shards[manifest.shards.length - 1]!);
    const parsed = shardMeta(resultsShard).parsed!;
    assert.deepEqual(parsed.map(([file]) => file).sort(), ['src/a.ts', 'src/b.ts', 'src/deep/c.py']);
    // A result for a file no worker recorded as read: the shards do not belong together.
    assert.ok(writeShard(resultsShard, shardMeta(resultsShard).key, [], undefined, [...parsed, ['src/gone.ts', [], []]]));
    const again = await scan(opts({ workers: 2 }));
    assert.equal(again.stats.filesFromCache, 0, 'the cache is not used');
    assert.deepEqual(summary(again), summary(cold));
  });

  it('walkers that give way to the editor (workerNice) parse for themselves, and their cache reads back the same', async () => {
    const cold = await scan(opts({ workers: 2 }));
    fs.rmSync(cacheDir, { recursive: true, force: true });
    const niced = await scan(opts({ workers: 2, workerNice: 5 }));
    assert.deepEqual(summary(niced), summary(cold));
    const manifest = JSON.parse(fs.readFileSync(path.join(cacheDir, 'scan-cache.json'), 'utf8')) as { shards: string[] };
    const parsed = shardMeta(path.join(cacheDir, manifest.shards[manifest.shards.length - 1]!)).parsed!;
    assert.deepEqual(parsed, [], 'nothing was parsed on this thread');
    const warm = await scan(opts({ workers: 2 }));
    assert.equal(warm.stats.filesRead, 0);
    assert.deepEqual(summary(warm), summary(cold));
  });

  it('with niceCaller, a scan on workers lowers the calling thread to their priority and parses there; one on the calling thread keeps it', async function () {
    if (process.platform !== 'linux') this.skip();
    const cold = summary(await scan(opts({ workers: 2 }))) as { items: string[] };
    fs.rmSync(cacheDir, { recursive: true, force: true });
    // Apart: a thread cannot take its priority back once lowered.
    const script = [
      "const os = require('node:os'); const fs = require('node:fs'); const path = require('node:path'); const v8 = require('node:v8');",
      "const { DEFAULT_ANNOTATION_OPTIONS } = require('./src/engine/model');",
      "const { scan } = require('./src/engine/scanner/scan');",
      'const [root, cacheDir] = process.argv.slice(1);',
      'const base = { root, annotations: DEFAULT_ANNOTATION_OPTIONS, workerNice: 5, niceCaller: true };',
      '(async () => {',
      '  await scan({ ...base, workers: 0 });',
      '  const inProcess = os.getPriority(0);',
      '  const r = await scan({ ...base, cacheDir, workers: 2 });',
      "  const { shards } = JSON.parse(fs.readFileSync(path.join(cacheDir, 'scan-cache.json'), 'utf8'));",
      '  const shard = fs.readFileSync(path.join(cacheDir, shards[shards.length - 1]));',
      '  const parsed = v8.deserialize(shard.subarray(12 + shard.readUInt32LE(8))).parsed.map(([f]) => f).sort();',
      "  console.log(JSON.stringify({ inProcess, onWorkers: os.getPriority(0), items: r.items.map((i) => `${i.file}:${i.line}:${i.column} ${i.tag} ${i.title}`), parsed }));",
      '})();',
    ].join('\n');
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script, root, cacheDir], { cwd: path.join(__dirname, '..', '..', '..'), encoding: 'utf8', timeout: 30_000 });
    assert.equal(run.status, 0, run.stderr);
    const out = JSON.parse(run.stdout) as { inProcess: number; onWorkers: number; items: string[]; parsed: string[] };
    assert.equal(out.inProcess, 0, 'a scan on the calling thread keeps its priority');
    assert.equal(out.onWorkers, 5);
    assert.deepEqual(out.parsed, ['src/a.ts', 'src/b.ts', 'src/deep/c.py'], 'parsed on the calling thread, kept in its shard');
    assert.deepEqual(out.items, cold.items);
  });

  it('a worker that walked thousands of folders writes its shard in parts, and the cache reads back whole', async () => {
    const big = makeTree(Object.fromEntries(Array.from({ length: 4500 }, (_, i) => [`d${i}/f.ts`, i % 100 === 0 ? `// TODO: item ${i}\n` : 'export {};\n'])));
    try {
      backdate(big);
      const at = (extra: Partial<ScanOptions> = {}) => options(big, { cacheDir, workers: 1, ...extra });
      const cold = await scan(at());
      const manifest = JSON.parse(fs.readFileSync(path.join(cacheDir, 'scan-cache.json'), 'utf8')) as { shards: string[] };
      assert.equal(manifest.shards.length, 4, 'three parts of 2,048 folders at most, and the parsed files');
      const warm = await scan(at());
      assert.equal(warm.stats.filesRead, 0);
      assert.equal(warm.items.length, 45);
      assert.deepEqual(summary(warm), summary(cold));
    } finally {
      removeTree(big);
    }
  });

  it('does not trust files modified in the last seconds', async () => {
    await scan(opts());
    fs.writeFileSync(path.join(root, 'src', 'a.ts'), '// TODO: same size\nexport const a = 2;\n');
    const first = await scan(opts());
    assert.equal(first.stats.filesRead, 1);
    const second = await scan(opts());
    assert.equal(second.stats.filesRead, 1, 'a file this fresh is read again');
  });

  it('keeps the default cache folder outside the workspace', () => {
    const saved = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = '/tmp/xdg-cache';
    try {
      const dir = defaultCacheDir('/work/project');
      assert.match(dir, /^\/tmp\/xdg-cache\/paydown\/[0-9a-f]{16}$/);
      assert.notEqual(defaultCacheDir('/work/other'), dir);
    } finally {
      if (saved === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = saved;
    }
  });
});
