/**
 * The ledger's use cases, shared by the CLI and the extension: sync the ledger with the code,
 * edit an item, and list items with their live positions. Each is one small function over the
 * scanner, reconcile and the store, so both shells behave identically.
 */
import { PaydownError } from '../errors';
import { plural } from '../present';
import type { PaydownConfig } from '../config/config';
import type { DebtItem, Impact } from '../model';
import { scanCoverage } from '../scanner/coverage';
import { scan, type ScanOptions, type ScanResult } from '../scanner/scan';
import type { WalkIo } from '../scanner/walk';
import { createGitClient, memoizeGit, type GitClient } from '../git';
import { newEventId } from './ids';
import type { ItemStatus, LedgerEvent, LedgerItem } from './model';
import { reconcile } from './reconcile';
import { LedgerStore, type LedgerSnapshot, type LedgerStoreOptions } from './store';
import { changedItems, syncLedger, systemClock, type Clock, type LedgerChangeSet } from './sync';

/** How to scan a workspace: the config plus what only the caller knows. */
export interface WorkspaceScanOptions {
  root: string;
  config: PaydownConfig;
  /** Root-relative or absolute files and folders; the whole workspace when absent. */
  paths?: string[];
  cacheDir?: string;
  signal?: AbortSignal;
  workers?: number;
  /** File-system calls of an in-process scan (`workers: 0`); tests inject failures through it. */
  io?: WalkIo;
  /** Files with items as the scan finds them (see `ScanOptions.onFiles`). */
  onFiles?: ScanOptions['onFiles'];
  /** The scan's worker threads' priority (see `ScanOptions.workerNice`). */
  workerNice?: number;
}

/** Scans a workspace as its config says. */
export function scanWorkspace(options: WorkspaceScanOptions): Promise<ScanResult> {
  return scan(scanOptionsOf(options));
}

/** The one place config becomes scan options. */
function scanOptionsOf(options: WorkspaceScanOptions): ScanOptions {
  const { config } = options;
  return {
    root: options.root,
    paths: options.paths,
    annotations: config.annotations,
    include: config.scan.include,
    exclude: config.scan.exclude,
    maxFileSize: config.scan.maxFileSize,
    cacheDir: options.cacheDir,
    signal: options.signal,
    workers: options.workers,
    io: options.io,
    onFiles: options.onFiles,
    workerNice: options.workerNice,
  };
}

export interface SyncWorkspaceOptions extends WorkspaceScanOptions {
  dryRun?: boolean;
  /** Git for the workspace; omitted: found from `root`; null: none. */
  git?: GitClient | null;
  clock?: Clock;
  /** How the ledger is opened (lock timeouts; crash tests pass a commit hook). */
  ledger?: LedgerStoreOptions;
}

export interface SyncWorkspaceResult {
  changes: LedgerChangeSet;
  scan: ScanResult;
}

/**
 * Scans the workspace, reconciles what it found with the ledger and (unless a dry run) writes
 * the changes in one atomic, locked update. Refuses to run while ledger files are unreadable:
 * their comments would otherwise come back as new items.
 */
export async function syncWorkspaceLedger(options: SyncWorkspaceOptions): Promise<SyncWorkspaceResult> {
  const store = LedgerStore.open(options.root, options.ledger);
  const clock = options.clock ?? systemClock;
  const plainGit = options.git === undefined ? createGitClient({ cwd: options.root }) : options.git;
  const git = plainGit ? memoizeGit(plainGit) : null;
  // The scan runs on worker threads and git in subprocesses: ask git and read the ledger meanwhile.
  git?.prefetch();
  const scanOptions = scanOptionsOf(options);
  const [scanned, snapshot] = await Promise.all([scan(scanOptions), store.load()]);
  // Items are resolved only where the scan looked (coverage.ts): a skipped file's debt is not paid.
  const coverage = scanCoverage(scanOptions, scanned);
  const sync = (ledger: LedgerItem[]): Promise<LedgerChangeSet> =>
    syncLedger({ root: options.root, scanned: scanned.items, coverage, ledger, git, clock, dryRun: options.dryRun });
  assertReadable(snapshot.errors);
  const preview = await sync(snapshot.items);
  // Nothing to write (the usual case): no lock, no second pass.
  if (options.dryRun || isEmptyChangeSet(preview)) return { changes: preview, scan: scanned };
  // Under the lock, against fresh state: another writer may have changed the ledger since the read.
  const changes = await store.update(async (tx) => {
    const ledger = tx.all();
    assertReadable(tx.errors);
    const result = await sync(ledger);
    for (const item of changedItems(result)) tx.put(item);
    return result;
  });
  return { changes, scan: scanned };
}

function isEmptyChangeSet(changes: LedgerChangeSet): boolean {
  return changes.created.length === 0 && changes.updated.length === 0 && changes.resolved.length === 0;
}

function assertReadable(errors: readonly PaydownError[]): void {
  if (errors.length === 0) return;
  throw new PaydownError(
    errors[0]!.reason,
    `${plural(errors.length, 'ledger file')} cannot be read: ${errors[0]!.message}`,
    'run `paydown ledger doctor` to repair what is safely repairable, then sync again',
    { details: errors.map((e) => e.message) },
  );
}

/** What can be edited on an item from the UI or the CLI; `null` clears a value. */
export interface ItemPatch {
  status?: ItemStatus;
  /** Points. */
  effort?: number | null;
  impact?: Impact | null;
  sprint?: string | null;
  outcome?: string | null;
}

export interface EditOptions {
  clock?: Clock;
  /** Who made the edit (user name), for the history. */
  by?: string | null;
}

/**
 * Applies `patch` to item `id` under the ledger lock, with one history event per changed field.
 * Assigning an open item to a sprint schedules it; taking a scheduled item out opens it again.
 * Edited estimates win over the comment's until the comment's own value changes.
 */
export async function editItem(root: string, id: string, patch: ItemPatch, options: EditOptions = {}): Promise<LedgerItem> {
  const store = LedgerStore.open(root);
  return store.update((tx) => {
    const item = tx.get(id);
    if (!item) throw new PaydownError('ledger-not-found', `no item ${id} in the ledger`, 'list the ids with `paydown ledger list`');
    const edited = applyPatch(item, patch, (options.clock ?? systemClock).now().toISOString(), options.by ?? null);
    if (edited !== item) tx.put(edited);
    return edited;
  });
}

/** The item with `patch` applied and its events appended; the same object when nothing changes. */
export function applyPatch(item: LedgerItem, patch: ItemPatch, at: string, by: string | null): LedgerItem {
  const events: LedgerEvent[] = [];
  const event = (e: Omit<LedgerEvent, 'id' | 'at' | 'by'>): void => {
    events.push({ id: newEventId(), at, ...e, by });
  };
  const next: LedgerItem = { ...item };

  if (patch.sprint !== undefined && patch.sprint !== item.sprint) {
    event({ type: 'sprint', from: item.sprint, to: patch.sprint });
    next.sprint = patch.sprint;
    if (patch.status === undefined) {
      if (patch.sprint !== null && item.status === 'open') patch = { ...patch, status: 'scheduled' };
      if (patch.sprint === null && item.status === 'scheduled') patch = { ...patch, status: 'open' };
    }
  }
  if (patch.status !== undefined && patch.status !== item.status) {
    event({ type: 'status', from: item.status, to: patch.status });
    next.status = patch.status;
    if (patch.status === 'resolved') next.resolved = { at, commit: null, author: by };
    else if (item.status === 'resolved') next.resolved = null;
  }
  for (const field of ['effort', 'impact', 'outcome'] as const) {
    const value = patch[field];
    if (value === undefined || value === item[field].value) continue;
    event({ type: 'field', field, from: item[field].value, to: value });
    // The comment's value is remembered so a later change in the comment wins again.
    (next[field] as LedgerItem[typeof field]) = { value, source: 'ui', comment: item[field].comment } as LedgerItem[typeof field];
  }
  if (events.length === 0) return item;
  next.history = [...item.history, ...events];
  return next;
}

/** A ledger item as lists show it: the ledger's facts with the comment's live position and metadata. */
export interface ListedItem {
  item: LedgerItem;
  /** The comment as scanned now; null when it is no longer in the code (resolved) or not matched. */
  comment: DebtItem | null;
  /** Live position when the comment is in the code, else the last seen one. */
  file: string;
  line: number;
}

/** Filters of `ledger list`; every given filter must match. */
export interface ItemFilter {
  status?: readonly ItemStatus[];
  tag?: readonly string[];
  owner?: readonly string[];
  label?: readonly string[];
  sprint?: readonly string[];
  outcome?: readonly string[];
}

/**
 * Every ledger item with its live position and the comment's owners and labels, from a (cached)
 * scan matched without writing anything. Lines in the ledger are only rewritten when an item
 * changes (so branches never conflict over shifted lines): this is where live lines come from.
 */
export function overlayLive(snapshot: LedgerSnapshot, scanned: ScanResult | null): ListedItem[] {
  const comments = new Map<string, DebtItem>();
  if (scanned) {
    const { matches } = reconcile({ scanned: scanned.items, ledger: snapshot.items, now: new Date(0).toISOString(), commit: null });
    for (const match of matches) if (match.kind !== 'new') comments.set(match.id, scanned.items[match.index]!);
  }
  return snapshot.items.map((item) => {
    const comment = item.status === 'resolved' ? null : (comments.get(item.id) ?? null);
    return { item, comment, file: comment?.file ?? item.file, line: comment?.line ?? item.line };
  });
}

/** The items that pass every filter in `filter` (case-insensitive for names). */
export function filterItems(items: readonly ListedItem[], filter: ItemFilter): ListedItem[] {
  const has = (wanted: readonly string[] | undefined, values: readonly (string | null)[]): boolean =>
    !wanted?.length || values.some((v) => v !== null && wanted.some((w) => w.toLowerCase() === v.toLowerCase()));
  return items.filter(
    ({ item, comment }) =>
      (!filter.status?.length || filter.status.includes(item.status)) &&
      has(filter.tag, [item.tag]) &&
      has(filter.owner, comment?.owners ?? []) &&
      has(filter.label, comment?.labels ?? []) &&
      has(filter.sprint, [item.sprint]) &&
      has(filter.outcome, [item.outcome.value]),
  );
}
