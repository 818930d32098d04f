/** The JSON payload of `paydown export --format json` (see jsonDocument.ts). */
import type { ItemStatus, ListedItem, OutcomeConfig } from '../../engine';
import type { ExportItem } from '../../engine';
import { ledgerItemJson, type LedgerItemJson } from './itemJson';

/** `export`: the selected items, sorted by id, in the shared item shape. */
export interface ExportJson {
  /** When the export was made (ISO 8601, UTC). */
  generatedAt: string;
  /** What the export holds: these statuses, and the items of this sprint (null: every sprint and none). */
  filter: { status: ItemStatus[]; sprint: string | null };
  items: LedgerItemJson[];
}

/**
 * `selected` (the engine's export selection, in its order) as the shared items of `listed`, which
 * holds every one of them.
 */
export function exportJson(selected: readonly ExportItem[], listed: readonly ListedItem[], options: { generatedAt: string; status: readonly ItemStatus[]; sprint: string | null; outcomes: readonly OutcomeConfig[] }): ExportJson {
  const byId = new Map(listed.map((l) => [l.item.id, l]));
  return {
    generatedAt: options.generatedAt,
    filter: { status: [...options.status], sprint: options.sprint },
    items: selected.map((e) => ledgerItemJson(byId.get(e.id)!, options.outcomes)),
  };
}
