/**
 * What `paydown sync` says about the sprints it read from the tracker (`sprints.from`), in the
 * engine's wording (trackers/present.ts), marked up for a terminal. Names come from the tracker:
 * every one passes through `safeText`.
 */
import { readAtText, sprintsNotRefreshedText, sprintsRefreshedText, type Emphasis, type TrackerError, type TrackerSprintsRefresh } from '../../engine';
import type { Style } from './style';
import { safeText } from './terminal';

export { readAtText };

function emphasis(style: Style): Emphasis {
  return { strong: style.bold, warning: style.yellow, safe: safeText };
}

/** `Sprints from Jira board 12: 1 added, 1 changed; 14 in all. .paydown/tracker-sprints.json updated: commit it.` */
export function trackerSprintsRefreshText(r: TrackerSprintsRefresh, style: Style): string {
  return `${sprintsRefreshedText(r, emphasis(style))}\n`;
}

/** `Sprints from Jira board 12: not refreshed (offline: …); the cached ones, read 2026-03-17 08:00 UTC, still serve.` */
export function trackerSprintsNotRefreshedText(tracker: TrackerSprintsRefresh['tracker'], scope: string, err: Pick<TrackerError, 'reason' | 'message' | 'details'>, fetchedAt: string | null, style: Style): string {
  return `${sprintsNotRefreshedText(tracker, scope, err, fetchedAt, emphasis(style))}\n`;
}
