/**
 * What the views need from the sprints engine for one folder: which sprints get a node in the
 * tree, and the current sprint's budget for the status bar. Pure: the day comes in.
 */
import type { PaydownConfig } from '../../engine/config/config';
import type { LedgerItem } from '../../engine/ledger/model';
import { computeBudget, resolveSprints } from '../../engine/sprints';
import type { Sprint, SprintBudget } from '../../engine/sprints/model';
import type { SprintRef } from './debtModel';

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
 * The budget of the team-wide sprint containing `today` (or the only one), or undefined when no
 * sprint does (none configured, or between sprints).
 */
export function currentBudget(config: PaydownConfig, ledger: readonly LedgerItem[], today: string): SprintBudget | undefined {
  const containing = resolveSprints(config, today).filter((s) => s.start <= today && today <= s.end);
  const sprint = containing.length === 1 ? containing[0] : containing.find((s) => s.squad === null);
  return sprint ? computeBudget(sprint, ledger, config, today) : undefined;
}

function byStart(a: { start: string; name: string }, b: { start: string; name: string }): number {
  return a.start < b.start ? -1 : a.start > b.start ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
