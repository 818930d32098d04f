/**
 * The long-lived engine session of one workspace folder, for the editor: it scans once, then
 * keeps its picture current from single documents (every keystroke, through the one-document
 * API) and single files (a watcher), never rescanning what it already knows. Views (tree,
 * decorations, hover, status bar) are projections of `items()`; they never read files.
 *
 * With `thread`, whole-folder scans and syncs run on a thread of their own (thread.ts), and a
 * first scan shows its files as they are found (`progressive`); single documents and files stay
 * on the caller's thread (they take well under a millisecond each). `items()` and
 * `itemsInFile()` return views built once per change of a file (or of the ledger or config):
 * callers must not mutate them.
 */
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { loadConfig, type PaydownConfig } from '../config/config';
import { toWorkspacePath } from '../config/workspace';
import { editItem, type ItemPatch } from '../ledger/edit';
import type { LedgerItem } from '../ledger/model';
import { reconcile } from '../ledger/reconcile';
import { LedgerStore, type LedgerSnapshot } from '../ledger/store';
import type { LedgerChangeSet } from '../ledger/sync';
import { fixedIdentity, silentLogger, systemClock, type Clock, type GitClient, type Identity, type Ports } from '../ports';
import type { DebtItem, Impact, Problem } from '../model';
import { prepareAnnotationOptions, scanDocument } from '../scanner/document';
import { decodeText, detectEncoding, looksBinary } from '../scanner/decode';
import { fileSizeLimit } from '../scanner/languages';
import { scanCoverage, type FileCoverage } from '../scanner/coverage';
import { IGNORE_FILE_NAMES } from '../scanner/ignoreRules';
import type { FileResult } from '../scanner/cache';
import type { ScanResult, ScanStats } from '../scanner/scan';
import { resolveOutcome } from '../sprints/outcomes';
import { scanWorkspace } from '../workspace/scan';
import { sprintCalendar } from '../workspace/sprints';
import { loadTrackerSprints } from '../sprints/trackerCache';
import { buildBudgetPage, type AcrossSprints, reportSprintNames } from '../page/budgetPage';
import type { BudgetPage } from '../../protocol/budgetPage';
import { listedItem, type ListedItem } from '../ledger/live';
import { PaydownError } from '../errors';
import { todayOf } from '../dates';
import { readChangeHistory } from '../interest/changeHistory';
import { interestIndex, type InterestIndex } from '../interest/interest';
import { syncWorkspaceLedger } from '../workspace/sync';
import { scanOffThread, syncOffThread, type ThreadOptions } from './thread';

/** One annotation as the editor shows it: the live comment and what the ledger knows of it. */
export interface SessionItem {
  /** Stable key for views: the ledger id when known, else `file:line:column`. */
  key: string;
  debt: DebtItem;
  /** The ledger item this comment is, or null when it is not in the ledger yet. */
  ledger: LedgerItem | null;
  /** The outcome it serves (its own, by label, or by path). */
  outcome: string | null;
  /** True while the comment exists only in an unsaved editor buffer. */
  unsaved: boolean;
  /**
   * The impact the config gives items of this tag that state none (null when it gives none). A
   * comment's impact equal to it is the default, not something someone said.
   */
  tagImpact: Impact | null;
}

/** What changed: the files whose items changed, or everything. */
export interface SessionChange {
  files: readonly string[] | 'all';
}

export interface SessionOptions {
  /** Absolute path of the workspace folder. */
  root: string;
  cacheDir?: string;
  /** Git for the folder (scans and syncs on the caller's thread); absent or null: none. */
  git?: GitClient | null;
  clock?: Clock;
  /** Who edits (the Identity port): stamps the history of `edit()` when it is not told who. */
  identity?: Identity;
  /**
   * Scan and sync on a thread of their own, their scan workers at this priority (see thread.ts);
   * the editor passes it. Absent: on the caller's thread (tests, tools). A thread cannot take a
   * `git` client or a `clock`: it makes its own git client in `thread.gitEnv` (none when `git`
   * is null) and its time is real.
   */
  thread?: ThreadOptions;
}

/** How a refresh shows what it finds. */
export interface RefreshOptions {
  /**
   * Show files as the scan finds them (each as a change of its file), before the final picture
   * replaces them all: for a first scan, when there is nothing better to show meanwhile.
   */
  progressive?: boolean;
}

type Listener = (change: SessionChange) => void;

interface FileState {
  items: DebtItem[];
  problems: Problem[];
  /** The items are an editor buffer's, which has unsaved edits. */
  unsaved: boolean;
  /**
   * With `unsaved`: the file's comments on disk, as last read (undefined until the disk has been
   * read); a comment of the buffer that is also there is not itself unsaved.
   */
  saved?: readonly DebtItem[];
  /** The items as views see them; built on first use after a change. */
  view?: SessionItem[];
}

export class WorkspaceSession {
  private config: PaydownConfig;
  private files = new Map<string, FileState>();
  private ledger: LedgerSnapshot = { items: [], errors: [], legacy: false };
  private ledgerIndex: LedgerIndex = indexLedger([]);
  private matched = new Map<DebtItem, LedgerItem>();
  /** Ledger ids matched to a comment, and the comment's file. */
  private takenIds = new Map<string, string>();
  private stats: ScanStats | null = null;
  /** `items()` as last built; undefined after any change. */
  private allItems: SessionItem[] | undefined;
  private sortedFiles: string[] | undefined;
  private tagImpacts = new Map<string, Impact>();
  private readonly listeners = new Set<Listener>();
  /** The interest being read or read, and what it was read for (HEAD, window, day). */
  private interestRead: { key: string; index: Promise<InterestIndex> } | undefined;
  private interestLatest: InterestIndex | null = null;
  /** Refreshes started so far: only the latest one's findings are shown (see {@link refresh}). */
  private refreshes = 0;
  /**
   * What a walk of the folder reads, asked per file (coverage.ts: the ignore files above it, the
   * config's globs, Paydown's and Jupyter's own folders), and the files it never reads; forgotten
   * when the rules may have changed (config, an ignore file).
   */
  private walkRules: { coverage: FileCoverage; hidden: Set<string>; settled: Set<string> } | undefined;

  private constructor(
    private readonly options: SessionOptions,
    config: PaydownConfig,
  ) {
    this.config = config;
    this.configChanged();
  }

  /**
   * Opens the session of `options.root`, reading its config. Scans nothing yet: call `refresh()`.
   * Never waits on the event loop (config.ts `loadConfig` says why), so `open` then `refresh` post
   * the scan to its thread in one turn.
   */
  static async open(options: SessionOptions): Promise<WorkspaceSession> {
    const config = loadTrackerSprints(options.root, loadConfig(options.root).config);
    return new WorkspaceSession(options, config);
  }

  get root(): string {
    return this.options.root;
  }

  /** The workspace's config as last read. */
  get settings(): PaydownConfig {
    return this.config;
  }

  /** The ledger as last read (its `errors` name unreadable item files). */
  get ledgerSnapshot(): LedgerSnapshot {
    return this.ledger;
  }

  /** Listens for changes; returns the function that stops listening. */
  onDidChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Scans the whole folder (on worker threads, with the cache) and reads the ledger. Refreshes may
   * overlap (a config reload during the first scan): a refresh that a newer one started after
   * shows nothing more once that happens, not even when it ends last, since it scanned with what
   * was then the config.
   */
  async refresh(signal?: AbortSignal, options: RefreshOptions = {}): Promise<void> {
    const generation = ++this.refreshes;
    const overtaken = (): boolean => this.refreshes !== generation;
    const ledgerLoad = LedgerStore.open(this.root).load();
    // Files found before the ledger is read wait for it: shown unmatched, they would flicker.
    let early: FileResult[] | undefined = options.progressive ? [] : undefined;
    const onFiles = options.progressive
      ? (files: readonly FileResult[]): void => {
          if (early) early.push(...files);
          else if (!overtaken()) this.showFound(files);
        }
      : undefined;
    const scanning = this.scan(signal, onFiles);
    let ledger: LedgerSnapshot;
    try {
      ledger = await ledgerLoad;
    } catch (err) {
      scanning.catch(() => undefined);
      throw err;
    }
    if (early) {
      const found = early;
      early = undefined;
      if (!overtaken()) {
        this.setLedger(ledger);
        if (found.length > 0 && !signal?.aborted) this.showFound(found);
      }
    }
    const scanned = await scanning;
    if (overtaken()) return;
    const unsaved = [...this.files].filter(([, state]) => state.unsaved);
    this.files = new Map();
    for (const item of scanned.items) this.fileState(item.file).items.push(item);
    for (const problem of scanned.problems) this.fileState(problem.file).problems.push(problem);
    // Unsaved buffers stay what the editor shows, whatever the disk says; what it says is what they left unchanged.
    for (const [file, state] of unsaved) this.files.set(file, { ...state, saved: this.files.get(file)?.items ?? [], view: undefined });
    this.setLedger(ledger);
    this.stats = scanned.stats;
    this.matchAll();
    this.emit({ files: 'all' });
  }

  private scan(signal: AbortSignal | undefined, onFiles: ((files: readonly FileResult[]) => void) | undefined): Promise<ScanResult> {
    const { root, cacheDir, thread } = this.options;
    if (!thread) return scanWorkspace({ root, config: this.config, cacheDir, git: this.options.git ?? null, signal, onFiles });
    return scanOffThread({ root, config: this.config, cacheDir }, { ...this.threadOptions(thread), signal, onFiles });
  }

  /** The thread's options: no git there when the session has none. */
  private threadOptions(thread: ThreadOptions): ThreadOptions {
    return this.options.git === null ? { ...thread, gitEnv: null } : thread;
  }

  /** Files a running first scan found: each replaces what was known of it, unless a buffer shows it. */
  private showFound(found: readonly FileResult[]): void {
    const files: string[] = [];
    const buffers: string[] = [];
    for (const { file, items, problems } of found) {
      const buffer = this.files.get(file);
      if (buffer?.unsaved) {
        this.files.set(file, { ...buffer, saved: items, view: undefined });
        buffers.push(file);
        continue;
      }
      const previous = this.files.get(file)?.items;
      this.files.set(file, { items, problems, unsaved: false });
      this.unmatch(previous);
      files.push(file);
    }
    if (files.length > 0) this.matchFiles(files);
    else if (buffers.length > 0) this.allItems = undefined;
    if (files.length + buffers.length > 0) this.emit({ files: [...files, ...buffers] });
  }

  /** What the last full scan looked at, or null before the first. */
  get scanStats(): ScanStats | null {
    return this.stats;
  }


  /** Re-reads `.paydown/config.jsonc`; throws (and keeps the old config) when it is invalid. */
  async reloadConfig(signal?: AbortSignal): Promise<void> {
    this.config = loadTrackerSprints(this.root, loadConfig(this.root).config);
    this.configChanged();
    // The window (planning.interestDays) may have changed: read again what views already show.
    this.interestRead = undefined;
    if (this.interestLatest) void this.interest().catch(() => undefined);
    await this.refresh(signal);
  }

  /**
   * Interest: how often each file changed in the last `planning.interestDays` days of HEAD's
   * first-parent history, ranked against the repository's files (the one reading the CLI and
   * auto-fill use, `readChangeHistory` with the session's cache folder). Read once; read again
   * when HEAD moved (a commit, a checkout, a pull), the config was reloaded or the day changed,
   * so a call while nothing moved costs one `git rev-parse HEAD`. A new reading is announced as
   * a change of everything, for views that show {@link latestInterest}. Without git, nothing
   * bears interest.
   */
  interest(): Promise<InterestIndex> {
    const git = this.options.git ?? null;
    const now = (this.options.clock ?? systemClock).now();
    const days = this.config.planning.interestDays;
    const reading = (git ? git.head().catch(() => null) : Promise.resolve(null)).then((head) => {
      const key = `${head ?? ''} ${days} ${todayOf(now)}`;
      if (this.interestRead?.key === key) return this.interestRead.index;
      const index = readChangeHistory(git, { days, now, cacheDir: this.options.cacheDir }).then(interestIndex);
      this.interestRead = { key, index };
      index.then(
        (read) => {
          if (this.interestRead?.index !== index) return;
          this.interestLatest = read;
          this.emit({ files: 'all' });
        },
        // A failed reading is tried again on the next call.
        () => {
          if (this.interestRead?.index === index) this.interestRead = undefined;
        },
      );
      return index;
    });
    return reading;
  }

  /** The last interest read ({@link interest}), or null before the first: for views that cannot wait. */
  get latestInterest(): InterestIndex | null {
    return this.interestLatest;
  }

  /** Re-reads the ledger (after an edit here, another window, the CLI or a git checkout). */
  async reloadLedger(): Promise<void> {
    this.setLedger(await LedgerStore.open(this.root).load());
    this.matchAll();
    this.emit({ files: 'all' });
  }

  /**
   * An editor buffer's text: its items replace the file's, at once (`unsaved` while the buffer is
   * dirty; a reverted buffer is the disk's text again). Fast enough for
   * every keystroke (one document through the one-document API, and matching within the file).
   */
  updateDocument(absoluteOrRelative: string, text: string, languageId?: string, unsaved = true): readonly SessionItem[] {
    const file = this.relative(absoluteOrRelative);
    // A file the folder's scan never reads (a build output, an ignored folder) holds no debt of the workspace, open or not.
    if (this.walkRules?.hidden.has(file)) return [];
    const scan = scanDocument(text, { file, languageId }, prepareAnnotationOptions(this.config.annotations));
    this.replaceFile(file, { items: scan.items, problems: scan.problems, unsaved, saved: unsaved ? this.savedItems(file) : undefined });
    this.emit({ files: [file] });
    if (scan.items.length > 0 && !this.walkRules?.settled.has(file)) {
      // Asked once per file: the typed rows stay unless the answer is that the scan never reads it.
      void this.hiddenFromWalk(file).then((hidden) => {
        if (hidden && this.files.has(file)) {
          this.replaceFile(file, undefined);
          this.emit({ files: [file] });
        }
      }, () => undefined);
    }
    return this.itemsInFile(file);
  }

  /** The comments of `file` on disk as last read, or undefined before the disk has been read. */
  private savedItems(file: string): readonly DebtItem[] | undefined {
    const state = this.files.get(file);
    if (state) return state.unsaved ? state.saved : state.items;
    return this.stats === null ? undefined : [];
  }

  /** The buffer of `file` was saved or closed: from now on the disk is the truth for it. */
  async revertDocument(absoluteOrRelative: string): Promise<void> {
    await this.fileChangedOnDisk(absoluteOrRelative, true);
  }

  /** A file changed on disk (watcher). An unsaved buffer showing it still does, unless `force`. */
  async fileChangedOnDisk(absoluteOrRelative: string, force = false): Promise<void> {
    const file = this.relative(absoluteOrRelative);
    if (IGNORE_FILE_NAMES.some((name) => file === name || file.endsWith(`/${name}`)) && !(await this.hiddenFromWalk(file))) {
      // The rules changed: what is read may have changed anywhere below (the scan's cache makes this cheap).
      this.walkRules = undefined;
      await this.refresh();
      return;
    }
    const buffer = force ? undefined : this.files.get(file);
    let text: string | undefined;
    try {
      // A FIFO, socket or device is never opened: reading a FIFO waits for a writer forever.
      if (!(await stat(path.join(this.root, file))).isFile()) throw new Error('not a regular file');
      const bytes = await readFile(path.join(this.root, file));
      if (bytes.length <= fileSizeLimit(file, this.config.scan.maxFileSize) && !looksBinary(bytes, bytes.length)) {
        text = decodeText(bytes, bytes.length, detectEncoding(bytes, bytes.length));
      }
    } catch {
      text = undefined; // deleted or unreadable: it holds no items now
    }
    // A build writing its output, an install filling an ignored folder: not the workspace's debt.
    if (text !== undefined && (await this.hiddenFromWalk(file))) text = undefined;
    const scan = text === undefined ? { items: [], problems: [] } : scanDocument(text, { file }, prepareAnnotationOptions(this.config.annotations));
    if (buffer?.unsaved && this.files.get(file) === buffer) {
      this.files.set(file, { ...buffer, saved: scan.items, view: undefined });
      this.allItems = undefined;
      this.emit({ files: [file] });
      return;
    }
    this.replaceFile(file, scan.items.length === 0 && scan.problems.length === 0 ? undefined : { items: scan.items, problems: scan.problems, unsaved: false });
    this.emit({ files: [file] });
  }

  /** True when a scan of the folder never reads `file`: ignored, left out by the globs, minified by its name, or behind a link. */
  private async hiddenFromWalk(file: string): Promise<boolean> {
    const rules = (this.walkRules ??= { coverage: this.walkCoverage(), hidden: new Set(), settled: new Set() });
    const verdict = (await rules.coverage([file])).get(file);
    if (this.walkRules !== rules) return this.hiddenFromWalk(file);
    // Not there (yet): asked again once it is (coverage.ts remembers each answer).
    if (verdict === 'gone') {
      rules.coverage = this.walkCoverage();
      return false;
    }
    rules.settled.add(file);
    const hidden = verdict === 'ignored' || verdict === 'excluded' || verdict === 'minified' || verdict === 'link';
    if (hidden) rules.hidden.add(file);
    return hidden;
  }

  private walkCoverage(): FileCoverage {
    return scanCoverage({ root: this.root, include: this.config.scan.include, exclude: this.config.scan.exclude, annotations: this.config.annotations }, { skipped: [] });
  }

  /** Every annotation, sorted by file, line, column. Built once per change; do not mutate. */
  items(): readonly SessionItem[] {
    if (this.allItems) return this.allItems;
    const out: SessionItem[] = [];
    for (const file of this.files.size === 0 ? [] : (this.sortedFiles ??= [...this.files.keys()].sort())) {
      for (const item of this.itemsInFile(file)) out.push(item);
    }
    return (this.allItems = out);
  }

  /** The annotations of one file, in order. Built once per change of the file; do not mutate. */
  itemsInFile(absoluteOrRelative: string): readonly SessionItem[] {
    const file = this.relative(absoluteOrRelative);
    const state = this.files.get(file);
    if (!state) return [];
    if (state.view) return state.view;
    const unsaved = state.unsaved ? unsavedComments(state.items, state.saved) : undefined;
    state.view = state.items.map((debt) => {
      const ledger = this.matched.get(debt) ?? null;
      return {
        key: ledger?.id ?? `${debt.file}:${debt.line}:${debt.column}`,
        debt,
        ledger,
        outcome: resolveOutcome({ outcome: ledger?.outcome.value ?? debt.outcome, labels: debt.labels, file: debt.file }, this.config.outcomes),
        unsaved: unsaved?.has(debt) ?? false,
        tagImpact: this.tagImpacts.get(debt.tag) ?? null,
      };
    });
    return state.view;
  }

  /** Problems (malformed metadata, unreadable files) of one file, or of all. */
  problems(absoluteOrRelative?: string): Problem[] {
    if (absoluteOrRelative !== undefined) return [...(this.files.get(this.relative(absoluteOrRelative))?.problems ?? [])];
    return [...this.files.values()].flatMap((s) => s.problems);
  }

  /**
   * Every ledger item with its live comment and position when the session holds one (unsaved
   * buffers included), as `Workspace.items()` lists them: what budgets and the page read.
   */
  listedItems(): ListedItem[] {
    const live = new Map<string, DebtItem>();
    for (const [debt, item] of this.matched) live.set(item.id, debt);
    return this.ledger.items.map((item) => {
      return listedItem(item, item.status === 'resolved' ? null : (live.get(item.id) ?? null));
    });
  }

  /**
   * The budget page (the panel's view model) of `sprint` (a name; null: the current sprint, else
   * the latest started) on `today`. An unknown name is a `usage` error.
   */
  budgetPage(options: { today: string; sprint?: string | null; planning?: boolean; now?: Date; interest?: InterestIndex | null }, across?: AcrossSprints): BudgetPage {
    const calendar = sprintCalendar(this.config, options.today);
    let selected = null;
    if (options.sprint) {
      const found = calendar.find(options.sprint);
      if (found.problem) throw new PaydownError('usage', found.problem.message, found.problem.hint);
      selected = found.sprint;
    }
    return buildBudgetPage({
      workspace: path.basename(this.root),
      sprints: calendar.sprints,
      current: calendar.current,
      selected,
      items: this.listedItems(),
      config: this.config,
      today: calendar.today,
      generatedAt: (options.now ?? (this.options.clock ?? systemClock).now()).toISOString(),
      planning: options.planning === true,
      unreadable: this.ledger.errors.map((e) => e.message),
      tracker: calendar.tracker,
      // The last reading unless told: the panel awaits `interest()` first, so it is current.
      interest: options.planning === true ? (options.interest === undefined ? this.interestLatest : options.interest) : null,
    }, across);
  }

  /**
   * What a one-shot `Workspace` over this session's picture needs (useCases.ts): its folder,
   * config, ports, and the live items in place of a scan. Kept apart from this class so the
   * editor's first stages do not carry the use cases' code.
   */
  useCaseParts(): { root: string; config: PaydownConfig; cacheDir: string | undefined; ports: Ports; live: () => { items: ListedItem[]; unreadable: PaydownError[] } } {
    const { root, clock, identity, git, cacheDir } = this.options;
    const ports: Ports = { clock: clock ?? systemClock, logger: silentLogger, identity: identity ?? fixedIdentity(null), git: git ?? null };
    return { root, config: this.config, cacheDir, ports, live: () => ({ items: this.listedItems(), unreadable: [...this.ledger.errors] }) };
  }

  /**
   * The pages a standalone HTML report embeds (`renderBudgetPageHtml`): `sprint`'s first, then
   * one per {@link reportSprintNames}, all read-only.
   */
  budgetReportPages(options: { today: string; sprint?: string | null; now?: Date }): BudgetPage[] {
    const first = this.budgetPage({ ...options, planning: false });
    // The across-sprint figures do not depend on the sprint shown: measured once for every page.
    const across = { trends: first.trends, open: first.open, planningBegan: first.planningBegan };
    return [first, ...reportSprintNames(first).map((sprint) => this.budgetPage({ ...options, sprint, planning: false }, across))];
  }

  /** The ledger item with `id`, matched to a comment or not (resolved items included). */
  ledgerItem(id: string): LedgerItem | undefined {
    return this.ledger.items.find((item) => item.id === id);
  }

  /**
   * Edits a ledger item (status, sprint, effort, …) and refreshes what the views show. The
   * history names `by`, else the session's identity (git's `user.name`), else nobody.
   */
  async edit(id: string, patch: ItemPatch, by?: string | null): Promise<LedgerItem> {
    const who = by !== undefined ? by : ((await this.options.identity?.current())?.name ?? null);
    const item = await editItem(this.root, id, patch, { by: who, clock: this.options.clock });
    await this.reloadLedger();
    return item;
  }

  /** Records the code's debt in the ledger (new ids, moves, resolutions), then refreshes. */
  async sync(options: { dryRun?: boolean; signal?: AbortSignal } = {}): Promise<LedgerChangeSet> {
    const { root, cacheDir, thread } = this.options;
    // On the scan's thread when there is one: its scan then shares the refresh's cache.
    const changes = thread
      ? await syncOffThread({ root, config: this.config, cacheDir, dryRun: options.dryRun ?? false }, { ...this.threadOptions(thread), signal: options.signal })
      : (
          await syncWorkspaceLedger({
            root,
            config: this.config,
            cacheDir,
            git: this.options.git ?? null,
            clock: this.options.clock ?? systemClock,
            dryRun: options.dryRun,
            signal: options.signal,
          })
        ).changes;
    if (!options.dryRun) await this.reloadLedger();
    return changes;
  }

  private relative(absoluteOrRelative: string): string {
    return path.isAbsolute(absoluteOrRelative) ? toWorkspacePath(this.root, absoluteOrRelative) : absoluteOrRelative;
  }

  private fileState(file: string): FileState {
    let state = this.files.get(file);
    if (!state) this.files.set(file, (state = { items: [], problems: [], unsaved: false }));
    return state;
  }

  /** One file's new state (undefined: it holds nothing now), matched within the file. */
  private replaceFile(file: string, state: FileState | undefined): void {
    this.unmatch(this.files.get(file)?.items);
    if (state) this.files.set(file, state);
    else this.files.delete(file);
    this.matchFiles([file]);
  }

  private configChanged(): void {
    this.walkRules = undefined;
    this.tagImpacts = new Map(this.config.annotations.tags.filter((t) => t.impact !== undefined).map((t) => [t.name, t.impact!]));
    this.invalidate();
  }

  private setLedger(ledger: LedgerSnapshot): void {
    this.ledger = ledger;
    this.ledgerIndex = indexLedger(ledger.items);
  }

  /** Forgets every view (a new ledger, config or full picture). */
  private invalidate(): void {
    for (const state of this.files.values()) state.view = undefined;
    this.allItems = undefined;
    this.sortedFiles = undefined;
  }

  /** Matches every comment to its ledger item (reconcile, writing nothing). */
  private matchAll(): void {
    const scanned = [...this.files.values()].flatMap((s) => s.items);
    this.matched = matchToLedger(scanned, this.ledger.items);
    this.takenIds = new Map([...this.matched].map(([debt, item]) => [item.id, debt.file]));
    this.invalidate();
  }

  /** Drops the matches of comments that are being replaced. */
  private unmatch(previous: readonly DebtItem[] | undefined): void {
    for (const debt of previous ?? []) {
      const item = this.matched.get(debt);
      if (!item) continue;
      this.matched.delete(debt);
      this.takenIds.delete(item.id);
    }
  }

  /**
   * Matches the comments of `files` (their old matches already dropped): against those files'
   * ledger items and the ids they name that no other file's comment holds.
   */
  private matchFiles(files: readonly string[]): void {
    this.allItems = undefined;
    this.sortedFiles = undefined;
    for (const file of files) {
      const state = this.files.get(file);
      if (!state) continue;
      state.view = undefined;
      if (state.items.length === 0) continue;
      const candidates = new Set<LedgerItem>();
      for (const item of this.ledgerIndex.byFile.get(file) ?? []) if (!this.takenIds.has(item.id)) candidates.add(item);
      for (const debt of state.items) {
        const named = debt.id === null ? undefined : this.ledgerIndex.byId.get(debt.id);
        if (named && !this.takenIds.has(named.id)) candidates.add(named);
      }
      for (const [debt, item] of matchToLedger(state.items, [...candidates])) {
        this.matched.set(debt, item);
        this.takenIds.set(item.id, file);
      }
    }
  }

  private emit(change: SessionChange): void {
    for (const listener of [...this.listeners]) listener(change);
  }
}

/** The ledger's items by file and by id, for matching one file at a time. */
interface LedgerIndex {
  byFile: Map<string, LedgerItem[]>;
  byId: Map<string, LedgerItem>;
}

function indexLedger(items: readonly LedgerItem[]): LedgerIndex {
  const byFile = new Map<string, LedgerItem[]>();
  const byId = new Map<string, LedgerItem>();
  for (const item of items) {
    byId.set(item.id, item);
    const list = byFile.get(item.file);
    if (list) list.push(item);
    else byFile.set(item.file, [item]);
  }
  return { byFile, byId };
}

/** Which ledger item each scanned comment is (new comments are left out). */
function matchToLedger(scanned: DebtItem[], ledger: readonly LedgerItem[]): Map<DebtItem, LedgerItem> {
  const byId = new Map(ledger.map((item) => [item.id, item]));
  const out = new Map<DebtItem, LedgerItem>();
  if (scanned.length === 0 || ledger.length === 0) return out;
  const { matches } = reconcile({ scanned, ledger, now: new Date(0).toISOString(), commit: null });
  for (const match of matches) {
    const item = match.kind === 'new' ? undefined : byId.get(match.id);
    if (item) out.set(scanned[match.index]!, item);
  }
  return out;
}

/**
 * The comments of an unsaved buffer that are not in its file on disk (`saved`; all of them while
 * the disk is unread): each saved comment accounts for one buffer comment that reads the same,
 * wherever it now stands.
 */
function unsavedComments(items: readonly DebtItem[], saved: readonly DebtItem[] | undefined): Set<DebtItem> {
  if (saved === undefined) return new Set(items);
  const onDisk = new Map<string, number>();
  for (const debt of saved) {
    const key = commentContent(debt);
    onDisk.set(key, (onDisk.get(key) ?? 0) + 1);
  }
  const unsaved = new Set<DebtItem>();
  for (const debt of items) {
    const key = commentContent(debt);
    const left = onDisk.get(key) ?? 0;
    if (left > 0) onDisk.set(key, left - 1);
    else unsaved.add(debt);
  }
  return unsaved;
}

/** What a comment says, without where it stands (nor the language, which an editor may name its own way). */
function commentContent(debt: DebtItem): string {
  const { file: _file, line: _line, column: _column, end: _end, cell: _cell, language: _language, problems, ...said } = debt;
  return JSON.stringify([said, problems.map((p) => p.message)]);
}
