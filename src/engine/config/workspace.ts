import { statSync } from 'node:fs';
import * as path from 'node:path';

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
