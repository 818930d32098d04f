import * as assert from 'node:assert/strict';
import { ageInWords, agree, calendarDaysSince, formatNumber, percent, plural, points, relativeDay, shortDate, spanInWords } from '../../../src/engine/present';

const NOW = new Date('2026-11-04T10:00:00Z');
/** The ISO timestamp `days` calendar days before NOW, at `time` (UTC). */
const daysBefore = (days: number, time = '12:00:00'): string => `${new Date(Date.UTC(2026, 10, 4 - days)).toISOString().slice(0, 10)}T${time}Z`;

describe('the presenter: numbers', () => {
  it('shows at most two decimals, without float noise, grouped by thousands, never -0', () => {
    assert.equal(formatNumber(0.1 + 0.2), '0.3');
    assert.equal(formatNumber(1 / 3), '0.33');
    assert.equal(formatNumber(2 / 3), '0.67');
    assert.equal(formatNumber(2.005 + 1e-9), '2.01');
    assert.equal(formatNumber(12345.5), '12,345.5');
    assert.equal(formatNumber(1234567), '1,234,567');
    assert.equal(formatNumber(999), '999');
    assert.equal(formatNumber(-0.001), '0');
    assert.equal(formatNumber(-1500), '-1,500');
    assert.equal(formatNumber(62.46, 1), '62.5');
  });

  it('points: 1 pt, 2 pts, 0.5 pts, and the noun agrees with the number as shown', () => {
    assert.equal(points(1), '1 pt');
    assert.equal(points(2), '2 pts');
    assert.equal(points(0), '0 pts');
    assert.equal(points(0.5), '0.5 pts');
    assert.equal(points(1.5), '1.5 pts');
    assert.equal(points(-1), '-1 pt');
    // 0.1 + 0.2 + 0.7 is 0.9999999999999999: it shows as 1, so it is 1 pt, not "1 pts".
    assert.equal(points(0.1 + 0.2 + 0.7), '1 pt');
    assert.equal(points(1.004), '1 pt');
    assert.equal(points(1.006), '1.01 pts');
    assert.equal(points(10 / 3), '3.33 pts');
  });

  it('plurals: one item, other items, irregular nouns, verbs and pronouns that agree', () => {
    assert.equal(plural(0, 'item'), '0 items');
    assert.equal(plural(1, 'item'), '1 item');
    assert.equal(plural(2, 'open item'), '2 open items');
    assert.equal(plural(1204, 'file'), '1,204 files');
    assert.equal(plural(3, 'query', 'queries'), '3 queries');
    assert.equal(agree(1, 'is', 'are'), 'is');
    assert.equal(agree(2, 'is', 'are'), 'are');
    assert.equal(agree(1, 'needs', 'need'), 'needs');
    assert.equal(agree(1, 'it', 'them'), 'it');
    assert.equal(agree(0, 'it', 'them'), 'them');
  });

  it('percentages keep one decimal; a missing share is n/a', () => {
    assert.equal(percent(0.8), '80%');
    assert.equal(percent(0.625), '62.5%');
    assert.equal(percent(0.9375), '93.8%');
    assert.equal(percent(1 / 3), '33.3%');
    assert.equal(percent(1.2), '120%');
    assert.equal(percent(0), '0%');
    assert.equal(percent(null), 'n/a');
  });
});

describe('the presenter: days and ages', () => {
  it('counts whole UTC calendar days, whatever the time of day', () => {
    assert.equal(calendarDaysSince('2026-11-04T00:00:00Z', NOW), 0);
    // First seen late yesterday, looked at early today: one day old, not "today".
    assert.equal(calendarDaysSince('2026-11-03T23:59:00Z', new Date('2026-11-04T00:01:00Z')), 1);
    assert.equal(calendarDaysSince('2026-11-03', NOW), 1);
    assert.equal(calendarDaysSince('2026-11-10', NOW), -6);
    assert.equal(calendarDaysSince('2025-11-04', NOW), 365);
  });

  it('says a span in days under two weeks, weeks under two months, months under two years, then years', () => {
    const cases: [number, string][] = [
      [0, '0 days'],
      [1, '1 day'],
      [13, '13 days'],
      [14, '2 weeks'],
      [59, '8 weeks'],
      [60, '2 months'],
      [75, '2 months'],
      [76, '2 months'],
      [77, '3 months'],
      [729, '24 months'],
      [730, '2 years'],
      [1096, '3 years'],
    ];
    for (const [days, words] of cases) assert.equal(spanInWords(days), words, `${days} days`);
    assert.equal(spanInWords(-20), '3 weeks');
  });

  it('ages in words at their boundaries', () => {
    assert.equal(ageInWords(daysBefore(0, '09:59:59'), NOW), 'less than a day');
    assert.equal(ageInWords(daysBefore(1, '23:59:59'), NOW), '1 day');
    assert.equal(ageInWords(daysBefore(13), NOW), '13 days');
    assert.equal(ageInWords(daysBefore(14), NOW), '2 weeks');
    assert.equal(ageInWords(daysBefore(60), NOW), '2 months');
    assert.equal(ageInWords(daysBefore(730), NOW), '2 years');
    // A clock behind the ledger (another machine's stamp) never makes a negative age.
    assert.equal(ageInWords('2026-11-05T08:00:00Z', NOW), 'less than a day');
  });

  it('relative days: today, yesterday, tomorrow, N ago, in N; the past names the same span as the age', () => {
    assert.equal(relativeDay('2026-11-04', NOW), 'today');
    assert.equal(relativeDay('2026-11-03T23:00:00Z', NOW), 'yesterday');
    assert.equal(relativeDay('2026-11-05', NOW), 'tomorrow');
    assert.equal(relativeDay('2026-11-01', NOW), '3 days ago');
    assert.equal(relativeDay('2026-11-18', NOW), 'in 2 weeks');
    assert.equal(relativeDay('2027-02-04', NOW), 'in 3 months');
    for (let days = 2; days < 1500; days++) assert.equal(relativeDay(daysBefore(days), NOW), `${ageInWords(daysBefore(days), NOW)} ago`, `${days} days`);
  });

  it('short dates', () => {
    assert.equal(shortDate('2026-11-04'), 'Nov 4');
    assert.equal(shortDate('2026-01-31T10:00:00Z'), 'Jan 31');
  });
});
