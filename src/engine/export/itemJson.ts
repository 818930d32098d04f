/**
 * The one JSON shape of a ledger item, shared by every document that lists items (`ledger
 * list/show/set/sync`, `export`, `budget`, `sprint plan/assign/unassign`): the ledger's facts, the
 * live comment's position and metadata when the command read it, and the outcome as budgets and
 * reviews count it. Schema: `common.schema.json#/$defs/ledgerItem`.
 */
import type { OutcomeConfig } from '../config/planning';
import { listedItem, type ListedItem } from '../ledger/live';
import type { ItemStatus, LedgerEvent, LedgerItem } from '../ledger/model';
import type { CellPosition, Impact } from '../model';
import { toExportItem } from './items';

/** A field whose value was edited (`ledger set`, the editor) rather than read from the comment. */
export type EditableField = 'effort' | 'impact' | 'outcome';

/** A ledger item as every JSON document shows it. */
export interface LedgerItemJson {
  id: string;
  status: ItemStatus;
  tag: string;
  title: string;
  /** The comment's body lines joined with `\n`; empty when there is none or the command did not read the comment. */
  body: string;
  /** Where the comment is (or was last seen): workspace-relative, `/` separators, 1-based line. */
  file: string;
  line: number;
  /** 1-based; null when the comment is not in the code now or the command did not read it. */
  column: number | null;
  /** In a Jupyter notebook: its cell (from 0) and the tag's place there, live or last seen. */
  cell?: CellJson;
  /** Points, or null when unestimated. */
  effort: number | null;
  impact: Impact | null;
  sprint: string | null;
  /** The item's own outcome, else the one its labels or path map to in the config. */
  outcome: string | null;
  /** Fields whose value comes from an edit rather than the comment, in this order. */
  edited: EditableField[];
  owners: string[];
  labels: string[];
  /** `YYYY-MM-DD`, from the comment's `due:`. */
  due: string | null;
  /** Tracker keys from the ledger and references written in the comment, without duplicates. */
  issueRefs: string[];
  /** The ledger's links; fields a link has not recorded yet (before its first sync, or schema 1.1) are null or empty. */
  trackers: {
    tracker: string;
    key: string;
    reference: string | null;
    url: string | null;
    state: string | null;
    stateReason: string | null;
    stateAt: string | null;
    assignees: string[];
    milestone: string | null;
    syncedAt: string | null;
  }[];
  firstSeen: { at: string; commit: string | null };
  resolved: { at: string; commit: string | null; author: string | null } | null;
}

/** A place in a notebook as every JSON document gives it: `common.schema.json#/$defs/cellPosition`. */
export interface CellJson {
  index: number;
  line: number;
  column: number;
}

/** `{ cell }` for a place in a notebook, to spread into a document's object; nothing for any other file. */
export function cellJson(cell: CellPosition | null | undefined): { cell?: CellJson } {
  return cell ? { cell: { index: cell.index, line: cell.line, column: cell.column } } : {};
}

/** One history event as `ledger show` and `ledger set` print it. */
export interface HistoryEventJson {
  id: string;
  at: string;
  type: LedgerEvent['type'];
  /** The field, for `field` events; else null. */
  field: string | null;
  /** The value before and after (any JSON value; null when the event has none). */
  from: unknown;
  to: unknown;
  commit: string | null;
  by: string | null;
}

/** `listed` in the shared shape; `outcomes` (the config's) decide the outcome of an item without its own. */
export function ledgerItemJson(listed: ListedItem, outcomes: readonly OutcomeConfig[]): LedgerItemJson {
  const { item } = listed;
  const flat = toExportItem(listed, outcomes);
  const edited = (['effort', 'impact', 'outcome'] as const).filter((field) => item[field].source === 'ui');
  return {
    id: item.id,
    status: item.status,
    tag: item.tag,
    title: item.title,
    body: flat.body,
    file: flat.file,
    line: flat.line,
    column: flat.column,
    ...cellJson(flat.cell),
    effort: flat.effort,
    impact: flat.impact,
    sprint: flat.sprint,
    outcome: flat.outcome,
    edited,
    owners: flat.owners,
    labels: flat.labels,
    due: flat.due,
    issueRefs: flat.issueRefs,
    trackers: item.trackers.map((t) => ({
      tracker: t.tracker,
      key: t.key,
      reference: t.reference ?? null,
      url: t.url,
      state: t.state,
      stateReason: t.stateReason ?? null,
      stateAt: t.stateAt,
      assignees: t.assignees ?? [],
      milestone: t.milestone ?? null,
      syncedAt: t.syncedAt ?? null,
    })),
    firstSeen: { at: item.firstSeen.at, commit: item.firstSeen.commit },
    resolved: item.resolved ? { at: item.resolved.at, commit: item.resolved.commit, author: item.resolved.author } : null,
  };
}

/** A ledger item a command has without its comment (it did not scan): at its last seen place. */
export function unscannedItemJson(item: LedgerItem, outcomes: readonly OutcomeConfig[]): LedgerItemJson {
  return ledgerItemJson(listedItem(item, null), outcomes);
}

/** The item's history, oldest first. */
export function historyJson(item: LedgerItem): HistoryEventJson[] {
  return item.history.map((e) => ({ id: e.id, at: e.at, type: e.type, field: e.field ?? null, from: e.from ?? null, to: e.to ?? null, commit: e.commit ?? null, by: e.by ?? null }));
}
