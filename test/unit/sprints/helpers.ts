import { defaultPlanning, type PlanningSettings } from '../../../src/engine/config/planning';
import type { Impact } from '../../../src/engine/model';
import type { ItemStatus, LedgerItem } from '../../../src/engine/ledger/model';

/**
 * A ledger item with just what planning reads; `resolvedAt` sets status resolved. An item in a
 * sprint was assigned to it when first seen (its history says so), so the sprint was planned.
 */
export function item(id: string, fields: { status?: ItemStatus; sprint?: string | null; effort?: number | null; impact?: Impact | null; firstSeen?: string; resolvedAt?: string; outcome?: string; labels?: string[]; file?: string } = {}): LedgerItem {
  const firstSeen = `${fields.firstSeen ?? '2026-01-01'}T09:00:00.000Z`;
  const status = fields.status ?? (fields.resolvedAt ? 'resolved' : fields.sprint ? 'scheduled' : 'open');
  return {
    id,
    status,
    tag: 'DEBT',
    title: `title of ${id}`,
    fingerprint: 'f',
    owners: [],
    labels: fields.labels ?? [],
    file: fields.file ?? 'src/a.ts',
    line: 1,
    firstSeen: { at: firstSeen, commit: null },
    resolved: fields.resolvedAt ? { at: `${fields.resolvedAt}T15:00:00.000Z`, commit: null, author: null } : null,
    sprint: fields.sprint ?? null,
    effort: { value: fields.effort === undefined ? 1 : fields.effort, source: 'comment', comment: null },
    impact: { value: fields.impact ?? null, source: 'comment', comment: null },
    outcome: { value: fields.outcome ?? null, source: 'comment', comment: null },
    trackers: [],
    history: fields.sprint ? [{ id: `E-${id}`, at: firstSeen, type: 'sprint', from: null, to: fields.sprint, by: null }] : [],
  };
}

/** Planning settings with overrides. */
export function planning(overrides: Partial<PlanningSettings> = {}): PlanningSettings {
  return { ...defaultPlanning(), ...overrides };
}
