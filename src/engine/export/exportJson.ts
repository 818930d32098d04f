/**
 * The JSON document of `paydown export --format json` (envelope: ../jsonEnvelope.ts): here in the
 * engine so the CLI and the editor's panel save the very same document.
 */
import type { OutcomeConfig } from '../config/planning';
import { jsonEnvelope } from '../jsonEnvelope';
import type { ListedItem } from '../ledger/live';
import type { ItemStatus } from '../ledger/model';
import type { ExportItem } from './items';
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

/** The whole `export` document as text (envelope and payload, two-space indented, ending in a newline). */
export function exportJsonText(selected: readonly ExportItem[], listed: readonly ListedItem[], options: Parameters<typeof exportJson>[2]): string {
  return `${JSON.stringify({ ...jsonEnvelope('export'), ...exportJson(selected, listed, options) }, null, 2)}\n`;
}
