/** Which annotation a line belongs to. Pure, so tests and every provider share one rule. */
import type { DebtItem } from '../../engine';

/** 0-based first and last line of an annotation (its tag line through its last body line). */
export function annotationLines(debt: Pick<DebtItem, 'line' | 'end'>): { first: number; last: number } {
  const first = debt.line - 1;
  // `end` is exclusive: an end at column 1 closes the line before it.
  const last = Math.max(first, debt.end.column <= 1 ? debt.end.line - 2 : debt.end.line - 1);
  return { first, last };
}

/** The item whose annotation spans 0-based `line`, from items sorted by line; undefined when none. */
export function annotationAt<T extends { debt: Pick<DebtItem, 'line' | 'end'> }>(items: readonly T[], line: number): T | undefined {
  let lo = 0;
  let hi = items.length - 1;
  let found: T | undefined;
  // The last item starting at or before `line`; annotations never overlap.
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.debt.line - 1 <= line) {
      found = items[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found && annotationLines(found.debt).last >= line ? found : undefined;
}
