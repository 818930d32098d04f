/** Builds ledger items with hand-written histories for the metrics tests. */
import type { ItemStatus, LedgerEvent, LedgerItem } from '../../../src/engine/ledger/model';
import { sampleItem } from '../ledger/helpers';
import { seededRandom as random } from '../../support/random';

let nextEvent = 0;

/** A history event at `at` (ISO). */
export function ev(type: LedgerEvent['type'], at: string, extra: Partial<LedgerEvent> = {}): LedgerEvent {
  return { id: `E${++nextEvent}`, at, type, ...extra };
}

export interface ItemSpec {
  id: string;
  firstSeen: string;
  status: ItemStatus;
  effort: number | null;
  sprint?: string | null;
  resolvedAt?: string | null;
  tag?: string;
  owners?: string[];
  labels?: string[];
  file?: string;
  outcome?: string | null;
  /** Events after `created` (which is added at `firstSeen` unless `legacy`). */
  events?: LedgerEvent[];
  /** No history at all, as a file written before history existed. */
  legacy?: boolean;
}

/** A ledger item whose current fields are `spec`'s and whose history is `created` + `spec.events`. */
export function item(spec: ItemSpec): LedgerItem {
  const created: LedgerEvent[] = spec.legacy ? [] : [ev('created', spec.firstSeen, { commit: null })];
  return {
    id: spec.id,
    status: spec.status,
    tag: spec.tag ?? 'TODO',
    title: `Item ${spec.id}`,
    fingerprint: `fp-${spec.id}`,
    owners: spec.owners ?? [],
    labels: spec.labels ?? [],
    file: spec.file ?? 'src/misc.ts',
    line: 1,
    firstSeen: { at: spec.firstSeen, commit: null },
    resolved: spec.resolvedAt ? { at: spec.resolvedAt, commit: null, author: null } : null,
    sprint: spec.sprint ?? null,
    effort: { value: spec.effort, source: 'comment', comment: spec.effort },
    impact: { value: null, source: 'comment', comment: null },
    outcome: { value: spec.outcome ?? null, source: 'comment', comment: spec.outcome ?? null },
    trackers: [],
    history: [...created, ...(spec.events ?? [])],
  };
}

const DAY = 86_400_000;
/** The first instant of {@link randomItems}' histories (2026-01-01). */
export const RANDOM_T0 = Date.UTC(2026, 0, 1);
const T0 = RANDOM_T0;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * `n` items with random histories from `seed`, first seen over 120 days from {@link RANDOM_T0}:
 * reopenings, won't-fix, moves between sprints S1–S5, same-instant events and events at a day's
 * last millisecond, unestimated items.
 */
export function randomItems(seed: number, n: number): LedgerItem[] {
  const next = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const id = `PD-R${String(i).padStart(5, '0')}`;
    let at = T0 + Math.floor(next() * 120) * DAY + (next() < 0.3 ? 0 : Math.floor(next() * DAY));
    const history: LedgerEvent[] = [{ id: `${id}-c`, at: iso(at), type: 'created', commit: null }];
    let status: LedgerItem['status'] = 'open';
    let sprint: string | null = null;
    for (let e = 0, events = Math.floor(next() * 6); e < events; e++) {
      // Same-instant events, events at a day's (and so a sprint's) last millisecond, and any time.
      const r = next();
      at = r < 0.2 ? at : r < 0.5 ? Math.floor(at / DAY + 1 + next() * 20) * DAY + DAY - 1 : at + Math.floor(next() * 20 * DAY);
      const kind = pick(['sprint', 'resolve', 'reopen', 'wont', 'effort'] as const);
      if (kind === 'sprint') {
        const to = next() < 0.2 ? null : pick(['S1', 'S2', 'S3', 'S4', 'S5']);
        history.push({ id: `${id}-${e}`, at: iso(at), type: 'sprint', from: sprint, to });
        sprint = to;
      } else if (kind === 'resolve' && status !== 'resolved') {
        history.push({ id: `${id}-${e}`, at: iso(at), type: 'resolved', from: status, to: 'resolved' });
        status = 'resolved';
      } else if (kind === 'reopen' && status === 'resolved') {
        history.push({ id: `${id}-${e}`, at: iso(at), type: 'reopened', from: 'resolved', to: 'open' });
        status = 'open';
      } else if (kind === 'wont' && status !== 'wont-fix') {
        history.push({ id: `${id}-${e}`, at: iso(at), type: 'status', from: status, to: 'wont-fix' });
        status = 'wont-fix';
      } else if (kind === 'effort') {
        history.push({ id: `${id}-${e}`, at: iso(at), type: 'field', field: 'effort', from: null, to: pick([1, 2, 3, 5]) });
      }
    }
    const effort = next() < 0.2 ? null : pick([1, 2, 3, 5, 8]);
    return sampleItem(id, {
      status,
      sprint,
      firstSeen: { at: history[0]!.at, commit: null },
      resolved: status === 'resolved' ? { at: iso(at), commit: null, author: null } : null,
      effort: { value: effort, source: 'comment', comment: effort },
      history,
    });
  });
}
