/**
 * Resolving a git conflict inside one item file (two branches changed the same item): split the
 * conflicted text into the two (or, with diff3, three) full versions, then merge them. Histories
 * are united by event id; each field comes from the side whose history changed it last (or from
 * the side that changed it at all, when the common base is known); location from the newer side.
 */
import type { LedgerEvent, LedgerItem, TrackerLink } from './model';

/** The full texts of each side of a conflicted file. */
export interface ConflictSides {
  ours: string;
  theirs: string;
  /** Present when the file was written with `merge.conflictStyle=diff3` or `zdiff3`. */
  base: string | null;
  /** How many conflict regions the file had. */
  regions: number;
}

const MARKER = /^(<{7,}|\|{7,}|={7,}|>{7,})(?: |\r?$)/;

/** Splits a file with git conflict markers into its sides; null when it has none or they are malformed. */
export function splitConflict(text: string): ConflictSides | null {
  const ours: string[] = [];
  const theirs: string[] = [];
  const base: string[] = [];
  let hasBase = false;
  let regions = 0;
  let state: 'common' | 'ours' | 'base' | 'theirs' = 'common';
  for (const line of text.split('\n')) {
    const m = MARKER.exec(line);
    const kind = m ? m[1]![0] : null;
    if (kind === '<' && state === 'common') {
      state = 'ours';
      regions++;
    } else if (kind === '|' && state === 'ours') {
      state = 'base';
      hasBase = true;
    } else if (kind === '=' && (state === 'ours' || state === 'base')) {
      state = 'theirs';
    } else if (kind === '>' && state === 'theirs') {
      state = 'common';
    } else if (kind !== null) {
      return null;
    } else if (state === 'common') {
      ours.push(line);
      theirs.push(line);
      base.push(line);
    } else if (state === 'ours') {
      ours.push(line);
    } else if (state === 'base') {
      base.push(line);
    } else {
      theirs.push(line);
    }
  }
  if (state !== 'common' || regions === 0) return null;
  return { ours: ours.join('\n'), theirs: theirs.join('\n'), base: hasBase ? base.join('\n') : null, regions };
}

/** Groups of fields that change together, and which history events touch each. */
type Group = 'lifecycle' | 'text' | 'sprint' | 'effort' | 'impact' | 'outcome' | 'location' | 'trackers';

function groupsOf(event: LedgerEvent): readonly Group[] {
  switch (event.type) {
    case 'created':
      return ['lifecycle', 'text', 'sprint', 'effort', 'impact', 'outcome', 'location', 'trackers'];
    case 'status':
    case 'resolved':
    case 'reopened':
      return ['lifecycle'];
    case 'sprint':
      return ['sprint'];
    case 'retitled':
      return ['text'];
    case 'moved':
      return ['location'];
    case 'tracker':
      return ['trackers'];
    case 'field':
      switch (event.field) {
        case 'effort':
        case 'impact':
        case 'outcome':
        case 'sprint':
          return [event.field];
        case 'status':
          return ['lifecycle'];
        case 'title':
          return ['text'];
        default:
          return [];
      }
    default:
      return [];
  }
}

/** The latest time each group was changed according to a history. */
function lastTouches(history: readonly LedgerEvent[]): Map<Group, string> {
  const touched = new Map<Group, string>();
  for (const e of history) {
    for (const g of groupsOf(e)) {
      const prev = touched.get(g);
      if (prev === undefined || e.at > prev) touched.set(g, e.at);
    }
  }
  return touched;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function lastEventAt(item: LedgerItem): string {
  let last = '';
  for (const e of item.history) if (e.at > last) last = e.at;
  return last;
}

/**
 * Merges two versions of one item (and their common base, when known) without losing either
 * history. Deterministic: ties go to `ours`.
 */
export function mergeItemVersions(ours: LedgerItem, theirs: LedgerItem, base: LedgerItem | null = null): LedgerItem {
  const oursTouch = lastTouches(ours.history);
  const theirsTouch = lastTouches(theirs.history);
  const theirsNewer = lastEventAt(theirs) > lastEventAt(ours);

  /** Which side a group of fields comes from. */
  const pick = (group: Group, read: (item: LedgerItem) => unknown, byHistory = true): LedgerItem => {
    const o = read(ours);
    const t = read(theirs);
    if (same(o, t)) return ours;
    if (base) {
      const b = read(base);
      if (same(b, o)) return theirs;
      if (same(b, t)) return ours;
    }
    if (byHistory) {
      const to = oursTouch.get(group) ?? '';
      const tt = theirsTouch.get(group) ?? '';
      if (to !== tt) return tt > to ? theirs : ours;
    }
    return theirsNewer ? theirs : ours;
  };

  const lifecycle = pick('lifecycle', (i) => [i.status, i.resolved]);
  const text = pick('text', (i) => [i.tag, i.title, i.fingerprint, i.owners, i.labels]);
  const location = pick('location', (i) => [i.file, i.line, i.cell ?? null], false);

  const merged: LedgerItem = {
    id: ours.id,
    status: lifecycle.status,
    tag: text.tag,
    title: text.title,
    fingerprint: text.fingerprint,
    owners: text.owners,
    labels: text.labels,
    file: location.file,
    line: location.line,
    ...(location.cell ? { cell: location.cell } : {}),
    firstSeen: theirs.firstSeen.at < ours.firstSeen.at ? theirs.firstSeen : ours.firstSeen,
    resolved: lifecycle.resolved,
    sprint: pick('sprint', (i) => i.sprint).sprint,
    effort: pick('effort', (i) => i.effort).effort,
    impact: pick('impact', (i) => i.impact).impact,
    outcome: pick('outcome', (i) => i.outcome).outcome,
    trackers: mergeTrackers(ours.trackers, theirs.trackers, pick('trackers', (i) => i.trackers) === theirs),
    history: mergeHistories(ours.history, theirs.history),
  };
  const extraKeys = new Set([...Object.keys(ours.extra ?? {}), ...Object.keys(theirs.extra ?? {})]);
  if (extraKeys.size > 0) {
    merged.extra = {};
    for (const key of [...extraKeys].sort()) {
      const side = pick('text', (i) => i.extra?.[key], false);
      const value = side.extra?.[key] ?? (side === ours ? theirs : ours).extra?.[key];
      if (value !== undefined) merged.extra[key] = value;
    }
  }
  return merged;
}

/** Union by event id; ordered by time, ours first on ties (stable). */
export function mergeHistories(ours: readonly LedgerEvent[], theirs: readonly LedgerEvent[]): LedgerEvent[] {
  const seen = new Set(ours.map((e) => e.id));
  const all = [...ours, ...theirs.filter((e) => !seen.has(e.id))];
  return all.map((e, i) => ({ e, i })).sort((a, b) => (a.e.at < b.e.at ? -1 : a.e.at > b.e.at ? 1 : a.i - b.i)).map(({ e }) => e);
}

/**
 * Union by tracker and key; a link on both sides is taken whole from the side that saw it last
 * (the later of its `syncedAt` and `stateAt`), so its state, reason, assignees and milestone stay
 * one consistent reading of the ticket.
 */
function mergeTrackers(ours: readonly TrackerLink[], theirs: readonly TrackerLink[], preferTheirs: boolean): TrackerLink[] {
  const key = (t: TrackerLink): string => `${t.tracker}\n${t.key}`;
  const theirsByKey = new Map(theirs.map((t) => [key(t), t]));
  const out: TrackerLink[] = [];
  const done = new Set<string>();
  for (const o of ours) {
    const t = theirsByKey.get(key(o));
    done.add(key(o));
    if (!t || same(o, t)) {
      out.push(o);
      continue;
    }
    const os = lastSeen(o);
    const ts = lastSeen(t);
    out.push(ts > os ? t : os > ts ? o : preferTheirs ? t : o);
  }
  for (const t of theirs) if (!done.has(key(t))) out.push(t);
  return out;
}

/** When a link was last read from its tracker: the later of `syncedAt` and `stateAt` ('' when never). */
function lastSeen(link: TrackerLink): string {
  const synced = link.syncedAt ?? '';
  const state = link.stateAt ?? '';
  return synced > state ? synced : state;
}
