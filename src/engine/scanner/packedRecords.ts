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
 *   read never goes out of bounds and a damaged shard reads as no cache;
 * - the bytes stay the one long-lived copy (off the JavaScript heap). A walk reads an unchanged
 *   folder's fields and files in place ({@link RecordFiles}), making strings only of the names
 *   it looks up or reports; it decodes a record ({@link PackedRecords.decode}, a fresh object
 *   that nothing else holds) only for a folder that changed;
 * - a folder the walk found unchanged is kept as its offset in the loaded bytes
 *   ({@link KeptRecord}) and written again by copying them.
 */
import type { DebtItem, Problem } from '../model';
import type { DirRecord, FileStatus, IgnoreFileRecord } from './cache';
import type { IndexEntries } from './gitIndex';

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

  /** The folder's mtime recorded at `offset`, read in place. */
  mtimeOf(offset: number): number {
    return this.bytes.readDoubleLE(offset + 8 + this.bytes.readUInt32LE(offset + 4));
  }

  /** The ignore files recorded at `offset` (a new array: most folders have none). */
  ignoreFilesOf(offset: number): IgnoreFileRecord[] {
    const b = this.bytes;
    let at = offset + 8 + b.readUInt32LE(offset + 4) + 8;
    const ignoreFiles: IgnoreFileRecord[] = [];
    for (let k = b.readUInt32LE((at += 4) - 4); k > 0; k--) {
      const name = readStr(b, at);
      at += 4 + b.readUInt32LE(at);
      const size = b.readDoubleLE(at);
      const mtimeMs = b.readDoubleLE(at + 8);
      at += 16;
      const text = readStr(b, at);
      at += 4 + b.readUInt32LE(at);
      ignoreFiles.push({ name, size, mtimeMs, text });
    }
    return ignoreFiles;
  }

  /** The subfolders recorded at `offset`. */
  dirsOf(offset: number): string[] {
    const b = this.bytes;
    let at = skipIgnoreFiles(b, offset);
    const dirs: string[] = [];
    for (let k = b.readUInt32LE((at += 4) - 4); k > 0; k--) {
      dirs.push(readStr(b, at));
      at += 4 + b.readUInt32LE(at);
    }
    return dirs;
  }

  /** The record at `offset` as a fresh object (see the module header). */
  decode(offset: number): DirRecord {
    const rel = this.relAt(offset);
    const names: string[] = [];
    const sizes: number[] = [];
    const mtimes: number[] = [];
    const status: FileStatus[] = [];
    const files = new RecordFiles().open(this, offset);
    while (files.next()) {
      names.push(files.name());
      sizes.push(files.size);
      mtimes.push(files.mtimeMs);
      status.push(files.status);
    }
    return { rel, mtimeMs: this.mtimeOf(offset), ignoreFiles: this.ignoreFilesOf(offset), dirs: this.dirsOf(offset), names, sizes, mtimes, status, results: this.results.get(rel) ?? [] };
  }
}

/**
 * One record's files in turn, read in place: its fields hold the current file's, and nothing is
 * allocated per file unless its name is asked for. A walk keeps one and opens it per folder.
 * It also runs over a record object, so that code taking both kinds reads them one way.
 */
export class RecordFiles {
  /** Index of the current file in its record. */
  index = -1;
  size = 0;
  mtimeMs = 0;
  status: FileStatus = 0;
  private bytes: Buffer = EMPTY;
  private at = 0;
  private nameStart = 0;
  private nameEnd = 0;
  private count = 0;
  private record: DirRecord | undefined;

  /** Starts on the record at `offset` of `records`. */
  open(records: PackedRecords, offset: number): this {
    const b = records.bytes;
    let at = skipIgnoreFiles(b, offset);
    for (let k = b.readUInt32LE((at += 4) - 4); k > 0; k--) at += 4 + b.readUInt32LE(at);
    this.bytes = b;
    this.count = b.readUInt32LE(at);
    this.at = at + 4;
    this.index = -1;
    this.record = undefined;
    return this;
  }

  /** Starts on a record object. */
  openRecord(record: DirRecord): this {
    this.record = record;
    this.count = record.names.length;
    this.index = -1;
    return this;
  }

  /** Moves to the next file; false after the last. */
  next(): boolean {
    if (this.index + 1 >= this.count) return false;
    const i = ++this.index;
    const record = this.record;
    if (record) {
      this.size = record.sizes[i]!;
      this.mtimeMs = record.mtimes[i]!;
      this.status = record.status[i]!;
      return true;
    }
    const b = this.bytes;
    const at = this.at;
    this.nameStart = at + 4;
    this.nameEnd = this.nameStart + b.readUInt32LE(at);
    this.size = b.readDoubleLE(this.nameEnd);
    this.mtimeMs = b.readDoubleLE(this.nameEnd + 8);
    this.status = b[this.nameEnd + 16] as FileStatus;
    this.at = this.nameEnd + 17;
    return true;
  }

  /** The current file's name (decoded on each call). */
  name(): string {
    return this.record ? this.record.names[this.index]! : this.bytes.toString('utf8', this.nameStart, this.nameEnd);
  }

  /** The current file's entry among git's entries of folder `folder` (see {@link IndexEntries.folderId}), or -1. */
  gitEntry(entries: IndexEntries, folder: number): number {
    return this.record ? entries.findIn(folder, this.record.names[this.index]!) : entries.findBytesIn(folder, this.bytes, this.nameStart, this.nameEnd);
  }
}

const EMPTY = Buffer.alloc(0);

/** Where the subfolder count of the record at `offset` is. */
function skipIgnoreFiles(b: Buffer, offset: number): number {
  let at = offset + 8 + b.readUInt32LE(offset + 4) + 8;
  for (let k = b.readUInt32LE((at += 4) - 4); k > 0; k--) {
    at += 4 + b.readUInt32LE(at) + 16;
    at += 4 + b.readUInt32LE(at);
  }
  return at;
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
  let p = skipStr(b, at + 4, end, 8);
  const ignoreFiles = count(b, p, end);
  if (ignoreFiles < 0) return -1;
  p += 4;
  for (let k = 0; k < ignoreFiles; k++) {
    p = skipStr(b, skipStr(b, p, end, 16), end, 0);
    if (p < 0) return -1;
  }
  const dirs = count(b, p, end);
  if (dirs < 0) return -1;
  p += 4;
  for (let k = 0; k < dirs; k++) {
    p = skipStr(b, p, end, 0);
    if (p < 0) return -1;
  }
  const files = count(b, p, end);
  if (files < 0) return -1;
  p += 4;
  for (let k = 0; k < files; k++) {
    p = skipStr(b, p, end, 17);
    if (p < 0 || b[p - 1]! > MAX_STATUS) return -1;
  }
  return p === end ? files : -1;
}

/** The position after a string at `p` (a u32 length, its bytes) and `fixed` more bytes, or -1 past `end`. */
function skipStr(b: Buffer, p: number, end: number, fixed: number): number {
  if (p < 0 || p + 4 > end) return -1;
  const after = p + 4 + b.readUInt32LE(p) + fixed;
  return after <= end ? after : -1;
}

/** The count (a u32) at `p`, or -1 when it does not fit before `end`. */
function count(b: Buffer, p: number, end: number): number {
  return p < 0 || p + 4 > end ? -1 : b.readUInt32LE(p);
}
