/**
 * Ledger ids: short, typable, random and collision-safe across branches.
 *
 * An item id is `PD-` and six Crockford base32 characters (`0-9A-Z` without I, L, O, U), drawn
 * from a secure random source: about a billion values, so two branches that each create items
 * never pick the same one in practice, and a collision with an id already in the ledger is
 * retried. Ids are never sequential: there is no counter that two branches could both advance.
 * People may type shorter ids in comments (`PD-7Q2K`); ids of 4 to 8 characters are valid.
 */
import { randomInt } from 'node:crypto';

/** Crockford's base32 alphabet: digits and upper-case letters without I, L, O and U. */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Every item id starts with this. */
export const ITEM_ID_PREFIX = 'PD-';

/** Characters after the prefix in a generated item id. */
export const ITEM_ID_LENGTH = 6;

/** Shortest and longest id (characters after `PD-`) accepted as an explicit id. */
export const ITEM_ID_MIN_LENGTH = 4;
export const ITEM_ID_MAX_LENGTH = 8;

/** Characters in an event id. */
const EVENT_ID_LENGTH = 12;

/** Tries at the normal length before a longer id is drawn (only a broken random source gets there). */
const TRIES_PER_LENGTH = 8;

/** A source of random integers in `[0, max)`; secure by default, seeded in tests. */
export type RandomInt = (max: number) => number;

/** The default random source: `crypto.randomInt`. */
export const secureRandomInt: RandomInt = (max) => randomInt(max);

/** Makes ids for new items and history events; reconcile takes one so tests can be deterministic. */
export interface IdSource {
  /** A fresh item id not in `taken`. */
  itemId(taken: ReadonlySet<string>): string;
  /** A fresh, random history event id. */
  eventId(): string;
}

const VALID = /^[0-9A-HJKMNP-TV-Z]+$/;

function randomChars(length: number, random: RandomInt): string {
  let out = '';
  for (let i = 0; i < length; i++) out += CROCKFORD_ALPHABET[random(32)];
  return out;
}

/**
 * A new random item id (`PD-XXXXXX`) that is not in `existing`. On a collision it draws again;
 * should the random source keep colliding, it draws longer ids (up to 8 characters) before
 * giving up with an error, which only a broken random source can cause.
 */
export function newItemId(existing: ReadonlySet<string>, random: RandomInt = secureRandomInt): string {
  for (let length = ITEM_ID_LENGTH; length <= ITEM_ID_MAX_LENGTH; length++) {
    for (let attempt = 0; attempt < TRIES_PER_LENGTH; attempt++) {
      const id = ITEM_ID_PREFIX + randomChars(length, random);
      if (!existing.has(id)) return id;
    }
  }
  throw new Error(`newItemId: ${TRIES_PER_LENGTH * (ITEM_ID_MAX_LENGTH - ITEM_ID_LENGTH + 1)} random ids all collided; the random source is broken`);
}

/** A new random id for a history event: twelve Crockford characters (60 bits). */
export function newEventId(random: RandomInt = secureRandomInt): string {
  return randomChars(EVENT_ID_LENGTH, random);
}

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

/** The default id source: secure random item and event ids, or ones from `random` when given. */
export function randomIdSource(random: RandomInt = secureRandomInt): IdSource {
  return {
    itemId: (taken) => newItemId(taken, random),
    eventId: () => newEventId(random),
  };
}
