/**
 * Editing ledger items by hand (status, sprint, estimates, outcome) from the editor or the CLI:
 * one history event per changed field, stamped with the time and the person, under the lock.
 * The open ⇄ scheduled rule of sprint assignment lives here, so every way of editing follows it.
 */
import { PaydownError } from '../errors';
import type { Impact } from '../model';
import { systemClock, type Clock } from '../ports';
import { newEventId } from './ids';
import type { ItemStatus, LedgerEvent, LedgerItem } from './model';
import { LedgerStore } from './store';

/** What can be edited on an item from the UI or the CLI; `null` clears a value. */
export interface ItemPatch {
  status?: ItemStatus;
  /** Points. */
  effort?: number | null;
  impact?: Impact | null;
  sprint?: string | null;
  outcome?: string | null;
}

export interface EditOptions {
  clock?: Clock;
  /** Who made the edit (see the Identity port), for the history. */
  by?: string | null;
}

/**
 * Applies `patch` to item `id` under the ledger lock, with one history event per changed field.
 * Assigning an open item to a sprint schedules it; taking a scheduled item out opens it again.
 * Edited estimates win over the comment's until the comment's own value changes.
 */
export async function editItem(root: string, id: string, patch: ItemPatch, options: EditOptions = {}): Promise<LedgerItem> {
  const store = LedgerStore.open(root);
  return store.update((tx) => {
    const item = tx.get(id);
    if (!item) throw new PaydownError('ledger-not-found', `no item ${id} in the ledger`, 'list the ids with `paydown ledger list`');
    const edited = applyPatch(item, patch, (options.clock ?? systemClock).now().toISOString(), options.by ?? null);
    if (edited !== item) tx.put(edited);
    return edited;
  });
}

/** The item with `patch` applied and its events appended; the same object when nothing changes. */
export function applyPatch(item: LedgerItem, patch: ItemPatch, at: string, by: string | null): LedgerItem {
  const events: LedgerEvent[] = [];
  const event = (e: Omit<LedgerEvent, 'id' | 'at' | 'by'>): void => {
    events.push({ id: newEventId(), at, ...e, by });
  };
  const next: LedgerItem = { ...item };

  if (patch.sprint !== undefined && patch.sprint !== item.sprint) {
    event({ type: 'sprint', from: item.sprint, to: patch.sprint });
    next.sprint = patch.sprint;
    if (patch.status === undefined) {
      if (patch.sprint !== null && item.status === 'open') patch = { ...patch, status: 'scheduled' };
      if (patch.sprint === null && item.status === 'scheduled') patch = { ...patch, status: 'open' };
    }
  }
  if (patch.status !== undefined && patch.status !== item.status) {
    event({ type: 'status', from: item.status, to: patch.status });
    next.status = patch.status;
    if (patch.status === 'resolved') next.resolved = { at, commit: null, author: by };
    else if (item.status === 'resolved') next.resolved = null;
  }
  for (const field of ['effort', 'impact', 'outcome'] as const) {
    const value = patch[field];
    if (value === undefined || value === item[field].value) continue;
    event({ type: 'field', field, from: item[field].value, to: value });
    // The comment's value is remembered so a later change in the comment wins again.
    (next[field] as LedgerItem[typeof field]) = { value, source: 'ui', comment: item[field].comment } as LedgerItem[typeof field];
  }
  if (events.length === 0) return item;
  next.history = [...item.history, ...events];
  return next;
}
