/**
 * The item id grammar: what an id looks like and how a typed one is read. The scanner (an
 * explicit `DEBT(PD-7Q2K)`), the ledger and the shells all read ids here; generating new ones is
 * the ledger's business (ledger/ids.ts).
 *
 * An item id is `PD-` and Crockford base32 characters (`0-9A-Z` without I, L, O, U). People may
 * type shorter ids in comments (`PD-7Q2K`); ids of 4 to 8 characters are valid.
 */

/** Crockford's base32 alphabet: digits and upper-case letters without I, L, O and U. */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Every item id starts with this. */
export const ITEM_ID_PREFIX = 'PD-';

/** Characters after the prefix in a generated item id. */
export const ITEM_ID_LENGTH = 6;

/** Shortest and longest id (characters after `PD-`) accepted as an explicit id. */
export const ITEM_ID_MIN_LENGTH = 4;
export const ITEM_ID_MAX_LENGTH = 8;

const VALID = /^[0-9A-HJKMNP-TV-Z]+$/;

/**
 * The canonical form of an item id typed by a person (`pd-7q2k`, `PD-7O2K`, ` PD-7Q2K `), or
 * null when `text` is not an id. Lower case is accepted, and Crockford's aliases are read the
 * way he intended: `O` is zero, `I` and `L` are one. `U` is never valid.
 */
export function normaliseItemId(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed.length < 3 || trimmed.slice(0, 3).toUpperCase() !== ITEM_ID_PREFIX) return null;
  const body = trimmed.slice(3).toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
  if (body.length < ITEM_ID_MIN_LENGTH || body.length > ITEM_ID_MAX_LENGTH || !VALID.test(body)) return null;
  return ITEM_ID_PREFIX + body;
}

/** True when `text` is an item id in canonical form (upper case, no aliases, 4 to 8 characters). */
export function isItemId(text: string): boolean {
  return normaliseItemId(text) === text;
}
