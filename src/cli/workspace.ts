/**
 * How a command finds and opens its workspace: the root (from the current folder, the targets or
 * `--root`), the scan cache folder, and the ports the CLI gives the engine (git in this process's
 * environment, stderr warnings, the clock pinned to `--today` where a command takes it).
 */
import { createHash } from 'node:crypto';
import { lstatSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findWorkspaceRoot, isInside, nodePorts, openWorkspace, PaydownError, type Clock, type Logger, type Workspace } from '../engine';
import { warn } from './output';

/** Options every workspace command shares. */
export interface WorkspaceFlags {
  root?: string;
  cache: boolean;
  cacheDir?: string;
}

/** What the CLI's engine says on stderr: warnings only (progress and details stay quiet). */
const stderrLogger: Logger = { debug: () => undefined, info: () => undefined, warn, error: warn };

/**
 * The clock of a command that takes `--today`: that day at the current time of day, so history
 * stamped by `--today` runs stays in order and inside the day it names.
 */
export function clockOn(today: string): Clock {
  return { now: () => new Date(`${today}T${new Date().toISOString().slice(11)}`) };
}

/**
 * The workspace of the current folder, unless `targets` lie elsewhere: then the first target's.
 * `--root` overrides both. Every target must exist and lie inside the root.
 */
export async function openCliWorkspace(flags: WorkspaceFlags, targets: string[] = [], options: { clock?: Clock } = {}): Promise<Workspace> {
  const root = resolveRoot(flags, targets);
  // The CLI never changes its working directory: files under it are opened by shorter paths.
  return openWorkspace(root, nodePorts(root, { env: process.env, logger: stderrLogger, clock: options.clock }), { cacheDir: cacheDirFor(root, flags), workingDirectory: process.cwd() });
}

/** The workspace root a command works on (see {@link openCliWorkspace}), without opening it. */
export function resolveRoot(flags: WorkspaceFlags, targets: string[] = []): string {
  for (const target of targets) assertReadable(target);
  if (flags.root !== undefined) assertRootFolder(flags.root);
  const cwd = process.cwd();
  const root = path.resolve(flags.root ?? workspaceRootFor(cwd, targets));
  for (const target of targets) {
    if (!isInside(root, target)) {
      throw new PaydownError('usage', `${target} is outside the workspace ${root}`, 'work on one workspace at a time, or pass --root');
    }
  }
  return root;
}

/**
 * Where the incremental scan cache lives, or undefined with --no-cache. A `--cache-dir` that is
 * (or lies under) a file is a usage error; a default cache folder that cannot be one is warned
 * about once and the scan runs without a cache.
 */
export function cacheDirFor(root: string, flags: WorkspaceFlags): string | undefined {
  if (!flags.cache) return undefined;
  const dir = path.resolve(flags.cacheDir ?? defaultCacheDir(root));
  const blocker = fileInTheWay(dir);
  if (blocker === null) return dir;
  if (flags.cacheDir !== undefined) {
    const what = blocker === dir ? 'is not a folder' : `cannot be a folder: ${blocker} is a file`;
    throw new PaydownError('usage', `--cache-dir ${flags.cacheDir} ${what}`, 'pass a folder (it is created when missing), or --no-cache');
  }
  if (!warnedCache) warn(`the scan cache folder ${dir} cannot be used (${blocker} is a file): scanning without the cache`);
  warnedCache = true;
  return undefined;
}

let warnedCache = false;

/**
 * The default cache folder of a workspace: `$XDG_CACHE_HOME/paydown/<hash of root>`, else the
 * platform's cache folder (`~/.cache`, `~/Library/Caches`, `%LOCALAPPDATA%`) — never inside the
 * workspace, so nothing shows up in `git status`.
 */
export function defaultCacheDir(root: string, env: NodeJS.ProcessEnv = process.env): string {
  let base = env.XDG_CACHE_HOME;
  if (!base || !path.isAbsolute(base)) {
    if (process.platform === 'darwin') base = path.join(os.homedir(), 'Library', 'Caches');
    else if (process.platform === 'win32') base = env.LOCALAPPDATA ?? path.join(os.homedir(), 'AppData', 'Local');
    else base = path.join(os.homedir(), '.cache');
  }
  const hash = createHash('sha256').update(path.resolve(root)).digest('hex').slice(0, 16);
  return path.join(base, 'paydown', hash);
}

/**
 * The user's state folder for Paydown (the tracker sync's offline queue): `$XDG_STATE_HOME/paydown`,
 * else `~/.local/state/paydown`, `~/Library/Application Support/paydown` or
 * `%LOCALAPPDATA%\paydown\state` — never inside a workspace.
 */
export function defaultStateDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_STATE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'paydown');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'paydown');
  if (process.platform === 'win32') return path.join(env.LOCALAPPDATA ?? path.join(os.homedir(), 'AppData', 'Local'), 'paydown', 'state');
  return path.join(os.homedir(), '.local', 'state', 'paydown');
}

/** The nearest existing path at or above `dir` when it is not a folder (null: `dir` can be one). */
function fileInTheWay(dir: string): string | null {
  for (let at = dir; ; at = path.dirname(at)) {
    try {
      // A symlink to a folder is a folder here; statSync follows it.
      return statSync(at).isDirectory() ? null : at;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR') continue;
      if (code !== 'ENOENT') return null; // unreadable: the cache copes (a failed write is no cache)
      if (lstatSync(at, { throwIfNoEntry: false })) return at; // a dangling symlink
    }
    if (path.dirname(at) === at) return null;
  }
}

function workspaceRootFor(cwd: string, targets: string[]): string {
  const here = findWorkspaceRoot(cwd);
  if (targets.every((t) => isInside(here, t))) return here;
  return findWorkspaceRoot(nearestFolder(targets[0]!));
}

/** `--root` names an existing folder: a typo must not become a new, empty workspace. */
function assertRootFolder(root: string): void {
  let isFolder = false;
  try {
    isFolder = statSync(root).isDirectory();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' && (err as NodeJS.ErrnoException).code !== 'ENOTDIR') throw err;
  }
  if (!isFolder) throw new PaydownError('usage', `--root ${root}: no such folder`, 'pass the folder of an existing workspace (the one holding .paydown/ or .git)');
}

function assertReadable(target: string): void {
  try {
    statSync(target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file or folder' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new PaydownError('path-unreadable', `cannot read ${target}: ${why}`);
  }
}

function nearestFolder(target: string): string {
  try {
    return statSync(target).isDirectory() ? target : path.dirname(target);
  } catch {
    return path.dirname(target);
  }
}
