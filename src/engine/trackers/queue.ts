/**
 * The offline queue: tracker operations that could not run (network down, rate limits, an
 * answer lost) and run first, in the order they were queued, on the next sync or editor start.
 *
 * Invariants:
 * - It lives in the user's state folder, one file per workspace and tracker project, never in
 *   the repository: what one person could not send is not the team's state.
 * - It holds what to do and why it waited — item ids, ticket keys, reasons — and never a token,
 *   a request body or a header.
 * - The plan stays the source of truth: an entry whose operation the plan no longer wants (the
 *   ticket got made elsewhere, the item came back) is dropped, not replayed blindly.
 * - A queue file that cannot be read is set aside (renamed `.corrupt-…`) with a warning, never
 *   lost silently and never fatal.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../ledger/atomic';
import type { Logger } from '../ports';
import type { SyncActionKind } from './plan';

/** One operation waiting to run. */
export interface QueueEntry {
  kind: SyncActionKind;
  itemId: string;
  /** The ticket's key, for operations on an existing ticket. */
  key: string | null;
  /** When it was first queued (ISO 8601). */
  queuedAt: string;
  /** Why it waits, as said to the user (no secret in it). */
  reason: string;
  /** Runs tried so far. */
  attempts: number;
  /** Not before this time (a rate limit's reset), or null. */
  retryAt: string | null;
}

const QUEUE_VERSION = 1;

/** The queue of one workspace's tracker project, stored under `stateDir`. */
export class SyncQueue {
  private constructor(
    readonly file: string,
    private entries: QueueEntry[],
  ) {}

  /** Opens (or starts) the queue of `root` + `project` under `stateDir`. */
  static open(stateDir: string, root: string, project: string, logger: Logger): SyncQueue {
    const hash = createHash('sha256').update(`${path.resolve(root)}\n${project}`).digest('hex').slice(0, 16);
    const file = path.join(stateDir, 'sync-queue', `${hash}.json`);
    return new SyncQueue(file, readEntries(file, logger));
  }

  list(): readonly QueueEntry[] {
    return this.entries;
  }

  /** The entry for `kind` on `itemId`, if queued. */
  find(kind: SyncActionKind, itemId: string): QueueEntry | undefined {
    return this.entries.find((e) => e.kind === kind && e.itemId === itemId);
  }

  /** Replaces the queue with `entries` (in order) and writes it; an empty queue writes an empty list. */
  save(entries: readonly QueueEntry[]): void {
    this.entries = [...entries];
    mkdirSync(path.dirname(this.file), { recursive: true });
    writeFileAtomic(this.file, `${JSON.stringify({ version: QUEUE_VERSION, entries: this.entries }, null, 2)}\n`);
  }
}

function readEntries(file: string, logger: Logger): QueueEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  try {
    const doc = JSON.parse(text) as { version?: unknown; entries?: unknown };
    if (doc.version !== QUEUE_VERSION || !Array.isArray(doc.entries)) throw new Error(`version ${String(doc.version)}`);
    return doc.entries.filter(isEntry);
  } catch (err) {
    const aside = `${file}.corrupt-${Date.now()}`;
    try {
      renameSync(file, aside);
    } catch {
      // Left where it is: the next save replaces it.
    }
    logger.warn(`the sync queue ${file} could not be read (${err instanceof Error ? err.message : String(err)}); set aside as ${aside}, starting an empty queue`);
    return [];
  }
}

function isEntry(v: unknown): v is QueueEntry {
  const e = v as QueueEntry;
  return typeof e === 'object' && e !== null && typeof e.kind === 'string' && typeof e.itemId === 'string' && typeof e.queuedAt === 'string' && typeof e.reason === 'string';
}
