/**
 * The walker: the hot loop of a workspace scan, run on a worker thread (or, for tiny trees and
 * tests, on the calling thread). It takes directory tasks, lists each directory, applies the
 * ignore rules, and reads every accepted file with synchronous calls into one reused buffer;
 * a byte prefilter decides whether the file is decoded and parsed at all. Subdirectories go on
 * a local stack that the pool can ask to share with idle workers.
 *
 * Symbolic links are not followed, to files or to folders (ripgrep's default): a link loop
 * cannot hang the walk and a linked file is not reported twice. A link given explicitly in
 * `paths` is followed.
 *
 * With a previous cache, a directory whose mtime and ignore files are unchanged reuses its
 * listing without `readdir` and without evaluating ignore rules; each file is `stat`ed and its
 * items reused when its size and mtime match.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnnotationOptions, Problem } from '../model';
import { FileStatus, type DirRecord, type FileResult, type IgnoreFileRecord, type SkipReason } from './cache';
import { decodeText, detectEncoding, hasMinifiedName, hasUtf16Bom, isWideEncoding, looksBinary, looksMinified, type TextEncoding } from './decode';
import { prepareAnnotationOptions, scanDocument } from './document';
import type { CompiledAnnotationOptions } from './grammar';
import type { GitClean } from './gitIndex';
import { RecordFiles, type PackedRecords, type RecordResults, type WalkRecord } from './packedRecords';
import { folderRules, GlobFilter, IGNORE_FILE_NAMES, isDirIgnored, isFileIgnored, isIgnored, makeLevel, plansFor, subfolderRules, warmUpIgnoreRules, withLevel, type FolderRules, type IgnoreChain, type IgnorePlans } from './ignoreRules';

/**
 * Folders that never hold debt: git's own, Paydown's (ledger item files, config), and Jupyter's
 * autosaved copies of the notebooks beside them (each item would be listed twice).
 */
export const NEVER_SCANNED_DIRS: ReadonlySet<string> = new Set(['.git', '.paydown', '.ipynb_checkpoints']);
import { languageMapOf, type LanguageMap } from './languageMap';
import { fileSizeLimit, languageForFile, supportedLanguages } from './languages';
import { mayHoldTodoDirectiveByName, mayHoldTodoDirectives } from './todoDirective';
import { placeholderBytes, placeholderBytesForName, readsPlaceholders } from './codeTodos';

/** The file-system calls the walker makes; tests inject failures through it. */
export interface WalkIo {
  readdirSync(dir: string, options: { withFileTypes: true }): fs.Dirent[];
  openSync(file: string, flags: 'r'): number;
  fstatSync(fd: number): fs.Stats;
  readSync(fd: number, buffer: Buffer, offset: number, length: number, position: number): number;
  closeSync(fd: number): void;
  statSync(file: string): fs.Stats;
  readFileSync(file: string, encoding: 'utf8'): string;
}

/** Node's file system, synchronous: per-call overhead is what a scan of 100k files pays for. */
// Taken once: a bundler's namespace import reads each function through a getter on every call.
const { readdirSync, openSync, fstatSync, readSync, closeSync, statSync, readFileSync } = fs;
export const nodeIo: WalkIo = {
  readdirSync: (dir, options) => readdirSync(dir, options),
  openSync: (file, flags) => openSync(file, flags),
  fstatSync: (fd) => fstatSync(fd),
  readSync: (fd, buffer, offset, length, position) => readSync(fd, buffer, offset, length, position),
  closeSync: (fd) => closeSync(fd),
  statSync: (file) => statSync(file),
  readFileSync: (file, encoding) => readFileSync(file, encoding),
};

/** Everything a walker needs to know; plain data, so it can be posted to a worker. */
export interface WalkConfig {
  root: string;
  annotations: AnnotationOptions;
  include: string[];
  exclude: string[];
  maxFileSize: number;
  /** Keep directory records for the next run's cache. */
  record: boolean;
  /** Files and folders modified at or after this time (ms) are recorded as untrusted. */
  racyAfterMs: number;
  /** `root` as files are opened (see `ScanOptions.workingDirectory`; `''` is the working directory); `root` when absent. */
  openRoot?: string;
  /** Only list the accepted files, read nothing (tests, `listFiles`). */
  listOnly?: boolean;
  /**
   * Hand the files that may hold a tag to the owner (`deferred`) instead of parsing them, so
   * that one thread parses them all: the lexer then warms up and is compiled once, not once per
   * worker. With `record`, such a file is recorded as read without results: the owner keeps
   * what it finds in a shard of its own (cache.ts `ParsedFile`).
   */
  deferParse?: boolean;
}

/**
 * A file that may hold a tag, read but not parsed (see `WalkConfig.deferParse`). A small one's
 * bytes travel with it (in its batch's `bytes`); the owner reads a large one again
 * ({@link CandidateReader}), so that large files' bytes neither travel between threads nor wait
 * in memory for the parser.
 */
export interface Candidate {
  file: string;
  /** How many bytes the walker read: a re-read of another length is classified again. */
  size: number;
  encoding: TextEncoding;
  /** Where its bytes start in the batch's `bytes`, or -1 (a large file: read it again). */
  start: number;
}

/** Candidates, and the bytes of the small ones in one buffer of its own (moved between threads in one piece). */
export interface Candidates {
  list: Candidate[];
  bytes: Uint8Array | null;
}

/** Candidates of at least this many bytes are read again by the parser instead of travelling. */
export const LARGE_CANDIDATE = 16 * 1024;
const DEFER_BUFFER = 64 * 1024;

/** A unit of work: a folder to walk, or a single file named in `paths`. */
export interface WalkTask {
  /** Root-relative path, `''` for the root. */
  rel: string;
  kind: 'dir' | 'file';
  /** Rules of the folders above `rel` (a folder's own ignore files are read when it is walked). */
  chain: IgnoreChain;
  /** An ignore file above changed since the cache was written: cached listings below are stale. */
  dirty: boolean;
  /** What `chain` says about `rel`, when the walker that listed its parent worked it out (never sent between threads). */
  rules: FolderRules | undefined;
}

/** Running totals of one walker. */
export interface WalkCounters {
  files: number;
  filesRead: number;
  filesFromCache: number;
  binary: number;
  tooLarge: number;
  minified: number;
  unreadable: number;
  unknownLanguage: number;
  /** FIFOs, sockets and devices: never opened. */
  special: number;
  items: number;
  problems: number;
  /** Directories listed and files read: zero when the cache described the tree exactly. */
  changes: number;
}

/** A fresh set of zeroed counters. */
export function emptyCounters(): WalkCounters {
  return { files: 0, filesRead: 0, filesFromCache: 0, binary: 0, tooLarge: 0, minified: 0, unreadable: 0, unknownLanguage: 0, special: 0, items: 0, problems: 0, changes: 0 };
}

/**
 * The paths a scan opens its files by: the root's own, or, when the caller keeps the process's
 * working directory where it is for the whole scan (`ScanOptions.workingDirectory`), paths
 * relative to it. The kernel resolves a path folder by folder, so a file opened as
 * `src/a.ts` costs fewer steps than as `/home/me/projects/app/src/a.ts`.
 */
export class RootPaths {
  private readonly dir: string;
  private readonly prefix: string;

  /** `openRoot`: the root as an absolute path, or relative to the working directory (`''`: that directory). */
  constructor(openRoot: string) {
    this.dir = openRoot === '' ? '.' : openRoot;
    this.prefix = openRoot === '' || openRoot.endsWith(path.sep) ? openRoot : openRoot + path.sep;
  }

  /** The path of root-relative `rel` (`''`: the root). */
  of(rel: string): string {
    // Concatenation, not path.join: rel is already normalised, and this runs once per file.
    return rel === '' ? this.dir : this.prefix + rel;
  }
}

/**
 * `root` as a scan opens its files: relative to `workingDirectory` when it lies there or below
 * (`''` when it is that folder), else `root` itself.
 */
export function openRootOf(root: string, workingDirectory: string | undefined): string {
  if (workingDirectory === undefined) return root;
  const rel = path.relative(path.resolve(workingDirectory), root);
  return rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel) ? root : rel;
}

/** A recorded mtime too recent to trust (a same-tick change would keep it). */
export const UNTRUSTED = -1;
const INITIAL_BUFFER = 64 * 1024;

/**
 * Whether Paydown may know the language of a file name: `languageForFile(name) !== undefined`,
 * or a name without an extension (a script, known by its first line),
 * remembered per "extension tail" (the name from its first dot after the first character, which
 * is all the extension rules look at) for names no file-name rule or pattern could match — those
 * few still ask `languageForFile`. A walk asks once per file, ~0.1 µs instead of ~0.4 µs.
 */
export class LanguageVerdicts {
  private readonly names = new Set<string>();
  private readonly prefixes: string[] = [];
  private readonly suffixes: string[] = [];
  private readonly byTail = new Map<string, boolean>();

  constructor() {
    for (const language of supportedLanguages()) {
      for (const entry of language.fileNames) {
        const lower = entry.toLowerCase();
        const star = lower.indexOf('*');
        if (star < 0) this.names.add(lower);
        else {
          // Any pattern: a name with its fixed start or end asks languageForFile.
          if (star > 0) this.prefixes.push(lower.slice(0, star));
          if (lower.lastIndexOf('*') < lower.length - 1) this.suffixes.push(lower.slice(lower.lastIndexOf('*') + 1));
          if (star === 0 && lower.length === 1) this.prefixes.push('');
        }
      }
    }
  }

  known(name: string): boolean {
    const lower = name.toLowerCase();
    // No extension at all (`bin/release`): a script is known by its `#!` line, read after the tag prefilter.
    if (lower.indexOf('.') === -1) return true;
    let ask = lower.includes('/') || lower.includes('\\') || this.names.has(lower);
    for (let i = 0; !ask && i < this.prefixes.length; i++) ask = lower.startsWith(this.prefixes[i]!);
    for (let i = 0; !ask && i < this.suffixes.length; i++) ask = lower.endsWith(this.suffixes[i]!);
    if (ask) return languageForFile(name) !== undefined;
    const dot = lower.indexOf('.', 1);
    const tail = dot < 0 ? '' : lower.slice(dot);
    let verdict = this.byTail.get(tail);
    if (verdict === undefined) {
      verdict = languageForFile(name) !== undefined;
      this.byTail.set(tail, verdict);
    }
    return verdict;
  }
}

/** Walks directory tasks; results accumulate in `results` until the owner drains them. */
export class Walker {
  /** Tasks still to do, deepest last: `pop()` continues depth-first, `shift()` gives away big subtrees. */
  readonly stack: WalkTask[] = [];
  readonly counters = emptyCounters();
  /** Files with items or problems since the last drain. */
  results: FileResult[] = [];
  /** Files left for the owner to parse since the last {@link takeDeferred} (`deferParse`), small ones' bytes in `deferBuf`. */
  private deferred: Candidate[] = [];
  private deferBuf: Buffer | undefined;
  private deferLength = 0;
  /** Accepted files and their status since the last drain (list-only mode). */
  listed: Array<[string, FileStatus]> = [];
  /** Directory records of this run, for the next run's cache (unchanged ones kept as offsets into `previous`). */
  readonly records: WalkRecord[] = [];
  /** Tracked files git vouches for (see gitIndex.ts): a match with the cache needs no `stat`. */
  gitClean: GitClean | undefined;

  private readonly compiled: CompiledAnnotationOptions;
  private readonly languages = new LanguageVerdicts();
  private readonly languageMap: LanguageMap;
  /** Whether the `TODO` tag is configured, which makes placeholders for unfinished code items. */
  private readonly readsPlaceholders: boolean;
  private readonly globs: GlobFilter;
  private buf = Buffer.allocUnsafe(INITIAL_BUFFER);
  private readonly paths: RootPaths;
  /** Reads cached folders' files in place (one per walker, opened per folder). */
  private readonly recordFiles = new RecordFiles();

  constructor(
    private readonly config: WalkConfig,
    private readonly previous: PackedRecords | undefined = undefined,
    private readonly io: WalkIo = nodeIo,
  ) {
    this.compiled = prepareAnnotationOptions(config.annotations);
    this.languageMap = languageMapOf(config.annotations);
    this.readsPlaceholders = readsPlaceholders(this.compiled);
    this.globs = new GlobFilter(config.include, config.exclude);
    warmUpIgnoreRules();
    this.paths = new RootPaths(config.openRoot ?? config.root);
  }

  /** Runs one task from the stack; false when the stack is empty. */
  step(): boolean {
    const task = this.stack.pop();
    if (!task) return false;
    if (task.kind === 'file') this.walkSingleFile(task);
    else this.walkDir(task);
    return true;
  }

  private abs(rel: string): string {
    return this.paths.of(rel);
  }

  private walkSingleFile(task: WalkTask): void {
    const name = task.rel.slice(task.rel.lastIndexOf('/') + 1);
    if (isIgnored(task.chain, task.rel, false) || (!this.globs.empty && !this.globs.acceptsFile(task.rel))) return;
    const dir = task.rel.includes('/') ? task.rel.slice(0, task.rel.lastIndexOf('/')) : '';
    const offset = this.previous?.offsetOf(dir);
    const prev = offset === undefined ? undefined : this.previous!.decode(offset);
    const index = prev ? prev.names.indexOf(name) : -1;
    this.file(task.rel, name, prev, index, undefined);
  }

  private walkDir(task: WalkTask): void {
    const { rel } = task;
    const abs = this.abs(rel);
    const previous = this.previous;
    // No cache (a first scan): no look-up, which would hash every folder's path.
    const offset = previous !== undefined && previous.size > 0 ? previous.offsetOf(rel) : undefined;
    let dirMtime = UNTRUSTED;
    if (this.config.record || offset !== undefined) {
      try {
        dirMtime = this.trusted(this.io.statSync(abs).mtimeMs);
      } catch (err) {
        this.unreadableDir(rel, err);
        return;
      }
    }
    if (offset !== undefined && !task.dirty) {
      const recorded = previous!.mtimeOf(offset);
      if (recorded !== UNTRUSTED && recorded === dirMtime) {
        const ignoreFiles = this.checkIgnoreFiles(abs, previous!.ignoreFilesOf(offset));
        if (ignoreFiles) {
          this.walkCachedDir(task, offset, ignoreFiles);
          return;
        }
      }
    }
    this.walkListedDir(task, abs, offset === undefined ? undefined : previous!.decode(offset), dirMtime);
  }

  /** The directory's ignore files as recorded, when every one is unchanged; else undefined. */
  private checkIgnoreFiles(abs: string, recorded: readonly IgnoreFileRecord[]): IgnoreFileRecord[] | undefined {
    for (const f of recorded) {
      if (f.mtimeMs === UNTRUSTED) return undefined;
      try {
        const st = this.io.statSync(path.join(abs, f.name));
        if (st.size !== f.size || st.mtimeMs !== f.mtimeMs) return undefined;
      } catch {
        return undefined;
      }
    }
    return recorded as IgnoreFileRecord[];
  }

  /** Unchanged directory: reuse its listing and ignore decisions; check files for content changes. */
  private walkCachedDir(task: WalkTask, offset: number, ignoreFiles: IgnoreFileRecord[]): void {
    const { rel } = task;
    const previous = this.previous!;
    const chain = this.chainWith(task.chain, rel, ignoreFiles);
    const dirs = previous.dirsOf(offset);
    for (const name of dirs) this.stack.push({ rel: rel === '' ? name : `${rel}/${name}`, kind: 'dir', chain, dirty: false, rules: undefined });
    if (!this.config.listOnly && this.cachedFilesHold(rel, offset)) {
      // Kept as the cached record's bytes (packedRecords.ts): a re-scan holds one copy of an
      // unchanged tree's records, off the heap, and decodes no more of it than it reports.
      if (this.config.record) this.records.push(offset);
      this.reportCachedFiles(rel, offset);
      return;
    }
    const prev = previous.decode(offset);
    const record = this.newRecord(rel, prev.mtimeMs, ignoreFiles);
    if (record) record.dirs = dirs;
    const readBefore = this.counters.changes;
    for (let i = 0; i < prev.names.length; i++) {
      const name = prev.names[i]!;
      // Still special: the folder's unchanged mtime says no entry was replaced.
      if (prev.status[i] === FileStatus.special) this.special(rel === '' ? name : `${rel}/${name}`, name, record);
      else this.file(rel === '' ? name : `${rel}/${name}`, name, prev, i, record);
    }
    if (record && this.counters.changes === readBefore && sameFiles(record, prev)) this.records[this.records.length - 1] = offset;
  }

  /**
   * Whether every file of the cached folder at `offset` is as recorded: decided by its name, or
   * its size and mtime confirmed by git's index or a `stat`. Reads no name but to look one up.
   */
  private cachedFilesHold(rel: string, offset: number): boolean {
    const files = this.recordFiles.open(this.previous!, offset);
    const git = this.gitClean?.entries;
    const folder = git ? git.folderId(rel) : -1;
    while (files.next()) {
      if (decidedByName(files)) continue;
      const { status, size, mtimeMs } = files;
      if (mtimeMs === UNTRUSTED || status === FileStatus.unreadable) return false;
      if (folder >= 0) {
        const at = files.gitEntry(git!, folder);
        if (at >= 0 && git!.mtimeMs[at] === mtimeMs && git!.size[at] === size) continue;
      }
      const name = files.name();
      let st: fs.Stats;
      try {
        st = this.io.statSync(this.abs(rel === '' ? name : `${rel}/${name}`));
      } catch {
        return false;
      }
      if (st.mtimeMs !== mtimeMs || st.size !== size) return false;
    }
    return true;
  }

  /** Counts and reports the files of a cached folder that {@link cachedFilesHold}: as the last scan found them. */
  private reportCachedFiles(rel: string, offset: number): void {
    const files = this.recordFiles.open(this.previous!, offset);
    const results = this.previous!.resultsOf(rel);
    const c = this.counters;
    while (files.next()) {
      const status = files.status;
      // Most files: nothing to report, so no name to decode.
      if (status === FileStatus.unknownLanguage || (status === FileStatus.scanned && !hasResults(results, files.index))) {
        c.files++;
        if (status === FileStatus.unknownLanguage) c.unknownLanguage++;
        else c.filesFromCache++;
        continue;
      }
      const name = files.name();
      const file = rel === '' ? name : `${rel}/${name}`;
      if (status === FileStatus.special) {
        this.special(file, name, undefined);
        continue;
      }
      c.files++;
      if (status === FileStatus.minified && hasMinifiedName(name)) this.skip(file, status);
      else this.fromCache(file, name, files.index, status, files.size, files.mtimeMs, results, undefined);
    }
  }

  /** Lists the directory and applies the rules; reuses cached file results by name when it can. */
  private walkListedDir(task: WalkTask, abs: string, prev: DirRecord | undefined, dirMtime: number): void {
    const { rel } = task;
    let entries: fs.Dirent[];
    this.counters.changes++;
    try {
      entries = this.io.readdirSync(abs, { withFileTypes: true });
    } catch (err) {
      this.unreadableDir(rel, err);
      return;
    }
    const ignoreFiles: IgnoreFileRecord[] = [];
    for (const ignoreName of IGNORE_FILE_NAMES) {
      if (!entries.some((e) => e.name === ignoreName && e.isFile())) continue;
      const file = path.join(abs, ignoreName);
      try {
        const text = this.io.readFileSync(file, 'utf8');
        const st = this.config.record ? this.io.statSync(file) : undefined;
        ignoreFiles.push({ name: ignoreName, size: st?.size ?? 0, mtimeMs: st ? this.trusted(st.mtimeMs) : UNTRUSTED, text });
      } catch {
        // An unreadable ignore file ignores nothing, as in git.
      }
    }
    let rules = task.rules ?? folderRules(task.chain, rel);
    if (ignoreFiles.length > 0) rules = withLevel(rules, makeLevel(rel, ignoreText(ignoreFiles)));
    const chain = rules.chain;
    const record = this.newRecord(rel, dirMtime, ignoreFiles);
    // Cached listings below hold decisions of the old rules: re-list them when the rules changed.
    const dirtyBelow = task.dirty || !prev || ignoreText(prev.ignoreFiles) !== ignoreText(ignoreFiles);
    let prevIndex: Map<string, number> | undefined;
    // Worked out once per folder: usually no rule can hit a plain file here, and files cost nothing.
    let plans: IgnorePlans | undefined;
    for (const entry of entries) {
      // Symbolic links are not followed. Asked first, of every entry: a test only rare entries reach
      // would have no type feedback when the first one came, and V8 would compile the walk again.
      if (entry.isSymbolicLink()) continue;
      const name = entry.name;
      const child = rel === '' ? name : `${rel}/${name}`;
      if (entry.isDirectory()) {
        if (NEVER_SCANNED_DIRS.has(name)) continue;
        plans ??= plansFor(rules);
        if (plans.dirs !== null && isDirIgnored(plans.dirs, child, name)) continue;
        if (!this.globs.empty && !this.globs.acceptsDir(child)) continue;
        this.stack.push({ rel: child, kind: 'dir', chain, dirty: dirtyBelow, rules: subfolderRules(rules, name, child) });
        record?.dirs.push(name);
      } else if (entry.isFile()) {
        plans ??= plansFor(rules);
        if (plans.files !== null && isFileIgnored(plans.files, child, name)) continue;
        if (!this.globs.empty && !this.globs.acceptsFile(child)) continue;
        let index = -1;
        if (prev) {
          prevIndex ??= new Map(prev.names.map((n, i) => [n, i]));
          index = prevIndex.get(name) ?? -1;
        }
        this.file(child, name, prev, index, record);
      } else if (!this.config.listOnly) {
        // A FIFO, socket or device: never opened (opening a FIFO blocks until a writer comes).
        plans ??= plansFor(rules);
        if (plans.files !== null && isFileIgnored(plans.files, child, name)) continue;
        if (!this.globs.empty && !this.globs.acceptsFile(child)) continue;
        this.special(child, name, record);
      }
    }
  }

  private chainWith(chain: IgnoreChain, rel: string, ignoreFiles: readonly IgnoreFileRecord[]): IgnoreChain {
    if (ignoreFiles.length === 0) return chain;
    return [...chain, makeLevel(rel, ignoreText(ignoreFiles))];
  }

  private newRecord(rel: string, mtimeMs: number, ignoreFiles: IgnoreFileRecord[]): DirRecord | undefined {
    if (!this.config.record) return undefined;
    const record: DirRecord = { rel, mtimeMs, ignoreFiles, dirs: [], names: [], sizes: [], mtimes: [], status: [], results: [] };
    this.records.push(record);
    return record;
  }

  private trusted(mtimeMs: number): number {
    return mtimeMs >= this.config.racyAfterMs ? UNTRUSTED : mtimeMs;
  }

  /** Counts an accepted FIFO, socket or device, and lists it as skipped; never opens it. */
  private special(rel: string, name: string, record: DirRecord | undefined): void {
    this.counters.files++;
    this.skip(rel, FileStatus.special);
    this.store(record, name, 0, UNTRUSTED, FileStatus.special, undefined);
  }

  /** Handles one accepted file: from the cache when its stat matches, else by reading it. */
  private file(rel: string, name: string, prev: DirRecord | undefined, index: number, record: DirRecord | undefined): void {
    const c = this.counters;
    c.files++;
    if (this.config.listOnly) {
      this.listed.push([rel, this.known(rel, name) ? FileStatus.scanned : FileStatus.unknownLanguage]);
      return;
    }
    // A cached entry already knows the language verdict (same engine, same name).
    const cachedStatus = prev && index >= 0 ? prev.status[index] : undefined;
    if (cachedStatus === undefined ? !this.known(rel, name) : cachedStatus === FileStatus.unknownLanguage) {
      c.unknownLanguage++;
      this.store(record, name, 0, UNTRUSTED, FileStatus.unknownLanguage, undefined);
      return;
    }
    if (hasMinifiedName(name)) {
      this.skip(rel, FileStatus.minified);
      this.store(record, name, 0, UNTRUSTED, FileStatus.minified, undefined);
      return;
    }
    if (prev && index >= 0) {
      const status = prev.status[index]!;
      const mtime = prev.mtimes[index]!;
      if (mtime !== UNTRUSTED && status !== FileStatus.unreadable && status !== FileStatus.unknownLanguage) {
        const git = this.gitClean;
        if (git) {
          const at = git.entries.find(prev.rel, name);
          if (at >= 0 && git.entries.mtimeMs[at] === mtime && git.entries.size[at] === prev.sizes[index]) {
            this.fromCache(rel, name, index, status, prev.sizes[index]!, mtime, prev.results, record);
            return;
          }
        }
        let st: fs.Stats | undefined;
        try {
          st = this.io.statSync(this.abs(rel));
        } catch {
          st = undefined;
        }
        if (st && st.mtimeMs === mtime && st.size === prev.sizes[index]) {
          this.fromCache(rel, name, index, status, prev.sizes[index]!, mtime, prev.results, record);
          return;
        }
      }
    }
    this.read(rel, name, this.abs(rel), record);
  }

  /** Whether the file may hold Sphinx's todo directive (reStructuredText, MyST, a notebook), which the byte prefilter looks for too: by its name, or by `scan.languages`. */
  private mayHoldTodoDirective(rel: string): boolean {
    if (mayHoldTodoDirectiveByName(rel)) return true;
    if (this.languageMap.empty) return false;
    return mayHoldTodoDirectives(this.languageMap.languageFor(rel)?.cells);
  }

  /** The bytes of the name of the placeholder for unfinished code (`todo!`, `???`) that the file may hold, by `scan.languages` or its name, which the byte prefilter looks for too; none when `TODO` is no tag. */
  private placeholderNeedle(rel: string): Buffer | undefined {
    if (!this.readsPlaceholders) return undefined;
    const mapped = this.languageMap.empty ? undefined : this.languageMap.languageFor(rel);
    return mapped ? placeholderBytes(mapped.id) : placeholderBytesForName(rel);
  }

  /** Whether the file may be in a language Paydown reads: by its name, or by the config's `scan.languages`. */
  private known(rel: string, name: string): boolean {
    return this.languages.known(name) || (!this.languageMap.empty && this.languageMap.languageFor(rel) !== undefined);
  }

  /** A file found as the cache recorded it (`index` in its record, whose results are `results`). */
  private fromCache(rel: string, name: string, index: number, status: FileStatus, size: number, mtime: number, results: RecordResults | undefined, record: DirRecord | undefined): void {
    this.counters.filesFromCache++;
    let result: FileResult | undefined;
    if (status === FileStatus.scanned) {
      // Results are few (files with tags only); a linear search per hit stays cheap.
      const hit = results?.find((r) => r[0] === index);
      if (hit) result = { file: rel, items: hit[1], problems: hit[2] };
      this.emit(result);
    } else result = this.skip(rel, status, status === FileStatus.tooLarge ? [this.tooLargeProblem(rel, size)] : []);
    this.store(record, name, size, mtime, status, result);
  }

  private read(rel: string, name: string, abs: string, record: DirRecord | undefined): void {
    const c = this.counters;
    c.changes++;
    let fd: number;
    try {
      fd = this.io.openSync(abs, 'r');
    } catch (err) {
      this.unreadableFile(rel, name, err, record);
      return;
    }
    let size: number;
    let mtime = UNTRUSTED;
    let length = 0;
    try {
      if (this.config.record) {
        const st = this.io.fstatSync(fd);
        size = st.size;
        mtime = this.trusted(st.mtimeMs);
      } else {
        // No cache to record a size and mtime for: skip the fstat and read straight into the
        // reused buffer. A short read of a regular file means its end (Linux, macOS and Windows
        // fill a read from a regular file up to EOF; only a fatal signal cuts one short); only a
        // full buffer needs the size, to tell a large file from one that fits exactly.
        length = this.io.readSync(fd, this.buf, 0, this.buf.length, 0);
        size = length < this.buf.length ? length : this.io.fstatSync(fd).size;
      }
      if (size > this.config.maxFileSize && size > fileSizeLimit(name, this.config.maxFileSize)) {
        const result = this.skip(rel, FileStatus.tooLarge, [this.tooLargeProblem(rel, size)]);
        this.store(record, name, size, mtime, FileStatus.tooLarge, result);
        return;
      }
      if (this.buf.length < size) {
        const grown = Buffer.allocUnsafe(Math.max(size, this.buf.length * 2));
        if (length > 0) this.buf.copy(grown, 0, 0, length);
        this.buf = grown;
      }
      while (length < size) {
        const n = this.io.readSync(fd, this.buf, length, size - length, length);
        if (n === 0) break;
        length += n;
      }
    } catch (err) {
      this.unreadableFile(rel, name, err, record);
      return;
    } finally {
      try {
        this.io.closeSync(fd);
      } catch {
        // Nothing to do about a failed close of a read-only descriptor.
      }
    }
    c.filesRead++;
    const status = this.classify(rel, length);
    if (typeof status === 'number') {
      this.skip(rel, status);
      this.store(record, name, size, mtime, status, undefined);
      return;
    }
    this.emit(status);
    this.store(record, name, size, mtime, FileStatus.scanned, status);
  }

  /** What the bytes in the buffer are: a skip status, or the file's parse (undefined: nothing found). */
  private classify(rel: string, length: number): FileStatus | FileResult | undefined {
    const buf = this.buf;
    const sniffed = sniff(buf, length, this.compiled, this.mayHoldTodoDirective(rel), this.placeholderNeedle(rel));
    if (typeof sniffed !== 'string') return sniffed;
    if (this.config.deferParse) {
      this.defer(rel, length, sniffed);
      return undefined;
    }
    const text = decodeText(buf, length, sniffed);
    const doc = scanDocument(text, { file: rel }, this.compiled);
    if (doc.items.length === 0 && doc.problems.length === 0) return undefined;
    return { file: rel, items: doc.items, problems: doc.problems };
  }

  private defer(rel: string, length: number, encoding: TextEncoding): void {
    if (length >= LARGE_CANDIDATE) {
      this.deferred.push({ file: rel, size: length, encoding, start: -1 });
      return;
    }
    const start = this.deferLength;
    if (!this.deferBuf || start + length > this.deferBuf.length) {
      // A buffer of its own (not from Node's pool), so that its memory can move to another thread.
      const grown = Buffer.allocUnsafeSlow(Math.max(DEFER_BUFFER, 2 * (start + length)));
      if (this.deferBuf && start > 0) this.deferBuf.copy(grown, 0, 0, start);
      this.deferBuf = grown;
    }
    this.buf.copy(this.deferBuf, start, 0, length);
    this.deferLength = start + length;
    this.deferred.push({ file: rel, size: length, encoding, start });
  }

  /** The files left to parse since the last call, or null; the bytes' buffer is the caller's to keep or transfer. */
  takeDeferred(): Candidates | null {
    if (this.deferred.length === 0) return null;
    const buf = this.deferBuf;
    const taken = { list: this.deferred, bytes: buf ? new Uint8Array(buf.buffer, buf.byteOffset, this.deferLength) : null };
    this.deferred = [];
    this.deferBuf = undefined;
    this.deferLength = 0;
    return taken;
  }

  /**
   * Counts a file left unread and lists it (with its problems) as skipped, so that the ledger
   * never takes its debt for paid. Files of unknown language are only counted: they are many.
   */
  private skip(rel: string, status: FileStatus, problems: Problem[] = []): FileResult | undefined {
    const c = this.counters;
    if (status === FileStatus.binary) c.binary++;
    else if (status === FileStatus.tooLarge) c.tooLarge++;
    else if (status === FileStatus.minified) c.minified++;
    else if (status === FileStatus.special) c.special++;
    else if (status === FileStatus.unknownLanguage) c.unknownLanguage++;
    const reason = SKIP_REASONS[status];
    if (reason === undefined) return undefined;
    const result: FileResult = { file: rel, items: [], problems, skipped: reason };
    this.emit(result);
    return result;
  }

  private emit(result: FileResult | undefined): void {
    if (!result) return;
    this.counters.items += result.items.length;
    this.counters.problems += result.problems.length;
    this.results.push(result);
  }

  private store(record: DirRecord | undefined, name: string, size: number, mtime: number, status: FileStatus, result: FileResult | undefined): void {
    if (!record) return;
    const index = record.names.length;
    record.names.push(name);
    record.sizes.push(size);
    record.mtimes.push(mtime);
    record.status.push(status);
    if (result && status === FileStatus.scanned) record.results.push([index, result.items, result.problems]);
  }

  private unreadableFile(rel: string, name: string, err: unknown, record: DirRecord | undefined): void {
    this.counters.unreadable++;
    this.emit({ file: rel, items: [], problems: [fileProblem(rel, 'file-unreadable', 'warning', `Cannot read ${rel}: ${errorCode(err)}`)], skipped: 'unreadable' });
    this.store(record, name, 0, UNTRUSTED, FileStatus.unreadable, undefined);
  }

  private unreadableDir(rel: string, err: unknown): void {
    this.counters.unreadable++;
    this.counters.changes++;
    const shown = rel === '' ? '.' : rel;
    this.emit({ file: shown, items: [], problems: [fileProblem(shown, 'file-unreadable', 'warning', `Cannot read folder ${shown}: ${errorCode(err)}`)], skipped: 'unreadable-folder' });
  }

  private tooLargeProblem(rel: string, size: number): Problem {
    const limit = fileSizeLimit(rel, this.config.maxFileSize);
    return fileProblem(rel, 'file-too-large', 'info', `Skipped ${rel}: ${formatBytes(size)} is over the ${formatBytes(limit)} limit`);
  }
}

/** The reason a skip status is listed under; none for unknown languages (counted only). */
const SKIP_REASONS: Partial<Record<FileStatus, SkipReason>> = {
  [FileStatus.binary]: 'binary',
  [FileStatus.tooLarge]: 'too-large',
  [FileStatus.minified]: 'minified',
  [FileStatus.special]: 'special',
};

/**
 * What a file's bytes say before any parse: a skip status (binary, or minified among those that
 * may hold a tag), undefined when they surely hold no tag (most files: the byte prefilter is all
 * they cost) or no tag standing apart from word characters (`TODO_LIST` alone), else the
 * encoding to decode them with. UTF-16, known by its BOM, is never prefiltered.
 */
function sniff(buf: Buffer, length: number, compiled: CompiledAnnotationOptions, todoDirective: boolean, placeholder: Buffer | undefined): FileStatus | TextEncoding | undefined {
  if (looksBinary(buf, length)) return FileStatus.binary;
  if (!hasUtf16Bom(buf, length) && !compiled.mightContainTagBytes(buf, length) && !holdsOtherTodo(buf, length, compiled, todoDirective, placeholder)) return undefined;
  const encoding = detectEncoding(buf, length);
  if (isWideEncoding(encoding)) return encoding;
  if (looksMinified(buf, length)) return FileStatus.minified;
  // After the minified check, whose count stays that of files holding a tag's bytes.
  if (!compiled.mightHoldTagWordBytes(buf, length) && !holdsOtherTodo(buf, length, compiled, todoDirective, placeholder)) return undefined;
  return encoding;
}

/** Whether the first `length` bytes hold a todo without a tag's text: Sphinx's todo directive (when `todoDirective`), a placeholder's name (`placeholder`). */
function holdsOtherTodo(buf: Buffer, length: number, compiled: CompiledAnnotationOptions, todoDirective: boolean, placeholder: Buffer | undefined): boolean {
  if (todoDirective && compiled.mightContainTodoDirectiveBytes(buf, length)) return true;
  // The buffer is reused and longer than the file: only its first `length` bytes are searched.
  return placeholder !== undefined && buf.subarray(0, length).indexOf(placeholder) !== -1;
}

/**
 * Reads the walkers' large candidates (`WalkConfig.deferParse`) again on the thread that parses
 * them, one at a time into one reused buffer: the page cache still holds them, and only one
 * file's bytes are in memory at a time. A file that changed since the walker read it is checked again.
 */
export class CandidateReader {
  private buf = Buffer.allocUnsafe(INITIAL_BUFFER);
  private readonly paths: RootPaths;
  private readonly placeholders: boolean;

  constructor(
    /** The root as files are opened (`WalkConfig.openRoot`). */
    openRoot: string,
    private readonly compiled: CompiledAnnotationOptions,
    private readonly maxFileSize: number,
    private readonly io: WalkIo = nodeIo,
  ) {
    this.paths = new RootPaths(openRoot);
    this.placeholders = readsPlaceholders(compiled);
  }

  /** The candidate's text, or undefined when it is gone, unreadable, or no longer may hold a tag. */
  text(candidate: Candidate): string | undefined {
    let length = 0;
    let fd: number;
    try {
      fd = this.io.openSync(this.paths.of(candidate.file), 'r');
    } catch {
      return undefined;
    }
    try {
      const size = this.io.fstatSync(fd).size;
      if (size > this.maxFileSize && size > fileSizeLimit(candidate.file, this.maxFileSize)) return undefined;
      if (this.buf.length < size) this.buf = Buffer.allocUnsafe(Math.max(size, this.buf.length * 2));
      while (length < size) {
        const n = this.io.readSync(fd, this.buf, length, size - length, length);
        if (n === 0) break;
        length += n;
      }
    } catch {
      return undefined;
    } finally {
      try {
        this.io.closeSync(fd);
      } catch {
        // Nothing to do about a failed close of a read-only descriptor.
      }
    }
    let encoding = candidate.encoding;
    if (length !== candidate.size) {
      const sniffed = sniff(this.buf, length, this.compiled, mayHoldTodoDirectiveByName(candidate.file), this.placeholders ? placeholderBytesForName(candidate.file) : undefined);
      if (typeof sniffed !== 'string') return undefined;
      encoding = sniffed;
    }
    return decodeText(this.buf, length, encoding);
  }
}

/**
 * Whether a cached file's status was decided by its name alone, or by the folder's listing, so
 * that it holds whatever its bytes now are (see `Walker.file`).
 */
export function decidedByName(files: RecordFiles): boolean {
  const status = files.status;
  return status === FileStatus.unknownLanguage || status === FileStatus.special || (status === FileStatus.minified && hasMinifiedName(files.name()));
}

function hasResults(results: RecordResults | undefined, index: number): boolean {
  if (results === undefined) return false;
  for (const r of results) if (r[0] === index) return true;
  return false;
}

/** Whether a record built from `prev`'s listing, reading no file, found every file as `prev` recorded it. */
function sameFiles(record: DirRecord, prev: DirRecord): boolean {
  const n = prev.names.length;
  if (record.names.length !== n || record.results.length !== prev.results.length) return false;
  for (let i = 0; i < n; i++) {
    if (record.status[i] !== prev.status[i] || record.sizes[i] !== prev.sizes[i] || record.mtimes[i] !== prev.mtimes[i]) return false;
  }
  return true;
}

function ignoreText(files: readonly IgnoreFileRecord[]): string {
  return files.map((f) => f.text).join('\n');
}

/** A problem about a whole file, placed at its start. */
export function fileProblem(file: string, code: Problem['code'], severity: Problem['severity'], message: string): Problem {
  return { file, range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }, code, severity, message };
}

function errorCode(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code ?? (err instanceof Error ? err.message : String(err));
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KiB`;
  return `${n} B`;
}
