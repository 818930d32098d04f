/**
 * The sprint review's facts: what a team's lessons-learned meeting looks at about one sprint's
 * debt. Pure: items, sprints, config and the day in; plain data out (rendered by `markdown.ts`).
 * Numbers come from the metrics (history-aware: an item moved to a later sprint still counts
 * where it was planned at the time); item lists are read from the same histories.
 */
import type { OutcomeConfig, PlanningSettings } from '../config/planning';
import { DAY_MS, dayEnd, dayStart } from '../dates';
import type { LedgerItem } from '../ledger/model';
import type { CellPosition } from '../model';
import { buildTimeline, isOpenStatus, resolvedAt, stateAt, type ItemTimeline } from '../ledger/history';
import { computeMetrics, type AgedItem, type DurationStats, type SprintMetrics } from '../metrics';
import { agree, percent, plural, points } from '../present';
import { budgetPoints, budgetWasKept, planningBegan, resolveOutcome, sprintPhase, sprintShare, toPlanningItem, type PlanningItemInput, type Sprint, type SprintPhase } from '../sprints';

/** What the review needs. */
export interface SprintReviewInput {
  /** The sprint under review. */
  sprint: Sprint;
  /** Every sprint (configured and generated), for the comparison with the previous ones. */
  sprints: readonly Sprint[];
  /** Every ledger item, resolved and won't-fix ones included; with live positions when known. */
  items: readonly PlanningItemInput[];
  config: Pick<PlanningSettings, 'outcomes' | 'planning'>;
  /** `YYYY-MM-DD`: a running sprint is measured at the end of this day, an ended one at its end. */
  today: string;
  /** How many earlier sprints to compare with (default 3). */
  compareWith?: number;
}

/** One item as the review lists it. */
export interface ReviewItem {
  id: string;
  tag: string;
  title: string;
  file: string;
  line: number;
  /** In a Jupyter notebook: the place in its cell, live or last seen. */
  cell: CellPosition | null;
  /** Points at the time measured; null when unestimated. */
  effort: number | null;
  outcome: string | null;
  /** Days from first seen to resolution (resolved items) or to the measurement (open ones), 1 decimal. */
  days: number;
}

/** One outcome's debt during the sprint. */
export interface OutcomeSummary {
  name: string;
  description: string;
  /** False for an `outcome:` the config does not list, and for items that serve none. */
  configured: boolean;
  /** Open at the measurement. */
  open: { count: number; points: number };
  added: number;
  /** Paid down from the sprint's budget. */
  paid: { count: number; points: number };
  /** Resolved within the sprint (planned or not). */
  resolved: number;
}

/** Everything the one-page review shows. */
export interface SprintReview {
  sprint: Sprint;
  /** `ended` or `active`; `planned` when the sprint has not started (every count is 0). */
  phase: SprintPhase;
  /** Points an unestimated item counts for (`planning.defaultEstimate`), or null (counted 0). */
  defaultEstimate: number | null;
  /** The day measured (the sprint's end, or today inside a running sprint). */
  measuredOn: string;
  today: string;
  /** This sprint's metrics (budget, allocated, paid, kept, added, resolved, lead and cycle time). */
  metrics: SprintMetrics;
  /** The previous sprints' metrics, oldest first (up to `compareWith`). */
  previous: SprintMetrics[];
  /** True when the paid points reached the protected budget; null when the sprint was not planned. */
  kept: boolean | null;
  /**
   * False when the sprint ended before planning began (no sprint assignment in the ledger by its
   * end): its budget figures come from history and carry no verdict. See `sprintWasPlanned`.
   */
  planned: boolean;
  /** The UTC day of the ledger's first sprint assignment, or null when it holds none. */
  planningBegan: string | null;
  paid: ReviewItem[];
  /** Allocated to the sprint and still open when measured. */
  notDone: ReviewItem[];
  /** Resolved within the sprint without being allocated to it. */
  unplanned: ReviewItem[];
  added: ReviewItem[];
  /** Items that came back within the sprint after being resolved. */
  reopened: ReviewItem[];
  /** The oldest open items when measured. */
  oldestOpen: AgedItem[];
  /** Open items without an estimate when measured. */
  unestimated: ReviewItem[];
  outcomes: OutcomeSummary[];
  /** Open debt when measured. */
  open: { count: number; points: number; unestimated: number };
  /** Lead and cycle time over the sprint. */
  leadTime: DurationStats;
  cycleTime: DurationStats;
  /** Questions for the lessons-learned meeting, drawn from the facts above. */
  prompts: string[];
}

/** The facts of the review of `input.sprint` as of `input.today`. Deterministic. */
export function sprintReview(input: SprintReviewInput): SprintReview {
  const { sprint, today, config } = input;
  const phase = sprintPhase(sprint, today);
  const measuredOn = phase === 'ended' ? sprint.end : phase === 'active' ? today : sprint.start;
  const at = dayEnd(measuredOn, 'today');
  const start = dayStart(sprint.start, `sprint ${sprint.name}: start`);
  const end = Math.min(at, dayEnd(sprint.end, `sprint ${sprint.name}: end`));

  const planning = input.items.map(toPlanningItem);
  const positions = new Map(planning.map((p) => [p.item.id, p]));
  const ledger: LedgerItem[] = planning.map((p) => p.item);
  const ordered = [...input.sprints].sort((a, b) => cmp(a.start, b.start) || cmp(a.name, b.name));
  const index = ordered.findIndex((s) => s.name === sprint.name);
  const earlier = ordered.slice(0, Math.max(0, index)).filter((s) => s.end < sprint.start && (sprint.squad === null || s.squad === sprint.squad || s.squad === null));
  const compared = earlier.slice(-(input.compareWith ?? 3));
  const metricSprints = [...compared, sprint].map((s) => ({ name: s.name, start: s.start, end: s.end, budget: budgetPoints(s.debtBudget, s.capacity) }));
  const began = planningBegan(ledger);
  const metrics = computeMetrics({
    items: ledger,
    planningBegan: began,
    sprints: metricSprints,
    asOf: new Date(at).toISOString(),
    outcomes: config.outcomes,
    window: { from: sprint.start, to: measuredOn },
    groups: false,
    defaultEstimate: config.planning.defaultEstimate,
  });
  const own = metrics.perSprint.find((m) => m.sprint === sprint.name)!;
  const previous = compared.map((s) => metrics.perSprint.find((m) => m.sprint === s.name)!);

  const timelines = ledger.map((item) => buildTimeline(item)).filter((tl) => tl.firstSeen <= at);
  const outcomeOf = (tl: ItemTimeline): string | null => {
    const p = positions.get(tl.item.id)!;
    return resolveOutcome({ outcome: stateAt(tl, at)?.outcome ?? null, labels: tl.item.labels, file: p.file }, config.outcomes);
  };
  const row = (tl: ItemTimeline, until: number): ReviewItem => {
    const s = stateAt(tl, at)!;
    const p = positions.get(tl.item.id)!;
    return { id: tl.item.id, tag: s.tag, title: tl.item.title, file: p.file, line: p.line, cell: p.cell, effort: s.effort, outcome: outcomeOf(tl), days: Math.round(((until - tl.firstSeen) / DAY_MS) * 10) / 10 };
  };

  const paid: ReviewItem[] = [];
  const notDone: ReviewItem[] = [];
  const unplanned: ReviewItem[] = [];
  const added: ReviewItem[] = [];
  const reopened: ReviewItem[] = [];
  const unestimated: ReviewItem[] = [];
  const bounds = { name: sprint.name, start, end };
  for (const tl of timelines) {
    const s = stateAt(tl, at)!;
    const resolvedOn = resolvedAt(tl, at);
    // The budget's own rule decides paid, planned and unplanned: the review and `budget` agree.
    const share = sprintShare({ status: s.status, sprint: s.sprint, effort: s.effort, resolvedAt: resolvedOn }, bounds);
    const open = isOpenStatus(s.status);
    if (share === 'paid') paid.push(row(tl, resolvedOn!));
    else if (share === 'unplanned') unplanned.push(row(tl, resolvedOn!));
    if (share === 'allocated' && open) notDone.push(row(tl, at));
    if (tl.firstSeen >= start && tl.firstSeen <= end) added.push(row(tl, resolvedOn ?? at));
    if (tl.item.history.some((e) => e.type === 'reopened' && inRange(e.at, start, end))) reopened.push(row(tl, at));
    if (open && s.effort === null) unestimated.push(row(tl, at));
  }

  const outcomes = outcomeSummaries(config.outcomes, { timelines, at, start, end, sprint: sprint.name, outcomeOf, paid, added, unplanned });
  const review: SprintReview = {
    sprint,
    phase,
    measuredOn,
    today,
    defaultEstimate: config.planning.defaultEstimate,
    metrics: own,
    previous,
    kept: own.planned ? budgetWasKept(own.paid.points, own.budget) : null,
    planned: own.planned,
    planningBegan: began,
    paid: byId(paid),
    notDone: byId(notDone),
    unplanned: byId(unplanned),
    added: byId(added),
    reopened: byId(reopened),
    oldestOpen: metrics.oldestOpen,
    unestimated: byId(unestimated),
    outcomes,
    open: metrics.open,
    leadTime: metrics.leadTime,
    cycleTime: metrics.cycleTime,
    prompts: [],
  };
  review.prompts = discussionPrompts(review);
  return review;
}

function outcomeSummaries(
  configured: readonly OutcomeConfig[],
  ctx: { timelines: readonly ItemTimeline[]; at: number; start: number; end: number; sprint: string; outcomeOf: (tl: ItemTimeline) => string | null; paid: ReviewItem[]; added: ReviewItem[]; unplanned: ReviewItem[] },
): OutcomeSummary[] {
  const names = new Map<string, OutcomeSummary>();
  const summary = (name: string, description = '', configured = false): OutcomeSummary => {
    let s = names.get(name);
    if (!s) names.set(name, (s = { name, description, configured, open: { count: 0, points: 0 }, added: 0, paid: { count: 0, points: 0 }, resolved: 0 }));
    return s;
  };
  for (const o of configured) summary(o.name, o.description, true);
  const key = (outcome: string | null): string => configured.find((o) => o.name.toLowerCase() === outcome?.toLowerCase())?.name ?? outcome ?? NO_OUTCOME;
  for (const tl of ctx.timelines) {
    const s = stateAt(tl, ctx.at)!;
    if (isOpenStatus(s.status)) {
      const o = summary(key(ctx.outcomeOf(tl)));
      o.open.count++;
      o.open.points = round(o.open.points + (s.effort ?? 0));
    }
  }
  for (const item of ctx.added) summary(key(item.outcome)).added++;
  for (const item of ctx.paid) {
    const o = summary(key(item.outcome));
    o.paid.count++;
    o.paid.points = round(o.paid.points + (item.effort ?? 0));
    o.resolved++;
  }
  for (const item of ctx.unplanned) summary(key(item.outcome)).resolved++;
  const list = [...names.values()];
  const rank = (o: OutcomeSummary): number => (configured.some((c) => c.name === o.name) ? 0 : o.name === NO_OUTCOME ? 2 : 1);
  return list
    .filter((o) => rank(o) === 0 || o.open.count + o.added + o.resolved > 0)
    .sort((a, b) => rank(a) - rank(b) || (rank(a) === 0 ? 0 : cmp(a.name, b.name)));
}

/** The name of the outcome group of items that serve none. */
export const NO_OUTCOME = '(no outcome)';

/** Questions for the meeting, most telling first; each names the items or numbers behind it. */
function discussionPrompts(r: SprintReview): string[] {
  const prompts: string[] = [];
  const m = r.metrics;
  const ids = (items: readonly { id: string }[], max = 4): string => items.slice(0, max).map((i) => i.id).join(', ') + (items.length > max ? ` and ${items.length - max} more` : '');
  if (r.phase === 'planned') return [`${r.sprint.name} has not started: is its budget of ${points(m.budget)} allocated to the right items?`];
  if (!r.planned) {
    prompts.push(`${r.sprint.name} ended before planning began${r.planningBegan ? ` (the first sprint assignment is from ${r.planningBegan})` : ''}: its budget was not planned, so it was neither kept nor missed. Its added and resolved debt come from history.`);
  } else if (!r.kept) {
    prompts.push(`The budget was not kept: ${points(m.paid.points)} of ${points(m.budget)} paid down (${percent(m.budgetKept)}). What took the protected time, and who decided?`);
  } else {
    prompts.push(`The budget was kept (${percent(m.budgetKept)}). What made that possible, and can the next sprint protect the same share?`);
  }
  if (!r.planned) {
    // Nothing was allocated before planning began: no question about the plan to ask.
  } else if (m.allocated.points < m.budget) prompts.push(`Only ${points(m.allocated.points)} of the ${points(m.budget)} budget was allocated: was there not enough ready debt, or was planning skipped?`);
  else if (m.allocated.points > m.budget) prompts.push(`${points(m.allocated.points)} was allocated against a ${points(m.budget)} budget: was the plan realistic?`);
  if (r.notDone.length > 0) prompts.push(`${ids(r.notDone)} ${agree(r.notDone.length, 'was', 'were')} planned and not done: carry over, re-estimate, or drop?`);
  if (r.unplanned.length > 0) prompts.push(`${ids(r.unplanned)} ${agree(r.unplanned.length, 'was', 'were')} fixed outside the plan: should work like this be planned, so the budget shows it?`);
  if (r.reopened.length > 0) prompts.push(`${ids(r.reopened)} came back after being resolved: what did the fix or its review miss?`);
  if (m.added.count > m.resolved.count) prompts.push(`More debt came in (${plural(m.added.count, 'item')}) than went out (${m.resolved.count}): where does new debt come from, and was it a deliberate trade-off?`);
  else prompts.push(`Debt went down: ${plural(m.resolved.count, 'item')} resolved against ${m.added.count} added.`);
  const heaviest = r.outcomes.filter((o) => o.name !== NO_OUTCOME).sort((a, b) => b.open.points - a.open.points || cmp(a.name, b.name))[0];
  if (heaviest && heaviest.open.points > 0) {
    prompts.push(`"${heaviest.name}"${heaviest.description ? ` (${heaviest.description.charAt(0).toLowerCase()}${heaviest.description.slice(1)})` : ''} carries the most open debt, ${points(heaviest.open.points)} in ${plural(heaviest.open.count, 'item')}: should the next budget go there?`);
  }
  const none = r.outcomes.find((o) => o.name === NO_OUTCOME);
  if (none && none.open.count > 0) prompts.push(`${plural(none.open.count, 'open item')} ${agree(none.open.count, 'serves', 'serve')} no outcome: which outcome ${agree(none.open.count, 'does it', 'do they')} hurt, or ${agree(none.open.count, 'is it', 'are they')} worth keeping?`);
  if (r.unestimated.length > 0) prompts.push(`${plural(r.unestimated.length, 'open item')} ${agree(r.unestimated.length, 'has', 'have')} no estimate (${ids(r.unestimated)}): estimate ${agree(r.unestimated.length, 'it', 'them')} before the next planning.`);
  const oldest = r.oldestOpen[0];
  if (oldest) prompts.push(`${oldest.id} "${oldest.title}" has been open for ${plural(Math.floor(oldest.ageDays), 'day')}: schedule it, or mark it wont-fix?`);
  return prompts;
}

function inRange(iso: string, from: number, to: number): boolean {
  const t = Date.parse(iso);
  return t >= from && t <= to;
}

function byId(items: ReviewItem[]): ReviewItem[] {
  return items.sort((a, b) => cmp(a.id, b.id));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
