/**
 * The one JSON contract of every `--format json` output (see docs/json.md). Each document is an
 * envelope — `$schema`, `version`, `tool`, `kind` — then its kind's payload, described by
 * `schemas/<kind>.schema.json`. Payloads are explicit JSON shapes built by the reporters next to
 * this file, never engine objects passed through, so an engine refactor cannot change the output
 * by accident. Rule: an additive change (a new field, a new enum value documented as open) keeps a
 * kind's version; anything else — a field removed, renamed, retyped or given a new meaning — bumps it.
 */
import { ENGINE_VERSION } from '../../engine';
import type { CheckJson } from './checkJson';
import type { ExportJson } from './exportJson';
import type { DoctorJson, LedgerListJson, ItemWithHistoryJson, SyncJson } from './ledgerJson';
import type { AssignJson, BudgetJson, SprintListJson, SprintPlanJson, UnassignJson } from './planningJson';
import type { ReportJson } from './reportJson';
import type { ScanJson } from './scanJson';

/** Where the schemas are published; each kind's is `<base><kind>.schema.json` (in the repository: `schemas/`). */
export const SCHEMA_BASE = 'https://paydown.dev/schemas/';

/** Each kind's payload. */
export interface JsonPayloads {
  scan: ScanJson;
  'ledger-sync': SyncJson;
  'ledger-list': LedgerListJson;
  'ledger-show': ItemWithHistoryJson;
  'ledger-set': ItemWithHistoryJson;
  'ledger-doctor': DoctorJson;
  budget: BudgetJson;
  'sprint-list': SprintListJson;
  'sprint-plan': SprintPlanJson;
  'sprint-assign': AssignJson;
  'sprint-unassign': UnassignJson;
  export: ExportJson;
  report: ReportJson;
  check: CheckJson;
}

export type JsonKind = keyof JsonPayloads;

/**
 * The version of each kind's shape. ledger-list, export, report and check had a `version: 1`
 * document before this contract; their shapes changed with it, so they start at 2.
 */
export const JSON_VERSIONS: Readonly<Record<JsonKind, number>> = {
  scan: 1,
  'ledger-sync': 1,
  'ledger-list': 2,
  'ledger-show': 1,
  'ledger-set': 1,
  'ledger-doctor': 1,
  budget: 1,
  'sprint-list': 1,
  'sprint-plan': 1,
  'sprint-assign': 1,
  'sprint-unassign': 1,
  export: 2,
  report: 2,
  check: 2,
};

/** Every kind, in the order docs/json.md lists them. */
export const JSON_KINDS = Object.keys(JSON_VERSIONS) as JsonKind[];

/** The envelope every document starts with. */
export interface JsonEnvelope<K extends JsonKind = JsonKind> {
  $schema: string;
  version: number;
  tool: { name: 'paydown'; version: string };
  kind: K;
}

/** The published schema id of `kind`. */
export function schemaId(kind: JsonKind): string {
  return `${SCHEMA_BASE}${kind}.schema.json`;
}

/** The document of `kind`: the envelope, then the payload's fields in their order. */
export function jsonDocument<K extends JsonKind>(kind: K, payload: JsonPayloads[K]): JsonEnvelope<K> & JsonPayloads[K] {
  return { $schema: schemaId(kind), version: JSON_VERSIONS[kind], tool: { name: 'paydown', version: ENGINE_VERSION }, kind, ...payload };
}

/** The document of `kind` as text: two-space indented, ending in a newline. */
export function toJsonDocument<K extends JsonKind>(kind: K, payload: JsonPayloads[K]): string {
  return `${JSON.stringify(jsonDocument(kind, payload), null, 2)}\n`;
}
