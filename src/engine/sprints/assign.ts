/**
 * Assigning items to sprints and taking them out: one locked ledger update for all the ids,
 * each change made by the ledger's own `applyPatch` (so history events and the open ⇄ scheduled
 * rule live in one place).
 */
import { PaydownError } from '../errors';
import { agree } from '../present';
import { LedgerStore } from '../ledger/store';
import { applyPatch } from '../ledger/edit';
import { systemClock, type Clock } from '../ports';
import type { LedgerItem } from '../ledger/model';

/** What happened to one id. */
export interface AssignOutcome {
  id: string;
  /** `assigned` / `unassigned`: changed; `unchanged`: already so; `skipped`: see `reason`. */
  result: 'assigned' | 'unassigned' | 'unchanged' | 'skipped';
  /** The sprint it was in before. */
  from: string | null;
  to: string | null;
  /** Why it was skipped, or a caution (e.g. the item is resolved or wont-fix). */
  reason?: string;
  item: LedgerItem;
}

export interface AssignOptions {
  clock?: Clock;
  /** Who did it, for the history. */
  by?: string | null;
  /**
   * Only assign items that are still open and in no sprint (auto-fill's accept: someone may
   * have planned them since the proposal was made); others are skipped, not moved.
   */
  onlyIfUnplanned?: boolean;
}

/**
 * Sets the sprint of every id to `sprint` (null takes them out) in one atomic ledger update.
 * Every id must exist: an unknown one throws `ledger-not-found` and nothing is written.
 */
export async function assignItems(root: string, ids: readonly string[], sprint: string | null, options: AssignOptions = {}): Promise<AssignOutcome[]> {
  const store = LedgerStore.open(root);
  const at = (options.clock ?? systemClock).now().toISOString();
  return store.update((tx) => {
    const missing = ids.filter((id) => !tx.get(id));
    if (missing.length > 0) {
      throw new PaydownError('ledger-not-found', `no ${agree(missing.length, 'item')} ${missing.join(', ')} in the ledger`, 'list the ids with `paydown ledger list` (run `paydown ledger sync` first if the comment is new)');
    }
    const outcomes: AssignOutcome[] = [];
    for (const id of new Set(ids)) {
      const item = tx.get(id)!;
      const from = item.sprint;
      if (options.onlyIfUnplanned && (item.status !== 'open' || item.sprint !== null)) {
        outcomes.push({ id, result: 'skipped', from, to: sprint, reason: `it is ${item.status}${item.sprint ? ` in ${item.sprint}` : ''} now`, item });
        continue;
      }
      const edited = applyPatch(item, { sprint }, at, options.by ?? null);
      if (edited !== item) tx.put(edited);
      const caution = item.status === 'resolved' || item.status === 'wont-fix' ? `it is ${item.status}` : undefined;
      const result = edited === item ? 'unchanged' : sprint === null ? 'unassigned' : 'assigned';
      outcomes.push({ id, result, from, to: sprint, ...(caution ? { reason: caution } : {}), item: edited });
    }
    return outcomes;
  });
}
