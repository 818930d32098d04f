/** The JSON payloads of `paydown budget` and `paydown sprint list | plan | assign | unassign` (see jsonDocument.ts). */
import type { ListedItem, OutcomeConfig } from '../../engine';
import type { AssignOutcome, AutoFillProposal, BudgetItem, BudgetWarningCode, CandidateItem, EffortSource, ItemValue, LeftOutReason, Sprint, SprintBudget, SprintPhase, TrackerKind, TrackerSprintsStatus } from '../../engine';
import { ledgerItemJson, unscannedItemJson, type LedgerItemJson } from '../../engine';

/** A sprint's budget figures, every number in points (`kept` a share, 0–1+). */
export interface BudgetFiguresJson {
  sprint: string;
  squad: string | null;
  start: string;
  end: string;
  phase: SprintPhase;
  capacity: number;
  budget: number;
  allocated: number;
  paid: number;
  remaining: number;
  unallocated: number;
  paidUnplanned: number;
  kept: number | null;
  /** False when the sprint ended before planning began: `kept` is null and the figures are history. */
  planned: boolean;
}

/** One item of a budget: the item, the points it counts for and where they come from, whether it was paid down in the sprint. */
export interface BudgetItemJson {
  item: LedgerItemJson;
  counted: { points: number | null; source: EffortSource };
  paid: boolean;
}

/** A budget with its warnings and items (`budget`, and `sprint plan`'s `budget`). */
export interface SprintBudgetJson extends BudgetFiguresJson {
  warnings: { code: BudgetWarningCode; severity: 'warning' | 'info'; message: string; ids: string[] }[];
  items: BudgetItemJson[];
  unplanned: BudgetItemJson[];
}

/** `budget`. */
export interface BudgetJson extends SprintBudgetJson {
  /** The day the budget is measured on. */
  today: string;
}

/** What the JSON of a planning command needs besides its result: every listed item (by id) and the config's outcomes. */
export interface PlanningJsonContext {
  items: readonly ListedItem[];
  outcomes: readonly OutcomeConfig[];
}

function figures(b: SprintBudget): BudgetFiguresJson {
  return {
    sprint: b.sprint,
    squad: b.squad,
    start: b.start,
    end: b.end,
    phase: b.phase,
    capacity: b.capacity,
    budget: b.budget,
    allocated: b.allocated,
    paid: b.paid,
    remaining: b.remaining,
    unallocated: b.unallocated,
    paidUnplanned: b.paidUnplanned,
    kept: b.kept,
    planned: b.planned,
  };
}

/** Finds each id's listed item once, for documents that name items by id. */
function itemsById(ctx: PlanningJsonContext): (id: string) => LedgerItemJson {
  const byId = new Map(ctx.items.map((l) => [l.item.id, l]));
  const cache = new Map<string, LedgerItemJson>();
  return (id) => {
    let json = cache.get(id);
    if (!json) {
      // Budgets and proposals are computed from these very items: every id is among them.
      cache.set(id, (json = ledgerItemJson(byId.get(id)!, ctx.outcomes)));
    }
    return json;
  };
}

export function sprintBudgetJson(b: SprintBudget, ctx: PlanningJsonContext): SprintBudgetJson {
  const item = itemsById(ctx);
  const row = (i: BudgetItem): BudgetItemJson => ({ item: item(i.id), counted: { points: i.effort, source: i.effortSource }, paid: i.paid });
  return {
    ...figures(b),
    warnings: b.warnings.map((w) => ({ code: w.code, severity: w.severity, message: w.message, ids: [...(w.ids ?? [])] })),
    items: b.items.map(row),
    unplanned: b.unplanned.map(row),
  };
}

export function budgetJson(b: SprintBudget, today: string, ctx: PlanningJsonContext): BudgetJson {
  return { today, ...sprintBudgetJson(b, ctx) };
}

/** `sprint list`: every sprint with its budget figures. */
export interface SprintListJson {
  today: string;
  /** The current sprint's name; null when no sprint contains today. */
  current: string | null;
  sprints: (BudgetFiguresJson & { source: Sprint['source']; current: boolean })[];
  /** With `sprints.from`: the tracker, what is read, and whether (and when) its sprints were cached; else null. */
  tracker: { from: TrackerKind; scope: string; state: TrackerSprintsStatus['state']; fetchedAt: string | null; problem: string | null; unmatched: string[] } | null;
}

export function sprintListJson(rows: readonly { sprint: Sprint; budget: SprintBudget; current: boolean }[], today: string, current: string | null, tracker: TrackerSprintsStatus | null = null): SprintListJson {
  return {
    today,
    current,
    tracker: tracker && { from: tracker.tracker, scope: tracker.scope, state: tracker.state, fetchedAt: tracker.fetchedAt, problem: tracker.problem?.message ?? null, unmatched: tracker.unmatched },
    sprints: rows.map(({ sprint, budget, current }) => {
      const { sprint: name, squad, start, end, phase, capacity, ...numbers } = figures(budget);
      return { sprint: name, squad, start, end, source: sprint.source, phase, current, capacity, ...numbers };
    }),
  };
}

/** One item of an auto-fill proposal: the points it counts for, its value and why. */
export interface PickedJson {
  item: LedgerItemJson;
  effort: number;
  /** False when `effort` is the default estimate. */
  estimated: boolean;
  /** The value and its parts, each already weighted (see docs/sprints.md). */
  value: { impact: number; age: number; due: number; total: number; months: number; dueKind: ItemValue['dueKind'] };
  explanation: string;
}

export interface ProposalJson {
  sprint: string;
  room: number;
  effort: number;
  value: number;
  exact: boolean;
  picked: PickedJson[];
  leftOut: { item: LedgerItemJson; reason: LeftOutReason; effort: number | null; value: number | null; message: string }[];
  notes: string[];
}

/** One id of `sprint assign`, `unassign` or an accepted proposal: what happened, and the item after it. */
export interface AssignResultJson {
  id: string;
  result: AssignOutcome['result'];
  from: string | null;
  to: string | null;
  /** Why it was skipped, or a caution; null when neither. */
  reason: string | null;
  item: LedgerItemJson;
}

/** `sprint plan`. */
export interface SprintPlanJson {
  today: string;
  /** The budget after an accepted proposal, else as it is. */
  budget: SprintBudgetJson;
  /** The auto-fill proposal, with `--auto-fill` or `--accept`; else null. */
  proposal: ProposalJson | null;
  /** What `--accept` did per proposed item; null without it. */
  accepted: AssignResultJson[] | null;
}

export function assignResultsJson(outcomes: readonly AssignOutcome[], outcomesConfig: readonly OutcomeConfig[]): AssignResultJson[] {
  return outcomes.map((o) => ({ id: o.id, result: o.result, from: o.from, to: o.to, reason: o.reason ?? null, item: unscannedItemJson(o.item, outcomesConfig) }));
}

export function sprintPlanJson(plan: { budget: SprintBudget; proposal: AutoFillProposal | null; accepted: readonly AssignOutcome[] | null }, today: string, ctx: PlanningJsonContext): SprintPlanJson {
  const item = itemsById(ctx);
  const p = plan.proposal;
  return {
    today,
    budget: sprintBudgetJson(plan.budget, ctx),
    proposal: p && {
      sprint: p.sprint,
      room: p.room,
      effort: p.effort,
      value: p.value,
      exact: p.exact,
      picked: p.picked.map((c) => pickedJson(c, item(c.id))),
      leftOut: p.leftOut.map((l) => ({ item: item(l.id), reason: l.reason, effort: l.effort, value: l.value, message: l.message })),
      notes: [...p.notes],
    },
    accepted: plan.accepted && assignResultsJson(plan.accepted, ctx.outcomes),
  };
}

function pickedJson(c: CandidateItem, item: LedgerItemJson): PickedJson {
  const { impact, age, due, total, months, dueKind } = c.value;
  return { item, effort: c.effort, estimated: c.estimated, value: { impact, age, due, total, months, dueKind }, explanation: c.explanation };
}

/** `sprint assign`. */
export interface AssignJson {
  sprint: string;
  results: AssignResultJson[];
}

/** `sprint unassign`. */
export interface UnassignJson {
  results: AssignResultJson[];
}
