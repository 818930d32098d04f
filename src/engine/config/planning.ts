/**
 * The planning part of `.paydown/config.jsonc`: sprints and their protected debt budget (listed
 * here, or read from a tracker: `"sprints": { "from": "jira", … }`), the cadence that generates
 * future sprints, the team's outcomes, auto-fill weights and `check` rules.
 *
 * Invariant: a tracker only ever supplies a sprint's name, dates and (sometimes) capacity; the
 * debt budget is always the config's (the team's rule, not the tracker's).
 */
import { checkKeys, describeValue, expectObject, readDate, readName, readNumber, readStrings, type Problems } from './read';
import { readScope, SPRINT_TRACKERS, SCOPE_KEYS, type SprintOverride, type TrackerSprintsConfig, type TrackerSprintsState } from './trackerSprints';

// The tracker form's types, where the rest of the planning config's are.
export { scopeLabel, SPRINT_TRACKERS, type CachedSprint, type SprintOverride, type SprintTracker, type TrackerSprintScope, type TrackerSprintsCache, type TrackerSprintsConfig, type TrackerSprintsState } from './trackerSprints';

/**
 * Upper bounds of the config's numbers: far beyond any real team, and small enough that budget
 * arithmetic stays exact (no `Infinity pts`) and every generated sprint date is a real date.
 */
export const CONFIG_LIMITS = {
  /** Capacities, budgets in points and the default estimate. */
  points: 1_000_000,
  /** A cadence sprint's length. */
  lengthDays: 365,
  /** A cadence's first sprint number. */
  firstNumber: 1_000_000,
  /** Each auto-fill weight. */
  weight: 1_000,
  /** The interest window, in days. */
  interestDays: 3_650,
} as const;

/** A debt budget: a share of the sprint's capacity (`"20%"` → 0.2) or a number of points. */
export type BudgetSpec = { share: number } | { points: number };

/** A sprint as configured. Dates are `YYYY-MM-DD`, both inclusive. */
export interface SprintConfig {
  name: string;
  start: string;
  end: string;
  /** Capacity in points. */
  capacity: number;
  debtBudget: BudgetSpec;
  squad: string | null;
}

/** Generates sprints after the configured ones: every `lengthDays` days from `start`. */
export interface CadenceConfig {
  /** Start of the first generated sprint. */
  start: string;
  lengthDays: number;
  capacity: number;
  debtBudget: BudgetSpec;
  /** Name pattern: `{n}` the sprint's number (from `firstNumber`), `{start}` its start date. */
  name: string;
  firstNumber: number;
  squad: string | null;
}

/** What an outcome's name may be: what `outcome:NAME` can carry (no spaces, no formula prefix). */
export const OUTCOME_NAME = /^[\p{L}\p{N}_][\p{L}\p{N}_.-]*$/u;

/** A business outcome debt work is argued for; items inherit it from their labels or paths. */
export interface OutcomeConfig {
  name: string;
  description: string;
  /** Globs (root-relative): items in matching files serve this outcome. */
  paths: string[];
  /** Items with one of these labels serve this outcome. */
  labels: string[];
}

/** How auto-fill values an item: weights of impact, age, due date and interest. */
export interface PlanningConfig {
  /** Points assumed for an unestimated item in budget math and auto-fill; null: unestimated items are left out and warned about. */
  defaultEstimate: number | null;
  weights: { impact: number; age: number; due: number; interest: number };
  /** The window interest is measured over: commits to an item's file in the last this many days. */
  interestDays: number;
}

/** Fields `check` can require on an annotation. */
export const CHECKABLE_FIELDS = ['owner', 'effort', 'impact', 'outcome', 'id'] as const;
export type CheckableField = (typeof CHECKABLE_FIELDS)[number];

/** What `paydown check` enforces. */
export interface CheckConfig {
  /** Fail when an annotation is not in the ledger (run `paydown ledger sync` and commit it). */
  untracked: boolean;
  /** Fields every annotation (of `tags`, when given) must carry. */
  required: CheckableField[];
  /** The tags `required` applies to; empty: all tags. */
  tags: string[];
  /** Once a sprint has started, at least this share of its protected budget must be allocated (0–1). */
  minAllocatedShare: number;
}

/** The planning configuration, with defaults filled in. */
export interface PlanningSettings {
  /** Sprints listed in the config (in the tracker form: its entries with dates, defaults filled in). */
  sprints: SprintConfig[];
  /** Where tracker sprints come from, or null when every sprint is listed here. */
  sprintsFrom: TrackerSprintsConfig | null;
  /**
   * The tracker sprints cached in `.paydown/tracker-sprints.json`, as the workspace's loader read
   * them (`loadTrackerSprints`; the config alone leaves null: nothing read). Only with `sprintsFrom`.
   */
  trackerSprints: TrackerSprintsState | null;
  cadence: CadenceConfig | null;
  outcomes: OutcomeConfig[];
  planning: PlanningConfig;
  check: CheckConfig;
}

export function defaultPlanning(): PlanningSettings {
  return {
    sprints: [],
    sprintsFrom: null,
    trackerSprints: null,
    cadence: null,
    outcomes: [],
    planning: { defaultEstimate: null, weights: { impact: 1, age: 1, due: 1, interest: 1 }, interestDays: 90 },
    check: { untracked: true, required: [], tags: [], minAllocatedShare: 1 },
  };
}

/** Reads the planning sections of the config's root object into `settings`. */
export function readPlanning(root: Record<string, unknown>, settings: PlanningSettings, problems: Problems): void {
  // Dates and squads of every sprint whose dates could be read, valid or not, so that one bad
  // field does not hide an overlap or a duplicate until it is fixed.
  const sprintRanges: SprintRange[] = [];
  let cadenceStart: { start: string; squad: string | null } | undefined;
  if (root.sprints !== undefined && isPlainObject(root.sprints)) {
    const read = readTrackerSprints(root.sprints, problems, sprintRanges);
    settings.sprintsFrom = read.from;
    settings.sprints = read.sprints;
    // A cadence would invent sprints between the tracker's: the tracker's calendar is the team's.
    if (root.cadence !== undefined) problems.push('cadence: cannot be used with sprints.from (the tracker says when sprints start and end); remove "cadence", or list sprints here instead of reading them');
  } else {
    if (root.sprints !== undefined) settings.sprints = readSprints(root.sprints, problems, sprintRanges);
    if (root.cadence !== undefined) settings.cadence = readCadence(root.cadence, problems, (start, squad) => (cadenceStart = { start, squad }));
  }
  if (root.outcomes !== undefined) settings.outcomes = readOutcomes(root.outcomes, problems);
  const planning = root.planning === undefined ? undefined : expectObject(root.planning, 'planning', problems);
  if (planning) {
    checkKeys(planning, 'planning', ['defaultEstimate', 'weights', 'interestDays'], problems);
    if (planning.interestDays !== undefined) {
      const days = readNumber(planning.interestDays, 'planning.interestDays', problems, false, { max: CONFIG_LIMITS.interestDays, integer: true });
      if (days !== undefined) settings.planning.interestDays = days;
    }
    if (planning.defaultEstimate !== undefined) {
      settings.planning.defaultEstimate =
        planning.defaultEstimate === null ? null : (readNumber(planning.defaultEstimate, 'planning.defaultEstimate', problems, false, { max: CONFIG_LIMITS.points }) ?? null);
    }
    const weights = planning.weights === undefined ? undefined : expectObject(planning.weights, 'planning.weights', problems);
    if (weights) {
      checkKeys(weights, 'planning.weights', ['impact', 'age', 'due', 'interest'], problems);
      for (const key of ['impact', 'age', 'due', 'interest'] as const) {
        if (weights[key] === undefined) continue;
        const value = readNumber(weights[key], `planning.weights.${key}`, problems, true, { max: CONFIG_LIMITS.weight });
        if (value !== undefined) settings.planning.weights[key] = value;
      }
    }
  }
  const check = root.check === undefined ? undefined : expectObject(root.check, 'check', problems);
  if (check) {
    checkKeys(check, 'check', ['untracked', 'required', 'tags', 'minAllocatedShare'], problems);
    if (check.untracked !== undefined) {
      if (typeof check.untracked === 'boolean') settings.check.untracked = check.untracked;
      else problems.push('check.untracked: must be true or false');
    }
    if (check.required !== undefined) {
      const required = readStrings(check.required, 'check.required', problems);
      for (const [i, field] of required.entries()) {
        if (!(CHECKABLE_FIELDS as readonly string[]).includes(field)) problems.push(`check.required[${i}]: must be one of ${CHECKABLE_FIELDS.join(', ')}, got "${field}"`);
      }
      settings.check.required = required.filter((f): f is CheckableField => (CHECKABLE_FIELDS as readonly string[]).includes(f));
    }
    if (check.tags !== undefined) settings.check.tags = readStrings(check.tags, 'check.tags', problems);
    if (check.minAllocatedShare !== undefined) {
      const share = parseShare(check.minAllocatedShare);
      if (share === undefined) problems.push(`check.minAllocatedShare: must be a share like "80%" or 0.8, got ${JSON.stringify(check.minAllocatedShare)}`);
      else settings.check.minAllocatedShare = share;
    }
  }
  checkCrossReferences(sprintRanges, cadenceStart, problems);
}

/** Where a configured sprint sits, for the checks across sprints. */
interface SprintRange {
  /** Its index in the config's list (problems name it so). */
  index: number;
  name: string | undefined;
  /** Undefined when the dates cannot be read or end before they start. */
  start: string | undefined;
  end: string | undefined;
  squad: string | null;
}

/** Defaults of the tracker form's entries: what an entry that leaves a field out gets. */
interface EntryDefaults {
  capacity: number | undefined;
  debtBudget: BudgetSpec | undefined;
  squad: string | null;
}

function readSprints(raw: unknown, problems: Problems, ranges: SprintRange[], where = 'sprints', form?: { defaults: EntryDefaults; overrides: SprintOverride[] }): SprintConfig[] {
  if (!Array.isArray(raw)) {
    problems.push(`${where}: must be a list of sprints, e.g. [{ "name": "S24", "start": "2026-11-02", "end": "2026-11-13", "capacity": 40, "debtBudget": "20%" }]`);
    return [];
  }
  const sprints: SprintConfig[] = [];
  raw.forEach((entry: unknown, index) => {
    const at = `${where}[${index}]`;
    const object = expectObject(entry, at, problems);
    if (!object) return;
    checkKeys(object, at, ['name', 'start', 'end', 'capacity', 'debtBudget', 'squad'], problems);
    const name = readName(object.name, `${at}.name`, problems);
    // In the tracker form an entry may leave out what the form gives (and, to override a tracker
    // sprint, its dates): only what is written is checked.
    const optional = (key: string): boolean => form !== undefined && object[key] === undefined;
    const start = optional('start') ? undefined : readDate(object.start, `${at}.start`, problems);
    const end = optional('end') ? undefined : readDate(object.end, `${at}.end`, problems);
    const ownCapacity = optional('capacity') ? undefined : readNumber(object.capacity, `${at}.capacity`, problems, true, { max: CONFIG_LIMITS.points });
    const ownBudget = optional('debtBudget') ? undefined : readBudget(object.debtBudget, `${at}.debtBudget`, problems);
    const ownSquad = object.squad === undefined ? undefined : object.squad === null ? null : (readName(object.squad, `${at}.squad`, problems) ?? null);
    if (form && (object.start === undefined) !== (object.end === undefined)) {
      problems.push(`${at}: give both "start" and "end" (a sprint of its own), or neither (to override the tracker sprint named "${name ?? ''}")`);
    }
    const capacity = ownCapacity ?? form?.defaults.capacity;
    const debtBudget = ownBudget ?? form?.defaults.debtBudget;
    const squad = ownSquad === undefined ? (form?.defaults.squad ?? null) : ownSquad;
    const ordered = start !== undefined && end !== undefined && end >= start;
    if (start && end && !ordered) problems.push(`${at}.end: ${end} is before start ${start}`);
    checkBudgetFits(debtBudget, capacity, at, problems);
    if (form && name) form.overrides.push({ name, capacity: ownCapacity ?? null, debtBudget: ownBudget ?? null, ...(ownSquad !== undefined ? { squad: ownSquad } : {}), dated: object.start !== undefined || object.end !== undefined });
    if (form && object.start === undefined && object.end === undefined) return;
    ranges.push({ index, name, start: ordered ? start : undefined, end: ordered ? end : undefined, squad });
    if (name && start && end && capacity !== undefined && debtBudget) sprints.push({ name, start, end, capacity, debtBudget, squad });
  });
  const seen = new Map<string, number>();
  ranges.forEach((sprint, i) => {
    if (sprint.name !== undefined) {
      const first = seen.get(sprint.name);
      if (first !== undefined) problems.push(`${where}[${sprint.index}].name: "${sprint.name}" is also the name of ${where}[${first}]`);
      else seen.set(sprint.name, sprint.index);
    }
    if (sprint.start === undefined || sprint.end === undefined) return;
    for (const o of ranges.slice(0, i)) {
      if (o.start !== undefined && o.end !== undefined && o.squad === sprint.squad && o.start <= sprint.end && sprint.start <= o.end) {
        problems.push(`${where}[${sprint.index}]: ${sprint.start}…${sprint.end} overlaps ${where}[${o.index}]${o.name ? ` (${o.name})` : ''}${sprint.squad ? ` of squad ${sprint.squad}` : ''}`);
      }
    }
  });
  return sprints;
}

function isPlainObject(raw: unknown): raw is Record<string, unknown> {
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw);
}

const TRACKER_FORM_KEYS = ['from', 'board', 'project', 'iterationField', 'group', 'team', 'capacity', 'debtBudget', 'squad', 'sprints'];

/** `"sprints": { "from": … }`: the tracker, its ids, the defaults and budget of its sprints, and the entries listed beside them. */
function readTrackerSprints(object: Record<string, unknown>, problems: Problems, ranges: SprintRange[]): { from: TrackerSprintsConfig | null; sprints: SprintConfig[] } {
  checkKeys(object, 'sprints', TRACKER_FORM_KEYS, problems);
  const tracker = SPRINT_TRACKERS.find((t) => t === object.from);
  if (!tracker) {
    problems.push(
      object.from === undefined
        ? 'sprints.from: required in this form (the tracker to read sprints from: "jira", "github", "gitlab" or "linear"); to list sprints here, make "sprints" a list'
        : `sprints.from: must be "jira", "github", "gitlab" or "linear", got ${describeValue(object.from)}`,
    );
  }
  for (const key of ['board', 'project', 'iterationField', 'group', 'team']) {
    if (object[key] !== undefined && tracker && !SCOPE_KEYS[tracker].includes(key)) problems.push(`sprints.${key}: not a setting of "from": "${tracker}" (it takes ${SCOPE_KEYS[tracker].join(', ')})`);
  }
  const scope = tracker ? readScope(tracker, object, problems) : undefined;
  const capacity = object.capacity === undefined ? (problems.push('sprints.capacity: required: the capacity in points of tracker sprints that carry none'), undefined) : readNumber(object.capacity, 'sprints.capacity', problems, true, { max: CONFIG_LIMITS.points });
  const debtBudget = object.debtBudget === undefined ? (problems.push('sprints.debtBudget: required: the share of each tracker sprint protected for debt, like "20%", or a number of points'), undefined) : readBudget(object.debtBudget, 'sprints.debtBudget', problems);
  checkBudgetFits(debtBudget, capacity, 'sprints', problems);
  const squad = object.squad === undefined || object.squad === null ? null : (readName(object.squad, 'sprints.squad', problems) ?? null);
  const overrides: SprintOverride[] = [];
  const sprints = object.sprints === undefined ? [] : readSprints(object.sprints, problems, ranges, 'sprints.sprints', { defaults: { capacity, debtBudget, squad }, overrides });
  if (!scope || capacity === undefined || !debtBudget) return { from: null, sprints };
  return { from: { scope, capacity, debtBudget, squad, overrides }, sprints };
}

/** A budget in points must fit the capacity it is protected from. */
function checkBudgetFits(budget: BudgetSpec | undefined, capacity: number | undefined, at: string, problems: Problems): void {
  if (budget && 'points' in budget && capacity !== undefined && budget.points > capacity) {
    problems.push(`${at}.debtBudget: ${budget.points} points is more than the capacity of ${capacity}`);
  }
}

function readCadence(raw: unknown, problems: Problems, onStart: (start: string, squad: string | null) => void): CadenceConfig | null {
  const object = expectObject(raw, 'cadence', problems);
  if (!object) return null;
  checkKeys(object, 'cadence', ['start', 'lengthDays', 'capacity', 'debtBudget', 'name', 'firstNumber', 'squad'], problems);
  const start = readDate(object.start, 'cadence.start', problems);
  const lengthDays = readNumber(object.lengthDays, 'cadence.lengthDays', problems, false, { max: CONFIG_LIMITS.lengthDays, integer: true });
  const capacity = readNumber(object.capacity, 'cadence.capacity', problems, true, { max: CONFIG_LIMITS.points });
  const debtBudget = readBudget(object.debtBudget, 'cadence.debtBudget', problems);
  checkBudgetFits(debtBudget, capacity, 'cadence', problems);
  const name = object.name === undefined ? 'Sprint {n}' : readName(object.name, 'cadence.name', problems);
  if (name !== undefined && !name.includes('{n}') && !name.includes('{start}')) problems.push('cadence.name: must contain {n} or {start} so each sprint gets its own name');
  const firstNumber = object.firstNumber === undefined ? 1 : readNumber(object.firstNumber, 'cadence.firstNumber', problems, true, { max: CONFIG_LIMITS.firstNumber, integer: true });
  const squad = object.squad === undefined || object.squad === null ? null : (readName(object.squad, 'cadence.squad', problems) ?? null);
  if (start) onStart(start, squad);
  if (!start || lengthDays === undefined || capacity === undefined || !debtBudget || !name || firstNumber === undefined) return null;
  return { start, lengthDays, capacity, debtBudget, name, firstNumber, squad };
}

function readOutcomes(raw: unknown, problems: Problems): OutcomeConfig[] {
  if (!Array.isArray(raw)) {
    problems.push('outcomes: must be a list, e.g. [{ "name": "reliability", "description": "Fewer incidents", "paths": ["src/payments/**"] }]');
    return [];
  }
  const outcomes: OutcomeConfig[] = [];
  const seen = new Set<string>();
  raw.forEach((entry: unknown, index) => {
    const at = `outcomes[${index}]`;
    const object = expectObject(entry, at, problems);
    if (!object) return;
    checkKeys(object, at, ['name', 'description', 'paths', 'labels'], problems);
    const name = readName(object.name, `${at}.name`, problems);
    if (!name) return;
    if (!OUTCOME_NAME.test(name)) {
      problems.push(`${at}.name: "${name}" cannot be written as outcome:${name} (letters, digits, "_", "-" and ".")`);
      return;
    }
    if (seen.has(name)) problems.push(`${at}.name: "${name}" is listed twice`);
    seen.add(name);
    const description = object.description === undefined ? '' : typeof object.description === 'string' ? object.description : (problems.push(`${at}.description: must be a string`), '');
    const paths = object.paths === undefined ? [] : readStrings(object.paths, `${at}.paths`, problems);
    const labels = object.labels === undefined ? [] : readStrings(object.labels, `${at}.labels`, problems).map((l) => l.replace(/^#/, ''));
    outcomes.push({ name, description, paths, labels });
  });
  return outcomes;
}

function readBudget(raw: unknown, where: string, problems: Problems): BudgetSpec | undefined {
  if (typeof raw === 'number' && Number.isFinite(raw) && raw >= 0 && raw <= CONFIG_LIMITS.points) return { points: raw };
  if (typeof raw === 'string') {
    const share = parseShare(raw);
    if (share !== undefined && raw.trim().endsWith('%')) return { share };
  }
  if (typeof raw === 'number' && raw > CONFIG_LIMITS.points) problems.push(`${where}: must be at most ${CONFIG_LIMITS.points} points, got ${describeValue(raw)}`);
  else problems.push(`${where}: must be a share of capacity like "20%" or a number of points, got ${describeValue(raw)}`);
  return undefined;
}

/** `"20%"` → 0.2, `0.8` → 0.8; undefined outside 0–100%. */
export function parseShare(raw: unknown): number | undefined {
  let share: number | undefined;
  if (typeof raw === 'number') share = raw;
  else if (typeof raw === 'string') {
    const m = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(raw);
    if (m) share = Number(m[1]) / 100;
  }
  return share !== undefined && Number.isFinite(share) && share >= 0 && share <= 1 ? share : undefined;
}

function checkCrossReferences(sprints: readonly SprintRange[], cadence: { start: string; squad: string | null } | undefined, problems: Problems): void {
  if (!cadence) return;
  const lastEnd = sprints.filter((s) => s.squad === cadence.squad).reduce((max, s) => (s.end !== undefined && s.end > max ? s.end : max), '');
  if (lastEnd && cadence.start <= lastEnd) problems.push(`cadence.start: ${cadence.start} must be after the last configured sprint, which ends ${lastEnd}`);
}
