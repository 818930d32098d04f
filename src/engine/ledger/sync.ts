/**
 * Ledger sync: reconcile what a scan found with the ledger, and ask git what only git knows (the
 * current commit, renamed files, the commit and author that removed a comment). Returns a change
 * set; it writes nothing. The store applies it inside its locked update, with the ledger it read
 * under the lock (see {@link applyChangeSet}), and `paydown ledger sync --dry-run` prints it.
 */
import { PaydownError } from '../errors';
import type { DebtItem } from '../model';
import type { Clock, GitClient } from '../ports';
import type { FileCoverage, NotReadReason } from '../scanner/coverage';
import type { IdSource } from './ids';
import type { LedgerItem, ResolutionStamp } from './model';
import { followRenames, markResolved, reconcile, withResolutionStamp, type ItemMatch, type MatchKind, type ReconcileProblem } from './reconcile';

/** What {@link syncLedger} needs. */
export interface SyncOptions {
  /** The workspace root the scanned paths are relative to. */
  root: string;
  /** Every annotation the scan found. */
  scanned: readonly DebtItem[];
  /**
   * What the scan knows of files it found no annotation in (`scanCoverage` of the same scan):
   * items are resolved only in files it read, or that are gone; the others are left as they are
   * and listed in `notChecked`.
   */
  coverage: FileCoverage;
  /** Every ledger item, as read (under the store's lock, when the result will be written). */
  ledger: readonly LedgerItem[];
  /** Git for `root`, or null to work without it (renames are then found by content, removals get no commit). */
  git: GitClient | null;
  clock: Clock;
  /** Only recorded in the change set: sync itself never writes. */
  dryRun?: boolean;
  ids?: IdSource;
  /** Most git look-ups of removal commits per sync (each runs git). Default 50; the rest get no commit. */
  maxRemovalLookups?: number;
  /**
   * Items resolved in the last this many days with no commit yet (the comment was removed but
   * not committed when they were resolved) get their removal commit filled in once git has it.
   * Default 30; 0 turns it off.
   */
  backfillDays?: number;
}

/** A git question that failed; sync carries on without the answer. */
export interface GitProblem {
  code: 'git-failed';
  severity: 'warning';
  message: string;
}

export type SyncProblem = ReconcileProblem | GitProblem;

/** An item a sync could not check: its file is there but the scan did not read it. */
export interface NotChecked {
  id: string;
  file: string;
  reason: NotReadReason;
}

/** What a sync would change in the ledger. Every item listed is the full new state of that item. */
export interface LedgerChangeSet {
  dryRun: boolean;
  /** When the sync ran (ISO). */
  at: string;
  /** The commit the workspace is at, or null outside git. */
  commit: string | null;
  /** Whether git answered (renames, removal commits); false outside git or when it failed. */
  git: boolean;
  /** New items. */
  created: LedgerItem[];
  /** Existing items rewritten: edited in the comment, moved to another file, reopened, or re-stamped. */
  updated: LedgerItem[];
  /** Items whose comment left the code, now resolved (with the removal commit and author where git told). */
  resolved: LedgerItem[];
  /** Ids of items whose comment came back (also in `updated`). */
  reopened: string[];
  /**
   * Items whose comment was not found because their file exists but was not read (too large,
   * excluded, unreadable, …): left as they were, in id order. A scan that did not look resolves nothing.
   */
  notChecked: NotChecked[];
  /** Ids of resolved items whose removal commit was filled in by this sync (also in `updated`). */
  restamped: string[];
  /** Matched items that need no write (a line that only shifted is not written). */
  unchanged: number;
  /**
   * The ledger held no item before and this sync records the code's debt, in a git repository:
   * every item is dated today, so a sprint review would count all of them as added this sprint,
   * when history can tell when each came (`ledger backfill`).
   */
  firstRecording: boolean;
  /** One per scanned comment, in scan order: its item id, how it matched, its live position. */
  matches: ItemMatch[];
  counts: {
    created: number;
    updated: number;
    resolved: number;
    reopened: number;
    unchanged: number;
    notChecked: number;
    /** `notChecked` per reason (reasons with none left out). */
    notCheckedBy: Partial<Record<NotReadReason, number>>;
    /** Scanned comments per match kind. */
    byKind: Record<MatchKind, number>;
  };
  problems: SyncProblem[];
}

const DAY_MS = 86_400_000;
const GIT_CONCURRENCY = 4;

/** Reconciles a scan with the ledger and asks git for the facts only it has. Writes nothing. */
export async function syncLedger(options: SyncOptions): Promise<LedgerChangeSet> {
  const { git } = options;
  const now = options.clock.now();
  const at = now.toISOString();
  const problems: SyncProblem[] = [];
  const ask = async <T>(what: string, fallback: T, question: () => Promise<T>): Promise<T> => {
    try {
      return await question();
    } catch (err) {
      if (!PaydownError.is(err, 'git-failed')) throw err;
      problems.push({ code: 'git-failed', severity: 'warning', message: `${what}: ${err.message}` });
      return fallback;
    }
  };

  const inRepo = git ? await ask('checking for a git repository', false, () => git.isRepository()) : false;
  const commit = inRepo ? await ask('reading the current commit', null, () => git!.head()) : null;
  const renames = inRepo ? await ask('reading renamed files', new Map<string, string>(), () => git!.renames()) : new Map<string, string>();

  // A file the scan found no comment in may not have been read at all: ask about those few.
  const scannedFiles = new Set(options.scanned.map((c) => c.file));
  const quiet = [...new Set(options.ledger.filter((it) => it.status !== 'resolved' && !scannedFiles.has(it.file)).map((it) => it.file))].sort();
  const unread = new Map<string, NotReadReason>();
  if (quiet.length > 0) {
    const movedTo = new Map<string, string>();
    for (const [file, verdict] of await options.coverage(quiet)) {
      if (verdict !== 'read' && verdict !== 'gone') unread.set(file, verdict);
      const to = verdict === 'gone' ? followRenames(file, renames) : null;
      if (to !== null) movedTo.set(file, to);
    }
    // Renamed away, says git: the debt lives on under the new name, unless that one was read.
    if (movedTo.size > 0) {
      const targets = await options.coverage([...new Set(movedTo.values())].sort());
      for (const [file, to] of movedTo) {
        const verdict = targets.get(to);
        if (verdict !== undefined && verdict !== 'read' && verdict !== 'gone') unread.set(file, verdict);
      }
    }
  }

  const result = reconcile({ scanned: options.scanned, ledger: options.ledger, renames, now: at, commit, unread: new Set(unread.keys()), ...(options.ids ? { ids: options.ids } : {}) });
  const fileOf = new Map(options.ledger.map((it) => [it.id, it.file] as const));
  const notChecked = result.unchecked.map((id): NotChecked => {
    const file = fileOf.get(id)!;
    return { id, file, reason: unread.get(file)! };
  });
  const notCheckedBy: Partial<Record<NotReadReason, number>> = {};
  for (const n of notChecked) notCheckedBy[n.reason] = (notCheckedBy[n.reason] ?? 0) + 1;

  const resolved = result.resolved;
  const updated = result.updated;
  const restamped: string[] = [];
  if (inRepo && git) {
    const byId = new Map(options.ledger.map((it) => [it.id, it] as const));
    let budget = options.maxRemovalLookups ?? 50;
    const lookups: (() => Promise<void>)[] = [];
    const removal = (item: LedgerItem): Promise<ResolutionStamp | null> =>
      ask(`finding the commit that removed ${item.id}`, null, async () => {
        const facts = await git.removalCommit(item.file, item.title, item.firstSeen.commit);
        return facts ? { at: facts.at, commit: facts.commit, author: facts.author } : null;
      });
    resolved.forEach((item, index) => {
      const before = byId.get(item.id)!;
      if (budget-- <= 0) return;
      lookups.push(async () => {
        const stamp = await removal(before);
        if (stamp) resolved[index] = markResolved(before, stamp, item.history[item.history.length - 1]!.id);
      });
    });
    const backfillDays = options.backfillDays ?? 30;
    const changedIds = new Set([...updated, ...resolved].map((it) => it.id));
    for (const item of options.ledger) {
      const r = item.resolved;
      if (backfillDays <= 0 || item.status !== 'resolved' || !r || r.commit !== null || changedIds.has(item.id)) continue;
      if (now.getTime() - Date.parse(r.at) > backfillDays * DAY_MS || budget-- <= 0) continue;
      lookups.push(async () => {
        const stamp = await removal(item);
        if (!stamp) return;
        updated.push(withResolutionStamp(item, stamp));
        restamped.push(item.id);
      });
    }
    await runLimited(lookups, GIT_CONCURRENCY);
    updated.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    restamped.sort();
  }

  const byKind: Record<MatchKind, number> = { explicit: 0, 'same-place': 0, 'moved-line': 0, renamed: 0, edited: 0, new: 0 };
  for (const m of result.matches) byKind[m.kind]++;
  return {
    dryRun: options.dryRun ?? false,
    at,
    commit,
    git: inRepo,
    created: result.created,
    updated,
    resolved,
    reopened: result.reopened,
    notChecked,
    restamped,
    unchanged: result.unchanged,
    firstRecording: options.ledger.length === 0 && commit !== null && result.created.length > 0,
    matches: result.matches,
    counts: {
      created: result.created.length,
      updated: updated.length,
      resolved: resolved.length,
      reopened: result.reopened.length,
      unchanged: result.unchanged,
      notChecked: notChecked.length,
      notCheckedBy,
      byKind,
    },
    problems: [...result.problems, ...problems],
  };
}

/**
 * The ledger after a change set: items replaced by id, new ones added, sorted by id. For stores
 * that hold the whole ledger in memory; a store with one file per item writes only the listed items.
 */
export function applyChangeSet(ledger: readonly LedgerItem[], changes: Pick<LedgerChangeSet, 'created' | 'updated' | 'resolved'>): LedgerItem[] {
  const byId = new Map(ledger.map((it) => [it.id, it] as const));
  for (const item of [...changes.created, ...changes.updated, ...changes.resolved]) byId.set(item.id, item);
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Every item a change set writes (created, updated, resolved), by id. */
export function changedItems(changes: Pick<LedgerChangeSet, 'created' | 'updated' | 'resolved'>): LedgerItem[] {
  return [...changes.created, ...changes.updated, ...changes.resolved].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

async function runLimited(tasks: readonly (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}

const NOT_READ_PHRASES: Record<NotReadReason, string> = {
  'too-large': 'in files over the size limit (scan.maxFileSize)',
  minified: 'in files that look minified',
  binary: 'in files that look binary',
  unreadable: 'in unreadable files or folders',
  excluded: 'in excluded files (scan.include/scan.exclude)',
  ignored: 'in ignored files (.gitignore, .paydownignore, .git/info/exclude)',
  'unknown-language': 'in files of no known language',
  'not-in-paths': 'outside the scanned paths',
  link: 'behind symbolic links (not followed)',
};

/**
 * One line for the items a sync did not check, most first, e.g. "12 not checked: 10 in files
 * over the size limit (scan.maxFileSize), 2 in excluded files (scan.include/scan.exclude)";
 * empty when there are none.
 */
export function describeNotChecked(counts: Pick<LedgerChangeSet['counts'], 'notChecked' | 'notCheckedBy'>): string {
  if (counts.notChecked === 0) return '';
  const reasons = (Object.keys(NOT_READ_PHRASES) as NotReadReason[]).filter((r) => (counts.notCheckedBy[r] ?? 0) > 0);
  reasons.sort((a, b) => counts.notCheckedBy[b]! - counts.notCheckedBy[a]!);
  return `${counts.notChecked} not checked: ${reasons.map((r) => `${counts.notCheckedBy[r]} ${NOT_READ_PHRASES[r]}`).join(', ')}`;
}
