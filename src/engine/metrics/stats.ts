/** Summary statistics of durations: count, median and the 85th percentile (nearest rank). */
import { round } from './time';

/** Durations in days over a set of items. Null statistics when there are none. */
export interface DurationStats {
  count: number;
  /** The middle value; the mean of the two middle values when `count` is even. */
  medianDays: number | null;
  /** Nearest-rank 85th percentile: the value at rank ⌈0.85 × count⌉ of the sorted values. */
  p85Days: number | null;
}

/** The median of `sorted` (ascending, non-empty). */
export function median(sorted: ArrayLike<number>): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank percentile `p` (0 < p ≤ 100) of `sorted` (ascending, non-empty). */
export function nearestRank(sorted: ArrayLike<number>, p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** Count, median and nearest-rank p85 of `days`, rounded to 2 decimals. */
export function durationStats(days: readonly number[]): DurationStats {
  if (days.length === 0) return { count: 0, medianDays: null, p85Days: null };
  // A typed array sorts numbers without a comparator call per step (lead times of thousands of items).
  const sorted = Float64Array.from(days).sort();
  return { count: sorted.length, medianDays: round(median(sorted)), p85Days: round(nearestRank(sorted, 85)) };
}
