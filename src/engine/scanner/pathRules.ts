/**
 * The ignore rules and globs above one path, as a walk from the root would have applied them on
 * its way down: for scans of explicit paths (scan.ts) and for asking, after a scan, why a file
 * was not read (coverage.ts). Each folder's ignore files are read once per instance.
 *
 * Invariant: a path is visible here exactly when a whole-tree walk would reach it, folder by
 * folder (walk.ts): no folder above it is Paydown's own or git's, ignored by the rules of the
 * folders above that one, or left out by the globs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { IGNORE_FILE_NAMES, isIgnored, makeLevel, type GlobFilter, type IgnoreLevel } from './ignoreRules';
import { NEVER_SCANNED_DIRS } from './walk';

/** Why a walk from the root never reaches a path: an ignore file (or a Paydown/git folder), or the globs. */
export type HiddenBy = 'ignored' | 'excluded';

export class PathRules {
  private readonly levels = new Map<string, IgnoreLevel | null>();

  /** `baseChain`: rules that apply everywhere (`.git/info/exclude`, and those inherited from above the root: inheritedRules.ts). */
  constructor(
    private readonly root: string,
    private readonly baseChain: readonly IgnoreLevel[],
    private readonly globs: GlobFilter,
  ) {}

  /**
   * The rules that apply to `rel` (root-relative, `/`-separated): those of every folder above
   * it, or why one of those folders is not walked. `rel` itself is not tested.
   */
  async above(rel: string): Promise<IgnoreLevel[] | HiddenBy> {
    const parts = rel === '' ? [] : rel.split('/');
    if (parts.slice(0, -1).some((part) => NEVER_SCANNED_DIRS.has(part))) return 'ignored';
    const chain = [...this.baseChain];
    for (let i = 0; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (dir !== '') {
        if (isIgnored(chain, dir, true)) return 'ignored';
        if (!this.globs.empty && !this.globs.acceptsDir(dir)) return 'excluded';
      }
      const level = await this.levelOf(dir);
      if (level) chain.push(level);
    }
    return chain;
  }

  private async levelOf(dir: string): Promise<IgnoreLevel | null> {
    let level = this.levels.get(dir);
    if (level === undefined) {
      const texts: string[] = [];
      for (const name of IGNORE_FILE_NAMES) {
        const text = await readText(path.join(this.root, dir, name));
        if (text !== undefined) texts.push(text);
      }
      level = texts.length > 0 ? makeLevel(dir, texts.join('\n')) : null;
      this.levels.set(dir, level);
    }
    return level;
  }
}

/** A text file's content, or undefined when it cannot be read (an unreadable ignore file ignores nothing, as in git). */
export async function readText(file: string): Promise<string | undefined> {
  try {
    return await fs.promises.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
