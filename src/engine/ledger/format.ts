/**
 * One item file: its exact bytes (`formatItem`) and its validation (`parseItem`).
 *
 * The layout is chosen for git's line-based merge: one field per line, nested values compact on
 * their line, one tracker link and one history event per line, fields that change independently
 * separated by lines that rarely change, history last. Same state → same bytes.
 */
import { IMPACTS } from '../model';
import { PaydownError } from '../errors';
import { ITEM_STATUSES, LEDGER_SCHEMA_VERSION } from './model';
import type { Editable, LedgerEvent, LedgerEventType, LedgerItem, ResolutionStamp, Stamp, TrackerLink } from './model';
import { isSafeItemId } from './paths';

/** A `major.minor` schema version as written in an item file's `"schema"` line. */
export interface SchemaVersion {
  major: number;
  minor: number;
}

/**
 * The minor version this build writes; a newer minor may add fields, which are kept on rewrite.
 * 1.1 added `owners` and `labels`; 1.2 added a tracker link's `reference`, `stateReason`,
 * `assignees`, `milestone` and `syncedAt`; 1.3 added a link's `pushed`; 1.4 added a notebook item's
 * `cell` (all optional: older files read as they are).
 */
export const LEDGER_SCHEMA_MINOR = 4;

/** The schema version this build reads and writes: `1.4`. */
export const CURRENT_SCHEMA: SchemaVersion = { major: LEDGER_SCHEMA_VERSION, minor: LEDGER_SCHEMA_MINOR };

/** `1.0` */
export function schemaString(v: SchemaVersion): string {
  return `${v.major}.${v.minor}`;
}

/** The newer of two schema versions. */
export function newerSchema(a: SchemaVersion, b: SchemaVersion): SchemaVersion {
  if (a.major !== b.major) return a.major > b.major ? a : b;
  return a.minor >= b.minor ? a : b;
}

/** An item file's content and the schema version it was written with. */
export interface ParsedItem {
  item: LedgerItem;
  schema: SchemaVersion;
}

/** Known event types; a newer minor version may add more. */
export const EVENT_TYPES: readonly LedgerEventType[] = ['created', 'status', 'sprint', 'field', 'resolved', 'reopened', 'moved', 'retitled', 'tracker'];

const TOP_KEYS = ['schema', 'id', 'tag', 'fingerprint', 'firstSeen', 'title', 'owners', 'labels', 'status', 'sprint', 'effort', 'impact', 'outcome', 'resolved', 'trackers', 'file', 'line', 'history'] as const;
/** Top-level keys an item may leave out: `cell` only a notebook item has. */
const OPTIONAL_TOP_KEYS = ['cell'] as const;
const TOP_KEY_SET: ReadonlySet<string> = new Set([...TOP_KEYS, ...OPTIONAL_TOP_KEYS]);
const ADDED_IN_1_1: ReadonlySet<string> = new Set(['owners', 'labels']);
const STAMP_KEYS = ['at', 'commit'];
const RESOLUTION_KEYS = ['at', 'commit', 'author'];
const EDITABLE_KEYS = ['value', 'source', 'comment'];
const TRACKER_REQUIRED = ['tracker', 'key', 'url', 'state', 'stateAt'];
/** Written in this order; a link without the 1.2 keys keeps the bytes it had in 1.1. */
const TRACKER_KEYS = ['tracker', 'key', 'reference', 'url', 'state', 'stateReason', 'stateAt', 'assignees', 'milestone', 'syncedAt', 'pushed'];
const PUSHED_KEYS = ['title', 'sprint', 'estimate'];
const EVENT_KEYS = ['id', 'at', 'type', 'field', 'from', 'to', 'commit', 'by'];
const CELL_KEYS = ['index', 'line', 'column', 'fileLine'];

// ---------------------------------------------------------------------------------------------
// Writing

/**
 * The exact bytes of an item file. Deterministic: fixed key order everywhere (unknown keys from a
 * newer minor version sorted after the known ones), `\n` line endings, a trailing newline.
 */
export function formatItem(item: LedgerItem, schema: SchemaVersion = CURRENT_SCHEMA): string {
  const out: string[] = ['{'];
  const field = (key: string, value: string): void => {
    out.push(`  ${JSON.stringify(key)}: ${value},`);
  };
  const list = (key: string, values: readonly string[], last: boolean): void => {
    // Always multi-line, so the `[` and `]` lines never change and separate neighbours.
    out.push(`  ${JSON.stringify(key)}: [`);
    values.forEach((v, i) => out.push(`    ${v}${i < values.length - 1 ? ',' : ''}`));
    out.push(last ? '  ]' : '  ],');
  };
  field('schema', JSON.stringify(schemaString(schema)));
  field('id', JSON.stringify(item.id));
  field('tag', JSON.stringify(item.tag));
  field('fingerprint', JSON.stringify(item.fingerprint));
  field('firstSeen', objectLine(item.firstSeen, STAMP_KEYS));
  field('title', JSON.stringify(item.title));
  field('owners', canonicalJson(item.owners));
  field('labels', canonicalJson(item.labels));
  field('status', JSON.stringify(item.status));
  field('sprint', canonicalJson(item.sprint));
  field('effort', objectLine(item.effort, EDITABLE_KEYS));
  field('impact', objectLine(item.impact, EDITABLE_KEYS));
  field('outcome', objectLine(item.outcome, EDITABLE_KEYS));
  field('resolved', item.resolved === null ? 'null' : objectLine(item.resolved, RESOLUTION_KEYS));
  list('trackers', item.trackers.map((t) => objectLine(t, TRACKER_KEYS)), false);
  field('file', JSON.stringify(item.file));
  field('line', canonicalJson(item.line));
  if (item.cell) field('cell', objectLine(item.cell, CELL_KEYS));
  for (const key of Object.keys(item.extra ?? {}).sort()) {
    if (TOP_KEY_SET.has(key)) continue;
    field(key, canonicalJson(item.extra?.[key]));
  }
  list('history', item.history.map((e) => objectLine(e, EVENT_KEYS)), true);
  out.push('}', '');
  return out.join('\n');
}

/** A nested object on one line: known keys in `order` (undefined ones left out), then the rest sorted. */
function objectLine(obj: object, order: readonly string[]): string {
  const record = obj as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of order) {
    const v = record[key];
    if (v !== undefined) parts.push(`${JSON.stringify(key)}:${canonicalJson(v)}`);
  }
  const rest = Object.keys(record).filter((k) => !order.includes(k) && record[k] !== undefined).sort();
  for (const key of rest) parts.push(`${JSON.stringify(key)}:${canonicalJson(record[key])}`);
  return `{${parts.join(',')}}`;
}

/** Compact JSON with object keys sorted, so any value has exactly one spelling. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
  }
  return 'null';
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Where in the document a problem is: a top-level key, optionally an element of its array. */
type Where = { key: string; index?: number } | null;

class Invalid extends Error {
  constructor(
    readonly where: Where,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Parses and validates an item file (a leading UTF-8 byte order mark is skipped). Throws `ledger-conflict` on git conflict markers,
 * `ledger-newer-version` for a newer major schema, `ledger-corrupt` for anything else wrong; each
 * names `file:line` and what is wrong. `expectedId` (from the file name) must match the id inside.
 */
export function parseItem(text: string, file: string, expectedId?: string): ParsedItem {
  // A byte order mark some editors put first: not part of the JSON (the doctor removes it).
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const marker = findConflictMarker(text);
  if (marker > 0) {
    throw new PaydownError('ledger-conflict', `${file}:${marker}: git conflict markers: two branches changed this item`, 'Run `paydown ledger doctor` to merge both versions (newer field wins, histories merged).', {
      details: [`${file}:${marker}`],
    });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    const line = jsonErrorLine(text, err);
    const what = err instanceof Error ? err.message.replace(/\s*in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '') : 'invalid JSON';
    throw corrupt(file, line, `invalid JSON: ${what}`);
  }
  try {
    return validateDocument(doc, expectedId);
  } catch (err) {
    if (err instanceof Invalid) throw corrupt(file, lineOf(text, err.where), err.message);
    if (PaydownError.is(err, 'ledger-newer-version')) {
      const line = lineOf(text, { key: 'schema' });
      throw new PaydownError('ledger-newer-version', `${file}:${line}: ${err.message}`, err.hint, { details: [`${file}:${line}`] });
    }
    throw err;
  }
}

function corrupt(file: string, line: number, what: string): PaydownError {
  return new PaydownError('ledger-corrupt', `${file}:${line}: ${what}`, 'Fix the file by hand (git log shows its last good version); Paydown will not overwrite it.', {
    details: [`${file}:${line}`],
  });
}

/** The 1-based line of the first git conflict marker (`<<<<<<<`, `=======`, `>>>>>>>`, `|||||||`), or 0. */
export function findConflictMarker(text: string): number {
  if (!text.includes('<<<<<<<') && !text.includes('>>>>>>>')) return 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (/^(<{7}|>{7}|={7}|\|{7})(?:[ \r]|$)/.test(lines[i] ?? '')) return i + 1;
  }
  return 0;
}

function jsonErrorLine(text: string, err: unknown): number {
  const message = err instanceof Error ? err.message : '';
  const lineCol = /line (\d+) column \d+/.exec(message);
  if (lineCol) return Number(lineCol[1]);
  const pos = /position (\d+)/.exec(message);
  if (pos) return lineAtOffset(text, Number(pos[1]));
  if (/end of (JSON )?input/i.test(message) || text.trim() === '') return Math.max(1, text.replace(/\n$/, '').split('\n').length);
  return 1;
}

function lineAtOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Best-effort line of a top-level key (or an element of its array) in a file laid out as we write it. */
function lineOf(text: string, where: Where): number {
  if (!where) return 1;
  const lines = text.split('\n');
  const keyPrefix = `${JSON.stringify(where.key)}:`;
  const keyLine = lines.findIndex((l) => l.trimStart().startsWith(keyPrefix));
  if (keyLine < 0) return 1;
  if (where.index === undefined) return keyLine + 1;
  // Our layout puts one element per line after the key's line.
  const elementLine = keyLine + 1 + where.index;
  return elementLine < lines.length ? elementLine + 1 : keyLine + 1;
}

function validateDocument(doc: unknown, expectedId: string | undefined): ParsedItem {
  if (!isRecord(doc)) throw new Invalid(null, 'an item file holds one JSON object');
  const schemaValue = doc.schema;
  if (schemaValue === undefined) throw new Invalid(null, 'missing field "schema"');
  const schema = parseSchema(schemaValue);
  if (schema.major > CURRENT_SCHEMA.major) {
    throw new PaydownError('ledger-newer-version', `written by a newer Paydown (ledger schema ${schemaString(schema)}; this version reads ${CURRENT_SCHEMA.major}.x)`, 'Update Paydown to read this ledger; the file was left untouched.');
  }
  if (schema.major < CURRENT_SCHEMA.major) throw new Invalid({ key: 'schema' }, `unsupported schema "${String(schemaValue)}"`);
  const newerMinor = schema.minor > CURRENT_SCHEMA.minor;

  let extra: Record<string, unknown> | undefined;
  for (const key of Object.keys(doc)) {
    if (TOP_KEY_SET.has(key)) continue;
    if (!newerMinor) throw new Invalid({ key }, `unknown field "${key}" in a schema ${schemaString(schema)} file`);
    (extra ??= {})[key] = doc[key];
  }
  for (const key of TOP_KEYS) {
    if (key in doc) continue;
    // Schema 1.0 had no owners and labels: such files read as empty lists (migrated forward on write).
    if (schema.minor < 1 && ADDED_IN_1_1.has(key)) continue;
    throw new Invalid(null, `missing field "${key}"`);
  }

  const id = str(doc, 'id');
  if (!isSafeItemId(id)) throw new Invalid({ key: 'id' }, `"id" is not a valid item id: ${JSON.stringify(id)}`);
  if (expectedId !== undefined && id !== expectedId) throw new Invalid({ key: 'id' }, `"id" ${JSON.stringify(id)} does not match the file name (${expectedId})`);
  const status = doc.status;
  if (typeof status !== 'string' || !(ITEM_STATUSES as readonly string[]).includes(status)) {
    throw new Invalid({ key: 'status' }, `"status" must be one of ${ITEM_STATUSES.join(', ')}`);
  }
  const line = doc.line;
  if (typeof line !== 'number' || !Number.isInteger(line) || line < 0) throw new Invalid({ key: 'line' }, '"line" must be a whole number');
  const sprint = doc.sprint;
  if (sprint !== null && typeof sprint !== 'string') throw new Invalid({ key: 'sprint' }, '"sprint" must be a string or null');

  const item: LedgerItem = {
    id,
    status: status as LedgerItem['status'],
    tag: str(doc, 'tag'),
    title: str(doc, 'title'),
    fingerprint: str(doc, 'fingerprint'),
    owners: stringList(doc, 'owners'),
    labels: stringList(doc, 'labels'),
    file: str(doc, 'file'),
    line,
    firstSeen: stamp(doc.firstSeen, 'firstSeen', newerMinor),
    resolved: doc.resolved === null ? null : resolution(doc.resolved, newerMinor),
    sprint,
    effort: editable(doc.effort, 'effort', newerMinor, (v) => typeof v === 'number' && Number.isFinite(v), 'a number'),
    impact: editable(doc.impact, 'impact', newerMinor, (v) => typeof v === 'string' && (IMPACTS as readonly string[]).includes(v), `one of ${IMPACTS.join(', ')}`),
    outcome: editable(doc.outcome, 'outcome', newerMinor, (v) => typeof v === 'string', 'a string'),
    trackers: array(doc.trackers, 'trackers').map((t, i) => tracker(t, i, newerMinor)),
    history: array(doc.history, 'history').map((e, i) => event(e, i, newerMinor)),
  };
  if (doc.cell !== undefined) item.cell = cell(doc.cell, newerMinor);
  if (extra) item.extra = extra;
  return { item, schema };
}

function parseSchema(value: unknown): SchemaVersion {
  const m = typeof value === 'string' ? /^(\d{1,6})\.(\d{1,6})$/.exec(value) : null;
  if (!m) throw new Invalid({ key: 'schema' }, `"schema" must be a "major.minor" string such as "${schemaString(CURRENT_SCHEMA)}"`);
  return { major: Number(m[1]), minor: Number(m[2]) };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(doc: Record<string, unknown>, key: string): string {
  const v = doc[key];
  if (typeof v !== 'string') throw new Invalid({ key }, `"${key}" must be a string`);
  return v;
}

/** A list of strings; absent (schema 1.0) reads as empty. */
function stringList(doc: Record<string, unknown>, key: string): string[] {
  const v = doc[key];
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) throw new Invalid({ key }, `"${key}" must be a list of strings`);
  return v as string[];
}

function array(v: unknown, key: string): unknown[] {
  if (!Array.isArray(v)) throw new Invalid({ key }, `"${key}" must be an array`);
  return v;
}

/** Checks an object's keys: known ones required/optional as given; unknown ones only from a newer minor. */
function checkKeys(obj: Record<string, unknown>, known: readonly string[], required: readonly string[], where: Where, label: string, newerMinor: boolean): void {
  for (const key of required) if (!(key in obj)) throw new Invalid(where, `${label}: missing "${key}"`);
  if (newerMinor) return;
  for (const key of Object.keys(obj)) if (!known.includes(key)) throw new Invalid(where, `${label}: unknown field "${key}"`);
}

function cell(v: unknown, newerMinor: boolean): LedgerItem['cell'] {
  const where = { key: 'cell' };
  if (!isRecord(v)) throw new Invalid(where, '"cell" must be an object {"index","line","column","fileLine"}');
  checkKeys(v, CELL_KEYS, CELL_KEYS, where, '"cell"', newerMinor);
  const whole = (key: string, min: number): number => {
    const n = v[key];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min) throw new Invalid(where, `"cell": "${key}" must be a whole number${min > 0 ? ` from ${min}` : ''}`);
    return n;
  };
  return { ...v, index: whole('index', 0), line: whole('line', 1), column: whole('column', 1), fileLine: whole('fileLine', 1) };
}

function nullableString(v: unknown): v is string | null {
  return v === null || typeof v === 'string';
}

function stamp(v: unknown, key: string, newerMinor: boolean): Stamp {
  const where = { key };
  if (!isRecord(v)) throw new Invalid(where, `"${key}" must be an object {"at","commit"}`);
  checkKeys(v, STAMP_KEYS, STAMP_KEYS, where, `"${key}"`, newerMinor);
  if (typeof v.at !== 'string') throw new Invalid(where, `"${key}.at" must be an ISO time string`);
  if (!nullableString(v.commit)) throw new Invalid(where, `"${key}.commit" must be a string or null`);
  return v as unknown as Stamp;
}

function resolution(v: unknown, newerMinor: boolean): ResolutionStamp {
  const where = { key: 'resolved' };
  if (!isRecord(v)) throw new Invalid(where, '"resolved" must be null or an object {"at","commit","author"}');
  checkKeys(v, RESOLUTION_KEYS, RESOLUTION_KEYS, where, '"resolved"', newerMinor);
  if (typeof v.at !== 'string') throw new Invalid(where, '"resolved.at" must be an ISO time string');
  if (!nullableString(v.commit) || !nullableString(v.author)) throw new Invalid(where, '"resolved.commit" and "resolved.author" must be strings or null');
  return v as unknown as ResolutionStamp;
}

function editable<T>(v: unknown, key: string, newerMinor: boolean, valid: (x: unknown) => boolean, what: string): Editable<T> {
  const where = { key };
  if (!isRecord(v)) throw new Invalid(where, `"${key}" must be an object {"value","source","comment"}`);
  checkKeys(v, EDITABLE_KEYS, EDITABLE_KEYS, where, `"${key}"`, newerMinor);
  if (v.value !== null && !valid(v.value)) throw new Invalid(where, `"${key}.value" must be null or ${what}`);
  if (v.comment !== null && !valid(v.comment)) throw new Invalid(where, `"${key}.comment" must be null or ${what}`);
  if (v.source !== 'comment' && v.source !== 'ui') throw new Invalid(where, `"${key}.source" must be "comment" or "ui"`);
  return v as unknown as Editable<T>;
}

function tracker(v: unknown, index: number, newerMinor: boolean): TrackerLink {
  const where = { key: 'trackers', index };
  const label = `trackers[${index}]`;
  if (!isRecord(v)) throw new Invalid(where, `${label} must be an object`);
  checkKeys(v, TRACKER_KEYS, TRACKER_REQUIRED, where, label, newerMinor);
  if (typeof v.tracker !== 'string' || typeof v.key !== 'string') throw new Invalid(where, `${label}: "tracker" and "key" must be strings`);
  if (!nullableString(v.url) || !nullableString(v.state) || !nullableString(v.stateAt)) throw new Invalid(where, `${label}: "url", "state" and "stateAt" must be strings or null`);
  // Schema 1.2's keys are optional: a link written before them has none.
  if (v.reference !== undefined && typeof v.reference !== 'string') throw new Invalid(where, `${label}: "reference" must be a string`);
  for (const key of ['stateReason', 'milestone', 'syncedAt'] as const) {
    if (v[key] !== undefined && !nullableString(v[key])) throw new Invalid(where, `${label}: "${key}" must be a string or null`);
  }
  if (v.assignees !== undefined && (!Array.isArray(v.assignees) || v.assignees.some((a) => typeof a !== 'string'))) {
    throw new Invalid(where, `${label}: "assignees" must be a list of strings`);
  }
  if (v.pushed !== undefined) {
    const pushed = v.pushed;
    if (!isRecord(pushed)) throw new Invalid(where, `${label}: "pushed" must be an object {"title","sprint","estimate"}`);
    checkKeys(pushed, PUSHED_KEYS, PUSHED_KEYS, where, `${label}.pushed`, newerMinor);
    if (typeof pushed.title !== 'string' || !nullableString(pushed.sprint) || (pushed.estimate !== null && (typeof pushed.estimate !== 'number' || !Number.isFinite(pushed.estimate)))) {
      throw new Invalid(where, `${label}: "pushed" must hold a string title, a string or null sprint and a number or null estimate`);
    }
  }
  return v as unknown as TrackerLink;
}

function event(v: unknown, index: number, newerMinor: boolean): LedgerEvent {
  const where = { key: 'history', index };
  const label = `history[${index}]`;
  if (!isRecord(v)) throw new Invalid(where, `${label} must be an object`);
  checkKeys(v, EVENT_KEYS, ['id', 'at', 'type'], where, label, newerMinor);
  if (typeof v.id !== 'string' || v.id === '') throw new Invalid(where, `${label}: "id" must be a non-empty string`);
  if (typeof v.at !== 'string') throw new Invalid(where, `${label}: "at" must be an ISO time string`);
  if (typeof v.type !== 'string' || (!newerMinor && !(EVENT_TYPES as readonly string[]).includes(v.type))) {
    throw new Invalid(where, `${label}: "type" must be one of ${EVENT_TYPES.join(', ')}`);
  }
  if (v.field !== undefined && typeof v.field !== 'string') throw new Invalid(where, `${label}: "field" must be a string`);
  if (v.commit !== undefined && !nullableString(v.commit)) throw new Invalid(where, `${label}: "commit" must be a string or null`);
  if (v.by !== undefined && !nullableString(v.by)) throw new Invalid(where, `${label}: "by" must be a string or null`);
  return v as unknown as LedgerEvent;
}
