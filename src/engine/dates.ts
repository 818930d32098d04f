/**
 * Calendar days and instants, the one place they meet. A day is a UTC calendar date written
 * `YYYY-MM-DD` (no time zone ever shifts a sprint); an instant is milliseconds since the epoch
 * or an ISO timestamp. Sprints, metrics, config and the shells all count days here.
 */
import { PaydownError } from './errors';

/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real date written `YYYY-MM-DD` (no 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]);
}

function toUtc(date: string): number {
  const y = digits(date, 0, 4);
  const m = digits(date, 5, 7);
  const d = digits(date, 8, 10);
  // Digits read in place (auto-fill values every candidate by its day); anything else as Number reads it.
  if (Number.isNaN(y + m + d)) return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return Date.UTC(y, m - 1, d);
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
export function todayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** The UTC calendar day of instant `ms`. */
export function dateOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The first millisecond of UTC day `date`. Throws `usage` for a malformed date, naming `what`. */
export function dayStart(date: string, what: string): number {
  if (!isCalendarDate(date)) throw new PaydownError('usage', `${what}: "${date}" is not a YYYY-MM-DD date`, 'write dates as YYYY-MM-DD, e.g. 2026-03-02');
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
  // The ledger's own form (`toISOString()`), read by hand: metrics parse every event of every item.
  if (at.length === 24 && at.charCodeAt(10) === 84 /* T */ && at.charCodeAt(23) === 90 /* Z */) {
    const ms = canonicalInstant(at);
    if (ms !== null) return ms;
  }
  const ms = Date.parse(at);
  return Number.isFinite(ms) ? ms : null;
}

/** `YYYY-MM-DDTHH:MM:SS.sssZ` as ms, or null when a field is not digits or out of range (then Date.parse decides). */
function canonicalInstant(at: string): number | null {
  if (at[4] !== '-' || at[7] !== '-' || at[13] !== ':' || at[16] !== ':' || at[19] !== '.') return null;
  const y = digits(at, 0, 4);
  const mo = digits(at, 5, 7);
  const d = digits(at, 8, 10);
  const h = digits(at, 11, 13);
  const mi = digits(at, 14, 16);
  const s = digits(at, 17, 19);
  const ms = digits(at, 20, 23);
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && s <= 59 && ms >= 0)) return null;
  const value = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  // 2026-02-31 would roll over into March: leave such dates to Date.parse (which rejects them).
  // Every month has a 28th: only later days need the check (and its Date).
  return d <= 28 || new Date(value).getUTCDate() === d ? value : null;
}

/** The decimal number in `text[from, to)`, or NaN when a character is not a digit. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

/** Every day from `from` to `to`, both inclusive; empty when `to` is before `from`. */
export function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  const last = dayStart(to, 'to');
  for (let ms = dayStart(from, 'from'); ms <= last; ms += DAY_MS) days.push(dateOf(ms));
  return days;
}
