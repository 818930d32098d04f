/**
 * Markdown export: one GitHub-flavoured table for a planning doc, with a heading and a totals
 * line. Every cell goes through the presenter's Markdown escaper, so a title can never break the
 * table or inject HTML, a link or an image; points and counts read as everywhere else.
 */
import { topPercent, type Interest } from '../interest/interest';
import { escapeMarkdown, itemPlace, plural, points } from '../present';
import type { ExportItem } from './items';

/** Options of the Markdown export. */
export interface MarkdownOptions {
  /** The heading; default `Technical debt`, with the sprint when the export is for one. */
  title?: string;
  /** The sprint the export was filtered to, shown in the heading. */
  sprint?: string | null;
  /** When the export was made (ISO 8601), shown under the heading. */
  generatedAt: string;
}

/** The table's columns, in order. */
export const MARKDOWN_COLUMNS = ['Id', 'Status', 'Tag', 'Title', 'Where', 'Effort', 'Impact', 'Sprint', 'Outcome', 'Owners', 'Interest'] as const;

/** The items as a Markdown document: heading, generation line, table, totals. */
export function toMarkdown(items: readonly ExportItem[], options: MarkdownOptions): string {
  const heading = options.title ?? (options.sprint ? `Technical debt: ${options.sprint}` : 'Technical debt');
  const lines = [`# ${escapeMarkdown(heading)}`, '', `Exported by Paydown on ${options.generatedAt.slice(0, 10)}.`, ''];
  if (items.length === 0) {
    lines.push('No items.');
  } else {
    lines.push(`| ${MARKDOWN_COLUMNS.join(' | ')} |`, `| ${MARKDOWN_COLUMNS.map(() => '---').join(' | ')} |`);
    for (const item of items) {
      const cells = [
        item.id,
        item.status,
        item.tag,
        item.title,
        itemPlace(item),
        item.effort === null ? '–' : points(item.effort),
        item.impact ?? '–',
        item.sprint ?? '–',
        item.outcome ?? '–',
        item.owners.length ? item.owners.map((o) => `@${o}`).join(', ') : '–',
        interestCell(item.interest),
      ];
      lines.push(`| ${cells.map((cell) => escapeMarkdown(cell, { lineBreaks: 'br' })).join(' | ')} |`);
    }
  }
  lines.push('', totalsLine(items));
  const days = items.find((i) => i.interest !== null)?.interest?.days;
  if (days !== undefined) lines.push('', `Interest: commits that changed the item's file in the last ${plural(days, 'day')} (first-parent history), and the share of the repository's files changed at least as often.`);
  return `${lines.join('\n')}\n`;
}

/** `41× · top 5%`; `–` for a file that did not change in the window, or when not measured. */
function interestCell(interest: Interest | null): string {
  if (interest === null || interest.commits === 0) return '–';
  const top = topPercent(interest);
  return top >= 100 ? `${interest.commits}×` : `${interest.commits}× · top ${top}%`;
}

/** `3 items, 5.5 points estimated, 1 unestimated`. */
function totalsLine(items: readonly ExportItem[]): string {
  const estimated = items.filter((i) => i.effort !== null);
  const estimatedPoints = estimated.reduce((sum, i) => sum + (i.effort ?? 0), 0);
  const unestimated = items.length - estimated.length;
  const parts = [`**${plural(items.length, 'item')}**`, `${plural(estimatedPoints, 'point')} estimated`];
  if (unestimated > 0) parts.push(`${unestimated} unestimated`);
  return `${parts.join(', ')}.`;
}
