/**
 * Runs walker tasks on worker threads, and on the calling thread as one more walker
 * ({@link LocalWalker}, `PoolRun.local`), and collects their results.
 *
 * Work is handed out as directory subtrees. The pool keeps a queue; a worker that runs out of
 * work says so and waits. Busy workers check a shared "hungry" counter after every directory and,
 * when someone waits, give away the shallow half of their stack (the biggest subtrees) — so
 * both cores stay busy on lopsided trees without a message per directory. Workers post results
 * in batches (about every 50 ms, files with items only), and write their own cache shard at the
 * end. Cancelling terminates the workers at once. The messages and shared flags of the
 * conversation are written down in workerProtocol.ts; the calling thread's walker speaks it too,
 * through the event loop, so the pool treats every walker alike.
 */
import { EventEmitter } from 'node:events';
import type { Worker } from 'node:worker_threads';
import type { FileResult } from './cache';
import type { PackedRecords } from './packedRecords';
import type { Candidates, WalkConfig, WalkCounters, WalkTask } from './walk';
import { emptyCounters } from './walk';
import { WalkerSide } from './walkerSide';
import { ABORT, HUNGRY, SHARED_FLAGS_BYTES, taskToData, type FromWorker, type TaskData, type ToWorker } from './workerProtocol';
import { startWorker, type WorkerScript } from './workerStart';

export { startWorker, type WorkerScript } from './workerStart';


/** What a pool run produced. */
export interface PoolOutcome {
  counters: WalkCounters;
  /** Shard files written, per worker (its parts); null when a worker did not (nothing changed) or could not. */
  shards: Array<string[] | null>;
  /**
   * Settles once every worker thread is gone. The outcome comes as the last worker reports done,
   * before that: the threads tear down on their own cores while the caller goes on.
   */
  stopped: Promise<void>;
}

/** Sums walker counters. */
export function addCounters(into: WalkCounters, from: WalkCounters): void {
  for (const key of Object.keys(into) as Array<keyof WalkCounters>) into[key] += from[key];
}

let liveWorkers = 0;

/** Worker threads of scans currently alive in this process (tests check that none leak). */
export function liveScanWorkers(): number {
  return liveWorkers;
}

/** Options of one pool run. */
export interface PoolRun {
  script: WorkerScript;
  workers: number;
  config: WalkConfig;
  cacheKey: string;
  shards: string[];
  /** Where worker `i` writes its shard, or null for no cache. */
  shardOut: (index: number) => string | null;
  tasks: WalkTask[];
  signal?: AbortSignal;
  onResults: (results: FileResult[], counters: WalkCounters) => void;
  /** Files the workers left to parse (`config.deferParse`), before the batch's results. */
  onCandidates?: (candidates: Candidates) => void;
  /** Workers started ahead (see {@link spawnWorkers}); `workers` and `script` are then theirs. */
  spawned?: SpawnedWorkers;
  /** Each worker thread lowers its own priority to this `nice` value (Linux; see threadPriority.ts). */
  nice?: number;
  /** The calling thread walks too, as one more walker besides the worker threads (see {@link LocalWalker}), from this cache if loaded already. */
  local?: { previous: PackedRecords | undefined };
}

/** What the pool needs of a walker: a worker thread, or the calling thread's own ({@link LocalWalker}). */
interface PoolMember {
  postMessage(msg: ToWorker): void;
  on(event: 'message', listener: (msg: FromWorker) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  once(event: 'exit', listener: () => void): unknown;
  terminate(): Promise<unknown>;
}

/** How long the calling thread walks before it lets the other walkers' messages in (ms). */
const LOCAL_SLICE_MS = 10;

/**
 * The calling thread as one of the pool's walkers. It is otherwise idle for most of a walk (it
 * parses the candidates the walkers send), and each worker thread is one more isolate to start,
 * to compile the walk in and to keep in memory. It walks in slices of {@link LOCAL_SLICE_MS},
 * and its messages come and go through the event loop, in order, as a thread's would.
 */
class LocalWalker extends EventEmitter implements PoolMember {
  private stopped = false;
  private readonly side: WalkerSide;

  constructor(previous: PackedRecords | undefined) {
    super();
    this.side = new WalkerSide({ post: (msg) => this.later(() => this.emit('message', msg)), slices: { ms: LOCAL_SLICE_MS, resume: (next) => this.later(next) }, ownsThread: false, previous });
  }

  postMessage(msg: ToWorker): void {
    this.later(() => this.side.handle(msg));
  }

  terminate(): Promise<number> {
    this.stopped = true;
    return Promise.resolve(0);
  }

  private later(work: () => void): void {
    setImmediate(() => {
      if (this.stopped) return;
      try {
        work();
      } catch (err) {
        this.stopped = true;
        this.emit('error', err);
      }
    });
  }
}

/**
 * Worker threads started before the scan knows its configuration, so that their start-up (a
 * thread, a Node environment, the worker bundle: ~30 ms) overlaps the caller's own preparation.
 * They wait for the pool's `init` message. Hand them to {@link runPool}, or {@link disposeWorkers}.
 */
export interface SpawnedWorkers {
  readonly workers: Worker[];
  /** The first error (or unexpected exit) of a worker before the pool took them over. */
  failure: unknown;
  /** Set once runPool owns them. */
  taken: boolean;
  readonly detach: () => void;
}

/** Starts `count` scan workers now (they idle until a pool run sends them work). */
export function spawnWorkers(script: WorkerScript, count: number): SpawnedWorkers {
  const workers: Worker[] = [];
  const listeners: Array<[Worker, (err: unknown) => void, () => void]> = [];
  const spawned: SpawnedWorkers = {
    workers,
    failure: undefined,
    taken: false,
    detach: () => {
      for (const [w, onError, onExit] of listeners) {
        w.off('error', onError);
        w.off('exit', onExit);
      }
    },
  };
  for (let i = 0; i < Math.max(0, Math.min(count, 64)); i++) {
    const worker = startWorker(script);
    liveWorkers++;
    worker.once('exit', () => liveWorkers--);
    const onError = (err: unknown): void => {
      spawned.failure ??= err;
    };
    const onExit = (): void => {
      spawned.failure ??= new Error('A scan worker stopped unexpectedly');
    };
    worker.on('error', onError);
    worker.once('exit', onExit);
    listeners.push([worker, onError, onExit]);
    workers.push(worker);
  }
  return spawned;
}

/** Stops workers that no pool took over (the scan failed or ran in-process); resolves once they are gone. */
export async function disposeWorkers(spawned: SpawnedWorkers | undefined): Promise<void> {
  if (!spawned || spawned.taken) return;
  spawned.taken = true;
  spawned.detach();
  await Promise.all(spawned.workers.map((w) => w.terminate().catch(() => undefined)));
}

/** Runs `tasks` (and everything below them) on `workers` threads. Rejects with the abort error when aborted. */
export function runPool(run: PoolRun): Promise<PoolOutcome> {
  return new Promise<PoolOutcome>((resolve, reject) => {
    const shared = new SharedArrayBuffer(SHARED_FLAGS_BYTES);
    const flags = new Int32Array(shared);
    const queue: TaskData[] = run.tasks.map(taskToData);
    const count = run.spawned ? run.spawned.workers.length : Math.max(run.local ? 0 : 1, Math.min(run.workers, 64));
    const latest: WalkCounters[] = [];
    const shards: Array<string[] | null> = [];
    const idle = new Set<number>();
    const workers: PoolMember[] = [];
    let finished = 0;
    let settled = false;

    const total = (): WalkCounters => {
      const sum = emptyCounters();
      for (const c of latest) addCounters(sum, c);
      return sum;
    };
    const stopAll = async (): Promise<void> => {
      Atomics.store(flags, ABORT, 1);
      await Promise.all(workers.map((w) => w.terminate().catch(() => undefined)));
    };
    const fail = (err: unknown): void => {
      if (settled) return;
      settled = true;
      run.signal?.removeEventListener('abort', onAbort);
      void stopAll().then(() => reject(err));
    };
    const onAbort = (): void => fail(abortError(run.signal));
    run.signal?.addEventListener('abort', onAbort, { once: true });

    const dispatch = (): void => {
      for (const i of [...idle]) {
        if (queue.length === 0) break;
        const share = Math.max(1, Math.ceil(queue.length / (idle.size || 1)));
        idle.delete(i);
        workers[i]!.postMessage({ type: 'tasks', tasks: queue.splice(0, share) } satisfies ToWorker);
      }
      Atomics.store(flags, HUNGRY, queue.length === 0 ? idle.size : 0);
      if (queue.length === 0 && idle.size === workers.length && !settled) {
        // Nothing listed or read: the old cache already describes the tree; keep it.
        const write = total().changes > 0;
        for (const w of workers) w.postMessage({ type: 'finish', write } satisfies ToWorker);
      }
    };

    const spawned = run.spawned ?? spawnWorkers(run.script, count);
    spawned.taken = true;
    spawned.detach();
    // The calling thread first: it can start walking while the threads still boot.
    const members: PoolMember[] = run.local ? [new LocalWalker(run.local.previous), ...spawned.workers] : spawned.workers;
    for (let i = 0; i < members.length; i++) {
      const worker = members[i]!;
      worker.once('exit', () => {
        if (!settled && shards[i] === undefined) fail(new Error(`A scan worker stopped unexpectedly`));
      });
      worker.on('error', (err) => fail(err));
      worker.on('message', (msg: FromWorker) => {
        if (settled) return;
        switch (msg.type) {
          case 'batch':
            latest[i] = msg.counters;
            if (msg.candidates) run.onCandidates?.(msg.candidates);
            run.onResults(msg.results, total());
            break;
          case 'donate':
            for (const task of msg.tasks) queue.push(task);
            dispatch();
            break;
          case 'idle':
            latest[i] = msg.counters;
            if (msg.candidates) run.onCandidates?.(msg.candidates);
            run.onResults(msg.results, total());
            idle.add(i);
            dispatch();
            break;
          case 'done':
            shards[i] = msg.shards;
            if (++finished === workers.length) {
              settled = true;
              run.signal?.removeEventListener('abort', onAbort);
              const stopped = Promise.all(workers.map((w) => w.terminate().catch(() => undefined))).then(() => undefined);
              resolve({ counters: total(), shards, stopped });
            }
            break;
        }
      });
      worker.postMessage({ type: 'init', config: run.config, cacheKey: run.cacheKey, shards: run.shards, shardOut: run.shardOut(i), shared, nice: run.nice } satisfies ToWorker);
      workers.push(worker);
      latest.push(emptyCounters());
      idle.add(i);
    }
    // A worker started ahead that already failed: its 'error' or 'exit' will not come again.
    if (spawned.failure !== undefined) fail(spawned.failure);
    else dispatch();
  });
}

/** The error a cancelled scan rejects with: `name` is `AbortError`, the signal's reason is its cause. */
export function abortError(signal: AbortSignal | undefined): Error {
  const err = new Error('The scan was cancelled', { cause: signal?.reason });
  err.name = 'AbortError';
  return err;
}
