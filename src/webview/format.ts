/**
 * How the page writes numbers, dates and little-data marks. Formatting only: every figure comes
 * from the engine's page, the webview never derives one.
 */
import type { Durations, PagePhase } from '../protocol';

/** `8 pts`, `1 pt`, `2.5 pts`. */
export function pts(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return `${num(n)} ${n === 1 ? 'pt' : 'pts'}`;
}

export function num(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(Math.abs(n) < 10 ? 2 : 1).replace(/0+$/, '').replace(/\.$/, '');
}

/** 0.8 → `80%`. */
export function percent(ratio: number | null): string {
  return ratio === null ? '—' : `${Math.round(ratio * 100)}%`;
}

export function days(n: number | null): string {
  return n === null ? '—' : `${num(Math.round(n * 10) / 10)} d`;
}

/** `2026-11-23` → `23 Nov 2026` (UTC, so a page reads the same everywhere). */
export function date(iso: string, withYear = true): string {
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', ...(withYear ? { year: 'numeric' } : {}), timeZone: 'UTC' });
}

export function range(start: string, end: string): string {
  return `${date(start, false)} – ${date(end)}`;
}

export function phaseLabel(phase: PagePhase): string {
  return phase === 'active' ? 'current' : phase === 'ended' ? 'ended' : 'planned';
}

/** The visible little-data mark: text, never colour alone. */
export function littleDataNote(d: Durations): string | null {
  if (!d.littleData) return null;
  return d.count === 0 ? 'no items measured' : `based on ${d.count} ${d.count === 1 ? 'item' : 'items'}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
