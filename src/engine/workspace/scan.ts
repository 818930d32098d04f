/** The one place a workspace's config becomes scan options. */
import type { PaydownConfig } from '../config/config';
import type { GitClient } from '../ports';
import { firstScanProof, scan, type ScanOptions, type ScanResult, type ScanStats } from '../scanner/scan';
import type { WalkIo } from '../scanner/walk';

/** How to scan a workspace: the config plus what only the caller knows. */
export interface WorkspaceScanOptions {
  root: string;
  config: PaydownConfig;
  /** Root-relative or absolute files and folders; the whole workspace when absent. */
  paths?: string[];
  cacheDir?: string;
  signal?: AbortSignal;
  workers?: number;
  /** Git for the root: a re-scan asks it what changed (see gitIndex.ts); null or absent: it stats every file. */
  git?: GitClient | null;
  /** File-system calls of an in-process scan (`workers: 0`); tests inject failures through it. */
  io?: WalkIo;
  /** Files with items as the scan finds them (see `ScanOptions.onFiles`). */
  onFiles?: ScanOptions['onFiles'];
  /** The scan's worker threads' priority (see `ScanOptions.workerNice`). */
  workerNice?: number;
  /** See `ScanOptions.niceCaller`. */
  niceCaller?: boolean;
  /** See `ScanOptions.workingDirectory`. */
  workingDirectory?: string;
}

/** Scans a workspace as its config says. */
export function scanWorkspace(options: WorkspaceScanOptions): Promise<ScanResult> {
  return scan(scanOptionsOf(options));
}

/** After a first scan of the workspace, the re-scan that proves it for the next one (see the scanner's `firstScanProof`). */
export function workspaceScanProof(options: WorkspaceScanOptions, first: ScanStats): (() => Promise<void>) | undefined {
  return firstScanProof(scanOptionsOf(options), first);
}

/** The scan options of a workspace scan. */
export function scanOptionsOf(options: WorkspaceScanOptions): ScanOptions {
  const { config } = options;
  return {
    root: options.root,
    paths: options.paths,
    annotations: config.annotations,
    include: config.scan.include,
    exclude: config.scan.exclude,
    maxFileSize: config.scan.maxFileSize,
    cacheDir: options.cacheDir,
    signal: options.signal,
    workers: options.workers,
    git: options.git ?? undefined,
    io: options.io,
    onFiles: options.onFiles,
    workerNice: options.workerNice,
    niceCaller: options.niceCaller,
    workingDirectory: options.workingDirectory,
  };
}
