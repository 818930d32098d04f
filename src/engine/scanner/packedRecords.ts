/**
 * The scan cache's directory records as bytes: how a shard stores them, and how a re-scan reads
 * them without turning the whole cache into objects at once.
 *
 * A record is `[u32 byteLength][str rel][f64 mtimeMs]`, then its ignore files
 * `[u32 n] n × [str name][f64 size][f64 mtimeMs][str text]`, its subfolders `[u32 n] n × [str name]`
 * and its files `[u32 n] n × [str name][f64 size][f64 mtimeMs][u8 status]`, where `str` is a u32
 * byte length and that many bytes of UTF-8; numbers are little-endian. A record's items and
 * problems stay objects beside the bytes (they are few: files with tags only).
 *
 * Invariants:
 * - {@link PackedRecords.from} walks every record's structure before anything is decoded, so a
 *   decode never reads out of bounds and a damaged shard reads as no cache;
 * - a decoded record is a fresh object that nothing else holds: a walk uses it and lets it die
 *   young, and the bytes stay the one long-lived copy (off the JavaScript heap);
 * - a folder the walk found unchanged is kept as its offset in the loaded bytes
 *   ({@link KeptRecord}) and written again by copying them.
 */
import type { DebtItem, Problem } from '../model';
import type { DirRecord, FileStatus, IgnoreFileRecord } from './cache';

/** The highest `FileStatus` value: a larger byte means the bytes are not a record. */
export const MAX_STATUS = 6;

/** Items and problems of a record's files, by index into its `names`. */
export type RecordResults = Array<[number, DebtItem[], Problem[]]>;

/** A record of the previous scan that this run found unchanged: its offset in `PackedRecords.bytes`. */
export type KeptRecord = number;

/** What a walk keeps of each folder for the next run: a new record, or one kept from the previous scan. */
export type WalkRecord = DirRecord | KeptRecord;

/** Records packed for a shard: the bytes, and the results of the records that have any, by folder. */
export interface PackedShard {
  bytes: Uint8Array;
  results: Array<[rel: string, results: RecordResults]>;
}

/** Appends records to a growing buffer (see the module header for the layout). */
export class RecordWriter {
  private buf = Buffer.allocUnsafe(64 * 1024);
  private at = 0;
  private readonly results: PackedShard['results'] = [];

  constructor(private readonly previous?: PackedRecords) {}

  add(record: WalkRecord): void {
    if (typeof record === 'number') {
      this.keep(record);
      return;
    }
    const start = this.at;
    this.at += 4;
    this.str(record.rel);
    this.f64(record.mtimeMs);
    this.u32(record.ignoreFiles.length);
    for (const f of record.ignoreFiles) {
      this.str(f.name);
      this.f64(f.size);
      this.f64(f.mtimeMs);
      this.str(f.text);
    }
    this.u32(record.dirs.length);
    for (const d of record.dirs) this.str(d);
    const n = record.names.length;
    this.u32(n);
    for (let i = 0; i < n; i++) {
      this.str(record.names[i]!);
      this.f64(record.sizes[i]!);
      this.f64(record.mtimes[i]!);
      this.room(1);
      this.buf[this.at++] = record.status[i]!;
    }
    this.buf.writeUInt32LE(this.at - start, start);
    if (record.results.length > 0) this.results.push([record.rel, record.results]);
  }

  finish(): PackedShard {
    return { bytes: this.buf.subarray(0, this.at), results: this.results };
  }

  /** Copies a kept record's bytes, and its results, from the previous scan. */
  private keep(offset: number): void {
    const previous = this.previous;
    if (!previous) throw new Error('a kept record without the records it was kept from');
    const length = previous.bytes.readUInt32LE(offset);
    this.room(length);
    previous.bytes.copy(this.buf, this.at, offset, offset + length);
    this.at += length;
    const rel = previous.relAt(offset);
    const results = previous.resultsOf(rel);
    if (results) this.results.push([rel, results]);
  }

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(grown, 0, 0, this.at);
    this.buf = grown;
  }

  private u32(n: number): void {
    this.room(4);
    this.buf.writeUInt32LE(n, this.at);
    this.at += 4;
  }

  private f64(n: number): void {
    this.room(8);
    this.buf.writeDoubleLE(n, this.at);
    this.at += 8;
  }

  private str(s: string): void {
    // At most three bytes per UTF-16 unit (a surrogate pair is four bytes for two units).
    this.room(4 + s.length * 3);
    const n = this.buf.write(s, this.at + 4, 'utf8');
    this.buf.writeUInt32LE(n, this.at);
    this.at += 4 + n;
  }
}

/** The previous scan's records, as loaded: bytes, an index by folder, and the results. */
export class PackedRecords {
  /** Files of every record, for deciding how to re-scan (see scan.ts `planScan`). */
  readonly fileCount: number;

  private constructor(
    readonly bytes: Buffer,
    private readonly offsets: Map<string, number>,
    private readonly results: Map<string, RecordResults>,
    fileCount: number,
  ) {
    this.fileCount = fileCount;
  }

  /**
   * Indexes the concatenated records of one cache (every shard's bytes) after checking their
   * structure; undefined when any record is malformed or a folder appears twice.
   */
  static from(parts: readonly Uint8Array[]): PackedRecords | undefined {
    const bytes = parts.length === 1 ? Buffer.from(parts[0]!.buffer, parts[0]!.byteOffset, parts[0]!.byteLength) : Buffer.concat(parts);
    const offsets = new Map<string, number>();
    let fileCount = 0;
    let at = 0;
    while (at < bytes.length) {
      const files = checkRecord(bytes, at);
      if (files < 0) return undefined;
      const rel = readStr(bytes, at + 4);
      if (offsets.has(rel)) return undefined;
      offsets.set(rel, at);
      fileCount += files;
      at += bytes.readUInt32LE(at);
    }
    return new PackedRecords(bytes, offsets, new Map(), fileCount);
  }

  get size(): number {
    return this.offsets.size;
  }

  /** The offset of `rel`'s record, or undefined when the previous scan did not record it. */
  offsetOf(rel: string): number | undefined {
    return this.offsets.get(rel);
  }

  /** Every record's offset, in the order they were loaded. */
  allOffsets(): IterableIterator<number> {
    return this.offsets.values();
  }

  relAt(offset: number): string {
    return readStr(this.bytes, offset + 4);
  }

  resultsOf(rel: string): RecordResults | undefined {
    return this.results.get(rel);
  }

  /** Attaches loaded results to `rel`'s record; false when there is no such record. */
  addResults(rel: string, results: RecordResults): boolean {
    if (!this.offsets.has(rel)) return false;
    const list = this.results.get(rel);
    if (list) list.push(...results);
    else this.results.set(rel, results);
    return true;
  }

  /** The record at `offset` as a fresh object (see the module header). */
  decode(offset: number): DirRecord {
    const b = this.bytes;
    let at = offset + 4;
    const relLength = b.readUInt32LE(at);
    const rel = b.toString('utf8', at + 4, at + 4 + relLength);
    at += 4 + relLength;
    const mtimeMs = b.readDoubleLE(at);
    at += 8;
    const ignoreFiles: IgnoreFileRecord[] = [];
    for (let k = b.readUInt32LE((at += 4) - 4); k > 0; k--) {
      const name = readStr(b, at);
      at += 4 + b.readUInt32LE(at);
      const size = b.readDoubleLE(at);
      const fileMtime = b.readDoubleLE(at + 8);
      at += 16;
      const text = readStr(b, at);
      at += 4 + b.readUInt32LE(at);
      ignoreFiles.push({ name, size, mtimeMs: fileMtime, text });
    }
    const dirs: string[] = [];
    for (let k = b.readUInt32LE((at += 4) - 4); k > 0; k--) {
      dirs.push(readStr(b, at));
      at += 4 + b.readUInt32LE(at);
    }
    const n = b.readUInt32LE(at);
    at += 4;
    const names: string[] = new Array<string>(n);
    const sizes: number[] = new Array<number>(n);
    const mtimes: number[] = new Array<number>(n);
    const status: FileStatus[] = new Array<FileStatus>(n);
    for (let i = 0; i < n; i++) {
      const length = b.readUInt32LE(at);
      names[i] = b.toString('utf8', at + 4, at + 4 + length);
      at += 4 + length;
      sizes[i] = b.readDoubleLE(at);
      mtimes[i] = b.readDoubleLE(at + 8);
      status[i] = b[at + 16] as FileStatus;
      at += 17;
    }
    return { rel, mtimeMs, ignoreFiles, dirs, names, sizes, mtimes, status, results: this.results.get(rel) ?? [] };
  }
}

function readStr(b: Buffer, at: number): string {
  return b.toString('utf8', at + 4, at + 4 + b.readUInt32LE(at));
}

/**
 * Checks that the record at `at` is whole and well formed (lengths within it, fields ending
 * where it ends, statuses known); its file count, or -1. Runs once per folder at load: no
 * allocation.
 */
function checkRecord(b: Buffer, at: number): number {
  if (at + 4 > b.length) return -1;
  const end = at + b.readUInt32LE(at);
  if (end > b.length || end < at + 4) return -1;
  let p = at + 4;
  // Each step: a u32 must fit, then what it announces (a string's bytes) plus `fixed` bytes.
  const skipStr = (fixed: number): boolean => {
    if (p + 4 > end) return false;
    p += 4 + b.readUInt32LE(p) + fixed;
    return p <= end;
  };
  const count = (): number => {
    if (p + 4 > end) return -1;
    p += 4;
    return b.readUInt32LE(p - 4);
  };
  if (!skipStr(8)) return -1;
  const ignoreFiles = count();
  for (let k = 0; k < ignoreFiles; k++) if (!skipStr(16) || !skipStr(0)) return -1;
  const dirs = count();
  for (let k = 0; k < dirs; k++) if (!skipStr(0)) return -1;
  const files = count();
  for (let k = 0; k < files; k++) if (!skipStr(17) || b[p - 1]! > MAX_STATUS) return -1;
  return ignoreFiles < 0 || dirs < 0 || files < 0 || p !== end ? -1 : files;
}
