import { PaydownError } from '../engine';
import { isCalendarDate } from '../engine';

/**
 * The day a command measures and plans against: `--today`, else `PAYDOWN_TODAY`, else the UTC
 * date now. A pinned day makes output reproducible (tests, `npm start`, demos).
 */
export function resolveToday(flag: string | undefined, env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): string {
  const given = flag ?? (env.PAYDOWN_TODAY || undefined);
  if (given === undefined) return now.toISOString().slice(0, 10);
  if (!isCalendarDate(given)) {
    throw new PaydownError('usage', `${flag !== undefined ? '--today' : 'PAYDOWN_TODAY'} "${given}" is not a date`, 'write it YYYY-MM-DD, e.g. --today 2026-11-04');
  }
  return given;
}
