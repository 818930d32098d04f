/**
 * `paydown sync` as text: what was done (or, in a dry run, what would be), grouped by what it is,
 * then what waits in the queue and a one-line summary. Every title and message passes through
 * `safeText`: they come from code comments and tracker answers.
 */
import { ACTION_GROUPS, actionGroupTitle, describeAction, syncSummary, trackerName, type ActionResult, type TrackerSyncResult } from '../../engine';
import type { Style } from './style';
import { readAtText, trackerSprintsNotRefreshedText, trackerSprintsRefreshText } from './trackerSprintsText';
import { safeText } from './terminal';

export function syncToText(result: TrackerSyncResult, style: Style): string {
  const out: string[] = [];
  const head = `${trackerName(result.tracker)} ${safeText(result.project)} (${result.host})`;
  out.push(style.bold(result.dryRun ? `${head}: dry run, nothing was changed` : head));
  if (result.notice) out.push(style.yellow(`! ${safeText(result.notice)}`));
  if (result.sprints) out.push('', sprintsLine(result.sprints, style));
  if (result.results.length === 0 && (result.items.considered > 0 || result.sprints === null || result.queue.length > 0)) out.push('', nothingToDo(result));
  for (const kind of ACTION_GROUPS) {
    const rows = result.results.filter((r) => r.action.kind === kind);
    if (rows.length === 0) continue;
    out.push('', style.bold(actionGroupTitle(kind, rows.length, result.dryRun)));
    for (const row of rows) out.push(`  ${line(row, style)}`);
  }
  if (result.queue.length > 0) {
    out.push('', style.bold(`${result.queue.length} queued for the next sync`));
    for (const entry of result.queue) out.push(`  ${entry.itemId}  ${entry.kind}${entry.key ? ` ${safeText(entry.key)}` : ''}  ${style.dim(`since ${entry.queuedAt}: ${safeText(entry.reason)}`)}`);
  }
  const next = result.dryRun ? `; run without --dry-run to do it${result.apply ? '' : ' (code edits need --apply)'}` : '';
  // A sync of sprints alone (the tracker holds no tickets) has no ticket summary to give.
  const sprintsOnly = result.sprints !== null && result.results.length === 0 && result.items.considered === 0 && result.queue.length === 0;
  if (!sprintsOnly) out.push('', `${syncSummary(result.results, result.dryRun)}${next}.`);
  return `${out.join('\n')}\n`;
}

/** What became of the sprints read from the tracker. */
function sprintsLine(sprints: NonNullable<TrackerSyncResult['sprints']>, style: Style): string {
  if (sprints.refresh) return trackerSprintsRefreshText(sprints.refresh, style).trimEnd();
  if (sprints.failure) return trackerSprintsNotRefreshedText(sprints.tracker, sprints.scope, sprints.failure, sprints.cachedAt, style).trimEnd();
  const cached = sprints.cachedAt ? `the cached ones were read ${readAtText(sprints.cachedAt)}` : 'none are cached yet';
  return `Sprints from ${trackerName(sprints.tracker)} ${safeText(sprints.scope)}: would be read again (${cached}).`;
}

/** Why there is nothing to do, so an empty report still says where things stand. */
function nothingToDo(result: TrackerSyncResult): string {
  const { considered, linked, openWithoutTicket } = result.items;
  if (considered === 0) return 'No debt in the ledger yet: `paydown ledger sync` records it (a sync without --dry-run does that first).';
  const waiting = openWithoutTicket > 0 ? `; ${openWithoutTicket} open ${openWithoutTicket === 1 ? 'item has' : 'items have'} none (they get one when scheduled in a sprint, or with --create ID)` : '';
  return `Nothing to do: every ticket is in sync (${linked} of ${considered} ${considered === 1 ? 'item has' : 'items have'} a ticket${waiting}).`;
}

function line(row: ActionResult, style: Style): string {
  const mark = { done: style.green('✓'), planned: style.cyan('·'), queued: style.yellow('⧗'), failed: style.red('✗'), skipped: style.dim('–') }[row.outcome];
  const created = row.ticket && (row.action.kind === 'create' || row.action.kind === 'close') ? ` → ${safeText(row.ticket.key)} ${style.dim(row.ticket.url)}` : '';
  const message = row.message ? `  ${style.dim(safeText(row.message))}` : '';
  return `${mark} ${row.action.itemId}  ${safeText(describeAction(row.action))}${created}${message}`;
}
