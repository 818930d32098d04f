/**
 * CSV export (RFC 4180) whose header row Jira's CSV importer maps without editing, hardened
 * against spreadsheet formula injection. See docs/exports.md for the column mapping.
 */
import type { Impact } from '../model';
import { itemPlace } from '../present';
import type { ExportItem } from './items';

/** Options of the CSV export. */
export interface CsvOptions {
  /** Start with a UTF-8 byte order mark, so Excel reads the file as UTF-8. Default false. */
  bom?: boolean;
  /** Jira's issue type for every row. Default `Task`. */
  issueType?: string;
}

/** Jira priority per impact. `Lowest` is left for what a team triages below Paydown's scale. */
export const JIRA_PRIORITY: Readonly<Record<Impact, string>> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Highest',
};

/** The columns before and after the repeated `Labels` columns, in order, exactly as written in the header. */
export const CSV_LEADING_COLUMNS = ['Summary', 'Description', 'Issue Type', 'Priority'] as const;
export const CSV_TRAILING_COLUMNS = ['Story Points', 'Assignee', 'Due Date', 'Sprint', 'Paydown ID', 'Status', 'Tag', 'File', 'Line', 'Outcome', 'Interest'] as const;

const CRLF = '\r\n';
const BOM = '\uFEFF';

/**
 * The items as CSV: CRLF line ends, a header row, one row per item. Jira reads several labels
 * from repeated `Labels` columns, so there are as many as the most-labelled item needs (at
 * least one), and shorter rows leave the rest empty.
 */
export function toCsv(items: readonly ExportItem[], options: CsvOptions = {}): string {
  let labelColumns = 1;
  for (const item of items) labelColumns = Math.max(labelColumns, item.labels.length);
  const header = [...CSV_LEADING_COLUMNS, ...Array<string>(labelColumns).fill('Labels'), ...CSV_TRAILING_COLUMNS];
  const rows = items.map((item) => [
    item.title,
    jiraDescription(item),
    options.issueType ?? 'Task',
    item.impact ? JIRA_PRIORITY[item.impact] : '',
    ...Array.from({ length: labelColumns }, (_, i) => item.labels[i] ?? ''),
    item.effort === null ? '' : String(item.effort),
    item.owners[0] ?? '',
    item.due ?? '',
    item.sprint ?? '',
    item.id,
    item.status,
    item.tag,
    item.file,
    String(item.line),
    item.outcome ?? '',
    // Trailing, so Jira's importer (which maps by header) and older spreadsheets keep working.
    item.interest === null ? '' : String(item.interest.commits),
  ]);
  const text = [header, ...rows].map((row) => row.map(csvField).join(',') + CRLF).join('');
  return options.bom ? BOM + text : text;
}

/**
 * The body, then what a ticket reader needs to find the debt again: the Paydown id, where it is,
 * its tag, every owner (Jira has one assignee) and its tracker references.
 */
export function jiraDescription(item: ExportItem): string {
  const facts = [`Paydown id: ${item.id}`, `Where: ${itemPlace(item)}`, `Tag: ${item.tag}`];
  if (item.owners.length > 1) facts.push(`Owners: ${item.owners.join(', ')}`);
  if (item.issueRefs.length > 0) facts.push(`References: ${item.issueRefs.join(', ')}`);
  return item.body ? `${item.body}\n\n${facts.join('\n')}` : facts.join('\n');
}

/**
 * One field, neutralised then quoted. A value a spreadsheet would read as a formula (starting
 * with `=`, `+`, `-`, `@`, tab or CR) gets a leading `'`, as OWASP's CSV injection advice says;
 * a value holding `,`, `"`, CR or LF is quoted with its quotes doubled (RFC 4180 §2.6–2.7).
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
