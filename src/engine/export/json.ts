/**
 * JSON export: `{ version, generatedAt, tool, filter, items }`, described by
 * `schemas/export.schema.json`.
 */
import type { ItemStatus } from '../ledger/model';
import type { ExportItem } from './items';

/** Version of the JSON export's shape; bumped on incompatible changes. */
export const EXPORT_JSON_VERSION = 1;

/** The JSON export document. */
export interface ExportDocument {
  $schema: string;
  version: typeof EXPORT_JSON_VERSION;
  generatedAt: string;
  tool: { name: 'paydown'; version: string };
  /** What the export was filtered by: the statuses it holds, and the sprint or null. */
  filter: { status: ItemStatus[]; sprint: string | null };
  items: ExportItem[];
}

/** Options of the JSON export. */
export interface JsonOptions {
  generatedAt: string;
  toolVersion: string;
  status: readonly ItemStatus[];
  sprint: string | null;
}

/** Where the export's schema is published. */
export const EXPORT_SCHEMA_ID = 'https://paydown.dev/schemas/export.schema.json';

/** The export document for `items`. */
export function toExportDocument(items: readonly ExportItem[], options: JsonOptions): ExportDocument {
  return {
    $schema: EXPORT_SCHEMA_ID,
    version: EXPORT_JSON_VERSION,
    generatedAt: options.generatedAt,
    tool: { name: 'paydown', version: options.toolVersion },
    filter: { status: [...options.status], sprint: options.sprint },
    items: [...items],
  };
}

/** The JSON export as text, two-space indented, ending in a newline. */
export function toJson(items: readonly ExportItem[], options: JsonOptions): string {
  return `${JSON.stringify(toExportDocument(items, options), null, 2)}\n`;
}
