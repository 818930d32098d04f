// STUB — replaced by the workspace-scan work. Keep the exported names and shapes.
import type { AnnotationOptions, DebtItem, Problem } from '../model';

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
  skipped: { binary: number; tooLarge: number; minified: number; unreadable: number; unknownLanguage: number };
  items: number;
  problems: number;
  durationMs: number;
}

export interface ScanOptions {
  /** Absolute path of the workspace root; item paths are relative to it. */
  root: string;
  /** Absolute or root-relative files or folders to scan; the whole root when absent. */
  paths?: string[];
  annotations: AnnotationOptions;
  /** Globs (minimatch, root-relative): when non-empty, only matching files are scanned. */
  include?: string[];
  /** Globs (minimatch, root-relative) of files and folders to leave out. */
  exclude?: string[];
  /** Files larger than this many bytes are skipped. Default 1 MiB. */
  maxFileSize?: number;
  /** Folder of the incremental cache, outside the repo's tracked files; no cache when absent. */
  cacheDir?: string;
  /** Worker threads; default min(4, cores). 0 scans on the calling thread (tests, tiny trees). */
  workers?: number;
  signal?: AbortSignal;
  onProgress?: (progress: ScanProgress) => void;
}

export interface ScanResult {
  /** Items sorted by file, then line, then column. */
  items: DebtItem[];
  /** Problems of annotations and of files that could not be read, sorted like items. */
  problems: Problem[];
  stats: ScanStats;
}

/** Scans a workspace. Async, cancellable through `signal` (rejects with an AbortError), CPU work on worker threads. */
export async function scan(_options: ScanOptions): Promise<ScanResult> {
  throw new Error('not implemented yet');
}
