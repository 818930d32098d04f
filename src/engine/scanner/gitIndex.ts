/**
 * What git already knows about a working tree, so a re-scan can skip the `stat` of files git
 * has verified. `git status` (tracked files only) lists every tracked file whose content may
 * differ from its index entry; a tracked file it does not list has exactly the content of its
 * index entry (git checked its stat data or, when that changed or was racy, its bytes). If that
 * entry's size and mtime equal the ones the cache recorded for the path, the cached result
 * describes the file: the same proof a `stat` gives, without the `stat`.
 *
 * Only the simple, common case is trusted: the scan root is the top of a work tree with a `.git`
 * folder, the index is version 2–4 with SHA-1 ids and no split or sparse index, and the index
 * file did not change while git ran (another git command, or git's own refresh of stat data).
 * Entries flagged assume-unchanged or skip-worktree (git does not check those), of other
 * stages, links and submodules are left out. Any doubt gives `undefined`: the scan stats.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GitClient } from '../ports';

/** Tracked files git vouches for: their index entry's mtime and size at `at` (see {@link IndexEntries.find}). */
export interface GitClean {
  readonly entries: IndexEntries;
  /** How many files git vouches for. */
  readonly count: number;
  /** The index's trailing checksum (hex): equal checksums, equal index. */
  readonly checksum: string;
  /** The paths `git status` listed. */
  readonly listed: ReadonlySet<string>;
}

/** What a probe says without parsing the index: enough to tell that nothing moved since a scan. */
export interface GitQuick {
  readonly checksum: string;
  readonly listed: ReadonlySet<string>;
}

/**
 * The entries of a parsed index that a scan may trust, grouped by folder and, within a folder,
 * in git's byte order of their names. Held as a few flat arrays (names as UTF-8 bytes), not as
 * a map per folder: on a 110,000-file tree that is 6 MB of memory instead of 16 MB, and a
 * look-up is a binary search among one folder's names.
 */
export class IndexEntries {
  constructor(
    private readonly dirIds: ReadonlyMap<string, number>,
    /** Entries of folder `id` are `dirStart[id]` up to `dirStart[id + 1]`. */
    private readonly dirStart: Uint32Array,
    private readonly names: Buffer,
    /** Entry `at`'s name is `names[nameStart[at]]` up to `names[nameStart[at + 1]]`. */
    private readonly nameStart: Uint32Array,
    /** By entry; NaN once {@link forget} dropped it, so that no recorded mtime equals it. */
    readonly mtimeMs: Float64Array,
    readonly size: Float64Array,
  ) {}

  get count(): number {
    return this.mtimeMs.length;
  }

  /** The entry of file `name` in root-relative folder `dir` (`''` for the root), or -1. */
  find(dir: string, name: string): number {
    return this.findIn(this.folderId(dir), name);
  }

  /** The id of root-relative folder `dir` for {@link findIn}, or -1 when no entry is in it. */
  folderId(dir: string): number {
    return this.dirIds.get(dir) ?? -1;
  }

  /** The entry of file `name` in folder `folder` (an id from {@link folderId}), or -1. */
  findIn(folder: number, name: string): number {
    if (folder < 0) return -1;
    for (let k = 0; k < name.length; k++) {
      if (name.charCodeAt(k) >= 0x80) {
        const bytes = Buffer.from(name, 'utf8');
        return this.findBytesIn(folder, bytes, 0, bytes.length);
      }
    }
    let lo = this.dirStart[folder]!;
    let hi = this.dirStart[folder + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const order = this.compareAscii(mid, name);
      if (order === 0) return mid;
      if (order < 0) lo = mid + 1;
      else hi = mid;
    }
    return -1;
  }

  /** The entry of the file named by `bytes[start, end)` (UTF-8) in folder `folder`, or -1: no string made. */
  findBytesIn(folder: number, bytes: Uint8Array, start: number, end: number): number {
    if (folder < 0) return -1;
    let lo = this.dirStart[folder]!;
    let hi = this.dirStart[folder + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const order = this.compareBytes(mid, bytes, start, end);
      if (order === 0) return mid;
      if (order < 0) lo = mid + 1;
      else hi = mid;
    }
    return -1;
  }

  /** Drops the entry of root-relative `file` (one `git status` listed); false when there is none. */
  forget(file: string): boolean {
    const slash = file.lastIndexOf('/');
    const at = this.find(slash < 0 ? '' : file.slice(0, slash), file.slice(slash + 1));
    if (at < 0 || Number.isNaN(this.mtimeMs[at])) return false;
    this.mtimeMs[at] = NaN;
    return true;
  }

  /** Every entry not forgotten, as [folder, name, at] (for tests and diagnostics: it decodes every name). */
  *all(): Generator<[string, string, number]> {
    for (const [dir, id] of this.dirIds) {
      for (let at = this.dirStart[id]!; at < this.dirStart[id + 1]!; at++) {
        if (!Number.isNaN(this.mtimeMs[at])) yield [dir, this.names.toString('utf8', this.nameStart[at], this.nameStart[at + 1]), at];
      }
    }
  }

  /** Entry `at`'s name against an ASCII `name`, in byte order: negative when the entry sorts first. */
  private compareAscii(at: number, name: string): number {
    const start = this.nameStart[at]!;
    const length = this.nameStart[at + 1]! - start;
    const n = Math.min(length, name.length);
    for (let k = 0; k < n; k++) {
      const d = this.names[start + k]! - name.charCodeAt(k);
      if (d !== 0) return d;
    }
    return length - name.length;
  }

  /** Entry `at`'s name against the bytes `bytes[start, end)`, in byte order. */
  private compareBytes(at: number, bytes: Uint8Array, start: number, end: number): number {
    const names = this.names;
    const from = this.nameStart[at]!;
    const length = this.nameStart[at + 1]! - from;
    const n = Math.min(length, end - start);
    for (let k = 0; k < n; k++) {
      const d = names[from + k]! - bytes[start + k]!;
      if (d !== 0) return d;
    }
    return length - (end - start);
  }
}

const SHA1_BYTES = 20;
const ENTRY_FIXED = 62; // 10 stat words, id, flags
/** The fixed part, the extended flags and a version-4 prefix length: what tells an entry's length. */
const ENTRY_HEAD = ENTRY_FIXED + 2 + 5;
const FLAG_ASSUME_VALID = 0x8000;
const FLAG_EXTENDED = 0x4000;
const EXT_SKIP_WORKTREE = 0x4000;
const EXT_INTENT_TO_ADD = 0x2000;
const MODE_TYPE_MASK = 0o170000;
const MODE_REGULAR = 0o100000;
const NAME_LENGTH_MASK = 0xfff;
/** Bytes of the index file held at a time while it is parsed (it is 17 MB for 110,000 files). */
const INDEX_WINDOW = 256 * 1024;

function u32(buf: Buffer, at: number): number {
  return ((buf[at]! << 24) | (buf[at + 1]! << 16) | (buf[at + 2]! << 8) | buf[at + 3]!) >>> 0;
}

/**
 * The part of an index the parse is at: `buf[0, filled)` holds the file's bytes from `base`. The
 * parse moves forward only, so a refill keeps the bytes from the current entry on and reads on
 * from there; a buffer that already holds the whole index never refills.
 */
class IndexWindow {
  base = 0;

  constructor(
    public buf: Buffer,
    public filled: number,
    /** The index's length in bytes. */
    readonly size: number,
    private readonly fd = -1,
  ) {}

  static over(bytes: Buffer): IndexWindow {
    return new IndexWindow(bytes, bytes.length, bytes.length);
  }

  static ofFile(fd: number, size: number, windowBytes: number): IndexWindow {
    return new IndexWindow(Buffer.allocUnsafe(Math.max(1, Math.min(windowBytes, size))), 0, size, fd);
  }

  /** Makes the bytes [pos, pos + n) (up to the end of the index) available; false when they are not there. */
  reach(pos: number, n: number): boolean {
    const want = Math.min(pos + n, this.size);
    if (want <= this.base + this.filled) return true;
    if (this.fd < 0) return false;
    const kept = Math.max(0, this.base + this.filled - pos);
    if (want - pos > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.min(Math.max(2 * this.buf.length, want - pos), this.size - pos));
      this.buf.copy(grown, 0, this.filled - kept, this.filled);
      this.buf = grown;
    } else if (kept > 0) {
      this.buf.copyWithin(0, this.filled - kept, this.filled);
    }
    this.base = pos;
    this.filled = kept;
    const room = Math.min(this.buf.length, this.size - pos);
    while (this.filled < room) {
      const read = fs.readSync(this.fd, this.buf, this.filled, room - this.filled, pos + this.filled);
      if (read === 0) return false;
      this.filled += read;
    }
    return true;
  }

  /** The position of the first NUL at or after `from`, reading on as far as needed (`entry`: where the current entry starts); -1 when none before `end`. */
  nul(entry: number, from: number, end: number): number {
    for (;;) {
      const local = this.buf.indexOf(0, from - this.base);
      if (local >= 0 && local < this.filled) return this.base + local < end ? this.base + local : -1;
      if (this.base + this.filled >= end) return -1;
      if (!this.reach(entry, 2 * (this.base + this.filled - entry) + ENTRY_HEAD)) return -1;
    }
  }
}

/**
 * Parses a git index (versions 2, 3, 4) into the entries a scan may trust. Undefined for
 * anything unexpected: another version or hash size, a split or sparse index, a bad layout.
 */
export function parseGitIndex(bytes: Buffer): IndexEntries | undefined {
  return parseIndex(IndexWindow.over(bytes));
}

/** {@link parseGitIndex} of the index file open as `fd`, `size` bytes long, read `windowBytes` at a time. */
export function parseGitIndexFile(fd: number, size: number, windowBytes = INDEX_WINDOW): IndexEntries | undefined {
  return parseIndex(IndexWindow.ofFile(fd, size, windowBytes));
}

function parseIndex(win: IndexWindow): IndexEntries | undefined {
  if (win.size < 12 + SHA1_BYTES || !win.reach(0, 12) || win.buf.toString('latin1', 0, 4) !== 'DIRC') return undefined;
  const version = win.buf.readUInt32BE(4);
  if (version < 2 || version > 4) return undefined;
  const count = win.buf.readUInt32BE(8);
  const end = win.size - SHA1_BYTES;
  const dirIds = new Map<string, number>();
  let lastId = -1;
  // The folder part of the last kept path, to reuse its id while it repeats.
  let lastDir = Buffer.allocUnsafe(256);
  let lastDirLength = -1;
  // Version 4: the current full path (prefix of the previous one plus a suffix).
  let path4 = Buffer.allocUnsafe(256);
  let path4Length = 0;
  // In index order; grouped by folder at the end.
  const mtimeMs = new Float64Array(count);
  const size = new Float64Array(count);
  const dirOf = new Uint32Array(count);
  const nameBounds = new Uint32Array(count + 1);
  let names = Buffer.allocUnsafe(Math.max(256, count * 16));
  let namesLength = 0;
  let kept = 0;
  // `pos` is the file's offset; `at` the same byte in `buf` (`pos - win.base`).
  let pos = 12;
  for (let i = 0; i < count; i++) {
    if (pos + ENTRY_FIXED > end || !win.reach(pos, ENTRY_HEAD)) return undefined;
    let buf = win.buf;
    let at = pos - win.base;
    const sec = u32(buf, at + 8);
    const nsec = u32(buf, at + 12);
    const mode = u32(buf, at + 24);
    const fileSize = u32(buf, at + 36);
    const flags = (buf[at + 60]! << 8) | buf[at + 61]!;
    let head = ENTRY_FIXED;
    let extended = 0;
    if (flags & FLAG_EXTENDED) {
      if (version < 3 || pos + head + 2 > end) return undefined;
      extended = (buf[at + head]! << 8) | buf[at + head + 1]!;
      head += 2;
    }
    let src: Buffer;
    let nameStart: number;
    let nameEnd: number;
    if (version === 4) {
      // Prefix compression: drop this many bytes from the previous path, then a NUL-ended suffix.
      let c = buf[at + head++]!;
      let strip = c & 127;
      while (c & 128) {
        if (pos + head >= end || head >= ENTRY_HEAD) return undefined;
        c = buf[at + head++]!;
        strip = ((strip + 1) << 7) | (c & 127);
      }
      if (strip > path4Length) return undefined;
      const nul = win.nul(pos, pos + head, end);
      if (nul < 0) return undefined;
      buf = win.buf;
      at = pos - win.base;
      const keep = path4Length - strip;
      const suffix = nul - pos - head;
      if (keep + suffix > path4.length) {
        const grown = Buffer.allocUnsafe(2 * (keep + suffix));
        path4.copy(grown, 0, 0, keep);
        path4 = grown;
      }
      buf.copy(path4, keep, at + head, at + head + suffix);
      path4Length = keep + suffix;
      src = path4;
      nameStart = 0;
      nameEnd = path4Length;
      pos = nul + 1;
    } else {
      // The flags hold the name's length below 0xfff: no search for its end then.
      const length = flags & NAME_LENGTH_MASK;
      const nul = length < NAME_LENGTH_MASK ? pos + head + length : win.nul(pos, pos + head, end);
      // Entries are padded with NULs to a multiple of 8 bytes (1–8 of them).
      const next = pos + ((nul - pos + 8) & ~7);
      if (nul < 0 || nul >= end || next > end || !win.reach(pos, next - pos)) return undefined;
      buf = win.buf;
      at = pos - win.base;
      if (buf[at + nul - pos] !== 0) return undefined;
      src = buf;
      nameStart = at + head;
      nameEnd = at + nul - pos;
      pos = next;
    }
    const stage = (flags >> 12) & 3;
    if ((mode & MODE_TYPE_MASK) === 0o040000) return undefined; // a sparse-index folder entry
    if (stage !== 0 || flags & FLAG_ASSUME_VALID || extended & (EXT_SKIP_WORKTREE | EXT_INTENT_TO_ADD)) continue;
    if ((mode & MODE_TYPE_MASK) !== MODE_REGULAR) continue;
    let slash = nameEnd - 1;
    while (slash >= nameStart && src[slash] !== 0x2f) slash--;
    const dirLength = slash >= nameStart ? slash - nameStart : 0;
    let same = lastId >= 0 && dirLength === lastDirLength;
    for (let k = dirLength - 1; same && k >= 0; k--) same = src[nameStart + k] === lastDir[k];
    if (!same) {
      const dir = src.toString('utf8', nameStart, nameStart + dirLength);
      lastId = dirIds.get(dir) ?? -1;
      if (lastId < 0) dirIds.set(dir, (lastId = dirIds.size));
      if (dirLength > lastDir.length) lastDir = Buffer.allocUnsafe(2 * dirLength);
      copyBytes(src, nameStart, nameStart + dirLength, lastDir, 0);
      lastDirLength = dirLength;
    }
    const from = slash >= nameStart ? slash + 1 : nameStart;
    if (namesLength + nameEnd - from > names.length) {
      const grown = Buffer.allocUnsafe(2 * (namesLength + nameEnd - from));
      names.copy(grown, 0, 0, namesLength);
      names = grown;
    }
    namesLength += copyBytes(src, from, nameEnd, names, namesLength);
    nameBounds[kept + 1] = namesLength;
    dirOf[kept] = lastId;
    // Node's own formula for Stats#mtimeMs, so equal times compare equal.
    mtimeMs[kept] = sec * 1e3 + nsec / 1e6;
    size[kept] = fileSize;
    kept++;
  }
  // Extensions: a 4-byte signature and a 4-byte length each, up to the trailing checksum.
  while (pos < end) {
    if (pos + 8 > end || !win.reach(pos, 8)) return undefined;
    const at = pos - win.base;
    const signature = win.buf.toString('latin1', at, at + 4);
    if (signature === 'link' || signature === 'sdir') return undefined;
    pos += 8 + win.buf.readUInt32BE(at + 4);
  }
  if (pos !== end) return undefined;
  return groupByFolder(dirIds, dirOf, names, nameBounds, mtimeMs, size, kept);
}

/**
 * The first `kept` entries (in index order) regrouped by folder: a stable counting sort on the
 * folder id, so each folder's names stay in git's order (a folder's own files sort among
 * themselves as their names do).
 */
function groupByFolder(dirIds: Map<string, number>, dirOf: Uint32Array, names: Buffer, nameStart: Uint32Array, mtimeMs: Float64Array, size: Float64Array, kept: number): IndexEntries {
  const dirStart = new Uint32Array(dirIds.size + 1);
  for (let i = 0; i < kept; i++) dirStart[dirOf[i]! + 1] = dirStart[dirOf[i]! + 1]! + 1;
  for (let d = 0; d < dirIds.size; d++) dirStart[d + 1] = dirStart[d + 1]! + dirStart[d]!;
  const next = dirStart.slice(0, dirIds.size);
  const order = new Uint32Array(kept);
  for (let i = 0; i < kept; i++) {
    const d = dirOf[i]!;
    order[next[d]!] = i;
    next[d] = next[d]! + 1;
  }
  const groupedStart = new Uint32Array(kept + 1);
  const groupedNames = Buffer.allocUnsafe(nameStart[kept]!);
  const groupedMtime = new Float64Array(kept);
  const groupedSize = new Float64Array(kept);
  let at = 0;
  for (let j = 0; j < kept; j++) {
    const i = order[j]!;
    at += copyBytes(names, nameStart[i]!, nameStart[i + 1]!, groupedNames, at);
    groupedStart[j + 1] = at;
    groupedMtime[j] = mtimeMs[i]!;
    groupedSize[j] = size[i]!;
  }
  return new IndexEntries(dirIds, dirStart, groupedNames, groupedStart, groupedMtime, groupedSize);
}

/**
 * Copies `src[from, to)` into `dst` at `at`; the byte count. A loop, not `Buffer#copy`: for
 * names of a few dozen bytes, a call into Node's copy costs more than the bytes.
 */
function copyBytes(src: Uint8Array, from: number, to: number, dst: Uint8Array, at: number): number {
  for (let k = from; k < to; k++) dst[at + k - from] = src[k]!;
  return to - from;
}

/**
 * Paths `git status --porcelain=v2 -z` lists (changed, staged, unmerged, and both names of a
 * rename). Undefined when the output is not understood.
 */
export function parseStatusPaths(out: string): Set<string> | undefined {
  const listed = new Set<string>();
  const fields = out.split('\0');
  for (let i = 0; i < fields.length; i++) {
    const record = fields[i]!;
    if (record === '') continue;
    const type = record[0];
    // The path follows a fixed number of space-separated fields (it may hold spaces itself).
    const before = type === '1' ? 8 : type === '2' ? 9 : type === 'u' ? 10 : type === '?' || type === '!' ? 1 : type === '#' ? -1 : undefined;
    if (before === undefined) return undefined;
    if (before < 0) continue;
    let at = 0;
    for (let k = 0; k < before; k++) {
      at = record.indexOf(' ', at) + 1;
      if (at === 0) return undefined;
    }
    listed.add(record.slice(at));
    if (type === '2') {
      const original = fields[++i];
      if (original === undefined) return undefined;
      listed.add(original);
    }
  }
  return listed;
}

interface IndexStamp {
  ino: number;
  size: number;
  mtimeMs: number;
}

function stampOf(st: fs.Stats): IndexStamp {
  return { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs };
}

function sameStamp(a: IndexStamp | undefined, b: IndexStamp | undefined): boolean {
  return !!a && !!b && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

/** A git probe under way: `git status` runs in its own process while the caller does other work. */
export interface GitProbe {
  /** Resolves to git's verdict, or undefined when it cannot be trusted. Never rejects. */
  result(): Promise<GitClean | undefined>;
  /** The index checksum and the listed paths, without parsing the index (undefined: untrusted). Never rejects. */
  quick(): Promise<GitQuick | undefined>;
}

/**
 * The hex checksum at the end of the index open as `fd` (`size` bytes); undefined when absent (an
 * index written with `index.skipHash`) or unreadable.
 */
function checksumOf(fd: number, size: number): string | undefined {
  const tail = Buffer.alloc(SHA1_BYTES);
  if (size < 12 + SHA1_BYTES || fs.readSync(fd, tail, 0, SHA1_BYTES, size - SHA1_BYTES) !== SHA1_BYTES) return undefined;
  return tail.every((b) => b === 0) ? undefined : tail.toString('hex');
}

/** Whether `root` is the top of a plain git work tree (a `.git` folder) that `git` runs in: where a probe can run. */
export function isGitWorkTreeRoot(root: string, git: GitClient): boolean {
  if (path.resolve(git.cwd) !== root) return false;
  try {
    return fs.statSync(path.join(root, '.git')).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Starts `git status` (through `git`, whose folder must be `root`) for the work tree at `root`
 * (which must hold a `.git` folder). Returns undefined at once when there is no such repository.
 * The index is read while git runs.
 */
export function startGitProbe(root: string, git: GitClient): GitProbe | undefined {
  if (!isGitWorkTreeRoot(root, git)) return undefined;
  const indexFile = path.join(root, '.git', 'index');
  let before: IndexStamp;
  try {
    before = stampOf(fs.statSync(indexFile));
  } catch {
    return undefined;
  }
  // Git's own checks at full strength: stat data compared in full, no file-system monitor or
  // assume-unchanged shortcuts, nothing to prompt for. Any failure: nothing is trusted.
  const status = git
    .run(['-c', 'core.checkStat=default', '-c', 'core.trustctime=true', '-c', 'core.ignoreStat=false', '-c', 'core.fsmonitor=false', '--no-optional-locks', 'status', '--porcelain=v2', '-z', '--untracked-files=no', '--no-renames', '--ignore-submodules=none'])
    .then((out) => out.stdout, () => undefined);
  let entries: IndexEntries | undefined;
  let read: IndexStamp | undefined;
  let checksum: string | undefined;
  const readTrailer = (): void => {
    try {
      const fd = fs.openSync(indexFile, 'r');
      try {
        read = stampOf(fs.fstatSync(fd));
        checksum = checksumOf(fd, read.size);
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      checksum = undefined;
    }
  };
  /** git's output, once the index read (`read`) is known to be the one git compared against. */
  const settled = async (): Promise<Set<string> | undefined> => {
    const out = await status;
    if (out === undefined) return undefined;
    let after: IndexStamp | undefined;
    try {
      after = stampOf(fs.statSync(indexFile));
    } catch {
      return undefined;
    }
    // The index we read must be the one git compared against, unchanged throughout.
    if (!sameStamp(before, read) || !sameStamp(read, after)) return undefined;
    return parseStatusPaths(out);
  };
  const readIndex = (): void => {
    try {
      const fd = fs.openSync(indexFile, 'r');
      try {
        read = stampOf(fs.fstatSync(fd));
        entries = parseGitIndexFile(fd, read.size);
        checksum = entries && checksumOf(fd, read.size);
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      entries = undefined;
    }
  };
  return {
    async result() {
      readIndex();
      const listed = await settled();
      if (!listed || !entries || checksum === undefined) return undefined;
      let count = entries.count;
      for (const p of listed) if (entries.forget(p)) count--;
      return { entries, count, checksum, listed };
    },
    async quick() {
      readTrailer();
      const listed = await settled();
      return listed && checksum !== undefined ? { checksum, listed } : undefined;
    },
  };
}
