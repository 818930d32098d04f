/**
 * Which sprints exist: the configured ones plus those the cadence generates, and how a command's
 * `--sprint NAME|current` finds one of them.
 */
import { PaydownError } from '../errors';
import type { BudgetSpec, PlanningSettings } from '../config/planning';
import { addDays, daysBetween } from '../dates';
import type { Sprint, SprintPhase } from './model';

/** How many generated sprints start after `today`, so `current` and the next few always exist. */
export const CADENCE_LOOKAHEAD = 3;

/** The word that names the sprint containing today. */
export const CURRENT = 'current';

/**
 * Every sprint: the configured ones (in config order), then the cadence's, from `cadence.start`
 * every `lengthDays` days until {@link CADENCE_LOOKAHEAD} of them start after `today`. A generated
 * sprint is named by `cadence.name` with `{n}` (its number, from `firstNumber`) and `{start}`
 * (its start date) filled in, and ends `lengthDays − 1` days after it starts.
 */
export function resolveSprints(config: Pick<PlanningSettings, 'sprints' | 'cadence'>, today: string): Sprint[] {
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
}

/** Why no sprint was found: a state to show, not an exception (between sprints there is no current one). */
export interface SprintProblem {
  code: 'unknown-sprint' | 'no-sprints' | 'unknown-squad' | 'no-current-sprint' | 'several-current-sprints';
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
  if (wanted !== '' && wanted.toLowerCase() !== CURRENT) {
    const found = sprints.find((s) => s.name === wanted) ?? sprints.find((s) => s.name.toLowerCase() === wanted.toLowerCase());
    if (found) return { sprint: found };
    return problem('unknown-sprint', `no sprint named "${wanted}"`, sprints.length === 0 ? NO_SPRINTS_HINT : `known sprints: ${nameList(sprints, today)} (see \`paydown sprint list\`)`);
  }
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
    pool.some((s) => s.source === 'cadence') ? 'pass --sprint NAME (see `paydown sprint list`)' : 'pass --sprint NAME, or add a `cadence` to .paydown/config.jsonc so sprints follow each other',
  );
}

/** {@link locateSprint} for commands: no sprint is a `usage` PaydownError carrying the problem's message and hint. */
export function findSprint(sprints: readonly Sprint[], nameOrCurrent: string | null | undefined, today: string, options: FindSprintOptions = {}): Sprint {
  const found = locateSprint(sprints, nameOrCurrent, today, options);
  if (found.problem) throw new PaydownError('usage', found.problem.message, found.problem.hint);
  return found.sprint;
}

const NO_SPRINTS_HINT = 'add `sprints` or a `cadence` to .paydown/config.jsonc (see docs/sprints.md)';

/** A few names around today, so a typo's hint shows what exists without listing a hundred sprints. */
function nameList(sprints: readonly Sprint[], today: string): string {
  if (sprints.length <= 8) return sprints.map((s) => s.name).join(', ');
  const sorted = [...sprints].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  let at = sorted.findIndex((s) => s.end >= today);
  if (at < 0) at = sorted.length - 1;
  const from = Math.max(0, Math.min(at - 3, sorted.length - 8));
  return `…, ${sorted.slice(from, from + 8).map((s) => s.name).join(', ')}, …`;
}
