/**
 * Crash-safe file writes. One file: temp in the same folder, write, fsync, rename, fsync the
 * folder. Several files: every temp first, then a journal listing the renames, then the renames,
 * then the journal is removed; `recoverJournal` rolls an interrupted commit forward (or back when
 * its temps are missing), so a crash leaves the old or the new state, never half of each.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { toWorkspacePath } from '../config/workspace';
import { createHash, randomBytes } from 'node:crypto';
import { isAbandonedLockCandidate } from './lock';
import { LEDGER_DIR, LOCK_FILE, TEMP_SUFFIX } from './paths';

/** The steps of a commit, in order; a test hook can stop the process at any of them. */
export type CommitStep = 'temps-written' | 'journal-written' | 'renamed' | 'committed';

/** Called after each step (`renamed` once per rename, with its 0-based index). */
export type CommitHook = (step: CommitStep, index: number) => void;

/** What a commit does: files to write (absolute paths → contents) and files to remove. */
export interface CommitPlan {
  writes: { file: string; data: string }[];
  removes: string[];
}

/** The journal file's content: paths relative to the journal's `base` folder. */
interface Journal {
  journal: 1;
  renames: { from: string; to: string; sha256: string }[];
  removes: string[];
}

/** What recovery found and did, for the doctor's report. */
export interface RecoveryResult {
  /** `none`: no journal; `forward`: finished an interrupted commit; `back`: abandoned one. */
  journal: 'none' | 'forward' | 'back' | 'unreadable';
  /** Temps removed (orphans of a commit that never reached its journal), relative to `base`. */
  removedTemps: string[];
}

/**
 * Open flags that refuse to follow a symbolic link in place of one of our own files (the journal,
 * a temp, a commit's target): a repository must not make us read or write through one.
 */
export const READ_NO_FOLLOW = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0);

/** A whole file, refusing (ELOOP) to follow a symbolic link in its place. */
export function readNoFollow(file: string): Buffer {
  const fd = fs.openSync(file, READ_NO_FOLLOW);
  try {
    return fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Fsyncs a folder so the renames and creations in it survive a power cut (a no-op where unsupported). */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch (err) {
    // Windows cannot open or fsync folders; its renames are durable on their own.
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EACCES' && code !== 'EINVAL') throw err;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** A fresh temp path next to `file`: hidden, unique, ends in `.tmp`. */
export function tempPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
}

/** True when `name` is one of our temp files (not a lock candidate: see lock.ts). */
export function isTempName(name: string): boolean {
  return name.startsWith('.') && name.endsWith(TEMP_SUFFIX) && !isLockCandidate(name);
}

/** A lock file being created (`.lock.<pid>.<token>.tmp`, see lock.ts), not a commit's temp. */
function isLockCandidate(name: string): boolean {
  return name.startsWith(`${LOCK_FILE}.`) && name.endsWith(TEMP_SUFFIX);
}

function writeDurable(file: string, data: string | Uint8Array, mode = 0o644): void {
  const fd = fs.openSync(file, 'wx', mode);
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes one file atomically: readers see the old or the new content, never a mix. The file
 * gets `mode` exactly when given (to keep a replaced file's permissions), else 0o644 less the umask.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array, options: { mode?: number } = {}): void {
  const temp = tempPathFor(file);
  try {
    writeDurable(temp, data, options.mode);
    if (options.mode !== undefined) fs.chmodSync(temp, options.mode);
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
  fsyncDir(path.dirname(file));
}

/**
 * Applies a plan so that a crash at any point leaves the old or the new state. The caller holds
 * the ledger lock. `base` is the folder the journal's relative paths start from.
 */
export function commitPlan(plan: CommitPlan, journalFile: string, base: string, hook?: CommitHook): void {
  if (plan.writes.length === 0 && plan.removes.length === 0) return;
  if (plan.writes.length === 1 && plan.removes.length === 0) {
    const only = plan.writes[0]!;
    const temp = tempPathFor(only.file);
    writeDurable(temp, only.data);
    hook?.('temps-written', 0);
    fs.renameSync(temp, only.file);
    fsyncDir(path.dirname(only.file));
    hook?.('renamed', 0);
    hook?.('committed', 0);
    return;
  }
  const dirs = new Set<string>();
  const renames: { from: string; to: string; sha256: string }[] = [];
  try {
    for (const w of plan.writes) {
      const temp = tempPathFor(w.file);
      renames.push({ from: temp, to: w.file, sha256: sha256(w.data) });
      writeDurable(temp, w.data);
      dirs.add(path.dirname(w.file));
    }
  } catch (err) {
    for (const r of renames) fs.rmSync(r.from, { force: true });
    throw err;
  }
  for (const d of dirs) fsyncDir(d);
  hook?.('temps-written', 0);

  const journal: Journal = {
    journal: 1,
    renames: renames.map((r) => ({ from: rel(base, r.from), to: rel(base, r.to), sha256: r.sha256 })),
    removes: plan.removes.map((f) => rel(base, f)),
  };
  // Written in place, not through a temp: a journal torn by a crash does not parse, and an
  // unreadable journal is rolled back, which is right because no rename has happened yet.
  writeDurable(journalFile, JSON.stringify(journal, null, 1) + '\n');
  fsyncDir(path.dirname(journalFile));
  hook?.('journal-written', 0);

  renames.forEach((r, i) => {
    fs.renameSync(r.from, r.to);
    hook?.('renamed', i);
  });
  for (const f of plan.removes) {
    fs.rmSync(f, { force: true });
    dirs.add(path.dirname(f));
  }
  for (const d of dirs) fsyncDir(d);
  // No fsync after this: if the removal is lost in a crash, recovery finds every target already
  // at its checksum and only removes the journal again.
  fs.rmSync(journalFile, { force: true });
  hook?.('committed', 0);
}

function rel(base: string, file: string): string {
  return toWorkspacePath(base, file);
}

function abs(base: string, relative: string): string | null {
  const file = path.resolve(base, relative);
  // A journal only ever names files directly in its base or in the ledger folder (both checked
  // for links leaving the workspace); anything else is not ours to touch.
  const dir = path.dirname(file);
  return dir === base || dir === path.join(base, LEDGER_DIR) ? file : null;
}

function readJournal(journalFile: string): Journal | 'missing' | 'unreadable' {
  let text: string;
  try {
    text = readNoFollow(journalFile).toString('utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    // A link where our journal should be was not written by us: not a journal.
    if (code === 'ELOOP') return 'unreadable';
    throw err;
  }
  try {
    const j = JSON.parse(text) as Journal;
    if (j.journal !== 1 || !Array.isArray(j.renames) || !Array.isArray(j.removes)) return 'unreadable';
    return j;
  } catch {
    return 'unreadable';
  }
}

/** The file's SHA-256, or null when it is missing (or a link, which no commit of ours writes). */
function fileSha(file: string): string | null {
  try {
    return sha256(readNoFollow(file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ELOOP') return null;
    throw err;
  }
}

/**
 * Finishes or abandons an interrupted commit, then removes orphan temps in `tempDirs`. Only call
 * it holding the ledger lock (a live writer's temps and journal look exactly like a crashed one's).
 */
export function recoverJournal(journalFile: string, base: string, tempDirs: readonly string[]): RecoveryResult {
  const result: RecoveryResult = { journal: 'none', removedTemps: [] };
  const journal = readJournal(journalFile);
  if (journal === 'unreadable') result.journal = 'unreadable';
  if (typeof journal === 'object') {
    const entries = journal.renames.map((r) => ({ from: abs(base, r.from), to: abs(base, r.to), sha256: r.sha256 }));
    const complete = entries.every((e) => e.from !== null && e.to !== null && (fs.existsSync(e.from) || fileSha(e.to) === e.sha256));
    if (complete) {
      const dirs = new Set<string>();
      for (const e of entries) {
        if (e.from && e.to && fs.existsSync(e.from)) {
          fs.renameSync(e.from, e.to);
          dirs.add(path.dirname(e.to));
        }
      }
      for (const r of journal.removes) {
        const f = abs(base, r);
        if (f) {
          fs.rmSync(f, { force: true });
          dirs.add(path.dirname(f));
        }
      }
      for (const d of dirs) fsyncDir(d);
      result.journal = 'forward';
    } else {
      result.journal = 'back';
    }
  }
  if (journal !== 'missing') {
    fs.rmSync(journalFile, { force: true });
    fsyncDir(path.dirname(journalFile));
  }
  for (const dir of tempDirs) {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    for (const name of names) {
      if (isLockCandidate(name)) {
        if (!isAbandonedLockCandidate(path.join(dir, name))) continue;
      } else if (!isTempName(name)) {
        continue;
      }
      fs.rmSync(path.join(dir, name), { force: true });
      result.removedTemps.push(rel(base, path.join(dir, name)));
    }
  }
  return result;
}

/**
 * What a reader (holding no lock) should see while a commit may be in flight: the journal's
 * targets mapped to their temps (the new content, already fsynced) and the files it removes.
 */
export function pendingCommit(journalFile: string, base: string): { overlay: Map<string, string>; removed: Set<string> } | null {
  const journal = readJournal(journalFile);
  if (typeof journal !== 'object') return null;
  const overlay = new Map<string, string>();
  for (const r of journal.renames) {
    const from = abs(base, r.from);
    const to = abs(base, r.to);
    if (from && to && fs.existsSync(from)) overlay.set(to, from);
  }
  const removed = new Set<string>();
  for (const r of journal.removes) {
    const f = abs(base, r);
    if (f) removed.add(f);
  }
  return { overlay, removed };
}
