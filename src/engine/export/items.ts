/**
 * The one flat view of a ledger item every export format renders: the ledger's facts, the live
 * comment's position and metadata, and the outcome as the outcome rule decides it.
 */
import type { OutcomeConfig } from '../config/planning';
import type { Interest, InterestIndex } from '../interest/interest';
import type { ItemStatus } from '../ledger/model';
import type { ListedItem } from '../ledger/live';
import type { CellPosition, Impact } from '../model';
import { resolveOutcome } from '../sprints/outcomes';

/** One item as exports show it. Positions are 1-based; `column` is null when the comment is not in the code now. */
export interface ExportItem {
  id: string;
  status: ItemStatus;
  tag: string;
  title: string;
  /** The comment's body lines joined with `\n`; empty when there is none or the comment is gone. */
  body: string;
  /** Workspace-relative, `/` separators: live when the comment is in the code, else where it was last seen. */
  file: string;
  line: number;
  column: number | null;
  /** In a Jupyter notebook: the place in its cell, live or last seen (`line` is the `.ipynb` file's). */
  cell: CellPosition | null;
  /** Points, or null when unestimated. */
  effort: number | null;
  impact: Impact | null;
  sprint: string | null;
  /** The item's own outcome, else the one its labels or path map to (see `resolveOutcome`). */
  outcome: string | null;
  owners: string[];
  labels: string[];
  /** `YYYY-MM-DD` from the comment's `due:`, or null. */
  due: string | null;
  /** Tracker references: the ledger's links (by key) and the comment's refs as written, without duplicates. */
  issueRefs: string[];
  /** When the item was first seen (ISO 8601). */
  firstSeen: string;
  /** When the item was resolved (ISO 8601), or null. */
  resolvedAt: string | null;
  /** How often the item's file changed lately (see interest/interest.ts), or null when not measured. */
  interest: Interest | null;
}

/** What decides which items an export holds. */
export interface ExportSelection {
  /** Only these statuses; empty or absent: every status except `resolved` and `wont-fix`. */
  status?: readonly ItemStatus[];
  /** Only items assigned to this sprint (case-insensitive), when given and `ids` is not. */
  sprint?: string | null;
  /**
   * Only these items: a configured sprint's items as its figures count them (the one-figure
   * rule: an ended sprint's items are those it held at its end, see sprints/budget.ts).
   */
  ids?: ReadonlySet<string> | null;
  /** Each item's interest comes from here; without it, `interest` is null. */
  interest?: InterestIndex | null;
}

/** The statuses an export leaves out unless asked for: the debt that is no longer owed. */
export const CLOSED_STATUSES: readonly ItemStatus[] = ['resolved', 'wont-fix'];

/**
 * The items of `listed` that `selection` keeps, as export items sorted by id (ids are stable, so
 * two exports of the same ledger diff cleanly).
 */
export function toExportItems(listed: readonly ListedItem[], selection: ExportSelection, outcomes: readonly OutcomeConfig[]): ExportItem[] {
  const statuses = selection.status?.length ? selection.status : null;
  const ids = selection.ids ?? null;
  const sprint = ids === null ? (selection.sprint?.toLowerCase() ?? null) : null;
  return listed
    .filter(({ item }) => (statuses ? statuses.includes(item.status) : !CLOSED_STATUSES.includes(item.status)))
    .filter(({ item }) => (ids === null || ids.has(item.id)) && (sprint === null || item.sprint?.toLowerCase() === sprint))
    .map((entry) => toExportItem(entry, outcomes, selection.interest))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** One listed item as an export item (its interest from `interest`, when given). */
export function toExportItem({ item, comment, file, line, cell }: ListedItem, outcomes: readonly OutcomeConfig[], interest?: InterestIndex | null): ExportItem {
  const owners = comment?.owners ?? item.owners;
  const labels = comment?.labels ?? item.labels;
  const refs = new Set<string>(item.trackers.map((t) => t.key));
  for (const ref of comment?.issueRefs ?? []) refs.add(ref.text);
  return {
    id: item.id,
    status: item.status,
    tag: item.tag,
    title: item.title,
    body: comment?.body ?? '',
    file,
    line,
    column: comment?.column ?? null,
    cell,
    effort: item.effort.value,
    impact: item.impact.value,
    sprint: item.sprint,
    outcome: resolveOutcome({ outcome: item.outcome.value, labels, file }, outcomes),
    owners: [...owners],
    labels: [...labels],
    due: comment?.due ?? null,
    issueRefs: [...refs],
    firstSeen: item.firstSeen.at,
    resolvedAt: item.resolved?.at ?? null,
    interest: interest?.of(file) ?? null,
  };
}
