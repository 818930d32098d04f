/**
 * An item's history replayed into a timeline of states, so budgets and metrics can ask "what
 * was this item like at instant t?" (a sprint that ended is measured as it stood at its end, not
 * as today's ledger says). Histories can be partial (legacy files, hand edits, merges): where
 * the history does not explain the item's current fields, the stamps fill in (see docs/metrics.md).
 */
import { ITEM_STATUSES, type ItemStatus, type LedgerEvent, type LedgerItem } from './model';
import { parseInstant } from '../dates';

/** The parts of an item budgets and metrics read, as they stood at one instant. */
export interface ItemState {
  status: ItemStatus;
  sprint: string | null;
  /** Points; null when unestimated. */
  effort: number | null;
  tag: string;
  /** The item's own `outcome:` (before outcome rules apply). */
  outcome: string | null;
}

/** A state and the instant it began. */
export interface TimedState {
  at: number;
  state: ItemState;
}

/** An item's whole life, independent of any `asOf`: queries cut it at the instant they ask about. */
export interface ItemTimeline {
  item: LedgerItem;
  /** When the item was first seen (ms). */
  firstSeen: number;
  /** States in time order; `states[0]` begins at `firstSeen`. */
  states: TimedState[];
  /** Points an unestimated state counts for: `planning.defaultEstimate`, else 0 (still counted as unestimated). */
  defaultEffort: number;
}

/** Statuses of debt that is still there. */
export const OPEN_STATUSES: readonly ItemStatus[] = ['open', 'scheduled', 'in-progress'];

/** True for open, scheduled and in-progress. */
export function isOpenStatus(status: ItemStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

function isStatus(value: unknown): value is ItemStatus {
  return typeof value === 'string' && (ITEM_STATUSES as readonly string[]).includes(value);
}

type Patch = Partial<ItemState>;

/** What one event changes; null for events that change nothing metrics read. */
function eventPatch(event: LedgerEvent): Patch | null {
  switch (event.type) {
    case 'status':
      return isStatus(event.to) ? { status: event.to } : null;
    case 'resolved':
      return { status: 'resolved' };
    case 'reopened':
      return { status: isStatus(event.to) && isOpenStatus(event.to) ? event.to : 'open' };
    case 'sprint':
      return typeof event.to === 'string' || event.to === null ? { sprint: event.to } : null;
    case 'field':
      if (event.field === 'effort' && (event.to === null || (typeof event.to === 'number' && Number.isFinite(event.to)))) return { effort: event.to };
      if (event.field === 'tag' && typeof event.to === 'string') return { tag: event.to };
      if (event.field === 'outcome' && (event.to === null || typeof event.to === 'string')) return { outcome: event.to };
      return null;
    default:
      return null;
  }
}

/** The value a field had before its first recorded change: that change's `from`, else the item's current value. */
function initialState(item: LedgerItem, events: readonly LedgerEvent[]): ItemState {
  const firstOf = (pred: (e: LedgerEvent) => boolean): LedgerEvent | undefined => events.find(pred);
  const statusEvent = firstOf((e) => e.type === 'status' || e.type === 'resolved' || e.type === 'reopened');
  // Items are always first seen open: a `from` of resolved or won't-fix means history is missing, not that it began closed.
  const status: ItemStatus = statusEvent && isStatus(statusEvent.from) && isOpenStatus(statusEvent.from) ? statusEvent.from : 'open';
  const sprintEvent = firstOf((e) => e.type === 'sprint' && (typeof e.from === 'string' || e.from === null));
  const fieldFrom = (field: string): LedgerEvent | undefined => firstOf((e) => e.type === 'field' && e.field === field);
  const effortEvent = fieldFrom('effort');
  const tagEvent = fieldFrom('tag');
  const outcomeEvent = fieldFrom('outcome');
  return {
    status,
    sprint: sprintEvent ? (sprintEvent.from as string | null) : item.sprint,
    effort: effortEvent && (effortEvent.from === null || typeof effortEvent.from === 'number') ? effortEvent.from : item.effort.value,
    tag: tagEvent && typeof tagEvent.from === 'string' ? tagEvent.from : item.tag,
    outcome: outcomeEvent && (outcomeEvent.from === null || typeof outcomeEvent.from === 'string') ? outcomeEvent.from : item.outcome.value,
  };
}

function sameState(a: ItemState, b: ItemState): boolean {
  return a.status === b.status && a.sprint === b.sprint && a.effort === b.effort && a.tag === b.tag && a.outcome === b.outcome;
}

/**
 * The item's timeline. Events are applied in time order (history order for equal times);
 * events before `firstSeen` take effect at `firstSeen`; events with an unreadable time are
 * skipped. When the replayed end state differs from the item's current fields, the current
 * value is taken to begin at the resolution stamp (for `resolved`) or else at the last event.
 */
export function buildTimeline(item: LedgerItem, defaultEstimate: number | null = null): ItemTimeline {
  // Ledger items are never changed in place (an edit makes a new object), so an item's timeline
  // is built once: the panel rebuilds its page on every change, from mostly the same items.
  const cached = timelines.get(item);
  if (cached && cached.defaultEffort === (defaultEstimate ?? 0)) return cached;
  const built = replay(item, defaultEstimate);
  timelines.set(item, built);
  return built;
}

const timelines = new WeakMap<LedgerItem, ItemTimeline>();

function replay(item: LedgerItem, defaultEstimate: number | null): ItemTimeline {
  // The readable events (positions in the history) and their instants: plain arrays, since every
  // item of a ledger just read is replayed.
  const history = item.history;
  const order: number[] = [];
  const ats: number[] = [];
  let ordered = true;
  for (let index = 0; index < history.length; index++) {
    const at = parseInstant(history[index]!.at);
    ats.push(at ?? NaN);
    if (at === null) continue;
    if (order.length > 0 && at < ats[order[order.length - 1]!]!) ordered = false;
    order.push(index);
  }
  // A ledger's history is written in time order; only a hand-edited one needs sorting.
  if (!ordered) order.sort((a, b) => ats[a]! - ats[b]! || a - b);
  const events = order.length === history.length && ordered ? history : order.map((i) => history[i]!);
  const createdAt = events.findIndex((e) => e.type === 'created');
  const created = createdAt < 0 ? null : ats[order[createdAt]!]!;
  // The stamp is usually the `created` event's own time, already read.
  const stamp = item.firstSeen?.at;
  const stamped = createdAt >= 0 && stamp === events[createdAt]!.at ? created : parseInstant(stamp);
  const firstSeen = stamped ?? created ?? (order.length > 0 ? ats[order[0]!]! : undefined) ?? 0;

  const states: TimedState[] = [{ at: firstSeen, state: initialState(item, events) }];
  const push = (at: number, patch: Patch): void => {
    const last = states[states.length - 1]!;
    // As `{ ...last.state, ...patch }` (same fields, same order) without two spreads per event.
    const was = last.state;
    const to = patch as ItemState;
    const state: ItemState = {
      status: 'status' in patch ? to.status : was.status,
      sprint: 'sprint' in patch ? to.sprint : was.sprint,
      effort: 'effort' in patch ? to.effort : was.effort,
      tag: 'tag' in patch ? to.tag : was.tag,
      outcome: 'outcome' in patch ? to.outcome : was.outcome,
    };
    if (sameState(state, last.state)) return;
    // Equal instants stay separate states, so a change at `firstSeen` is still a transition.
    states.push({ at: Math.max(at, firstSeen, last.at), state });
  };
  for (let k = 0; k < order.length; k++) {
    const patch = eventPatch(events[k]!);
    if (patch) push(ats[order[k]!]!, patch);
  }

  // Legacy or partial history: the item's current fields are the truth at the end.
  const lastEventAt = Math.max(firstSeen, order.length > 0 ? ats[order[order.length - 1]!]! : firstSeen);
  const end = states[states.length - 1]!.state;
  if (end.status !== item.status) {
    const stampAt = item.status === 'resolved' ? parseInstant(item.resolved?.at) : null;
    push(Math.max(stampAt ?? lastEventAt, states[states.length - 1]!.at), { status: item.status });
  }
  const fill: Patch = {};
  if (end.sprint !== item.sprint) fill.sprint = item.sprint;
  if (end.effort !== item.effort.value) fill.effort = item.effort.value;
  if (end.tag !== item.tag) fill.tag = item.tag;
  if (end.outcome !== item.outcome.value) fill.outcome = item.outcome.value;
  if (Object.keys(fill).length > 0) push(Math.max(lastEventAt, states[states.length - 1]!.at), fill);
  return { item, firstSeen, states, defaultEffort: defaultEstimate ?? 0 };
}

/** The item's state at instant `t`; null before it was first seen. */
export function stateAt(timeline: ItemTimeline, t: number): ItemState | null {
  if (t < timeline.firstSeen) return null;
  // The last state begun by `t` (states are in time order): metrics mostly ask about recent
  // instants, where it is found from the end in a step or two.
  const { states } = timeline;
  let k = states.length - 1;
  while (k >= 0 && states[k]!.at > t) k--;
  return k < 0 ? null : states[k]!.state;
}

/** A change of status: when, from what, to what. */
export interface StatusTransition {
  at: number;
  from: ItemStatus;
  to: ItemStatus;
}

/** Every status change up to and including `t`, in time order. */
export function transitionsUntil(timeline: ItemTimeline, t: number): StatusTransition[] {
  const result: StatusTransition[] = [];
  for (let i = 1; i < timeline.states.length; i++) {
    const cur = timeline.states[i]!;
    if (cur.at > t) break;
    const prev = timeline.states[i - 1]!.state;
    if (prev.status !== cur.state.status) result.push({ at: cur.at, from: prev.status, to: cur.state.status });
  }
  return result;
}

/**
 * When the item's current resolution (as of `t`) happened: the last change into `resolved` up to
 * `t`, provided the item is still resolved at `t`; null otherwise.
 */
export function resolvedAt(timeline: ItemTimeline, t: number): number | null {
  return enteredAt(timeline, t, 'resolved');
}

/** When the item was last marked won't-fix, provided it still is at `t`; null otherwise. */
export function wontFixAt(timeline: ItemTimeline, t: number): number | null {
  return enteredAt(timeline, t, 'wont-fix');
}

/**
 * When the status in force at `t` was entered, provided it is `status`: the start of the run of
 * states up to `t` that hold it; null when it does not hold at `t`, or held from the first state
 * (no recorded change into it). Allocation-free: metrics call it per item, per sprint.
 */
function enteredAt(timeline: ItemTimeline, t: number, status: ItemStatus): number | null {
  if (t < timeline.firstSeen) return null;
  const { states } = timeline;
  let k = states.length - 1;
  while (k >= 0 && states[k]!.at > t) k--;
  if (k < 0 || states[k]!.state.status !== status) return null;
  let j = k;
  while (j > 0 && states[j - 1]!.state.status === status) j--;
  return j === 0 ? null : states[j]!.at;
}

/** True when the item went from resolved back to another status in [from, t]. */
export function reopenedWithin(timeline: ItemTimeline, from: number, t: number): boolean {
  const { states } = timeline;
  for (let i = 1; i < states.length && states[i]!.at <= t; i++) {
    if (states[i]!.at >= from && states[i - 1]!.state.status === 'resolved' && states[i]!.state.status !== 'resolved') return true;
  }
  return false;
}

/**
 * When the item was first scheduled, up to `t`: the first state that is `scheduled` or
 * `in-progress` or has a sprint (so being first seen with a sprint counts as scheduled then).
 */
export function firstScheduledAt(timeline: ItemTimeline, t: number): number | null {
  for (const s of timeline.states) {
    if (s.at > t) return null;
    if (s.state.status === 'scheduled' || s.state.status === 'in-progress' || s.state.sprint !== null) return s.at;
  }
  return null;
}
