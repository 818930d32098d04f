/**
 * The shapes metrics return: plain JSON (numbers, strings, arrays, null), so they cross to the
 * webview and into `paydown report --format json` as they are.
 */
import type { DurationStats } from './stats';

/** A sprint as metrics need it. Dates are UTC `YYYY-MM-DD`, both inclusive; `budget` is the protected debt budget in points. */
export interface MetricsSprint {
  name: string;
  start: string;
  end: string;
  budget: number;
}

/** A number of items and the sum of their efforts (unestimated items count 0 points). */
export interface PointCount {
  count: number;
  points: number;
}

/** A number of items, their points, and how many of them have no estimate. */
export interface EstimatedCount extends PointCount {
  unestimated: number;
}

/** Where a sprint stands at `asOf`. */
import type { SprintPhase } from '../sprints/model';

export type { SprintPhase };

/** One sprint's debt flow and budget, measured at the end of the sprint (or at `asOf`, when earlier). */
export interface SprintMetrics {
  sprint: string;
  start: string;
  end: string;
  /** Protected debt budget, points. */
  budget: number;
  /** `past`: ended by `asOf`; `current`: `asOf` falls inside; `future`: starts after `asOf` (all counts 0). */
  phase: SprintPhase;
  /** ISO instant the numbers are measured at: the sprint's last millisecond, or `asOf` when earlier; null for a future sprint. */
  measuredAt: string | null;
  /** Items first seen within the sprint. */
  added: PointCount;
  /** Items resolved within the sprint and still resolved at `measuredAt` (each item once). */
  resolved: PointCount;
  /** Items that came back (resolved → open) within the sprint. */
  reopened: number;
  /** Items marked won't-fix within the sprint and still won't-fix at `measuredAt`. */
  wontFix: number;
  /** Items assigned to the sprint at `measuredAt`: open ones, and resolved ones resolved since its start (won't-fix excluded). */
  allocated: EstimatedCount;
  /** Allocated items resolved within the sprint. */
  paid: PointCount;
  /** `paid.points ÷ budget` (4 decimals); null when the budget is 0 or the sprint was not planned. In a group: that group's share of the whole budget. */
  budgetKept: number | null;
  /**
   * False for a sprint that ended before planning began (no ledger item had a `sprint` event by
   * its end day): its budget figures are history, not a verdict, and `budgetKept` is null. Its
   * added, resolved, lead and cycle times stand. True for every other sprint.
   */
  planned: boolean;
  /** Lead time of the items in `resolved`. */
  leadTime: DurationStats;
  /** Cycle time of the items in `resolved` that were scheduled before they were resolved. */
  cycleTime: DurationStats;
}

/** Open debt at one instant. */
export interface OpenPoint extends EstimatedCount {
  /** UTC day of the measurement. */
  date: string;
  /** The sprint whose end (or `asOf`, inside a running sprint) this point measures; null for a daily series. */
  sprint: string | null;
}

/** One bucket of the age distribution: items whose age in days is in [minDays, maxDays). */
export interface AgeBucket extends PointCount {
  label: string;
  minDays: number;
  /** Exclusive; null for the last, open-ended bucket. */
  maxDays: number | null;
}

/** An open item and how old it is, for "oldest open" lists. */
export interface AgedItem {
  id: string;
  title: string;
  tag: string;
  file: string;
  /** Days since first seen, at `asOf` (2 decimals). */
  ageDays: number;
  effort: number | null;
  sprint: string | null;
}

/** The window lead and cycle time are measured over: UTC days, both inclusive. */
export interface MetricsWindow {
  /** Null: from the beginning of history. */
  from: string | null;
  /** The window's last day (never after `asOf`'s day). */
  to: string;
}

/** Every metric for one set of items. */
export interface HealthMetrics {
  /** The instant measured, ISO. */
  asOf: string;
  /** One entry per sprint, ordered by start, then end, then name. */
  perSprint: SprintMetrics[];
  /** Open debt at the end of each sprint that has started (at `asOf` for a running one), in time order. */
  openOverTime: OpenPoint[];
  /** Open debt (open, scheduled, in progress) at `asOf`. */
  open: EstimatedCount;
  /** Ages of the items open at `asOf`. */
  ageDistribution: AgeBucket[];
  /** The five oldest open items, oldest first. */
  oldestOpen: AgedItem[];
  window: MetricsWindow;
  /** First seen → resolved, over items resolved in `window` and still resolved at `asOf`. */
  leadTime: DurationStats;
  /** First scheduled → resolved, over the same items, when scheduled before resolution. */
  cycleTime: DurationStats;
  /** Items resolved in the window that were never scheduled before (no cycle time). */
  resolvedUnscheduled: number;
  /** Items marked won't-fix in the window, still won't-fix at `asOf`: neither resolved nor paid. */
  wontFix: PointCount;
}

/** One group's name and metrics; `(none)` collects items without a value. */
export interface GroupMetrics {
  name: string;
  metrics: HealthMetrics;
}

/** One group's open debt and debt flow per sprint, without the rest of its health (`computeMetricsWithFlows`). */
export interface GroupFlow {
  name: string;
  /** As the group's `HealthMetrics.open`. */
  open: EstimatedCount;
  /** As the group's `perSprint`: added, resolved and paid of each sprint, in the same order. */
  perSprint: Array<{ sprint: string; added: PointCount; resolved: PointCount; paid: PointCount }>;
}

/** Metrics for all items and per group. */
export interface Metrics extends HealthMetrics {
  groups: {
    /** By the outcome `resolveOutcome` gives (own `outcome:`, else label rules, else path rules). */
    outcome: GroupMetrics[];
    tag: GroupMetrics[];
    /** An item with two owners counts in both groups. */
    owner: GroupMetrics[];
    /** An item with two labels counts in both groups. */
    label: GroupMetrics[];
  };
}

/** One day of a sprint's burn-down, measured at the end of the day (or `asOf`, when earlier). */
export interface BurnDownDay {
  date: string;
  /** Points allocated to the sprint (see `SprintMetrics.allocated`); null after `asOf`. */
  allocated: number | null;
  /** Points of allocated items resolved within the sprint by then; null after `asOf`. */
  paid: number | null;
  /** `allocated − paid`; null after `asOf`. */
  remaining: number | null;
  /** The ideal line: `planned` falling evenly to 0 on the last day; null when the sprint has not started at `asOf`. */
  ideal: number | null;
}

/** A sprint's burn-down, one entry per day from start to end. */
export interface BurnDown {
  sprint: string;
  start: string;
  end: string;
  budget: number;
  /** Points allocated at the end of the first day: where the ideal line starts. Null when the sprint has not started. */
  planned: number | null;
  days: BurnDownDay[];
}
