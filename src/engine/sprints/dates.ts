/** Calendar arithmetic on `YYYY-MM-DD` strings, in UTC days: no time zone shifts a sprint. */

const DAY_MS = 86_400_000;

function toUtc(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

/** `date` plus `days` (may be negative). */
export function addDays(date: string, days: number): string {
  return new Date(toUtc(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/** The UTC calendar day of an ISO timestamp (or of a `YYYY-MM-DD` date). */
export function dayOf(timestamp: string): string {
  return timestamp.slice(0, 10);
}

/** The UTC calendar day of `now`. */
export function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}
