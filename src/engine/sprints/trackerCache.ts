/**
 * `.paydown/tracker-sprints.json`: the sprints last read from the tracker (`sprints.from`),
 * committed with the ledger so CI and teammates without a token plan against the same sprints,
 * and budgets work offline.
 *
 * Invariants (the ledger's rules, docs/ledger.md):
 * - Written atomically (temp, fsync, rename), in a stable form (sprints in start order, one
 *   field a line) so a refresh that changed nothing changes no byte and a diff reads well.
 * - Read strictly: a file that does not parse or holds a wrong field is `ledger-corrupt`, one
 *   written by a newer major version `ledger-newer-version`; either way it is left untouched
 *   (no refresh overwrites it) until a person fixes or removes it. A newer minor version may add
 *   fields, which this version ignores.
 * - Nothing is read or written through a symbolic link leaving the workspace.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertNoEscapingLinks } from '../config/workspace';
import { isCalendarDate } from '../dates';
import { PaydownError } from '../errors';
import { readNoFollow, writeFileAtomic } from '../ledger/atomic';
import { SPRINT_TRACKERS, type CachedSprint, type PlanningSettings, type SprintTracker, type TrackerSprintsCache, type TrackerSprintsState } from '../config/planning';

/** Where the cache lives, relative to the workspace root. */
export const TRACKER_SPRINTS_FILE = '.paydown/tracker-sprints.json';

/** The schema this build writes; it reads any `1.x`. */
export const TRACKER_SPRINTS_SCHEMA = { major: 1, minor: 0 } as const;

export type { TrackerSprintsCache, TrackerSprintsState };

/** How messages name each tracker. */
export const TRACKER_NAMES: Readonly<Record<SprintTracker, string>> = { github: 'GitHub', gitlab: 'GitLab', jira: 'Jira', linear: 'Linear' };

const SPRINT_STATES = new Set(['closed', 'active', 'future']);
const TOP_KEYS = ['schema', 'tracker', 'scope', 'host', 'fetchedAt', 'sprints'];
const SPRINT_KEYS = ['id', 'name', 'start', 'end', 'capacity', 'state'];
const LEAVE_IT = `Fix ${TRACKER_SPRINTS_FILE} by hand (git log shows its last good version) or delete it and run \`paydown sync\`; Paydown will not overwrite it.`;

/** Sprints in the order the file keeps them: start, then end, then id. */
export function sortTrackerSprints(sprints: readonly CachedSprint[]): CachedSprint[] {
  const key = (s: CachedSprint): string => `${s.start}\0${s.end}\0${s.id}`;
  return [...sprints].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The file's text: two-space JSON, sprints in start order, fields in a fixed order, a trailing newline. */
export function formatTrackerSprints(cache: TrackerSprintsCache): string {
  const sprints = sortTrackerSprints(cache.sprints).map((s) => ({ id: s.id, name: s.name, start: s.start, end: s.end, capacity: s.capacity, state: s.state }));
  const doc = { schema: `${TRACKER_SPRINTS_SCHEMA.major}.${TRACKER_SPRINTS_SCHEMA.minor}`, tracker: cache.tracker, scope: cache.scope, host: cache.host, fetchedAt: cache.fetchedAt, sprints };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Parses the file's text; `ledger-corrupt` or `ledger-newer-version` naming what is wrong. */
export function parseTrackerSprints(text: string): TrackerSprintsCache {
  const corrupt = (what: string): PaydownError => new PaydownError('ledger-corrupt', `${TRACKER_SPRINTS_FILE}: ${what}`, LEAVE_IT, { details: [`${TRACKER_SPRINTS_FILE}: ${what}`] });
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw corrupt(`not JSON (${(err as Error).message})`);
  }
  if (!isRecord(doc)) throw corrupt('must be a JSON object');
  const m = typeof doc.schema === 'string' ? /^(\d{1,6})\.(\d{1,6})$/.exec(doc.schema) : null;
  if (!m) throw corrupt(`"schema" must be a "major.minor" string such as "${TRACKER_SPRINTS_SCHEMA.major}.${TRACKER_SPRINTS_SCHEMA.minor}"`);
  const major = Number(m[1]);
  const minor = Number(m[2]);
  if (major > TRACKER_SPRINTS_SCHEMA.major) {
    throw new PaydownError('ledger-newer-version', `${TRACKER_SPRINTS_FILE}: written by a newer Paydown (schema ${major}.${minor}; this version reads ${TRACKER_SPRINTS_SCHEMA.major}.x)`, 'Update Paydown to read it; the file was left untouched.', {
      details: [TRACKER_SPRINTS_FILE],
    });
  }
  if (major < TRACKER_SPRINTS_SCHEMA.major) throw corrupt(`unsupported schema "${doc.schema as string}"`);
  const newerMinor = minor > TRACKER_SPRINTS_SCHEMA.minor;
  const unknown = (o: Record<string, unknown>, known: readonly string[], where: string): void => {
    const extra = Object.keys(o).find((k) => !known.includes(k));
    if (extra !== undefined && !newerMinor) throw corrupt(`${where}unknown field "${extra}"`);
  };
  unknown(doc, TOP_KEYS, '');
  const text_ = (v: unknown, where: string): string => {
    if (typeof v !== 'string' || v.trim() === '') throw corrupt(`${where} must be a non-empty string`);
    return v;
  };
  if (!(SPRINT_TRACKERS as readonly unknown[]).includes(doc.tracker)) throw corrupt(`"tracker" must be one of ${SPRINT_TRACKERS.join(', ')}`);
  const scope = text_(doc.scope, '"scope"');
  const host = text_(doc.host, '"host"');
  const fetchedAt = text_(doc.fetchedAt, '"fetchedAt"');
  if (Number.isNaN(Date.parse(fetchedAt))) throw corrupt('"fetchedAt" must be an ISO 8601 time');
  if (!Array.isArray(doc.sprints)) throw corrupt('"sprints" must be a list');
  const sprints = doc.sprints.map((raw: unknown, i): CachedSprint => {
    const at = `sprints[${i}]`;
    if (!isRecord(raw)) throw corrupt(`${at} must be an object`);
    unknown(raw, SPRINT_KEYS, `${at}: `);
    const id = text_(raw.id, `${at}.id`);
    const name = text_(raw.name, `${at}.name`);
    const start = raw.start;
    const end = raw.end;
    if (typeof start !== 'string' || !isCalendarDate(start)) throw corrupt(`${at}.start must be a date written YYYY-MM-DD`);
    if (typeof end !== 'string' || !isCalendarDate(end)) throw corrupt(`${at}.end must be a date written YYYY-MM-DD`);
    if (end < start) throw corrupt(`${at}.end ${end} is before its start ${start}`);
    const capacity = raw.capacity;
    if (capacity !== null && (typeof capacity !== 'number' || !Number.isFinite(capacity) || capacity < 0)) throw corrupt(`${at}.capacity must be a non-negative number or null`);
    const state = raw.state;
    if (state !== null && !(typeof state === 'string' && (SPRINT_STATES.has(state) || newerMinor))) throw corrupt(`${at}.state must be "closed", "active", "future" or null`);
    return { id, name, start, end, capacity, state: state !== null && SPRINT_STATES.has(state) ? (state as CachedSprint['state']) : null };
  });
  return { tracker: doc.tracker as SprintTracker, scope, host, fetchedAt, sprints };
}

/**
 * Reads the cache of the workspace at `root`. Never throws for what the file holds: an unreadable
 * one is a state. Synchronous, as the config it belongs to (config.ts `loadConfig` says why).
 */
export function readTrackerSprints(root: string): TrackerSprintsState {
  const file = path.join(root, TRACKER_SPRINTS_FILE);
  let text: string;
  try {
    assertNoEscapingLinks(root, ['.paydown', TRACKER_SPRINTS_FILE]);
    text = readNoFollow(file).toString('utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    if (PaydownError.is(err)) return { state: 'unreadable', error: err };
    return { state: 'unreadable', error: new PaydownError('ledger-corrupt', `cannot read ${TRACKER_SPRINTS_FILE}: ${(err as Error).message}`, LEAVE_IT, { cause: err }) };
  }
  try {
    return { state: 'loaded', cache: parseTrackerSprints(text) };
  } catch (err) {
    if (PaydownError.is(err)) return { state: 'unreadable', error: err };
    throw err;
  }
}

/** Reads the cache into `config.trackerSprints` when the config reads sprints from a tracker (the workspace's and the session's loader). */
export function loadTrackerSprints<T extends Pick<PlanningSettings, 'sprintsFrom' | 'trackerSprints'>>(root: string, config: T): T {
  if (config.sprintsFrom) config.trackerSprints = readTrackerSprints(root);
  return config;
}

/** Writes the cache atomically (the `.paydown` folder is created when missing). */
export function writeTrackerSprints(root: string, cache: TrackerSprintsCache): void {
  assertNoEscapingLinks(root, ['.paydown', TRACKER_SPRINTS_FILE]);
  fs.mkdirSync(path.join(root, '.paydown'), { recursive: true });
  writeFileAtomic(path.join(root, TRACKER_SPRINTS_FILE), formatTrackerSprints(cache));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
