/**
 * The conversation between a scan's pool (workerPool.ts, on the calling thread) and its walkers
 * (walkerSide.ts: on a scan worker thread, scanWorker.ts, or on the calling thread itself): every
 * message either end posts, in one place, imported by both.
 *
 * ```
 * pool                                   worker i
 *  │── init (config, cache, shared flags) ──▶│  loads the cache shards, lowers its priority
 *  │── tasks (subtrees) ────────────────────▶│  walks them depth-first, synchronously
 *  │◀─────────── batch (results, counters) ──│  about every 50 ms while walking
 *  │◀──────────── donate (half its stack) ───│  when HUNGRY > 0: another worker waits
 *  │◀──────────── idle (results, counters) ──│  its stack is empty: the pool may send tasks again
 *  │      … tasks / batch / donate / idle, until the queue is empty and every worker is idle …
 *  │── finish (write the shard or not) ─────▶│  (a large walk wrote parts of it on the way)
 *  │◀────────────────── done (its shards) ───│  the pool terminates every worker after the last done
 * ```
 *
 * Besides messages, the two share an `Int32Array` over a `SharedArrayBuffer` (`init.shared`):
 * {@link HUNGRY}, the number of idle workers waiting for work (the pool sets it, a busy worker
 * takes one off by compare-and-swap before donating), and {@link ABORT}, set once the scan is
 * cancelled or failed (a worker stops at its next walk step; the pool terminates them anyway).
 *
 * Invariants: `counters` are a worker's running totals (the pool keeps the latest per worker and
 * sums them), so a lost batch cannot count twice; `batch` and `idle` carry the results and
 * candidates (`WalkConfig.deferParse`) found since the last one, and a candidates' `bytes` buffer
 * is transferred, not copied; every message is structured-cloneable (tasks carry their ignore
 * chains as data, `TaskData`).
 */
import type { FileResult } from './cache';
import { chainToData, type IgnoreLevelData } from './ignoreRules';
import type { Candidates, WalkConfig, WalkCounters, WalkTask } from './walk';

/** Index in the shared flags of the count of idle workers waiting for work. */
export const HUNGRY = 0;
/** Index in the shared flags of the abort flag (non-zero: stop). */
export const ABORT = 1;
/** Bytes of the shared flags' buffer. */
export const SHARED_FLAGS_BYTES = 8;

/** A walk task as posted between threads: its ignore chain as data. */
export interface TaskData {
  rel: string;
  kind: 'dir' | 'file';
  chain: IgnoreLevelData[];
  dirty: boolean;
}

/** Messages from the pool to a worker. */
export type ToWorker =
  /** First, once: what to walk with, where the cache is, and the shared flags. */
  | { type: 'init'; config: WalkConfig; cacheKey: string; shards: string[]; shardOut: string | null; shared: SharedArrayBuffer; nice?: number }
  /** Subtrees to walk (only to an idle worker). */
  | { type: 'tasks'; tasks: TaskData[] }
  /** Every worker is idle and the queue is empty: write the shard (`write`: something changed) and say done. */
  | { type: 'finish'; write: boolean };

/** Messages from a worker to the pool. */
export type FromWorker =
  /** Results since the last post, while still walking. */
  | { type: 'batch'; results: FileResult[]; counters: WalkCounters; candidates: Candidates | null }
  /** Part of its stack, for the pool's queue (after taking one off {@link HUNGRY}). */
  | { type: 'donate'; tasks: TaskData[] }
  /** The last results of its tasks: it waits for more. */
  | { type: 'idle'; results: FileResult[]; counters: WalkCounters; candidates: Candidates | null }
  /** The answer to `finish`: the shard files it wrote (its parts, in order), or null for none. */
  | { type: 'done'; shards: string[] | null };

/** A task in its postable form. */
export function taskToData(task: WalkTask): TaskData {
  return { rel: task.rel, kind: task.kind, chain: chainToData(task.chain), dirty: task.dirty };
}
