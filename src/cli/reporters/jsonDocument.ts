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

/**
 * The document of `kind` as text, two-space indented and ending in a newline, in pieces: each
 * element of a top-level array (a scan's items, a ledger's list) is stringified only when it is
 * reached, so a document of 100,000 items is never one string in memory. Joined, the pieces are
 * exactly `JSON.stringify(document, null, 2)` and a newline.
 */
export function toJsonDocument<K extends JsonKind>(kind: K, payload: JsonPayloads[K]): Iterable<string> {
  return jsonText(jsonDocument(kind, payload));
}

/** Elements of a top-level array stringified at a time. */
const RUN = 256;

/** The pieces of `JSON.stringify(document, null, 2)` and a newline (see {@link toJsonDocument}). */
export function* jsonText(document: object): Generator<string> {
  let before = '{\n';
  for (const [key, value] of Object.entries(document)) {
    const whole = Array.isArray(value) && value.length > 0 ? undefined : (JSON.stringify(value, null, 2) as string | undefined);
    if (whole === undefined && !Array.isArray(value)) continue; // undefined, a function: JSON leaves the key out
    yield `${before}  ${JSON.stringify(key)}: `;
    before = ',\n';
    if (whole !== undefined) {
      // JSON's strings hold no raw line ends: every line end starts a line to indent.
      yield whole.replaceAll('\n', '\n  ');
      continue;
    }
    const elements = value as unknown[];
    yield '[\n';
    for (let at = 0; at < elements.length; at += RUN) {
      // A run nested two deep comes out indented as the document's elements are: cut off the
      // two brackets' lines around it (`[\n  [\n` and `\n  ]\n]`).
      const run = JSON.stringify([elements.slice(at, at + RUN)], null, 2);
      yield `${run.slice(6, -6)}${at + RUN < elements.length ? ',\n' : '\n'}`;
    }
    yield '  ]';
  }
  yield before === '{\n' ? '{}\n' : '\n}\n';
}
