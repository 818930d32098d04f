/** The items sprint planning reads: ledger items, optionally with their live comment (positions, due date). */
import { ledgerCellOf, type LedgerItem } from '../ledger/model';
import type { ListedItem } from '../ledger/live';
import type { CellPosition } from '../model';

/** A ledger item alone, or as `overlayLive` lists it (live position, and the comment's `due:`). */
export type PlanningItemInput = LedgerItem | ListedItem;

/** The fields planning needs from either shape. */
export interface PlanningItem {
  item: LedgerItem;
  file: string;
  line: number;
  /** In a Jupyter notebook: the place in its cell, live or last seen. */
  cell: CellPosition | null;
  /** The comment's `due:` date, when the comment is in the code. */
  due: string | null;
}

export function toPlanningItem(input: PlanningItemInput): PlanningItem {
  if ('item' in input) return { item: input.item, file: input.file, line: input.line, cell: input.cell, due: input.comment?.due ?? null };
  return { item: input, file: input.file, line: input.line, cell: ledgerCellOf(input), due: null };
}
