/**
 * Days and ages as people read them. One rule for every surface, so the hover, the tree's
 * tooltip, the CLI and the panel never disagree about one item: a span is counted in whole UTC
 * calendar days (an item first seen at 23:00 yesterday is a day old at 01:00), then said in the
 * largest unit that keeps it readable — days under two weeks, weeks under two months, months
 * under two years, then years, each rounded to the nearest whole unit.
 */
import { plural } from './numbers';

const DAY_MS = 86_400_000;
const DAYS_PER_MONTH = 30.44;
const DAYS_PER_YEAR = 365.25;

/**
 * Whole UTC calendar days from the day of `from` (an ISO timestamp or a `YYYY-MM-DD` date) to
 * the day of `now`: 0 the same day, negative when `from` is later.
 */
export function calendarDaysSince(from: string, now: Date): number {
  const day = Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)) - 1, Number(from.slice(8, 10)));
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((today - day) / DAY_MS);
}

/** A span of whole days in words: `1 day`, `13 days`, `2 weeks`, `8 weeks`, `2 months`, `23 months`, `2 years`. */
export function spanInWords(days: number): string {
  const n = Math.abs(Math.round(days));
  if (n < 14) return plural(n, 'day');
  if (n < 60) return plural(Math.round(n / 7), 'week');
  if (n < 730) return plural(Math.round(n / DAYS_PER_MONTH), 'month');
  return plural(Math.round(n / DAYS_PER_YEAR), 'year');
}

/** How old something first seen at `since` is: `less than a day`, `1 day`, `3 weeks`, `2 years`. */
export function ageInWords(since: string, now: Date): string {
  const days = Math.max(0, calendarDaysSince(since, now));
  return days === 0 ? 'less than a day' : spanInWords(days);
}

/**
 * When a timestamp or date is, from `now`: `today`, `yesterday`, `tomorrow`, `3 weeks ago`,
 * `in 2 months`. For a past one it names the same span as {@link ageInWords}.
 */
export function relativeDay(when: string, now: Date): string {
  const days = calendarDaysSince(when, now);
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days === -1) return 'tomorrow';
  return days > 0 ? `${spanInWords(days)} ago` : `in ${spanInWords(days)}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `YYYY-MM-DD` (or an ISO timestamp) as `Nov 4`. */
export function shortDate(date: string): string {
  return `${MONTHS[Number(date.slice(5, 7)) - 1] ?? date.slice(5, 7)} ${Number(date.slice(8, 10))}`;
}
