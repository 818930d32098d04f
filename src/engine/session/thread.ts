/**
 * The editor's engine work off its host's thread: a whole-workspace scan or a ledger sync runs on
 * a worker thread of its own (`scanThread.ts`, bundled as `dist/scanThread.js`), which starts the
 * scan's own workers as the CLI would. The editor host's thread is shared with every other
 * extension, and at window start-up it is busy for seconds: a re-scan that runs in 8 ms slices
 * there (the git-assisted path, the summary check) waits behind all of them.
 *
 * Priority: the scan's worker threads (a first scan's seconds of reading on every core) lower
 * their own priority to `nice` on Linux, so they give way to the editor; the thread itself keeps
 * the editor's priority, since its work is short (a re-scan: git's answer, the summary, folder
 * stats) and a starved re-scan is a Debt view that stays empty for seconds after a reload.
 * Elsewhere `setpriority` would lower the whole process, so it is not called.
 *
 * Start-up: a thread takes 50–230 ms to start (its bundle loads and compiles while the editor
 * starts too), so the editor starts one ahead of its first request: its activation does
 * (threadStart.ts `ScanThreadAhead`), and hands it over ({@link prestartScanThread}). The next
 * request takes it; one left untaken stops by itself.
 *
 * Invariants: one thread per request, gone when the request settles, or, after a first scan, once
 * it has proved that scan's result for the next one (threadProtocol.ts, "Proving"; such threads are
 * stopped when the next request starts: they would only compete with it); an aborted request
 * rejects at once with an `AbortError` and its thread is told to stop (cache writes are atomic, so a
 * thread stopped mid-way leaves the cache as it was or complete); errors keep their `PaydownError` reason.
 * The messages are written down in threadProtocol.ts.
 */
import type { Worker } from 'node:worker_threads';
import type { PaydownConfig } from '../config/config';
import type { GitEnvironment } from '../git/run';
import type { LedgerChangeSet } from '../ledger/sync';
import type { FileResult } from '../scanner/cache';
import type { ScanResult } from '../scanner/scan';
import { abortError } from '../scanner/workerPool';
import { fromThreadError, putBackStreamed, type ThreadReply, type ThreadRequest } from './threadProtocol';
import { ScanThreadAhead, startScanThread } from './threadStart';

/** How the thread runs. */
export interface ThreadOptions {
  /** Its scan workers' `nice` value on Linux (0 keeps the caller's priority). */
  nice?: number;
  /**
   * The environment the thread's own git client runs in (the shell's: a client cannot cross
   * threads). Absent or null: the thread works without git (a re-scan stats every file; a sync
   * finds renames by content and records no removal commits).
   */
  gitEnv?: GitEnvironment | null;
}

/** Scans `root` on a thread of its own; `onFiles` receives files with items as they are found. */
export function scanOffThread(
  request: { root: string; config: PaydownConfig; cacheDir?: string },
  options: ThreadOptions & { signal?: AbortSignal; onFiles?: (files: readonly FileResult[]) => void },
): Promise<ScanResult> {
  const { onFiles } = options;
  const streamed: FileResult[] = [];
  const onStreamed = onFiles
    ? (files: readonly FileResult[]): void => {
        for (const f of files) streamed.push(f);
        onFiles(files);
      }
    : undefined;
  return run({ type: 'scan', ...request, stream: onFiles !== undefined, nice: options.nice ?? 0, gitEnv: options.gitEnv ?? null }, options.signal, onStreamed).then((reply) => {
    if (reply.type !== 'scanned') throw new Error(`The scan thread answered ${reply.type}`);
    return putBackStreamed(reply, streamed);
  });
}

/** Syncs the ledger of `root` on a thread of its own (so its scan shares the thread's cache key). */
export function syncOffThread(
  request: { root: string; config: PaydownConfig; cacheDir?: string; dryRun: boolean },
  options: ThreadOptions & { signal?: AbortSignal } = {},
): Promise<LedgerChangeSet> {
  return run({ type: 'sync', ...request, nice: options.nice ?? 0, gitEnv: options.gitEnv ?? null }, options.signal).then((reply) => {
    if (reply.type !== 'synced') throw new Error(`The scan thread answered ${reply.type}`);
    return reply.changes;
  });
}

/** The thread started ahead of the next request, while it runs. */
let spare: ScanThreadAhead | undefined;

/**
 * Starts the thread the next scan or sync will run on, so that its start-up overlaps what the
 * caller does before asking (opening its sessions), or keeps `started`, one the caller started
 * even earlier (the editor's first stage of activation). Keeps no process alive; stops after
 * `idleMs` (default 30 s: threadStart.ts `SPARE_IDLE_MS`) if no request came. Returns the
 * waiting thread (undefined if none could start: the request then starts its own and says why).
 */
export function prestartScanThread(options: { idleMs?: number; started?: ScanThreadAhead } = {}): Worker | undefined {
  const waiting = spare?.running;
  if (waiting) {
    if (options.started !== spare) options.started?.dispose();
    return waiting;
  }
  spare = options.started?.running ? options.started : new ScanThreadAhead(options.idleMs);
  return spare.running;
}

/** The thread started ahead, if it is still running; else a new one. */
function takeThread(): Worker {
  const taken = spare?.take();
  spare = undefined;
  return taken ?? startScanThread();
}

/** Threads proving their first scan's result after answering (one per folder of a multi-root window at most). */
const proving = new Set<Worker>();

function stopProving(): void {
  for (const worker of proving) void worker.terminate().catch(() => undefined);
  proving.clear();
}

/** Keeps `worker` until it has proved its scan's result, without keeping the process alive for it. */
function letProve(worker: Worker): void {
  proving.add(worker);
  worker.unref();
  const done = (): void => {
    if (proving.delete(worker)) void worker.terminate().catch(() => undefined);
  };
  worker.on('message', (reply: ThreadReply) => {
    if (reply.type === 'proved' || reply.type === 'failed') done();
  });
  worker.on('error', done);
  worker.on('exit', done);
}

function run(request: ThreadRequest, signal: AbortSignal | undefined, onFiles?: (files: readonly FileResult[]) => void): Promise<ThreadReply> {
  if (signal?.aborted) return Promise.reject(abortError(signal));
  stopProving();
  return new Promise<ThreadReply>((resolve, reject) => {
    let worker: Worker;
    try {
      worker = takeThread();
    } catch (err) {
      reject(err);
      return;
    }
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = (): void =>
      settle(() => {
        // The thread stops at its next slice; its scan workers end with it.
        worker.postMessage({ type: 'abort' } satisfies ThreadRequest);
        void worker.terminate().catch(() => undefined);
        reject(abortError(signal));
      });
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (reply: ThreadReply) => {
      if (settled) return;
      if (reply.type === 'files') {
        onFiles?.(reply.files);
        return;
      }
      settle(() => {
        if (reply.type === 'scanned' && reply.proving) letProve(worker);
        else void worker.terminate().catch(() => undefined);
        if (reply.type === 'failed') reject(fromThreadError(reply.error));
        else resolve(reply);
      });
    });
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', (code) => settle(() => reject(new Error(`The scan thread stopped unexpectedly (exit code ${code})`))));
    worker.postMessage(request);
  });
}

