/**
 * Schema "0", the original single-file ledger (`.paydown/ledger.jsonl`, one JSON object per line),
 * and its conversion to schema 1 items. Read-only commands read it transparently; the first write
 * migrates it to one file per item and removes it in the same atomic commit.
 *
 * Conversion is deterministic (no clock, no randomness): two branches that both migrate the same
 * legacy file write byte-identical item files, which git merges without conflict.
 */
import { IMPACTS } from '../model';
import type { Impact } from '../model';
import { PaydownError } from '../errors';
import { sha256 } from './atomic';
import { EVENT_TYPES } from './format';
import type { Editable, ItemStatus, LedgerEvent, LedgerEventType, LedgerItem, TrackerLink } from './model';
import { isSafeItemId } from './paths';

/**
 * One line of a schema "0" ledger. Required: `id`, `status`, `title`, `file`, `line`, `firstSeen`.
 * Statuses were spelt `open | scheduled | in-progress | resolved | wontfix` (also accepted:
 * `in_progress`, `wont-fix`); issue references were plain strings (`GH-412`, `#12`, `PROJ-7`, a URL).
 */
export interface LegacyItem {
  id: string;
  status: string;
  title: string;
  file: string;
  line: number;
  /** ISO time. */
  firstSeen: string;
  tag?: string;
  fingerprint?: string;
  /** The commit the item was first seen in. */
  commit?: string | null;
  resolvedAt?: string | null;
  resolvedCommit?: string | null;
  sprint?: string | null;
  effort?: number | null;
  impact?: string | null;
  outcome?: string | null;
  issues?: string[];
  history?: { at: string; type: string; field?: string; from?: unknown; to?: unknown; by?: string | null }[];
}

const LEGACY_KEYS = new Set(['id', 'status', 'title', 'file', 'line', 'firstSeen', 'tag', 'fingerprint', 'commit', 'resolvedAt', 'resolvedCommit', 'sprint', 'effort', 'impact', 'outcome', 'issues', 'history']);

const LEGACY_STATUS: Record<string, ItemStatus> = {
  open: 'open',
  scheduled: 'scheduled',
  'in-progress': 'in-progress',
  in_progress: 'in-progress',
  resolved: 'resolved',
  wontfix: 'wont-fix',
  'wont-fix': 'wont-fix',
};

/** The items of a legacy ledger and the lines that could not be read (each `file:line: what`). */
export interface LegacyLedger {
  items: LedgerItem[];
  errors: PaydownError[];
}

/** Parses a schema "0" ledger; a bad line is reported and skipped, never guessed at. */
export function parseLegacyLedger(text: string, file: string): LegacyLedger {
  const items: LedgerItem[] = [];
  const errors: PaydownError[] = [];
  const seen = new Set<string>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] ?? '').trim();
    if (raw === '') continue;
    const where = `${file}:${i + 1}`;
    try {
      let doc: unknown;
      try {
        doc = JSON.parse(raw);
      } catch (err) {
        throw new Error(`invalid JSON: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
      const item = convertLegacyItem(doc);
      if (seen.has(item.id)) throw new Error(`duplicate id ${item.id}`);
      seen.add(item.id);
      items.push(item);
    } catch (err) {
      errors.push(
        new PaydownError('ledger-corrupt', `${where}: ${err instanceof Error ? err.message : String(err)}`, 'Fix this line of the legacy ledger by hand; it is migrated once every line reads.', {
          details: [where],
        }),
      );
    }
  }
  items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { items, errors };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function need<T>(ok: boolean, value: T, what: string): T {
  if (!ok) throw new Error(what);
  return value;
}

/** Converts one legacy object to a schema 1 item; throws an Error saying what is wrong. */
export function convertLegacyItem(doc: unknown): LedgerItem {
  if (!isRecord(doc)) throw new Error('each line holds one JSON object');
  for (const key of Object.keys(doc)) if (!LEGACY_KEYS.has(key)) throw new Error(`unknown field "${key}"`);
  const d = doc as Partial<Record<keyof LegacyItem, unknown>>;
  const id = need(typeof d.id === 'string' && isSafeItemId(d.id), d.id as string, '"id" must be an item id such as "PD-7Q2K"');
  const status = LEGACY_STATUS[String(d.status)];
  if (!status) throw new Error(`"status" ${JSON.stringify(d.status)} is not a known status`);
  const title = need(typeof d.title === 'string', d.title as string, '"title" must be a string');
  const file = need(typeof d.file === 'string', d.file as string, '"file" must be a string');
  const line = need(typeof d.line === 'number' && Number.isInteger(d.line) && d.line >= 0, d.line as number, '"line" must be a whole number');
  const firstSeen = need(typeof d.firstSeen === 'string' && Number.isFinite(Date.parse(d.firstSeen)), d.firstSeen as string, '"firstSeen" must be an ISO time');
  const optString = (key: keyof LegacyItem): string | null => {
    const v = d[key];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') throw new Error(`"${key}" must be a string or null`);
    return v;
  };
  const effort = d.effort ?? null;
  if (effort !== null && (typeof effort !== 'number' || !Number.isFinite(effort))) throw new Error('"effort" must be a number or null');
  const impact = optString('impact');
  if (impact !== null && !(IMPACTS as readonly string[]).includes(impact)) throw new Error(`"impact" must be one of ${IMPACTS.join(', ')}`);
  const commit = optString('commit');
  const resolvedAt = optString('resolvedAt');
  const issues = d.issues ?? [];
  if (!Array.isArray(issues) || !issues.every((s) => typeof s === 'string')) throw new Error('"issues" must be an array of strings');

  const history: LedgerEvent[] = [];
  const legacyHistory = d.history ?? [];
  if (!Array.isArray(legacyHistory)) throw new Error('"history" must be an array');
  legacyHistory.forEach((e: unknown, i) => {
    if (!isRecord(e) || typeof e.at !== 'string' || typeof e.type !== 'string') throw new Error(`history[${i}] must be an object with "at" and "type"`);
    const type = (e.type === 'wontfix' ? 'status' : e.type) as LedgerEventType;
    if (!EVENT_TYPES.includes(type)) throw new Error(`history[${i}]: unknown event type ${JSON.stringify(e.type)}`);
    const event: LedgerEvent = { id: migratedEventId(id, i, e), at: e.at, type };
    if (typeof e.field === 'string') event.field = e.field;
    if (e.from !== undefined) event.from = e.from;
    if (e.to !== undefined) event.to = e.to;
    if (typeof e.by === 'string' || e.by === null) event.by = e.by;
    history.push(event);
  });
  if (!history.some((e) => e.type === 'created')) {
    history.unshift({ id: migratedEventId(id, -1, { type: 'created', at: firstSeen }), at: firstSeen, type: 'created', commit });
  }
  if (resolvedAt !== null && !history.some((e) => e.type === 'resolved')) {
    history.push({ id: migratedEventId(id, -2, { type: 'resolved', at: resolvedAt }), at: resolvedAt, type: 'resolved', commit: optString('resolvedCommit') });
  }
  // Stable sort: events with the same time keep their legacy order.
  history.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

  const fromComment = <T>(value: T | null): Editable<T> => ({ value, source: 'comment', comment: value });
  return {
    id,
    status,
    tag: optString('tag') ?? 'TODO',
    title,
    fingerprint: optString('fingerprint') ?? '',
    owners: [],
    labels: [],
    file,
    line,
    firstSeen: { at: firstSeen, commit },
    resolved: resolvedAt === null ? null : { at: resolvedAt, commit: optString('resolvedCommit'), author: null },
    sprint: optString('sprint'),
    effort: fromComment(effort as number | null),
    impact: fromComment(impact as Impact | null),
    outcome: fromComment(optString('outcome')),
    trackers: (issues as string[]).map(legacyTracker),
    history,
  };
}

/** A deterministic event id for a migrated event, so two branches migrating agree byte for byte. */
function migratedEventId(itemId: string, index: number, event: Record<string, unknown>): string {
  return 'M' + sha256(`${itemId}\n${index}\n${JSON.stringify(event)}`).slice(0, 11).toUpperCase();
}

/**
 * A legacy issue reference as a tracker link (state unknown until the first pull). A reference
 * written the way comments carry one (`GH-412`, `#412`, `PAY-7`) is kept as the link's
 * `reference`, so writing it back into the comment finds it already there.
 */
function legacyTracker(ref: string): TrackerLink {
  const link = (tracker: string, key: string, url: string | null): TrackerLink => (url === null && tracker !== 'unknown' ? { tracker, key, reference: ref, url, state: null, stateAt: null } : { tracker, key, url, state: null, stateAt: null });
  const gh = /^https?:\/\/github\.com\/([^/]+\/[^/]+)\/(?:issues|pull)\/(\d+)/.exec(ref);
  if (gh) return link('github', `${gh[1]}#${gh[2]}`, ref);
  const gl = /^https?:\/\/gitlab\.[^/]+\/(.+?)\/-\/issues\/(\d+)/.exec(ref);
  if (gl) return link('gitlab', `${gl[1]}#${gl[2]}`, ref);
  const lin = /^https?:\/\/linear\.app\/[^/]+\/issue\/([A-Z][A-Z0-9]*-\d+)/.exec(ref);
  if (lin) return link('linear', lin[1]!, ref);
  const jira = /^https?:\/\/[^/]+\/browse\/([A-Z][A-Z0-9]*-\d+)/.exec(ref);
  if (jira) return link('jira', jira[1]!, ref);
  if (/^GH-\d+$/i.test(ref)) return link('github', `#${ref.slice(3)}`, null);
  if (/^#\d+$/.test(ref)) return link('github', ref, null);
  if (/^[A-Z][A-Z0-9]*-\d+$/.test(ref)) return link('jira', ref, null);
  return link('unknown', ref, /^https?:\/\//.test(ref) ? ref : null);
}
