/**
 * The ledger's data model: what Paydown remembers about each piece of debt that the code
 * cannot say (identity, lifecycle, sprint, estimates edited in the UI, tracker links, history).
 */
import type { CellPosition, Impact } from '../model';

/** Version of the on-disk item format. Older versions migrate forward on read; newer ones are refused. */
export const LEDGER_SCHEMA_VERSION = 1;

/** Lifecycle of an item. */
export const ITEM_STATUSES = ['open', 'scheduled', 'in-progress', 'resolved', 'wont-fix'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** When and where (which commit, if git can tell) something happened. */
export interface Stamp {
  /** ISO 8601 UTC timestamp. */
  at: string;
  /** Commit hash, or null outside git / when unknown. */
  commit: string | null;
}

/** When an item left the code: the commit that removed the comment and its author, where git can tell. */
export interface ResolutionStamp extends Stamp {
  author: string | null;
}

/**
 * A value that can come from the comment or be edited in the UI. The UI's value wins until the
 * comment's value changes (then the comment wins again): `comment` remembers what the comment
 * said when the UI value was set.
 */
export interface Editable<T> {
  value: T | null;
  source: 'comment' | 'ui';
  /** The comment's value when this was last reconciled. */
  comment: T | null;
}

/**
 * A ticket in an issue tracker linked to an item, with what was last seen there. The fields
 * after `stateAt` came with schema 1.2: a link written before has none of them (they read as
 * absent, and stay absent on rewrite until a sync records them), so an older file's bytes do not
 * change until the link does.
 */
export interface TrackerLink {
  /** `github`, `gitlab`, `jira`, `linear`. */
  tracker: string;
  /** The ticket's key as the tracker shows it: `#412`, `owner/repo#412`, `PROJ-12`, `ENG-7`. */
  key: string;
  url: string | null;
  /** Last known state (`open`, `closed`, `In Progress`, …), or null before the first pull. */
  state: string | null;
  /** When Paydown first saw `state` (or when the tracker says it changed to it). */
  stateAt: string | null;
  /** What the comment carries to point at the ticket: `GH-412`, `PROJ-12` (schema 1.2). */
  reference?: string;
  /** Why the ticket is in its state, as the tracker says: `completed`, `not_planned`, … (schema 1.2). */
  stateReason?: string | null;
  /** Tracker logins (schema 1.2). */
  assignees?: string[];
  /** Milestone, sprint, iteration or cycle name (schema 1.2). */
  milestone?: string | null;
  /**
   * When a sync last recorded a change to this link (schema 1.2). A sync that finds nothing new
   * writes nothing, so the ledger does not churn in git: this is not "last contacted".
   */
  syncedAt?: string | null;
  /**
   * The item's title, sprint and estimate as Paydown last sent them to the ticket (schema 1.3):
   * a sync pushes a field only when the item's value moved away from this, so an edit made in the
   * tracker is never overwritten by a value Paydown did not change.
   */
  pushed?: PushedFields;
}

/** What a ticket was last told of its item's title, sprint and estimate. */
export interface PushedFields {
  title: string;
  sprint: string | null;
  estimate: number | null;
}

/** The kinds of history events; metrics (lead time, cycle time, added/resolved per sprint) read these. */
export type LedgerEventType =
  | 'created' // first seen in the code
  | 'status' // status changed (from → to)
  | 'sprint' // assigned to / removed from a sprint (from → to)
  | 'field' // effort, impact, outcome, … edited (field, from → to)
  | 'resolved' // the comment left the code
  | 'reopened' // the comment came back
  | 'moved' // file renamed or moved (from → to path)
  | 'retitled' // the comment's title was edited (light edit, same item)
  | 'tracker'; // a tracker link was added or its state changed

/** One entry of an item's append-only history. */
export interface LedgerEvent {
  /** Unique id of the event (random), so histories merged from two branches never double-count. */
  id: string;
  at: string;
  type: LedgerEventType;
  /** Which field, for `field` events. */
  field?: string;
  from?: unknown;
  to?: unknown;
  commit?: string | null;
  /** Who did it (git author, or the VS Code / CLI user), when known. */
  by?: string | null;
}

/** Where a notebook item was last seen in its cell, and at which line of the `.ipynb` file. */
export interface LedgerCell extends CellPosition {
  fileLine: number;
}

/** An item's last seen place in its notebook cell, or null when it has none or it is stale. */
export function ledgerCellOf(item: Pick<LedgerItem, 'line' | 'cell'>): CellPosition | null {
  const cell = item.cell;
  return cell && cell.fileLine === item.line ? { index: cell.index, line: cell.line, column: cell.column } : null;
}

/** Where a scanned comment is, as the ledger records it: its line, and its cell in a notebook. */
export function recordedPlace(c: { file: string; line: number; cell?: CellPosition }): Pick<LedgerItem, 'file' | 'line' | 'cell'> {
  return { file: c.file, line: c.line, ...(c.cell ? { cell: { index: c.cell.index, line: c.cell.line, column: c.cell.column, fileLine: c.line } } : {}) };
}

/** `item` at a comment's place: its file, line and cell replaced together. */
export function movedTo(item: LedgerItem, c: { file: string; line: number; cell?: CellPosition }): LedgerItem {
  const { cell: _lastCell, ...rest } = item;
  return { ...rest, ...recordedPlace(c) };
}

/** Everything the ledger holds about one item. */
export interface LedgerItem {
  /** `PD-` and six Crockford base32 characters. */
  id: string;
  status: ItemStatus;
  /** The tag, title and fingerprint as last seen in the code. */
  tag: string;
  title: string;
  fingerprint: string;
  /** Owners and labels as last written in the comment (schema 1.1; empty in older files). */
  owners: string[];
  labels: string[];
  /** Last seen location (workspace-relative path, 1-based line). */
  file: string;
  line: number;
  /**
   * In a Jupyter notebook, the last seen place in its cell (schema 1.4), with the file line it was
   * seen at: a place whose `fileLine` is not `line` is stale (an older Paydown moved the line) and
   * is not shown. Absent for every other file.
   */
  cell?: LedgerCell;
  firstSeen: Stamp;
  resolved: ResolutionStamp | null;
  sprint: string | null;
  effort: Editable<number>;
  impact: Editable<Impact>;
  outcome: Editable<string>;
  trackers: TrackerLink[];
  /** Append-only, oldest first. */
  history: LedgerEvent[];
  /** Fields written by a newer minor version that this version does not know: kept on rewrite. */
  extra?: Record<string, unknown>;
}
