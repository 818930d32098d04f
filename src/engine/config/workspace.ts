import { lstatSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { PaydownError } from '../errors';

/**
 * The workspace a path belongs to: the nearest folder at or above `start` holding `.paydown/`,
 * else the nearest holding `.git`, else `start` itself. Item paths are relative to it, and
 * its `.gitignore`s apply to everything below.
 */
export function findWorkspaceRoot(start: string): string {
  const from = path.resolve(start);
  return findUp(from, '.paydown', true) ?? findUp(from, '.git', false) ?? from;
}

function findUp(from: string, name: string, mustBeDirectory: boolean): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    try {
      const stat = statSync(path.join(dir, name));
      if (!mustBeDirectory || stat.isDirectory()) return dir;
    } catch {
      // not here; keep climbing
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** `/`-separated path of `absolute` relative to `root` (`.` for the root itself). */
export function toWorkspacePath(root: string, absolute: string): string {
  const relative = path.relative(root, absolute);
  if (relative === '') return '.';
  return path.sep === '/' ? relative : relative.split(path.sep).join('/');
}

/** True when `absolute` is `root` or lies below it. */
export function isInside(root: string, absolute: string): boolean {
  const relative = path.relative(root, absolute);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Throws `path-unreadable` when one of `relativePaths` (under `root`, parents before children) is
 * a symbolic link that leads outside the workspace, so Paydown never reads or writes there on a
 * repository's say-so. Links that stay inside the workspace, and missing paths, are fine. Costs
 * one `lstat` per path; the links are only resolved when there are some.
 */
export function assertNoEscapingLinks(root: string, relativePaths: readonly string[]): void {
  let realRoot: string | undefined;
  for (const relative of relativePaths) {
    const file = path.join(root, relative);
    try {
      if (!lstatSync(file).isSymbolicLink()) continue;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') continue;
      if (code === 'EACCES' || code === 'EPERM') {
        throw new PaydownError('path-unreadable', `cannot read ${file}: permission denied`, 'Paydown needs to read the workspace and every folder above it: check their permissions, or run as a user who can.', { cause: err, details: [relative] });
      }
      throw err;
    }
    realRoot ??= realpathSync(root);
    const target = linkTarget(file);
    if (!isInside(realRoot, target) && !isInside(path.resolve(root), target)) {
      throw new PaydownError('path-unreadable', `${relative} is a symbolic link to ${target}, outside the workspace ${root}`, 'Paydown reads and writes only inside the workspace: make it a folder or file of the repository (or a link within it).', {
        details: [relative],
      });
    }
  }
}

/** Where a link finally points; a dangling link's target as written (it may not exist yet). */
function linkTarget(file: string): string {
  try {
    return realpathSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    return path.resolve(path.dirname(file), readlinkSync(file));
  }
}
