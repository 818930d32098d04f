/**
 * What `paydown sync` says about the sprints it read from the tracker (`sprints.from`): what
 * changed in `.paydown/tracker-sprints.json`, or why they were not refreshed and that the cached
 * ones still serve. Names come from the tracker: every one passes through `safeText`.
 */
import { TRACKER_NAMES, TRACKER_SPRINTS_FILE, plural, type TrackerError, type TrackerSprintsRefresh } from '../../engine';
import type { Style } from './style';
import { safeText } from './terminal';

/** `Sprints from Jira board 12: 1 added, 1 changed; 14 in all. .paydown/tracker-sprints.json updated: commit it.` */
export function trackerSprintsRefreshText(r: TrackerSprintsRefresh, style: Style): string {
  const head = `Sprints from ${TRACKER_NAMES[r.tracker]} ${safeText(r.scope)}`;
  const skipped = r.skipped.length ? `\n  ${style.yellow(`left out, without usable dates: ${r.skipped.map(safeText).join(', ')}`)}` : '';
  if (!r.written) return `${head}: unchanged (${plural(r.total, 'sprint')}, as read ${readAtText(r.fetchedAt)}).${skipped}\n`;
  const moves = [r.added && `${r.added} added`, r.changed && `${r.changed} changed`, r.removed && `${r.removed} removed`].filter(Boolean).join(', ');
  return `${head}: ${moves || 'read'}; ${r.total} in all. ${style.bold(`${TRACKER_SPRINTS_FILE} updated: commit it`)} so everyone plans against the same sprints.${skipped}\n`;
}

/** `Sprints from Jira board 12: not refreshed (offline: …); the cached ones, read 2026-03-17 08:00 UTC, still serve.` */
export function trackerSprintsNotRefreshedText(tracker: TrackerSprintsRefresh['tracker'], scope: string, err: Pick<TrackerError, 'reason' | 'message' | 'details'>, fetchedAt: string | null, style: Style): string {
  const why = err.reason === 'rate-limited' && err.details.retryAt ? `rate limited until ${err.details.retryAt}` : `${err.reason}: ${safeText(err.message)}`;
  const cached = fetchedAt ? `the cached ones, read ${readAtText(fetchedAt)}, still serve` : 'none are cached yet, so budgets have no tracker sprints';
  return `${style.yellow(`Sprints from ${TRACKER_NAMES[tracker]} ${safeText(scope)}: not refreshed (${why})`)}; ${cached}.\n`;
}

/** When the tracker's sprints were read, to the minute: `2026-03-17 08:00 UTC`. */
export function readAtText(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}
