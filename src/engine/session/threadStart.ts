/**
 * Starting the editor's scan thread (thread.ts runs requests on it), and one started ahead of its
 * request ({@link ScanThreadAhead}). Imports nothing of the engine but workerStart.ts: the
 * editor's first stage of activation starts a thread ahead with it, so that the thread's start-up
 * (its bundle loads and compiles: 50–230 ms while a window starts) overlaps the second stage's,
 * and hands it to the sessions (thread.ts `prestartScanThread`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startWorker, type WorkerScript } from '../scanner/workerStart';

/** How long a thread started ahead waits for a request before it stops. */
export const SPARE_IDLE_MS = 30_000;

/** A new scan thread, waiting for its request. */
export function startScanThread(): Worker {
  return startWorker(scanThreadScript());
}

/**
 * A scan thread started before it is needed. Keeps no process alive; stops by itself after
 * `idleMs` unless taken, and at once when disposed untaken.
 */
export class ScanThreadAhead {
  private worker: Worker | undefined;
  private readonly stopIdle: ReturnType<typeof setTimeout>;
  private readonly forget = (): void => {
    this.worker = undefined;
  };

  constructor(idleMs = SPARE_IDLE_MS) {
    try {
      this.worker = startScanThread();
      this.worker.unref();
      // A thread that fails before it is taken is simply not used.
      this.worker.on('error', this.forget);
      this.worker.on('exit', this.forget);
    } catch {
      this.worker = undefined;
    }
    this.stopIdle = setTimeout(() => this.dispose(), idleMs);
    this.stopIdle.unref();
  }

  /** The thread it holds while that runs, still its own (undefined once taken, failed or stopped). */
  get running(): Worker | undefined {
    // threadId is -1 once the thread has stopped, which can be before its 'exit' event.
    return this.worker !== undefined && this.worker.threadId >= 0 ? this.worker : undefined;
  }

  /** The thread, now the caller's (referenced again), or undefined when it failed or stopped. */
  take(): Worker | undefined {
    clearTimeout(this.stopIdle);
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return undefined;
    worker.off('error', this.forget);
    worker.off('exit', this.forget);
    if (worker.threadId < 0) return undefined;
    worker.ref();
    return worker;
  }

  dispose(): void {
    const worker = this.take();
    if (worker) void worker.terminate().catch(() => undefined);
  }
}

function scanThreadScript(): WorkerScript {
  const bundled = path.join(__dirname, 'scanThread.js');
  if (fs.existsSync(bundled)) return { file: bundled, execArgv: [] };
  // From TypeScript sources (tests under tsx).
  return { file: path.join(__dirname, 'scanThread.ts') };
}
