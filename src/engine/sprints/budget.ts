/**
 * A sprint's protected debt budget: how much is protected, allocated, paid down and still to do,
 * and what needs the lead's attention. Pure: the ledger and the day come in as arguments.
 *
 * The one-figure rule: a sprint's figures are defined here once, and every surface (`budget`,
 * `report`, `sprint list`, `check`, the status bar, the tree, exports) reads them from
 * {@link computeBudget}. An ended sprint's figures are those measured at its end (replayed from
 * the ledger's history, so an item reopened or moved on later does not rewrite the past); the
 * active sprint's are live; a planned one's are its allocation. {@link sprintShare} is the rule
 * that decides how one item counts, shared with the metrics' history-aware per-sprint figures.
 */
import type { PlanningSettings } from '../config/planning';
import { dateOf, dayEnd, dayStart, parseInstant } from '../dates';
import { buildTimeline, resolvedAt, stateAt } from '../ledger/history';
import type { ItemStatus, LedgerItem } from '../ledger/model';
import { agree, percent, plural, points as pts } from '../present';
import { resolveOutcome } from './outcomes';
import { toPlanningItem, type PlanningItem, type PlanningItemInput } from './items';
import type { BudgetItem, BudgetWarning, EffortSource, Sprint, SprintBudget, SprintPhase } from './model';
import { budgetPoints, roundPoints, sprintPhase } from './sprints';

/** What {@link computeBudget} may be given besides the items. */
export interface BudgetOptions {
  /** {@link planningBegan} of the same items, when the caller measures many sprints; computed when absent. */
  planningBegan?: string | null;
}

/** What budget math reads from the config. */
export type BudgetConfig = Pick<PlanningSettings, 'planning' | 'check' | 'outcomes'>;

/** An item as it stood when a sprint is measured. */
export interface MeasuredState {
  status: ItemStatus;
  sprint: string | null;
  /** Points then; null when unestimated. */
  effort: number | null;
  /** When the resolution in force then happened (ms); null when not resolved then, or unknown. */
  resolvedAt: number | null;
}

/** A sprint's name and bounds as instants (its first and last millisecond). */
export interface SprintBounds {
  name: string;
  start: number;
  end: number;
}

/** How one item counts in a sprint's figures: allocated (and paid), paid without being planned, listed but not counted, or not at all. */
export type SprintShare = 'allocated' | 'paid' | 'unplanned' | 'wont-fix' | null;

/**
 * How an item in `state` counts for `sprint`: assigned to it and open, or resolved since its
 * start, it is allocated (paid when resolved within the sprint); won't-fix ones are listed but not
 * counted; an item resolved before the sprint started is not the sprint's work. An item resolved
 * within the sprint and assigned elsewhere (or nowhere) is paid down unplanned.
 */
export function sprintShare(state: MeasuredState, sprint: SprintBounds): SprintShare {
  const resolved = state.status === 'resolved';
  const within = resolved && state.resolvedAt !== null && state.resolvedAt >= sprint.start && state.resolvedAt <= sprint.end;
  if (state.sprint !== sprint.name) return within ? 'unplanned' : null;
  if (state.status === 'wont-fix') return 'wont-fix';
  if (within) return 'paid';
  return resolved && state.resolvedAt !== null && state.resolvedAt < sprint.start ? null : 'allocated';
}

/** Whether a sprint kept its debt budget: all of it paid down (a zero budget is always kept). */
export function budgetWasKept(paid: number, budget: number): boolean {
  return budget === 0 || paid >= budget;
}

/** paid ÷ budget (0–1+), null when the budget is 0: the share of the budget kept. */
export function keptShare(paid: number, budget: number): number | null {
  return budget > 0 ? roundPoints(paid / budget) : null;
}

/**
 * The day planning began: the UTC day of the earliest `sprint` event (an assignment, `to` not
 * null) of any of `items`; null when the ledger holds none. Compute it once per set of items and
 * pass it to {@link sprintWasPlanned}, {@link computeBudget} and the metrics.
 */
export function planningBegan(items: readonly PlanningItemInput[]): string | null {
  let first: number | null = null;
  for (const input of items) {
    const item = 'item' in input ? input.item : input;
    for (const event of item.history) {
      if (event.type !== 'sprint' || event.to === null || event.to === undefined) continue;
      const at = parseInstant(event.at);
      if (at !== null && (first === null || at < first)) first = at;
    }
  }
  return first === null ? null : dateOf(first);
}

/** What every surface says of a sprint that ended before planning began ({@link sprintWasPlanned}). */
export const NOT_PLANNED_NOTE = 'not planned: the ledger held no sprint assignment before this sprint ended; figures of added and paid debt come from history';

/**
 * Whether a sprint's budget figures are a verdict: true unless the sprint has ended before
 * planning began (`began`, from {@link planningBegan}, after its end day, or null). Such a
 * sprint's figures come from history (backfill, or a cadence reaching back before the team used
 * Paydown): nobody could assign debt to it, so its budget was neither kept nor missed.
 */
export function sprintWasPlanned(sprint: Pick<Sprint, 'end'>, phase: SprintPhase, began: string | null): boolean {
  return phase !== 'ended' || (began !== null && began <= sprint.end);
}

/** The bounds of `sprint` as instants. */
export function sprintBounds(sprint: Pick<Sprint, 'name' | 'start' | 'end'>): SprintBounds {
  return { name: sprint.name, start: dayStart(sprint.start, `sprint ${sprint.name}: start`), end: dayEnd(sprint.end, `sprint ${sprint.name}: end`) };
}

/** The item as the ledger says now. */
function liveState(item: LedgerItem): MeasuredState {
  const resolved = item.status === 'resolved' && item.resolved ? parseInstant(item.resolved.at) : null;
  return { status: item.status, sprint: item.sprint, effort: item.effort.value, resolvedAt: resolved };
}

/** The item as it stood at instant `at` (replayed from its history); null before it was first seen. */
function stateThen(item: LedgerItem, at: number): MeasuredState | null {
  const timeline = buildTimeline(item);
  const state = stateAt(timeline, at);
  return state && { status: state.status, sprint: state.sprint, effort: state.effort, resolvedAt: resolvedAt(timeline, at) };
}

/**
 * The budget of `sprint` as of `today` (`YYYY-MM-DD`), from every ledger item (pass them all:
 * unplanned paydown is found among items of other sprints). Measured at the sprint's end once it
 * has ended, live before (see the module comment); each item counts as {@link sprintShare} says.
 *
 * - budget = capacity × share, or the configured points;
 * - allocated = Σ effort of allocated items (resolved ones included); an unestimated item counts
 *   `planning.defaultEstimate`, else 0 with an `unestimated` warning;
 * - paid = Σ effort of allocated items resolved within [start, end]; paidUnplanned = the same
 *   for resolved items not allocated to it;
 * - remaining = allocated − paid; unallocated = budget − allocated; kept = paid ÷ budget;
 * - an ended sprint that ended before planning began ({@link sprintWasPlanned}) is `planned:
 *   false`: `kept` null, no `budget-not-kept` or `under-allocated` warning, its figures kept as
 *   history shows them.
 *
 * Rows show the item as it is now (status, impact, position), with the points counted and, for a
 * paid row, the day of the resolution the sprint counts.
 */
export function computeBudget(sprint: Sprint, items: readonly PlanningItemInput[], config: BudgetConfig, today: string, options: BudgetOptions = {}): SprintBudget {
  const defaultEstimate = config.planning.defaultEstimate;
  const budget = budgetPoints(sprint.debtBudget, sprint.capacity);
  const phase = sprintPhase(sprint, today);
  const planned = sprintWasPlanned(sprint, phase, options.planningBegan !== undefined ? options.planningBegan : planningBegan(items));
  const bounds = sprintBounds(sprint);
  const at = phase === 'ended' ? bounds.end : null;

  const rows: BudgetItem[] = [];
  const unplanned: BudgetItem[] = [];
  const counted: BudgetItem[] = [];
  const wontFix: BudgetItem[] = [];
  for (const input of items) {
    const item = 'item' in input ? input.item : input;
    const state = at === null ? liveState(item) : stateThen(item, at);
    const share = state && sprintShare(state, bounds);
    // Most of a ledger is not this sprint's: only its rows need their positions.
    if (!share) continue;
    const row = budgetRow(toPlanningItem(input), state, share, config, defaultEstimate);
    if (share === 'unplanned') unplanned.push(row);
    else rows.push(row);
    if (share === 'wont-fix') wontFix.push(row);
    else if (share !== 'unplanned') counted.push(row);
  }
  rows.sort(byStatusThenId);
  unplanned.sort(byStatusThenId);
  wontFix.sort(byStatusThenId);
  const sum = (list: readonly BudgetItem[]): number => roundPoints(list.reduce((total, r) => total + (r.effort ?? 0), 0));
  const allocated = sum(counted);
  const paid = sum(counted.filter((r) => r.paid));
  const paidUnplanned = sum(unplanned);

  const result: SprintBudget = {
    sprint: sprint.name,
    squad: sprint.squad,
    start: sprint.start,
    end: sprint.end,
    phase,
    capacity: sprint.capacity,
    budget,
    allocated,
    paid,
    remaining: roundPoints(allocated - paid),
    unallocated: roundPoints(budget - allocated),
    paidUnplanned,
    kept: planned ? keptShare(paid, budget) : null,
    planned,
    warnings: [],
    items: rows,
    unplanned,
  };
  result.warnings = budgetWarnings(result, counted.sort(byStatusThenId), wontFix, config.check.minAllocatedShare);
  return result;
}

function budgetRow(p: PlanningItem, state: MeasuredState, share: Exclude<SprintShare, null>, config: BudgetConfig, defaultEstimate: number | null): BudgetItem {
  const { item } = p;
  const { effort, source } = countedEffort(state.effort, defaultEstimate);
  const paid = share === 'paid' || share === 'unplanned';
  const resolvedNow = item.status === 'resolved' && item.resolved ? dateOf(parseInstant(item.resolved.at) ?? NaN) : null;
  return {
    id: item.id,
    title: item.title,
    tag: item.tag,
    status: item.status,
    effort,
    estimated: source === 'item',
    effortSource: source,
    impact: item.impact.value,
    outcome: resolveOutcome({ outcome: item.outcome.value, labels: item.labels, file: p.file }, config.outcomes),
    file: p.file,
    line: p.line,
    cell: p.cell,
    resolvedAt: paid && state.resolvedAt !== null ? dateOf(state.resolvedAt) : resolvedNow,
    paid,
  };
}

/** Points an item counts, and where they come from: its effort, else the default estimate. */
export function countedEffort(effort: number | null, defaultEstimate: number | null): { effort: number | null; source: EffortSource } {
  if (effort !== null) return { effort, source: 'item' };
  if (defaultEstimate !== null) return { effort: defaultEstimate, source: 'default' };
  return { effort: null, source: 'none' };
}

function budgetWarnings(b: SprintBudget, counted: readonly BudgetItem[], wontFixRows: readonly BudgetItem[], minShare: number): BudgetWarning[] {
  const warnings: BudgetWarning[] = [];
  if (b.budget > b.capacity) {
    warnings.push({ code: 'over-capacity', severity: 'warning', message: `the protected budget of ${pts(b.budget)} is more than the sprint's capacity of ${pts(b.capacity)}` });
  }
  if (b.allocated > b.budget) {
    warnings.push({ code: 'over-allocated', severity: 'warning', message: `${pts(b.allocated)} allocated is ${pts(roundPoints(b.allocated - b.budget))} over the protected budget of ${pts(b.budget)}` });
  }
  const floor = roundPoints(b.budget * minShare);
  if (b.allocated < floor && b.planned) {
    if (b.phase === 'planned') {
      warnings.push({ code: 'planning-hint', severity: 'info', message: `${pts(b.unallocated)} of the ${pts(b.budget)} budget is not allocated yet; allocate at least ${pts(floor)} before the sprint starts on ${b.start} (try \`paydown sprint plan --auto-fill\`)` });
    } else {
      warnings.push({ code: 'under-allocated', severity: 'warning', message: `only ${pts(b.allocated)} of the ${pts(b.budget)} budget is allocated; at least ${pts(floor)} (${percent(minShare)}) should be once the sprint has started` });
    }
  }
  const unestimated = counted.filter((r) => r.effortSource === 'none').map((r) => r.id);
  if (unestimated.length > 0) {
    warnings.push({ code: 'unestimated', severity: 'warning', message: `${plural(unestimated.length, 'item')} without an estimate ${agree(unestimated.length, 'counts', 'count')} 0 pts: ${unestimated.join(', ')} (estimate them, or set planning.defaultEstimate)`, ids: unestimated });
  }
  const defaulted = counted.filter((r) => r.effortSource === 'default');
  if (defaulted.length > 0) {
    const ids = defaulted.map((r) => r.id);
    warnings.push({ code: 'estimated-by-default', severity: 'info', message: `${plural(ids.length, 'item')} without an estimate ${agree(ids.length, 'counts', 'count')} the default of ${pts(defaulted[0]!.effort ?? 0)}: ${ids.join(', ')}`, ids });
  }
  if (b.phase === 'ended' && b.planned && b.paid < b.budget) {
    warnings.push({ code: 'budget-not-kept', severity: 'warning', message: `the sprint ended with ${pts(b.paid)} of the ${pts(b.budget)} budget paid down${b.kept === null ? '' : ` (${percent(b.kept)})`}` });
  }
  const wontFix = wontFixRows.map((r) => r.id);
  if (wontFix.length > 0) {
    warnings.push({ code: 'wont-fix-allocated', severity: 'warning', message: `${plural(wontFix.length, 'item')} marked wont-fix ${agree(wontFix.length, 'is', 'are')} still allocated (not counted): ${wontFix.join(', ')} (run \`paydown sprint unassign\`)`, ids: wontFix });
  }
  return warnings;
}

function byStatusThenId(a: BudgetItem, b: BudgetItem): number {
  const rank = (r: BudgetItem): number => (r.status === 'resolved' ? 1 : r.status === 'wont-fix' ? 2 : 0);
  return rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
