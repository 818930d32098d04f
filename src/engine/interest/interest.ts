/**
 * Interest: what a piece of debt costs while it stays, from how often its file changes. Debt in a
 * file the team touches every week is paid for at every touch; debt in a file nobody opens costs
 * little. Normalised per repository (a share of its files), so one weight fits every repository.
 *
 * Invariant: a file that did not change in the window bears no interest (score 0); the most
 * changed file of the repository scores close to {@link MAX_INTEREST_SCORE}.
 */
import { formatNumber, plural } from '../present';
import type { ChangeHistory } from './changeHistory';

/** The score of the most changed file: the same scale as impact (critical 5), so weights compare. */
export const MAX_INTEREST_SCORE = 5;

/** The interest of one item's file. */
export interface Interest {
  /** First-parent commits that changed the file in the window. */
  commits: number;
  /** Lines added and deleted in those commits. */
  lines: number;
  /** The window, in days. */
  days: number;
  /** Share of the repository's files changed at least as often (0–1; 1 for a file that never changed). */
  topShare: number;
  /** 0 (never changed) to {@link MAX_INTEREST_SCORE} (the most changed file). */
  score: number;
}

/** The interest of every file of a change history. */
export interface InterestIndex {
  readonly history: ChangeHistory;
  /** The interest of a workspace-relative file. */
  of(file: string): Interest;
}

/** Ranks the files of `history` against the whole repository. */
export function interestIndex(history: ChangeHistory): InterestIndex {
  // For each commit count, how many files changed at least that often.
  const counts = [...history.files.values()].map((f) => f.commits).sort((a, b) => b - a);
  const total = Math.max(history.trackedFiles, counts.length, 1);
  const atLeast = (commits: number): number => {
    let lo = 0;
    let hi = counts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (counts[mid]! >= commits) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const cache = new Map<string, Interest>();
  return {
    history,
    of(file) {
      let interest = cache.get(file);
      if (!interest) {
        const changes = history.files.get(file);
        if (!changes || changes.commits === 0) interest = { commits: 0, lines: 0, days: history.days, topShare: 1, score: 0 };
        else {
          const topShare = atLeast(changes.commits) / total;
          interest = { commits: changes.commits, lines: changes.lines, days: history.days, topShare, score: Math.round(MAX_INTEREST_SCORE * (1 - topShare) * 100) / 100 };
        }
        cache.set(file, interest);
      }
      return interest;
    },
  };
}

/** The share of the repository's files changed at least as often, in whole percent (at least 1). */
export function topPercent(interest: Interest): number {
  return Math.max(1, Math.round(interest.topShare * 100));
}

/** `changed 41 times in 90 days — top 5% of the repository`, or `not changed in 90 days`. */
export function describeInterest(interest: Interest): string {
  if (interest.commits === 0) return `file not changed in ${interest.days} days`;
  const top = topPercent(interest);
  const rank = top >= 100 ? 'like most of the repository' : `top ${formatNumber(top)}% of the repository`;
  return `file changed ${plural(interest.commits, 'time')} in ${interest.days} days — ${rank}`;
}

/** `items` most interest first (then by id, so equal files keep a stable order). */
export function byInterest<T extends { item: { id: string }; file: string }>(items: readonly T[], index: InterestIndex): T[] {
  return [...items].sort((a, b) => index.of(b.file).score - index.of(a.file).score || index.of(b.file).commits - index.of(a.file).commits || (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0));
}
