/**
 * Which sprints exist: the configured ones plus those the cadence generates, or those read from
 * a tracker (cached) with the config's overrides and complements; and how a command's
 * `--sprint NAME|current` finds one of them.
 */
import { PaydownError } from '../errors';
import { scopeLabel, type BudgetSpec, type PlanningSettings, type TrackerSprintsConfig, type TrackerSprintsState } from '../config/planning';
import { addDays, daysBetween } from '../dates';
import { docsLink } from '../docs';
import type { Sprint, SprintPhase } from './model';
import { TRACKER_NAMES, TRACKER_SPRINTS_FILE } from './trackerCache';

/** How many generated sprints start after `today`, so `current` and the next few always exist. */
export const CADENCE_LOOKAHEAD = 3;

/** The word that names the sprint containing today. */
export const CURRENT = 'current';

/**
 * Every sprint. With `sprints.from`: the tracker's (cached; see {@link trackerSprintsOf}), then
 * the config's entries no tracker sprint is named like. Otherwise: the configured ones (in
 * config order), then the cadence's, from `cadence.start` every `lengthDays` days until {@link CADENCE_LOOKAHEAD} of them start after `today`. A generated
 * sprint is named by `cadence.name` with `{n}` (its number, from `firstNumber`) and `{start}`
 * (its start date) filled in, and ends `lengthDays − 1` days after it starts.
 */
export function resolveSprints(config: SprintSettings, today: string): Sprint[] {
  if (config.sprintsFrom) {
    const tracked = trackerSprintsOf(config.sprintsFrom, config.trackerSprints ?? null).sprints;
    // Entries named like a tracker sprint are its overrides (applied above), not sprints of their own.
    const taken = new Set(tracked.map((s) => s.name));
    return [...tracked, ...config.sprints.filter((s) => !taken.has(s.name)).map((s): Sprint => ({ ...s, source: 'config' }))];
  }
  const sprints: Sprint[] = config.sprints.map((s) => ({ ...s, source: 'config' }));
  const cadence = config.cadence;
  if (!cadence || cadence.lengthDays <= 0) return sprints;
  const elapsed = Math.max(0, Math.floor(daysBetween(cadence.start, today) / cadence.lengthDays) + 1);
  const count = elapsed + CADENCE_LOOKAHEAD;
  for (let i = 0; i < count; i++) {
    const start = addDays(cadence.start, i * cadence.lengthDays);
    const name = cadence.name.replaceAll('{n}', String(cadence.firstNumber + i)).replaceAll('{start}', start);
    sprints.push({
      name,
      start,
      end: addDays(start, cadence.lengthDays - 1),
      capacity: cadence.capacity,
      debtBudget: cadence.debtBudget,
      squad: cadence.squad,
      source: 'cadence',
    });
  }
  return sprints;
}

/** What {@link resolveSprints} reads of the config (the tracker parts may be left out: no tracker). */
export type SprintSettings = Pick<PlanningSettings, 'sprints' | 'cadence'> & Partial<Pick<PlanningSettings, 'sprintsFrom' | 'trackerSprints'>>;

/** Where the tracker's sprints stand: read and matching the config, or why there are none. */
export interface TrackerSprintsStatus {
  tracker: TrackerSprintsConfig['scope']['tracker'];
  /** As the config names it: `board 12`. */
  scope: string;
  /** `loaded`: the cache holds this scope's sprints; `missing`: never synced; `stale`: the cache holds another tracker's or scope's; `unreadable`: see `error`. */
  state: 'loaded' | 'missing' | 'stale' | 'unreadable';
  /** When the cache was read from the tracker (loaded only). */
  fetchedAt: string | null;
  /** Why there are none, for `loaded` none. */
  problem: SprintProblem | null;
  /** The cache's read error (`ledger-corrupt`, `ledger-newer-version`), when unreadable. */
  error: PaydownError | null;
  /** Entries of `sprints.sprints` without dates whose name no cached tracker sprint has (a typo, or a sprint the tracker dropped): they change nothing. */
  unmatched: string[];
}

/**
 * The tracker's sprints as the config shapes them: each cached sprint with its name and dates,
 * its capacity (an override's, else the tracker's, else `sprints.capacity`), the config's budget
 * (an override's, else `sprints.debtBudget`) and squad. A cache of another tracker or scope is
 * not used (the config moved on; `paydown sync` reads the new one).
 */
export function trackerSprintsOf(from: TrackerSprintsConfig, cached: TrackerSprintsState | null): { sprints: Sprint[]; status: TrackerSprintsStatus } {
  const tracker = from.scope.tracker;
  const scope = scopeLabel(from.scope);
  const name = TRACKER_NAMES[tracker];
  const status = (state: TrackerSprintsStatus['state'], problem: SprintProblem | null, error: PaydownError | null = null, fetchedAt: string | null = null, unmatched: string[] = []): TrackerSprintsStatus => ({
    tracker,
    scope,
    state,
    fetchedAt,
    problem,
    error,
    unmatched,
  });
  const sync = `run \`paydown sync\` with a ${name} token: it reads ${scope}'s sprints into ${TRACKER_SPRINTS_FILE} (commit it, so everyone plans against the same sprints)`;
  if (cached === null || cached.state === 'missing') return { sprints: [], status: status('missing', { code: 'no-tracker-sprints', message: `no sprints from ${name} yet: run \`paydown sync\``, hint: sync }) };
  if (cached.state === 'unreadable') return { sprints: [], status: status('unreadable', { code: 'no-tracker-sprints', message: cached.error.message, hint: cached.error.hint ?? sync }, cached.error) };
  const cache = cached.cache;
  if (cache.tracker !== tracker || cache.scope !== scope) {
    const held = `${TRACKER_NAMES[cache.tracker]} ${cache.scope}`;
    return { sprints: [], status: status('stale', { code: 'no-tracker-sprints', message: `no sprints from ${name} ${scope} yet (${TRACKER_SPRINTS_FILE} holds ${held}'s): run \`paydown sync\``, hint: sync }) };
  }
  const overrides = new Map(from.overrides.map((o) => [o.name, o]));
  const sprints = cache.sprints.map((t): Sprint => {
    const o = overrides.get(t.name);
    return {
      name: t.name,
      start: t.start,
      end: t.end,
      capacity: o?.capacity ?? t.capacity ?? from.capacity,
      debtBudget: o?.debtBudget ?? from.debtBudget,
      squad: o?.squad !== undefined ? o.squad : from.squad,
      source: tracker,
    };
  });
  const names = new Set(cache.sprints.map((t) => t.name));
  const unmatched = from.overrides.filter((o) => !o.dated && !names.has(o.name)).map((o) => o.name);
  return { sprints, status: status('loaded', null, null, cache.fetchedAt, unmatched) };
}

/** Protected points of a budget spec: capacity × share, or the configured points. */
export function budgetPoints(spec: BudgetSpec, capacity: number): number {
  return roundPoints('share' in spec ? capacity * spec.share : spec.points);
}

/** Points without floating-point noise (0.1 + 0.2 → 0.3): six decimals are kept. */
export function roundPoints(points: number): number {
  return Math.round(points * 1e6) / 1e6;
}

/** `planned` before its start, `active` from start to end (inclusive), `ended` after. */
export function sprintPhase(sprint: Pick<Sprint, 'start' | 'end'>, today: string): SprintPhase {
  if (today < sprint.start) return 'planned';
  return today > sprint.end ? 'ended' : 'active';
}

/** Options of {@link findSprint}. */
export interface FindSprintOptions {
  /** Only this squad's sprints (and team-wide ones, whose squad is null) are candidates for `current`. */
  squad?: string | null;
  /** Why the tracker's sprints are missing, if they are: said instead of "no such sprint" when none is found. */
  missing?: SprintProblem | null;
}

/** Why no sprint was found: a state to show, not an exception (between sprints there is no current one). */
export interface SprintProblem {
  code: 'unknown-sprint' | 'no-sprints' | 'unknown-squad' | 'no-current-sprint' | 'several-current-sprints' | 'no-tracker-sprints';
  /** One plain sentence. */
  message: string;
  /** What to do about it, one line. */
  hint: string;
}

/** The sprint a name (or `current`) stands for, or why there is none. */
export type SprintLookup = { sprint: Sprint; problem?: undefined } | { sprint?: undefined; problem: SprintProblem };

/**
 * The sprint named `nameOrCurrent` (exact name first, then case-insensitively), or, for
 * `current` (or an empty/undefined name), the sprint whose [start, end] contains `today`. When
 * several do (several squads), the squad's one when `squad` is given, else the team-wide one.
 * Never throws: when there is none, the problem names the nearest past and next sprints.
 */
export function locateSprint(sprints: readonly Sprint[], nameOrCurrent: string | null | undefined, today: string, options: FindSprintOptions = {}): SprintLookup {
  const problem = (code: SprintProblem['code'], message: string, hint: string): SprintLookup => ({ problem: { code, message, hint } });
  const wanted = nameOrCurrent?.trim() ?? '';
  const missing = options.missing;
  if (wanted !== '' && wanted.toLowerCase() !== CURRENT) {
    const found = sprints.find((s) => s.name === wanted) ?? sprints.find((s) => s.name.toLowerCase() === wanted.toLowerCase());
    if (found) return { sprint: found };
    if (missing) return { problem: missing };
    return problem('unknown-sprint', `no sprint named "${wanted}"`, sprints.length === 0 ? NO_SPRINTS_HINT : `known sprints: ${nameList(sprints, today)} (see \`paydown sprint list\`)`);
  }
  if (missing && (sprints.length === 0 || !sprints.some((s) => s.start <= today && today <= s.end))) return { problem: missing };
  if (sprints.length === 0) return problem('no-sprints', 'no sprints are configured', NO_SPRINTS_HINT);
  const squad = options.squad;
  const pool = squad ? sprints.filter((s) => s.squad === squad || s.squad === null) : sprints;
  if (squad && pool.length === 0) return problem('unknown-squad', `no sprints for squad "${squad}"`, `squads: ${[...new Set(sprints.map((s) => s.squad ?? '(team-wide)'))].join(', ')}`);
  const containing = pool.filter((s) => s.start <= today && today <= s.end);
  if (containing.length === 1) return { sprint: containing[0]! };
  if (containing.length > 1) {
    const own = containing.filter((s) => s.squad === (squad ?? null));
    if (own.length === 1) return { sprint: own[0]! };
    return problem(
      'several-current-sprints',
      `${containing.length} sprints contain ${today}: ${containing.map((s) => `${s.name}${s.squad ? ` (squad ${s.squad})` : ''}`).join(', ')}`,
      'pass --squad NAME or --sprint NAME',
    );
  }
  const past = [...pool].filter((s) => s.end < today).sort((a, b) => (a.end < b.end ? 1 : a.end > b.end ? -1 : 0))[0];
  const next = [...pool].filter((s) => s.start > today).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))[0];
  const parts = [past ? `the last one, ${past.name}, ended ${past.end}` : 'none has ended yet', next ? `the next, ${next.name}, starts ${next.start}` : 'none is planned after it'];
  return problem(
    'no-current-sprint',
    `no sprint${squad ? ` of squad ${squad}` : ''} contains ${today}: ${parts.join('; ')}`,
    // Generated or read from a tracker, sprints follow each other already: only a name helps.
    pool.some((s) => s.source !== 'config') ? 'pass --sprint NAME (see `paydown sprint list`)' : 'pass --sprint NAME, or add a `cadence` to .paydown/config.jsonc so sprints follow each other',
  );
}

/** {@link locateSprint} for commands: no sprint is a `usage` PaydownError carrying the problem's message and hint. */
export function findSprint(sprints: readonly Sprint[], nameOrCurrent: string | null | undefined, today: string, options: FindSprintOptions = {}): Sprint {
  const found = locateSprint(sprints, nameOrCurrent, today, options);
  if (found.problem) throw new PaydownError('usage', found.problem.message, found.problem.hint);
  return found.sprint;
}

const NO_SPRINTS_HINT = `run \`paydown init\` for a starter config (a two-week cadence), or add \`sprints\` or a \`cadence\` to .paydown/config.jsonc (see ${docsLink('sprints.md')})`;

/** A few names around today, so a typo's hint shows what exists without listing a hundred sprints. */
function nameList(sprints: readonly Sprint[], today: string): string {
  if (sprints.length <= 8) return sprints.map((s) => s.name).join(', ');
  const sorted = [...sprints].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  let at = sorted.findIndex((s) => s.end >= today);
  if (at < 0) at = sorted.length - 1;
  const from = Math.max(0, Math.min(at - 3, sorted.length - 8));
  return `…, ${sorted.slice(from, from + 8).map((s) => s.name).join(', ')}, …`;
}
