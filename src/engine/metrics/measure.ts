/**
 * The metrics themselves, over replayed timelines. Each function takes the instant it measures
 * at and ignores everything that happened after it.
 */
import { firstScheduledAt, isOpenStatus, reopenedWithin, resolvedAt, stateAt, wontFixAt, type ItemState, type ItemTimeline } from '../ledger/history';
import { keptShare, sprintShare, sprintWasPlanned } from '../sprints/budget';
import { roundPoints } from '../sprints/sprints';
import { durationStats, type DurationStats } from './stats';
import { DAY_MS, dateOf, dayEnd, dayStart } from '../dates';
import { round } from './time';
import { sortedBy } from '../order';
import type { AgeBucket, AgedItem, EstimatedCount, GroupFlow, MetricsSprint, OpenPoint, PointCount, SprintMetrics } from './types';

/** A sprint with its bounds as instants. */
export interface SprintSpan {
  sprint: MetricsSprint;
  start: number;
  end: number;
  /** The UTC day planning began ({@link planningBegan} of every item), or null: whether an ended sprint's budget was planned. */
  planningBegan: string | null;
}

/** The sprint's first and last millisecond; throws `usage` on malformed dates. */
export function spanOf(sprint: MetricsSprint, planningBegan: string | null = null): SprintSpan {
  return { sprint, start: dayStart(sprint.start, `sprint ${sprint.name}: start`), end: dayEnd(sprint.end, `sprint ${sprint.name}: end`), planningBegan };
}

/**
 * Timelines sorted by what a measurement can need, built once per set of items: most items
 * never touch most sprints, and a sprint's figures only walk the ones that can count.
 */
export interface TimelineSet {
  all: readonly ItemTimeline[];
  /** Items that were resolved at some time. */
  everResolved: readonly ItemTimeline[];
  /** Items that were won't-fix at some time. */
  everWontFix: readonly ItemTimeline[];
  /** Items by every sprint they were ever assigned to. */
  bySprint: ReadonlyMap<string, readonly ItemTimeline[]>;
  /** Every item, first seen first. */
  byFirstSeen: readonly ItemTimeline[];
  /** Changes of status into resolved, into won't-fix and out of resolved, each in time order. */
  intoResolved: readonly Change[];
  intoWontFix: readonly Change[];
  outOfResolved: readonly Change[];
}

/** A change of one item's status at an instant. */
interface Change {
  at: number;
  tl: ItemTimeline;
}

export function indexTimelines(all: readonly ItemTimeline[]): TimelineSet {
  const intoResolved: Change[] = [];
  const intoWontFix: Change[] = [];
  const outOfResolved: Change[] = [];
  const everResolved: ItemTimeline[] = [];
  const everWontFix: ItemTimeline[] = [];
  const bySprint = new Map<string, ItemTimeline[]>();
  for (const tl of all) {
    let resolved = false;
    let wontFix = false;
    const sprints: string[] = [];
    for (let i = 1; i < tl.states.length; i++) {
      const before = tl.states[i - 1]!.state.status;
      const { at, state } = tl.states[i]!;
      if (before === state.status) continue;
      if (state.status === 'resolved') intoResolved.push({ at, tl });
      else if (state.status === 'wont-fix') intoWontFix.push({ at, tl });
      if (before === 'resolved') outOfResolved.push({ at, tl });
    }
    for (const { state } of tl.states) {
      if (state.status === 'resolved') resolved = true;
      else if (state.status === 'wont-fix') wontFix = true;
      if (state.sprint !== null && !sprints.includes(state.sprint)) sprints.push(state.sprint);
    }
    if (resolved) everResolved.push(tl);
    if (wontFix) everWontFix.push(tl);
    for (const name of sprints) {
      let list = bySprint.get(name);
      if (!list) bySprint.set(name, (list = []));
      list.push(tl);
    }
  }
  const byFirstSeen = sortedBy(all, (tl) => tl.firstSeen);
  // Changes of the same instant stay in item order, as a stable sort keeps them.
  const byTime = (changes: Change[]) => sortedBy(changes, (c) => c.at);
  return { all, everResolved, everWontFix, bySprint, byFirstSeen, intoResolved: byTime(intoResolved), intoWontFix: byTime(intoWontFix), outOfResolved: byTime(outOfResolved) };
}

/**
 * The index of `set` split into `count` groups (`groupsOf` gives an item's group numbers, an item
 * may be in several): one pass over each list, the orders carry over, no sort.
 */
export function splitIndex(set: TimelineSet, count: number, groupsOf: (tl: ItemTimeline) => readonly number[]): TimelineSet[] {
  const parts = Array.from({ length: count }, () => ({
    all: [] as ItemTimeline[],
    everResolved: [] as ItemTimeline[],
    everWontFix: [] as ItemTimeline[],
    bySprint: new Map<string, ItemTimeline[]>(),
    byFirstSeen: [] as ItemTimeline[],
    intoResolved: [] as Change[],
    intoWontFix: [] as Change[],
    outOfResolved: [] as Change[],
  }));
  const spread = <T>(list: readonly T[], tlOf: (x: T) => ItemTimeline, pick: (p: (typeof parts)[number]) => T[]): void => {
    for (const x of list) for (const g of groupsOf(tlOf(x))) pick(parts[g]!).push(x);
  };
  const self = (tl: ItemTimeline) => tl;
  spread(set.all, self, (p) => p.all);
  spread(set.everResolved, self, (p) => p.everResolved);
  spread(set.everWontFix, self, (p) => p.everWontFix);
  spread(set.byFirstSeen, self, (p) => p.byFirstSeen);
  spread(set.intoResolved, (c) => c.tl, (p) => p.intoResolved);
  spread(set.intoWontFix, (c) => c.tl, (p) => p.intoWontFix);
  spread(set.outOfResolved, (c) => c.tl, (p) => p.outOfResolved);
  for (const [name, list] of set.bySprint) {
    for (const tl of list) {
      for (const g of groupsOf(tl)) {
        const bySprint = parts[g]!.bySprint;
        let kept = bySprint.get(name);
        if (!kept) bySprint.set(name, (kept = []));
        kept.push(tl);
      }
    }
  }
  return parts;
}

/** The first index of `list` (sorted by `key`) whose key is ≥ `from`. */
function lowerBound<T>(list: readonly T[], key: (x: T) => number, from: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(list[mid]!) < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The distinct items with a change in `changes` within [from, to], in order of their first such change. */
function changedWithin(changes: readonly Change[], from: number, to: number): ItemTimeline[] {
  const items: ItemTimeline[] = [];
  const seen = new Set<ItemTimeline>();
  for (let i = lowerBound(changes, (c) => c.at, from); i < changes.length && changes[i]!.at <= to; i++) {
    const { tl } = changes[i]!;
    if (seen.has(tl)) continue;
    seen.add(tl);
    items.push(tl);
  }
  return items;
}

/** The items of `set` first seen in [from, to]. */
function firstSeenWithin(set: TimelineSet, from: number, to: number): readonly ItemTimeline[] {
  const list = set.byFirstSeen;
  const lo = lowerBound(list, (tl) => tl.firstSeen, from);
  let end = lo;
  while (end < list.length && list[end]!.firstSeen <= to) end++;
  return list.slice(lo, end);
}

/** The items that can count in `name`'s allocation (only an item assigned to a sprint is allocated to it). */
export function inSprint(set: TimelineSet, name: string): readonly ItemTimeline[] {
  return set.bySprint.get(name) ?? [];
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

/**
 * Open debt at each of `times` (ascending), in one pass over every item's states: each open
 * state adds its points from its start until the next state (what `openAt` gives at each time).
 */
export function openSeries(timelines: readonly ItemTimeline[], times: readonly number[]): EstimatedCount[] {
  const m = times.length;
  const count = new Float64Array(m + 1);
  const pts = new Float64Array(m + 1);
  const unestimated = new Float64Array(m + 1);
  for (const tl of timelines) {
    const { states } = tl;
    for (let k = 0; k < states.length; k++) {
      const { at, state } = states[k]!;
      if (!isOpenStatus(state.status)) continue;
      const until = k + 1 < states.length ? states[k + 1]!.at : Infinity;
      // stateAt(t) is the last state with at ≤ t: this state holds for times in [at, until).
      const lo = lowerBound(times, (x) => x, at);
      const hi = lowerBound(times, (x) => x, until);
      if (lo >= hi) continue;
      const p = points(state.effort, tl);
      count[lo]! += 1;
      count[hi]! -= 1;
      pts[lo]! += p;
      pts[hi]! -= p;
      if (state.effort === null) {
        unestimated[lo]! += 1;
        unestimated[hi]! -= 1;
      }
    }
  }
  const out: EstimatedCount[] = [];
  let c = 0;
  let p = 0;
  let u = 0;
  for (let j = 0; j < m; j++) {
    c += count[j]!;
    p += pts[j]!;
    u += unestimated[j]!;
    out.push({ count: Math.round(c), points: roundPoints(p), unestimated: Math.round(u) });
  }
  return out;
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
  const bounds = boundsOf(span);
  for (const tl of timelines) {
    const s = stateAt(tl, t);
    const share = s && shareAt(tl, s, bounds, t);
    if (share !== 'allocated' && share !== 'paid') continue;
    add(allocated, s!.effort, tl);
    if (share === 'paid') add(paid, s!.effort, tl);
  }
  return { allocated: finish(allocated), paid: finish(paid) };
}

function boundsOf(span: SprintSpan): { name: string; start: number; end: number } {
  return { name: span.sprint.name, start: span.start, end: span.end };
}

/** What the item (in state `s` at `t`) is to the sprint, as the budget counts it. */
function shareAt(tl: ItemTimeline, s: ItemState, bounds: { name: string; start: number; end: number }, t: number): ReturnType<typeof sprintShare> {
  return sprintShare({ status: s.status, sprint: s.sprint, effort: s.effort, resolvedAt: resolvedAt(tl, t) }, bounds);
}

/** When the item was resolved, if that was in [from, to] and it is still resolved at `t`; else null. */
function resolvedWithin(tl: ItemTimeline, from: number, to: number, t: number): number | null {
  const at = resolvedAt(tl, t);
  return at === null || at < from || at > to ? null : at;
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
    const at = resolvedWithin(tl, from, to, t);
    if (at === null) continue;
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
export function sprintMetrics(set: TimelineSet, span: SprintSpan, asOf: number): SprintMetrics {
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
      planned: true,
      leadTime: durationStats([]),
      cycleTime: durationStats([]),
    };
  }
  const t = Math.min(span.end, asOf);
  const added = tally();
  let reopened = 0;
  for (const tl of firstSeenWithin(set, span.start, t)) add(added, stateAt(tl, t)!.effort, tl);
  // Only an item whose status changed within the sprint can count in its flow: the rules below
  // then decide as they do for any set of items.
  for (const tl of changedWithin(set.outOfResolved, span.start, t)) if (reopenedWithin(tl, span.start, t)) reopened++;
  const flow = flowTimes(changedWithin(set.intoResolved, span.start, t), span.start, t, t);
  const { allocated, paid } = allocationAt(inSprint(set, sprint.name), span, t);
  const phase = asOf >= span.end ? 'ended' : 'active';
  const planned = sprintWasPlanned(sprint, phase, span.planningBegan);
  return {
    ...base,
    phase,
    measuredAt: new Date(t).toISOString(),
    added: plain(added),
    resolved: plain(flow.resolved),
    reopened,
    wontFix: wontFixIn(changedWithin(set.intoWontFix, span.start, t), span.start, t, t).count,
    allocated,
    paid: plain(paid),
    budgetKept: planned ? keptShare(paid.points, sprint.budget) : null,
    planned,
    leadTime: flow.leadTime,
    cycleTime: flow.cycleTime,
  };
}

/**
 * The open debt and per-sprint flow of `count` groups of `set` (`groupsOf` gives an item's group
 * numbers), equal to each group's own `openAt` and `sprintMetrics` (added, resolved, paid): one
 * walk over the items that can count, each tallied into its groups in the order a group's own
 * index lists them, so the sums (and their rounding) are the same. What a per-group view needs
 * without each group's full health (open debt over time, ages, lead and cycle times).
 */
export function groupFlows(set: TimelineSet, spans: readonly SprintSpan[], asOf: number, count: number, groupsOf: (tl: ItemTimeline) => readonly number[]): Array<Omit<GroupFlow, 'name'>> {
  const tallies = () => Array.from({ length: count }, tally);
  const open = tallies();
  for (const tl of set.all) {
    const s = stateAt(tl, asOf);
    if (s && isOpenStatus(s.status)) for (const g of groupsOf(tl)) add(open[g]!, s.effort, tl);
  }
  const perSprint: Array<GroupFlow['perSprint']> = Array.from({ length: count }, () => []);
  for (const span of spans) {
    const name = span.sprint.name;
    const added = tallies();
    const resolved = tallies();
    const paid = tallies();
    if (asOf >= span.start) {
      const t = Math.min(span.end, asOf);
      for (const tl of firstSeenWithin(set, span.start, t)) for (const g of groupsOf(tl)) add(added[g]!, stateAt(tl, t)!.effort, tl);
      for (const tl of changedWithin(set.intoResolved, span.start, t)) {
        if (resolvedWithin(tl, span.start, t, t) === null) continue;
        for (const g of groupsOf(tl)) add(resolved[g]!, stateAt(tl, t)!.effort, tl);
      }
      const bounds = boundsOf(span);
      for (const tl of inSprint(set, name)) {
        const s = stateAt(tl, t);
        if (s && shareAt(tl, s, bounds, t) === 'paid') for (const g of groupsOf(tl)) add(paid[g]!, s.effort, tl);
      }
    }
    for (let g = 0; g < count; g++) perSprint[g]!.push({ sprint: name, added: plain(added[g]!), resolved: plain(resolved[g]!), paid: plain(paid[g]!) });
  }
  return open.map((total, g) => ({ open: finish(total), perSprint: perSprint[g]! }));
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
  // The `oldest` oldest so far, oldest first: a full sort of every open item would cost more than the list.
  const kept: ItemTimeline[] = [];
  const older = (a: ItemTimeline, b: ItemTimeline) => a.firstSeen < b.firstSeen || (a.firstSeen === b.firstSeen && a.item.id < b.item.id);
  for (const tl of timelines) {
    const s = stateAt(tl, t);
    if (!s || !isOpenStatus(s.status)) continue;
    const age = days(t - tl.firstSeen);
    const bucket = buckets.find((b) => age >= b.minDays && (b.maxDays === null || age < b.maxDays))!;
    bucket.count++;
    bucket.points += points(s.effort, tl);
    if (oldest > 0 && (kept.length < oldest || older(tl, kept[kept.length - 1]!))) {
      let i = kept.length;
      while (i > 0 && older(tl, kept[i - 1]!)) i--;
      kept.splice(i, 0, tl);
      if (kept.length > oldest) kept.pop();
    }
  }
  const oldestOpen = kept.map((tl): AgedItem => {
    const s = stateAt(tl, t)!;
    return { id: tl.item.id, title: tl.item.title, tag: s.tag, file: tl.item.file, ageDays: round(days(t - tl.firstSeen)), effort: s.effort, sprint: s.sprint };
  });
  return { buckets: buckets.map(finish), oldestOpen };
}
