/**
 * The conversation between the editor's session (thread.ts, on the extension host's thread) and
 * its scan thread (scanThread.ts): every message either end posts, in one place, imported by both.
 *
 * ```
 * session                                     scan thread (one per request)
 *  │── scan | sync (root, config, cache, nice) ──▶│  runs it as the CLI would, its scan workers at `nice`
 *  │◀──────────────── files (a scan's files) ─────│  only with `stream`; at most one batch per 100 ms
 *  │◀──── scanned | synced | failed (once) ───────│  the answer; the session then terminates the thread
 *  │                                              │  (a streamed scan's answer leaves out what `files` carried)
 *  │◀──────────────── proved ─────────────────────│  only after `scanned` with `proving`: the first scan's
 *  │                                              │  proof is kept (see below); the session terminates the thread then
 *  │── abort ────────────────────────────────────▶│  at any time: the thread stops at its next slice
 * ```
 *
 * Invariants: one request per thread, and exactly one answer (`scanned` for `scan`, `synced` for
 * `sync`, or `failed`); `files` come only before it, `proved` only after a `scanned` that said
 * `proving`. Errors cross as {@link ThreadError}, which keeps a `PaydownError`'s reason, hint and
 * details. Every message is structured-cloneable.
 *
 * Proving: a first scan does not ask git, so the next window's scan would take the long way (git,
 * the index, the whole cache) before it could keep the summary that makes later ones quick. After
 * answering a first scan, the thread runs that re-scan itself, while the editor has nothing to
 * wait for (scanner/scan.ts `firstScanProof`). The session may terminate it at any point: cache
 * writes are atomic.
 */
import type { PaydownConfig } from '../config/config';
import { PaydownError, type PaydownErrorReason } from '../errors';
import type { GitEnvironment } from '../git/run';
import type { LedgerChangeSet } from '../ledger/sync';
import type { FileResult } from '../scanner/cache';
import { sortedFindings, type ScanResult } from '../scanner/scan';

/** A request to the thread. */
export type ThreadRequest =
  /** Scan `root`; with `stream`, post the files found as they come. */
  | { type: 'scan'; root: string; config: PaydownConfig; cacheDir?: string; stream: boolean; nice: number; gitEnv: GitEnvironment | null }
  /** Sync the ledger of `root` (`git: 'none'`: without git). */
  | { type: 'sync'; root: string; config: PaydownConfig; cacheDir?: string; dryRun: boolean; nice: number; gitEnv: GitEnvironment | null }
  /** Stop the running request. */
  | { type: 'abort' };

/** An error as it crosses threads. */
export interface ThreadError {
  name: string;
  message: string;
  reason?: PaydownErrorReason;
  hint?: string;
  details?: readonly string[];
}

/** What the thread posts back. */
export type ThreadReply =
  /** Files with items or problems found so far (a streamed scan only). */
  | { type: 'files'; files: FileResult[] }
  /**
   * With `streamed`, the result's items and problems are exactly those of the `files` before it
   * and are left out of it ({@link leaveOutStreamed}): the session sorts them back in
   * ({@link putBackStreamed}) rather than receiving thousands of items twice.
   */
  | { type: 'scanned'; result: ScanResult; streamed?: boolean; proving?: boolean }
  /** The thread has kept the proof of a first scan's result, or given up on it; it has nothing left to do. */
  | { type: 'proved' }
  | { type: 'synced'; changes: LedgerChangeSet }
  | { type: 'failed'; error: ThreadError };

/** An error in the form that crosses threads. */
export function toThreadError(err: unknown): ThreadError {
  if (PaydownError.is(err)) return { name: err.name, message: err.message, reason: err.reason, hint: err.hint, details: err.details };
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { name: 'Error', message: String(err) };
}

/** The error a {@link ThreadError} stands for: a `PaydownError` again when it had a reason. */
export function fromThreadError(error: ThreadError): Error {
  if (error.reason) return new PaydownError(error.reason, error.message, error.hint, { details: error.details });
  const err = new Error(error.message);
  err.name = error.name;
  return err;
}

/** What the streamed files of a scan held so far: counted on the thread as they are posted. */
export interface StreamedCount {
  items: number;
  problems: number;
}

/**
 * The `scanned` reply of a scan whose files were streamed. Every file with an item or a problem
 * goes to `onFiles` exactly once, so equal counts mean the stream carried all of the result's;
 * otherwise (files named on a command line, a summary that walked nothing) the result goes whole.
 */
export function leaveOutStreamed(result: ScanResult, streamed: StreamedCount): Extract<ThreadReply, { type: 'scanned' }> {
  if (streamed.items !== result.items.length || streamed.problems !== result.problems.length) return { type: 'scanned', result };
  return { type: 'scanned', result: { ...result, items: [], problems: [] }, streamed: true };
}

/** The whole result again from a `scanned` reply and the files streamed before it. */
export function putBackStreamed(reply: Extract<ThreadReply, { type: 'scanned' }>, files: readonly FileResult[]): ScanResult {
  return reply.streamed ? { ...reply.result, ...sortedFindings(files) } : reply.result;
}
