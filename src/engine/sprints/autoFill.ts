/**
 * Auto-fill: the best set of open items that fits what is left of a sprint's protected budget.
 * Value comes from impact, age, due date and interest (weights in `planning.weights`); the set is chosen by
 * an exact 0/1 knapsack, ties broken deterministically, and every pick says why.
 */
import type { PlanningConfig } from '../config/planning';
import type { LedgerItem } from '../ledger/model';
import type { Impact } from '../model';
import { agree, formatNumber as num, plural, points as formatPoints } from '../present';
import { computeBudget, countedEffort, type BudgetConfig } from './budget';
import { dayOf, daysBetween, parseInstant } from '../dates';
import { toPlanningItem, type PlanningItem, type PlanningItemInput } from './items';
import { describeInterest, type Interest, type InterestIndex } from '../interest/interest';
import { solveKnapsack } from './knapsack';
import { sortedBy } from '../order';
import type { AutoFillProposal, CandidateItem, ItemValue, LeftOutItem, Sprint, SprintBudget } from './model';
import { roundPoints } from './sprints';

/** Impact scores: low 1, medium 2, high 3, critical 5; an item without impact scores 1. */
export const IMPACT_SCORES: Readonly<Record<Impact | 'none', number>> = { low: 1, medium: 2, high: 3, critical: 5, none: 1 };
/** Due scores: overdue 4, due within the sprint 3, due later 1, no due date 0. */
export const DUE_SCORES: Readonly<Record<ItemValue['dueKind'], number>> = { overdue: 4, 'in-sprint': 3, later: 1, none: 0 };
/** Age is counted in whole 30-day months, up to this many. */
export const MAX_AGE_MONTHS = 12;
/** Largest DP table (items × effort steps); beyond it efforts are rounded up to a coarser step. */
export const MAX_TABLE_CELLS = 4_000_000;
/** Efforts are scaled by the smallest denominator up to this that makes them whole (¼, ⅓, 0.1…). */
const MAX_DENOMINATOR = 100;

/** What an item is valued from. */
export interface ValueSubject {
  impact: Impact | null;
  /** ISO timestamp or `YYYY-MM-DD` the item was first seen. */
  firstSeen: string;
  due: string | null;
  /** How often its file changed lately; null (or absent) when not measured. */
  interest?: Interest | null;
}

/**
 * An item's auto-fill value for `sprint` as of `today`:
 * weights.impact × impact score + weights.age × min(12, whole months since first seen)
 * + weights.due × due score (overdue — before today or before the sprint starts — 4; within the
 * sprint 3; after it 1; none 0) + weights.interest × interest score (0 for a file that did not
 * change in the window, up to 5 for the repository's most changed file).
 */
export function valueItem(subject: ValueSubject, sprint: Pick<Sprint, 'start' | 'end'>, weights: PlanningConfig['weights'], today: string): ItemValue {
  const months = Math.max(0, Math.floor(daysBetween(dayOf(subject.firstSeen), today) / 30));
  const due = subject.due;
  const dueKind: ItemValue['dueKind'] = due === null ? 'none' : due < today || due < sprint.start ? 'overdue' : due <= sprint.end ? 'in-sprint' : 'later';
  const impact = roundPoints(weights.impact * IMPACT_SCORES[subject.impact ?? 'none']);
  const age = roundPoints(weights.age * Math.min(MAX_AGE_MONTHS, months));
  const dueValue = roundPoints(weights.due * DUE_SCORES[dueKind]);
  const interest = roundPoints(weights.interest * (subject.interest?.score ?? 0));
  return { impact, age, due: dueValue, interest, total: roundPoints(impact + age + dueValue + interest), months, dueKind };
}

/** `high impact (3) · 5 months old (2.5) · due 2026-12-01 in this sprint (3) → value 8.5 for 3 pts`. */
export function explainValue(subject: ValueSubject, value: ItemValue, effort: number, today: string): string {
  const parts = [subject.impact ? `${subject.impact} impact (${num(value.impact)})` : `no impact set (${num(value.impact)})`];
  const { months } = value;
  const age = months === 0 ? 'less than a month old' : `${plural(months, 'month')} old${months > MAX_AGE_MONTHS ? `, counted as ${MAX_AGE_MONTHS}` : ''}`;
  parts.push(`${age} (${num(value.age)})`);
  const due = subject.due;
  if (due !== null) {
    if (value.dueKind === 'overdue') parts.push(`${due < today ? `overdue since ${due}` : `due ${due}, before the sprint starts`} (${num(value.due)})`);
    else if (value.dueKind === 'in-sprint') parts.push(`due ${due} in this sprint (${num(value.due)})`);
    else parts.push(`due ${due}, after this sprint (${num(value.due)})`);
  }
  if (subject.interest && value.interest > 0) parts.push(`${describeInterest(subject.interest)} (${num(value.interest)})`);
  return `${parts.join(' · ')} → value ${num(value.total)} for ${formatPoints(effort)}`;
}

/** Options of {@link autoFill}. */
export interface AutoFillOptions {
  /** Ids the lead does not want proposed. */
  exclude?: readonly string[];
  /** The sprint's budget, when already computed (else computed here). */
  budget?: SprintBudget;
  /** How often each file changed lately (interest); without it, no item bears interest. */
  interest?: InterestIndex | null;
}

/** What auto-fill reads from the config. */
export type AutoFillConfig = BudgetConfig;

/**
 * Proposes the best set of open items (status `open`, in no sprint) for `sprint`: the greatest
 * Σ value whose Σ effort fits the budget's unallocated points; among equally valuable sets the
 * one with fewer points, then the one with older items (first seen, then id). Unestimated items
 * count `planning.defaultEstimate`, or are left out (and said so). Exact: efforts are scaled to
 * whole numbers by the smallest unit they need; only if the table would exceed
 * {@link MAX_TABLE_CELLS} are efforts rounded up to a coarser unit (never over-filling), and the
 * proposal says it is not exact.
 */
export function autoFill(sprint: Sprint, items: readonly PlanningItemInput[], config: AutoFillConfig, today: string, options: AutoFillOptions = {}): AutoFillProposal {
  const budget = options.budget ?? computeBudget(sprint, items, config, today);
  const room = Math.max(0, budget.unallocated);
  const excluded = new Set(options.exclude ?? []);
  const leftOut: LeftOutItem[] = [];
  const notes: string[] = [];
  const candidates: CandidateItem[] = [];
  const planning = items.filter((input) => isUnplannedOpen('item' in input ? input.item : input)).map(toPlanningItem);
  sortByAgeThenId(planning);
  for (const p of planning) {
    const { item } = p;
    if (excluded.has(item.id)) {
      leftOut.push({ id: item.id, title: item.title, reason: 'excluded', effort: item.effort.value, value: null, message: 'excluded by the lead' });
      continue;
    }
    const { effort, source } = countedEffort(item.effort.value, config.planning.defaultEstimate);
    if (effort === null) {
      leftOut.push({ id: item.id, title: item.title, reason: 'unestimated', effort: null, value: null, message: 'no estimate (and no planning.defaultEstimate)' });
      continue;
    }
    const interest = options.interest?.of(p.file) ?? null;
    const subject = { impact: item.impact.value, firstSeen: item.firstSeen.at, due: p.due, interest };
    const value = valueItem(subject, sprint, config.planning.weights, today);
    // Explained once picked: thousands of candidates, a handful of picks.
    candidates.push({ id: item.id, title: item.title, effort, estimated: source === 'item', impact: item.impact.value, firstSeen: item.firstSeen.at, due: p.due, interest, value, explanation: '' });
  }
  const unestimated = leftOut.filter((l) => l.reason === 'unestimated').length;
  if (unestimated > 0) notes.push(`${plural(unestimated, 'unestimated item')} ${agree(unestimated, 'was', 'were')} left out: estimate ${agree(unestimated, 'it', 'them')}, or set planning.defaultEstimate`);

  const { weights, capacity, exact } = scaleEfforts(candidates.map((c) => c.effort), room);
  if (!exact) notes.push(`efforts were rounded up to steps of ${formatPoints(1 / (capacity.scale))} to keep the plan fast; the choice fits but may not be the very best`);
  const picks = new Set(solveKnapsack(candidates.map((c, i) => ({ weight: weights[i]!, value: Math.round(c.value.total * 1e6) })), capacity.steps));
  const picked = candidates
    .filter((_, i) => picks.has(i))
    .map((c) => ({ ...c, explanation: explainValue({ impact: c.impact, firstSeen: c.firstSeen, due: c.due, interest: c.interest }, c.value, c.effort, today) + (c.estimated ? '' : ' (default estimate)') }));
  const effort = roundPoints(picked.reduce((sum, c) => sum + c.effort, 0));
  const left = roundPoints(room - effort);
  candidates.forEach((c, i) => {
    if (picks.has(i)) return;
    const why = c.effort > left ? (c.effort > room ? `${formatPoints(c.effort)} is more than the ${formatPoints(room)} of room` : `${formatPoints(c.effort)} did not fit in the ${formatPoints(left)} left`) : 'a more valuable set used the room';
    leftOut.push({ id: c.id, title: c.title, reason: 'did-not-fit', effort: c.effort, value: c.value.total, message: `${why} (value ${num(c.value.total)})` });
  });
  if (room === 0) notes.push(budget.unallocated < 0 ? `the budget is over-allocated by ${formatPoints(-budget.unallocated)}: nothing more fits` : 'the budget is fully allocated: nothing more fits');
  return { sprint: sprint.name, room, picked, effort, value: roundPoints(picked.reduce((sum, c) => sum + c.value.total, 0)), leftOut, exact, notes };
}

/** What auto-fill may propose: open and in no sprint. */
function isUnplannedOpen(item: LedgerItem): boolean {
  return item.status === 'open' && item.sprint === null;
}

/** Oldest first (first seen), then by id; the instants read once per item, not once per comparison. */
function sortByAgeThenId(planning: PlanningItem[]): void {
  const sorted = sortedBy(planning, (p) => parseInstant(p.item.firstSeen.at) ?? 0, (a, b) => (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0));
  sorted.forEach((p, i) => (planning[i] = p));
}

/** Integer weights for the efforts and the room: exact when a small common unit exists and the table stays small. */
export function scaleEfforts(efforts: readonly number[], room: number): { weights: number[]; capacity: { scale: number; steps: number }; exact: boolean } {
  const rows = efforts.length + 1;
  let scale = 1;
  let exact = true;
  for (const effort of efforts) {
    const d = denominator(effort);
    if (d === null) {
      exact = false;
      break;
    }
    scale = lcm(scale, d);
    if (scale > MAX_DENOMINATOR * MAX_DENOMINATOR) {
      exact = false;
      break;
    }
  }
  const stepsFor = (s: number): number => Math.floor(room * s + 1e-6);
  if (exact && rows * (stepsFor(scale) + 1) > MAX_TABLE_CELLS) exact = false;
  if (!exact) {
    // The finest whole step that keeps the table within bounds; efforts round up so nothing over-fills.
    const finest = Math.floor((MAX_TABLE_CELLS / rows - 1) / Math.max(room, 1e-9));
    scale = Math.max(1, Math.min(finest, 1000));
    if (finest < 1) scale = Math.max(1e-9, (MAX_TABLE_CELLS / rows - 1) / Math.max(room, 1e-9));
  }
  const weights = efforts.map((e) => (exact ? Math.round(e * scale) : Math.ceil(e * scale - 1e-6)));
  return { weights, capacity: { scale, steps: stepsFor(scale) }, exact };
}

/** The smallest d ≤ 100 with value × d whole, or null. */
function denominator(value: number): number | null {
  for (let d = 1; d <= MAX_DENOMINATOR; d++) {
    const scaled = value * d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-6) return d;
  }
  return null;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

function lcm(a: number, b: number): number {
  return (a / gcd(a, b)) * b;
}
