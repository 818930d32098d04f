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
  // OPEN_STATUSES spelled out: metrics ask this of every item at every instant they measure.
  return status === 'open' || status === 'scheduled' || status === 'in-progress';
}

function isStatus(value: unknown): value is ItemStatus {
  return typeof value === 'string' && (ITEM_STATUSES as readonly string[]).includes(value);
}

/** `was` changed by `event`; null when the event changes nothing metrics read (or changes it to what it was). */
function applyEvent(was: ItemState, event: LedgerEvent): ItemState | null {
  let { status, sprint, effort, tag, outcome } = was;
  switch (event.type) {
    case 'status':
      if (!isStatus(event.to)) return null;
      status = event.to;
      break;
    case 'resolved':
      status = 'resolved';
      break;
    case 'reopened':
      status = isStatus(event.to) && isOpenStatus(event.to) ? event.to : 'open';
      break;
    case 'sprint':
      if (typeof event.to !== 'string' && event.to !== null) return null;
      sprint = event.to;
      break;
    case 'field':
      if (event.field === 'effort' && (event.to === null || (typeof event.to === 'number' && Number.isFinite(event.to)))) effort = event.to;
      else if (event.field === 'tag' && typeof event.to === 'string') tag = event.to;
      else if (event.field === 'outcome' && (event.to === null || typeof event.to === 'string')) outcome = event.to;
      else return null;
      break;
    default:
      return null;
  }
  const state: ItemState = { status, sprint, effort, tag, outcome };
  return sameState(state, was) ? null : state;
}

/** The value a field had before its first recorded change: that change's `from`, else the item's current value. */
function initialState(item: LedgerItem, events: readonly LedgerEvent[]): ItemState {
  // The first event of each kind, in one pass (every item of a ledger just read comes here).
  let statusEvent: LedgerEvent | undefined;
  let sprintEvent: LedgerEvent | undefined;
  let effortEvent: LedgerEvent | undefined;
  let tagEvent: LedgerEvent | undefined;
  let outcomeEvent: LedgerEvent | undefined;
  for (const e of events) {
    if (e.type === 'status' || e.type === 'resolved' || e.type === 'reopened') statusEvent ??= e;
    else if (e.type === 'sprint') {
      if (typeof e.from === 'string' || e.from === null) sprintEvent ??= e;
    } else if (e.type === 'field') {
      if (e.field === 'effort') effortEvent ??= e;
      else if (e.field === 'tag') tagEvent ??= e;
      else if (e.field === 'outcome') outcomeEvent ??= e;
    }
  }
  // Items are always first seen open: a `from` of resolved or won't-fix means history is missing, not that it began closed.
  const status: ItemStatus = statusEvent && isStatus(statusEvent.from) && isOpenStatus(statusEvent.from) ? statusEvent.from : 'open';
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

/** Appends `state` beginning at `at` (never before `firstSeen` or the last state), unless it is the last state again. */
function advance(states: TimedState[], firstSeen: number, at: number, state: ItemState): void {
  const last = states[states.length - 1]!;
  if (sameState(state, last.state)) return;
  // Equal instants stay separate states, so a change at `firstSeen` is still a transition.
  states.push({ at: Math.max(at, firstSeen, last.at), state });
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

/** The instants of the history being replayed (reused: every item of a ledger just read is replayed). */
let scratch = new Float64Array(16);

function replay(item: LedgerItem, defaultEstimate: number | null): ItemTimeline {
  const history = item.history;
  if (scratch.length < history.length) scratch = new Float64Array(history.length * 2);
  let ats: ArrayLike<number> = scratch;
  let readable = 0;
  let ordered = true;
  let previous = -Infinity;
  for (let index = 0; index < history.length; index++) {
    const at = parseInstant(history[index]!.at);
    scratch[index] = at ?? NaN;
    if (at === null) continue;
    if (readable > 0 && at < previous) ordered = false;
    previous = at;
    readable++;
  }
  // A ledger's history is written in time order, every instant readable: then the history is
  // replayed as it is. Only a hand-edited one needs its readable events picked out and sorted.
  let events: readonly LedgerEvent[] = history;
  if (!ordered || readable < history.length) {
    const all = scratch.slice(0, history.length);
    const order: number[] = [];
    for (let index = 0; index < history.length; index++) if (!Number.isNaN(all[index]!)) order.push(index);
    if (!ordered) order.sort((a, b) => all[a]! - all[b]! || a - b);
    events = order.map((i) => history[i]!);
    ats = order.map((i) => all[i]!);
  }
  const count = events.length;
  let createdAt = -1;
  for (let k = 0; k < count && createdAt < 0; k++) if (events[k]!.type === 'created') createdAt = k;
  const created = createdAt < 0 ? null : ats[createdAt]!;
  // The stamp is usually the `created` event's own time, already read.
  const stamp = item.firstSeen?.at;
  const stamped = createdAt >= 0 && stamp === events[createdAt]!.at ? created : parseInstant(stamp);
  const firstSeen = stamped ?? created ?? (count > 0 ? ats[0]! : undefined) ?? 0;
  const lastEventAt = Math.max(firstSeen, count > 0 ? ats[count - 1]! : firstSeen);

  const states: TimedState[] = [{ at: firstSeen, state: initialState(item, events) }];
  for (let k = 0; k < count; k++) {
    const state = applyEvent(states[states.length - 1]!.state, events[k]!);
    if (state) advance(states, firstSeen, ats[k]!, state);
  }

  // Legacy or partial history: the item's current fields are the truth at the end.
  const end = states[states.length - 1]!.state;
  if (end.status !== item.status) {
    const stampAt = item.status === 'resolved' ? parseInstant(item.resolved?.at) : null;
    advance(states, firstSeen, Math.max(stampAt ?? lastEventAt, states[states.length - 1]!.at), { ...end, status: item.status });
  }
  const now = states[states.length - 1]!.state;
  if (end.sprint !== item.sprint || end.effort !== item.effort.value || end.tag !== item.tag || end.outcome !== item.outcome.value) {
    const state: ItemState = { status: now.status, sprint: item.sprint, effort: item.effort.value, tag: item.tag, outcome: item.outcome.value };
    advance(states, firstSeen, Math.max(lastEventAt, states[states.length - 1]!.at), state);
  }
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
