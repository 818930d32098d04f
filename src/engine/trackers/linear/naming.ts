/**
 * How Linear tickets are named: the issue identifier (`ENG-7`) is both what a comment carries
 * and the ledger key, and only the configured team's identifiers are ours (Linear keys are
 * upper case; `eng-07` is read as `ENG-7`).
 */
import type { TicketNaming } from '../plan';

const IDENTIFIER = /^([A-Za-z][A-Za-z0-9_]*)-(\d+)$/;

/** `ENG-7` for an identifier of team `teamKey` in any case or zero padding, else null. */
export function linearIdentifier(text: string, teamKey: string): string | null {
  const m = IDENTIFIER.exec(text.trim());
  const key = teamKey.trim().toUpperCase();
  return m && m[1]!.toUpperCase() === key && Number(m[2]) > 0 ? `${key}-${Number(m[2])}` : null;
}

/** `ENG-7` is both the comment reference and the ledger key, for this team only. */
export function linearNaming(teamKey: string): TicketNaming {
  return {
    keyOfReference: (reference) => linearIdentifier(reference, teamKey),
    referenceOfKey: (key) => linearIdentifier(key, teamKey),
  };
}
