/** Rounding of metric figures (days and points), so sums of fractions read cleanly in JSON. */

/** `value` rounded to `decimals` places. */
export function round(value: number, decimals = 2): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
