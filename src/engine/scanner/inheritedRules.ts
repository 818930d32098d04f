/**
 * The ignore rules a workspace root inherits from above it. Git applies `.git/info/exclude` and
 * every `.gitignore` from the top of the work tree down, so a folder opened inside a repository
 * (a package of a monorepo) leaves out what the repository does: the `node_modules/` and `dist/`
 * of its top-level `.gitignore`. The walk reads the root's own ignore files and those below it;
 * this reads the rest, once per scan.
 *
 * Invariants: each inherited rule is rewritten relative to the root, so that it tests root-relative
 * paths as the walk's own levels do. A rule without a slash inside holds below the root as it is;
 * an anchored one keeps what is left of its path below the root, and is dropped where it can only
 * match the root or a folder above it: the root the user chose is read, as ripgrep reads an
 * ignored folder it is started in. Without a `.git` at or above the root there is nothing to inherit.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { minimatch } from 'minimatch';
import { IGNORE_FILE_NAMES, makeLevel, type IgnoreLevel } from './ignoreRules';
import { readText } from './pathRules';

/** The levels that apply at `root` before its own ignore files: `.git/info/exclude`, then each folder's from the work tree's top down. */
export async function inheritedIgnoreLevels(root: string): Promise<IgnoreLevel[]> {
  const top = workTreeTop(root);
  if (top === undefined) return [];
  const below = path.relative(top, root).split(path.sep).filter((s) => s !== '');
  const levels: IgnoreLevel[] = [];
  const add = (text: string | undefined, depth: number): void => {
    if (text === undefined) return;
    const rebased = depth === below.length ? text : rebaseIgnoreText(text, below.slice(depth));
    if (rebased.trim() !== '') levels.push(makeLevel('', rebased));
  };
  add(await readText(path.join(top, '.git', 'info', 'exclude')), 0);
  // The root's own files are the walk's: only the folders above it.
  for (let depth = 0; depth < below.length; depth++) {
    const dir = path.join(top, ...below.slice(0, depth));
    const texts: string[] = [];
    for (const name of IGNORE_FILE_NAMES) {
      const text = await readText(path.join(dir, name));
      if (text !== undefined) texts.push(text);
    }
    if (texts.length > 0) add(texts.join('\n'), depth);
  }
  return levels;
}

/** The nearest folder at or above `root` holding `.git` (a folder, or a worktree's file), or undefined. */
function workTreeTop(root: string): string | undefined {
  for (let dir = path.resolve(root); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * Gitignore `text` of a folder, rewritten for the folder `below` it (its path segments): the
 * rules as they apply to paths relative to that folder. Comments and blank lines are dropped.
 */
export function rebaseIgnoreText(text: string, below: readonly string[]): string {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    // Trailing blanks are not part of a rule unless escaped, as git reads them (`dist/ ` is `dist/`).
    const line = (raw.endsWith('\r') ? raw.slice(0, -1) : raw).replace(/(?<!\\) +$/, '');
    if (line.trim() === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    const body = negated ? line.slice(1) : line;
    const dirOnly = body.endsWith('/');
    const core = dirOnly ? body.slice(0, -1) : body;
    // No slash but a trailing one: the rule matches at any depth, below the root as well.
    if (core.indexOf('/') === -1) {
      out.push(line);
      continue;
    }
    const segments = (core.startsWith('/') ? core.slice(1) : core).split('/');
    for (const rest of new Set(remaindersBelow(segments, 0, below, 0).map((r) => r.join('/')))) {
      out.push(`${negated ? '!' : ''}/${rest}${dirOnly ? '/' : ''}`);
    }
  }
  return out.join('\n');
}

/**
 * What is left of the pattern `pattern[i…]` once the path `below[j…]` is matched by its start:
 * none when it cannot match there, or when it ends at or above the end of `below`.
 */
function remaindersBelow(pattern: readonly string[], i: number, below: readonly string[], j: number): string[][] {
  if (i === pattern.length) return [];
  if (j === below.length) return [pattern.slice(i)];
  const segment = pattern[i]!;
  if (segment === '**') return [...remaindersBelow(pattern, i + 1, below, j), ...remaindersBelow(pattern, i, below, j + 1)];
  return segmentMatches(below[j]!, segment) ? remaindersBelow(pattern, i + 1, below, j + 1) : [];
}

function segmentMatches(name: string, segment: string): boolean {
  return /[*?[\\]/.test(segment) ? minimatch(name, segment, { dot: true }) : name === segment;
}
