import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { PaydownError } from '../errors';
import { languageById, supportedLanguages } from '../scanner/languages';
import { defaultPlanning, readPlanning, type PlanningSettings } from './planning';
import { checkKeys, expectObject, readNumber, readStrings, type Problems } from './read';
import { assertNoEscapingLinks } from './workspace';
import { defaultTrackers, readTrackers, type TrackersConfig } from './trackers';
import { DEFAULT_ANNOTATION_OPTIONS, IMPACTS, type AnnotationOptions, type Impact, type TagDefinition } from '../model';

/** Where a workspace keeps its config, relative to the workspace root. */
export const CONFIG_FILE = '.paydown/config.jsonc';

/** What the scanner reads from the config. */
export interface ScanConfig {
  /** Globs (root-relative): when non-empty, only matching files are scanned. */
  include: string[];
  /** Globs (root-relative) of files and folders to leave out. */
  exclude: string[];
  /** Files above this many bytes are skipped. */
  maxFileSize: number;
}

/** A workspace's Paydown configuration, with every default filled in. */
export interface PaydownConfig extends PlanningSettings {
  annotations: AnnotationOptions;
  scan: ScanConfig;
  trackers: TrackersConfig;
}

/** The configuration of a workspace without a config file. */
export function defaultConfig(): PaydownConfig {
  return {
    annotations: { ...DEFAULT_ANNOTATION_OPTIONS, tags: DEFAULT_ANNOTATION_OPTIONS.tags.map((t) => ({ ...t })) },
    scan: { include: [], exclude: [], maxFileSize: 1024 * 1024 },
    ...defaultPlanning(),
    trackers: defaultTrackers(),
  };
}

/** A loaded config and the file it came from (null when the workspace has none). */
export interface LoadedConfig {
  config: PaydownConfig;
  file: string | null;
}

/**
 * Reads `.paydown/config.jsonc` under `root`. A missing file gives the defaults; an unreadable
 * or invalid one throws a PaydownError listing every problem with its path: nothing runs on a
 * half-read config. (The tracker sprints cached beside it are read by the workspace's loader:
 * `loadTrackerSprints`.)
 *
 * Synchronous: the file is a few kilobytes, and the editor opens its sessions with it on the
 * extension host's one thread. Each asynchronous read there waits for its turn behind whatever
 * the other extensions do as the window starts; the first scan cannot start before it.
 */
export function loadConfig(root: string): LoadedConfig {
  assertNoEscapingLinks(root, ['.paydown', CONFIG_FILE]);
  const file = path.join(root, CONFIG_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { config: defaultConfig(), file: null };
    throw new PaydownError('config-unreadable', `cannot read ${CONFIG_FILE}: ${(err as Error).message}`, undefined, { cause: err });
  }
  return { config: parseConfig(text, CONFIG_FILE), file };
}

/** Parses and validates config text; `source` names it in error messages. */
export function parseConfig(text: string, source: string): PaydownConfig {
  const syntaxErrors: ParseError[] = [];
  const raw: unknown = parseJsonc(text, syntaxErrors, { allowTrailingComma: true, disallowComments: false });
  const problems: string[] = syntaxErrors.map((e) => {
    const { line, column } = lineColumnAt(text, e.offset);
    return `${source}:${line}:${column}: ${printParseErrorCode(e.error)}`;
  });
  const config = defaultConfig();
  // The parser recovers from syntax errors, so what it read is checked too: every problem at once.
  readConfigObject(raw, config, problems);
  if (problems.length > 0) {
    throw new PaydownError(
      'config-invalid',
      `${source} is invalid: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`,
      `fix the config; its schema is schemas/config.schema.json`,
      { details: problems },
    );
  }
  return config;
}

function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}


function readConfigObject(raw: unknown, config: PaydownConfig, problems: Problems): void {
  if (raw === undefined) return;
  const root = expectObject(raw, '(root)', problems);
  if (!root) return;
  checkKeys(root, '', ['$schema', 'tags', 'caseSensitive', 'scan', 'effort', 'sprints', 'cadence', 'outcomes', 'planning', 'check', 'trackers'], problems);
  if (root.tags !== undefined) config.annotations.tags = readTags(root.tags, 'tags', problems);
  if (root.caseSensitive !== undefined) {
    if (typeof root.caseSensitive === 'boolean') config.annotations.caseSensitive = root.caseSensitive;
    else problems.push('caseSensitive: must be true or false');
  }
  const scan = root.scan === undefined ? undefined : expectObject(root.scan, 'scan', problems);
  if (scan) {
    checkKeys(scan, 'scan', ['include', 'exclude', 'maxFileSize', 'languages', 'placeholders'], problems);
    if (scan.include !== undefined) config.scan.include = readStrings(scan.include, 'scan.include', problems);
    if (scan.exclude !== undefined) config.scan.exclude = readStrings(scan.exclude, 'scan.exclude', problems);
    if (scan.maxFileSize !== undefined) {
      const size = parseByteSize(scan.maxFileSize);
      if (size === undefined) problems.push(`scan.maxFileSize: must be a number of bytes or a size like "2MiB", got ${JSON.stringify(scan.maxFileSize)}`);
      else config.scan.maxFileSize = size;
    }
    if (scan.languages !== undefined) config.annotations.languages = readLanguageMap(scan.languages, 'scan.languages', problems);
    if (scan.placeholders !== undefined) {
      if (typeof scan.placeholders === 'boolean') config.annotations.placeholders = scan.placeholders;
      else problems.push('scan.placeholders: must be true or false');
    }
  }
  const effort = root.effort === undefined ? undefined : expectObject(root.effort, 'effort', problems);
  if (effort) {
    checkKeys(effort, 'effort', ['hoursPerPoint', 'hoursPerDay'], problems);
    // A day has 24 hours; a point of more than a thousand hours is no longer an estimate.
    const most = { hoursPerPoint: 1000, hoursPerDay: 24 };
    for (const key of ['hoursPerPoint', 'hoursPerDay'] as const) {
      if (effort[key] === undefined) continue;
      const value = readNumber(effort[key], `effort.${key}`, problems, false, { max: most[key] });
      if (value !== undefined) config.annotations[key] = value;
    }
  }
  readPlanning(root, config, problems);
  if (root.trackers !== undefined) readTrackers(root.trackers, config.trackers, problems);
}

/**
 * `scan.languages`: `{ "glob": "language id" }`. Every id must be one Paydown reads; a problem
 * names the glob and lists the ids. Read into `annotations.languages`, which every reader of a
 * document gets (see model.ts).
 */
function readLanguageMap(raw: unknown, where: string, problems: Problems): Record<string, string> {
  const object = expectObject(raw, where, problems);
  const languages: Record<string, string> = {};
  if (!object) return languages;
  for (const [glob, id] of Object.entries(object)) {
    const at = `${where}[${JSON.stringify(glob)}]`;
    if (glob.trim() === '') problems.push(`${at}: the glob is empty; write one like "**/*.tmpl"`);
    else if (typeof id !== 'string' || languageById(id) === undefined) {
      const ids = supportedLanguages().map((l) => l.id);
      problems.push(`${at}: ${JSON.stringify(id)} is not a language Paydown reads; use one of ${ids.join(', ')}`);
    } else languages[glob] = id;
  }
  return languages;
}

function readTags(raw: unknown, where: string, problems: Problems): TagDefinition[] {
  if (!Array.isArray(raw)) {
    problems.push(`${where}: must be a list of tags, e.g. ["TODO", { "name": "DEBT", "impact": "high" }]`);
    return [...DEFAULT_ANNOTATION_OPTIONS.tags];
  }
  const tags: TagDefinition[] = [];
  const seen = new Set<string>();
  raw.forEach((entry: unknown, index) => {
    const at = `${where}[${index}]`;
    let tag: TagDefinition | undefined;
    if (typeof entry === 'string') tag = { name: entry };
    else {
      const object = expectObject(entry, at, problems);
      if (!object) return;
      checkKeys(object, at, ['name', 'impact'], problems);
      if (typeof object.name !== 'string') {
        problems.push(`${at}.name: required, a tag word such as "TODO"`);
        return;
      }
      tag = { name: object.name };
      if (object.impact !== undefined) {
        if (IMPACTS.includes(object.impact as Impact)) tag.impact = object.impact as Impact;
        else problems.push(`${at}.impact: must be one of ${IMPACTS.join(', ')}, got ${JSON.stringify(object.impact)}`);
      }
    }
    if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(tag.name)) {
      problems.push(`${at}: "${tag.name}" is not a tag word (letters, digits, "_" and "-", starting with a letter)`);
      return;
    }
    if (seen.has(tag.name)) {
      problems.push(`${at}: "${tag.name}" is listed twice`);
      return;
    }
    seen.add(tag.name);
    tag.impact ??= DEFAULT_ANNOTATION_OPTIONS.tags.find((t) => t.name === tag.name)?.impact;
    if (tag.impact === undefined) delete tag.impact;
    tags.push(tag);
  });
  if (raw.length === 0) problems.push(`${where}: must name at least one tag`);
  return tags;
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1000, kib: 1024, mb: 1000 ** 2, mib: 1024 ** 2, gb: 1000 ** 3, gib: 1024 ** 3 };

/** `1048576`, `"1MiB"`, `"512 KB"` → bytes; undefined when it is not a size. */
export function parseByteSize(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) && raw > 0 ? Math.floor(raw) : undefined;
  if (typeof raw !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(raw);
  const factor = match ? SIZE_UNITS[match[2]!.toLowerCase()] : undefined;
  if (!match || factor === undefined) return undefined;
  const bytes = Math.floor(Number(match[1]) * factor);
  return bytes > 0 ? bytes : undefined;
}
