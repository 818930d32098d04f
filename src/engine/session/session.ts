/**
 * The long-lived engine session of one workspace folder, for the editor: it scans once, then
 * keeps its picture current from single documents (every keystroke, through the one-document
 * API) and single files (a watcher), never rescanning what it already knows. Views (tree,
 * decorations, hover, status bar) are projections of `items()`; they never read files.
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
import { systemClock, type Clock, type GitClient } from '../ports';
import type { DebtItem, Problem } from '../model';
import { prepareAnnotationOptions, scanDocument } from '../scanner/document';
import { decodeText, detectEncoding, looksBinary } from '../scanner/decode';
import type { ScanStats } from '../scanner/scan';
import { resolveOutcome } from '../sprints/outcomes';
import { scanWorkspace } from '../workspace/scan';
import { syncWorkspaceLedger } from '../workspace/sync';

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
}

/** What changed: the files whose items changed, or everything. */
export interface SessionChange {
  files: readonly string[] | 'all';
}

export interface SessionOptions {
  /** Absolute path of the workspace folder. */
  root: string;
  cacheDir?: string;
  git?: GitClient | null;
  clock?: Clock;
}

type Listener = (change: SessionChange) => void;

interface FileState {
  items: DebtItem[];
  problems: Problem[];
  unsaved: boolean;
}

export class WorkspaceSession {
  private config: PaydownConfig;
  private files = new Map<string, FileState>();
  private ledger: LedgerSnapshot = { items: [], errors: [], legacy: false };
  private matched = new Map<DebtItem, LedgerItem>();
  private stats: ScanStats | null = null;
  private readonly listeners = new Set<Listener>();

  private constructor(
    private readonly options: SessionOptions,
    config: PaydownConfig,
  ) {
    this.config = config;
  }

  /** Opens the session of `options.root`, reading its config. Scans nothing yet: call `refresh()`. */
  static async open(options: SessionOptions): Promise<WorkspaceSession> {
    const { config } = await loadConfig(options.root);
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

  /** Scans the whole folder (on worker threads, with the cache) and reads the ledger. */
  async refresh(signal?: AbortSignal): Promise<void> {
    const [scanned, ledger] = await Promise.all([
      scanWorkspace({ root: this.root, config: this.config, cacheDir: this.options.cacheDir, git: this.options.git, signal }),
      LedgerStore.open(this.root).load(),
    ]);
    const unsaved = [...this.files].filter(([, state]) => state.unsaved);
    this.files = new Map();
    for (const item of scanned.items) this.fileState(item.file).items.push(item);
    for (const problem of scanned.problems) this.fileState(problem.file).problems.push(problem);
    // Unsaved buffers stay what the editor shows, whatever the disk says.
    for (const [file, state] of unsaved) this.files.set(file, state);
    this.ledger = ledger;
    this.stats = scanned.stats;
    this.matchAll();
    this.emit({ files: 'all' });
  }

  /** What the last full scan looked at, or null before the first. */
  get scanStats(): ScanStats | null {
    return this.stats;
  }

  /** Re-reads `.paydown/config.jsonc`; throws (and keeps the old config) when it is invalid. */
  async reloadConfig(signal?: AbortSignal): Promise<void> {
    this.config = (await loadConfig(this.root)).config;
    await this.refresh(signal);
  }

  /** Re-reads the ledger (after an edit here, another window, the CLI or a git checkout). */
  async reloadLedger(): Promise<void> {
    this.ledger = await LedgerStore.open(this.root).load();
    this.matchAll();
    this.emit({ files: 'all' });
  }

  /**
   * An editor buffer's text: its items replace the file's, at once (`unsaved` while the buffer is
   * dirty; a reverted buffer is the disk's text again). Fast enough for
   * every keystroke (one document through the one-document API, and matching within the file).
   */
  updateDocument(absoluteOrRelative: string, text: string, languageId?: string, unsaved = true): SessionItem[] {
    const file = this.relative(absoluteOrRelative);
    const scan = scanDocument(text, { file, languageId }, prepareAnnotationOptions(this.config.annotations));
    this.files.set(file, { items: scan.items, problems: scan.problems, unsaved });
    this.matchFile(file);
    this.emit({ files: [file] });
    return this.itemsInFile(file);
  }

  /** The buffer of `file` was saved or closed: from now on the disk is the truth for it. */
  async revertDocument(absoluteOrRelative: string): Promise<void> {
    await this.fileChangedOnDisk(absoluteOrRelative, true);
  }

  /** A file changed on disk (watcher). Ignored while an unsaved buffer shows it, unless `force`. */
  async fileChangedOnDisk(absoluteOrRelative: string, force = false): Promise<void> {
    const file = this.relative(absoluteOrRelative);
    if (!force && this.files.get(file)?.unsaved) return;
    let text: string | undefined;
    try {
      // A FIFO, socket or device is never opened: reading a FIFO waits for a writer forever.
      if (!(await stat(path.join(this.root, file))).isFile()) throw new Error('not a regular file');
      const bytes = await readFile(path.join(this.root, file));
      if (bytes.length <= this.config.scan.maxFileSize && !looksBinary(bytes, bytes.length)) {
        text = decodeText(bytes, bytes.length, detectEncoding(bytes, bytes.length));
      }
    } catch {
      text = undefined; // deleted or unreadable: it holds no items now
    }
    const scan = text === undefined ? { items: [], problems: [] } : scanDocument(text, { file }, prepareAnnotationOptions(this.config.annotations));
    if (scan.items.length === 0 && scan.problems.length === 0) this.files.delete(file);
    else this.files.set(file, { items: scan.items, problems: scan.problems, unsaved: false });
    this.matchFile(file);
    this.emit({ files: [file] });
  }

  /** Every annotation, sorted by file, line, column. */
  items(): SessionItem[] {
    const out: SessionItem[] = [];
    for (const file of [...this.files.keys()].sort()) for (const item of this.itemsInFile(file)) out.push(item);
    return out;
  }

  /** The annotations of one file, in order. */
  itemsInFile(absoluteOrRelative: string): SessionItem[] {
    const file = this.relative(absoluteOrRelative);
    const state = this.files.get(file);
    if (!state) return [];
    return state.items.map((debt) => {
      const ledger = this.matched.get(debt) ?? null;
      return {
        key: ledger?.id ?? `${debt.file}:${debt.line}:${debt.column}`,
        debt,
        ledger,
        outcome: resolveOutcome({ outcome: ledger?.outcome.value ?? debt.outcome, labels: debt.labels, file: debt.file }, this.config.outcomes),
        unsaved: state.unsaved,
      };
    });
  }

  /** Problems (malformed metadata, unreadable files) of one file, or of all. */
  problems(absoluteOrRelative?: string): Problem[] {
    if (absoluteOrRelative !== undefined) return [...(this.files.get(this.relative(absoluteOrRelative))?.problems ?? [])];
    return [...this.files.values()].flatMap((s) => s.problems);
  }

  /** The ledger item with `id`, matched to a comment or not (resolved items included). */
  ledgerItem(id: string): LedgerItem | undefined {
    return this.ledger.items.find((item) => item.id === id);
  }

  /** Edits a ledger item (status, sprint, effort, …) and refreshes what the views show. */
  async edit(id: string, patch: ItemPatch, by: string | null): Promise<LedgerItem> {
    const item = await editItem(this.root, id, patch, { by, clock: this.options.clock });
    await this.reloadLedger();
    return item;
  }

  /** Records the code's debt in the ledger (new ids, moves, resolutions), then refreshes. */
  async sync(options: { dryRun?: boolean; signal?: AbortSignal } = {}): Promise<LedgerChangeSet> {
    const { changes } = await syncWorkspaceLedger({
      root: this.root,
      config: this.config,
      cacheDir: this.options.cacheDir,
      git: this.options.git ?? null,
      clock: this.options.clock ?? systemClock,
      dryRun: options.dryRun,
      signal: options.signal,
    });
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

  /** Matches every comment to its ledger item (reconcile, writing nothing). */
  private matchAll(): void {
    const scanned = [...this.files.values()].flatMap((s) => s.items);
    this.matched = matchToLedger(scanned, this.ledger.items);
  }

  /** Re-matches one file's comments: against that file's ledger items and the ids they name. */
  private matchFile(file: string): void {
    for (const [debt] of this.matched) if (debt.file === file) this.matched.delete(debt);
    const scanned = this.files.get(file)?.items ?? [];
    if (scanned.length === 0) return;
    const named = new Set(scanned.map((d) => d.id).filter((id): id is string => id !== null));
    const taken = new Set([...this.matched.values()].map((item) => item.id));
    const candidates = this.ledger.items.filter((item) => (item.file === file || named.has(item.id)) && !taken.has(item.id));
    for (const [debt, item] of matchToLedger(scanned, candidates)) this.matched.set(debt, item);
  }

  private emit(change: SessionChange): void {
    for (const listener of [...this.listeners]) listener(change);
  }
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
