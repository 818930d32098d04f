/**
 * Sorting by a number (an instant, mostly) when the lists are long: metrics index every item by
 * when it was first seen and auto-fill orders every candidate by age, on every page build.
 */

/**
 * `list` sorted by `key` (read once per element), equal keys ordered by `tie` when given, else
 * kept in list order (as a stable sort keeps them). Whole-number keys are packed with their
 * position into one number and sorted natively, without a comparator call per comparison.
 */
export function sortedBy<T>(list: readonly T[], key: (x: T) => number, tie?: (a: T, b: T) => number): T[] {
  const n = list.length;
  const keys = new Float64Array(n);
  let min = Infinity;
  let max = -Infinity;
  let whole = true;
  for (let i = 0; i < n; i++) {
    const k = key(list[i]!);
    keys[i] = k;
    if (k < min) min = k;
    if (k > max) max = k;
    if (!Number.isSafeInteger(k)) whole = false;
  }
  let out: T[];
  if (n > 1 && whole && (max - min + 1) * n <= Number.MAX_SAFE_INTEGER) {
    const packed = new Float64Array(n);
    for (let i = 0; i < n; i++) packed[i] = (keys[i]! - min) * n + i;
    packed.sort();
    out = new Array<T>(n);
    const sortedKeys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const at = packed[i]! % n;
      out[i] = list[at]!;
      sortedKeys[i] = keys[at]!;
    }
    if (tie) {
      // Runs of equal keys, in list order so far: ordered by `tie`.
      for (let from = 0; from < n; ) {
        let to = from + 1;
        while (to < n && sortedKeys[to] === sortedKeys[from]) to++;
        if (to - from > 1) out.splice(from, to - from, ...out.slice(from, to).sort(tie));
        from = to;
      }
    }
  } else {
    const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => keys[i]! - keys[j]! || (tie ? tie(list[i]!, list[j]!) : 0) || i - j);
    out = order.map((i) => list[i]!);
  }
  return out;
}
