/**
 * The JSON document of `paydown export --format json` (envelope: ../jsonEnvelope.ts): here in the
 * engine so the CLI and the editor's panel save the very same document.
 */
import type { OutcomeConfig } from '../config/planning';
import type { Interest } from '../interest/interest';
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
  /** The interest window (first-parent history) and each exported item's interest, by id. */
  interest: { days: number; since: string; items: Record<string, Interest> };
}

/**
 * `selected` (the engine's export selection, in its order) as the shared items of `listed`, which
 * holds every one of them.
 */
export function exportJson(
  selected: readonly ExportItem[],
  listed: readonly ListedItem[],
  options: { generatedAt: string; status: readonly ItemStatus[]; sprint: string | null; outcomes: readonly OutcomeConfig[]; interest: { days: number; since: string } },
): ExportJson {
  const byId = new Map(listed.map((l) => [l.item.id, l]));
  const { days, since } = options.interest;
  // The shared item shape stays the same in every document; interest sits beside it, as in `ledger list --sort interest`.
  const interest = Object.fromEntries(selected.map((e) => [e.id, e.interest ?? { commits: 0, lines: 0, days, topShare: 1, score: 0 }]));
  return {
    generatedAt: options.generatedAt,
    filter: { status: [...options.status], sprint: options.sprint },
    items: selected.map((e) => ledgerItemJson(byId.get(e.id)!, options.outcomes)),
    interest: { days, since, items: interest },
  };
}

/** The whole `export` document as text (envelope and payload, two-space indented, ending in a newline). */
export function exportJsonText(selected: readonly ExportItem[], listed: readonly ListedItem[], options: Parameters<typeof exportJson>[2]): string {
  return `${JSON.stringify({ ...jsonEnvelope('export'), ...exportJson(selected, listed, options) }, null, 2)}\n`;
}
