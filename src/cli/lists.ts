/** Parsing of list-valued options shared by the listing commands. */
import { ITEM_STATUSES, PaydownError, type ItemStatus } from '../engine';

/** Values of a repeatable, comma-separable option, trimmed, empties dropped. */
export function splitList(values: readonly string[]): string[] {
  return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

/** A status as typed (`In progress`, `wont_fix`, …), or a usage error naming the statuses. */
export function parseStatus(value: string): ItemStatus {
  const status = value.toLowerCase().replace(/[ _]/g, '-');
  if ((ITEM_STATUSES as readonly string[]).includes(status)) return status as ItemStatus;
  throw new PaydownError('usage', `unknown status "${value}"`, `use one of ${ITEM_STATUSES.join(', ')}`);
}
