/**
 * SARIF 2.1.0 export, so debt shows in code-scanning UIs (GitHub code scanning, the SARIF
 * viewer) at its place in the code. One run, one rule per tag, one result per item.
 *
 * Debt is not a defect: results are `warning` for critical and high impact and `note` otherwise,
 * never `error`, so uploading an export never fails a pull request's checks on its own.
 *
 * Every location is a normalised path inside the workspace (under `%SRCROOT%`). An item whose
 * ledger path is absolute or climbs out with `..` (a hand-edited or hostile ledger file) is left
 * out, with a tool notification naming it: GitHub rejects a whole upload for one result without a
 * location, and a wrong location is worse than none.
 */
import * as path from 'node:path';
import type { Impact, TagDefinition } from '../model';
import { PAYDOWN_URI } from '../docs';
import { agree, cellPlace, plural, points } from '../present';
import type { ExportItem } from './items';
import { cellJson } from './itemJson';

/** Where Paydown is documented, for the tool and its rules. */

/** The `$schema` the log names: the SARIF 2.1.0 schema as SchemaStore publishes it. */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The base every result's path is relative to: the workspace root, as code-scanning tools expect. */
export const SRCROOT = '%SRCROOT%';
/** The key of `partialFingerprints` holding the ledger id. */
export const FINGERPRINT_KEY = 'paydownId/v1';

/** SARIF result levels this export uses. */
export type SarifLevel = 'warning' | 'note' | 'none';

/** Options of the SARIF export. */
export interface SarifOptions {
  toolVersion: string;
  /** The configured tags: each gets a rule (with its default impact), found or not, so rule indexes are stable. */
  tags?: readonly TagDefinition[];
}

/** A SARIF log as this export writes it (the subset of the format it uses). */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: [SarifRun];
}

export interface SarifRun {
  tool: { driver: { name: 'paydown'; version: string; semanticVersion: string; informationUri: string; rules: SarifRule[] } };
  originalUriBaseIds: Record<string, { description: { text: string } }>;
  columnKind: 'utf16CodeUnits';
  results: SarifResult[];
  /** Present when items were left out, saying which and why. */
  invocations?: SarifInvocation[];
}

export interface SarifInvocation {
  executionSuccessful: true;
  toolExecutionNotifications: { level: 'warning'; message: { text: string } }[];
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri: string;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[] };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  kind?: 'pass';
  level: SarifLevel;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn?: number } } }[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: 'external'; status: 'accepted'; justification: string }[];
  properties: Record<string, unknown>;
}

/** What each well-known tag means, for its rule's descriptions. */
const TAG_MEANINGS: Readonly<Record<string, string>> = {
  TODO: 'work left to do',
  FIXME: 'known broken or fragile code',
  HACK: 'a workaround that should be replaced',
  XXX: 'dangerous or surprising code that needs attention',
  DEBT: 'deliberate technical debt, tracked for pay-down',
};

/** The level of an item's result: warning for critical and high impact, note otherwise. */
export function sarifLevel(impact: Impact | null): 'warning' | 'note' {
  return impact === 'critical' || impact === 'high' ? 'warning' : 'note';
}

/** The items as a SARIF 2.1.0 log. */
export function toSarifLog(items: readonly ExportItem[], options: SarifOptions): SarifLog {
  const tags: TagDefinition[] = [...(options.tags ?? [])];
  for (const item of items) if (!tags.some((t) => t.name === item.tag)) tags.push({ name: item.tag });
  const rules = tags.map(ruleFor);
  const ruleIndex = new Map<string, number>();
  tags.forEach((t, i) => ruleIndex.set(t.name, ruleIndex.get(t.name) ?? i));
  const results: SarifResult[] = [];
  const outside: string[] = [];
  for (const item of items) {
    const uri = toUriReference(item.file);
    if (uri === null) outside.push(item.id);
    else results.push(resultFor(item, uri, ruleIndex.get(item.tag)!));
  }
  const run: SarifRun = {
    tool: { driver: { name: 'paydown', version: options.toolVersion, semanticVersion: options.toolVersion, informationUri: PAYDOWN_URI, rules } },
    originalUriBaseIds: { [SRCROOT]: { description: { text: 'The root of the workspace Paydown exported.' } } },
    columnKind: 'utf16CodeUnits',
    results,
  };
  if (outside.length > 0) {
    const text = `${plural(outside.length, 'item')} ${agree(outside.length, 'was', 'were')} left out because the ledger places ${agree(outside.length, 'it', 'them')} outside the workspace (an absolute path or one leaving it with ".."): ${outside.join(', ')}. Run \`paydown ledger sync\` to record where the comments are now.`;
    run.invocations = [{ executionSuccessful: true, toolExecutionNotifications: [{ level: 'warning', message: { text } }] }];
  }
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

/** The SARIF export as text, two-space indented, ending in a newline. */
export function toSarif(items: readonly ExportItem[], options: SarifOptions): string {
  return `${JSON.stringify(toSarifLog(items, options), null, 2)}\n`;
}

function ruleFor(tag: TagDefinition): SarifRule {
  const meaning = TAG_MEANINGS[tag.name] ?? 'a technical-debt annotation';
  const impact = tag.impact ? ` Its default impact is ${tag.impact}.` : '';
  return {
    id: tag.name,
    name: `${tag.name.toLowerCase()}-comment`,
    shortDescription: { text: `${tag.name} comment: ${meaning}` },
    fullDescription: { text: `A ${tag.name} comment marks ${meaning}. Paydown tracks it in the ledger with a stable id, an estimate and a sprint.${impact}` },
    help: {
      text: `This is technical debt tagged in a ${tag.name} comment and tracked in the Paydown ledger (.paydown/ledger/). Plan it into a sprint with \`paydown sprint assign ID\`; when the comment leaves the code, \`paydown ledger sync\` resolves the item.`,
      markdown: `This is technical debt tagged in a \`${tag.name}\` comment and tracked in the Paydown ledger (\`.paydown/ledger/\`).\n\n- Plan it into a sprint: \`paydown sprint assign ID\`\n- Pay it down: remove the comment with the fix; \`paydown ledger sync\` resolves the item.\n\nSee [Paydown](${PAYDOWN_URI}).`,
    },
    helpUri: PAYDOWN_URI,
    defaultConfiguration: { level: sarifLevel(tag.impact ?? null) },
    properties: { tags: ['technical-debt', tag.name.toLowerCase()] },
  };
}

function resultFor(item: ExportItem, uri: string, ruleIndex: number): SarifResult {
  const region: { startLine: number; startColumn?: number } = { startLine: item.line };
  if (item.column !== null) region.startColumn = item.column;
  const result: SarifResult = {
    ruleId: item.tag,
    ruleIndex,
    level: sarifLevel(item.impact),
    message: { text: messageFor(item) },
    locations: [{ physicalLocation: { artifactLocation: { uri, uriBaseId: SRCROOT }, region } }],
    partialFingerprints: { [FINGERPRINT_KEY]: item.id },
    properties: {
      paydownId: item.id,
      status: item.status,
      effort: item.effort,
      impact: item.impact,
      sprint: item.sprint,
      outcome: item.outcome,
      owners: item.owners,
      labels: item.labels,
      due: item.due,
      ...cellJson(item.cell),
      ...(item.interest ? { interest: item.interest } : {}),
    },
  };
  // Debt paid down is a passing result; debt the team decided to keep is an accepted suppression.
  if (item.status === 'resolved') {
    result.kind = 'pass';
    result.level = 'none';
  } else if (item.status === 'wont-fix') {
    result.suppressions = [{ kind: 'external', status: 'accepted', justification: 'Marked wont-fix in the Paydown ledger.' }];
  }
  return result;
}

/** `TODO: log failures (PD-7Q2K9A, 3 pts, @alice)`; in a notebook, `(…, cell 3, line 2)`: its region's lines are the file's JSON. */
function messageFor(item: ExportItem): string {
  const facts = [item.id];
  if (item.cell) facts.push(cellPlace(item.cell));
  if (item.effort !== null) facts.push(points(item.effort));
  if (item.impact) facts.push(`impact ${item.impact}`);
  if (item.sprint) facts.push(`sprint ${item.sprint}`);
  for (const o of item.owners) facts.push(`@${o}`);
  return `${item.tag}: ${item.title || '(no title)'} (${facts.join(', ')})`;
}

/**
 * A workspace-relative path as a relative URI reference: normalised (`a/./b//c` → `a/b/c`), each
 * segment percent-encoded. Null for a path that is not inside the workspace: absolute (`/x`,
 * `C:x`, `\\server`), empty, the root itself, or climbing out with a `..` segment (by `/` or `\`,
 * since Windows readers split on both).
 */
export function toUriReference(file: string): string | null {
  if (file === '' || /^[/\\]/.test(file) || /^[A-Za-z]:/.test(file)) return null;
  const normal = path.posix.normalize(file);
  if (normal === '.' || normal.split(/[/\\]/).includes('..')) return null;
  return normal.replace(/^\.\//, '').split('/').map(encodeURIComponent).join('/');
}
