/**
 * The public entry points: all metrics at once (with groups), a sprint's burn-down, and open
 * debt per day. Pure: items, sprints and `asOf` in, plain JSON out.
 */
import type { OutcomeConfig } from '../config/planning';
import type { LedgerItem } from '../ledger/model';
import { resolveOutcome } from '../sprints/outcomes';
import { planningBegan } from '../sprints/budget';
import { PaydownError } from '../errors';
import { ownerKey, ownerName } from '../model';
import { ages, allocationAt, flowTimes, groupFlows, indexTimelines, splitIndex, type TimelineSet, openAt, openPoint, openSeries, spanOf, sprintMetrics, wontFixIn, type SprintSpan } from './measure';
import { buildTimeline, stateAt, type ItemTimeline } from '../ledger/history';
import { dateOf, dayEnd, dayStart, eachDay, parseAsOf } from '../dates';
import { round } from './time';
import type { BurnDown, GroupFlow, GroupMetrics, HealthMetrics, Metrics, MetricsSprint, OpenPoint } from './types';

/** The name of the group of items without a value (no owner, no label, no outcome). */
export const NO_GROUP = '(none)';

/** What `computeMetrics` measures. */
export interface MetricsOptions {
  /** Every ledger item, resolved and won't-fix ones included: history is the point. */
  items: readonly LedgerItem[];
  /** The sprints to report on, with their protected budgets in points. */
  sprints: readonly MetricsSprint[];
  /** `YYYY-MM-DD` (the end of that UTC day) or an ISO instant: events after it are ignored. */
  asOf: string;
  /** The configured outcomes, for the outcome groups (`resolveOutcome`). */
  outcomes?: readonly OutcomeConfig[];
  /** Lead and cycle time over items resolved in these UTC days (inclusive); default: all history up to `asOf`. */
  window?: { from?: string; to?: string };
  /** Compute the groups (default true), or only those named; false leaves every group list empty. */
  groups?: boolean | ReadonlyArray<keyof Metrics['groups']>;
  /** Points an unestimated item counts for (`planning.defaultEstimate`, as budgets count it); default 0. Such items are still counted as `unestimated`. */
  defaultEstimate?: number | null;
  /** The day planning began (`planningBegan` of every ledger item), when the caller has it; else computed from `items`. */
  planningBegan?: string | null;
}

function byStart(a: SprintSpan, b: SprintSpan): number {
  return a.start - b.start || a.end - b.end || (a.sprint.name < b.sprint.name ? -1 : a.sprint.name > b.sprint.name ? 1 : 0);
}

function health(set: TimelineSet, spans: readonly SprintSpan[], asOf: number, window: { from: number; to: number; fromDate: string | null; toDate: string }): HealthMetrics {
  const timelines = set.all;
  const perSprint = spans.map((span) => sprintMetrics(set, span, asOf));
  const measured = spans
    .filter((span) => span.start <= asOf)
    .map((span) => ({ span, at: Math.min(span.end, asOf) }))
    .sort((a, b) => a.at - b.at || byStart(a.span, b.span));
  const open = openSeries(timelines, measured.map((m) => m.at));
  const openOverTime: OpenPoint[] = measured.map(({ span, at }, i) => ({ date: dateOf(at), sprint: span.sprint.name, ...open[i]! }));
  const { buckets, oldestOpen } = ages(timelines, asOf);
  const flow = flowTimes(set.everResolved, window.from, window.to, asOf);
  const wontFix = wontFixIn(set.everWontFix, window.from, window.to, asOf);
  return {
    asOf: new Date(asOf).toISOString(),
    perSprint,
    openOverTime,
    open: openAt(timelines, asOf),
    ageDistribution: buckets,
    oldestOpen,
    window: { from: window.fromDate, to: window.toDate },
    leadTime: flow.leadTime,
    cycleTime: flow.cycleTime,
    resolvedUnscheduled: flow.unscheduled,
    wontFix: { count: wontFix.count, points: wontFix.points },
  };
}

/**
 * The groups of the timelines of `index` by the keys `keysOf` gives each (an item may be in
 * several): their names sorted with `(none)` last, and each item's group numbers in that order.
 */
function groupMembers(index: TimelineSet, keysOf: (tl: ItemTimeline) => readonly string[]): { names: string[]; memberOf: Map<ItemTimeline, number[]> } {
  const names: string[] = [];
  const position = new Map<string, number>();
  const memberOf = new Map<ItemTimeline, number[]>();
  // Most items are in one group: they share that group's list of one.
  const alone: number[][] = [];
  const several: number[][] = [];
  const groupOf = (key: string): number => {
    let at = position.get(key);
    if (at === undefined) {
      position.set(key, (at = names.length));
      names.push(key);
      alone.push([at]);
    }
    return at;
  };
  for (const tl of index.all) {
    const keys = keysOf(tl);
    if (keys.length <= 1) {
      memberOf.set(tl, alone[groupOf(keys.length === 0 ? NO_GROUP : keys[0]!)]!);
      continue;
    }
    const found: number[] = [];
    for (const key of keys) {
      const at = groupOf(key);
      if (!found.includes(at)) found.push(at);
    }
    memberOf.set(tl, found);
    several.push(found);
  }
  const order = names.map((_, i) => i).sort((i, j) => byGroupName(names[i]!, names[j]!));
  const rank = new Array<number>(names.length);
  order.forEach((i, r) => (rank[i] = r));
  for (const found of [...alone, ...several]) for (let k = 0; k < found.length; k++) found[k] = rank[found[k]!]!;
  return { names: order.map((i) => names[i]!), memberOf };
}

function byGroupName(a: string, b: string): number {
  return a === NO_GROUP ? (b === NO_GROUP ? 0 : 1) : b === NO_GROUP ? -1 : a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Groups of timelines (see {@link groupMembers}), each with its own index: one pass over the
 * index of all items splits every list into the groups' lists, so no group sorts again.
 */
function groupBy(index: TimelineSet, keysOf: (tl: ItemTimeline) => readonly string[]): Array<[string, TimelineSet]> {
  const { names, memberOf } = groupMembers(index, keysOf);
  const split = splitIndex(index, names.length, (tl) => memberOf.get(tl)!);
  return names.map((name, i): [string, TimelineSet] => [name, split[i]!]);
}

/**
 * Every health metric of the ledger as it stood at `asOf`: per sprint (added vs resolved, budget
 * kept, lead and cycle time), open debt over time, age distribution, lead and cycle time over the
 * window, and the same per outcome, tag, owner and label. Definitions: docs/metrics.md.
 * Throws `PaydownError('usage')` on a malformed `asOf`, window or sprint date.
 */
export function computeMetrics(options: MetricsOptions): Metrics {
  return measure(prepare(options), options.groups);
}

/**
 * {@link computeMetrics}, and the groups of the kinds `flows` names measured only for their open
 * debt and per-sprint flow ({@link GroupFlow}, equal to the same fields of their full metrics):
 * what a view that shows no more per group needs, at a fraction of the cost.
 */
export function computeMetricsWithFlows(options: MetricsOptions, flows: ReadonlyArray<GroupKind>): { metrics: Metrics; flows: Partial<Record<GroupKind, GroupFlow[]>> } {
  const prepared = prepare(options);
  const result: Partial<Record<GroupKind, GroupFlow[]>> = {};
  for (const kind of flows) {
    const { names, memberOf } = groupMembers(prepared.index, prepared.keyers[kind]);
    const figures = groupFlows(prepared.index, prepared.spans, prepared.asOf, names.length, (tl) => memberOf.get(tl)!);
    result[kind] = names.map((name, i): GroupFlow => ({ name, ...figures[i]! }));
  }
  return { metrics: measure(prepared, options.groups), flows: result };
}

type GroupKind = keyof Metrics['groups'];

interface Prepared {
  asOf: number;
  spans: SprintSpan[];
  window: ReturnType<typeof resolveWindow>;
  index: TimelineSet;
  keyers: Record<GroupKind, (tl: ItemTimeline) => readonly string[]>;
}

function prepare(options: MetricsOptions): Prepared {
  const asOf = parseAsOf(options.asOf);
  const began = options.planningBegan !== undefined ? options.planningBegan : planningBegan(options.items);
  const spans = options.sprints.map((s) => spanOf(s, began)).sort(byStart);
  const window = resolveWindow(options.window, asOf);
  // Items first seen after asOf did not exist then: leave them out of every group too.
  const timelines = options.items.map((item) => buildTimeline(item, options.defaultEstimate ?? null)).filter((tl) => tl.firstSeen <= asOf);
  const index = indexTimelines(timelines);
  const outcomes = options.outcomes ?? [];
  const current = (tl: ItemTimeline) => stateAt(tl, asOf)!;
  const pathOutcomes = new Map<string, string | null>();
  let ownerNames: Map<string, string> | undefined;
  const keyers: Prepared['keyers'] = {
    outcome: (tl) => {
      const own = current(tl).outcome;
      const labels = tl.item.labels ?? [];
      // Without an own outcome or labels, the path decides: many items share a file.
      const byPath = own === null && labels.length === 0;
      let name = byPath ? pathOutcomes.get(tl.item.file) : undefined;
      if (name === undefined) {
        name = resolveOutcome({ outcome: own, labels, file: tl.item.file }, outcomes);
        if (byPath) pathOutcomes.set(tl.item.file, name);
      }
      return name === null ? [] : [name];
    },
    tag: (tl) => [current(tl).tag],
    owner: (tl) => {
      // One group per person, handles in any case being one, named by the first spelling met.
      if (ownerNames === undefined) {
        ownerNames = new Map();
        for (const other of timelines) for (const o of other.item.owners ?? []) if (!ownerNames.has(ownerKey(o))) ownerNames.set(ownerKey(o), ownerName(o));
      }
      const names = ownerNames;
      return [...new Set((tl.item.owners ?? []).map((o) => names.get(ownerKey(o)) ?? ownerName(o)))];
    },
    label: (tl) => tl.item.labels ?? [],
  };
  return { asOf, spans, window, index, keyers };
}

function measure({ asOf, spans, window, index, keyers }: Prepared, which: MetricsOptions['groups']): Metrics {
  const all = health(index, spans, asOf, window);
  const groups: Metrics['groups'] = { outcome: [], tag: [], owner: [], label: [] };
  if (which === false) return { ...all, groups };
  const kinds = which === undefined || which === true ? (Object.keys(keyers) as GroupKind[]) : which;
  for (const kind of kinds) {
    groups[kind] = groupBy(index, keyers[kind]).map(([name, subset]): GroupMetrics => ({ name, metrics: health(subset, spans, asOf, window) }));
  }
  return { ...all, groups };
}

function resolveWindow(window: MetricsOptions['window'], asOf: number): { from: number; to: number; fromDate: string | null; toDate: string } {
  const from = window?.from ? dayStart(window.from, 'window.from') : -Infinity;
  const to = Math.min(window?.to ? dayEnd(window.to, 'window.to') : asOf, asOf);
  if (window?.from && window.to && window.to < window.from) {
    throw new PaydownError('usage', `window: ${window.to} is before ${window.from}`, 'give the window as from ≤ to');
  }
  return { from, to, fromDate: window?.from ?? null, toDate: dateOf(to) };
}

/**
 * A sprint's burn-down, one entry per day from its start to its end, each measured at the end of
 * the day (or at `asOf`, when earlier): allocated points, paid points, remaining = allocated −
 * paid, and the ideal line from `planned` (allocated at the end of day 1) to 0 on the last day.
 * Days after `asOf` carry nulls so a chart keeps the sprint's whole width.
 */
export function burnDown(items: readonly LedgerItem[], sprint: MetricsSprint, asOf: string, defaultEstimate: number | null = null): BurnDown {
  const at = parseAsOf(asOf);
  const span = spanOf(sprint);
  // Unestimated items count `planning.defaultEstimate`, as budgets and computeMetrics count them.
  // Only an item ever assigned to the sprint can count in its allocation.
  const timelines = items.filter((item) => mayBeIn(item, sprint.name)).map((item) => buildTimeline(item, defaultEstimate)).filter((tl) => tl.states.some((s) => s.state.sprint === sprint.name));
  const dates = eachDay(sprint.start, sprint.end);
  const started = span.start <= at;
  const planned = started ? allocationAt(timelines, span, Math.min(dayEnd(sprint.start, 'start'), at)).allocated.points : null;
  const n = dates.length;
  const days = dates.map((date, i) => {
    const ideal = planned === null ? null : n === 1 ? 0 : round((planned * (n - 1 - i)) / (n - 1));
    const dayStartMs = dayStart(date, 'date');
    if (dayStartMs > at) return { date, allocated: null, paid: null, remaining: null, ideal };
    const { allocated, paid } = allocationAt(timelines, span, Math.min(dayEnd(date, 'date'), at));
    return { date, allocated: allocated.points, paid: paid.points, remaining: round(allocated.points - paid.points), ideal };
  });
  return { sprint: sprint.name, start: sprint.start, end: sprint.end, budget: sprint.budget, planned, days };
}

/**
 * Whether `item` can ever have been in sprint `name`: its timeline's sprints all come from its
 * current sprint and its sprint events, so an item named in neither is skipped unreplayed (a
 * sprint holds a few hundred of a ledger's thousands of items).
 */
function mayBeIn(item: LedgerItem, name: string): boolean {
  if (item.sprint === name) return true;
  for (const e of item.history) if (e.type === 'sprint' && (e.to === name || e.from === name)) return true;
  return false;
}

/**
 * Open debt (count, points, unestimated) at the end of each UTC day from `from` to `to`
 * (inclusive), as the ledger stood at `asOf`; days after `asOf` are left out, and the day
 * holding `asOf` is measured at `asOf`.
 */
export function openDebtByDay(items: readonly LedgerItem[], range: { from: string; to: string; asOf: string }): OpenPoint[] {
  const at = parseAsOf(range.asOf);
  const timelines = items.map((item) => buildTimeline(item));
  return eachDay(range.from, range.to)
    .filter((date) => dayStart(date, 'date') <= at)
    .map((date) => openPoint(timelines, Math.min(dayEnd(date, 'date'), at), null));
}
