/**
 * Exact 0/1 knapsack over integer weights, with a deterministic choice among optimal sets.
 * Auto-fill scales fractional efforts to integers before calling it.
 */

/** An item for {@link solveKnapsack}: a non-negative integer weight and a (safe) integer value. */
export interface KnapsackItem {
  weight: number;
  value: number;
}

/**
 * The indices of the best subset of `items` whose weights sum to at most `capacity`:
 * the greatest total value; among those, the smallest total weight; among those, the one that
 * includes the earliest items (compare inclusion in input order: taking item 0 beats not taking
 * it, then item 1, …). Callers order items by preference (auto-fill: oldest first, then id).
 *
 * Dynamic programming from the last item backwards, O(n × capacity) time and memory, so the
 * choice can then be read forwards preferring to take each item whenever that stays optimal.
 * Values must be integers so equal totals compare equal whatever the order of addition.
 */
export function solveKnapsack(items: readonly KnapsackItem[], capacity: number): number[] {
  const n = items.length;
  const width = Math.max(0, Math.floor(capacity)) + 1;
  // value[i * width + w]: best total value using items i..n-1 within weight w; points: its weight.
  const value = new Float64Array((n + 1) * width);
  const points = new Float64Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    const { weight, value: v } = items[i]!;
    const row = i * width;
    const next = (i + 1) * width;
    for (let w = 0; w < width; w++) {
      let best = value[next + w]!;
      let bestPoints = points[next + w]!;
      if (weight <= w) {
        const take = value[next + w - weight]! + v;
        const takePoints = points[next + w - weight]! + weight;
        if (take > best || (take === best && takePoints < bestPoints)) {
          best = take;
          bestPoints = takePoints;
        }
      }
      value[row + w] = best;
      points[row + w] = bestPoints;
    }
  }
  const picked: number[] = [];
  let w = width - 1;
  for (let i = 0; i < n; i++) {
    const { weight, value: v } = items[i]!;
    if (weight > w) continue;
    const next = (i + 1) * width + w - weight;
    if (value[next]! + v === value[i * width + w] && points[next]! + weight === points[i * width + w]) {
      picked.push(i);
      w -= weight;
    }
  }
  return picked;
}
