/**
 * What the workspace's use cases return: typed, versioned results, each naming its kind, with an
 * outcome per item where a use case touches several (assign, sync). Shells render them (the
 * CLI's reporters, the editor's views); the JSON contract of `--format json` is the CLI's.
 */
import type { CheckResult } from '../check/model';
import type { ExportFormat, ExportItem } from '../export';
import type { BackfillPlan } from '../ledger/backfill';
import type { LedgerChangeSet } from '../ledger/sync';
import type { ListedItem } from '../ledger/live';
import type { ItemStatus, LedgerItem } from '../ledger/model';
import type { PaydownError } from '../errors';
import type { SprintReview } from '../report/review';
import type { ScanStats } from '../scanner/scan';
import type { AssignOutcome } from '../sprints/assign';
import type { AutoFillProposal, Sprint, SprintBudget } from '../sprints/model';
import type { SprintRow } from './sprints';
import type { TrackerSprintsStatus } from '../sprints/sprints';

/** The version of every result shape below; a breaking change to any of them raises it. */
export const RESULT_VERSION = 1;

interface Versioned<K extends string> {
  kind: K;
  version: typeof RESULT_VERSION;
}

/** `sync`: what the sync changed (or would change, dry), item by item. */
export interface SyncResult extends Versioned<'sync'> {
  changes: LedgerChangeSet;
  scan: ScanStats;
}

/** `items`: every ledger item with its live position. */
export interface ItemsResult extends Versioned<'items'> {
  items: ListedItem[];
  /** Ledger files that could not be read (each also logged as a warning). */
  unreadable: PaydownError[];
}

/** `edit`: the item as written. */
export interface EditResult extends Versioned<'edit'> {
  item: LedgerItem;
}

/** `assign`: one outcome per id. */
export interface AssignResult extends Versioned<'assign'> {
  /** The sprint assigned to, or null when taken out. */
  sprint: string | null;
  outcomes: AssignOutcome[];
}

/** `budget`: one sprint's figures. */
export interface BudgetResult extends Versioned<'budget'> {
  today: string;
  sprint: Sprint;
  budget: SprintBudget;
}

/** `sprintList`: every sprint's figures, in date order. */
export interface SprintListResult extends Versioned<'sprint-list'> {
  today: string;
  /** The current sprint's name, or null. */
  current: string | null;
  rows: SprintRow[];
  /** With `sprints.from`: whether the tracker's sprints are cached, and when they were read. */
  tracker: TrackerSprintsStatus | null;
}

/** `plan`: a sprint's budget, the auto-fill proposal and, when accepted, what was assigned. */
export interface PlanResult extends Versioned<'plan'> {
  today: string;
  sprint: Sprint;
  /** The budget before anything was accepted. */
  budget: SprintBudget;
  proposal: AutoFillProposal | null;
  /** One outcome per proposed item, when the proposal was accepted. */
  accepted: AssignOutcome[] | null;
  /** The budget after the accepted items (the same as `budget` when nothing was accepted). */
  after: SprintBudget;
}

/** `check`: the findings, and where the workspace sits in its repository (for CI annotations). */
export interface CheckRunResult extends Versioned<'check'> {
  today: string;
  result: CheckResult;
  /** The workspace's folder inside its git repository (`services/pay/`), or empty. */
  repoPrefix: string;
}

/** `review`: the facts of a sprint's review. */
export interface ReviewResult extends Versioned<'review'> {
  review: SprintReview;
}

/** `export`: the selected items and, but for JSON, the rendered export. */
export interface ExportResult extends Versioned<'export'> {
  format: ExportFormat;
  /** The sprint the export was selected by, or null. */
  sprint: string | null;
  count: number;
  /** The items exported, in export order. */
  items: ExportItem[];
  /** Every ledger item with its live position (what `items` were selected from). */
  listed: ListedItem[];
  /** The statuses exported (the default: every status but the closed ones). */
  status: readonly ItemStatus[];
  /** When the export was made (the Clock port), ISO 8601. */
  generatedAt: string;
  /** CSV, Markdown or SARIF as rendered; null for JSON, whose document the shell builds. */
  text: string | null;
  /** The interest window each item's `interest` was measured over (first-parent history). */
  interest: { days: number; since: string };
}

/** `backfill`: the history's first-seen and resolved stamps laid over the ledger (or what would be, dry). */
export interface BackfillResult extends Versioned<'backfill'> {
  dryRun: boolean;
  /** Items the code held that the ledger did not, recorded first as `ledger sync` does (0 in a dry run). */
  recorded: number;
  /** The commit the history was read up to, or null before the first commit. */
  head: string | null;
  /** Where the window starts: what was asked and the commit it starts after (null: before the first commit); null for the whole history. */
  since: { input: string; commit: string | null } | null;
  /** First-parent commits in the window. */
  commits: number;
  /** Commits this run read that changed debt (fewer after a checkpoint). */
  commitsRead: number;
  /** File versions read. */
  blobs: number;
  /** True when the run carried on from a checkpoint. */
  resumed: boolean;
  durationMs: number;
  plan: BackfillPlan;
}
