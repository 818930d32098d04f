/**
 * What to complete at the cursor inside an annotation, from the line's text alone: `@` owners,
 * `#` labels, a key's values (`impact:` → low…critical) or the keys themselves. Pure; the
 * provider decides first (with the engine's items) that the cursor is in an annotation.
 */
import { IMPACTS } from '../../engine';
import { addDays } from '../../engine';

/** The metadata keys of the annotation grammar. */
export const ANNOTATION_KEYS = ['effort', 'impact', 'sprint', 'due', 'outcome'] as const;
export type AnnotationKey = (typeof ANNOTATION_KEYS)[number];

export type CompletionContext =
  /** `@al|`: owners; replace from `start` (the `@`). */
  | { kind: 'owner'; start: number; prefix: string }
  /** `#pay|`: labels; replace from `start` (the `#`). */
  | { kind: 'label'; start: number; prefix: string }
  /** `impact:h|`: the key's values; replace from `start` (after the colon). */
  | { kind: 'value'; key: AnnotationKey; start: number; prefix: string }
  /** `eff|` or nothing yet: the keys; replace from `start`. */
  | { kind: 'key'; start: number; prefix: string };

/** Characters that end a token on its left: whitespace and the tag's list punctuation. */
const BOUNDARY = /[\s(),]/;

/** What to complete at `character` (0-based) of `lineText`, or null when nothing fits there. */
export function completionContextAt(lineText: string, character: number): CompletionContext | null {
  let start = Math.min(character, lineText.length);
  while (start > 0 && !BOUNDARY.test(lineText[start - 1]!)) start--;
  const word = lineText.slice(start, character);
  if (word.startsWith('@')) return /^@[\p{L}\p{N}_.\-/]*$/u.test(word) ? { kind: 'owner', start, prefix: word.slice(1) } : null;
  if (word.startsWith('#')) return /^#[\p{L}\p{N}_.\-/]*$/u.test(word) ? { kind: 'label', start, prefix: word.slice(1) } : null;
  const colon = word.indexOf(':');
  if (colon > 0) {
    const key = word.slice(0, colon).toLowerCase();
    if (!(ANNOTATION_KEYS as readonly string[]).includes(key)) return null;
    return { kind: 'value', key: key as AnnotationKey, start: start + colon + 1, prefix: word.slice(colon + 1) };
  }
  return /^[a-z]*$/i.test(word) ? { kind: 'key', start, prefix: word } : null;
}

/** A value to offer for a key, with a short description. */
export interface ValueChoice {
  value: string;
  detail: string;
}

/** `due:` choices: today + 1, 7, 14 and 30 days, as dates. */
export function dueChoices(today: string): ValueChoice[] {
  return [
    { value: addDays(today, 1), detail: 'tomorrow' },
    { value: addDays(today, 7), detail: 'in a week' },
    { value: addDays(today, 14), detail: 'in two weeks' },
    { value: addDays(today, 30), detail: 'in 30 days' },
  ];
}

/** `impact:` choices, lowest first. */
export function impactChoices(): ValueChoice[] {
  const detail: Record<string, string> = {
    low: 'annoying, no harm yet',
    medium: 'slows the team down',
    high: 'causes bugs or incidents',
    critical: 'hurts users or revenue now',
  };
  return IMPACTS.map((value) => ({ value, detail: detail[value]! }));
}

/** `effort:` choices: points on the usual scale, and hours and days. */
export function effortChoices(): ValueChoice[] {
  return [
    { value: '1', detail: '1 point' },
    { value: '2', detail: '2 points' },
    { value: '3', detail: '3 points' },
    { value: '5', detail: '5 points' },
    { value: '8', detail: '8 points' },
    { value: '2h', detail: '2 hours (converted to points by the config)' },
    { value: '1d', detail: '1 day (converted to points by the config)' },
  ];
}

/** What each key means, for the key completions' details. */
export const KEY_DETAILS: Record<AnnotationKey, string> = {
  effort: 'story points (or 2h, 1d)',
  impact: 'low, medium, high or critical',
  sprint: 'the sprint to pay it down in',
  due: 'a date, YYYY-MM-DD',
  outcome: "the team's outcome it serves",
};

/** A git author as an owner handle: the GitHub user of a noreply address, else the e-mail's local part. */
export function ownerHandle(email: string, name: string): string | null {
  const noreply = /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/i.exec(email);
  if (noreply) return noreply[1]!;
  const local = /^([\p{L}\p{N}_][\p{L}\p{N}_.-]*)@/u.exec(email)?.[1];
  if (local) return local;
  const compact = name.trim().toLowerCase().replace(/\s+/g, '.');
  return /^[\p{L}\p{N}_][\p{L}\p{N}_.-]*$/u.test(compact) ? compact : null;
}

/** The owners a CODEOWNERS file names (`@alice`, `@org/team`, e-mail addresses), in order of first mention, without `@`. */
export function parseCodeowners(text: string): string[] {
  const out = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    for (const token of line.split(/\s+/).slice(1)) {
      if (token.startsWith('@') && token.length > 1) out.add(token.slice(1));
      else if (/^[^@\s]+@[^@\s]+$/.test(token)) out.add(token.slice(0, token.indexOf('@')));
    }
  }
  return [...out];
}
