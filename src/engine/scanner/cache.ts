/**
 * The incremental scan cache: what each directory held and what each file yielded, keyed by
 * size and modification time, so a re-scan of an unchanged tree is a walk of `stat` calls.
 *
 * Layout of `cacheDir`: `scan-cache.json` (the manifest: format, key, shard file names) and one
 * `shard-*.bin` per worker of the run that wrote it (its directory records as packed bytes, then
 * their items `v8.serialize`d; see `SHARD_MAGIC`), plus one of the files the calling thread
 * parsed for them (their items; see `ParsedFile`). Workers load every shard (directories are
 * handed out differently each run) and write their own, so no thread serialises the whole cache. Every file is written to a temporary
 * name and renamed; the manifest is renamed last, so a reader sees an old or a new cache, never a
 * mix. Anything unreadable, of another format or of another key reads as "no cache".
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import type { DebtItem, Problem } from '../model';
import { PackedRecords, RecordWriter, type PackedShard, type RecordResults, type WalkRecord } from './packedRecords';

/** Bumped whenever the record layout changes. */
export const CACHE_FORMAT = 5;

const MANIFEST = 'scan-cache.json';

/** What became of a file the walk accepted. */
export const FileStatus = {
  /** Read and parsed (possibly with no items). */
  scanned: 0,
  binary: 1,
  tooLarge: 2,
  minified: 3,
  unreadable: 4,
  unknownLanguage: 5,
  /** A FIFO, socket or device: never opened (opening a FIFO blocks until a writer comes). */
  special: 6,
} as const;
export type FileStatus = (typeof FileStatus)[keyof typeof FileStatus];

/**
 * Why the walk did not read an accepted file, or could not list a folder (`unreadable-folder`).
 * Files of unknown language are not listed: they are many, and known from their name alone.
 */
/** `ignored` and `excluded`: a path named to the scan that ignore files or `scan.include`/`scan.exclude` leave out. */
export type SkipReason = 'binary' | 'too-large' | 'minified' | 'unreadable' | 'special' | 'unreadable-folder' | 'ignored' | 'excluded';

/** The items and problems of one file, or why it was not read. */
export interface FileResult {
  file: string;
  items: DebtItem[];
  problems: Problem[];
  /** Set when the file (or folder) was not read: the scan lists it in `ScanResult.skipped`. */
  skipped?: SkipReason;
}

/** One ignore file of a directory, with the stat data that proves it unchanged. */
export interface IgnoreFileRecord {
  name: string;
  size: number;
  mtimeMs: number;
  text: string;
}

/**
 * One directory as the last scan saw it. `mtimeMs` is -1 when it was too recent to trust (a
 * change in the same clock tick would go unnoticed); likewise for a file's entry in `mtimes`.
 */
export interface DirRecord {
  /** Root-relative path, `''` for the root. */
  rel: string;
  mtimeMs: number;
  ignoreFiles: IgnoreFileRecord[];
  /** Subdirectories the walk descended into (after ignore rules and globs). */
  dirs: string[];
  /** Files the walk accepted, with their size, mtime and status at the same index. */
  names: string[];
  sizes: number[];
  mtimes: number[];
  status: FileStatus[];
  /** Index into `names` → items and problems, for files that had any. */
  results: Array<[number, DebtItem[], Problem[]]>;
}

/**
 * A file a walker recorded as read (status `scanned`, no results) and left to the calling thread
 * to parse, with what that found: [root-relative path, items, problems]. Only files with items or
 * problems are listed.
 */
export type ParsedFile = [file: string, items: DebtItem[], problems: Problem[]];

/** What follows a shard's record bytes, `v8.serialize`d. */
interface ShardMeta {
  key: string;
  /** Items and problems of the shard's records' files, by folder. */
  results: PackedShard['results'];
  /** Results for other shards' records (see {@link ParsedFile}), applied once every shard is loaded. */
  parsed?: ParsedFile[];
}

/**
 * A shard file begins with `PDSH`, the cache format and the length of its record bytes (both
 * 32-bit little-endian), then those bytes (packedRecords.ts), then its {@link ShardMeta}. The
 * bytes are read straight into the one buffer that holds every shard's records: a cache is not
 * held two or three times over while it loads.
 */
const SHARD_MAGIC = 0x48534450; // "PDSH" read little-endian
const SHARD_HEAD = 12;

interface Manifest {
  format: number;
  key: string;
  shards: string[];
}

/** A stable hash of everything that shapes a scan's results besides the files themselves. */
export function cacheKey(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** The shard files of a valid cache for `key`, or undefined when there is none (never throws). */
export async function readManifest(cacheDir: string, key: string): Promise<string[] | undefined> {
  try {
    const manifest = JSON.parse(await fs.promises.readFile(path.join(cacheDir, MANIFEST), 'utf8')) as Partial<Manifest>;
    if (manifest.format !== CACHE_FORMAT || manifest.key !== key || !Array.isArray(manifest.shards)) return undefined;
    if (!manifest.shards.every((s) => typeof s === 'string' && /^shard-[\w-]+\.bin$/.test(s))) return undefined;
    return manifest.shards.map((s) => path.join(cacheDir, s));
  } catch {
    return undefined;
  }
}

/** True when `cacheDir` holds a manifest (of any key): a quick guess that a scan there is a re-scan. */
export function hasManifest(cacheDir: string): boolean {
  return fs.existsSync(path.join(cacheDir, MANIFEST));
}

/**
 * Loads shards into one set of packed records. Any unreadable or malformed shard makes the whole
 * cache read as none (undefined): a cold scan is always correct, a half-trusted cache might not be.
 */
export function loadShards(files: readonly string[], key: string): PackedRecords | undefined {
  const fds: number[] = [];
  try {
    const head = Buffer.alloc(SHARD_HEAD);
    const shards: { fd: number; size: number; records: number }[] = [];
    let total = 0;
    for (const file of files) {
      const fd = fs.openSync(file, 'r');
      fds.push(fd);
      const size = fs.fstatSync(fd).size;
      if (!readFully(fd, head, 0, SHARD_HEAD, 0) || head.readUInt32LE(0) !== SHARD_MAGIC || head.readUInt32LE(4) !== CACHE_FORMAT) return undefined;
      const records = head.readUInt32LE(8);
      if (SHARD_HEAD + records > size) return undefined;
      shards.push({ fd, size, records });
      total += records;
    }
    const bytes = Buffer.allocUnsafeSlow(total);
    const results: PackedShard['results'] = [];
    const parsed: ParsedFile[] = [];
    let at = 0;
    for (const shard of shards) {
      if (!readFully(shard.fd, bytes, at, shard.records, SHARD_HEAD)) return undefined;
      at += shard.records;
      const metaBytes = Buffer.allocUnsafe(shard.size - SHARD_HEAD - shard.records);
      if (!readFully(shard.fd, metaBytes, 0, metaBytes.length, SHARD_HEAD + shard.records)) return undefined;
      const meta = v8.deserialize(metaBytes) as Partial<ShardMeta>;
      if (meta.key !== key || !Array.isArray(meta.results) || !meta.results.every(isFolderResults)) return undefined;
      for (const entry of meta.results) results.push(entry);
      if (meta.parsed !== undefined) {
        if (!Array.isArray(meta.parsed) || !meta.parsed.every(isParsedFile)) return undefined;
        for (const entry of meta.parsed) parsed.push(entry);
      }
    }
    const records = PackedRecords.from([bytes]);
    if (!records) return undefined;
    // Results only for files a record holds as read, else the shards do not belong together.
    // Each folder with results is decoded once here (they are few: folders with tagged files).
    const decoded = new Map<string, DirRecord | undefined>();
    const recordOf = (rel: string): DirRecord | undefined => {
      if (!decoded.has(rel)) {
        const offset = records.offsetOf(rel);
        decoded.set(rel, offset === undefined ? undefined : records.decode(offset));
      }
      return decoded.get(rel);
    };
    const read = (record: DirRecord | undefined, index: number): boolean => record !== undefined && index >= 0 && index < record.names.length && record.status[index] === FileStatus.scanned;
    for (const [rel, list] of results) {
      const record = recordOf(rel);
      if (!list.every(([index]) => read(record, index)) || !records.addResults(rel, list)) return undefined;
    }
    for (const [file, items, problems] of parsed) {
      const slash = file.lastIndexOf('/');
      const rel = slash < 0 ? '' : file.slice(0, slash);
      const record = recordOf(rel);
      const index = record ? record.names.indexOf(file.slice(slash + 1)) : -1;
      if (!read(record, index) || !records.addResults(rel, [[index, items, problems]])) return undefined;
    }
    return records;
  } catch {
    return undefined;
  } finally {
    for (const fd of fds) fs.closeSync(fd);
  }
}

/** Reads `length` bytes at `position` of `fd` into `into` at `at`; false when the file ends first. */
function readFully(fd: number, into: Uint8Array, at: number, length: number, position: number): boolean {
  for (let done = 0; done < length; ) {
    const read = fs.readSync(fd, into, at + done, length - done, position + done);
    if (read === 0) return false;
    done += read;
  }
  return true;
}

function isParsedFile(p: unknown): p is ParsedFile {
  return Array.isArray(p) && p.length === 3 && typeof p[0] === 'string' && Array.isArray(p[1]) && Array.isArray(p[2]);
}

function isFolderResults(entry: unknown): entry is [string, RecordResults] {
  return (
    Array.isArray(entry) &&
    entry.length === 2 &&
    typeof entry[0] === 'string' &&
    Array.isArray(entry[1]) &&
    (entry[1] as unknown[]).every((r) => Array.isArray(r) && r.length === 3 && Number.isInteger(r[0]) && Array.isArray(r[1]) && Array.isArray(r[2]))
  );
}

const SUMMARY = 'scan-summary.bin';

/**
 * The outcome of a whole-tree re-scan that found the cache exact (nothing listed, nothing read)
 * and had git vouch for its files, with what proves the tree still the same: the git index's
 * checksum and the paths `git status` listed then, every folder's mtime and ignore files, and
 * the stat data of the files git did not vouch for (untracked ones, say). While all of that
 * holds, the next re-scan returns `items`, `problems` and `stats` without loading the shards.
 */
export interface ScanSummary {
  format: number;
  key: string;
  /** The manifest's shard names it was taken with: a newer cache makes it stale. */
  shards: string[];
  indexChecksum: string;
  listed: string[];
  /** Root-relative folder, its mtime, and its ignore files as [name, size, mtime]. */
  dirs: Array<[string, number, Array<[string, number, number]>]>;
  /** Root-relative files checked with a `stat`: [path, size, mtime]. */
  files: Array<[string, number, number]>;
  items: DebtItem[];
  problems: Problem[];
  /** The result's `skipped` list (see `ScanResult.skipped`). */
  skipped: unknown[];
  stats: unknown;
}

/** The summary of `cacheDir` for `key` and these shards, or undefined (never throws). */
export function readSummary(cacheDir: string, key: string, shards: readonly string[]): ScanSummary | undefined {
  try {
    const summary = v8.deserialize(fs.readFileSync(path.join(cacheDir, SUMMARY))) as Partial<ScanSummary>;
    if (summary.format !== CACHE_FORMAT || summary.key !== key || typeof summary.indexChecksum !== 'string') return undefined;
    const names = shards.map((s) => path.basename(s));
    if (!Array.isArray(summary.shards) || summary.shards.length !== names.length || summary.shards.some((s, i) => s !== names[i])) return undefined;
    if (![summary.listed, summary.dirs, summary.files, summary.items, summary.problems, summary.skipped].every(Array.isArray)) return undefined;
    return summary as ScanSummary;
  } catch {
    return undefined;
  }
}

/** Writes the summary atomically; false when it cannot. */
export function writeSummary(cacheDir: string, summary: ScanSummary): boolean {
  return writeAtomic(path.join(cacheDir, SUMMARY), v8.serialize(summary));
}

/** A fresh, unique shard file name in `cacheDir`. */
export function newShardPath(cacheDir: string, index: number): string {
  const id = `${Date.now().toString(36)}-${process.pid.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  return path.join(cacheDir, `shard-${id}-${index}.bin`);
}

/**
 * Writes a shard atomically. Returns false (and leaves nothing behind) when it cannot. Kept
 * records are copied from `previous`, the records they were kept from.
 */
export function writeShard(file: string, key: string, records: readonly WalkRecord[], previous?: PackedRecords, parsed?: ParsedFile[]): boolean {
  const writer = new RecordWriter(previous);
  for (const record of records) writer.add(record);
  return writePackedShard(file, key, writer.finish(), parsed);
}

/** {@link writeShard} of records packed already. */
export function writePackedShard(file: string, key: string, packed: PackedShard, parsed?: ParsedFile[]): boolean {
  const meta: ShardMeta = { key, results: packed.results };
  if (parsed !== undefined) meta.parsed = parsed;
  const head = Buffer.alloc(SHARD_HEAD);
  head.writeUInt32LE(SHARD_MAGIC, 0);
  head.writeUInt32LE(CACHE_FORMAT, 4);
  head.writeUInt32LE(packed.bytes.length, 8);
  return writeAtomic(file, [head, packed.bytes, v8.serialize(meta)]);
}

/**
 * Makes `shards` the cache of `cacheDir` and removes shards no manifest names any more (older
 * than a minute, so a concurrent scan's fresh shards survive until its own manifest lands).
 */
export function writeManifest(cacheDir: string, key: string, shards: readonly string[]): boolean {
  const manifest: Manifest = { format: CACHE_FORMAT, key, shards: shards.map((s) => path.basename(s)) };
  if (!writeAtomic(path.join(cacheDir, MANIFEST), Buffer.from(JSON.stringify(manifest)))) return false;
  const keep = new Set(manifest.shards);
  try {
    const cutoff = Date.now() - 60_000;
    for (const name of fs.readdirSync(cacheDir)) {
      if (!/^shard-.*\.bin(\.tmp-\w+)?$/.test(name) || keep.has(name)) continue;
      const file = path.join(cacheDir, name);
      const st = fs.statSync(file, { throwIfNoEntry: false });
      if (st && st.mtimeMs < cutoff) fs.rmSync(file, { force: true });
    }
  } catch {
    // Stale shards only cost disk space.
  }
  return true;
}

function writeAtomic(file: string, data: Uint8Array | readonly Uint8Array[]): boolean {
  const tmp = `${file}.tmp-${Math.random().toString(36).slice(2, 10)}`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const fd = fs.openSync(tmp, 'w');
    try {
      for (const part of data instanceof Uint8Array ? [data] : data) {
        for (let done = 0; done < part.length; ) done += fs.writeSync(fd, part, done, part.length - done);
      }
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
    return true;
  } catch {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // `force` forgives only a missing temp: a cache folder that is a file (ENOTDIR) is no cache.
    }
    return false;
  }
}
