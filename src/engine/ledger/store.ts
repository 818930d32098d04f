/**
 * The ledger on disk: `.paydown/ledger/<ID>.json`, one file per item (see docs/ledger.md).
 *
 * Reads take no lock while nothing is pending. When a commit was interrupted (a journal or
 * orphan temps on disk), `load()` first finishes or abandons it under the lock, so a reader never
 * builds on state that lives only in git-ignored temps. Writes go through `update()`: take the
 * cross-process lock, finish or abandon any interrupted commit, let the caller read fresh state
 * and `put()` items, then commit everything put in one crash-safe step. Two editor windows and
 * the CLI writing at once never lose each other's updates, because every update re-reads what it
 * changes under the lock.
 *
 * `.paydown/.gitignore` exists before any lock, temp or journal is created, and nothing is read or
 * written through a symbolic link that leaves the workspace.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertNoEscapingLinks } from '../config/workspace';
import { PaydownError } from '../errors';
import type { Clock } from '../ports';
import { commitPlan, isTempName, pendingCommit, READ_NO_FOLLOW, recoverJournal, writeFileAtomic } from './atomic';
import type { CommitHook, CommitPlan, RecoveryResult } from './atomic';
import { CURRENT_SCHEMA, formatItem, newerSchema, parseItem } from './format';
import type { SchemaVersion } from './format';
import { acquireLock } from './lock';
import { CAN_READ_AHEAD, READ_AHEAD_FROM, readItemFilesAhead } from './readAhead';
import type { LedgerItem } from './model';
import { parseLegacyLedger } from './migrate';
import type { LegacyLedger } from './migrate';
import { JOURNAL_FILE, PAYDOWN_DIR, PAYDOWN_GITIGNORE, LEGACY_LEDGER_FILE, assertLedgerContained, isItemFileName, isSafeItemId, itemDisplayPath, itemFileName, ledgerPaths } from './paths';
import type { LedgerPaths } from './paths';

/** How many item files `load()` reads between yields to the event loop. */
const LOAD_YIELD_EVERY = 256;

/** What `load()` read: every good item (sorted by id) and one error per file that could not be read. */
export interface LedgerSnapshot {
  items: LedgerItem[];
  /** `ledger-corrupt`, `ledger-conflict` or `ledger-newer-version`, each naming `file:line`. */
  errors: PaydownError[];
  /** True when (some) items came from the legacy `.paydown/ledger.jsonl`, not yet migrated. */
  legacy: boolean;
}

/** Options for `LedgerStore.open`. */
export interface LedgerStoreOptions {
  /** The time written into the lock file (tests pin it). */
  clock?: Clock;
  /** How long `update()` waits for another writer's lock before `ledger-locked` (default 10 s). */
  lockTimeoutMs?: number;
  /** A lock older than this is broken whoever holds it (default 2 min). */
  staleLockMs?: number;
  /** Called after each commit step; crash tests use it to kill the process mid-commit. */
  commitHook?: CommitHook;
  /** From how many item files `load()` reads them on a worker thread (default 1,000; tests lower it). */
  readAheadFrom?: number;
}

/** The view of the ledger inside `update()`: fresh reads under the lock, and the items to write. */
export interface LedgerTransaction {
  /** The item as it is now (or as put earlier in this transaction); throws if its file cannot be read. */
  get(id: string): LedgerItem | undefined;
  /** Every readable item, sorted by id, with this transaction's puts applied; unreadable files go to `errors`. */
  all(): LedgerItem[];
  /** Writes `item` when the transaction commits. Refuses an item whose file is corrupt, conflicted or newer. */
  put(item: LedgerItem): void;
  /** Files `all()` could not read. */
  readonly errors: readonly PaydownError[];
}

type Cached = { kind: 'item'; item: LedgerItem; schema: SchemaVersion; text: string } | { kind: 'error'; error: PaydownError } | { kind: 'absent' };

/** Reads and writes one workspace's ledger. Cheap to create; holds no open files. */
export class LedgerStore {
  /** Every path of this ledger. */
  readonly paths: LedgerPaths;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    root: string,
    private readonly options: LedgerStoreOptions,
  ) {
    this.paths = ledgerPaths(path.resolve(root));
  }

  /** The ledger of the workspace at `root` (the folder holding `.paydown/`). Touches no file. */
  static open(root: string, options: LedgerStoreOptions = {}): LedgerStore {
    return new LedgerStore(root, options);
  }

  /**
   * Reads every item. Takes no lock unless a commit was interrupted (a journal or orphan temps on
   * disk): then it first finishes or abandons it under the lock, so what it returns is what git
   * would commit. A commit still in flight under a live writer's lock is read as its new state.
   * One unreadable file is reported in `errors` and does not stop the rest.
   */
  async load(): Promise<LedgerSnapshot> {
    const { ledgerDir, journalFile, paydownDir, legacyFile } = this.paths;
    assertLedgerContained(this.paths);
    let listing = listFolder(ledgerDir);
    if (hasCommitLeftovers(listing) || hasCommitLeftovers(listFolder(paydownDir))) {
      await this.finishInterruptedCommit();
      listing = listFolder(ledgerDir);
    }
    const pending = listing.includes(JOURNAL_FILE) ? pendingCommit(journalFile, paydownDir) : null;
    const names = new Set(listing.filter(isItemFileName));
    for (const target of pending?.overlay.keys() ?? []) {
      if (path.dirname(target) === ledgerDir && isItemFileName(path.basename(target))) names.add(path.basename(target));
    }
    const items: LedgerItem[] = [];
    const errors: PaydownError[] = [];
    const ids = new Set<string>();
    /**
     * Parses one item file's text. A file read ahead (`retry`) that does not parse is read again
     * here instead of reported: its one read may have been cut short.
     */
    const take = (name: string, text: string, retry: boolean): void => {
      const id = name.slice(0, -'.json'.length);
      try {
        items.push(parseItem(text, itemDisplayPath(id), id).item);
      } catch (err) {
        if (!PaydownError.is(err)) throw err;
        if (retry) {
          readHere(name);
          return;
        }
        errors.push(err);
      }
      ids.add(id);
    };
    const readHere = (name: string): void => {
      const id = name.slice(0, -'.json'.length);
      const file = path.join(ledgerDir, name);
      let text: string;
      try {
        text = readPreferring(pending?.overlay.get(file), file, this.paths.root);
      } catch (err) {
        errors.push(unreadable(id, err));
        return;
      }
      take(name, text, false);
    };
    if (pending === null && CAN_READ_AHEAD && names.size >= (this.options.readAheadFrom ?? READ_AHEAD_FROM)) {
      for await (const chunk of readItemFilesAhead(ledgerDir, [...names])) {
        let start = 0;
        for (let i = 0; i < chunk.names.length; i++) {
          const name = chunk.names[i] as string;
          const end = chunk.ends[i] as number;
          take(name, chunk.bytes.toString('utf8', start, end), true);
          start = end;
        }
        for (const name of chunk.leftOver) readHere(name);
      }
    } else {
      let sinceYield = 0;
      for (const name of names) {
        // Let the event loop breathe: an editor stays responsive and a scan running meanwhile keeps going.
        if (++sinceYield === LOAD_YIELD_EVERY) {
          sinceYield = 0;
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
        readHere(name);
      }
    }
    let legacy = false;
    if (!pending?.removed.has(legacyFile)) {
      const old = readLegacy(legacyFile);
      if (old) {
        for (const item of old.items) {
          if (ids.has(item.id)) continue;
          items.push(item);
          legacy = true;
        }
        for (const error of old.errors) errors.push(error);
        legacy ||= old.errors.length > 0;
      }
    }
    items.sort(byId);
    return { items, errors, legacy };
  }

  /**
   * Runs `fn` under the ledger lock against fresh state, then writes everything it put in one
   * atomic commit (and migrates a legacy ledger on the way). Nothing is written if `fn` throws.
   * Not re-entrant: do not call `update()` from inside `fn`.
   */
  update<T>(fn: (tx: LedgerTransaction) => T | Promise<T>): Promise<T> {
    return this.enqueue(() => this.runUpdate(fn));
  }

  /** Runs `job` after this store's earlier updates, so one process never waits on its own lock. */
  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job, job);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Finishes or abandons an interrupted commit under the lock. When a live writer holds the lock
   * (it finishes its own commit) or the folder is read-only (nothing can be repaired), the reader
   * reads through the journal instead. A reader waits for the lock only briefly: a live writer's
   * leftovers exist only while it commits, and a dead writer's lock on another host is not
   * worth a long wait for a read.
   */
  private async finishInterruptedCommit(): Promise<void> {
    const timeoutMs = Math.min(this.options.lockTimeoutMs ?? READER_LOCK_TIMEOUT_MS, READER_LOCK_TIMEOUT_MS);
    try {
      await this.enqueue(() => this.withLock(() => undefined, timeoutMs));
    } catch (err) {
      if (PaydownError.is(err, 'ledger-locked') || READ_ONLY_CODES.has((err as NodeJS.ErrnoException).code ?? '')) return;
      throw err;
    }
  }

  /**
   * Runs `fn` holding the lock, after recovering any interrupted commit; the doctor uses it.
   * @internal
   */
  async withLock<T>(fn: (recovery: RecoveryResult) => T | Promise<T>, timeoutMs = this.options.lockTimeoutMs): Promise<T> {
    assertLedgerContained(this.paths);
    this.ensureFolders();
    const lock = await acquireLock(this.paths.lockFile, { timeoutMs, staleMs: this.options.staleLockMs, clock: this.options.clock });
    try {
      const recovery = recoverJournal(this.paths.journalFile, this.paths.paydownDir, [this.paths.ledgerDir, this.paths.paydownDir]);
      return await fn(recovery);
    } finally {
      lock.release();
    }
  }

  /**
   * `.paydown/` and its `.gitignore`, then `ledger/`: the lock, temps and journal created next are
   * ignored by git from their first byte, even if this process is killed. Never creates the root.
   */
  private ensureFolders(): void {
    const { root, ledgerDir } = this.paths;
    let isFolder = false;
    try {
      isFolder = fs.statSync(root).isDirectory();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (!isFolder) throw new PaydownError('path-unreadable', `The workspace root ${root} is not an existing folder`, 'Pass the folder that holds (or will hold) .paydown/ as the root.');
    ensurePaydownGitignore(this.paths);
    fs.mkdirSync(ledgerDir, { recursive: true });
  }

  private runUpdate<T>(fn: (tx: LedgerTransaction) => T | Promise<T>): Promise<T> {
    return this.withLock(async () => {
      const tx = new Transaction(this.paths);
      const result = await fn(tx);
      commitPlan(tx.plan(), this.paths.journalFile, this.paths.paydownDir, this.options.commitHook);
      return result;
    });
  }
}

class Transaction implements LedgerTransaction {
  readonly errors: PaydownError[] = [];
  private readonly cache = new Map<string, Cached>();
  private readonly puts = new Map<string, LedgerItem>();
  private readonly legacy: LegacyLedger | null;
  private readonly legacyById = new Map<string, LedgerItem>();
  private allRead = false;

  constructor(private readonly paths: LedgerPaths) {
    this.legacy = readLegacy(paths.legacyFile);
    for (const item of this.legacy?.items ?? []) this.legacyById.set(item.id, item);
  }

  get(id: string): LedgerItem | undefined {
    const put = this.puts.get(id);
    if (put) return put;
    const cached = this.read(id);
    if (cached.kind === 'error') throw cached.error;
    if (cached.kind === 'item') return cached.item;
    return this.legacyById.get(id);
  }

  all(): LedgerItem[] {
    if (!this.allRead) {
      this.allRead = true;
      for (const name of listItemFiles(this.paths.ledgerDir)) {
        const cached = this.read(name.slice(0, -'.json'.length));
        if (cached.kind === 'error') this.errors.push(cached.error);
      }
      if (this.legacy) for (const error of this.legacy.errors) this.errors.push(error);
    }
    const merged = new Map<string, LedgerItem>();
    for (const item of this.legacyById.values()) merged.set(item.id, item);
    for (const [id, cached] of this.cache) {
      if (cached.kind === 'item') merged.set(id, cached.item);
      else if (cached.kind === 'error') merged.delete(id);
    }
    for (const [id, item] of this.puts) merged.set(id, item);
    return [...merged.values()].sort(byId);
  }

  put(item: LedgerItem): void {
    if (!isSafeItemId(item.id)) throw new PaydownError('usage', `Not a valid item id: ${JSON.stringify(item.id)}`);
    const cached = this.read(item.id);
    if (cached.kind === 'error') throw cached.error;
    this.puts.set(item.id, item);
  }

  /** The commit: changed items and the legacy migration (`withLock` wrote the `.paydown/.gitignore`). */
  plan(): CommitPlan {
    const plan: CommitPlan = { writes: [], removes: [] };
    const write = (id: string, item: LedgerItem): void => {
      const cached = this.read(id);
      // An unchanged item keeps its file as it is, even one an older minor version wrote.
      if (cached.kind === 'item' && formatItem(item, cached.schema) === formatItem(cached.item, cached.schema)) return;
      const schema = cached.kind === 'item' ? newerSchema(CURRENT_SCHEMA, cached.schema) : CURRENT_SCHEMA;
      if (schema === CURRENT_SCHEMA && item.extra && Object.keys(item.extra).length > 0) {
        throw new PaydownError('usage', `${itemDisplayPath(id)}: "extra" fields can only come from a file written by a newer Paydown`);
      }
      const text = formatItem(item, schema);
      try {
        parseItem(text, itemDisplayPath(id), id);
      } catch (err) {
        // Never write what we would refuse to read.
        throw new PaydownError('usage', `Refusing to write an invalid item: ${err instanceof Error ? err.message : String(err)}`, undefined, { cause: err });
      }
      if (cached.kind === 'item' && cached.text === text) return;
      plan.writes.push({ file: path.join(this.paths.ledgerDir, itemFileName(id)), data: text });
    };
    if (this.legacy && fs.existsSync(this.paths.legacyFile)) {
      if (this.legacy.errors.length > 0) {
        const first = this.legacy.errors[0]!;
        throw new PaydownError('ledger-corrupt', `Cannot migrate ${PAYDOWN_DIR}/${LEGACY_LEDGER_FILE}: ${first.message}`, first.hint, {
          details: this.legacy.errors.flatMap((e) => e.details),
        });
      }
      for (const item of this.legacy.items) {
        if (this.puts.has(item.id)) continue;
        const cached = this.read(item.id);
        if (cached.kind === 'absent') write(item.id, item);
      }
      plan.removes.push(this.paths.legacyFile);
    }
    for (const [id, item] of [...this.puts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) write(id, item);
    return plan;
  }

  private read(id: string): Cached {
    let cached = this.cache.get(id);
    if (cached) return cached;
    const file = path.join(this.paths.ledgerDir, itemFileName(id));
    try {
      const text = readItemText(file, this.paths.root);
      try {
        const parsed = parseItem(text, itemDisplayPath(id), id);
        cached = { kind: 'item', item: parsed.item, schema: parsed.schema, text };
      } catch (err) {
        if (!PaydownError.is(err)) throw err;
        cached = { kind: 'error', error: err };
      }
    } catch (err) {
      // Unreadable (a folder, a link leaving the workspace, no permission): reported like a corrupt file.
      cached = (err as NodeJS.ErrnoException).code === 'ENOENT' ? { kind: 'absent' } : { kind: 'error', error: unreadable(id, err) };
    }
    this.cache.set(id, cached);
    return cached;
  }
}

function byId(a: LedgerItem, b: LedgerItem): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function listItemFiles(dir: string): string[] {
  return listFolder(dir).filter(isItemFileName);
}

function listFolder(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** A journal or a commit's temp: a commit was interrupted (or is in flight). Lock candidates do not count. */
function hasCommitLeftovers(names: readonly string[]): boolean {
  return names.some((name) => name === JOURNAL_FILE || isTempName(name));
}

/** How long `load()` waits for the lock to finish an interrupted commit before reading through it. */
const READER_LOCK_TIMEOUT_MS = 2_000;

/** Errors that say the ledger folder cannot be written: a reader then reads what is there. */
const READ_ONLY_CODES: ReadonlySet<string> = new Set(['EROFS', 'EACCES', 'EPERM']);

let readBuffer = Buffer.alloc(64 * 1024);

/**
 * Reads an item file (or a commit's temp) as UTF-8 through one reused buffer: with 10,000 item
 * files, skipping readFileSync's stat and per-file allocation halves the load time. A symbolic
 * link is followed only when it stays inside the workspace `root` (found out only when the
 * no-follow open fails, so ordinary files cost nothing more).
 */
export function readItemText(file: string, root: string): string {
  const fd = openItemFile(file, root);
  try {
    let length = 0;
    for (;;) {
      if (length === readBuffer.length) {
        const bigger = Buffer.alloc(readBuffer.length * 2);
        readBuffer.copy(bigger);
        readBuffer = bigger;
      }
      const n = fs.readSync(fd, readBuffer, length, readBuffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return readBuffer.toString('utf8', 0, length);
  } finally {
    fs.closeSync(fd);
  }
}

function openItemFile(file: string, root: string): number {
  if (READ_NO_FOLLOW === fs.constants.O_RDONLY) {
    // No O_NOFOLLOW on this platform (Windows): look before opening.
    assertNoEscapingLinks(root, [path.relative(root, file)]);
    return fs.openSync(file, 'r');
  }
  try {
    return fs.openSync(file, READ_NO_FOLLOW);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ELOOP') throw err;
  }
  assertNoEscapingLinks(root, [path.relative(root, file)]);
  return fs.openSync(file, 'r');
}

/** Reads the temp holding a commit's new content if it is still there, else the file itself. */
function readPreferring(temp: string | undefined, file: string, root: string): string {
  if (temp) {
    try {
      return readItemText(temp, root);
    } catch (err) {
      // ENOENT: renamed into place since we looked at the journal.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  return readItemText(file, root);
}

function readLegacy(file: string): LegacyLedger | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  return parseLegacyLedger(text, `${PAYDOWN_DIR}/${LEGACY_LEDGER_FILE}`);
}

/** Why an item file could not be read, naming `file:1` like every other ledger error. */
export function unreadable(id: string, err: unknown): PaydownError {
  const file = itemDisplayPath(id);
  const at = { cause: err, details: [`${file}:1`] };
  if (PaydownError.is(err, 'path-unreadable')) return new PaydownError('path-unreadable', `${file}:1: ${err.message}`, err.hint, at);
  if ((err as NodeJS.ErrnoException).code === 'EISDIR') {
    return new PaydownError('ledger-corrupt', `${file}:1: a folder where an item file should be`, 'Move the folder out of .paydown/ledger/ (item files are <ID>.json files).', at);
  }
  return new PaydownError('ledger-corrupt', `${file}:1: cannot read the file: ${err instanceof Error ? err.message : String(err)}`, 'Check the file permissions.', at);
}

/** Writes `.paydown/.gitignore` (lock, temps, journal, cache) if there is none; returns true when written. */
export function ensurePaydownGitignore(paths: LedgerPaths): boolean {
  if (fs.existsSync(paths.gitignoreFile)) return false;
  fs.mkdirSync(paths.paydownDir, { recursive: true });
  writeFileAtomic(paths.gitignoreFile, PAYDOWN_GITIGNORE);
  return true;
}
