import type { Impact, DebtItem } from '../../../src/engine/model';
import type { ItemStatus, LedgerItem } from '../../../src/engine/ledger/model';
import type { SessionItem } from '../../../src/engine/session/session';

export interface ItemFields {
  file?: string;
  line?: number;
  tag?: string;
  title?: string;
  owners?: string[];
  labels?: string[];
  effort?: number | null;
  impact?: Impact | null;
  sprint?: string | null;
  outcome?: string | null;
  unsaved?: boolean;
  body?: string;
  /** Makes it a ledger item with this id. */
  id?: string;
  status?: ItemStatus;
  ledgerSprint?: string | null;
  trackers?: LedgerItem['trackers'];
  firstSeen?: string;
  /** The impact the config gives the tag by default. */
  tagImpact?: Impact | null;
}

/** A session item as the views see it: a comment, and its ledger item when `id` is given. */
export function sessionItem(fields: ItemFields = {}): SessionItem {
  const debt: DebtItem = {
    file: fields.file ?? 'src/a.ts',
    line: fields.line ?? 1,
    column: 4,
    end: { line: (fields.line ?? 1) + 1, column: 1 },
    tag: fields.tag ?? 'TODO',
    title: fields.title ?? 'a title',
    body: fields.body ?? '',
    owners: fields.owners ?? [],
    labels: fields.labels ?? [],
    effort: fields.effort ?? null,
    effortSpec: null,
    impact: fields.impact ?? null,
    sprint: fields.sprint ?? null,
    due: null,
    outcome: fields.outcome ?? null,
    issueRefs: [],
    id: null,
    language: 'typescript',
    fingerprint: 'fp',
    problems: [],
  };
  const ledger: LedgerItem | null = fields.id
    ? {
        id: fields.id,
        status: fields.status ?? (fields.ledgerSprint ? 'scheduled' : 'open'),
        tag: debt.tag,
        title: debt.title,
        fingerprint: 'fp',
        owners: debt.owners,
        labels: debt.labels,
        file: debt.file,
        line: debt.line,
        firstSeen: { at: fields.firstSeen ?? '2026-01-01T09:00:00.000Z', commit: null },
        resolved: null,
        sprint: fields.ledgerSprint ?? null,
        effort: { value: debt.effort, source: 'comment', comment: debt.effort },
        impact: { value: debt.impact, source: 'comment', comment: debt.impact },
        outcome: { value: debt.outcome, source: 'comment', comment: debt.outcome },
        trackers: fields.trackers ?? [],
        history: [],
      }
    : null;
  return { key: ledger?.id ?? `${debt.file}:${debt.line}:${debt.column}`, debt, ledger, outcome: fields.outcome ?? null, unsaved: fields.unsaved ?? false, tagImpact: fields.tagImpact ?? null };
}
