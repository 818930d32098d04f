/**
 * Sprints read from the tracker (`"sprints": { "from": … }`) as a use case: `paydown sync` asks
 * the tracker's {@link SprintSource} for every sprint and refreshes `.paydown/tracker-sprints.json`,
 * which every budget, list and metric then reads, offline too.
 *
 * Invariants: the cache is written only when what it says changed (a sync that found the same
 * sprints leaves the file, and git, alone); a failed read of the tracker (offline, rate-limited,
 * refused) leaves the cache as it was and throws for the caller to report; an unreadable cache
 * (corrupt, newer version) is never overwritten.
 */
import type { PaydownConfig } from '../config/config';
import { scopeLabel, type TrackerSprintScope } from '../config/planning';
import { isCalendarDate } from '../dates';
import { docsLink } from '../docs';
import { PaydownError } from '../errors';
import { readTrackerSprints, sortTrackerSprints, TRACKER_NAMES, writeTrackerSprints, type TrackerSprintsCache } from '../sprints/trackerCache';
import type { SprintSource, TrackerKind, TrackerSprint } from '../trackers/model';
import type { CachedSprint, SprintTracker } from '../config/planning';

// The config (a layer below the trackers) names trackers and keeps their sprints in its own
// types: these fail to compile the day they stop being the trackers' `TrackerKind` and `TrackerSprint`.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const SAME_SHAPES: [Same<SprintTracker, TrackerKind>, Same<CachedSprint, TrackerSprint>] = [true, true];
void SAME_SHAPES;
import type { Workspace } from './workspace';

/**
 * Which tracker sprints the config asks for (the tracker and its ids: `board`, `project`,
 * `group`, `team`), so the shell knows which {@link SprintSource} to build; null when sprints
 * are not read from a tracker.
 */
export function trackerSprintSettings(config: Pick<PaydownConfig, 'sprintsFrom'>): TrackerSprintScope | null {
  return config.sprintsFrom?.scope ?? null;
}

/** What a refresh found. */
export interface TrackerSprintsRefresh {
  tracker: TrackerKind;
  /** As the config names it: `board 12`. */
  scope: string;
  host: string;
  /** Sprints the cache did not hold. */
  added: number;
  /** Sprints whose name, dates, capacity or state moved. */
  changed: number;
  /** Sprints the tracker no longer has. */
  removed: number;
  /** Sprints cached now. */
  total: number;
  /** Names of sprints the tracker gave without usable dates (left out: a sprint needs both). */
  skipped: string[];
  /** False when the cache already said all this (nothing written). */
  written: boolean;
  /** When the cached sprints were read (now, when written; else the cache's time). */
  fetchedAt: string;
}

/**
 * Reads every sprint from `source` and refreshes the workspace's cache (see the module's
 * invariants). `source` must be of the tracker `sprints.from` names. The workspace sees the new
 * sprints afterwards.
 */
export async function refreshTrackerSprints(workspace: Workspace, source: SprintSource, options: { signal?: AbortSignal } = {}): Promise<TrackerSprintsRefresh> {
  const from = workspace.config.sprintsFrom;
  if (!from) throw new PaydownError('tracker-config', 'sprints are not read from a tracker', `set "sprints": { "from": "jira" | "github" | "gitlab" | "linear", … } in .paydown/config.jsonc (see ${docsLink('sprints.md')})`);
  const tracker = from.scope.tracker;
  if (source.kind !== tracker) throw new PaydownError('tracker-config', `sprints are read from ${TRACKER_NAMES[tracker]}, not ${TRACKER_NAMES[source.kind]}`, `give the ${TRACKER_NAMES[tracker]} sprint source, or change sprints.from`);
  const scope = scopeLabel(from.scope);
  // Read fresh from disk: another process may have refreshed it since the workspace opened.
  const before = readTrackerSprints(workspace.root);
  if (before.state === 'unreadable') throw before.error;
  const listed = await source.listSprints(options.signal);
  const skipped = listed.filter((s) => !usable(s)).map((s) => s.name || s.id);
  const sprints = sortTrackerSprints(listed.filter(usable));
  const old = before.state === 'loaded' && before.cache.tracker === tracker && before.cache.scope === scope ? before.cache : null;
  const previous = new Map((old?.sprints ?? []).map((s) => [s.id, s]));
  const ids = new Set(sprints.map((s) => s.id));
  const added = sprints.filter((s) => !previous.has(s.id)).length;
  const changed = sprints.filter((s) => previous.has(s.id) && !sameSprint(previous.get(s.id)!, s)).length;
  const removed = [...previous.keys()].filter((id) => !ids.has(id)).length;
  const same = old !== null && old.host === source.host && added === 0 && changed === 0 && removed === 0;
  if (same) {
    workspace.config.trackerSprints = before;
    return { tracker, scope, host: source.host, added, changed, removed, total: sprints.length, skipped, written: false, fetchedAt: old.fetchedAt };
  }
  const cache: TrackerSprintsCache = { tracker, scope, host: source.host, fetchedAt: workspace.ports.clock.now().toISOString(), sprints };
  writeTrackerSprints(workspace.root, cache);
  workspace.config.trackerSprints = { state: 'loaded', cache };
  return { tracker, scope, host: source.host, added, changed, removed, total: sprints.length, skipped, written: true, fetchedAt: cache.fetchedAt };
}

/** A sprint the budget can use: a name and both dates, in order. */
function usable(s: TrackerSprint): boolean {
  return s.name.trim() !== '' && isCalendarDate(s.start) && isCalendarDate(s.end) && s.start <= s.end;
}

function sameSprint(a: TrackerSprint, b: TrackerSprint): boolean {
  return a.name === b.name && a.start === b.start && a.end === b.end && a.capacity === b.capacity && a.state === b.state;
}
