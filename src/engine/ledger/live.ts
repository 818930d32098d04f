/**
 * Ledger items as lists show them: the ledger's facts with the comment's live position and
 * metadata, matched from a (cached) scan without writing anything. Lines in the ledger are only
 * rewritten when an item changes (so branches never conflict over shifted lines): this is where
 * live lines come from.
 */
import type { CellPosition, DebtItem } from '../model';
import type { ScanResult } from '../scanner/scan';
import { ledgerCellOf, type ItemStatus, type LedgerItem } from './model';
import { reconcile } from './reconcile';
import type { LedgerSnapshot } from './store';

/** A ledger item as lists show it: the ledger's facts with the comment's live position and metadata. */
export interface ListedItem {
  item: LedgerItem;
  /** The comment as scanned now; null when it is no longer in the code (resolved) or not matched. */
  comment: DebtItem | null;
  /** Live position when the comment is in the code, else the last seen one. */
  file: string;
  line: number;
  /** In a Jupyter notebook: the place in its cell, live or last seen; null for every other file. */
  cell: CellPosition | null;
}

/** `item` as lists show it: at its comment's live place, or without one (gone, or not scanned) where the ledger last saw it. */
export function listedItem(item: LedgerItem, comment: DebtItem | null): ListedItem {
  if (comment) return { item, comment, file: comment.file, line: comment.line, cell: comment.cell ?? null };
  return { item, comment: null, file: item.file, line: item.line, cell: ledgerCellOf(item) };
}

/** Filters of `ledger list`; every given filter must match. */
export interface ItemFilter {
  status?: readonly ItemStatus[];
  tag?: readonly string[];
  owner?: readonly string[];
  label?: readonly string[];
  sprint?: readonly string[];
  outcome?: readonly string[];
}

/** Every ledger item with its live position and the comment's owners and labels (see the module comment). */
export function overlayLive(snapshot: LedgerSnapshot, scanned: ScanResult | null): ListedItem[] {
  const comments = new Map<string, DebtItem>();
  if (scanned) {
    const { matches } = reconcile({ scanned: scanned.items, ledger: snapshot.items, now: new Date(0).toISOString(), commit: null });
    for (const match of matches) if (match.kind !== 'new') comments.set(match.id, scanned.items[match.index]!);
  }
  return snapshot.items.map((item) => {
    const comment = item.status === 'resolved' ? null : (comments.get(item.id) ?? null);
    return listedItem(item, comment);
  });
}

/** The items that pass every filter in `filter` (case-insensitive for names). */
export function filterItems(items: readonly ListedItem[], filter: ItemFilter): ListedItem[] {
  const has = (wanted: readonly string[] | undefined, values: readonly (string | null)[]): boolean =>
    !wanted?.length || values.some((v) => v !== null && wanted.some((w) => w.toLowerCase() === v.toLowerCase()));
  return items.filter(
    ({ item, comment }) =>
      (!filter.status?.length || filter.status.includes(item.status)) &&
      has(filter.tag, [item.tag]) &&
      has(filter.owner, comment?.owners ?? []) &&
      has(filter.label, comment?.labels ?? []) &&
      has(filter.sprint, [item.sprint]) &&
      has(filter.outcome, [item.outcome.value]),
  );
}
