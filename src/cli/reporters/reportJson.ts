/**
 * The JSON payload of `paydown report --format json`: the facts of the sprint review (see
 * jsonDocument.ts). Its items are snapshots — each as it was when the sprint was measured, with
 * the days it was open — not the ledger's current items, so they have their own small shape.
 */
import { budgetPoints, cellJson, type CellJson, type Sprint, type SprintPhase } from '../../engine';
import type { AgedItem, DurationStats, SprintMetrics } from '../../engine';
import type { OutcomeSummary, ReviewItem, SprintReview } from '../../engine';

/** An item as the review saw it when measured. */
export interface ReviewItemJson {
  id: string;
  tag: string;
  title: string;
  file: string;
  line: number;
  /** In a Jupyter notebook: its cell (from 0) and the tag's place there, live or last seen. */
  cell?: CellJson;
  /** Points when measured; null when unestimated. */
  effort: number | null;
  outcome: string | null;
  /** Days from first seen to its resolution (resolved items) or to the measurement (open ones), 1 decimal. */
  days: number;
}

export interface DurationJson {
  count: number;
  medianDays: number | null;
  p85Days: number | null;
}

/** One sprint's flow and budget, measured at its end (or when the review was measured, if earlier). */
export interface SprintMetricsJson {
  sprint: string;
  start: string;
  end: string;
  budget: number;
  phase: SprintPhase;
  measuredAt: string | null;
  added: { count: number; points: number };
  resolved: { count: number; points: number };
  reopened: number;
  wontFix: number;
  allocated: { count: number; points: number; unestimated: number };
  paid: { count: number; points: number };
  budgetKept: number | null;
  /** False when the sprint ended before planning began: `budgetKept` is then null and no verdict. */
  planned: boolean;
  leadTime: DurationJson;
  cycleTime: DurationJson;
}

export interface ReportJson {
  today: string;
  /** The day measured: the sprint's end, or today inside a running sprint, or its start before it. */
  measuredOn: string;
  phase: SprintPhase;
  /** True when the paid points reached the protected budget. */
  /** Null when the sprint was not planned. */
  kept: boolean | null;
  planned: boolean;
  /** The UTC day of the ledger's first sprint assignment, or null. */
  planningBegan: string | null;
  sprint: { name: string; squad: string | null; start: string; end: string; source: Sprint['source']; capacity: number; budget: number; budgetShare: number | null };
  /** Points an unestimated item counts for; null when it counts 0. */
  defaultEstimate: number | null;
  metrics: SprintMetricsJson;
  /** The previous sprints' metrics, oldest first. */
  previous: SprintMetricsJson[];
  paid: ReviewItemJson[];
  notDone: ReviewItemJson[];
  unplanned: ReviewItemJson[];
  added: ReviewItemJson[];
  reopened: ReviewItemJson[];
  unestimated: ReviewItemJson[];
  oldestOpen: { id: string; tag: string; title: string; file: string; ageDays: number; effort: number | null; sprint: string | null }[];
  outcomes: { name: string; description: string; configured: boolean; open: { count: number; points: number }; added: number; paid: { count: number; points: number }; resolved: number }[];
  open: { count: number; points: number; unestimated: number };
  leadTime: DurationJson;
  cycleTime: DurationJson;
  prompts: string[];
}

function duration(d: DurationStats): DurationJson {
  return { count: d.count, medianDays: d.medianDays, p85Days: d.p85Days };
}

function metrics(m: SprintMetrics): SprintMetricsJson {
  return {
    sprint: m.sprint,
    start: m.start,
    end: m.end,
    budget: m.budget,
    phase: m.phase,
    measuredAt: m.measuredAt,
    added: { count: m.added.count, points: m.added.points },
    resolved: { count: m.resolved.count, points: m.resolved.points },
    reopened: m.reopened,
    wontFix: m.wontFix,
    allocated: { count: m.allocated.count, points: m.allocated.points, unestimated: m.allocated.unestimated },
    paid: { count: m.paid.count, points: m.paid.points },
    budgetKept: m.budgetKept,
    planned: m.planned,
    leadTime: duration(m.leadTime),
    cycleTime: duration(m.cycleTime),
  };
}

function reviewItem(i: ReviewItem): ReviewItemJson {
  return { id: i.id, tag: i.tag, title: i.title, file: i.file, line: i.line, ...cellJson(i.cell), effort: i.effort, outcome: i.outcome, days: i.days };
}

function aged(a: AgedItem): ReportJson['oldestOpen'][number] {
  return { id: a.id, tag: a.tag, title: a.title, file: a.file, ageDays: a.ageDays, effort: a.effort, sprint: a.sprint };
}

function outcome(o: OutcomeSummary): ReportJson['outcomes'][number] {
  return { name: o.name, description: o.description, configured: o.configured, open: { ...o.open }, added: o.added, paid: { ...o.paid }, resolved: o.resolved };
}

export function reportJson(r: SprintReview): ReportJson {
  const s = r.sprint;
  return {
    today: r.today,
    measuredOn: r.measuredOn,
    phase: r.phase,
    kept: r.kept,
    planned: r.planned,
    planningBegan: r.planningBegan,
    sprint: { name: s.name, squad: s.squad, start: s.start, end: s.end, source: s.source, capacity: s.capacity, budget: budgetPoints(s.debtBudget, s.capacity), budgetShare: 'share' in s.debtBudget ? s.debtBudget.share : null },
    defaultEstimate: r.defaultEstimate,
    metrics: metrics(r.metrics),
    previous: r.previous.map(metrics),
    paid: r.paid.map(reviewItem),
    notDone: r.notDone.map(reviewItem),
    unplanned: r.unplanned.map(reviewItem),
    added: r.added.map(reviewItem),
    reopened: r.reopened.map(reviewItem),
    unestimated: r.unestimated.map(reviewItem),
    oldestOpen: r.oldestOpen.map(aged),
    outcomes: r.outcomes.map(outcome),
    open: { count: r.open.count, points: r.open.points, unestimated: r.open.unestimated },
    leadTime: duration(r.leadTime),
    cycleTime: duration(r.cycleTime),
    prompts: [...r.prompts],
  };
}
