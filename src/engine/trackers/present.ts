/**
 * Sync actions in words: the one wording the CLI's report and the editor's preview share. Plain
 * text; titles and keys are passed through as they are (each shell makes them safe for its
 * output).
 */
import { itemPlace, plural, points } from '../present';
import { TRACKER_NAMES, TRACKER_SPRINTS_FILE } from '../sprints/trackerCache';
import type { TrackerKind } from './model';
import type { SyncAction, SyncActionKind, TicketChanges } from './plan';
import type { ActionResult } from './run';

/** A tracker as users name it: `GitHub`, `GitLab`, `Jira`, `Linear`. */
export function trackerName(kind: TrackerKind): string {
  return TRACKER_NAMES[kind];
}

/** One action, without its item id: `Replace the retry loop (src/pay.ts:12)`, `paydown-dev/sample#3: removed in abc1234`. */
export function describeAction(a: SyncAction): string {
  switch (a.kind) {
    case 'create':
      return `${a.title} (${itemPlace(a)}, ${a.why === 'asked' ? 'asked for' : a.why}${a.directive ? "; a todo the document shows (a todo directive, a \\todo command, a doc comment's @todo, an Org headline, a placeholder in code such as todo!()), so the ledger keeps the link and no reference is written into it" : ''})`;
    case 'link':
      return `${a.ticket.key} (${a.ticket.state})`;
    case 'pull':
      return `${a.ticket.key}: ${a.from ?? 'unknown'} → ${a.ticket.state}${a.ticket.stateReason ? ` (${a.ticket.stateReason})` : ''}`;
    case 'update':
      return `${a.key}: ${describeChanges(a.changes)}`;
    case 'close':
      return `${a.key}: removed in ${a.commit.slice(0, 7)}`;
    case 'write-reference':
      return `${a.reference} into ${itemPlace(a)}`;
    case 'closed-upstream':
      return `${a.key}${a.stateReason ? ` (${a.stateReason})` : ''}: ${itemPlace(a)}`;
    case 'hold':
      return `${a.key}`;
  }
}

/** `title "Old" → "New", sprint S1 → S2, estimate none → 3 pts`. */
export function describeChanges(changes: TicketChanges): string {
  const parts: string[] = [];
  if (changes.title) parts.push(`title "${changes.title.from}" → "${changes.title.to}"`);
  if (changes.sprint) parts.push(`sprint ${changes.sprint.from ?? 'none'} → ${changes.sprint.to ?? 'none'}`);
  if (changes.estimate) parts.push(`estimate ${changes.estimate.from === null ? 'none' : points(changes.estimate.from)} → ${changes.estimate.to === null ? 'none' : points(changes.estimate.to)}`);
  return parts.join(', ');
}

/** The heading of a group of `n` actions of `kind`, in a dry run (`Would create 2 tickets`) or a real one. */
export function actionGroupTitle(kind: SyncActionKind, n: number, dryRun: boolean): string {
  const would = (verb: string): string => (dryRun ? `Would ${verb.toLowerCase()}` : verb);
  switch (kind) {
    case 'create':
      return `${would('Create')} ${plural(n, 'ticket')}`;
    case 'link':
      return `${would('Record')} ${plural(n, 'existing ticket')} (found by marker or reference)`;
    case 'pull':
      return `${would('Update')} the state of ${plural(n, 'ticket')} from the tracker`;
    case 'update':
      return `${would('Update')} ${plural(n, 'ticket')} with what changed in Paydown`;
    case 'close':
      return `${would('Close')} ${plural(n, 'ticket')} whose debt left the code`;
    case 'write-reference':
      return `${would('Write')} ${plural(n, 'reference')} into comments`;
    case 'closed-upstream':
      return `${plural(n, 'ticket')} closed upstream, debt still in the code`;
    case 'hold':
      return `${n === 1 ? '1 ticket stays' : `${n} tickets stay`} open`;
  }
}

/** The order groups are shown in. */
export const ACTION_GROUPS: readonly SyncActionKind[] = ['create', 'link', 'pull', 'update', 'close', 'write-reference', 'closed-upstream', 'hold'];

/** `3 done, 1 queued` (or `2 planned` in a dry run). */
export function syncSummary(results: readonly ActionResult[], dryRun: boolean): string {
  const count = (outcome: ActionResult['outcome']): number => results.filter((r) => r.outcome === outcome).length;
  if (dryRun) return `${count('planned')} planned`;
  const parts = [`${count('done')} done`];
  for (const outcome of ['queued', 'failed', 'skipped'] as const) if (count(outcome)) parts.push(`${count(outcome)} ${outcome}`);
  return parts.join(', ');
}

/** How a shell marks up parts of a sentence (a terminal's bold and colours); plain by default. */
export interface Emphasis {
  strong(text: string): string;
  warning(text: string): string;
  /** Makes a name from the tracker safe for the output (control characters, markup). */
  safe(text: string): string;
}

const PLAIN: Emphasis = { strong: (t) => t, warning: (t) => t, safe: (t) => t };

/** When the tracker's sprints were read, to the minute: `2026-03-17 08:00 UTC`. */
export function readAtText(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/** What a refresh of the tracker's sprints found (the workspace's `TrackerSprintsRefresh`). */
export interface SprintsRefreshFacts {
  tracker: TrackerKind;
  scope: string;
  added: number;
  changed: number;
  removed: number;
  total: number;
  skipped: readonly string[];
  written: boolean;
  fetchedAt: string;
}

/** `Sprints from Jira board 12: 1 added, 1 changed; 14 in all. .paydown/tracker-sprints.json updated: commit it so …` (a second line names sprints left out). */
export function sprintsRefreshedText(r: SprintsRefreshFacts, emphasis: Emphasis = PLAIN): string {
  const head = `Sprints from ${trackerName(r.tracker)} ${emphasis.safe(r.scope)}`;
  const skipped = r.skipped.length ? `\n  ${emphasis.warning(`left out, without usable dates: ${r.skipped.map(emphasis.safe).join(', ')}`)}` : '';
  if (!r.written) return `${head}: unchanged (${plural(r.total, 'sprint')}, as read ${readAtText(r.fetchedAt)}).${skipped}`;
  const moves = [r.added && `${r.added} added`, r.changed && `${r.changed} changed`, r.removed && `${r.removed} removed`].filter(Boolean).join(', ');
  return `${head}: ${moves || 'read'}; ${r.total} in all. ${emphasis.strong(`${TRACKER_SPRINTS_FILE} updated: commit it`)} so everyone plans against the same sprints.${skipped}`;
}

/** `Sprints from Jira board 12: not refreshed (offline: …); the cached ones, read 2026-03-17 08:00 UTC, still serve.` */
export function sprintsNotRefreshedText(tracker: TrackerKind, scope: string, err: { reason: string; message: string; details: { retryAt?: string } }, fetchedAt: string | null, emphasis: Emphasis = PLAIN): string {
  const why = err.reason === 'rate-limited' && err.details.retryAt ? `rate limited until ${err.details.retryAt}` : `${err.reason}: ${emphasis.safe(err.message)}`;
  const cached = fetchedAt ? `the cached ones, read ${readAtText(fetchedAt)}, still serve` : 'none are cached yet, so budgets have no tracker sprints';
  return `${emphasis.warning(`Sprints from ${trackerName(tracker)} ${emphasis.safe(scope)}: not refreshed (${why})`)}; ${cached}.`;
}
