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

let waiting = 0;

/** Threads started ahead that wait, untaken, in this process (tests check who starts one). */
export function scanThreadsAhead(): number {
  return waiting;
}

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
  // A thread that fails before it is taken is simply not used.
  private readonly forget = (): void => void this.release();

  constructor(idleMs = SPARE_IDLE_MS) {
    try {
      this.worker = startScanThread();
      waiting++;
      this.worker.unref();
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
    const worker = this.release();
    if (!worker || worker.threadId < 0) return undefined;
    worker.ref();
    return worker;
  }

  dispose(): void {
    const worker = this.release();
    if (worker) void worker.terminate().catch(() => undefined);
  }

  /** The thread, no longer this one's: no idle stop, no listeners, not counted as waiting. */
  private release(): Worker | undefined {
    clearTimeout(this.stopIdle);
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return undefined;
    waiting--;
    worker.off('error', this.forget);
    worker.off('exit', this.forget);
    return worker;
  }
}

function scanThreadScript(): WorkerScript {
  const bundled = path.join(__dirname, 'scanThread.js');
  if (fs.existsSync(bundled)) return { file: bundled, execArgv: [] };
  // From TypeScript sources (tests under tsx).
  return { file: path.join(__dirname, 'scanThread.ts') };
}
