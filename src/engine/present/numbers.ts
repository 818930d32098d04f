/**
 * How numbers read in everything Paydown shows people: counts with their noun (`1 item`,
 * `2 items`), story points (`1 pt`, `0.5 pts`), shares (`62.5%`). The noun agrees with the number
 * as shown, after rounding (`0.999` shows `1 pt`, never `1 pts`). Pure and dependency-free: the CLI,
 * the extension and the webview bundle all import it. Machine output (JSON, CSV, SARIF) never
 * goes through here: it carries exact numbers.
 */

/** Decimals a shown number keeps at most: `1.33 pts`, `0.25 pts`. */
export const SHOWN_DECIMALS = 2;

/**
 * `n` as people read it: at most `decimals` decimals without float noise (0.1 + 0.2 → `0.3`),
 * thousands grouped with commas (`12,345`), never `-0`.
 */
export function formatNumber(n: number, decimals: number = SHOWN_DECIMALS): string {
  if (!Number.isFinite(n)) return String(n);
  // Small whole numbers (most points and counts) need no rounding or grouping.
  if (Number.isInteger(n) && n > -1000 && n < 1000) return String(n);
  const scale = 10 ** decimals;
  const rounded = Math.round(n * scale) / scale;
  const [whole, fraction] = String(Math.abs(rounded)).split('.');
  const grouped = whole!.length > 3 ? whole!.replace(/\B(?=(\d{3})+$)/g, ',') : whole!;
  return `${rounded < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** True when `n` shows as exactly one (or minus one): the singular's numbers. */
function isOne(n: number, decimals: number): boolean {
  const scale = 10 ** decimals;
  return Math.abs(Math.round(n * scale) / scale) === 1;
}

/**
 * The word that agrees with `n`: `one` for 1, else `other` (`s` added by default). For verbs
 * and pronouns too: `agree(n, 'is', 'are')`, `agree(n, 'it', 'them')`.
 */
export function agree(n: number, one: string, other: string = `${one}s`): string {
  return isOne(n, SHOWN_DECIMALS) ? one : other;
}

/** `1 item`, `3 items`, `0 items`, `1,204 files`; `plural(n, 'query', 'queries')` for irregular nouns. */
export function plural(n: number, one: string, other: string = `${one}s`): string {
  return `${formatNumber(n)} ${agree(n, one, other)}`;
}

/** Story points: `1 pt`, `3 pts`, `0.5 pts`, `1.33 pts`, `-2 pts`. */
export function points(n: number): string {
  return plural(n, 'pt', 'pts');
}

/** A share as a percentage with at most one decimal: 0.8 → `80%`, 0.625 → `62.5%`; null → `n/a`. */
export function percent(share: number | null): string {
  return share === null ? 'n/a' : `${formatNumber(share * 100, 1)}%`;
}
