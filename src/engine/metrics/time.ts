/**
 * Instants and calendar days for metrics. Every date is a UTC calendar day (`YYYY-MM-DD`) and
 * every instant is milliseconds since the epoch; one place decides how the two meet.
 */
import { PaydownError } from '../errors';

/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True when `text` is a real `YYYY-MM-DD` calendar date. */
export function isDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const ms = Date.parse(`${text}T00:00:00.000Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}

/** The first millisecond of UTC day `date`. Throws `usage` for a malformed date, naming `what`. */
export function dayStart(date: string, what: string): number {
  if (!isDate(date)) throw new PaydownError('usage', `${what}: "${date}" is not a YYYY-MM-DD date`, 'write dates as YYYY-MM-DD, e.g. 2026-03-02');
  return Date.parse(`${date}T00:00:00.000Z`);
}

/** The last millisecond of UTC day `date`. */
export function dayEnd(date: string, what: string): number {
  return dayStart(date, what) + DAY_MS - 1;
}

/**
 * The instant `asOf` names: a `YYYY-MM-DD` date means the end of that UTC day (the ledger as it
 * stood when the day was over); a full ISO timestamp means that instant.
 */
export function parseAsOf(asOf: string): number {
  if (DATE.test(asOf)) return dayEnd(asOf, 'asOf');
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(asOf) ? Date.parse(asOf) : NaN;
  if (!Number.isFinite(ms)) throw new PaydownError('usage', `asOf: "${asOf}" is neither a YYYY-MM-DD date nor an ISO timestamp`, 'pass e.g. 2026-03-02 or 2026-03-02T17:00:00Z');
  return ms;
}

/** An event's or stamp's time; null when it cannot be read (such events are skipped). */
export function parseInstant(at: unknown): number | null {
  if (typeof at !== 'string') return null;
  const ms = Date.parse(at);
  return Number.isFinite(ms) ? ms : null;
}

/** The UTC calendar day of `ms`. */
export function dateOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The day `days` after `date`. */
export function addDays(date: string, days: number): string {
  return dateOf(dayStart(date, 'date') + days * DAY_MS);
}

/** Every day from `from` to `to`, both inclusive; empty when `to` is before `from`. */
export function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  const last = dayStart(to, 'to');
  for (let ms = dayStart(from, 'from'); ms <= last; ms += DAY_MS) days.push(dateOf(ms));
  return days;
}

/** `value` rounded to `decimals` places, so sums of fractional points read cleanly in JSON. */
export function round(value: number, decimals = 2): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
