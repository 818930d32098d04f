/**
 * The budget page's view model: everything the panel (and the standalone HTML report) draws,
 * computed by the engine (src/engine/page) and never recomputed by the webview. Plain JSON only
 * (numbers, strings, booleans, arrays, null), so it crosses `postMessage` and is inlined into an
 * HTML file as it is.
 *
 * Invariants: every figure here is the engine's (a sprint's from `computeBudget`, across-sprint
 * ones from `computeMetrics`); points are numbers as the engine rounds them; dates are UTC
 * `YYYY-MM-DD`; text fields are untrusted (any contributor's comment) and are never HTML.
 */

/** The shape's version; a breaking change raises it (the webview refuses a newer page). */
export const BUDGET_PAGE_VERSION = 1;

/** Fewer resolved items than this and a time figure is marked "little data". */
export const LITTLE_DATA_ITEMS = 3;

/** Where a sprint stands on the page's day. */
export type PagePhase = 'planned' | 'active' | 'ended';

/** Why the page has nothing (or little) to show, so the webview can offer the next step. */
export type PageState =
  /** Sprints and debt: the full page. */
  | 'ready'
  /** No sprint configured and no cadence: offer a starter config. */
  | 'no-sprints'
  /** Sprints, but no debt in the ledger yet. */
  | 'no-debt';

/** One entry of the sprint picker. */
export interface SprintOption {
  name: string;
  start: string;
  end: string;
  phase: PagePhase;
  /** The sprint holding the page's day. */
  current: boolean;
  squad: string | null;
  /** The tracker it was read from, as users name it (`Jira`); absent for sprints of the config or its cadence. */
  from?: string;
}

/** A number of items and their points. */
export interface CountPoints {
  count: number;
  points: number;
}

/** Median and 85th percentile of durations in days; null figures when no item was measured. */
export interface Durations {
  count: number;
  medianDays: number | null;
  p85Days: number | null;
  /** Fewer than {@link LITTLE_DATA_ITEMS} items measured: show the figure, marked. */
  littleData: boolean;
}

/** An item's ticket, as last seen in its tracker. */
export interface PageTracker {
  tracker: string;
  key: string;
  url: string | null;
  state: string | null;
}

/** One item as the page lists it. */
export interface PageItem {
  id: string;
  title: string;
  tag: string;
  status: 'open' | 'scheduled' | 'in-progress' | 'resolved' | 'wont-fix';
  /** Points counted; null when unestimated and no default applies. */
  effort: number | null;
  /** False when the effort is the config's default or missing. */
  estimated: boolean;
  impact: 'low' | 'medium' | 'high' | 'critical' | null;
  outcome: string | null;
  owners: string[];
  tracker: PageTracker | null;
  /** Workspace-relative path, `/`-separated. */
  file: string;
  line: number;
  /** Where it is as its editor shows it: `file:line`, or `file, cell 3, line 2` in a notebook. */
  place: string;
  /** Resolved within the sprint (allocated items only). */
  paid: boolean;
  /**
   * In an over-allocated sprint, the rows past the protected budget: counting the rows' points in
   * the order the page lists them (won't-fix rows count none), those from the one that crosses
   * the budget on. False in a sprint within its budget, and for unplanned paydown.
   */
  beyondBudget: boolean;
}

/** A budget warning, as one plain sentence. */
export interface PageWarning {
  code: string;
  severity: 'warning' | 'info';
  message: string;
}

/** One day of the selected sprint's burn chart (points; null after the page's day). */
export interface BurnDay {
  date: string;
  /** The ideal line: the allocation at the sprint's start falling evenly to 0 on its last day; it never bends. */
  ideal: number | null;
  /** Points allocated that day (paid ones included): items added or dropped mid-sprint show here as scope change. */
  scope: number | null;
  remaining: number | null;
  paid: number | null;
}

/** The selected sprint: its budget and what was done with it. */
export interface SprintDetail {
  name: string;
  start: string;
  end: string;
  phase: PagePhase;
  squad: string | null;
  /** The day the figures are measured on: the end of an ended sprint, the page's day in an active one. */
  measuredOn: string;
  capacity: number;
  /** Protected debt budget, points. */
  budget: number;
  allocated: number;
  paid: number;
  /** Allocated, not yet paid. */
  remaining: number;
  /** Budget not allocated yet (negative when over-allocated). */
  unallocated: number;
  /** Paid down from outside the plan. */
  paidUnplanned: number;
  /** paid ÷ budget (0–1+), null when the budget is 0 or the sprint was not planned. */
  kept: number | null;
  /** All of the budget paid down (a zero budget is always kept); "not kept yet" while active; null when not planned. */
  budgetKept: boolean | null;
  /**
   * False when the sprint ended before planning began (the ledger held no sprint assignment by
   * its end): its figures come from history, and the page says "not planned" instead of a verdict.
   */
  planned: boolean;
  /** Allocated items without an estimate. */
  unestimated: number;
  warnings: PageWarning[];
  /** Items allocated to the sprint. */
  items: PageItem[];
  /** Items resolved within the sprint without being allocated to it. */
  unplanned: PageItem[];
  burn: BurnDay[];
}

/** One sprint's row in the across-sprint charts. */
export interface SprintTrend {
  sprint: string;
  start: string;
  end: string;
  phase: PagePhase;
  budget: number;
  added: CountPoints;
  resolved: CountPoints;
  /** Allocated items paid within the sprint. */
  paid: CountPoints;
  allocated: CountPoints;
  /** paid ÷ budget, null when the budget is 0, the sprint has not started, or it was not planned. */
  kept: number | null;
  /** False when the sprint ended before planning began: no kept share (charts leave it out). */
  planned: boolean;
  leadTime: Durations;
  cycleTime: Durations;
}

/** Open debt at the end of a sprint (at the page's day in a running one). */
export interface OpenTrendPoint {
  date: string;
  sprint: string | null;
  count: number;
  points: number;
  unestimated: number;
}

/** Open items whose age in days is in [minDays, maxDays). */
export interface AgeBand {
  label: string;
  minDays: number;
  maxDays: number | null;
  count: number;
  points: number;
}

/** Which way a time figure moved against the sprints before. */
export type Trend = 'shorter' | 'longer' | 'steady' | null;

/** Lead or cycle time over the page's window, and its direction. */
export interface FlowTime extends Durations {
  /** The last ended sprint's median against the median of those before it; null with too little data. */
  trend: Trend;
}

/** Debt and paydown for one business outcome. */
export interface OutcomeRow {
  name: string;
  description: string;
  /** False for an `outcome:` the config does not list and for the items that serve none. */
  configured: boolean;
  open: CountPoints;
  /** Paid down from sprint budgets, over the sprints shown. */
  paid: CountPoints;
  /** Resolved, over the sprints shown. */
  resolved: CountPoints;
  added: CountPoints;
}

/** Everything across sprints. */
export interface Trends {
  /** Sprints that have started, oldest first (up to the page's limit). */
  sprints: SprintTrend[];
  open: OpenTrendPoint[];
  ages: AgeBand[];
  leadTime: FlowTime;
  cycleTime: FlowTime;
  outcomes: OutcomeRow[];
}

/** How often an item's file changed lately (its interest), as the engine words it. */
export interface PageInterest {
  /** First-parent commits that changed the file in the window. */
  commits: number;
  /** The window, in days (`planning.interestDays`). */
  days: number;
  /** `41× / 90d`. */
  label: string;
  /** `file changed 41 times in 90 days — top 5% of the repository`. */
  description: string;
}

/** An item auto-fill proposes, with why. */
export interface ProposedItem {
  id: string;
  title: string;
  tag: string;
  effort: number;
  estimated: boolean;
  impact: PageItem['impact'];
  outcome: string | null;
  file: string;
  line: number;
  /** Where it is as its editor shows it: `file:line`, or `file, cell 3, line 2` in a notebook. */
  place: string;
  /** Why it was picked, one sentence. */
  reason: string;
  /** Its file's interest; null when the file did not change in the window (or git could not say). */
  interest: PageInterest | null;
}

/** An open, unplanned item that could be added to the sprint. */
export interface BacklogItem {
  id: string;
  title: string;
  tag: string;
  effort: number | null;
  estimated: boolean;
  impact: PageItem['impact'];
  outcome: string | null;
  file: string;
  line: number;
  /** Where it is as its editor shows it: `file:line`, or `file, cell 3, line 2` in a notebook. */
  place: string;
  /** Why auto-fill left it out, when it considered it. */
  note: string | null;
  /** Its file's interest; null when the file did not change in the window (or git could not say). */
  interest: PageInterest | null;
}

/** Planning the selected sprint (planned or active sprints only). */
export interface PlanningView {
  sprint: string;
  /** Budget points not yet allocated. */
  room: number;
  proposed: ProposedItem[];
  /** Points of the proposal. */
  proposedEffort: number;
  /** Open items in no sprint, best value first (the proposal's items excluded). */
  backlog: BacklogItem[];
  /** Backlog items beyond this list (the list is capped). */
  backlogMore: number;
  notes: string[];
}

/** The whole page. */
export interface BudgetPage {
  version: typeof BUDGET_PAGE_VERSION;
  /** The workspace folder's name. */
  workspace: string;
  /** ISO instant the page was computed. */
  generatedAt: string;
  /** The day measured on (`YYYY-MM-DD`). */
  today: string;
  state: PageState;
  /** The picker: every sprint, in date order. */
  sprints: SprintOption[];
  /** The selected sprint, or null when there is none. */
  sprint: SprintDetail | null;
  trends: Trends;
  /** Open debt on the page's day. */
  open: CountPoints & { unestimated: number };
  /** Points an unestimated item counts for, or null (counted 0). */
  defaultEstimate: number | null;
  /** The UTC day of the ledger's first sprint assignment, or null when it holds none: sprints that ended before it are not planned. */
  planningBegan: string | null;
  /** Planning for the selected sprint; null when it has ended, or the page is read-only. */
  planning: PlanningView | null;
  /** Ledger files that could not be read (their items are missing from every figure). */
  unreadable: string[];
  /** With sprints read from a tracker: why they are missing (never synced, cache unreadable), and what to do; absent when they are there. */
  trackerSprints?: { message: string; hint: string };
}

/**
 * What the standalone HTML report embeds: the pages of several sprints (same day, same
 * workspace), so its sprint picker works offline; `selected` is the sprint shown first.
 */
export interface BudgetReport {
  version: typeof BUDGET_PAGE_VERSION;
  pages: BudgetPage[];
  /** The sprint of the page shown first (null: the first page). */
  selected: string | null;
}

/** The id of the `<script type="application/json">` element holding a {@link BudgetReport}. */
export const REPORT_DATA_ID = 'paydown-report';
