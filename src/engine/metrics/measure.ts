/**
 * The metrics themselves, over replayed timelines. Each function takes the instant it measures
 * at and ignores everything that happened after it.
 */
import { firstScheduledAt, isOpenStatus, resolvedAt, stateAt, transitionsUntil, wontFixAt, type ItemTimeline } from '../ledger/history';
import { keptShare, sprintShare } from '../sprints/budget';
import { roundPoints } from '../sprints/sprints';
import { durationStats, type DurationStats } from './stats';
import { DAY_MS, dateOf, dayEnd, dayStart } from '../dates';
import { round } from './time';
import type { AgeBucket, AgedItem, EstimatedCount, MetricsSprint, OpenPoint, PointCount, SprintMetrics } from './types';

/** A sprint with its bounds as instants. */
export interface SprintSpan {
  sprint: MetricsSprint;
  start: number;
  end: number;
}

/** The sprint's first and last millisecond; throws `usage` on malformed dates. */
export function spanOf(sprint: MetricsSprint): SprintSpan {
  return { sprint, start: dayStart(sprint.start, `sprint ${sprint.name}: start`), end: dayEnd(sprint.end, `sprint ${sprint.name}: end`) };
}

/** An item's points: its effort, or the configured default estimate (0 when none) when unestimated. */
function points(effort: number | null, tl: ItemTimeline): number {
  return effort ?? tl.defaultEffort;
}

function tally(): EstimatedCount {
  return { count: 0, points: 0, unestimated: 0 };
}

function add(total: EstimatedCount, effort: number | null, tl: ItemTimeline): void {
  total.count++;
  total.points += points(effort, tl);
  if (effort === null) total.unestimated++;
}

function finish<T extends PointCount>(total: T): T {
  return { ...total, points: roundPoints(total.points) };
}

function plain(total: EstimatedCount): PointCount {
  return finish({ count: total.count, points: total.points });
}

function days(ms: number): number {
  return ms / DAY_MS;
}

/** Open debt (open, scheduled, in progress) at instant `t`. */
export function openAt(timelines: readonly ItemTimeline[], t: number): EstimatedCount {
  const total = tally();
  for (const tl of timelines) {
    const s = stateAt(tl, t);
    if (s && isOpenStatus(s.status)) add(total, s.effort, tl);
  }
  return finish(total);
}

/** An open-debt point for day `date`, measured at the end of the day or at `asOf`, when earlier. */
export function openPoint(timelines: readonly ItemTimeline[], at: number, sprint: string | null): OpenPoint {
  return { date: dateOf(at), sprint, ...openAt(timelines, at) };
}

/**
 * What a sprint held at instant `t` (within or after it): allocated items and those of them paid,
 * each item counted as the budget counts it ({@link sprintShare}: one rule for every surface).
 */
export function allocationAt(timelines: readonly ItemTimeline[], span: SprintSpan, t: number): { allocated: EstimatedCount; paid: EstimatedCount } {
  const allocated = tally();
  const paid = tally();
  const bounds = { name: span.sprint.name, start: span.start, end: span.end };
  for (const tl of timelines) {
    const s = stateAt(tl, t);
    const share = s && sprintShare({ status: s.status, sprint: s.sprint, effort: s.effort, resolvedAt: resolvedAt(tl, t) }, bounds);
    if (share !== 'allocated' && share !== 'paid') continue;
    add(allocated, s!.effort, tl);
    if (share === 'paid') add(paid, s!.effort, tl);
  }
  return { allocated: finish(allocated), paid: finish(paid) };
}

/** Lead and cycle time (days) of one resolved item, cycle null when it was not scheduled before resolution. */
function times(tl: ItemTimeline, resolved: number, t: number): { lead: number; cycle: number | null } {
  const scheduled = firstScheduledAt(tl, t);
  return { lead: days(resolved - tl.firstSeen), cycle: scheduled !== null && scheduled <= resolved ? days(resolved - scheduled) : null };
}

/** Lead time, cycle time and counts over items resolved in [from, to], measured at `t` (≥ to). */
export function flowTimes(
  timelines: readonly ItemTimeline[],
  from: number,
  to: number,
  t: number,
): { leadTime: DurationStats; cycleTime: DurationStats; resolved: EstimatedCount; unscheduled: number } {
  const leads: number[] = [];
  const cycles: number[] = [];
  const resolved = tally();
  for (const tl of timelines) {
    const at = resolvedAt(tl, t);
    if (at === null || at < from || at > to) continue;
    add(resolved, stateAt(tl, t)!.effort, tl);
    const { lead, cycle } = times(tl, at, t);
    leads.push(lead);
    if (cycle !== null) cycles.push(cycle);
  }
  return { leadTime: durationStats(leads), cycleTime: durationStats(cycles), resolved: finish(resolved), unscheduled: leads.length - cycles.length };
}

/** Items marked won't-fix in [from, to] and still won't-fix at `t`. */
export function wontFixIn(timelines: readonly ItemTimeline[], from: number, to: number, t: number): EstimatedCount {
  const total = tally();
  for (const tl of timelines) {
    const at = wontFixAt(tl, t);
    if (at !== null && at >= from && at <= to) add(total, stateAt(tl, t)!.effort, tl);
  }
  return finish(total);
}

/** One sprint's metrics, measured at its end or at `asOf`, when earlier. */
export function sprintMetrics(timelines: readonly ItemTimeline[], span: SprintSpan, asOf: number): SprintMetrics {
  const { sprint } = span;
  const zero = (): PointCount => ({ count: 0, points: 0 });
  const base = { sprint: sprint.name, start: sprint.start, end: sprint.end, budget: sprint.budget };
  if (asOf < span.start) {
    return {
      ...base,
      phase: 'planned',
      measuredAt: null,
      added: zero(),
      resolved: zero(),
      reopened: 0,
      wontFix: 0,
      allocated: { count: 0, points: 0, unestimated: 0 },
      paid: zero(),
      budgetKept: keptShare(0, sprint.budget),
      leadTime: durationStats([]),
      cycleTime: durationStats([]),
    };
  }
  const t = Math.min(span.end, asOf);
  const added = tally();
  let reopened = 0;
  for (const tl of timelines) {
    if (tl.firstSeen >= span.start && tl.firstSeen <= t) add(added, stateAt(tl, t)!.effort, tl);
    if (transitionsUntil(tl, t).some((x) => x.from === 'resolved' && x.to !== 'resolved' && x.at >= span.start)) reopened++;
  }
  const flow = flowTimes(timelines, span.start, t, t);
  const { allocated, paid } = allocationAt(timelines, span, t);
  return {
    ...base,
    phase: asOf >= span.end ? 'ended' : 'active',
    measuredAt: new Date(t).toISOString(),
    added: plain(added),
    resolved: plain(flow.resolved),
    reopened,
    wontFix: wontFixIn(timelines, span.start, t, t).count,
    allocated,
    paid: plain(paid),
    budgetKept: keptShare(paid.points, sprint.budget),
    leadTime: flow.leadTime,
    cycleTime: flow.cycleTime,
  };
}

/** The age buckets: [minDays, maxDays) each. */
export const AGE_BUCKETS: ReadonlyArray<{ label: string; minDays: number; maxDays: number | null }> = [
  { label: '< 1 week', minDays: 0, maxDays: 7 },
  { label: '1–4 weeks', minDays: 7, maxDays: 30 },
  { label: '1–3 months', minDays: 30, maxDays: 90 },
  { label: '3–6 months', minDays: 90, maxDays: 180 },
  { label: '6–12 months', minDays: 180, maxDays: 365 },
  { label: '> 1 year', minDays: 365, maxDays: null },
];

/** How many items open at `t` fall in each age bucket, and the oldest `oldest` of them. */
export function ages(timelines: readonly ItemTimeline[], t: number, oldest = 5): { buckets: AgeBucket[]; oldestOpen: AgedItem[] } {
  const buckets = AGE_BUCKETS.map((b) => ({ ...b, count: 0, points: 0 }));
  const aged: Array<AgedItem & { firstSeen: number }> = [];
  for (const tl of timelines) {
    const s = stateAt(tl, t);
    if (!s || !isOpenStatus(s.status)) continue;
    const age = days(t - tl.firstSeen);
    const bucket = buckets.find((b) => age >= b.minDays && (b.maxDays === null || age < b.maxDays))!;
    bucket.count++;
    bucket.points += points(s.effort, tl);
    aged.push({ id: tl.item.id, title: tl.item.title, tag: s.tag, file: tl.item.file, ageDays: round(age), effort: s.effort, sprint: s.sprint, firstSeen: tl.firstSeen });
  }
  aged.sort((a, b) => a.firstSeen - b.firstSeen || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { buckets: buckets.map(finish), oldestOpen: aged.slice(0, oldest).map(({ firstSeen: _firstSeen, ...rest }) => rest) };
}
