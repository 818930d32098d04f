/**
 * The envelope of every JSON document Paydown writes (see docs/json.md): `$schema`, `version`,
 * `tool`, `kind`, then the kind's payload. In the engine so every shell (the CLI's `--format json`,
 * the editor's panel exports) writes the same envelope; the payload types live with their
 * builders (src/cli/reporters, src/engine/export/exportJson.ts). Rule: an additive change keeps a
 * kind's version; anything else bumps it.
 */
import { ENGINE_VERSION } from './version';

/** Where the schemas are published; each kind's is `<base><kind>.schema.json` (in the repository: `schemas/`). */
export const SCHEMA_BASE = 'https://paydown.dev/schemas/';

/**
 * The version of each kind's shape. ledger-list, export, report and check had a `version: 1`
 * document before this contract; their shapes changed with it, so they start at 2. report is at 3:
 * its `kept` became null for a sprint that ended before planning began (`planned: false`).
 */
export const JSON_VERSIONS = {
  scan: 1,
  'ledger-sync': 1,
  'ledger-list': 2,
  'ledger-show': 1,
  'ledger-set': 1,
  'ledger-doctor': 1,
  'ledger-backfill': 1,
  budget: 1,
  'sprint-list': 1,
  'sprint-plan': 1,
  'sprint-assign': 1,
  'sprint-unassign': 1,
  export: 2,
  report: 3,
  check: 2,
  sync: 1,
} as const satisfies Record<string, number>;

export type JsonKind = keyof typeof JSON_VERSIONS;

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

/** The envelope of a `kind` document. */
export function jsonEnvelope<K extends JsonKind>(kind: K): JsonEnvelope<K> {
  return { $schema: schemaId(kind), version: JSON_VERSIONS[kind], tool: { name: 'paydown', version: ENGINE_VERSION }, kind };
}
