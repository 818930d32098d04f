import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import * as vscode from 'vscode';
import { DEFAULT_ANNOTATION_OPTIONS } from '../engine/model';
import type { ScanProgress, ScanResult } from '../engine/scanner/scan';
import { scan } from '../engine/scanner/scan';
import { PaydownError } from '../engine/errors';
import type { ScanSummary } from './api';

/** What the status bar and the test API see of the scanner. */
export type ScannerState =
  | { kind: 'idle' }
  | { kind: 'scanning'; progress: ScanProgress | undefined }
  | { kind: 'done'; summary: ScanSummary }
  | { kind: 'failed'; error: Error };

/**
 * Scans every `file:` workspace folder with the engine (worker threads, so the extension host
 * stays responsive) and keeps the latest summary. A new scan cancels the running one; disposing
 * cancels too.
 */
export class WorkspaceScanner implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ScannerState>();
  /** Fires whenever the state changes, including progress while scanning. */
  readonly onDidChangeState = this.changed.event;

  private current: ScannerState = { kind: 'idle' };
  private controller: AbortController | undefined;
  private running: Promise<ScanSummary> | undefined;
  private last: Promise<ScanSummary> | undefined;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    /** Folder for the engine's incremental cache, or undefined for none. */
    private readonly cacheRoot: string | undefined,
  ) {}

  get state(): ScannerState {
    return this.current;
  }

  /**
   * The summary of the running scan, else of the last one; starts one when there has been none.
   * When the awaited scan is cancelled by a newer one, waits for that one instead.
   */
  async whenScanned(): Promise<ScanSummary> {
    for (;;) {
      const run = this.running ?? this.last ?? this.rescan();
      try {
        return await run;
      } catch (err) {
        if (!this.running || this.running === run) throw err;
      }
    }
  }

  /** Cancels any running scan and starts a new one over all workspace folders. */
  rescan(): Promise<ScanSummary> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const run = this.scanAll(controller.signal);
    this.running = run;
    // The summary promise is also handed to callers; this handler only tracks state, so a
    // failed or cancelled scan is never an unhandled rejection.
    run.then(
      (summary) => {
        if (this.controller !== controller) return;
        this.finish(run, { kind: 'done', summary });
      },
      (err: unknown) => {
        if (this.controller !== controller) return;
        if (isAbort(err, controller.signal)) {
          this.finish(run, { kind: 'idle' });
          return;
        }
        const error = err instanceof Error ? err : new Error(String(err));
        this.log.error(`Scan failed: ${error.message}`, error);
        this.finish(run, { kind: 'failed', error });
      },
    );
    return run;
  }

  dispose(): void {
    this.controller?.abort();
    this.controller = undefined;
    this.changed.dispose();
  }

  private finish(run: Promise<ScanSummary>, state: ScannerState): void {
    this.running = undefined;
    this.last = run;
    this.controller = undefined;
    this.setState(state);
  }

  private setState(state: ScannerState): void {
    this.current = state;
    this.changed.fire(state);
  }

  private async scanAll(signal: AbortSignal): Promise<ScanSummary> {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
    this.setState({ kind: 'scanning', progress: undefined });
    const started = Date.now();
    const totals: ScanSummary = { count: 0, byTag: {}, problems: 0, folders: folders.length, files: 0, durationMs: 0 };
    // Progress of the folders already done, added to the running folder's own.
    const base: ScanProgress = { filesSeen: 0, filesScanned: 0, itemsFound: 0 };
    for (const folder of folders) {
      const root = folder.uri.fsPath;
      this.log.info(`Scanning ${root}`);
      const result: ScanResult = await scan({
        root,
        annotations: DEFAULT_ANNOTATION_OPTIONS,
        cacheDir: await this.cacheDirFor(folder),
        signal,
        onProgress: (p) => {
          if (signal.aborted) return;
          this.setState({
            kind: 'scanning',
            progress: {
              filesSeen: base.filesSeen + p.filesSeen,
              filesScanned: base.filesScanned + p.filesScanned,
              itemsFound: base.itemsFound + p.itemsFound,
            },
          });
        },
      });
      signal.throwIfAborted();
      const { stats } = result;
      this.log.info(
        `Scanned ${root}: ${result.items.length} items, ${result.problems.length} problems in ${stats.files} files ` +
          `(${stats.filesRead} read, ${stats.filesFromCache} cached) in ${stats.durationMs} ms`,
      );
      for (const item of result.items) totals.byTag[item.tag] = (totals.byTag[item.tag] ?? 0) + 1;
      totals.count += result.items.length;
      totals.problems += result.problems.length;
      totals.files += stats.files;
      base.filesSeen += stats.files;
      base.filesScanned += stats.files;
      base.itemsFound += result.items.length;
    }
    totals.durationMs = Date.now() - started;
    return totals;
  }

  /** One cache folder per workspace folder, so multi-root workspaces do not share entries. */
  private async cacheDirFor(folder: vscode.WorkspaceFolder): Promise<string | undefined> {
    if (!this.cacheRoot) return undefined;
    const key = createHash('sha256').update(folder.uri.toString()).digest('hex').slice(0, 16);
    const dir = path.join(this.cacheRoot, 'scan-cache', key);
    try {
      await mkdir(dir, { recursive: true });
      return dir;
    } catch (err) {
      this.log.warn(`No scan cache: cannot create ${dir}: ${String(err)}`);
      return undefined;
    }
  }
}

function isAbort(err: unknown, signal: AbortSignal): boolean {
  return (
    signal.aborted ||
    PaydownError.is(err, 'aborted') ||
    (err instanceof Error && err.name === 'AbortError')
  );
}
