/** Builds ledger items with hand-written histories for the metrics tests. */
import type { ItemStatus, LedgerEvent, LedgerItem } from '../../../src/engine/ledger/model';

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
