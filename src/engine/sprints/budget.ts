/**
 * A sprint's protected debt budget: how much is protected, allocated, paid down and still to do,
 * and what needs the lead's attention. Pure: the ledger and the day come in as arguments.
 */
import type { PlanningSettings } from '../config/planning';
import type { LedgerItem } from '../ledger/model';
import { resolveOutcome } from './outcomes';
import { dayOf } from '../dates';
import { countedEffort, toPlanningItem, type PlanningItem, type PlanningItemInput } from './items';
import type { BudgetItem, BudgetWarning, Sprint, SprintBudget } from './model';
import { budgetPoints, roundPoints, sprintPhase } from './sprints';

/** What budget math reads from the config. */
export type BudgetConfig = Pick<PlanningSettings, 'planning' | 'check' | 'outcomes'>;

/**
 * The budget of `sprint` as of `today` (`YYYY-MM-DD`), from every ledger item (pass them all:
 * unplanned paydown is found among items of other sprints).
 *
 * - budget = capacity × share, or the configured points;
 * - allocated = Σ effort of items whose `sprint` is this sprint's name and status is not
 *   wont-fix (resolved ones included); an unestimated item counts `planning.defaultEstimate`,
 *   else 0 with an `unestimated` warning;
 * - paid = Σ effort of allocated items resolved within [start, end]; paidUnplanned = the same
 *   for resolved items not allocated to it;
 * - remaining = allocated − paid; unallocated = budget − allocated.
 */
export function computeBudget(sprint: Sprint, items: readonly PlanningItemInput[], config: BudgetConfig, today: string): SprintBudget {
  const defaultEstimate = config.planning.defaultEstimate;
  const budget = budgetPoints(sprint.debtBudget, sprint.capacity);
  const within = (item: LedgerItem): boolean => {
    if (item.status !== 'resolved' || !item.resolved) return false;
    const day = dayOf(item.resolved.at);
    return sprint.start <= day && day <= sprint.end;
  };
  const row = (p: PlanningItem): BudgetItem => {
    const { item } = p;
    const { effort, source } = countedEffort(item, defaultEstimate);
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
      resolvedAt: item.status === 'resolved' && item.resolved ? dayOf(item.resolved.at) : null,
      paid: within(item),
    };
  };

  const planning = items.map(toPlanningItem);
  const rows = planning.filter((p) => p.item.sprint === sprint.name).map(row).sort(byStatusThenId);
  const unplanned = planning.filter((p) => p.item.sprint !== sprint.name && within(p.item)).map(row).sort(byStatusThenId);
  const counted = rows.filter((r) => r.status !== 'wont-fix');
  const sum = (list: readonly BudgetItem[]): number => roundPoints(list.reduce((total, r) => total + (r.effort ?? 0), 0));
  const allocated = sum(counted);
  const paid = sum(counted.filter((r) => r.paid));
  const paidUnplanned = sum(unplanned);
  const phase = sprintPhase(sprint, today);

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
    kept: budget > 0 ? roundPoints(paid / budget) : null,
    warnings: [],
    items: rows,
    unplanned,
  };
  result.warnings = budgetWarnings(result, counted, rows, config.check.minAllocatedShare);
  return result;
}

function budgetWarnings(b: SprintBudget, counted: readonly BudgetItem[], rows: readonly BudgetItem[], minShare: number): BudgetWarning[] {
  const warnings: BudgetWarning[] = [];
  const pts = formatPoints;
  if (b.budget > b.capacity) {
    warnings.push({ code: 'over-capacity', severity: 'warning', message: `the protected budget of ${pts(b.budget)} is more than the sprint's capacity of ${pts(b.capacity)}` });
  }
  if (b.allocated > b.budget) {
    warnings.push({ code: 'over-allocated', severity: 'warning', message: `${pts(b.allocated)} allocated is ${pts(roundPoints(b.allocated - b.budget))} over the protected budget of ${pts(b.budget)}` });
  }
  const floor = roundPoints(b.budget * minShare);
  if (b.allocated < floor) {
    if (b.phase === 'planned') {
      warnings.push({ code: 'planning-hint', severity: 'info', message: `${pts(b.unallocated)} of the ${pts(b.budget)} budget is not allocated yet; allocate at least ${pts(floor)} before the sprint starts on ${b.start} (try \`paydown sprint plan --auto-fill\`)` });
    } else {
      warnings.push({ code: 'under-allocated', severity: 'warning', message: `only ${pts(b.allocated)} of the ${pts(b.budget)} budget is allocated; at least ${pts(floor)} (${percent(minShare)}) should be once the sprint has started` });
    }
  }
  const unestimated = counted.filter((r) => r.effortSource === 'none').map((r) => r.id);
  if (unestimated.length > 0) {
    warnings.push({ code: 'unestimated', severity: 'warning', message: `${count(unestimated.length, 'item')} without an estimate count${unestimated.length === 1 ? 's' : ''} 0 pts: ${unestimated.join(', ')} (estimate them, or set planning.defaultEstimate)`, ids: unestimated });
  }
  const defaulted = counted.filter((r) => r.effortSource === 'default');
  if (defaulted.length > 0) {
    const ids = defaulted.map((r) => r.id);
    warnings.push({ code: 'estimated-by-default', severity: 'info', message: `${count(ids.length, 'item')} without an estimate count${ids.length === 1 ? 's' : ''} the default of ${pts(defaulted[0]!.effort ?? 0)}: ${ids.join(', ')}`, ids });
  }
  if (b.phase === 'ended' && b.paid < b.budget) {
    warnings.push({ code: 'budget-not-kept', severity: 'warning', message: `the sprint ended with ${pts(b.paid)} of the ${pts(b.budget)} budget paid down${b.kept === null ? '' : ` (${percent(b.kept)})`}` });
  }
  const wontFix = rows.filter((r) => r.status === 'wont-fix').map((r) => r.id);
  if (wontFix.length > 0) {
    warnings.push({ code: 'wont-fix-allocated', severity: 'warning', message: `${count(wontFix.length, 'item')} marked wont-fix ${wontFix.length === 1 ? 'is' : 'are'} still allocated (not counted): ${wontFix.join(', ')} (run \`paydown sprint unassign\`)`, ids: wontFix });
  }
  return warnings;
}

function byStatusThenId(a: BudgetItem, b: BudgetItem): number {
  const rank = (r: BudgetItem): number => (r.status === 'resolved' ? 1 : r.status === 'wont-fix' ? 2 : 0);
  return rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** `3 pts`, `1 pt`, `0.5 pts`. */
export function formatPoints(points: number): string {
  return `${roundPoints(points)} ${points === 1 ? 'pt' : 'pts'}`;
}

/** 0.8 → `80%`, 0.125 → `12.5%`. */
export function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
