/**
 * Scanning a workspace: `scan(options)` walks the tree under the ignore rules, reads files on
 * worker threads, parses the few that may hold a tag, and returns every item sorted, with a
 * problem per file it could not read. With `cacheDir`, unchanged files cost a `stat` and
 * unchanged folders no `readdir`; see cache.ts and walk.ts for the details.
 *
 * Performance (see docs/performance.md for the design and measured ratios to ripgrep): files
 * are tested against ignore rules once per folder (ignoreRules.ts `fileIgnorePlan`), and a
 * re-scan of a git work tree asks `git status` and the index what changed (gitIndex.ts), so
 * files git vouches for skip their `stat`; such re-scans run on the calling thread. Second pass:
 * without a cache a file costs open + one read + close (no fstat), workers start while the scan
 * prepares and hand tag candidates to this thread so one lexer parses them all, and a re-scan of
 * an unchanged git work tree returns the last exact result from the summary (cache.ts
 * `ScanSummary`) once git status, the index checksum and the folder stats agree. Fourth pass
 * (real repositories): `.gitignore` rules compiled per folder to name tests (ignorePatterns.ts),
 * large candidates read again here after the walk, candidates parsed smallest first
 * (candidates.ts).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PaydownError } from '../errors';
import type { AnnotationOptions, DebtItem, DocumentScan, Problem } from '../model';
import type { GitClient } from '../ports';
import { ENGINE_VERSION } from '../version';
import { prepareAnnotationOptions } from './document';
import { CACHE_FORMAT, cacheKey, FileStatus, hasManifest, loadShards, newShardPath, readManifest, readSummary, writeManifest, writeShard, writeSummary, type FileResult, type ParsedFile, type ScanSummary, type SkipReason } from './cache';
import { RecordFiles, type PackedRecords, type WalkRecord } from './packedRecords';
import { inheritedIgnoreLevels } from './inheritedRules';
import { isGitWorkTreeRoot, startGitProbe, type GitClean, type GitProbe, type GitQuick } from './gitIndex';
import { GlobFilter, isIgnored, type IgnoreLevel } from './ignoreRules';
import { PathRules } from './pathRules';
import { decidedByName, emptyCounters, fileProblem, NEVER_SCANNED_DIRS, nodeIo, openRootOf, RootPaths, UNTRUSTED, Walker, type WalkConfig, type WalkCounters, type WalkIo, type WalkTask } from './walk';
import { CandidateParser } from './candidates';
import { lowerThreadPriority, threadNiceAtLeast } from './threadPriority';
import { abortError, disposeWorkers, runPool, spawnWorkers, type SpawnedWorkers, type WorkerScript } from './workerPool';


/** Progress of a running scan, reported at most every few dozen milliseconds. */
export interface ScanProgress {
  filesSeen: number;
  filesScanned: number;
  itemsFound: number;
}

/** What a scan looked at and what it skipped. */
export interface ScanStats {
  /** Files the walk accepted (after ignore rules and globs). */
  files: number;
  /** Files whose bytes were read this run. */
  filesRead: number;
  /** Files whose items came from the cache. */
  filesFromCache: number;
  /**
   * Accepted files left unparsed. `minified` counts `*.min.*` names, and files that look
   * minified among those that hold a tag (the check runs after the tag prefilter; see
   * decode.ts `looksMinified`). `unreadable` counts folders too; `special`: FIFOs, sockets,
   * devices (never opened).
   */
  skipped: { binary: number; tooLarge: number; minified: number; unreadable: number; unknownLanguage: number; special: number };
  items: number;
  problems: number;
  durationMs: number;
}

export interface ScanOptions {
  /** Absolute path of the workspace root; item paths are relative to it. */
  root: string;
  /**
   * Absolute or root-relative files or folders to scan; the whole root when absent. Ignore
   * rules and globs still apply, so a path yields what a full scan would say about it.
   */
  paths?: string[];
  annotations: AnnotationOptions;
  /** Globs (minimatch, root-relative): when non-empty, only matching files are scanned. */
  include?: string[];
  /** Globs (minimatch, root-relative) of files and folders to leave out. */
  exclude?: string[];
  /** Files larger than this many bytes are skipped. Default 1 MiB. */
  maxFileSize?: number;
  /**
   * Folder of the incremental cache, outside the repo's tracked files (the CLI's default is the user's cache folder);
   * no cache when absent. Scans with `paths` read the cache but do not write it.
   */
  cacheDir?: string;
  /**
   * Worker threads that walk besides the calling thread, which walks too (see {@link callerWalks});
   * default one per core up to 4, less the calling thread's. 0 scans on the calling thread alone
   * (tests, tiny trees, one core).
   */
  workers?: number;
  signal?: AbortSignal;
  onProgress?: (progress: ScanProgress) => void;
  /**
   * Files with items or problems as the walk finds them, in no order, before the result (which
   * holds them all again, sorted): the editor shows a first scan's items while it runs. A re-scan
   * that the summary settles reports nothing here.
   */
  onFiles?: (files: readonly FileResult[]) => void;
  /**
   * Worker threads run at this `nice` value (Linux only; never raised): the editor's scans give
   * way to its own work. The calling thread keeps its priority (a re-scan runs there), unless
   * {@link niceCaller}.
   */
  workerNice?: number;
  /**
   * With {@link workerNice}: a scan that runs on worker threads lowers the calling thread to the
   * same priority and parses the workers' tag candidates there (one lexer compile, not one per
   * worker). For a caller on a thread of its own, used for one scan (the editor's scan thread);
   * a scan on the calling thread (a git-assisted re-scan) keeps its priority.
   */
  niceCaller?: boolean;
  /**
   * The process's working directory, when the caller keeps it there for the whole scan (a CLI
   * does; an editor's host, shared with other extensions, cannot promise it): files at or
   * below it are opened by relative paths, which the kernel resolves in fewer steps.
   */
  workingDirectory?: string;
  /** The worker script; default `scanWorker.js` next to the running bundle (or `.ts` from source). */
  workerScript?: string;
  /** File-system calls of an in-process scan (`workers: 0`); tests inject failures through it. */
  io?: WalkIo;
  /**
   * Git for `root`: a re-scan with a cache asks it what changed, so files git vouches for skip
   * their `stat` (gitIndex.ts). Absent: every file is stat-checked (the results are the same).
   */
  git?: GitClient;
}

export interface ScanResult {
  /** Items sorted by file, then line, then column. */
  items: DebtItem[];
  /** Problems of annotations and of files that could not be read, sorted like items. */
  problems: Problem[];
  /**
   * The accepted files the scan did not read, and why, and the folders it could not list
   * (`unreadable-folder`; `.` for the root), sorted by path. Files of unknown language are not
   * listed (see coverage.ts for asking about any file). A file from the cache counts as read.
   */
  skipped: SkippedPath[];
  stats: ScanStats;
}

/** A file (or folder) a scan did not read. */
export interface SkippedPath {
  /** Root-relative, `/`-separated. */
  path: string;
  reason: SkipReason;
}

/** Default `maxFileSize`: 1 MiB. */
export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

/** Files changed this recently (ms) are not trusted by the cache: a same-tick edit keeps the mtime. */
const RACY_WINDOW_MS = 2000;
const PROGRESS_MS = 50;
/** In-process scans yield to the event loop this often (ms). */
const SLICE_MS = 8;

/** Scans a workspace. Async, cancellable through `signal` (rejects with an AbortError), CPU work on worker threads. */
// DEBT: A first scan (no cache) takes 1.5–1.65× ripgrep's CPU and wall time on the real bench corpus against a target
//   of 1.5× (Node 20 on 2 cores; run by Node 24: 1.42× CPU, 1.53× wall). What is left is spread thin: the
//   lexer's warm-up, the large candidates parsed on one thread after the walk, the walk's own JavaScript per
//   file; see docs/performance.md (thirteenth to sixteenth passes).
//   @paydown effort:5 impact:medium #performance outcome:adoption
export async function scan(options: ScanOptions): Promise<ScanResult> {
  const started = performance.now();
  const { signal } = options;
  if (signal?.aborted) throw abortError(signal);
  // A whole-tree scan with no cache to reuse will run on worker threads: start them now, so
  // their start-up overlaps the preparation below (ignore files, cache key, manifest).
  const early = startsWorkersEarly(options) ? spawnWorkers(resolveWorkerScript(options.workerScript), workerThreads(options)) : undefined;
  // Likewise a re-scan asks git at once (git status takes ~100 ms on 100k files); should the
  // cache turn out unusable, the answer goes unused.
  const probe = !early && asksGit(options) && hasManifest(options.cacheDir!) ? startGitProbe(path.resolve(options.root), options.git!) : undefined;
  try {
    return await scanWith(options, started, early, probe);
  } finally {
    await disposeWorkers(early);
  }
}

/**
 * What lets the next scan of an unchanged tree return at once after a first scan: a re-scan
 * that proves the first scan's result to git and keeps the proof (the re-scan summary; a first
 * scan does not ask git, a git-assisted re-scan does). For a caller with time to spare once it
 * has answered (the editor's scan thread, before the next window opens). Undefined when there
 * is nothing to prove: something came from the cache, only some paths were scanned, or there is
 * no cache, no git, or no git work tree at the root.
 */
export function firstScanProof(options: ScanOptions, first: ScanStats): (() => Promise<void>) | undefined {
  if (first.filesFromCache > 0 || first.filesRead === 0 || options.cacheDir === undefined || !asksGit(options)) return undefined;
  if (!isGitWorkTreeRoot(path.resolve(options.root), options.git!)) return undefined;
  // On this thread even where git vouches for few files (many untracked): a walk on workers
  // would keep no summary.
  return async () => {
    await scan({ ...options, workers: 0, onFiles: undefined, onProgress: undefined });
  };
}

function startsWorkersEarly(options: ScanOptions): boolean {
  if (options.paths !== undefined || workerThreads(options) <= 0) return false;
  // With a cache, a re-scan may well run in-process (see below): only a first scan starts early.
  return options.cacheDir === undefined || !hasManifest(options.cacheDir);
}

/** A whole-tree scan with a cache, in-process or on default workers: a re-scan of it may ask git. */
function asksGit(options: ScanOptions): boolean {
  return options.git !== undefined && options.cacheDir !== undefined && options.paths === undefined && (options.workers === undefined || options.workers === 0);
}

/**
 * How a scan runs, decided once (see {@link planScan}) from the options, the cache and git:
 * - `summary`: the last re-scan's exact result holds (git, the index and every folder agree);
 *   nothing is walked and `onFiles` hears nothing;
 * - `in-process`: a walk on the calling thread, with the cache (`previous`) and, when git vouches
 *   for (nearly) every cached file (`gitClean`, a git-index re-scan), without their `stat`s;
 *   it writes one shard and, when git answered (`gitVerdict`), the summary;
 * - `workers`: a walk on worker threads (a first scan, or a re-scan git cannot settle), which
 *   hand tag candidates back to be parsed here; each worker writes its shard.
 */
type ScanPlan =
  | { kind: 'summary'; summary: ScanSummary }
  | { kind: 'in-process'; previous: PackedRecords | undefined; gitClean: GitClean | undefined; gitVerdict: GitClean | undefined }
  | { kind: 'workers'; workers: number; previous?: PackedRecords };

/** The cache a scan reads and, for whole-tree scans, writes. */
interface ScanCache {
  /** Undefined: no cache at all. */
  dir: string | undefined;
  /** The shards of the manifest whose key matches this scan's; empty when none. */
  shards: string[];
  /** Whether this scan writes the cache (a whole-tree scan with a cache folder). */
  write: boolean;
}

async function scanWith(options: ScanOptions, started: number, early: SpawnedWorkers | undefined, earlyProbe: GitProbe | undefined): Promise<ScanResult> {
  const { signal } = options;
  const prepared = await prepare(options);
  if (signal?.aborted) throw abortError(signal);
  const cacheDir = options.cacheDir;
  const cache: ScanCache = {
    dir: cacheDir,
    shards: cacheDir ? ((await readManifest(cacheDir, prepared.key)) ?? []) : [],
    write: cacheDir !== undefined && options.paths === undefined,
  };
  const plan = await planScan(options, prepared, cache, early, earlyProbe);
  if (plan.kind === 'summary') return summaryResult(plan.summary, options, started);
  const found = new FoundFiles(options, prepared.notWalked);
  const run = plan.kind === 'in-process' ? await walkInProcess(plan, options, prepared, cache, found) : await walkOnWorkers(plan, options, prepared, cache, found, early);
  const result = found.result(run.counters, prepared.notWalked.filter((r) => r.skipped === 'special').length, started);
  run.summarise?.(result);
  return result;
}

/**
 * Chooses the strategy: a re-scan of a whole git work tree asks git (started early, see
 * {@link scan}) while the summary and the cache load; otherwise workers unless told none.
 */
async function planScan(options: ScanOptions, prepared: Prepared, cache: ScanCache, early: SpawnedWorkers | undefined, earlyProbe: GitProbe | undefined): Promise<ScanPlan> {
  const { signal } = options;
  // A re-scan of a whole git work tree asks git what changed, while the cache loads.
  const probe = cache.shards.length > 0 && asksGit(options) ? (earlyProbe ?? startGitProbe(prepared.root, options.git!)) : undefined;
  const workers = early ? early.workers.length : defaultWorkers(options, prepared.tasks);
  if (!probe || !cache.dir) {
    if (workers > 0) return { kind: 'workers', workers };
    return { kind: 'in-process', previous: cache.shards.length > 0 ? loadShards(cache.shards, prepared.key) : undefined, gitClean: undefined, gitVerdict: undefined };
  }
  // The last re-scan found the cache exact: while git runs, check that every folder and every
  // file git did not vouch for is as it was; then git's word settles the rest.
  const summary = readSummary(cache.dir, prepared.key, cache.shards);
  if (summary && (await summaryHolds(summary, prepared.openRoot, options.io ?? nodeIo, signal))) {
    const quick = await probe.quick();
    if (signal?.aborted) throw abortError(signal);
    if (quick && gitAgrees(summary, quick)) return { kind: 'summary', summary };
  }
  const previous = loadShards(cache.shards, prepared.key);
  /** What git said, even when too little of the cache matched for the walk to use it: the summary's proof. */
  const gitVerdict = await probe.result();
  if (signal?.aborted) throw abortError(signal);
  // Git vouches for (nearly) every cached file: what is left is a walk of folder stats and map
  // look-ups, cheaper here than starting threads that would each load the cache again.
  const cachedFiles = previous?.fileCount ?? 0;
  if (gitVerdict && cachedFiles > 0 && gitVerdict.count >= cachedFiles * 0.9) return { kind: 'in-process', previous, gitClean: gitVerdict, gitVerdict };
  return workers <= 0 ? { kind: 'in-process', previous, gitClean: undefined, gitVerdict } : { kind: 'workers', workers, previous };
}

/** The summary's result, as the last re-scan found it (only the duration is this run's). */
function summaryResult(summary: ScanSummary, options: ScanOptions, started: number): ScanResult {
  const stats = { ...(summary.stats as ScanStats), durationMs: Math.round(performance.now() - started) };
  options.onProgress?.({ filesSeen: stats.files, filesScanned: stats.files, itemsFound: stats.items });
  return { items: summary.items, problems: summary.problems, skipped: summary.skipped as SkippedPath[], stats };
}

/** What a walk strategy hands back: its counters and, when the result should be kept for the next re-scan, how. */
interface WalkRun {
  counters: WalkCounters;
  /** Writes the re-scan summary once the result is known (see cache.ts `ScanSummary`). */
  summarise?: (result: ScanResult) => void;
}

function walkConfig(options: ScanOptions, prepared: Prepared, cache: ScanCache): WalkConfig {
  return {
    root: prepared.root,
    openRoot: prepared.openRoot,
    annotations: options.annotations,
    include: options.include ?? [],
    exclude: options.exclude ?? [],
    maxFileSize: prepared.maxFileSize,
    record: cache.write,
    racyAfterMs: Date.now() - RACY_WINDOW_MS,
  };
}

/** The `in-process` strategy: a walk on this thread, then one shard and (when git answered) the summary. */
async function walkInProcess(plan: Extract<ScanPlan, { kind: 'in-process' }>, options: ScanOptions, prepared: Prepared, cache: ScanCache, found: FoundFiles): Promise<WalkRun> {
  const previous = plan.previous;
  const walker = new Walker(walkConfig(options, prepared, cache), previous, options.io);
  walker.gitClean = plan.gitClean;
  await runInProcess(walker, prepared.tasks, options.signal, (batch, c) => found.add(batch, c));
  const counters = found.counters ?? emptyCounters();
  const cacheDir = cache.dir;
  if (!cache.write || cacheDir === undefined) return { counters };
  let current: string[] | undefined = cache.shards;
  if (walker.counters.changes > 0) {
    const shard = newShardPath(cacheDir, 0);
    current = writeShard(shard, prepared.key, walker.records, previous) && writeManifest(cacheDir, prepared.key, [shard]) ? [shard] : undefined;
  }
  // Git vouched for the tree: keep the proof of this result for the next re-scan (cache.ts
  // `ScanSummary`), unless some file or folder could not be read or is too recent to trust.
  const gitVerdict = plan.gitVerdict;
  const proof = gitVerdict && current && walker.counters.unreadable === 0 ? summaryProof(walker.records, previous, gitVerdict) : undefined;
  if (!proof || !current || !gitVerdict) return { counters };
  const names = current.map((s) => path.basename(s));
  const { checksum, listed } = gitVerdict;
  return {
    counters,
    summarise: (result) =>
      writeSummary(cacheDir, {
        format: CACHE_FORMAT,
        key: prepared.key,
        shards: names,
        indexChecksum: checksum,
        listed: [...listed],
        dirs: proof.dirs,
        files: proof.files,
        items: result.items,
        problems: result.problems,
        skipped: result.skipped,
        // As the next re-scan would count: every file read now comes from the cache then.
        stats: { ...result.stats, filesRead: 0, filesFromCache: result.stats.filesFromCache + result.stats.filesRead, durationMs: 0 },
      }),
  };
}

/**
 * The `workers` strategy: the pool walks; the workers hand tag candidates here, all parsed by one
 * lexer (candidates.ts); each worker writes its shard, and this thread one of the candidates'
 * results (cache.ts `ParsedFile`).
 */
async function walkOnWorkers(
  plan: Extract<ScanPlan, { kind: 'workers' }>,
  options: ScanOptions,
  prepared: Prepared,
  cache: ScanCache,
  found: FoundFiles,
  early: SpawnedWorkers | undefined,
): Promise<WalkRun> {
  const config = walkConfig(options, prepared, cache);
  const cacheDir = cache.dir;
  const recording = cache.write && cacheDir !== undefined;
  const parsed: ParsedFile[] = [];
  const candidates = new CandidateParser(prepared.openRoot, prepareAnnotationOptions(options.annotations), prepared.maxFileSize, options.io, (file, doc) => {
    found.parsed(file, doc);
    if (recording && (doc.items.length > 0 || doc.problems.length > 0)) parsed.push([file, doc.items, doc.problems]);
  });
  // Where the walkers give way to the editor, this thread walks and parses at their priority.
  const givesWay = options.workerNice === undefined || callerGivesWay(options.workerNice, options.niceCaller);
  const outcome = await runPool({
    script: resolveWorkerScript(options.workerScript),
    workers: plan.workers,
    // Parsed here, the candidates cost one lexer compile instead of one per walker; but a scan
    // whose walkers give way to the editor (`workerNice`) keeps that work at their priority: here
    // when this thread gives way as much (the editor's scan thread), else on the walkers.
    config: { ...config, deferParse: !config.record || givesWay },
    cacheKey: prepared.key,
    shards: cache.shards,
    shardOut: (i) => (recording ? newShardPath(cacheDir, i) : null),
    tasks: prepared.tasks,
    signal: options.signal,
    onResults: (batch, c) => found.add(batch, c),
    onCandidates: (list) => candidates.add(list),
    spawned: early,
    nice: options.workerNice,
    local: callerWalks(options) ? { previous: plan.previous } : undefined,
  });
  // The walkers tear down meanwhile; no scan returns with a thread of its own still alive.
  candidates.finish();
  await outcome.stopped;
  if (recording && outcome.shards.every((s) => s !== null)) {
    const results = newShardPath(cacheDir, outcome.shards.length);
    if (writeShard(results, prepared.key, [], undefined, parsed)) writeManifest(cacheDir, prepared.key, [...(outcome.shards as string[][]).flat(), results]);
  }
  return { counters: outcome.counters };
}

/**
 * The files a walk found (with items, problems or a skip), as they come: passed on to `onFiles`
 * at once, counted for `onProgress`, and sorted into the result at the end.
 */
class FoundFiles {
  private readonly files: FileResult[];
  /** Items of the files parsed here (the workers' candidates), which the walk counters do not hold. */
  private parsedItems = 0;
  private lastProgress = 0;
  /** The walk's latest counters. */
  counters: WalkCounters | undefined;

  constructor(
    private readonly options: Pick<ScanOptions, 'onFiles' | 'onProgress'>,
    notWalked: readonly FileResult[],
  ) {
    this.files = [...notWalked];
  }

  /** A batch of the walk's results, with its counters so far. */
  add(batch: FileResult[], counters: WalkCounters): void {
    for (const r of batch) this.files.push(r);
    if (batch.length > 0) this.options.onFiles?.(batch);
    this.counters = counters;
    this.report(counters, false);
  }

  /** A file parsed on this thread. */
  parsed(file: string, doc: DocumentScan): void {
    if (doc.items.length === 0 && doc.problems.length === 0) return;
    this.parsedItems += doc.items.length;
    const result = { file, items: doc.items, problems: doc.problems };
    this.files.push(result);
    this.options.onFiles?.([result]);
  }

  /** The sorted result; `named` counts the special files named on the command line (not walked). */
  result(c: WalkCounters, named: number, started: number): ScanResult {
    this.report(c, true);
    const { items, problems } = sortedFindings(this.files);
    const skipped: SkippedPath[] = [];
    for (const r of this.files) if (r.skipped !== undefined) skipped.push({ path: r.file, reason: r.skipped });
    skipped.sort((a, b) => compareStrings(a.path, b.path));
    return {
      items,
      problems,
      skipped,
      stats: {
        files: c.files + named,
        filesRead: c.filesRead,
        filesFromCache: c.filesFromCache,
        skipped: { binary: c.binary, tooLarge: c.tooLarge, minified: c.minified, unreadable: c.unreadable, unknownLanguage: c.unknownLanguage, special: c.special + named },
        items: items.length,
        problems: problems.length,
        durationMs: Math.round(performance.now() - started),
      },
    };
  }

  private report(c: WalkCounters, force: boolean): void {
    if (!this.options.onProgress) return;
    const now = performance.now();
    if (!force && now - this.lastProgress < PROGRESS_MS) return;
    this.lastProgress = now;
    this.options.onProgress({ filesSeen: c.files, filesScanned: c.files, itemsFound: c.items + this.parsedItems });
  }
}

/**
 * Every folder and every stat-checked file of the summary is as it was (same mtime, size,
 * ignore files). Yields to the event loop every few milliseconds, like an in-process walk.
 */
async function summaryHolds(summary: ScanSummary, openRoot: string, io: WalkIo, signal: AbortSignal | undefined): Promise<boolean> {
  const paths = new RootPaths(openRoot);
  let sliceStart = performance.now();
  let calls = 0;
  const pause = async (): Promise<void> => {
    if ((++calls & 63) !== 0 || performance.now() - sliceStart < SLICE_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (signal?.aborted) throw abortError(signal);
    sliceStart = performance.now();
  };
  const same = (file: string, size: number | undefined, mtimeMs: number): boolean => {
    if (mtimeMs === UNTRUSTED) return false;
    try {
      const st = io.statSync(file);
      return st.mtimeMs === mtimeMs && (size === undefined || st.size === size);
    } catch {
      return false;
    }
  };
  for (const [rel, mtimeMs, ignoreFiles] of summary.dirs) {
    const dir = paths.of(rel);
    if (!same(dir, undefined, mtimeMs)) return false;
    for (const [name, size, fileMtime] of ignoreFiles) if (!same(path.join(dir, name), size, fileMtime)) return false;
    await pause();
  }
  for (const [rel, size, mtimeMs] of summary.files) {
    if (!same(paths.of(rel), size, mtimeMs)) return false;
    await pause();
  }
  return true;
}

/**
 * The folders and stat-checked files of a summary for `records` (this run's, whole tree): every
 * folder with its mtime and ignore files; every file whose verdict depends on its bytes and that
 * git does not vouch for (index entry with the recorded size and mtime, not listed), with its
 * stat data. Undefined when something is too recent to trust.
 */
function summaryProof(records: readonly WalkRecord[], previous: PackedRecords | undefined, git: GitClean): Pick<ScanSummary, 'dirs' | 'files'> | undefined {
  const dirs: ScanSummary['dirs'] = [];
  const files: ScanSummary['files'] = [];
  const recordFiles = new RecordFiles();
  const entries = git.entries;
  for (const record of records) {
    const kept = typeof record === 'number';
    const rel = kept ? previous!.relAt(record) : record.rel;
    const mtimeMs = kept ? previous!.mtimeOf(record) : record.mtimeMs;
    if (mtimeMs === UNTRUSTED) return undefined;
    const ignoreFiles: Array<[string, number, number]> = [];
    for (const f of kept ? previous!.ignoreFilesOf(record) : record.ignoreFiles) {
      if (f.mtimeMs === UNTRUSTED) return undefined;
      ignoreFiles.push([f.name, f.size, f.mtimeMs]);
    }
    dirs.push([rel, mtimeMs, ignoreFiles]);
    const folder = entries.folderId(rel);
    const file = kept ? recordFiles.open(previous!, record) : recordFiles.openRecord(record);
    while (file.next()) {
      if (decidedByName(file)) continue;
      const { status, size, mtimeMs: mtime } = file;
      if (status === FileStatus.unreadable || mtime === UNTRUSTED) return undefined;
      const at = file.gitEntry(entries, folder);
      if (at >= 0 && entries.mtimeMs[at] === mtime && entries.size[at] === size) continue;
      const name = file.name();
      files.push([rel === '' ? name : `${rel}/${name}`, size, mtime]);
    }
  }
  return { dirs, files };
}

/** The index is the same, and git lists nothing it did not list then (or that was stat-checked). */
function gitAgrees(summary: ScanSummary, quick: GitQuick): boolean {
  if (quick.checksum !== summary.indexChecksum) return false;
  if (quick.listed.size === 0) return true;
  const known = new Set(summary.listed);
  for (const [rel] of summary.files) known.add(rel);
  for (const p of quick.listed) if (!known.has(p)) return false;
  return true;
}

/** Whether the calling thread runs at `nice` or lower priority, after lowering it when `lower`. */
function callerGivesWay(nice: number, lower: boolean | undefined): boolean {
  if (lower) lowerThreadPriority(nice);
  return threadNiceAtLeast(nice);
}

/**
 * The files a scan would accept (after ignore rules and globs, before the language, size and
 * content checks), root-relative and sorted. Reads no file contents; for tests and `--list`.
 */
export async function listFiles(options: Omit<ScanOptions, 'annotations' | 'cacheDir' | 'workers'> & { annotations?: AnnotationOptions }): Promise<string[]> {
  const base = { ...options, annotations: options.annotations ?? { tags: [], caseSensitive: true, hoursPerPoint: 4, hoursPerDay: 8 } };
  const prepared = await prepare(base);
  const walker = new Walker(
    { root: prepared.root, openRoot: prepared.openRoot, annotations: base.annotations, include: options.include ?? [], exclude: options.exclude ?? [], maxFileSize: prepared.maxFileSize, record: false, racyAfterMs: 0, listOnly: true },
    undefined,
    options.io,
  );
  const files: string[] = [];
  await runInProcess(walker, prepared.tasks, options.signal, () => {
    for (const [file] of walker.listed) files.push(file);
    walker.listed = [];
  });
  return files.sort(compareStrings);
}

interface Prepared {
  root: string;
  /** `root` as files are opened (`WalkConfig.openRoot`). */
  openRoot: string;
  maxFileSize: number;
  tasks: WalkTask[];
  /** Named paths that are not walked: FIFOs, sockets and devices (never opened), and paths the rules hide. */
  notWalked: FileResult[];
  key: string;
}

async function prepare(options: ScanOptions): Promise<Prepared> {
  const root = path.resolve(options.root);
  const rootStat = await fs.promises.stat(root).catch((err: unknown) => {
    throw new PaydownError('path-unreadable', `Cannot read the workspace root ${root}`, 'Check that the folder exists and is readable.', { cause: err });
  });
  if (!rootStat.isDirectory()) throw new PaydownError('path-unreadable', `The workspace root ${root} is not a folder`, 'Pass a folder as the root.');
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const baseChain = await inheritedIgnoreLevels(root);
  const globs = new GlobFilter(options.include, options.exclude);
  const { tasks, notWalked } = options.paths === undefined ? { tasks: [{ rel: '', kind: 'dir' as const, chain: baseChain, dirty: false, rules: undefined }], notWalked: [] } : await pathTasks(root, options.paths, baseChain, globs);
  const key = cacheKey({
    format: CACHE_FORMAT,
    engine: ENGINE_VERSION,
    build: buildStamp(),
    annotations: options.annotations,
    include: options.include ?? [],
    exclude: options.exclude ?? [],
    maxFileSize,
    inherited: baseChain.map((level) => level.text),
  });
  return { root, openRoot: openRootOf(root, options.workingDirectory), maxFileSize, tasks, notWalked, key };
}

/** Tasks for explicit paths: each with the ignore rules of the folders above it. */
async function pathTasks(root: string, paths: readonly string[], baseChain: IgnoreLevel[], globs: GlobFilter): Promise<Pick<Prepared, 'tasks' | 'notWalked'>> {
  const entries: Array<{ rel: string; dir: boolean; special?: string }> = [];
  for (const p of paths) {
    const abs = path.resolve(root, p);
    const relNative = path.relative(root, abs);
    if (relNative.startsWith('..') || path.isAbsolute(relNative)) {
      throw new PaydownError('usage', `${p} is outside the workspace root ${root}`, 'Pass paths inside the workspace.');
    }
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(abs);
      await fs.promises.access(abs, stat.isDirectory() ? fs.constants.R_OK | fs.constants.X_OK : fs.constants.R_OK);
    } catch (err) {
      throw new PaydownError('path-unreadable', `Cannot read ${p}`, 'Check that the path exists and is readable.', { cause: err });
    }
    entries.push({ rel: relNative.split(path.sep).join('/'), dir: stat.isDirectory(), special: stat.isDirectory() || stat.isFile() ? undefined : specialKind(stat) });
  }
  // A path inside a folder that is also given adds nothing.
  entries.sort((a, b) => compareStrings(a.rel, b.rel));
  const kept: typeof entries = [];
  for (const e of entries) {
    const covered = kept.some((k) => k.dir && (k.rel === '' || e.rel === k.rel || e.rel.startsWith(`${k.rel}/`)));
    if (!covered) kept.push(e);
  }

  const rules = new PathRules(root, baseChain, globs);
  const tasks: WalkTask[] = [];
  const notWalked: FileResult[] = [];
  // A named path the workspace's rules hide is listed as skipped, so that a caller can say why nothing came of it.
  const leaveOut = (rel: string, reason: 'ignored' | 'excluded') => notWalked.push({ file: rel, items: [], problems: [], skipped: reason });
  for (const e of kept) {
    const parts = e.rel === '' ? [] : e.rel.split('/');
    if (parts.some((part) => NEVER_SCANNED_DIRS.has(part))) {
      leaveOut(e.rel, 'ignored');
      continue;
    }
    // Folders above the path: each must itself be visible, and contributes its rules.
    const chain = await rules.above(e.rel);
    if (typeof chain === 'string') {
      leaveOut(e.rel, chain);
      continue;
    }
    if (e.rel !== '' && isIgnored(chain, e.rel, e.dir)) {
      leaveOut(e.rel, 'ignored');
      continue;
    }
    if (!globs.empty && e.rel !== '' && !(e.dir ? globs.acceptsDir(e.rel) : globs.acceptsFile(e.rel))) {
      leaveOut(e.rel, 'excluded');
      continue;
    }
    if (e.special === undefined) tasks.push({ rel: e.rel, kind: e.dir ? 'dir' : 'file', chain, dirty: false, rules: undefined });
    else {
      // Opening a FIFO blocks until a writer comes: say why it is skipped instead.
      notWalked.push({ file: e.rel, items: [], problems: [fileProblem(e.rel, 'file-special', 'warning', `Skipped ${e.rel}: ${e.special}, not a regular file`)], skipped: 'special' });
    }
  }
  return { tasks, notWalked };
}

function specialKind(stat: fs.Stats): string {
  return stat.isFIFO() ? 'a FIFO' : stat.isSocket() ? 'a socket' : stat.isCharacterDevice() || stat.isBlockDevice() ? 'a device' : 'a special file';
}

async function runInProcess(walker: Walker, tasks: readonly WalkTask[], signal: AbortSignal | undefined, onResults: (batch: FileResult[], c: WalkCounters) => void): Promise<void> {
  for (let i = tasks.length - 1; i >= 0; i--) walker.stack.push(tasks[i]!);
  let sliceStart = performance.now();
  const drain = (): void => {
    const batch = walker.results;
    walker.results = [];
    onResults(batch, { ...walker.counters });
  };
  while (walker.step()) {
    if (performance.now() - sliceStart >= SLICE_MS) {
      drain();
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (signal?.aborted) throw abortError(signal);
      sliceStart = performance.now();
    }
  }
  drain();
}

function defaultWorkers(options: ScanOptions, tasks: readonly WalkTask[]): number {
  // A handful of files (the editor re-checking what changed) is not worth starting threads.
  if (options.workers === undefined && tasks.length <= 64 && tasks.every((t) => t.kind === 'file')) return 0;
  return workerThreads(options);
}

/**
 * Whether the calling thread walks alongside the worker threads. It does unless the walkers give
 * way to the editor and it may not (`workerNice` without `niceCaller`): it would walk at the
 * editor's priority. Otherwise it is idle for most of a walk (it parses what the walkers send),
 * and a worker thread fewer is one isolate fewer to start, compile the walk in and keep in memory.
 */
function callerWalks(options: ScanOptions): boolean {
  return options.workerNice === undefined || options.niceCaller === true;
}

function workerThreads(options: ScanOptions): number {
  return options.workers ?? Math.min(4, os.availableParallelism()) - (callerWalks(options) ? 1 : 0);
}

function resolveWorkerScript(override: string | undefined): WorkerScript {
  if (override) return { file: override };
  const bundled = path.join(__dirname, 'scanWorker.js');
  if (fs.existsSync(bundled)) return { file: bundled, execArgv: [] };
  // Running from TypeScript sources (tests under tsx): the worker inherits the loader flags.
  return { file: path.join(__dirname, 'scanWorker.ts'), execArgv: process.execArgv };
}

/** Size and mtime of the running bundle: a rebuilt engine never trusts an older cache. */
function buildStamp(): string {
  try {
    const st = fs.statSync(__filename);
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return '';
  }
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The items and problems of `files`, in a scan result's order. */
export function sortedFindings(files: readonly FileResult[]): { items: DebtItem[]; problems: Problem[] } {
  return { items: files.flatMap((r) => r.items).sort(compareItems), problems: files.flatMap((r) => r.problems).sort(compareProblems) };
}

function compareItems(a: DebtItem, b: DebtItem): number {
  return compareStrings(a.file, b.file) || a.line - b.line || a.column - b.column;
}

function compareProblems(a: Problem, b: Problem): number {
  return compareStrings(a.file, b.file) || a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column;
}
