/**
 * Which paths a scan leaves out: git's ignore files (`.gitignore` at every level,
 * `.git/info/exclude`), Paydown's `.paydownignore` (same syntax, any level) and the configured
 * include/exclude globs. Gitignore semantics come from the `ignore` package; this file only
 * chains the per-directory rule sets the way git does: the deepest directory with a matching
 * rule decides, and within one directory the last matching rule wins (`.paydownignore` is read
 * after `.gitignore`, so it can re-include what git ignores).
 */
import ignore, { type Ignore } from 'ignore';
import { Minimatch } from 'minimatch';

/** The ignore files read in every directory, in order of increasing precedence. */
export const IGNORE_FILE_NAMES = ['.gitignore', '.paydownignore'] as const;

/** The rules of one directory, applied to paths relative to `base`. */
export interface IgnoreLevel {
  /** Root-relative folder the rules live in, `''` for the root. */
  base: string;
  /** The rule text (all of the folder's ignore files, concatenated in precedence order). */
  text: string;
  matcher: Ignore;
}

/** The rules that apply inside a folder: its ancestors' levels, root first. */
export type IgnoreChain = readonly IgnoreLevel[];

/** An ignore level as sent between threads. */
export interface IgnoreLevelData {
  base: string;
  text: string;
}

/** Builds the level for rules `text` found in folder `base`. */
export function makeLevel(base: string, text: string): IgnoreLevel {
  return { base, text, matcher: ignore({ allowRelativePaths: false }).add(text) };
}

/** Rebuilds a chain received from another thread, reusing levels already compiled here. */
export function chainFromData(data: readonly IgnoreLevelData[], compiled: Map<string, IgnoreLevel>): IgnoreLevel[] {
  return data.map((d) => {
    const id = `${d.base}\0${d.text}`;
    let level = compiled.get(id);
    if (!level) {
      level = makeLevel(d.base, d.text);
      compiled.set(id, level);
    }
    return level;
  });
}

/** A chain in a form that can be posted to another thread. */
export function chainToData(chain: IgnoreChain): IgnoreLevelData[] {
  return chain.map((l) => ({ base: l.base, text: l.text }));
}

/**
 * True when root-relative `rel` is ignored by `chain`. Directories are tested with a trailing
 * slash so `build/` rules match them.
 */
export function isIgnored(chain: IgnoreChain, rel: string, isDir: boolean): boolean {
  for (let i = chain.length - 1; i >= 0; i--) {
    const level = chain[i]!;
    let sub = level.base === '' ? rel : rel.slice(level.base.length + 1);
    if (isDir) sub += '/';
    const result = level.matcher.test(sub);
    if (result.ignored) return true;
    if (result.unignored) return false;
  }
  return false;
}

/** Include/exclude globs (minimatch, root-relative, dotfiles matched). */
export class GlobFilter {
  private readonly include: Minimatch[];
  private readonly exclude: Minimatch[];

  constructor(include: readonly string[] = [], exclude: readonly string[] = []) {
    const compile = (g: string) => new Minimatch(g.replace(/^\.\//, ''), { dot: true });
    this.include = include.map(compile);
    this.exclude = exclude.map(compile);
  }

  /** True when nothing is configured: callers skip the per-path calls. */
  get empty(): boolean {
    return this.include.length === 0 && this.exclude.length === 0;
  }

  /** True when a file passes: it matches an include (if any) and no exclude. */
  acceptsFile(rel: string): boolean {
    if (this.exclude.some((m) => m.match(rel))) return false;
    return this.include.length === 0 || this.include.some((m) => m.match(rel));
  }

  /** False when an exclude glob names the folder itself (`dist`, `dist/`, `dist/**`): the walk prunes it. */
  acceptsDir(rel: string): boolean {
    return !this.exclude.some((m) => m.match(rel) || m.match(`${rel}/`));
  }
}
