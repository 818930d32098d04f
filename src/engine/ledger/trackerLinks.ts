/**
 * Recording what a tracker says about an item's ticket on the item's ledger link.
 *
 * Invariants:
 * - One link per tracker and key; a link is updated in place, never duplicated.
 * - A `tracker` history event is appended only when the link is new or its state changed, so a
 *   sync that re-reads an unchanged ticket appends nothing, and one that finds nothing new about
 *   the link writes nothing at all: the ledger does not churn in git.
 * - Metadata (url, reference, reason, assignees, milestone, what was pushed) is updated without an event; the
 *   link's `syncedAt` moves only when something on the link changed.
 */
import { PaydownError } from '../errors';
import { systemClock, type Clock } from '../ports';
import { canonicalJson } from './format';
import { newEventId } from './ids';
import type { LedgerItem, TrackerLink } from './model';
import { LedgerStore } from './store';

/**
 * What a sync knows about a ticket: the link's identity and whatever it read. A tracker's whole
 * ticket (`RemoteTicket`) fits; only the link's fields are taken from it.
 */
export type TrackerLinkUpdate = Pick<TrackerLink, 'tracker' | 'key'> & Partial<Omit<TrackerLink, 'tracker' | 'key'>>;

/** What recording a link did to one item. */
export type TrackerLinkChange =
  /** The item had no link to this ticket: added, with a `tracker` event. */
  | 'linked'
  /** The ticket's state changed: updated, with a `tracker` event. */
  | 'state-changed'
  /** Other facts changed (assignees, milestone, url, …): updated, no event. */
  | 'updated'
  /** Nothing new: the item is left as it was. */
  | 'unchanged';

/** The item after recording a link, and what changed. */
export interface TrackerLinkResult {
  item: LedgerItem;
  change: TrackerLinkChange;
}

/** Options of {@link recordTrackerLinks}. */
export interface RecordTrackerLinkOptions {
  clock?: Clock;
  /** Who did it (see the Identity port), for the history. */
  by?: string | null;
}

/**
 * `item` with `update` recorded on its link to that ticket (the same object when nothing
 * changes). Fields `update` leaves out keep their recorded value. When the state is new or
 * changed, `stateAt` becomes `update.stateAt` (say, the tracker's closing time), else `at`; an
 * unchanged state keeps its `stateAt`. `syncedAt` becomes `at` whenever the link changes.
 */
export function withTrackerLink(item: LedgerItem, update: TrackerLinkUpdate, at: string, by: string | null): TrackerLinkResult {
  const index = item.trackers.findIndex((t) => t.tracker === update.tracker && t.key === update.key);
  const before = index === -1 ? null : item.trackers[index]!;
  const next: TrackerLink = before ? { ...before } : { tracker: update.tracker, key: update.key, url: null, state: null, stateAt: null };
  // Only the link's own facts: a caller may pass a whole ticket as read from the tracker (title, updatedAt, …).
  if (update.url !== undefined) next.url = update.url;
  if (update.reference !== undefined) next.reference = update.reference;
  if (update.state !== undefined) next.state = update.state;
  if (update.stateReason !== undefined) next.stateReason = update.stateReason;
  if (update.assignees !== undefined) next.assignees = [...update.assignees];
  if (update.milestone !== undefined) next.milestone = update.milestone;
  if (update.pushed !== undefined) next.pushed = { ...update.pushed };
  const stateChanged = before !== null && before.state !== next.state;
  // A state keeps the time it was first seen: re-reading it is not a change.
  if (before === null || stateChanged) next.stateAt = update.stateAt !== undefined ? update.stateAt : next.state === null ? null : at;
  if (before !== null && canonicalJson(withoutSync(before)) === canonicalJson(withoutSync(next))) return { item, change: 'unchanged' };
  next.syncedAt = update.syncedAt ?? at;

  const trackers = [...item.trackers];
  if (index === -1) trackers.push(next);
  else trackers[index] = next;
  const result: LedgerItem = { ...item, trackers };
  if (before === null || stateChanged) {
    result.history = [...item.history, { id: newEventId(), at, type: 'tracker', field: next.key, from: before?.state ?? null, to: next.state, by }];
  }
  return { item: result, change: before === null ? 'linked' : stateChanged ? 'state-changed' : 'updated' };
}

function withoutSync(link: TrackerLink): TrackerLink {
  const { syncedAt: _ignored, ...rest } = link;
  return rest;
}

/** One link to record on one item. */
export interface TrackerLinkRecord {
  itemId: string;
  link: TrackerLinkUpdate;
}

/**
 * Records every link in one locked ledger update (one atomic commit), re-reading each item under
 * the lock so no concurrent edit is lost. Every item must exist: an unknown id throws
 * `ledger-not-found` and nothing is written. Results are in the order given.
 */
export async function recordTrackerLinks(root: string, records: readonly TrackerLinkRecord[], options: RecordTrackerLinkOptions = {}): Promise<TrackerLinkResult[]> {
  const at = (options.clock ?? systemClock).now().toISOString();
  return LedgerStore.open(root).update((tx) => {
    const missing = [...new Set(records.map((r) => r.itemId).filter((id) => !tx.get(id)))];
    if (missing.length > 0) {
      throw new PaydownError('ledger-not-found', `no item ${missing.join(', ')} in the ledger`, 'run `paydown ledger sync` first if the comment is new');
    }
    return records.map(({ itemId, link }) => {
      const result = withTrackerLink(tx.get(itemId)!, link, at, options.by ?? null);
      if (result.change !== 'unchanged') tx.put(result.item);
      return result;
    });
  });
}

/** {@link recordTrackerLinks} for one link. */
export async function recordTrackerLink(root: string, itemId: string, link: TrackerLinkUpdate, options: RecordTrackerLinkOptions = {}): Promise<TrackerLinkResult> {
  const [result] = await recordTrackerLinks(root, [{ itemId, link }], options);
  return result!;
}
