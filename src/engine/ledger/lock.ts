/**
 * The ledger's cross-process lock: `.paydown/ledger/.lock`, created exclusively (a hard link, which
 * fails if it exists, or O_EXCL), holding who took
 * it (pid, hostname, time, a random token). A lock whose holder died on this host, or that is
 * older than `staleMs`, is broken; otherwise acquiring retries with backoff up to a deadline,
 * then fails with `ledger-locked` naming the holder. A lock stamped in the future (another host's
 * clock runs ahead) still ages. Only ENOENT means a lock file is gone: any other error (no
 * permission, …) is raised, never mistaken for a free lock.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { PaydownError } from '../errors';
import { systemClock, type Clock } from '../ports';
import { TEMP_SUFFIX } from './paths';

/** Who holds the lock, as written in the lock file. */
export interface LockOwner {
  pid: number;
  hostname: string;
  /** ISO time the lock was taken. */
  at: string;
  token: string;
}

/** Options for taking the lock. */
export interface LockOptions {
  /** Give up after this long (default 10 s). */
  timeoutMs?: number;
  /** A lock older than this is stale whoever holds it (default 2 min; a transaction takes well under a second). */
  staleMs?: number;
  clock?: Clock;
}

/** A held lock; `release()` removes the lock file if it is still ours. */
export interface HeldLock {
  owner: LockOwner;
  release(): void;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_STALE_MS = 120_000;
/** The breaker lock is held for microseconds; older than this, its holder died. */
const BREAKER_STALE_MS = 5_000;

/** Reads the lock file's owner, or null when there is no lock (or it is being written, or is not ours). */
export function readLockOwner(lockFile: string): LockOwner | null {
  let text: string;
  try {
    text = fs.readFileSync(lockFile, 'utf8');
  } catch (err) {
    if (isGone(err)) return null;
    throw unreadableLock(lockFile, err);
  }
  try {
    const owner = JSON.parse(text) as Partial<LockOwner> | null;
    if (typeof owner?.pid !== 'number' || typeof owner.hostname !== 'string' || typeof owner.at !== 'string') return null;
    return { pid: owner.pid, hostname: owner.hostname, at: owner.at, token: String(owner.token ?? '') };
  } catch {
    return null; // torn or foreign content: judged by the file's age
  }
}

/** A lock we cannot look at (no permission, a folder, a link loop): never taken for a free one. */
function unreadableLock(lockFile: string, err: unknown): PaydownError {
  if (PaydownError.is(err)) return err;
  return new PaydownError('path-unreadable', `cannot read the ledger lock ${lockFile}: ${(err as Error).message}`, 'Check the permissions of .paydown/ledger/ and its .lock, or run `paydown ledger doctor`.', { cause: err, details: [lockFile] });
}

/** ENOENT: the file is not there (released, broken). Anything else is a real error. */
function isGone(err: unknown): boolean {
  return (err as NodeJS.ErrnoException).code === 'ENOENT';
}

/** True when a process with this pid runs on this machine. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** How far in the future a lock's time may be before we stop believing it (clocks drift a little). */
const FUTURE_TOLERANCE_MS = 5_000;

/**
 * When this process first saw each lock whose times all lie in the future, keyed by its owner
 * and mtime: such a lock ages from that moment. Process-wide on purpose, so a long-lived editor
 * keeps counting across its attempts; a handful of entries at most.
 */
const firstSeenInFuture = new Map<string, number>();

/** Why a lock is stale, or null when its holder may still be working. */
export function lockStaleReason(owner: LockOwner | null, mtimeMs: number, now: number, staleMs: number): string | null {
  if (owner && owner.hostname === os.hostname() && owner.pid !== process.pid && !isProcessAlive(owner.pid)) {
    return `holder (pid ${owner.pid}) is no longer running`;
  }
  const age = now - lockTime(owner, mtimeMs, now);
  if (age > staleMs) return `held for ${Math.round(age / 1000)} s, longer than the ${Math.round(staleMs / 1000)} s limit`;
  return null;
}

/**
 * When the lock was taken, as far as we can trust it: the later of its stamp and its mtime,
 * leaving out either when it lies in the future beyond a small tolerance (the holder's clock,
 * or a file system's, runs ahead); when both do, the moment we first saw the lock.
 */
function lockTime(owner: LockOwner | null, mtimeMs: number, now: number): number {
  const plausible = (t: number): boolean => Number.isFinite(t) && t <= now + FUTURE_TOLERANCE_MS;
  const stamped = owner ? Date.parse(owner.at) : NaN;
  const times = [stamped, mtimeMs].filter(plausible);
  if (times.length > 0) return Math.max(...times);
  const key = `${owner?.token ?? ''}\0${owner?.at ?? ''}\0${mtimeMs}`;
  const seen = firstSeenInFuture.get(key);
  if (seen !== undefined) return seen;
  if (firstSeenInFuture.size >= 64) firstSeenInFuture.clear();
  firstSeenInFuture.set(key, now);
  return now;
}

/**
 * Creates the lock file with its content in one step: the owner is written to a temp file that
 * is then hard-linked to the lock name (which fails if the lock exists), so a crash never leaves
 * an empty lock. Where hard links are unsupported, falls back to an O_EXCL create and write.
 */
function tryCreate(lockFile: string, owner: LockOwner): boolean {
  const content = JSON.stringify(owner) + '\n';
  const temp = `${path.dirname(lockFile)}/.lock.${owner.pid}.${owner.token}${TEMP_SUFFIX}`;
  fs.writeFileSync(temp, content, { flag: 'wx', mode: 0o644 });
  try {
    fs.linkSync(temp, lockFile);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // ENOENT: another host sharing this folder took our candidate for abandoned; just retry.
    if (code === 'EEXIST' || code === 'ENOENT') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') throw err;
  } finally {
    fs.rmSync(temp, { force: true });
  }
  let fd: number;
  try {
    fd = fs.openSync(lockFile, 'wx', 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    fs.writeFileSync(fd, content);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/** A lock candidate older than this belongs to a dead process, whatever host wrote it. */
const CANDIDATE_STALE_MS = 10_000;

/**
 * True when a lock candidate (`.lock.<pid>.<token>.tmp`) was left by a writer killed while taking
 * the lock: its pid is dead on this host, or it is older than a few seconds (it lives for
 * microseconds). Recovery removes such files.
 */
export function isAbandonedLockCandidate(file: string): boolean {
  const pid = Number(/^\.lock\.(\d+)\./.exec(path.basename(file))?.[1]);
  if (pid > 0 && pid !== process.pid && !isProcessAlive(pid)) return true;
  try {
    return Date.now() - fs.statSync(file).mtimeMs > CANDIDATE_STALE_MS;
  } catch (err) {
    if (isGone(err)) return false;
    throw unreadableLock(file, err);
  }
}

/**
 * Removes `lockFile` if it is still the stale lock we looked at. A second O_EXCL file (the
 * breaker) serialises breakers, so one of them cannot remove a fresh lock another just took.
 */
function breakStaleLock(lockFile: string, seen: LockOwner | null, seenMtime: number): boolean {
  const breaker = lockFile + '.break';
  let fd: number;
  try {
    fd = fs.openSync(breaker, 'wx', 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    try {
      if (Date.now() - fs.statSync(breaker).mtimeMs > BREAKER_STALE_MS) fs.rmSync(breaker, { force: true });
    } catch (err) {
      if (!isGone(err)) throw unreadableLock(breaker, err); // gone already: another breaker finished
    }
    return false;
  }
  try {
    fs.closeSync(fd);
    let now: fs.Stats;
    try {
      now = fs.statSync(lockFile);
    } catch (err) {
      if (isGone(err)) return true;
      throw unreadableLock(lockFile, err);
    }
    const current = readLockOwner(lockFile);
    const same = current === null || seen === null ? now.mtimeMs === seenMtime : current.token === seen.token && current.pid === seen.pid;
    if (same) fs.rmSync(lockFile, { force: true });
    return same;
  } finally {
    fs.rmSync(breaker, { force: true });
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Takes the lock, waiting (with backoff and jitter) for a live holder up to `timeoutMs`. */
export async function acquireLock(lockFile: string, options: LockOptions = {}): Promise<HeldLock> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const clock = options.clock ?? systemClock;
  const deadline = Date.now() + timeoutMs;
  let delay = 2;
  for (;;) {
    const owner: LockOwner = { pid: process.pid, hostname: os.hostname(), at: clock.now().toISOString(), token: randomBytes(8).toString('hex') };
    if (tryCreate(lockFile, owner)) {
      return { owner, release: () => releaseLock(lockFile, owner) };
    }
    let holder: LockOwner | null;
    let mtime: number;
    try {
      mtime = fs.statSync(lockFile).mtimeMs;
      holder = readLockOwner(lockFile);
    } catch (err) {
      if (isGone(err)) continue; // released between our attempt and the stat: try again at once
      throw unreadableLock(lockFile, err);
    }
    // A lock file with no readable owner may be one being written right now: judge it by age only.
    if (lockStaleReason(holder, mtime, Date.now(), staleMs) !== null && breakStaleLock(lockFile, holder, mtime)) continue;
    if (Date.now() >= deadline) {
      const who = holder ? `pid ${holder.pid} on ${holder.hostname} since ${holder.at}` : 'an unknown process';
      throw new PaydownError('ledger-locked', `The ledger is locked by ${who}`, 'Another Paydown (editor window or CLI) is writing the ledger; try again. If no Paydown is running, run `paydown ledger doctor`.', {
        details: [lockFile],
      });
    }
    await sleep(Math.min(delay + Math.random() * delay, Math.max(1, deadline - Date.now())));
    delay = Math.min(delay * 2, 40);
  }
}

/** Removes the lock file if it still holds our token. */
export function releaseLock(lockFile: string, owner: LockOwner): void {
  const current = readLockOwner(lockFile);
  if (current && current.token === owner.token) fs.rmSync(lockFile, { force: true });
}
