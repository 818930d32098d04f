/**
 * Backfill: the ledger's past replayed from git. The first-parent history of the branch is read
 * in one stream of the files whose diff added or removed a tag line (git's `-G` over the tag set,
 * once), plus one stream of renames; each such file's new content is scanned, and the annotations
 * of the files a commit changed are reconciled with the items seen so far by the rules of
 * `ledger sync` (reconcile.ts: explicit ids, same place, renames, moves, light edits). What comes
 * out is, per piece of debt, the commit that introduced it and the commit that removed it.
 *
 * {@link planBackfill} then lays that over the real ledger: items still in the code get their
 * first-seen commit, resolved ones their removal commit where sync recorded only its own time,
 * and debt that came and went within the window becomes resolved items with their history.
 * Nothing already recorded is overwritten but sync-time-only stamps, so a second run changes
 * nothing.
 *
 * Dates are commit (not author) dates of first-parent commits: when a change reached the branch.
 */
import { PaydownError } from '../errors';
import { normaliseItemId } from '../itemIds';
import type { AnnotationOptions, DebtItem } from '../model';
import type { FileChange, GitClient, HistoryCommit, HistoryQuery } from '../ports';
import { detectEncoding, decodeText, hasMinifiedName, looksBinary, looksMinified, SNIFF_BYTES } from '../scanner/decode';
import { prepareAnnotationOptions, resolveLanguage, scanDocument } from '../scanner/document';
import { GlobFilter } from '../scanner/ignoreRules';
import { randomIdSource, type IdSource } from './ids';
import { movedTo, type LedgerItem, type ResolutionStamp, type Stamp } from './model';
import { markResolved, reconcile, withResolutionStamp } from './reconcile';

/** Where a replay stands: everything needed to carry on after the last commit it processed. */
export interface ReplayState {
  /** Format of this record; a checkpoint of another format is ignored. */
  format: 1;
  /** The window and the settings it was read with: a checkpoint of another key is not resumed. */
  key: string;
  /** The last commit replayed, or null before the first. */
  last: string | null;
  /** How many first-parent commits of the window were replayed. */
  done: number;
  /** Counter of the replay's own item keys. */
  next: number;
  /** Every piece of debt seen, by the replay's key (an explicit id, or `~n`). */
  items: ReplayedItem[];
  /** Files whose last version was not read (too large, binary, minified): their debt is as last read. */
  unread: string[];
}

/** One piece of debt as the history shows it. */
export interface ReplayedItem {
  /** The item as reconcile keeps it (its `id` is the replay's key: an explicit id or `~n`). */
  item: LedgerItem;
  /** The comment as last seen. */
  comment: DebtItem;
  /** False for debt already there when the window began: its first commit is not known. */
  introduced: boolean;
}

/** What a replay needs. */
export interface ReplayOptions {
  git: GitClient;
  annotations: AnnotationOptions;
  include?: readonly string[];
  exclude?: readonly string[];
  /** Files larger than this many bytes are not read (their debt stays as it was). Default 1 MiB. */
  maxFileSize?: number;
  /** Start after this commit (exclusive); the whole history when null. */
  since: string | null;
  /** A state to carry on from (a checkpoint of the same window). */
  resume?: ReplayState | null;
  signal?: AbortSignal;
  /** Called after each replayed commit with how many of the window's commits are done. */
  onProgress?: (done: number, total: number) => void;
  /** Called now and then with the state so far, to save a checkpoint (awaited). */
  onCheckpoint?: (state: ReplayState) => Promise<void> | void;
  /** Milliseconds between checkpoints. Default 5 000. */
  checkpointEveryMs?: number;
  /** The clock checkpoints are timed by (ms). Default `Date.now`. */
  now?: () => number;
  ids?: IdSource;
  /** Git processes reading the pickaxe at once, over consecutive slices of the history. Default 2. */
  streams?: number;
  /** Fewest commits per slice (below it, fewer processes). Default 2 000. */
  commitsPerStream?: number;
}

/** What a replay found. */
export interface ReplayResult {
  state: ReplayState;
  /** First-parent commits in the window. */
  commits: number;
  /** Commits that changed debt (or a file holding it). */
  commitsRead: number;
  /** Blobs read. */
  blobs: number;
}

/** Characters of extended regular expressions escaped in tag names. */
const ERE_SPECIAL = /[.[\]()*+?{}|^$\\]/g;

/** The `-G` regular expression of the configured tags. */
export function tagPickaxe(annotations: AnnotationOptions): string {
  return `(${annotations.tags.map((t) => t.name.replace(ERE_SPECIAL, '\\$&')).join('|')})`;
}

/** Raised when the replay reads history differently: older checkpoints are not resumed. */
const REPLAY_VERSION = 3;

/** What a replay's state depends on besides the commits: the window's start and how files are read. */
export function replayKey(options: Pick<ReplayOptions, 'since' | 'annotations' | 'include' | 'exclude' | 'maxFileSize'>): string {
  return JSON.stringify([REPLAY_VERSION, options.since, options.annotations, options.include ?? [], options.exclude ?? [], options.maxFileSize ?? null]);
}

/** Replays the window's first-parent history (see the module comment). */
export async function replayHistory(options: ReplayOptions): Promise<ReplayResult> {
  const { git, signal } = options;
  const compiled = prepareAnnotationOptions(options.annotations);
  const filter = new GlobFilter(options.include, options.exclude);
  const maxFileSize = options.maxFileSize ?? 1024 * 1024;
  const realIds = options.ids ?? randomIdSource();
  const now = options.now ?? Date.now;
  const every = options.checkpointEveryMs ?? 5_000;
  const key = replayKey(options);
  const resumeState = options.resume && options.resume.format === 1 && options.resume.key === key ? options.resume : null;

  const languages = new Map<string, string>();
  const languageOf = (file: string): string => {
    let id = languages.get(file);
    if (id === undefined) languages.set(file, (id = resolveLanguage({ file }, undefined, options.annotations)?.id ?? ''));
    return id;
  };

  const commits = await git.firstParentCommits({ since: options.since, signal });
  const position = new Map<string, number>();
  commits.forEach((c, i) => position.set(c, i));
  const startAt = resumeState?.last ? (position.get(resumeState.last) ?? -1) + 1 : 0;
  const resumed = resumeState !== null && (resumeState.last === null || position.has(resumeState.last));

  const state = new ReplayBook(resumed ? resumeState : null, key);
  const reader = git.blobReader();
  let blobs = 0;
  let commitsRead = 0;
  let lastSave = now();
  try {
    if (!resumed && options.since) {
      await seedWindowStart(options, state, reader, compiled, filter, maxFileSize, () => blobs++);
    }
    const pickaxe = tagPickaxe(options.annotations);
    const caseless = !options.annotations.caseSensitive;
    // Resuming: only the commits after the checkpoint.
    const from = startAt > 0 ? commits[startAt - 1]! : options.since;
    const renamesRead = collect(git.history({ since: from, renamesOnly: true, signal }));
    renamesRead.catch(() => undefined);
    const renameCommits = new Map<string, HistoryCommit>();
    for (const c of await renamesRead) if ((position.get(c.commit) ?? -1) >= startAt) renameCommits.set(c.commit, c);
    const pendingRenames = [...renameCommits.values()].sort((a, b) => position.get(a.commit)! - position.get(b.commit)!);
    let r = 0;

    const step = async (commit: HistoryCommit, renames: HistoryCommit | null): Promise<void> => {
      const index = position.get(commit.commit) ?? -1;
      const scanned: DebtItem[] = [];
      const touched = new Set<string>();
      const unread = new Set<string>();
      const read = new Set<string>();
      const gitRenames = new Map<string, string>();
      // Renames with no tag line changed: the file's debt moves with it, nothing else to read.
      const pickaxed = new Set(commit.changes.map((c) => `${c.from ?? ''}\0${c.path}`));
      const changes = [...commit.changes];
      for (const change of renames?.changes ?? []) {
        if (change.status !== 'R' || change.from === null || pickaxed.has(`${change.from}\0${change.path}`)) continue;
        // A new name may mean a new language (`notes.txt` → `notes.adoc`): then what is a comment may change too.
        if (languageOf(change.from) === languageOf(change.path)) state.moveFile(change.from, change.path);
        else changes.push(change);
      }
      const reads = changes.map(async (change) => {
        if (change.from !== null && change.status === 'R') {
          touched.add(change.from);
          gitRenames.set(change.from, change.path);
        }
        touched.add(change.path);
        if (change.status === 'D' || change.blob === null) return;
        if (!filter.empty && !filter.acceptsFile(change.path)) return;
        const bytes = await reader.read(change.blob);
        blobs++;
        if (bytes === null) return;
        const sniff = Math.min(bytes.length, SNIFF_BYTES);
        if (bytes.length > maxFileSize || looksBinary(bytes, sniff) || hasMinifiedName(baseName(change.path)) || looksMinified(bytes, bytes.length)) {
          unread.add(change.path);
          return;
        }
        read.add(change.path);
        const text = decodeText(bytes, bytes.length, detectEncoding(bytes, sniff));
        scanned.push(...scanDocument(text, { file: change.path }, compiled).items);
      });
      await Promise.all(reads);
      if (touched.size > 0) state.apply(commit, scanned, touched, gitRenames, unread, realIds);
      state.markRead(changes, read, unread);
      commitsRead++;
      state.done = Math.max(state.done, index + 1);
      state.last = commit.commit;
    };

    const progress = async (): Promise<void> => {
      options.onProgress?.(state.done, commits.length);
      if (options.onCheckpoint && now() - lastSave >= every) {
        lastSave = now();
        await options.onCheckpoint(state.snapshot());
      }
    };

    for await (const commit of pickaxeStreams(git, commits.slice(startAt), from, { pickaxe, ignoreCase: caseless, signal }, options.streams ?? 2, options.commitsPerStream ?? MIN_COMMITS_PER_STREAM)) {
      if (signal?.aborted) break;
      const index = position.get(commit.commit) ?? -1;
      while (r < pendingRenames.length && position.get(pendingRenames[r]!.commit)! < index) {
        const renameOnly = pendingRenames[r++]!;
        await step({ ...renameOnly, changes: [] }, renameOnly);
      }
      const same = r < pendingRenames.length && pendingRenames[r]!.commit === commit.commit ? pendingRenames[r++]! : null;
      await step(commit, same);
      await progress();
    }
    if (signal?.aborted) throw new PaydownError('aborted', 'the backfill was cancelled');
    while (r < pendingRenames.length) {
      const renameOnly = pendingRenames[r++]!;
      await step({ ...renameOnly, changes: [] }, renameOnly);
    }
    if (commits.length > 0) {
      state.done = commits.length;
      state.last = commits[commits.length - 1]!;
      // A file may grow past the size limit in a commit that changed no tag line: the scan of today would not read it.
      await markOversized(git, state, state.last, maxFileSize, signal);
    }
    options.onProgress?.(state.done, commits.length);
    return { state: state.snapshot(), commits: commits.length, commitsRead, blobs };
  } finally {
    reader.close();
  }
}

/** Debt already there when the window begins (`--since`): read from the tree of its first commit's parent. */
async function seedWindowStart(
  options: ReplayOptions,
  state: ReplayBook,
  reader: ReturnType<GitClient['blobReader']>,
  compiled: ReturnType<typeof prepareAnnotationOptions>,
  filter: GlobFilter,
  maxFileSize: number,
  counted: () => void,
): Promise<void> {
  const since = options.since!;
  const args = ['grep', '-l', '-z', '-E', ...(options.annotations.caseSensitive ? [] : ['-i']), '-e', tagPickaxe(options.annotations), since, '--', '.'];
  const out = await options.git.run(args, { okCodes: [0, 1], ...(options.signal ? { signal: options.signal } : {}) });
  const scanned: DebtItem[] = [];
  const prefix = `${since}:`;
  const files = out.stdout.split('\0').filter((r) => r.startsWith(prefix)).map((r) => r.slice(prefix.length)).filter((f) => filter.empty || filter.acceptsFile(f));
  // Blob ids by path relative to the workspace (`rev:path` would be relative to the repository's top).
  const blobOf = new Map<string, string>();
  for (let i = 0; i < files.length; i += 200) {
    const tree = await options.git.run(['ls-tree', '-z', since, '--', ...files.slice(i, i + 200)], options.signal ? { signal: options.signal } : {});
    for (const record of tree.stdout.split('\0')) {
      const tab = record.indexOf('\t');
      const [, type, oid] = record.slice(0, tab).split(' ');
      if (tab > 0 && type === 'blob' && oid) blobOf.set(record.slice(tab + 1), oid);
    }
  }
  for (const file of files) {
    const oid = blobOf.get(file);
    if (!oid) continue;
    const bytes = await reader.read(oid);
    counted();
    if (!bytes || bytes.length > maxFileSize || looksBinary(bytes, Math.min(bytes.length, SNIFF_BYTES))) continue;
    const text = decodeText(bytes, bytes.length, detectEncoding(bytes, Math.min(bytes.length, SNIFF_BYTES)));
    scanned.push(...scanDocument(text, { file }, compiled).items);
  }
  const date = await options.git.run(['log', '-1', '--format=%cI', '--end-of-options', since, '--'], options.signal ? { signal: options.signal } : {});
  const at = new Date(date.stdout.trim());
  state.seed(scanned, { at: Number.isNaN(at.getTime()) ? new Date(0).toISOString() : at.toISOString(), commit: since });
}

/** Marks unread the files holding debt that are larger than `maxFileSize` at `commit` (one `ls-tree` per 200 files). */
async function markOversized(git: GitClient, state: ReplayBook, commit: string, maxFileSize: number, signal?: AbortSignal): Promise<void> {
  const files = state.liveFiles();
  for (let i = 0; i < files.length; i += 200) {
    const out = await git.run(['ls-tree', '-l', '-z', commit, '--', ...files.slice(i, i + 200)], signal ? { signal } : {});
    for (const record of out.stdout.split('\0')) {
      const tab = record.indexOf('\t');
      const size = Number(record.slice(0, tab).trim().split(/\s+/)[3]);
      if (tab > 0 && Number.isFinite(size) && size > maxFileSize) state.markUnread(record.slice(tab + 1));
    }
  }
}

function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

/** Below this many commits a second git process is not worth starting. */
const MIN_COMMITS_PER_STREAM = 2_000;

/**
 * The pickaxe's commits, oldest first, read by up to `streams` git processes at once over
 * consecutive slices of the window (git's pickaxe is single-threaded and most of the cost): the
 * first slice is streamed, the later ones collected meanwhile (their output is small: only the
 * commits that changed debt).
 */
async function* pickaxeStreams(git: GitClient, commits: readonly string[], from: string | null, query: Omit<HistoryQuery, 'since' | 'until'>, streams: number, perStream: number): AsyncGenerator<HistoryCommit> {
  const parts = Math.max(1, Math.min(streams, Math.floor(commits.length / Math.max(1, perStream))));
  if (parts <= 1 || commits.length === 0) {
    yield* git.history({ ...query, since: from });
    return;
  }
  const bounds: (string | null)[] = [from];
  for (let k = 1; k < parts; k++) bounds.push(commits[Math.floor((commits.length * k) / parts) - 1]!);
  const ranges = bounds.map((since, k) => ({ since, until: k + 1 < parts ? bounds[k + 1]! : commits[commits.length - 1]! }));
  const later = ranges.slice(1).map((range) => collect(git.history({ ...query, ...range })));
  for (const p of later) p.catch(() => undefined);
  yield* git.history({ ...query, ...ranges[0]! });
  for (const p of later) yield* await p;
}

async function collect<T>(values: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const v of values) out.push(v);
  return out;
}

/** The replay's working state: items by key and by file. */
class ReplayBook {
  done = 0;
  last: string | null = null;
  private next = 0;
  private readonly items = new Map<string, ReplayedItem>();
  private readonly byFile = new Map<string, Set<string>>();
  private readonly unread = new Set<string>();

  constructor(
    from: ReplayState | null,
    private readonly key: string,
  ) {
    if (!from) return;
    this.done = from.done;
    this.last = from.last;
    this.next = from.next;
    for (const r of from.items) this.put(r);
    for (const f of from.unread ?? []) this.unread.add(f);
  }

  snapshot(): ReplayState {
    return { format: 1, key: this.key, last: this.last, done: this.done, next: this.next, items: [...this.items.values()], unread: [...this.unread].sort() };
  }

  /** Files that hold debt still in the code, sorted. */
  liveFiles(): string[] {
    const files = new Set<string>();
    for (const r of this.items.values()) if (r.item.status !== 'resolved') files.add(r.item.file);
    return [...files].sort();
  }

  markUnread(file: string): void {
    this.unread.add(file);
  }

  /** Which files' last versions were read; deleted and renamed files leave the list. */
  markRead(changes: readonly FileChange[], read: ReadonlySet<string>, unread: ReadonlySet<string>): void {
    for (const c of changes) {
      if (c.from !== null && c.status === 'R') this.unread.delete(c.from);
      if (c.status === 'D' || read.has(c.path)) this.unread.delete(c.path);
      if (unread.has(c.path)) this.unread.add(c.path);
    }
  }

  /** Debt present at the window's start (stamped with it): known, but not when it came. */
  seed(scanned: readonly DebtItem[], start: Stamp): void {
    const result = reconcile({ scanned, ledger: [], now: start.at, commit: start.commit, ids: this.keys(randomIdSource()) });
    for (const m of result.matches) {
      const item = result.created.find((it) => it.id === m.id)!;
      this.put({ item, comment: scanned[m.index]!, introduced: false });
    }
  }

  /** A file renamed with no tag line changed: its debt moves along. */
  moveFile(from: string, to: string): void {
    if (this.unread.delete(from)) this.unread.add(to);
    const keys = this.byFile.get(from);
    if (!keys) return;
    for (const key of [...keys]) {
      const r = this.items.get(key)!;
      this.put({ ...r, item: { ...r.item, file: to }, comment: { ...r.comment, file: to } });
    }
  }

  /** One commit: the annotations of the files it changed, reconciled with the debt those files held. */
  apply(commit: HistoryCommit, scanned: DebtItem[], touched: ReadonlySet<string>, renames: ReadonlyMap<string, string>, unread: ReadonlySet<string>, ids: IdSource): void {
    const subset = new Map<string, LedgerItem>();
    for (const file of touched) for (const key of this.byFile.get(file) ?? []) subset.set(key, this.items.get(key)!.item);
    // An explicit id moves its item from anywhere.
    for (const c of scanned) {
      const key = c.id === null ? null : (normaliseItemId(c.id) ?? c.id.trim().toUpperCase());
      const r = key === null ? undefined : this.items.get(key);
      if (r) subset.set(key!, r.item);
    }
    const result = reconcile({ scanned, ledger: [...subset.values()], renames, now: commit.at, commit: commit.commit, unread, ids: this.keys(ids) });
    const commentOf = new Map(result.matches.map((m) => [m.id, scanned[m.index]!] as const));
    const introduced = new Set(result.created.map((it) => it.id));
    for (const item of result.created) this.put({ item, comment: commentOf.get(item.id)!, introduced: true });
    for (const item of result.updated) this.put({ ...this.items.get(item.id)!, item });
    for (const item of result.resolved) {
      const before = subset.get(item.id)!;
      const stamp: ResolutionStamp = { at: commit.at, commit: commit.commit, author: commit.author };
      this.put({ ...this.items.get(item.id)!, item: markResolved(before, stamp, item.history[item.history.length - 1]!.id) });
    }
    // Every matched comment is where its debt was last seen (reconcile rewrites a line only with another change).
    for (const m of result.matches) {
      if (introduced.has(m.id)) continue;
      const r = this.items.get(m.id)!;
      const comment = scanned[m.index]!;
      this.put({ ...r, item: r.item.line === comment.line && r.item.file === comment.file ? r.item : movedTo(r.item, comment), comment });
    }
  }

  /** Keys for new debt: an explicit id is its own key; others get `~n`, which no real id can be. */
  private keys(ids: IdSource): IdSource {
    return { itemId: () => `~${++this.next}`, eventId: () => ids.eventId() };
  }

  private put(r: ReplayedItem): void {
    const old = this.items.get(r.item.id);
    if (old && old.item.file !== r.item.file) this.byFile.get(old.item.file)?.delete(r.item.id);
    this.items.set(r.item.id, r);
    let set = this.byFile.get(r.item.file);
    if (!set) this.byFile.set(r.item.file, (set = new Set()));
    set.add(r.item.id);
  }
}

// ---------------------------------------------------------------------------------------------
// Laying the replay over the ledger.

/** What backfill changes in one ledger item. */
export interface BackfillOutcome {
  id: string;
  file: string;
  title: string;
  /** `created`: removed debt recorded as a resolved item; `updated`: stamps of an existing item filled in. */
  action: 'created' | 'updated';
  /** The first-seen stamp before (null for a new item) and after, when it changed. */
  firstSeen: { from: Stamp | null; to: Stamp } | null;
  /** The resolution stamp before and after, when it changed. */
  resolved: { from: ResolutionStamp | null; to: ResolutionStamp } | null;
}

/** What {@link planBackfill} would write. */
export interface BackfillPlan {
  /** Every item to write (new and updated), in id order. */
  items: LedgerItem[];
  /** One per written item, in id order. */
  outcomes: BackfillOutcome[];
  /** The files of the `unrecorded` debt, sorted. */
  unrecordedFiles: string[];
  counts: {
    /** Ledger items whose history the replay found. */
    matched: number;
    /** Items written with an earlier first-seen commit. */
    firstSeen: number;
    /** Items written with their removal commit. */
    resolved: number;
    /** Removed debt recorded as new resolved items. */
    created: number;
    /**
     * Debt in the last commit of the window that the ledger does not hold: new debt `ledger sync`
     * records, or debt it never records (a file git tracks that the scan ignores, or that the work
     * tree changed since).
     */
    unrecorded: number;
    /** Ledger items the window's history does not explain (older than the window, or never committed). */
    unexplained: number;
  };
}

/** Lays a replay over the ledger (see the module comment). Pure but for the ids of new items. */
export function planBackfill(replay: ReplayState, ledger: readonly LedgerItem[], ids: IdSource = randomIdSource()): BackfillPlan {
  const all = replay.items;
  // Debt in a file whose last version was not read is as the history last read it: not evidence of what is there now.
  const unread = new Set(replay.unread ?? []);
  const live = all.filter((r) => r.item.status !== 'resolved' && !unread.has(r.item.file));
  const gone = all.filter((r) => r.item.status === 'resolved');
  const pairs = new Map<string, ReplayedItem>(); // ledger id → replayed debt

  // Debt in the code at the end: which ledger item each comment is, by sync's own rules.
  const matched = reconcile({ scanned: live.map((r) => r.comment), ledger, now: new Date(0).toISOString(), commit: null, ids: { itemId: () => '~new', eventId: () => '~' } });
  let unrecorded = 0;
  const unrecordedFiles = new Set<string>();
  for (const m of matched.matches) {
    if (m.kind === 'new') {
      unrecorded++;
      unrecordedFiles.add(live[m.index]!.comment.file);
    } else pairs.set(m.id, live[m.index]!);
  }

  // Removed debt: the ledger's resolved item of the same explicit id, else of the same file and text.
  const waiting = new Map<string, LedgerItem[]>();
  const byId = new Map(ledger.map((it) => [it.id, it] as const));
  for (const item of ledger) {
    if (item.status !== 'resolved' || pairs.has(item.id)) continue;
    const key = `${item.file}\0${item.fingerprint}`;
    const list = waiting.get(key);
    if (list) list.push(item);
    else waiting.set(key, [item]);
  }
  const byTime = (a: string, b: string): number => Date.parse(a) - Date.parse(b) || (a < b ? -1 : a > b ? 1 : 0);
  for (const list of waiting.values()) list.sort((a, b) => byTime(a.firstSeen.at, b.firstSeen.at) || (a.id < b.id ? -1 : 1));
  const orphans: ReplayedItem[] = [];
  const sortedGone = [...gone].sort((a, b) => byTime(a.item.firstSeen.at, b.item.firstSeen.at) || byTime(a.item.resolved!.at, b.item.resolved!.at));
  for (const r of sortedGone) {
    const explicit = r.item.id.startsWith('~') ? null : byId.get(r.item.id);
    if (explicit && !pairs.has(explicit.id)) {
      pairs.set(explicit.id, r);
      const list = waiting.get(`${explicit.file}\0${explicit.fingerprint}`);
      if (list?.includes(explicit)) list.splice(list.indexOf(explicit), 1);
      continue;
    }
    const list = waiting.get(`${r.item.file}\0${r.item.fingerprint}`);
    const item = list?.shift();
    if (item) pairs.set(item.id, r);
    else orphans.push(r);
  }

  const items: LedgerItem[] = [];
  const outcomes: BackfillOutcome[] = [];
  let firstSeenCount = 0;
  let resolvedCount = 0;
  for (const item of ledger) {
    const r = pairs.get(item.id);
    if (!r) continue;
    const next = restamp(item, r);
    if (next.item === item) continue;
    items.push(next.item);
    outcomes.push({ id: item.id, file: item.file, title: item.title, action: 'updated', firstSeen: next.firstSeen, resolved: next.resolved });
    if (next.firstSeen) firstSeenCount++;
    if (next.resolved) resolvedCount++;
  }
  const taken = new Set(ledger.map((it) => it.id));
  for (const r of orphans) {
    const id = !r.item.id.startsWith('~') && !taken.has(r.item.id) ? r.item.id : ids.itemId(taken);
    taken.add(id);
    const item = removedItem(id, r);
    items.push(item);
    outcomes.push({ id, file: item.file, title: item.title, action: 'created', firstSeen: r.introduced ? { from: null, to: item.firstSeen } : null, resolved: { from: null, to: item.resolved! } });
  }
  const order = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  items.sort(order);
  outcomes.sort(order);
  return {
    items,
    outcomes,
    unrecordedFiles: [...unrecordedFiles].sort(),
    counts: { matched: pairs.size, firstSeen: firstSeenCount, resolved: resolvedCount, created: orphans.length, unrecorded, unexplained: ledger.length - pairs.size },
  };
}

/**
 * The item with the history's stamps where the ledger holds only a sync's: first seen moves back
 * to the commit that introduced the comment (never forward: a sync that saw it earlier, before it
 * was committed, stays), and a resolution with no commit gets the commit that removed it. The
 * `created` and `resolved` events carrying the replaced stamps move with them.
 */
function restamp(item: LedgerItem, r: ReplayedItem): { item: LedgerItem; firstSeen: BackfillOutcome['firstSeen']; resolved: BackfillOutcome['resolved'] } {
  let next = item;
  let firstSeen: BackfillOutcome['firstSeen'] = null;
  let resolved: BackfillOutcome['resolved'] = null;
  const seen = r.item.firstSeen;
  if (r.introduced && seen.commit !== null && (item.firstSeen.commit !== seen.commit || item.firstSeen.at !== seen.at) && Date.parse(seen.at) <= Date.parse(item.firstSeen.at)) {
    const old = item.firstSeen;
    const history = item.history.map((e) => (e.type === 'created' && e.at === old.at ? { ...e, at: seen.at, commit: seen.commit } : e));
    next = { ...next, firstSeen: { at: seen.at, commit: seen.commit }, history };
    firstSeen = { from: old, to: next.firstSeen };
  }
  const gone = r.item.resolved;
  if (item.status === 'resolved' && r.item.status === 'resolved' && gone && gone.commit !== null && (item.resolved === null || item.resolved.commit === null)) {
    const old = item.resolved;
    next = withResolutionStamp(next, gone);
    resolved = { from: old, to: next.resolved! };
  }
  return { item: next, firstSeen, resolved };
}

/** Removed debt as a resolved ledger item, with the history the replay built for it. */
function removedItem(id: string, r: ReplayedItem): LedgerItem {
  return { ...r.item, id, history: r.item.history.map((e) => ({ ...e })) };
}
