/**
 * Ledger ids: short, typable, random and collision-safe across branches.
 *
 * An item id is `PD-` and six Crockford base32 characters (`0-9A-Z` without I, L, O, U), drawn
 * from a secure random source: about a billion values, so two branches that each create items
 * never pick the same one in practice, and a collision with an id already in the ledger is
 * retried. Ids are never sequential: there is no counter that two branches could both advance.
 * The grammar of ids (what a typed one may look like) is in ../itemIds.ts.
 */
import { randomInt } from 'node:crypto';
import { CROCKFORD_ALPHABET, ITEM_ID_LENGTH, ITEM_ID_MAX_LENGTH, ITEM_ID_PREFIX } from '../itemIds';

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

/** The default id source: secure random item and event ids, or ones from `random` when given. */
export function randomIdSource(random: RandomInt = secureRandomInt): IdSource {
  return {
    itemId: (taken) => newItemId(taken, random),
    eventId: () => newEventId(random),
  };
}
