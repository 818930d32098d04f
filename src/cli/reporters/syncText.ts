/**
 * `paydown sync` as text: what was done (or, in a dry run, what would be), grouped by what it is,
 * then what waits in the queue and a one-line summary. Every title and message passes through
 * `safeText`: they come from code comments and tracker answers.
 */
import type { ActionResult, SyncAction, TrackerSyncResult } from '../../engine';
import type { Style } from './style';
import { safeText } from './terminal';

type Group = { kind: SyncAction['kind']; title: (n: number, dry: boolean) => string };

const GROUPS: Group[] = [
  { kind: 'create', title: (n, dry) => `${dry ? 'Would create' : 'Create'} ${n} ${n === 1 ? 'ticket' : 'tickets'}` },
  { kind: 'link', title: (n, dry) => `${dry ? 'Would record' : 'Record'} ${n} existing ${n === 1 ? 'ticket' : 'tickets'} (found by marker or reference)` },
  { kind: 'pull', title: (n, dry) => `${dry ? 'Would update' : 'Update'} ${n} ${n === 1 ? 'ticket' : 'tickets'}' state from the tracker` },
  { kind: 'close', title: (n, dry) => `${dry ? 'Would close' : 'Close'} ${n} ${n === 1 ? 'ticket' : 'tickets'} whose debt left the code` },
  { kind: 'write-reference', title: (n, dry) => `${dry ? 'Would write' : 'Write'} ${n} ${n === 1 ? 'reference' : 'references'} into comments` },
  { kind: 'closed-upstream', title: (n) => `${n} ${n === 1 ? 'ticket' : 'tickets'} closed upstream, debt still in the code` },
  { kind: 'hold', title: (n) => `${n} ${n === 1 ? 'ticket stays' : 'tickets stay'} open` },
];

export function syncToText(result: TrackerSyncResult, style: Style): string {
  const out: string[] = [];
  const head = `GitHub ${safeText(result.project)} (${result.host})`;
  out.push(style.bold(result.dryRun ? `${head}: dry run, nothing was changed` : head));
  if (result.notice) out.push(style.yellow(`! ${safeText(result.notice)}`));
  if (result.results.length === 0) out.push('', 'Nothing to do: every ticket is in sync.');
  for (const group of GROUPS) {
    const rows = result.results.filter((r) => r.action.kind === group.kind);
    if (rows.length === 0) continue;
    out.push('', style.bold(group.title(rows.length, result.dryRun)));
    for (const row of rows) out.push(`  ${line(row, style)}`);
  }
  if (result.queue.length > 0) {
    out.push('', style.bold(`${result.queue.length} queued for the next sync`));
    for (const entry of result.queue) out.push(`  ${entry.itemId}  ${entry.kind}${entry.key ? ` ${safeText(entry.key)}` : ''}  ${style.dim(`since ${entry.queuedAt}: ${safeText(entry.reason)}`)}`);
  }
  out.push('', summary(result));
  return `${out.join('\n')}\n`;
}

function line(row: ActionResult, style: Style): string {
  const a = row.action;
  const mark = { done: style.green('✓'), planned: style.cyan('·'), queued: style.yellow('⧗'), failed: style.red('✗'), skipped: style.dim('–') }[row.outcome];
  const ticket = row.ticket ? ` → ${safeText(row.ticket.key)} ${style.dim(row.ticket.url)}` : '';
  let what: string;
  switch (a.kind) {
    case 'create':
      what = `${a.itemId}  ${safeText(a.title)}  ${style.dim(`${safeText(a.file)}:${a.line} (${a.why})`)}`;
      break;
    case 'link':
      what = `${a.itemId}  ${safeText(a.ticket.key)} (${a.ticket.state})`;
      break;
    case 'pull':
      what = `${a.itemId}  ${safeText(a.ticket.key)}: ${a.from ?? 'unknown'} → ${a.ticket.state}${a.ticket.stateReason ? ` (${safeText(a.ticket.stateReason)})` : ''}`;
      break;
    case 'close':
      what = `${a.itemId}  ${safeText(a.key)}: removed in ${a.commit.slice(0, 7)}`;
      break;
    case 'write-reference':
      what = `${safeText(a.file)}:${a.line}  ${a.reference} into ${a.itemId}`;
      break;
    case 'closed-upstream':
      what = `${a.itemId}  ${safeText(a.key)}${a.stateReason ? ` (${safeText(a.stateReason)})` : ''}: ${safeText(a.file)}:${a.line}`;
      break;
    case 'hold':
      what = `${a.itemId}  ${safeText(a.key)}`;
      break;
  }
  const message = row.message ? `  ${style.dim(safeText(row.message))}` : '';
  return `${mark} ${what}${a.kind === 'create' || a.kind === 'close' ? ticket : ''}${message}`;
}

function summary(result: TrackerSyncResult): string {
  const count = (outcome: ActionResult['outcome']): number => result.results.filter((r) => r.outcome === outcome).length;
  if (result.dryRun) return `${count('planned')} planned; run without --dry-run to do it${result.apply ? '' : ' (code edits need --apply)'}.`;
  const parts = [`${count('done')} done`];
  if (count('queued')) parts.push(`${count('queued')} queued`);
  if (count('failed')) parts.push(`${count('failed')} failed`);
  if (count('skipped')) parts.push(`${count('skipped')} skipped`);
  return `${parts.join(', ')}.`;
}
