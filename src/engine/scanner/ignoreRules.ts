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
import { compileIgnoreText, decide, type CompiledIgnore, type FolderState, type NameGroup } from './ignorePatterns';

/** The ignore files read in every directory, in order of increasing precedence. */
export const IGNORE_FILE_NAMES = ['.gitignore', '.paydownignore'] as const;

/** The rules of one directory, applied to paths relative to `base`. */
export interface IgnoreLevel {
  /** Root-relative folder the rules live in, `''` for the root. */
  base: string;
  /** The rule text (all of the folder's ignore files, concatenated in precedence order). */
  text: string;
  matcher: Ignore;
  /**
   * The rules as per-folder name tests (ignorePatterns.ts), or null when a line is outside what
   * that module reads exactly: then every path asks `matcher`. Compiled on first use.
   */
  readonly compiled: CompiledIgnore | null;
}

/** One level's part of a plan: the level's own verdict on the folder, then its rules' name tests (undefined: ask the matcher). */
interface PlanStep {
  parentIgnored: boolean;
  level: IgnoreLevel;
  groups: readonly NameGroup[] | undefined;
}

/** How the subfolders of one folder are tested: one step per level, deepest first. */
export interface DirIgnorePlan {
  steps: PlanStep[];
}

/** How the files of one folder are tested: one step per level, deepest first. */
export interface FileIgnorePlan {
  steps: PlanStep[];
}

/** How the entries of one folder are tested: its files and its subfolders; null when no rule can hit one. */
export interface IgnorePlans {
  files: FileIgnorePlan | null;
  dirs: DirIgnorePlan | null;
}

/**
 * What a chain says about one folder, handed down the walk: each level's state for the folder, so
 * that a subfolder's come from these and its name (no path to slice, hash or look up), and the
 * plans for the folder's entries, made on first use. A subfolder whose states are its parent's
 * own objects (most folders) shares its parent's plans.
 */
export interface FolderRules {
  readonly chain: IgnoreChain;
  /** Root-relative folder. */
  readonly dir: string;
  /** Per level of `chain`: its compiled rules, or null when the `ignore` package reads them. */
  readonly compiled: readonly (CompiledIgnore | null)[];
  /** Per level of `chain`: what it says about `dir` (null where `compiled` is). */
  readonly states: readonly (FolderState | null)[];
  /** See {@link plansFor}. */
  plans: IgnorePlans | undefined;
  /** The folder above, when every state here is its own object: then the plans are its plans. */
  readonly samePlansAs: FolderRules | undefined;
}

/** The rules for root-relative folder `dir` under `chain`, worked out from its path. */
export function folderRules(chain: IgnoreChain, dir: string): FolderRules {
  const compiled = chain.map((level) => level.compiled);
  const states = chain.map((level, i) => compiled[i]?.folder(level.base === dir ? '' : level.base === '' ? dir : dir.slice(level.base.length + 1)) ?? null);
  return { chain, dir, compiled, states, plans: undefined, samePlansAs: undefined };
}

/** The rules for subfolder `name` (root-relative `rel`) of the folder `parent` describes, under the same chain. */
export function subfolderRules(parent: FolderRules, name: string, rel: string): FolderRules {
  const { compiled, states } = parent;
  let changed: (FolderState | null)[] | undefined;
  for (let i = 0; i < states.length; i++) {
    const state = states[i]!;
    // A level the package reads decides by the path: never the parent's answer.
    const next = state === null ? null : compiled[i]!.subfolder(state, name);
    if (changed === undefined && (next !== state || next === null)) changed = states.slice(0, i);
    if (changed !== undefined) changed.push(next);
  }
  if (changed === undefined) return { chain: parent.chain, dir: rel, compiled, states, plans: parent.plans, samePlansAs: parent };
  return { chain: parent.chain, dir: rel, compiled, states: changed, plans: undefined, samePlansAs: undefined };
}

/** The same folder's rules with `level` (its own ignore files) added as the deepest level. */
export function withLevel(rules: FolderRules, level: IgnoreLevel): FolderRules {
  const compiled = level.compiled;
  return {
    chain: [...rules.chain, level],
    dir: rules.dir,
    compiled: [...rules.compiled, compiled],
    states: [...rules.states, compiled === null ? null : compiled.folder('')],
    plans: undefined,
    samePlansAs: undefined,
  };
}

/**
 * The plans for the entries of the folder `rules` describes (kept in `rules`); a plan is null
 * when no rule can hit such an entry — for files the common case, which then costs nothing per
 * file. Per level, deepest first: a folder ignored by the level (the folder itself or one above
 * it, below the level) decides; else the level's rules, as name tests for this folder. Same
 * answers as {@link isIgnored}.
 */
export function plansFor(rules: FolderRules): IgnorePlans {
  return (rules.plans ??= rules.samePlansAs === undefined ? buildPlans(rules) : plansFor(rules.samePlansAs));
}

function buildPlans({ chain, dir, states }: FolderRules): IgnorePlans {
  const files: PlanStep[] = [];
  const dirs: PlanStep[] = [];
  let filesDecisive = false;
  let dirsDecisive = false;
  for (let i = chain.length - 1; i >= 0; i--) {
    const level = chain[i]!;
    const state = states[i]!;
    let parentIgnored: boolean;
    let fileGroups: readonly NameGroup[] | undefined;
    let dirGroups: readonly NameGroup[] | undefined;
    if (state !== null) {
      parentIgnored = state.ignored;
      fileGroups = state.names.files;
      dirGroups = state.names.dirs;
    } else {
      const sub = level.base === dir ? '' : level.base === '' ? dir : dir.slice(level.base.length + 1);
      parentIgnored = sub !== '' && level.matcher.test(`${sub}/`).ignored;
      fileGroups = dirGroups = undefined;
    }
    files.push({ parentIgnored, level, groups: fileGroups });
    dirs.push({ parentIgnored, level, groups: dirGroups });
    if (parentIgnored || fileGroups === undefined || fileGroups.length > 0) filesDecisive = true;
    if (parentIgnored || dirGroups === undefined || dirGroups.length > 0) dirsDecisive = true;
    if (parentIgnored) break;
  }
  return { files: filesDecisive ? { steps: files } : null, dirs: dirsDecisive ? { steps: dirs } : null };
}

/** The plans for entries directly in root-relative folder `dir` (whose chain is `chain`): see {@link plansFor}. */
export function ignorePlans(chain: IgnoreChain, dir: string): IgnorePlans {
  return plansFor(folderRules(chain, dir));
}

/**
 * The plan for folders directly in root-relative folder `dir`, or null when no rule can hit one.
 * Same answers as {@link isIgnored} with `isDir`.
 */
export function dirIgnorePlan(chain: IgnoreChain, dir: string): DirIgnorePlan | null {
  return ignorePlans(chain, dir).dirs;
}

/** True when folder `rel` (named `name`) is ignored under `plan`; equal to `isIgnored(chain, rel, true)`. */
export function isDirIgnored(plan: DirIgnorePlan | null, rel: string, name: string): boolean {
  return plan !== null && planIgnores(plan.steps, rel, name, '/');
}

/**
 * The plan for files directly in root-relative folder `dir`, or null when no file there can be
 * ignored. Same answers as {@link isIgnored}.
 */
export function fileIgnorePlan(chain: IgnoreChain, dir: string): FileIgnorePlan | null {
  return ignorePlans(chain, dir).files;
}

/** True when file `rel` (named `name`) is ignored under `plan`; equal to `isIgnored(chain, rel, false)`. */
export function isFileIgnored(plan: FileIgnorePlan | null, rel: string, name: string): boolean {
  return plan !== null && planIgnores(plan.steps, rel, name, '');
}

function planIgnores(steps: readonly PlanStep[], rel: string, name: string, suffix: '' | '/'): boolean {
  for (let i = 0; i < steps.length; i++) {
    const { parentIgnored, level, groups } = steps[i]!;
    if (parentIgnored) return true;
    if (groups !== undefined) {
      const verdict = decide(groups, name);
      if (verdict !== undefined) return verdict;
      continue;
    }
    const result = level.matcher.test((level.base === '' ? rel : rel.slice(level.base.length + 1)) + suffix);
    if (result.ignored) return true;
    if (result.unignored) return false;
  }
  return false;
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
  // Both compiled on first use: levels the fast path reads never need the `ignore` package.
  let matcher: Ignore | undefined;
  let compiled: CompiledIgnore | null | undefined;
  return {
    base,
    text,
    get matcher(): Ignore {
      return (matcher ??= ignore({ allowRelativePaths: false }).add(text));
    },
    get compiled(): CompiledIgnore | null {
      if (compiled === undefined) compiled = compileIgnoreText(text) ?? null;
      return compiled;
    },
  };
}

/** Made-up rules and names that take every path of the ignore machinery (see {@link warmUpIgnoreRules}). */
const WARM_UP_RULES = ['node_modules/', '*.log', '!keep.log', 'cmake-build-*', '[ab]?', '/dist', 'a/b/*.tmp', '**/x/y', 'a/**/z', 'build', 'É*'];
const WARM_UP_NAMES = ['node_modules', 'x.log', 'Keep.LOG', 'cmake-build-debug', 'b1', 'dist', 'c.tmp', 'x', 'y', 'z', 'build', 'index.ts', 'éa', 'K'];

let warmedUp = false;

/**
 * Runs every path of the ignore machinery once, on made-up rules, before the walk is hot. In a
 * checkout few entries match an ignore rule, so the first hit of each kind (a plain name, a
 * `*.ext`, a negation, an anchored rule…) would otherwise come after V8 compiled the walker
 * with these functions inlined, and each such first hit threw the walker's compiled code away
 * (on the real bench corpus: the walker compiled 7 times per worker). Once per thread; costs
 * well under a millisecond.
 */
export function warmUpIgnoreRules(): void {
  if (warmedUp) return;
  warmedUp = true;
  const root = makeLevel('', WARM_UP_RULES.join('\n'));
  const nested = makeLevel('a', WARM_UP_RULES.slice().reverse().join('\n'));
  const full = makeLevel('a/b', 'foo\\ \n*.log');
  const cases: Array<[IgnoreChain, string]> = [
    [[root], ''],
    [[root], 'x'],
    [[root, nested], 'a'],
    [[root, nested], 'a/b'],
    [[root, nested, full], 'a/b'],
    [[root, nested, full], 'a/b/x'],
  ];
  for (const [chain, dir] of cases) {
    for (let round = 0; round < 2; round++) {
      const rules = folderRules(chain, dir);
      const plans = plansFor(rules);
      for (const name of WARM_UP_NAMES) {
        const rel = dir === '' ? name : `${dir}/${name}`;
        isFileIgnored(plans.files, rel, name);
        isDirIgnored(plans.dirs, rel, name);
        plansFor(subfolderRules(rules, name, rel));
      }
      plansFor(withLevel(rules, nested));
    }
  }
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
