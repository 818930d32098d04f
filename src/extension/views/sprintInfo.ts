/**
 * What the views need from the sprints engine for one folder: which sprints get a node in the
 * tree, and the current sprint's budget for the status bar. Pure: the day comes in.
 */
import type { PaydownConfig } from '../../engine';
import type { LedgerItem } from '../../engine';
import { currentSprintBudget, resolveSprints, sprintCalendar, todayOf } from '../../engine';
import type { Sprint, SprintBudget } from '../../engine';
import type { SprintRef } from './debtModel';

/**
 * The editor's notion of today: the UTC day of the system clock, as the CLI's default (every
 * view, the status bar and the panel measure on this one day).
 */
export function currentDay(): string {
  return todayOf(new Date());
}

/**
 * The sprints the tree shows even when empty: every configured one, and of the cadence's only
 * the current and the next (a cadence generates every sprint since it started). In date order.
 */
export function visibleSprints(config: PaydownConfig, today: string): SprintRef[] {
  const all = resolveSprints(config, today);
  const next = all.filter((s) => s.start > today).sort(byStart)[0];
  const refs: SprintRef[] = [];
  for (const s of all) {
    const when = s === next ? 'next' : s.start <= today && today <= s.end ? 'current' : s.end < today ? 'ended' : 'planned';
    if (s.source === 'config' || when === 'current' || when === 'next') refs.push({ name: s.name, start: s.start, end: s.end, when });
  }
  const seen = new Set<string>();
  return refs.sort(byStart).filter((s) => !seen.has(s.name) && seen.add(s.name));
}

/** Every sprint's name known to the folder's config (configured and generated), for pickers. */
export function sprintNames(config: PaydownConfig, today: string): Sprint[] {
  return resolveSprints(config, today).sort(byStart);
}

/**
 * The figures of the sprint containing `today` (the team-wide one when squads overlap), by the
 * engine's one rule (what `paydown budget` and `sprint list` show), or undefined when no sprint
 * does (none configured, or between sprints).
 */
export function currentBudget(config: PaydownConfig, ledger: readonly LedgerItem[], today: string): SprintBudget | undefined {
  return currentSprintBudget(sprintCalendar(config, today), ledger, config) ?? undefined;
}

function byStart(a: { start: string; name: string }, b: { start: string; name: string }): number {
  return a.start < b.start ? -1 : a.start > b.start ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
