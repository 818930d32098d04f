/**
 * The one JSON contract of every `--format json` output (see docs/json.md). Each document is an
 * envelope — `$schema`, `version`, `tool`, `kind` — then its kind's payload, described by
 * `schemas/<kind>.schema.json`. Payloads are explicit JSON shapes built by the reporters next to
 * this file, never engine objects passed through, so an engine refactor cannot change the output
 * by accident. Rule: an additive change (a new field, a new enum value documented as open) keeps a
 * kind's version; anything else — a field removed, renamed, retyped or given a new meaning — bumps it.
 */
import { jsonEnvelope, type JsonEnvelope, type JsonKind } from '../../engine';
import type { ExportJson } from '../../engine';
import type { BackfillJson } from './backfill';
import type { CheckJson } from './checkJson';
import type { DoctorJson, LedgerListJson, ItemWithHistoryJson, SyncJson } from './ledgerJson';
import type { AssignJson, BudgetJson, SprintListJson, SprintPlanJson, UnassignJson } from './planningJson';
import type { ReportJson } from './reportJson';
import type { ScanJson } from './scanJson';
import type { TrackerSyncJson } from './syncJson';

export { JSON_KINDS, JSON_VERSIONS, SCHEMA_BASE, schemaId, type JsonEnvelope, type JsonKind } from '../../engine';

/** Each kind's payload (the kinds and their versions: the engine's jsonEnvelope.ts). */
export interface JsonPayloads extends Record<JsonKind, object> {
  scan: ScanJson;
  'ledger-sync': SyncJson;
  'ledger-list': LedgerListJson;
  'ledger-show': ItemWithHistoryJson;
  'ledger-set': ItemWithHistoryJson;
  'ledger-doctor': DoctorJson;
  'ledger-backfill': BackfillJson;
  budget: BudgetJson;
  'sprint-list': SprintListJson;
  'sprint-plan': SprintPlanJson;
  'sprint-assign': AssignJson;
  'sprint-unassign': UnassignJson;
  export: ExportJson;
  report: ReportJson;
  check: CheckJson;
  sync: TrackerSyncJson;
}

/** The document of `kind`: the envelope, then the payload's fields in their order. */
export function jsonDocument<K extends JsonKind>(kind: K, payload: JsonPayloads[K]): JsonEnvelope<K> & JsonPayloads[K] {
  return { ...jsonEnvelope(kind), ...payload };
}

/** The document of `kind` as text: two-space indented, ending in a newline. */
export function toJsonDocument<K extends JsonKind>(kind: K, payload: JsonPayloads[K]): string {
  return `${JSON.stringify(jsonDocument(kind, payload), null, 2)}\n`;
}
