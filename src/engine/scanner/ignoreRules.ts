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
  /** How the level's rules can hit a plain file; worked out on first use ({@link fileRulesOf}). */
  files?: FileRules;
  /** How the level's rules can hit a folder; worked out on first use ({@link dirRulesOf}). */
  dirs?: DirRules;
}

/**
 * What a level's rules can do to a folder (not counting its parent folders): nothing, ignore it
 * by simple patterns — a basename (`node_modules/`, `*.egg-info`, `build`) tested with `regex`,
 * or a literal path from the level's folder (`/dist/`, `.paydown/cache/`) in `anchored`
 * (lower-case), no negation — or anything else (`full`: ask the matcher).
 */
export type DirRules = { kind: 'none' } | { kind: 'simple'; regex: RegExp | undefined; anchored: ReadonlySet<string> } | { kind: 'full' };

/** A path segment the anchored fast path understands (no wildcard, escape or `.`/`..`). */
const LITERAL_SEGMENT = /^[A-Za-z0-9._\-~+@%=,]+$/;

/**
 * What a level's rules can do to a plain file (not counting its parent folders): nothing (every
 * rule is a comment or ends in `/`), ignore it by a simple basename pattern (`*.log`,
 * `.DS_Store`, no negation: `regex` decides), or anything else (`full`: ask the matcher).
 */
export type FileRules = { kind: 'none' } | { kind: 'basename'; regex: RegExp } | { kind: 'full' };

/** A rule the fast path understands: an optional leading `*`, then plain characters. */
const SIMPLE_BASENAME_RULE = /^(\*?)([A-Za-z0-9._\-~+@%=,]+)$|^\*$/;

/**
 * Classifies a level's rules for plain files, the way the `ignore` package reads them (lines
 * split on newlines, `#` comments, unescaped trailing spaces trimmed, case-insensitive). Any
 * line this does not fully understand makes the level `full`, which is always exact.
 */
export function fileRulesOf(level: IgnoreLevel): FileRules {
  if (level.files) return level.files;
  const sources: string[] = [];
  let full = false;
  for (const raw of level.text.split(/\r?\n/)) {
    if (raw === '' || raw.startsWith('#')) continue;
    if (raw.includes('\\') || raw.includes('\r') || raw.includes('\uFEFF')) {
      full = true;
      break;
    }
    const line = raw.replace(/ +$/, '');
    if (line === '') continue;
    // Ends in a slash: matches folders only (their files are pruned with them).
    if (line.endsWith('/')) continue;
    const m = SIMPLE_BASENAME_RULE.exec(line);
    if (!m) {
      full = true;
      break;
    }
    if (line === '*') sources.push('');
    else sources.push((m[1] ? '' : '^') + m[2]!.replace(/[.\-+]/g, (c) => `\\${c}`) + '$');
  }
  level.files = full ? { kind: 'full' } : sources.length === 0 ? { kind: 'none' } : { kind: 'basename', regex: new RegExp(sources.join('|'), 'i') };
  return level.files;
}

/**
 * Classifies a level's rules for folders, like {@link fileRulesOf} (same reading of lines), but
 * rules ending in `/` count too, and a literal path with a slash is anchored to the level.
 */
export function dirRulesOf(level: IgnoreLevel): DirRules {
  if (level.dirs) return level.dirs;
  const sources: string[] = [];
  const anchored = new Set<string>();
  let full = false;
  let any = false;
  for (const raw of level.text.split(/\r?\n/)) {
    if (raw === '' || raw.startsWith('#')) continue;
    if (raw.includes('\\') || raw.includes('\r') || raw.includes('\uFEFF') || raw.startsWith('!')) {
      full = true;
      break;
    }
    const line = raw.replace(/ +$/, '');
    if (line === '') continue;
    const body = line.endsWith('/') ? line.slice(0, -1) : line;
    if (!body.includes('/')) {
      const m = SIMPLE_BASENAME_RULE.exec(body);
      if (!m) {
        full = true;
        break;
      }
      sources.push(body === '*' ? '' : (m[1] ? '' : '^') + m[2]!.replace(/[.\-+]/g, (c) => `\\${c}`) + '$');
      any = true;
      continue;
    }
    // A slash before the end anchors the pattern to the level's folder: a literal path only.
    const segments = (body.startsWith('/') ? body.slice(1) : body).split('/');
    if (segments.some((seg) => !LITERAL_SEGMENT.test(seg) || seg === '.' || seg === '..')) {
      full = true;
      break;
    }
    anchored.add(segments.join('/').toLowerCase());
    any = true;
  }
  level.dirs = full
    ? { kind: 'full' }
    : !any
      ? { kind: 'none' }
      : { kind: 'simple', regex: sources.length > 0 ? new RegExp(sources.join('|'), 'i') : undefined, anchored };
  return level.dirs;
}

/** How the subfolders of one folder are tested: one step per level, deepest first. */
export interface DirIgnorePlan {
  steps: Array<{ parentIgnored: boolean; level: IgnoreLevel; rules: DirRules; sub: string }>;
}

/**
 * The plan for folders directly in root-relative folder `dir` (whose chain is `chain`), or null
 * when no rule can hit one. Same answers as {@link isIgnored} with `isDir`; the `ignore` package
 * is then asked once per level and folder instead of once per level and subfolder.
 */
export function dirIgnorePlan(chain: IgnoreChain, dir: string): DirIgnorePlan | null {
  const steps: DirIgnorePlan['steps'] = [];
  let decisive = false;
  for (let i = chain.length - 1; i >= 0; i--) {
    const level = chain[i]!;
    const sub = level.base === dir ? '' : level.base === '' ? dir : dir.slice(level.base.length + 1);
    const parentIgnored = sub !== '' && folderIgnored(level, sub);
    const rules = dirRulesOf(level);
    steps.push({ parentIgnored, level, rules, sub });
    if (parentIgnored || rules.kind !== 'none') decisive = true;
    if (parentIgnored) break;
  }
  return decisive ? { steps } : null;
}

/** True when folder `rel` (named `name`) is ignored under `plan`; equal to `isIgnored(chain, rel, true)`. */
export function isDirIgnored(plan: DirIgnorePlan | null, rel: string, name: string): boolean {
  if (plan === null) return false;
  for (const { parentIgnored, level, rules, sub } of plan.steps) {
    if (parentIgnored) return true;
    if (rules.kind === 'none') continue;
    if (rules.kind === 'simple') {
      if (rules.regex?.test(name)) return true;
      if (rules.anchored.size > 0 && rules.anchored.has((sub === '' ? name : `${sub}/${name}`).toLowerCase())) return true;
      continue;
    }
    const result = level.matcher.test(`${level.base === '' ? rel : rel.slice(level.base.length + 1)}/`);
    if (result.ignored) return true;
    if (result.unignored) return false;
  }
  return false;
}

/** How the files of one folder are tested: one step per level, deepest first. */
export interface FileIgnorePlan {
  steps: Array<{ parentIgnored: boolean; level: IgnoreLevel; rules: FileRules }>;
}

/**
 * The plan for files directly in root-relative folder `dir` (whose chain is `chain`), or null
 * when no file there can be ignored — the common case, which then costs nothing per file. Same
 * answers as {@link isIgnored}: per level, an ignored parent folder decides, else the rules.
 */
export function fileIgnorePlan(chain: IgnoreChain, dir: string): FileIgnorePlan | null {
  const steps: FileIgnorePlan['steps'] = [];
  let decisive = false;
  for (let i = chain.length - 1; i >= 0; i--) {
    const level = chain[i]!;
    const sub = level.base === dir ? '' : level.base === '' ? dir : dir.slice(level.base.length + 1);
    const parentIgnored = sub !== '' && folderIgnored(level, sub);
    const rules = fileRulesOf(level);
    steps.push({ parentIgnored, level, rules });
    if (parentIgnored || rules.kind !== 'none') decisive = true;
    if (parentIgnored) break;
  }
  return decisive ? { steps } : null;
}

/** True when file `rel` (named `name`) is ignored under `plan`; equal to `isIgnored(chain, rel, false)`. */
export function isFileIgnored(plan: FileIgnorePlan | null, rel: string, name: string): boolean {
  if (plan === null) return false;
  for (const { parentIgnored, level, rules } of plan.steps) {
    if (parentIgnored) return true;
    if (rules.kind === 'none') continue;
    if (rules.kind === 'basename') {
      if (rules.regex.test(name)) return true;
      continue;
    }
    const result = level.matcher.test(level.base === '' ? rel : rel.slice(level.base.length + 1));
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
  // Compiled on first use: levels with only simple rules never need the `ignore` package.
  let matcher: Ignore | undefined;
  return {
    base,
    text,
    get matcher(): Ignore {
      return (matcher ??= ignore({ allowRelativePaths: false }).add(text));
    },
  };
}

/**
 * True when folder `sub` (relative to the level's folder, not empty) or a folder above it is
 * ignored by the level's rules alone: `level.matcher.test(`${sub}/`).ignored`, without the
 * matcher when the rules are simple (no negation: any folder on the way that matches decides).
 */
function folderIgnored(level: IgnoreLevel, sub: string): boolean {
  const rules = dirRulesOf(level);
  if (rules.kind === 'none') return false;
  if (rules.kind === 'full') return level.matcher.test(`${sub}/`).ignored;
  let start = 0;
  for (;;) {
    const slash = sub.indexOf('/', start);
    const end = slash < 0 ? sub.length : slash;
    if (rules.regex?.test(sub.slice(start, end))) return true;
    if (rules.anchored.size > 0 && rules.anchored.has(sub.slice(0, end).toLowerCase())) return true;
    if (slash < 0) return false;
    start = slash + 1;
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
