import { ENGINE_VERSION, type DebtItem, type ScanResult } from '../../engine';

/** Version of the `paydown scan --format json` document; bumped on incompatible changes. */
export const SCAN_JSON_VERSION = 1;

/** The stable machine form of a scan; its schema is schemas/scan.schema.json. */
export function scanToJson(result: ScanResult): string {
  const document = {
    $schema: 'https://paydown.dev/schemas/scan.schema.json',
    version: SCAN_JSON_VERSION,
    tool: { name: 'paydown', version: ENGINE_VERSION },
    items: result.items.map(itemToJson),
    problems: result.problems,
    skipped: result.skipped,
    stats: result.stats,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** One item per line, for streaming consumers (`jq -c`, log shippers). */
export function scanToNdjson(result: ScanResult): string {
  return result.items.map((item) => JSON.stringify(itemToJson(item))).join('\n') + (result.items.length ? '\n' : '');
}

/** Fixes the key order of an item so the output is stable whatever built the object. */
function itemToJson(item: DebtItem): DebtItem {
  return {
    file: item.file,
    line: item.line,
    column: item.column,
    end: item.end,
    tag: item.tag,
    title: item.title,
    body: item.body,
    owners: item.owners,
    labels: item.labels,
    effort: item.effort,
    effortSpec: item.effortSpec,
    impact: item.impact,
    sprint: item.sprint,
    due: item.due,
    outcome: item.outcome,
    issueRefs: item.issueRefs,
    id: item.id,
    language: item.language,
    fingerprint: item.fingerprint,
    problems: item.problems,
  };
}
