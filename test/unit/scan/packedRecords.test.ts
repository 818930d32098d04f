import * as assert from 'node:assert/strict';
import { FileStatus, type DirRecord } from '../../../src/engine/scanner/cache';
import { MAX_STATUS, PackedRecords, RecordFiles, RecordWriter } from '../../../src/engine/scanner/packedRecords';
import type { DebtItem } from '../../../src/engine/model';

const item = (file: string, title: string): DebtItem => ({ file, title }) as unknown as DebtItem;

function records(): DirRecord[] {
  return [
    {
      rel: '',
      mtimeMs: 1_700_000_000_123.456,
      ignoreFiles: [{ name: '.gitignore', size: 12, mtimeMs: 1_700_000_000_001.5, text: 'out/\n!keep\n' }],
      dirs: ['src', 'docs'],
      names: ['README.md', 'a.ts', 'big.bin'],
      sizes: [10, 2_000, 5_000_000_000],
      mtimes: [1_699_999_999_000.25, -1, 1_600_000_000_000],
      status: [FileStatus.scanned, FileStatus.scanned, FileStatus.tooLarge],
      results: [[1, [item('a.ts', 'TODO a')], []]],
    },
    {
      rel: 'src/日本/é',
      mtimeMs: -1,
      ignoreFiles: [],
      dirs: [],
      names: ['Ω.py', '😀.ts', 'fifo'],
      sizes: [1, 2, 0],
      mtimes: [3, 4, -1],
      status: [FileStatus.unknownLanguage, FileStatus.scanned, FileStatus.special],
      results: [],
    },
    { rel: 'docs', mtimeMs: 5, ignoreFiles: [], dirs: [], names: [], sizes: [], mtimes: [], status: [], results: [] },
  ];
}

function pack(list: readonly DirRecord[]): { bytes: Buffer; loaded: PackedRecords } {
  const writer = new RecordWriter();
  for (const r of list) writer.add(r);
  const shard = writer.finish();
  const bytes = Buffer.from(shard.bytes);
  const loaded = PackedRecords.from([bytes])!;
  assert.ok(loaded, 'the packed records load');
  for (const [rel, results] of shard.results) assert.ok(loaded.addResults(rel, results));
  return { bytes, loaded };
}

describe('scan cache: packed directory records', () => {
  it('gives back every folder as it was written: non-ASCII names, large sizes, untrusted mtimes, ignore files, results', () => {
    const { loaded } = pack(records());
    assert.equal(loaded.size, 3);
    assert.equal(loaded.fileCount, 6);
    for (const r of records()) assert.deepEqual(loaded.decode(loaded.offsetOf(r.rel)!), r);
    assert.equal(loaded.offsetOf('src'), undefined, 'a folder never recorded has no record');
  });

  it('reads a record in place as it decodes: mtime, ignore files, subfolders, and each file in turn', () => {
    const { loaded } = pack(records());
    const files = new RecordFiles();
    const read = (f: RecordFiles): unknown[] => {
      const out: unknown[] = [];
      while (f.next()) out.push([f.index, f.name(), f.size, f.mtimeMs, f.status]);
      return out;
    };
    for (const r of records()) {
      const offset = loaded.offsetOf(r.rel)!;
      assert.equal(loaded.mtimeOf(offset), r.mtimeMs);
      assert.deepEqual(loaded.ignoreFilesOf(offset), r.ignoreFiles);
      assert.deepEqual(loaded.dirsOf(offset), r.dirs);
      const expected = r.names.map((name, i) => [i, name, r.sizes[i], r.mtimes[i], r.status[i]]);
      // One cursor for every folder, as a walk uses it; and over the record object, the same.
      assert.deepEqual(read(files.open(loaded, offset)), expected, r.rel);
      assert.deepEqual(read(files.openRecord(r)), expected, `${r.rel} (object)`);
    }
  });

  it('copies a kept record, with its results, byte for byte into the next shard', () => {
    const { bytes, loaded } = pack(records());
    const writer = new RecordWriter(loaded);
    const changed: DirRecord = { ...records()[2]!, names: ['new.ts'], sizes: [3], mtimes: [6], status: [FileStatus.scanned] };
    writer.add(loaded.offsetOf('')!);
    writer.add(changed);
    writer.add(loaded.offsetOf('src/日本/é')!);
    const next = writer.finish();
    const reloaded = PackedRecords.from([next.bytes])!;
    for (const [rel, results] of next.results) reloaded.addResults(rel, results);
    assert.deepEqual(reloaded.decode(reloaded.offsetOf('')!), records()[0]);
    assert.deepEqual(reloaded.decode(reloaded.offsetOf('docs')!), changed);
    assert.deepEqual(reloaded.decode(reloaded.offsetOf('src/日本/é')!), records()[1]);
    const rootLength = bytes.readUInt32LE(0);
    assert.ok(Buffer.from(next.bytes).subarray(0, rootLength).equals(bytes.subarray(0, rootLength)), 'the kept bytes are the same bytes');
  });

  it('reads records spread over several shards as one cache, and refuses a folder recorded twice', () => {
    const [a, b, c] = records().map((r) => pack([r]).bytes);
    const loaded = PackedRecords.from([a!, b!, c!])!;
    assert.deepEqual(loaded.decode(loaded.offsetOf('docs')!).rel, 'docs');
    assert.equal(PackedRecords.from([a!, b!, a!]), undefined);
  });

  it('reads damaged bytes as no cache, never as wrong records and never with an exception', () => {
    const { bytes } = pack(records());
    assert.equal(PackedRecords.from([bytes.subarray(0, bytes.length - 1)]), undefined, 'truncated');
    assert.equal(PackedRecords.from([Buffer.concat([bytes, Buffer.from([1, 0])])]), undefined, 'trailing bytes');
    const badStatus = Buffer.from(bytes);
    badStatus[bytes.readUInt32LE(0) - 1] = MAX_STATUS + 1;
    assert.equal(PackedRecords.from([badStatus]), undefined, 'an unknown file status');
    // Any single damaged byte: either refused, or every record still decodes within its bounds.
    let refused = 0;
    for (let i = 0; i < bytes.length; i++) {
      for (const value of [0x00, 0xff, bytes[i]! ^ 0x10]) {
        const damaged = Buffer.from(bytes);
        damaged[i] = value;
        const loaded = PackedRecords.from([damaged]);
        if (!loaded) {
          refused++;
          continue;
        }
        for (const offset of loaded.allOffsets()) {
          const r = loaded.decode(offset);
          assert.equal(r.names.length, r.sizes.length);
          for (const s of r.status) assert.ok(s >= 0 && s <= MAX_STATUS);
        }
      }
    }
    assert.ok(refused > 0);
  });

  it('knows every file status', () => {
    assert.equal(MAX_STATUS, Math.max(...Object.values(FileStatus)));
  });
});
