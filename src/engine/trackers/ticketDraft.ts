/**
 * What a ticket says about its item: the title, a body with a permalink to the line at the
 * commit it was made from, the comment's own text, the item's facts and the hidden marker that
 * lets Paydown find the ticket again. Pure: the file's text and the commit come in. A comment in a
 * Jupyter notebook is quoted from its cell and placed by it: the file's lines are JSON.
 *
 * Invariant: the body always ends with the item's marker, on its own line.
 */
import { escapeMarkdown, markdownCode } from '../markdown';
import { PAYDOWN_URI } from '../docs';
import type { LedgerItem } from '../ledger/model';
import type { CellPosition, Position } from '../model';
import { itemPlace, points } from '../present';
import { cellPosition, documentCells } from '../scanner/cells';
import { ticketMarker, type TicketDraft } from './model';

/** Longest title a ticket gets; longer comment titles are cut at a word. */
const TITLE_LIMIT = 200;
/** Most snippet lines quoted in a body. */
const SNIPPET_LINES = 12;

export interface DraftInput {
  item: LedgerItem;
  /** Where the comment is now (workspace-relative path, 1-based line of the file). */
  file: string;
  line: number;
  /** In a Jupyter notebook: the comment's cell and place there. */
  cell?: CellPosition | null;
  /** The comment's lines as its reader sees them ({@link commentLines}), or null when the file cannot be read. */
  snippet: readonly string[] | null;
  /** Comment language, for the snippet's fence. */
  language: string | null;
  /** A link to `file` at `line` on the current commit, or null (no commit, no web host). */
  permalink: string | null;
  labels: readonly string[];
  assignees: readonly string[];
}

/** The ticket Paydown creates for one item. */
export function ticketDraft(input: DraftInput): TicketDraft {
  const { item } = input;
  const body: string[] = [];
  const where = markdownCode(itemPlace(input));
  body.push(input.permalink ? `Technical debt found at [${where}](${input.permalink}).` : `Technical debt found at ${where}.`);
  const snippet = input.snippet?.slice(0, SNIPPET_LINES) ?? [];
  if (snippet.length > 0) {
    const fence = '`'.repeat(Math.max(3, longestBacktickRun(snippet) + 1));
    body.push('', `${fence}${input.language ?? ''}`, ...dedent(snippet), fence);
  }
  const facts: [string, string][] = [
    ['Item', markdownCode(item.id, { inTable: true })],
    ['Tag', markdownCode(item.tag, { inTable: true })],
  ];
  if (item.effort.value !== null) facts.push(['Effort', points(item.effort.value)]);
  if (item.impact.value !== null) facts.push(['Impact', item.impact.value]);
  if (item.outcome.value !== null) facts.push(['Outcome', escapeMarkdown(item.outcome.value)]);
  if (item.sprint !== null) facts.push(['Sprint', escapeMarkdown(item.sprint)]);
  if (item.owners.length > 0) facts.push(['Owners', item.owners.map((o) => markdownCode(`@${o}`, { inTable: true })).join(', ')]);
  body.push('', '| | |', '| --- | --- |', ...facts.map(([k, v]) => `| ${k} | ${v} |`));
  body.push('', `_Created by [Paydown](${PAYDOWN_URI}): removing the comment from the code closes this ticket on the next sync._`, '', ticketMarker(item.id));
  const labels = [...new Set([...input.labels, ...item.labels])];
  return { itemId: item.id, title: ticketTitle(item), body: body.join('\n'), labels, assignees: [...input.assignees], milestone: item.sprint, estimate: item.effort.value };
}

/**
 * The lines of a comment from `line` to `end` (1-based, inclusive) in `text`, its file's text, without
 * line endings; in a notebook (`cell` given), the lines of its cell, as the notebook editor shows them.
 */
export function commentLines(text: string, comment: { line: number; end: Position; cell?: CellPosition | null }): string[] {
  const { cell } = comment;
  const source = cell ? documentCells(text, 'jupyter').find((c) => c.index === cell.index) : undefined;
  if (cell && source) {
    const end = cellPosition(text, 'jupyter', comment.end);
    return splitLines(source.text).slice(cell.line - 1, end?.index === cell.index ? end.line : cell.line);
  }
  return splitLines(text).slice(comment.line - 1, Math.max(comment.line, comment.end.line));
}

function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** The ticket's title: the comment's title, or the tag and file when it has none. */
export function ticketTitle(item: LedgerItem): string {
  const title = item.title.trim() || `${item.tag} in ${item.file}`;
  if (title.length <= TITLE_LIMIT) return title;
  const cut = title.slice(0, TITLE_LIMIT - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > TITLE_LIMIT / 2 ? cut.slice(0, space) : cut}…`;
}

function longestBacktickRun(lines: readonly string[]): number {
  let most = 0;
  for (const line of lines) for (const run of line.match(/`+/g) ?? []) most = Math.max(most, run.length);
  return most;
}

function dedent(lines: readonly string[]): string[] {
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut).trimEnd());
}
