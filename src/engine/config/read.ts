/** Small readers for config fields: each pushes a problem naming the field's path instead of throwing. */
import { isCalendarDate } from '../dates';

/** Problems found while reading, each `path: what is wrong`. */
export type Problems = string[];

export function readStrings(raw: unknown, where: string, problems: Problems): string[] {
  if (!Array.isArray(raw) || raw.some((s) => typeof s !== 'string' || s.length === 0)) {
    problems.push(`${where}: must be a list of glob patterns (non-empty strings)`);
    return [];
  }
  return raw as string[];
}

export function expectObject(raw: unknown, where: string, problems: Problems): Record<string, unknown> | undefined {
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) return raw as Record<string, unknown>;
  problems.push(`${where}: must be an object`);
  return undefined;
}

export function checkKeys(object: Record<string, unknown>, where: string, known: readonly string[], problems: Problems): void {
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) problems.push(`${where ? `${where}.` : ''}${key}: unknown setting (known: ${known.filter((k) => k !== '$schema').join(', ')})`);
  }
}

/**
 * A positive (or, with `allowZero`, non-negative) finite number, at most `max` and, with
 * `integer`, whole; else a problem.
 */
export function readNumber(raw: unknown, where: string, problems: Problems, allowZero = false, limits: { max?: number; integer?: boolean } = {}): number | undefined {
  const { max = Infinity, integer = false } = limits;
  if (typeof raw === 'number' && Number.isFinite(raw) && (raw > 0 || (allowZero && raw === 0)) && raw <= max && (!integer || Number.isInteger(raw))) return raw;
  const kind = `${allowZero ? 'non-negative' : 'positive'} ${integer ? 'whole number' : 'number'}`;
  problems.push(`${where}: must be a ${kind}${max < Infinity ? ` no greater than ${max}` : ''}, got ${describeValue(raw)}`);
  return undefined;
}

/** A value as a problem quotes it (`1e+400` stays a number, where JSON would say null). */
export function describeValue(raw: unknown): string {
  return typeof raw === 'number' ? String(raw) : JSON.stringify(raw);
}

/** A non-empty string, else a problem. */
export function readName(raw: unknown, where: string, problems: Problems): string | undefined {
  if (typeof raw === 'string' && raw.trim() !== '') return raw.trim();
  problems.push(`${where}: must be a non-empty string`);
  return undefined;
}

/** A calendar date written `YYYY-MM-DD`, else a problem. */
export function readDate(raw: unknown, where: string, problems: Problems): string | undefined {
  if (typeof raw === 'string' && isCalendarDate(raw)) return raw;
  problems.push(`${where}: must be a date written YYYY-MM-DD, got ${JSON.stringify(raw)}`);
  return undefined;
}
