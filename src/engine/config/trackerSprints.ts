/**
 * The tracker form of `sprints` (`"sprints": { "from": "jira", "board": 12, … }`): which tracker
 * and ids a workspace reads its sprints from, the cached sprints' types, and how a scope is named.
 * Read as part of the planning config (planning.ts); the cache itself is sprints/trackerCache.ts.
 */
import type { PaydownError } from '../errors';
import type { BudgetSpec } from './planning';
import { describeValue, readName, readNumber, type Problems } from './read';

/**
 * An entry of `sprints.sprints` in the tracker form, as written: with a tracker sprint's name it
 * overrides that sprint's capacity, budget or squad (what it gives; its dates are ignored); any
 * other name is a sprint of its own, which then needs dates.
 */
export interface SprintOverride {
  name: string;
  capacity: number | null;
  debtBudget: BudgetSpec | null;
  /** Undefined: not given (the tracker sprint keeps the form's squad). */
  squad?: string | null;
  /** True when it has dates: without a tracker sprint of its name it is a sprint of its own. */
  dated: boolean;
}

/**
 * The trackers sprints can be read from: the same names as the trackers' `TrackerKind` (a layer
 * above; workspace/trackerSprints.ts checks at compile time that the two agree).
 */
export type SprintTracker = 'github' | 'gitlab' | 'jira' | 'linear';

/** A sprint as a tracker gave it (the trackers' `TrackerSprint`), kept in `.paydown/tracker-sprints.json`. */
export interface CachedSprint {
  /** The tracker's own id. */
  id: string;
  name: string;
  /** `YYYY-MM-DD`, inclusive. */
  start: string;
  /** `YYYY-MM-DD`, inclusive. */
  end: string;
  /** Capacity in points when the tracker keeps one, else null. */
  capacity: number | null;
  state: 'closed' | 'active' | 'future' | null;
}

/** What `.paydown/tracker-sprints.json` holds (read and written by sprints/trackerCache.ts). */
export interface TrackerSprintsCache {
  tracker: SprintTracker;
  /** What was read, as the config names it (`board 12`, `acme/3`): a cache of another scope is stale. */
  scope: string;
  /** The API host it was read from. */
  host: string;
  /** ISO 8601: when these sprints were read from the tracker (a refresh that finds the same ones keeps it). */
  fetchedAt: string;
  /** In start order. */
  sprints: CachedSprint[];
}

/** What reading the cache found: an unreadable one (corrupt, newer) is a state, not a failed load. */
export type TrackerSprintsState = { state: 'missing' } | { state: 'loaded'; cache: TrackerSprintsCache } | { state: 'unreadable'; error: PaydownError };

/** Which tracker sprints a workspace reads, as users name them (ids only: no host, no credential). */
export type TrackerSprintScope =
  /** A Jira board's sprints (Agile API). */
  | { tracker: 'jira'; board: number }
  /** A GitHub Projects v2 project's iterations: `owner/number`, an organisation's or a user's. */
  | { tracker: 'github'; owner: string; number: number; iterationField: string | null }
  /** A GitLab group's iterations (`group`) or a project's (`project`, with its ancestors'): one of the two. */
  | { tracker: 'gitlab'; group: string; project?: undefined }
  | { tracker: 'gitlab'; project: string; group?: undefined }
  /** A Linear team's cycles, by team key. */
  | { tracker: 'linear'; team: string };

/** `"sprints": { "from": … }`: sprints read from a tracker (cached by `paydown sync`). */
export interface TrackerSprintsConfig {
  scope: TrackerSprintScope;
  /** Capacity of tracker sprints that carry none (all of Jira's, GitHub's, GitLab's and Linear's today). */
  capacity: number;
  /** The protected share or points of every tracker sprint. */
  debtBudget: BudgetSpec;
  /** The squad of every tracker sprint (null: team-wide). */
  squad: string | null;
  /** Entries of `sprints.sprints` overriding tracker sprints by name (complete ones with dates are also in `sprints`). */
  overrides: SprintOverride[];
}

/** Which keys name a tracker's sprints, per tracker (`project` is GitHub's or GitLab's). */
export const SCOPE_KEYS: Record<SprintTracker, readonly string[]> = { jira: ['board'], github: ['project', 'iterationField'], gitlab: ['group', 'project'], linear: ['team'] };
export const SPRINT_TRACKERS: readonly SprintTracker[] = ['jira', 'github', 'gitlab', 'linear'];
const GITHUB_PROJECT = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([1-9]\d{0,8})$/;
const GITLAB_PATH = /^[A-Za-z0-9_.][A-Za-z0-9_.-]*(\/[A-Za-z0-9_.][A-Za-z0-9_.-]*)*$/;

/** The tracker's ids in the form, each checked; a problem per wrong one. */
export function readScope(tracker: SprintTracker, object: Record<string, unknown>, problems: Problems): TrackerSprintScope | undefined {
  switch (tracker) {
    case 'jira': {
      if (object.board === undefined) return void problems.push('sprints.board: required with "from": "jira": the id of the board whose sprints to read (in its URL: …/boards/12)');
      const board = readNumber(object.board, 'sprints.board', problems, false, { integer: true, max: Number.MAX_SAFE_INTEGER });
      return board === undefined ? undefined : { tracker, board };
    }
    case 'github': {
      const m = typeof object.project === 'string' ? GITHUB_PROJECT.exec(object.project.trim()) : null;
      if (!m) return void problems.push(`sprints.project: with "from": "github", must be "owner/number", the project's owner and number as in github.com/orgs/acme/projects/3 → "acme/3", got ${describeValue(object.project)}`);
      const field = object.iterationField === undefined || object.iterationField === null ? null : (readName(object.iterationField, 'sprints.iterationField', problems) ?? null);
      return { tracker, owner: m[1]!, number: Number(m[2]), iterationField: field };
    }
    case 'gitlab': {
      if ((object.group === undefined) === (object.project === undefined)) {
        return void problems.push('sprints: with "from": "gitlab", give exactly one of "group" (a group\'s iterations, e.g. "acme/platform") and "project" (a project\'s, e.g. "acme/app")');
      }
      const key = object.group !== undefined ? 'group' : 'project';
      const path = object[key];
      if (typeof path !== 'string' || !GITLAB_PATH.test(path.trim())) return void problems.push(`sprints.${key}: must be a GitLab path such as "acme/platform", got ${describeValue(path)}`);
      return key === 'group' ? { tracker, group: path.trim() } : { tracker, project: path.trim() };
    }
    case 'linear': {
      const team = object.team === undefined ? (problems.push('sprints.team: required with "from": "linear": the key of the team whose cycles to read, e.g. "ENG"'), undefined) : readName(object.team, 'sprints.team', problems);
      return team === undefined ? undefined : { tracker, team };
    }
  }
}

/** How a scope is named in messages and in the cache (`board 12`, `acme/3`, `group acme/platform`, `team ENG`). */
export function scopeLabel(scope: TrackerSprintScope): string {
  switch (scope.tracker) {
    case 'jira':
      return `board ${scope.board}`;
    case 'github':
      return `${scope.owner}/${scope.number}${scope.iterationField ? ` (${scope.iterationField})` : ''}`;
    case 'gitlab':
      return scope.group !== undefined ? `group ${scope.group}` : `project ${scope.project}`;
    case 'linear':
      return `team ${scope.team}`;
  }
}

