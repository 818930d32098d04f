/**
 * The budget page's view model (src/protocol/budgetPage.ts): what the panel and the standalone
 * HTML report draw, built from the engine's own figures. The selected sprint's figures come from
 * `computeBudget` (the one sprint-figure rule), its burn chart from `burnDown`, everything across
 * sprints from one `computeMetricsWithFlows` over the started sprints (outcomes: flow and open debt only), planning from `autoFill`. Nothing
 * here computes a figure of its own; it selects, joins and shapes.
 *
 * Pure: the sprints, the items, the config and the day come in; plain JSON goes out.
 */
import type {
  AgeBand,
  BacklogItem,
  BudgetPage,
  BurnDay,
  Durations,
  FlowTime,
  OutcomeRow,
  PageInterest,
  PageItem,
  PlanningView,
  ProposedItem,
  SprintDetail,
  SprintOption,
  SprintTrend,
  Trend,
  Trends,
} from '../../protocol/budgetPage';
import { BUDGET_PAGE_VERSION, LITTLE_DATA_ITEMS } from '../../protocol/budgetPage';
import type { PaydownConfig } from '../config/config';
import { describeInterest, type InterestIndex } from '../interest/interest';
import type { LedgerItem } from '../ledger/model';
import { itemPlace } from '../present';
import { burnDown, computeMetricsWithFlows, NO_GROUP, type DurationStats, type GroupFlow, type HealthMetrics, type SprintMetrics } from '../metrics';
import { autoFill, budgetPoints, budgetWasKept, computeBudget, planningBegan, resolveOutcome, roundPoints, sprintPhase, toPlanningItem, type BudgetItem, type PlanningItemInput, type Sprint, type SprintBudget } from '../sprints';
import { TRACKER_NAMES } from '../sprints/trackerCache';
import type { TrackerSprintsStatus } from '../sprints/sprints';

/** Most sprints the across-sprint charts show (the latest ones). */
export const PAGE_SPRINTS = 26;
/** Most backlog items the planning list carries (best value first). */
export const PAGE_BACKLOG = 200;
/** A median that moved less than this share is "steady". */
const STEADY_SHARE = 0.1;

/** What the page is built from. */
export interface BudgetPageInput {
  /** The workspace folder's name. */
  workspace: string;
  /** Every sprint, in date order (the calendar's). */
  sprints: readonly Sprint[];
  /** The sprint holding `today`, or null. */
  current: Sprint | null;
  /** The sprint to show; null: the current one, else the latest that has started, else the first. */
  selected: Sprint | null;
  /** Every ledger item (with live positions when known), resolved ones included. */
  items: readonly PlanningItemInput[];
  config: PaydownConfig;
  /** `YYYY-MM-DD` measured on. */
  today: string;
  /** ISO instant of the computation (the Clock port). */
  generatedAt: string;
  /** Include planning (the panel); false for the read-only HTML report. */
  planning: boolean;
  /** Ledger files that could not be read. */
  unreadable?: readonly string[];
  /** With `sprints.from`: whether the tracker's sprints are there (the calendar's `tracker`). */
  tracker?: TrackerSprintsStatus | null;
  /** Most sprints across (default {@link PAGE_SPRINTS}). */
  maxSprints?: number;
  /**
   * How often each file changed lately: planning shows each item's interest, and auto-fill weighs
   * it as `sprint plan --auto-fill` does. Absent or null: not read (no item shows any).
   */
  interest?: InterestIndex | null;
}

/** What every page of one workspace and day shares, whichever sprint it shows: the across-sprint figures. */
export interface AcrossSprints {
  trends: Trends;
  open: BudgetPage['open'];
  /** `planningBegan` of the items: computed once, read by every page's sprint figures. */
  planningBegan: string | null;
}

/** The across-sprint part of the pages of `input` (one `computeMetricsWithFlows`): compute it once for many pages. */
export function acrossSprints(input: Omit<BudgetPageInput, 'selected' | 'planning'>): AcrossSprints {
  const { config, today } = input;
  const started = input.sprints.filter((s) => s.start <= today).slice(-(input.maxSprints ?? PAGE_SPRINTS));
  const began = planningBegan(input.items);
  // Per outcome the page shows only open debt and flow: the outcome groups are measured for those alone.
  const { metrics, flows } = computeMetricsWithFlows(
    {
      items: input.items.map((i) => ('item' in i ? i.item : i)),
      sprints: started.map((s) => ({ name: s.name, start: s.start, end: s.end, budget: budgetPoints(s.debtBudget, s.capacity) })),
      asOf: today,
      outcomes: config.outcomes,
      window: started.length > 0 ? { from: started[0]!.start, to: today } : undefined,
      defaultEstimate: config.planning.defaultEstimate,
      groups: false,
      planningBegan: began,
    },
    ['outcome'],
  );
  return { trends: trends(metrics, flows.outcome!, config), open: { count: metrics.open.count, points: metrics.open.points, unestimated: metrics.open.unestimated }, planningBegan: began };
}

/**
 * The budget page of `input` (see the module comment). A report of many sprints passes the
 * same `across` to each page: the across-sprint figures do not depend on the sprint shown.
 */
export function buildBudgetPage(input: BudgetPageInput, across: AcrossSprints = acrossSprints(input)): BudgetPage {
  const { config, today, items } = input;
  const selected = input.selected ?? input.current ?? latestStarted(input.sprints, today) ?? input.sprints[0] ?? null;
  const ledger = items.map((i) => ('item' in i ? i.item : i));
  const defaultEstimate = config.planning.defaultEstimate;
  const budget = selected ? computeBudget(selected, items, config, today, { planningBegan: across.planningBegan }) : null;
  // The sprint's items only, not the whole ledger: a page is rebuilt on every change.
  const shown = new Set(budget ? [...budget.items, ...budget.unplanned].map((i) => i.id) : []);
  const byId = new Map(ledger.filter((item) => shown.has(item.id)).map((item) => [item.id, item]));
  return {
    version: BUDGET_PAGE_VERSION,
    workspace: input.workspace,
    generatedAt: input.generatedAt,
    today,
    state: input.sprints.length === 0 ? 'no-sprints' : ledger.length === 0 ? 'no-debt' : 'ready',
    sprints: input.sprints.map(
      (s): SprintOption => ({
        name: s.name,
        start: s.start,
        end: s.end,
        phase: sprintPhase(s, today),
        current: s === input.current,
        squad: s.squad ?? null,
        ...(s.source !== 'config' && s.source !== 'cadence' ? { from: TRACKER_NAMES[s.source] } : {}),
      }),
    ),
    sprint: selected && budget ? sprintDetail(selected, budget, ledger, byId, today, defaultEstimate) : null,
    trends: across.trends,
    open: across.open,
    defaultEstimate,
    planningBegan: across.planningBegan,
    planning: input.planning && selected && budget && budget.phase !== 'ended' ? planning(selected, budget, items, config, today, input.interest ?? null) : null,
    unreadable: [...(input.unreadable ?? [])],
    ...(input.tracker?.problem ? { trackerSprints: { message: input.tracker.problem.message, hint: input.tracker.problem.hint } } : {}),
  };
}

function latestStarted(sprints: readonly Sprint[], today: string): Sprint | undefined {
  return sprints.filter((s) => s.start <= today).at(-1);
}

function sprintDetail(sprint: Sprint, budget: SprintBudget, ledger: readonly LedgerItem[], byId: ReadonlyMap<string, LedgerItem>, today: string, defaultEstimate: number | null): SprintDetail {
  const burn = burnDown(ledger, { name: sprint.name, start: sprint.start, end: sprint.end, budget: budget.budget }, budget.phase === 'ended' ? sprint.end : today, defaultEstimate);
  return {
    name: sprint.name,
    start: sprint.start,
    end: sprint.end,
    phase: budget.phase,
    squad: sprint.squad ?? null,
    measuredOn: budget.phase === 'ended' ? sprint.end : budget.phase === 'active' ? today : sprint.start,
    capacity: budget.capacity,
    budget: budget.budget,
    allocated: budget.allocated,
    paid: budget.paid,
    remaining: budget.remaining,
    unallocated: budget.unallocated,
    paidUnplanned: budget.paidUnplanned,
    kept: budget.kept,
    budgetKept: budget.planned ? budgetWasKept(budget.paid, budget.budget) : null,
    planned: budget.planned,
    unestimated: budget.items.filter((i) => !i.estimated && i.status !== 'wont-fix').length,
    warnings: budget.warnings.map((w) => ({ code: w.code, severity: w.severity, message: w.message })),
    items: beyondBudget(budget).map((beyond, k) => pageItem(budget.items[k]!, byId.get(budget.items[k]!.id), beyond)),
    unplanned: budget.unplanned.map((i) => pageItem(i, byId.get(i.id), false)),
    burn: burn.days.map((d): BurnDay => ({ date: d.date, ideal: d.ideal, scope: d.allocated, remaining: d.remaining, paid: d.paid })),
  };
}

/**
 * Per row of `budget.items`, whether it lies past the protected budget (see `PageItem.beyondBudget`):
 * the rows' points added up in the listed order, as `allocated` adds them (won't-fix rows count none).
 */
function beyondBudget(budget: SprintBudget): boolean[] {
  if (budget.allocated <= budget.budget) return budget.items.map(() => false);
  let sum = 0;
  return budget.items.map((row) => {
    if (row.status === 'wont-fix') return false;
    sum = roundPoints(sum + (row.effort ?? 0));
    return sum > budget.budget;
  });
}

function pageItem(item: BudgetItem, ledger: LedgerItem | undefined, beyondBudget: boolean): PageItem {
  const link = ledger?.trackers[0];
  return {
    id: item.id,
    title: item.title,
    tag: item.tag,
    status: item.status,
    effort: item.effort,
    estimated: item.estimated,
    impact: item.impact,
    outcome: item.outcome,
    owners: [...(ledger?.owners ?? [])],
    tracker: link ? { tracker: link.tracker, key: link.key, url: link.url, state: link.state } : null,
    file: item.file,
    line: item.line,
    place: itemPlace(item),
    paid: item.paid,
    beyondBudget,
  };
}

function durations(stats: DurationStats): Durations {
  return { count: stats.count, medianDays: stats.medianDays, p85Days: stats.p85Days, littleData: stats.count < LITTLE_DATA_ITEMS };
}

function trends(metrics: HealthMetrics, outcomes: readonly GroupFlow[], config: PaydownConfig): Trends {
  const sprints = metrics.perSprint.map(sprintTrend);
  return {
    sprints,
    open: metrics.openOverTime.map((p) => ({ date: p.date, sprint: p.sprint, count: p.count, points: p.points, unestimated: p.unestimated })),
    ages: metrics.ageDistribution.map((b): AgeBand => ({ label: b.label, minDays: b.minDays, maxDays: b.maxDays, count: b.count, points: b.points })),
    leadTime: flowTime(metrics.leadTime, metrics.perSprint.map((s) => s.leadTime), metrics.perSprint),
    cycleTime: flowTime(metrics.cycleTime, metrics.perSprint.map((s) => s.cycleTime), metrics.perSprint),
    outcomes: outcomeRows(outcomes, config),
  };
}

function sprintTrend(s: SprintMetrics): SprintTrend {
  return {
    sprint: s.sprint,
    start: s.start,
    end: s.end,
    phase: s.phase,
    budget: s.budget,
    added: { count: s.added.count, points: s.added.points },
    resolved: { count: s.resolved.count, points: s.resolved.points },
    paid: { count: s.paid.count, points: s.paid.points },
    allocated: { count: s.allocated.count, points: s.allocated.points },
    kept: s.budgetKept,
    planned: s.planned,
    leadTime: durations(s.leadTime),
    cycleTime: durations(s.cycleTime),
  };
}

/**
 * The window's figure, and its direction: the last ended sprint's median against the median of
 * the medians before it (sprints with no measured item skipped); null with fewer than two.
 */
function flowTime(overall: DurationStats, perSprint: readonly DurationStats[], sprints: readonly SprintMetrics[]): FlowTime {
  const medians = perSprint.filter((d, i) => sprints[i]!.phase === 'ended' && d.medianDays !== null).map((d) => d.medianDays!);
  let trend: Trend = null;
  if (medians.length >= 2) {
    const last = medians.at(-1)!;
    const before = [...medians.slice(0, -1)].sort((a, b) => a - b);
    const mid = Math.floor(before.length / 2);
    const typical = before.length % 2 ? before[mid]! : (before[mid - 1]! + before[mid]!) / 2;
    trend = typical === 0 ? (last === 0 ? 'steady' : 'longer') : Math.abs(last - typical) / typical < STEADY_SHARE ? 'steady' : last < typical ? 'shorter' : 'longer';
  }
  return { ...durations(overall), trend };
}

function outcomeRows(groups: readonly GroupFlow[], config: PaydownConfig): OutcomeRow[] {
  const configured = new Map(config.outcomes.map((o) => [o.name, o]));
  const sum = (g: GroupFlow, pick: (s: GroupFlow['perSprint'][number]) => { count: number; points: number }) =>
    g.perSprint.reduce((acc, s) => ({ count: acc.count + pick(s).count, points: round2(acc.points + pick(s).points) }), { count: 0, points: 0 });
  const rows = groups.map((g): OutcomeRow => ({
    name: g.name,
    description: configured.get(g.name)?.description ?? (g.name === NO_GROUP ? 'items that serve no outcome' : 'not an outcome the config lists'),
    configured: configured.has(g.name),
    open: { count: g.open.count, points: g.open.points },
    paid: sum(g, (s) => s.paid),
    resolved: sum(g, (s) => s.resolved),
    added: sum(g, (s) => s.added),
  }));
  // Configured outcomes with no debt at all still get a row: "nothing owed here" is an answer.
  for (const o of config.outcomes) {
    if (!rows.some((r) => r.name === o.name)) rows.push({ name: o.name, description: o.description, configured: true, open: zero(), paid: zero(), resolved: zero(), added: zero() });
  }
  return rows;
}

function planning(sprint: Sprint, budget: SprintBudget, items: readonly PlanningItemInput[], config: PaydownConfig, today: string, interest: InterestIndex | null): PlanningView {
  // Weighed only when the config weighs it, as `sprint plan --auto-fill` does; shown either way.
  const proposal = autoFill(sprint, items, config, today, { budget, interest: config.planning.weights.interest > 0 ? interest : null });
  // Auto-fill weighed every open, unplanned item: the ones it left out are the backlog, in its
  // order (oldest first), here best value first; the unestimated ones (no value) last.
  const ranked = proposal.leftOut.filter((l) => l.reason !== 'excluded').map((l, order) => ({ l, order }));
  ranked.sort((a, b) => (b.l.value ?? -1) - (a.l.value ?? -1) || a.order - b.order);
  const shown = ranked.slice(0, PAGE_BACKLOG).map((r) => r.l);
  const wanted = new Set([...proposal.picked.map((c) => c.id), ...shown.map((l) => l.id)]);
  const positions = new Map<string, ReturnType<typeof toPlanningItem>>();
  for (const input of items) {
    const id = 'item' in input ? input.item.id : input.id;
    if (wanted.has(id)) positions.set(id, toPlanningItem(input));
  }
  const proposed = proposal.picked.map((c): ProposedItem => {
    const p = positions.get(c.id)!;
    return { id: c.id, title: c.title, tag: p.item.tag, effort: c.effort, estimated: c.estimated, impact: c.impact, outcome: outcomeOf(p.item, p.file, config), file: p.file, line: p.line, place: itemPlace(p), reason: c.explanation, interest: pageInterest(interest, p.file) };
  });
  const backlog = shown.map((l): BacklogItem => {
    const p = positions.get(l.id)!;
    return {
      id: l.id,
      title: p.item.title,
      tag: p.item.tag,
      effort: p.item.effort.value ?? config.planning.defaultEstimate,
      estimated: p.item.effort.value !== null,
      impact: p.item.impact.value,
      outcome: outcomeOf(p.item, p.file, config),
      file: p.file,
      line: p.line,
      place: itemPlace(p),
      note: l.message,
      interest: pageInterest(interest, p.file),
    };
  });
  return { sprint: sprint.name, room: proposal.room, proposed, proposedEffort: proposal.effort, backlog, backlogMore: ranked.length - backlog.length, notes: proposal.notes };
}

/** `file`'s interest as the page shows it; null when it did not change in the window or was not read. */
function pageInterest(index: InterestIndex | null, file: string): PageInterest | null {
  const interest = index?.of(file);
  if (!interest || interest.commits === 0) return null;
  return { commits: interest.commits, days: interest.days, label: `${interest.commits}× / ${interest.days}d`, description: describeInterest(interest) };
}

function outcomeOf(item: LedgerItem, file: string, config: PaydownConfig): string | null {
  return resolveOutcome({ outcome: item.outcome.value, labels: item.labels, file }, config.outcomes);
}

function zero(): { count: number; points: number } {
  return { count: 0, points: 0 };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * The other sprints a standalone report embeds next to `page` so its picker works offline: those
 * that have started (ended or active), the latest {@link PAGE_SPRINTS}, without the page's own.
 */
export function reportSprintNames(page: BudgetPage): string[] {
  return page.sprints
    .filter((s) => s.phase !== 'planned')
    .slice(-PAGE_SPRINTS)
    .map((s) => s.name)
    .filter((name) => name !== page.sprint?.name);
}
