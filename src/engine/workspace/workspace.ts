/**
 * `openWorkspace(root, ports)`: the engine's one-shot entry point, for the CLI, CI and tests (its
 * long-lived twin, for the editor, is the session in session.ts). It owns the workspace's config,
 * its ledger snapshot and its live items, and runs every use case over them: sync, edit, assign,
 * budget, plan, sprint list, check, review, export, doctor. Each returns a typed, versioned result
 * (results.ts).
 *
 * Invariants: everything outside comes through `ports` (git, clock, identity, logger); nothing
 * here prints, exits or reads the environment. Reads are taken once per workspace and dropped
 * after this workspace writes, so a command that writes then reports reports what it wrote.
 */
import { loadConfig, type PaydownConfig } from '../config/config';
import { addedSince } from '../check/diff';
import type { CheckResult } from '../check/model';
import { runCheck } from '../check/rules';
import { todayOf } from '../dates';
import { PaydownError } from '../errors';
import { CLOSED_STATUSES, parseExportFormat, renderExport, toExportItems } from '../export';
import { ITEM_STATUSES, type ItemStatus } from '../ledger/model';
import { runDoctor, type DoctorReport } from '../ledger/doctor';
import { editItem, type ItemPatch } from '../ledger/edit';
import { overlayLive, type ListedItem } from '../ledger/live';
import { LedgerStore, type LedgerSnapshot, type LedgerStoreOptions } from '../ledger/store';
import type { TagDefinition } from '../model';
import type { Ports } from '../ports';
import { sprintReview } from '../report/review';
import type { ScanResult } from '../scanner/scan';
import type { WalkIo } from '../scanner/walk';
import { assignItems, type AssignOutcome } from '../sprints/assign';
import { autoFill } from '../sprints/autoFill';
import { readChangeHistory } from '../interest/changeHistory';
import { interestIndex, type InterestIndex } from '../interest/interest';
import { computeBudget } from '../sprints/budget';
import { loadTrackerSprints } from '../sprints/trackerCache';
import type { Sprint } from '../sprints/model';
import { ENGINE_VERSION } from '../version';
import { acrossSprints, buildBudgetPage, type AcrossSprints, reportSprintNames } from '../page/budgetPage';
import type { BudgetPage } from '../../protocol/budgetPage';
import * as path from 'node:path';
import type { AssignResult, BackfillResult, BudgetResult, CheckRunResult, EditResult, ExportResult, ItemsResult, PlanResult, ReviewResult, SprintListResult, SyncResult } from './results';
import { RESULT_VERSION } from './results';
import { scanWorkspace } from './scan';
import { sprintCalendar, sprintRows, type SprintCalendar } from './sprints';
import { assertReadable, syncWorkspaceLedger } from './sync';
import { backfillWorkspace, type BackfillRequest } from './backfill';

/** How a workspace is opened, besides its ports. */
export interface OpenWorkspaceOptions {
  /** Folder of the incremental scan cache; none when absent. */
  cacheDir?: string;
  /** Scan worker threads (0: in-process; tests). */
  workers?: number;
  /** File-system calls of an in-process scan; tests inject failures through it. */
  io?: WalkIo;
  /** How the ledger is opened (lock timeouts; crash tests pass a commit hook). */
  ledger?: LedgerStoreOptions;
  /** The process's working directory, kept there while the workspace scans (see `ScanOptions.workingDirectory`). */
  workingDirectory?: string;
  /**
   * The live items from a caller that holds them already (the editor's session, whose picture
   * includes unsaved buffers): `items()` takes them from here instead of scanning.
   */
  live?: () => { items: ListedItem[]; unreadable: PaydownError[] };
}

/** Scan flags that override the config for one scan (the CLI's `scan --tag --include …`). */
export interface ScanOverrides {
  /** Root-relative or absolute files and folders; the whole workspace when absent. */
  paths?: string[];
  /** Only these tags (configured ones keep their settings). */
  tags?: readonly string[];
  /** Match tags in any case. */
  ignoreCase?: boolean;
  include?: readonly string[];
  exclude?: readonly string[];
  signal?: AbortSignal;
}

/** The day a use case measures and plans against, and whose `current` sprint it means. */
export interface DayOptions {
  /** `YYYY-MM-DD`; default: the ports' clock's UTC day. */
  today?: string;
  /** Whose sprint `current` means (team-wide sprints count for every squad). */
  squad?: string | null;
  signal?: AbortSignal;
}

/** Opens the workspace at `root` (an absolute folder): reads its config, nothing else yet. */
export async function openWorkspace(root: string, ports: Ports, options: OpenWorkspaceOptions = {}): Promise<Workspace> {
  const { config } = loadConfig(root);
  return new Workspace(root, loadTrackerSprints(root, config), ports, options);
}

/** One workspace, opened for a command (see the module comment). */
export class Workspace {
  private snapshot: Promise<LedgerSnapshot> | undefined;
  private live: Promise<ItemsResult> | undefined;
  /** The whole-tree scan the last `sync` made: `items()` reads the same code instead of scanning it again. */
  private synced: ScanResult | undefined;
  private interestOn = new Map<string, Promise<InterestIndex>>();

  constructor(
    /** Absolute path of the workspace folder. */
    readonly root: string,
    /** `.paydown/config.jsonc` as read when opened. */
    readonly config: PaydownConfig,
    readonly ports: Ports,
    private readonly options: OpenWorkspaceOptions = {},
  ) {}

  /** The ledger as read (once; again after this workspace writes). */
  ledger(): Promise<LedgerSnapshot> {
    return (this.snapshot ??= LedgerStore.open(this.root, this.options.ledger).load());
  }

  /** Scans the workspace (or `paths` of it) as its config says, with `overrides` applied. */
  scan(overrides: ScanOverrides = {}): Promise<ScanResult> {
    return scanWorkspace({
      root: this.root,
      config: withScanOverrides(this.config, overrides),
      paths: overrides.paths,
      cacheDir: this.options.cacheDir,
      workers: this.options.workers,
      io: this.options.io,
      workingDirectory: this.options.workingDirectory,
      git: this.ports.git,
      signal: overrides.signal,
    });
  }

  /**
   * Every ledger item with its live position (from a cached scan, matched without writing).
   * Unreadable ledger files are left out, each logged as a warning and listed in `unreadable`.
   */
  items(options: { signal?: AbortSignal } = {}): Promise<ItemsResult> {
    return (this.live ??= (async () => {
      if (this.options.live) return { kind: 'items', version: RESULT_VERSION, ...this.options.live() } satisfies ItemsResult;
      const [snapshot, scanned] = await Promise.all([this.ledger(), this.synced ?? this.scan({ signal: options.signal })]);
      for (const error of snapshot.errors) this.ports.logger.warn(error.message);
      return { kind: 'items', version: RESULT_VERSION, items: overlayLive(snapshot, scanned), unreadable: snapshot.errors } satisfies ItemsResult;
    })());
  }

  /** The sprints on `today` and which is current. Never throws. */
  sprints(options: DayOptions = {}): SprintCalendar {
    return sprintCalendar(this.config, this.today(options), options.squad ?? null);
  }

  /** The calendar for a use case that needs its sprints: an unreadable tracker-sprints cache fails it (the ledger's rule), with the cache's own error. */
  private calendar(options: DayOptions): SprintCalendar {
    const calendar = this.sprints(options);
    if (calendar.tracker?.error) throw calendar.tracker.error;
    return calendar;
  }

  /** Records the code's debt in the ledger: new ids, moves, resolutions (nothing written when `dryRun`). */
  async sync(options: { dryRun?: boolean; signal?: AbortSignal } = {}): Promise<SyncResult> {
    const { changes, scan } = await syncWorkspaceLedger({
      root: this.root,
      config: this.config,
      cacheDir: this.options.cacheDir,
      workers: this.options.workers,
      io: this.options.io,
      workingDirectory: this.options.workingDirectory,
      ledger: this.options.ledger,
      git: this.ports.git,
      clock: this.ports.clock,
      dryRun: options.dryRun,
      signal: options.signal,
    });
    if (!options.dryRun) this.written();
    this.synced = scan;
    return { kind: 'sync', version: RESULT_VERSION, changes, scan: scan.stats };
  }

  /** Edits one item (status, sprint, effort, impact, outcome), stamped with the current user. */
  /**
   * Replays the branch's first-parent history to record when each item was first seen and
   * resolved, and removed debt as resolved items (see ledger/backfill.ts), after recording the
   * code's debt as `ledger sync` does; writes unless dry.
   */
  async backfill(request: BackfillRequest = {}): Promise<BackfillResult> {
    // One command on a fresh clone: the code's debt is recorded first, so the history has items to date.
    const recorded = request.dryRun
      ? 0
      : (
          await this.sync({ signal: request.signal }).catch((err: unknown) => {
            // Cancelled while recording: the same cancellation the replay reports, nothing written.
            throw request.signal?.aborted ? new PaydownError('aborted', 'the backfill was cancelled') : err;
          })
        ).changes.created.length;
    const result = await backfillWorkspace({ root: this.root, config: this.config, git: this.ports.git, ledger: this.options.ledger }, request);
    if (!request.dryRun && result.plan.items.length > 0) this.written();
    return { ...result, recorded };
  }

  async edit(id: string, patch: ItemPatch): Promise<EditResult> {
    const item = await editItem(this.root, id, patch, { clock: this.ports.clock, by: await this.who() });
    this.written();
    return { kind: 'edit', version: RESULT_VERSION, item };
  }

  /** Assigns items to the sprint `sprint` names (`current` works; null takes them out). Every id must exist. */
  async assign(ids: readonly string[], sprint: string | null, options: DayOptions & { onlyIfUnplanned?: boolean } = {}): Promise<AssignResult> {
    const name = sprint === null ? null : this.sprint(sprint, options).name;
    const outcomes = await this.assignTo(ids, name, options.onlyIfUnplanned);
    return { kind: 'assign', version: RESULT_VERSION, sprint: name, outcomes };
  }

  /** A sprint's figures (the one rule: an ended sprint's as measured at its end). */
  async budget(sprint: string, options: DayOptions = {}): Promise<BudgetResult> {
    const today = this.today(options);
    const target = this.sprint(sprint, options);
    const { items } = await this.items(options);
    return { kind: 'budget', version: RESULT_VERSION, today, sprint: target, budget: computeBudget(target, items, this.config, today) };
  }

  /** Every sprint's figures, in date order (of `squad` and team-wide ones, when a squad is given). */
  async sprintList(options: DayOptions = {}): Promise<SprintListResult> {
    const calendar = this.calendar(options);
    const { items } = await this.items(options);
    return { kind: 'sprint-list', version: RESULT_VERSION, today: calendar.today, current: calendar.current?.name ?? null, rows: sprintRows(calendar, items, this.config, options.squad ?? null), tracker: calendar.tracker };
  }

  /**
   * A sprint's budget and, with `autoFill`, the best set of open items that fits what is left of
   * it; with `accept`, those items assigned (each only if still open and unplanned).
   */
  async plan(sprint: string, options: DayOptions & { autoFill?: boolean; accept?: boolean; exclude?: readonly string[] } = {}): Promise<PlanResult> {
    const today = this.today(options);
    const target = this.sprint(sprint, options);
    const { items } = await this.items(options);
    const budget = computeBudget(target, items, this.config, today);
    const wanted = options.autoFill === true || options.accept === true;
    const interest = wanted && this.config.planning.weights.interest > 0 ? await this.interest(options) : null;
    const proposal = wanted ? autoFill(target, items, this.config, today, { budget, exclude: options.exclude, interest }) : null;
    const accepted = proposal && options.accept && proposal.picked.length > 0 ? await this.assignTo(proposal.picked.map((c) => c.id), target.name, true) : null;
    const changed = new Map(accepted?.map((o) => [o.id, o.item]));
    const after = accepted ? computeBudget(target, items.map((l) => ({ ...l, item: changed.get(l.item.id) ?? l.item })), this.config, today) : budget;
    return { kind: 'plan', version: RESULT_VERSION, today, sprint: target, budget, proposal, accepted, after };
  }

  /**
   * Interest: how often each file changed in the `planning.interestDays` days up to `today`, on
   * the first-parent history, ranked against the repository's files. Read once per day asked
   * (cached across runs in the cache folder); outside git, or when git fails, nothing bears interest.
   */
  interest(options: DayOptions & { signal?: AbortSignal } = {}): Promise<InterestIndex> {
    const today = this.today(options);
    let index = this.interestOn.get(today);
    if (!index) {
      const now = new Date(Math.min(this.ports.clock.now().getTime(), Date.parse(`${today}T23:59:59.999Z`)));
      index = readChangeHistory(this.ports.git, { days: this.config.planning.interestDays, now, cacheDir: this.options.cacheDir, logger: this.ports.logger, signal: options.signal }).then(interestIndex);
      this.interestOn.set(today, index);
    }
    return index;
  }

  /**
   * `paydown check`: untracked debt, missing required fields, malformed metadata, unknown
   * outcomes and the budget rule, over a fresh scan and the ledger. With `base`, only debt added
   * since that revision counts for the annotation rules.
   */
  async check(options: DayOptions & { base?: string | null } = {}): Promise<CheckRunResult> {
    const today = this.today(options);
    const { signal } = options;
    const git = this.ports.git;
    const base = options.base ?? null;
    // The budget rule needs the sprints: an unreadable tracker-sprints cache fails the check as an unreadable ledger file does.
    this.calendar(options);
    if (base !== null && !git) throw new PaydownError('usage', `--base ${base} needs git, and this workspace is opened without it`, 'run paydown check without --base');
    const [scanned, snapshot, added, renames] = await Promise.all([
      this.scan({ signal }),
      this.ledger(),
      base === null ? Promise.resolve(null) : addedSince(git!, base, signal),
      this.renames(),
    ]);
    assertReadable(snapshot.errors, 'check again');
    const result: CheckResult = runCheck({ scanned: scanned.items, problems: scanned.problems, ledger: snapshot.items, config: this.config, today, added, base, renames });
    return { kind: 'check', version: RESULT_VERSION, today, result, repoPrefix: (await git?.prefix()) ?? '' };
  }

  /**
   * The budget page (the panel's and `report --format html`'s view model) for `sprint` (a name or
   * `current`; absent: the current sprint, else the latest started). An unknown name is a `usage`
   * error; no sprint at all is the page's `no-sprints` state, not an error.
   */
  async budgetPage(options: DayOptions & { sprint?: string | null; planning?: boolean } = {}): Promise<BudgetPage> {
    const selected = options.sprint ? this.sprint(options.sprint, options) : null;
    return (await this.budgetPagesFor([selected], options))[0]!;
  }

  /**
   * The pages an HTML report embeds so its sprint picker works offline: the page of `sprint`
   * (as {@link budgetPage} picks it) first, then one per {@link reportSprintNames}. Read-only
   * pages (no planning); the items are read once.
   */
  async budgetReportPages(options: DayOptions & { sprint?: string | null } = {}): Promise<BudgetPage[]> {
    const selected = options.sprint ? this.sprint(options.sprint, options) : null;
    const [first] = await this.budgetPagesFor([selected], { ...options, planning: false });
    const others = reportSprintNames(first!).map((name) => this.sprint(name, options));
    // The first page's across-sprint figures serve every page: they do not depend on the sprint shown.
    return [first!, ...(await this.budgetPagesFor(others, { ...options, planning: false }, { trends: first!.trends, open: first!.open, planningBegan: first!.planningBegan }))];
  }

  /** One page per entry of `selected` (null: the default sprint), from one read of the items and one across-sprint measure. */
  private async budgetPagesFor(selected: (Sprint | null)[], options: DayOptions & { planning?: boolean }, across?: AcrossSprints): Promise<BudgetPage[]> {
    const calendar = this.sprints(options);
    const { items, unreadable } = await this.items(options);
    const base = {
      workspace: path.basename(this.root),
      sprints: calendar.sprints,
      current: calendar.current,
      items,
      config: this.config,
      today: calendar.today,
      generatedAt: this.ports.clock.now().toISOString(),
      planning: options.planning === true,
      unreadable: unreadable.map((e) => e.message),
      tracker: calendar.tracker,
      interest: options.planning === true ? await this.interest(options) : null,
    };
    const shared = across ?? acrossSprints(base);
    return selected.map((sprint) => buildBudgetPage({ ...base, selected: sprint }, shared));
  }

  /** The facts of a sprint's review (`current` works), measured as of `today`. */
  async review(sprint: string, options: DayOptions = {}): Promise<ReviewResult> {
    const today = this.today(options);
    const target = this.sprint(sprint, options);
    const { items } = await this.items(options);
    return { kind: 'review', version: RESULT_VERSION, review: sprintReview({ sprint: target, sprints: this.sprints(options).sprints, items, config: this.config, today }) };
  }

  /**
   * The ledger's items with live positions as CSV, Markdown, JSON or SARIF. `sprint` selects a
   * configured sprint's items as its figures count them (an ended sprint's are those it held at
   * its end), or, for a name only items carry, the items assigned to it now.
   */
  async export(options: DayOptions & { format: string; status?: readonly ItemStatus[]; sprint?: string | null; bom?: boolean }): Promise<ExportResult> {
    const format = parseExportFormat(options.format);
    const { items: listed } = await this.items(options);
    const today = this.today(options);
    let sprint: string | null = null;
    let ids: Set<string> | null = null;
    if (options.sprint !== undefined && options.sprint !== null) {
      const found = this.sprints(options).find(options.sprint);
      const wanted = options.sprint.trim().toLowerCase();
      const carried = found.sprint ? undefined : listed.map((l) => l.item.sprint).find((s) => s !== null && s.toLowerCase() === wanted);
      if (found.sprint) {
        sprint = found.sprint.name;
        const figures = computeBudget(found.sprint, listed, this.config, today);
        ids = new Set(figures.items.map((i) => i.id));
      } else if (carried && wanted !== 'current') sprint = carried;
      else throw new PaydownError('usage', found.problem.message, found.problem.hint);
    }
    const status = options.status ?? [];
    const interest = await this.interest(options);
    const items = toExportItems(listed, { status, sprint, ids, interest }, this.config.outcomes);
    const generatedAt = this.ports.clock.now().toISOString();
    const held = status.length ? status : ITEM_STATUSES.filter((s) => !CLOSED_STATUSES.includes(s));
    // JSON is the shells' contract (the CLI's envelope and schema): they build it from `items`.
    const text = format === 'json' ? null : renderExport(format, items, { generatedAt, toolVersion: ENGINE_VERSION, sprint, tags: this.config.annotations.tags, bom: options.bom === true });
    const window = { days: interest.history.days, since: interest.history.since };
    return { kind: 'export', version: RESULT_VERSION, format, sprint, count: items.length, items, listed, status: held, generatedAt, text, interest: window };
  }

  /** Validates every ledger file and repairs what is safely repairable. */
  async doctor(options: { dryRun?: boolean } = {}): Promise<DoctorReport> {
    const report = await runDoctor(this.root, { ...this.options.ledger, dryRun: options.dryRun === true });
    if (!options.dryRun) this.written();
    return report;
  }

  private today(options: DayOptions): string {
    return options.today ?? todayOf(this.ports.clock.now());
  }

  /** The sprint `name` (or `current`) stands for; none is a `usage` error with the calendar's hint. */
  private sprint(name: string, options: DayOptions): Sprint {
    const found = this.calendar(options).find(name);
    if (found.problem) throw new PaydownError('usage', found.problem.message, found.problem.hint);
    return found.sprint;
  }

  private async assignTo(ids: readonly string[], sprint: string | null, onlyIfUnplanned?: boolean): Promise<AssignOutcome[]> {
    const outcomes = await assignItems(this.root, ids, sprint, { clock: this.ports.clock, by: await this.who(), onlyIfUnplanned });
    this.written();
    return outcomes;
  }

  /** The name history events are stamped with (the Identity port), or null. */
  private async who(): Promise<string | null> {
    return (await this.ports.identity.current())?.name ?? null;
  }

  /** Files git saw renamed, so check does not take a moved comment for a new one. A git failure is logged, not hidden. */
  private async renames(): Promise<Map<string, string>> {
    const git = this.ports.git;
    if (!git) return new Map();
    try {
      return await git.renames();
    } catch (err) {
      if (!PaydownError.is(err, 'git-failed')) throw err;
      this.ports.logger.warn(`renamed files are not followed: ${err.message}`);
      return new Map();
    }
  }

  /** This workspace wrote the ledger: later reads see it. */
  private written(): void {
    this.snapshot = undefined;
    this.live = undefined;
  }
}

/** The config with a scan's overrides (the config object is never changed). */
function withScanOverrides(config: PaydownConfig, overrides: ScanOverrides): PaydownConfig {
  const tags = overrides.tags?.map((t) => t.trim()).filter(Boolean) ?? [];
  if (tags.length === 0 && !overrides.ignoreCase && !overrides.include?.length && !overrides.exclude?.length) return config;
  const known = new Map(config.annotations.tags.map((t) => [t.name.toUpperCase(), t]));
  return {
    ...config,
    annotations: {
      ...config.annotations,
      tags: tags.length ? tags.map((name): TagDefinition => known.get(name.toUpperCase()) ?? { name }) : config.annotations.tags,
      caseSensitive: overrides.ignoreCase ? false : config.annotations.caseSensitive,
    },
    scan: { ...config.scan, include: [...config.scan.include, ...(overrides.include ?? [])], exclude: [...config.scan.exclude, ...(overrides.exclude ?? [])] },
  };
}
