/**
 * Exports of the ledger: CSV (Jira and spreadsheets), Markdown (a planning doc) and SARIF 2.1.0
 * (code-scanning UIs), each a pure function of the export items that `renderExport` picks; and
 * the selection every format shares (`toExportItems`). JSON is a document of the CLI's one JSON
 * contract (src/cli/reporters/jsonDocument.ts, docs/json.md), where every `--format json` shows
 * a ledger item the same way. Nothing here reads files or prints.
 */
import { PaydownError } from '../errors';
import type { TagDefinition } from '../model';
import { toCsv } from './csv';
import type { ExportItem } from './items';
import { toMarkdown } from './markdown';
import { toSarif } from './sarif';

export { exportJson, exportJsonText, type ExportJson } from './exportJson';
export { ledgerItemJson, unscannedItemJson, historyJson, cellJson, type CellJson, type LedgerItemJson, type HistoryEventJson, type EditableField } from './itemJson';
export { toExportItems, toExportItem, CLOSED_STATUSES, type ExportItem, type ExportSelection } from './items';
export { toCsv, csvField, jiraDescription, JIRA_PRIORITY, CSV_LEADING_COLUMNS, CSV_TRAILING_COLUMNS, type CsvOptions } from './csv';
export { toMarkdown, MARKDOWN_COLUMNS, type MarkdownOptions } from './markdown';
export { toSarif, toSarifLog, sarifLevel, toUriReference, FINGERPRINT_KEY, SARIF_SCHEMA_URI, SRCROOT, type SarifLog, type SarifOptions } from './sarif';

/** The formats `paydown export` writes. */
export const EXPORT_FORMATS = ['csv', 'md', 'json', 'sarif'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Everything any format may need besides the items. */
export interface RenderOptions {
  /** ISO 8601 time of the export. */
  generatedAt: string;
  toolVersion: string;
  /** The sprint the export is for, or null. */
  sprint: string | null;
  /** The configured tags (SARIF rules). */
  tags: readonly TagDefinition[];
  /** CSV: start with a UTF-8 byte order mark. */
  bom?: boolean;
}

/** The format named `name` (case-insensitive; `markdown` is `md`), or a usage error naming the choices. */
export function parseExportFormat(name: string): ExportFormat {
  const wanted = name.toLowerCase() === 'markdown' ? 'md' : name.toLowerCase();
  if ((EXPORT_FORMATS as readonly string[]).includes(wanted)) return wanted as ExportFormat;
  throw new PaydownError('usage', `unknown export format "${name}"`, `use --format ${EXPORT_FORMATS.join(', ')}`);
}

/** The formats the engine renders; `json` is the CLI's JSON contract. */
export type RenderedFormat = Exclude<ExportFormat, 'json'>;

/** The export of `items` in `format`, as text. */
export function renderExport(format: RenderedFormat, items: readonly ExportItem[], options: RenderOptions): string {
  switch (format) {
    case 'csv':
      return toCsv(items, { bom: options.bom });
    case 'md':
      return toMarkdown(items, { generatedAt: options.generatedAt, sprint: options.sprint });
    case 'sarif':
      return toSarif(items, { toolVersion: options.toolVersion, tags: options.tags });
  }
}
