/**
 * Gitignore rules compiled for a walk that lists one folder at a time: for a folder, every rule
 * of a level reduces to a test of the entry's NAME (or to "always" / "never"), so an entry costs
 * one regular expression per group of rules instead of the `ignore` package's test of its whole
 * path against every rule, with a cache entry per path and per parent.
 *
 * Invariant: the answers are the `ignore` package's (7.x, case-insensitive as the scan creates
 * it) for every line this module accepts; a level with any other line is not compiled
 * (`compileIgnoreText` returns undefined) and keeps asking the package. Accepted: `#` comments,
 * `!` negation, trailing spaces, a leading or inner `/` (anchored to the level's folder), a
 * trailing `/` (folders only), and segments made of literal characters, `*`, `?`, simple bracket
 * expressions (`[abc]`, `[a-z]`, `[!abc]`) or a whole-segment `**`. Not accepted: backslashes,
 * other bracket expressions, empty, `.` or `..` segments, `**` inside a segment, a pattern of
 * only `**`, CR and BOM. Property tests check it against the package.
 *
 * How the package reads a rule, and the matching here: a pattern without an inner slash matches
 * the last segment of a path at any depth (`(?:^|\/)glob`); with one, the path from the level's
 * folder, segment by segment, where `**` stands for zero or more segments, except at the end
 * (`a/**`: one or more). The folder a walk lists is fixed, so an anchored pattern is run over the
 * folder's segments once (its positions that are still alive are kept per folder) and what is
 * left for the entry is a test of its name.
 */

/** A pattern's whole-segment `**`. */
const GLOBSTAR = 0;

/**
 * One segment's glob: its regular expression source (no anchors) and, for the fast paths, the
 * lower-case text of a plain ASCII name (`literal`), of the ASCII tail of `*` + a name that starts
 * with a dot (`suffix`, such as `.log`), or of the longest plain ASCII run any match must contain
 * (`required`, such as `cmake-build-` in `cmake-build-*`); `''` when there is none. (Strings
 * throughout, never undefined: one field type keeps the code that reads globs compiled once.)
 */
interface Glob {
  source: string;
  literal: string;
  suffix: string;
  required: string;
  /** `^source$`, case-insensitive (as the package is by default). */
  regex: RegExp;
}

/** One segment of a pattern. */
type Segment = Glob | typeof GLOBSTAR;

/** A rule the walk can evaluate per folder. */
interface CompiledRule {
  negative: boolean;
  /** Ends in `/`: matches folders only. */
  dirOnly: boolean;
  /** The segments matched from the level's folder; a basename pattern is `**` + its glob. */
  segments: Segment[];
}

/** Rules of one level that can match an entry of one folder, as a test of the name: last rule first, grouped by sign. */
export interface NameGroup {
  negative: boolean;
  matcher: NameMatcher;
}

/** What a level's rules say about the entries of one folder. */
export interface FolderNameRules {
  /** For plain files (rules ending in `/` left out). Empty: no rule can match a file here. */
  files: readonly NameGroup[];
  /** For folders. */
  dirs: readonly NameGroup[];
}

/** Characters a bracket expression may hold (with `-` for ranges, `!` or `^` first to negate). */
const PLAIN = /^[A-Za-z0-9._~+@%=,#!-]$/;

/** Characters a segment may hold as themselves, escaped when a regular expression reads them otherwise. */
const LITERAL = /^[^/\\*?[\r\uFEFF]$/;
const REGEX_SPECIAL = /[$^.|+(){}\]]/;
/** What the Set fast paths take: printable ASCII, no wildcard. */
const ASCII_NAME = /^[\x20-\x7e]+$/;

/**
 * The rules of `text` (one level's ignore files), or undefined when a line is outside the
 * accepted subset (see the module header). Lines are read as the package reads a string: a final
 * CR dropped, split on `\r?\n`, empty lines skipped, `#` comments, a leading `!`, trailing spaces trimmed.
 */
export function compileIgnoreText(text: string): CompiledIgnore | undefined {
  if (text.includes('\r') || text.includes('\uFEFF') || text.includes('\\')) return undefined;
  const rules: CompiledRule[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const negative = line.startsWith('!');
    let body = negative ? line.slice(1) : line;
    let end = body.length;
    while (end > 0 && body.charCodeAt(end - 1) === 32) end--;
    body = body.slice(0, end);
    if (body === '') continue;
    const rule = compileRule(body, negative);
    if (!rule) return undefined;
    rules.push(rule);
  }
  return new CompiledIgnore(rules);
}

function compileRule(body: string, negative: boolean): CompiledRule | undefined {
  const dirOnly = body.endsWith('/');
  const core = dirOnly ? body.slice(0, -1) : body;
  // A slash at the start or in the middle anchors the pattern to the level's folder.
  const anchored = core.includes('/');
  const parts = (core.startsWith('/') ? core.slice(1) : core).split('/');
  const segments: Segment[] = [];
  for (const part of parts) {
    if (part === '' || part === '.' || part === '..') return undefined;
    if (part === '**') {
      if (!anchored) return undefined;
      // `**/**` is one globstar.
      if (segments[segments.length - 1] !== GLOBSTAR) segments.push(GLOBSTAR);
      continue;
    }
    const glob = compileGlob(part);
    if (glob === undefined) return undefined;
    segments.push(glob);
  }
  if (segments.every((s) => s === GLOBSTAR)) return undefined;
  // A trailing `**` needs at least one segment: `*` then zero or more.
  if (segments[segments.length - 1] === GLOBSTAR) segments.splice(segments.length - 1, 0, ANY_NAME);
  return { negative, dirOnly, segments: anchored ? segments : [GLOBSTAR, ...segments] };
}

const ANY_NAME: Glob = { source: '[^/]*', literal: '', suffix: '', required: '', regex: /^[^/]*$/i };

/** One segment's glob, or undefined outside the subset. */
function compileGlob(part: string): Glob | undefined {
  const source = globSource(part);
  if (source === undefined) return undefined;
  const ascii = ASCII_NAME.test(part);
  const wild = /[*?[]/;
  const literal = ascii && !wild.test(part) ? part.toLowerCase() : '';
  const suffix = ascii && part.startsWith('*.') && !wild.test(part.slice(1)) ? part.slice(1).toLowerCase() : '';
  let required = '';
  if (ascii) {
    for (const run of part.replace(/\[[^\]]*\]/g, '*').split(/[*?]/)) if (run.length > required.length) required = run.toLowerCase();
  }
  return { source, literal, suffix, required, regex: new RegExp(`^${source}$`, 'i') };
}

/** The regular expression source of one segment's glob, or undefined outside the subset. */
function globSource(part: string): string | undefined {
  let out = '';
  for (let i = 0; i < part.length; i++) {
    const c = part[i]!;
    if (c === '*') {
      if (part[i + 1] === '*') return undefined;
      out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = part.indexOf(']', i + 2);
      if (close < 0) return undefined;
      let body = part.slice(i + 1, close);
      const negated = body.startsWith('!') || body.startsWith('^');
      if (negated) body = body.slice(1);
      if (!classBody(body)) return undefined;
      out += negated ? `[^/${body}]` : `[${body}]`;
      i = close;
    } else if (LITERAL.test(c)) out += REGEX_SPECIAL.test(c) ? `\\${c}` : c;
    else return undefined;
  }
  return out;
}

/**
 * True for a bracket expression's members this module accepts: plain characters and ordered
 * ranges between two of them that leave out `/` (`a-z`, `0-9`); no leading, trailing or
 * doubled `-`.
 */
function classBody(body: string): boolean {
  if (body === '') return false;
  for (let k = 0; k < body.length; k++) {
    const c = body[k]!;
    if (c === '-' || !PLAIN.test(c)) return false;
    if (body[k + 1] !== '-') continue;
    const to = body[k + 2];
    if (to === undefined || to === '-' || !PLAIN.test(to) || c > to || (c <= '/' && to >= '/')) return false;
    k += 2;
  }
  return true;
}

/** Positions of the anchored rules' segments still alive after a folder's segments: `[rule index, positions]`, by rule index. */
type LiveRules = ReadonlyArray<readonly [number, readonly number[]]>;

/** What one level says about one folder and its entries. */
export interface FolderState {
  /** The folder, or one above it (below the level's folder), is ignored by this level alone. */
  readonly ignored: boolean;
  /** The level's rules as name tests for the folder's entries. */
  readonly names: FolderNameRules;
  readonly live: LiveRules;
  /**
   * The globs at the live positions: a subfolder whose name matches none of them inherits
   * `live` unchanged when `stable` (every live glob position is held by a `**` before it:
   * `a/**\/b` below `a`), so most folders cost no stepping at all.
   */
  readonly movers: NameMatcher;
  readonly stable: boolean;
}

/** What a folder's state holds that depends on its live positions alone. */
interface LiveTests {
  names: FolderNameRules;
  movers: NameMatcher;
  stable: boolean;
}

/** A rule's contribution to a folder's name tests: the globs that complete it (undefined: any name). */
interface NameTest {
  rule: CompiledRule;
  globs: Glob[] | undefined;
}

/** One level's compiled rules, with what they say per folder (kept: a walk lists each folder once per level). */
export class CompiledIgnore {
  private readonly folders = new Map<string, FolderState>();
  /** What folders with the same live positions share, by those positions: most folders of a level share a handful. */
  private readonly byLive = new Map<string, LiveTests>();
  /** The name rules of a folder where no anchored rule is alive: most folders. */
  private readonly basenameRules: FolderNameRules;
  /**
   * Anchored rules led by `**` (`**\/a/b`, `/**\/x/*`): alive at their first position in every
   * folder, which no single name completes, so that position is implied rather than kept; a
   * folder whose name matches one's first glob (`floating`) moves it on.
   */
  private readonly floating: NameMatcher;
  private readonly floatingRules: readonly number[];

  constructor(private readonly rules: readonly CompiledRule[]) {
    this.basenameRules = this.nameRules([]);
    const floating: number[] = [];
    for (let r = 0; r < rules.length; r++) if (isFloating(rules[r]!)) floating.push(r);
    this.floatingRules = floating;
    this.floating = floating.length > 0 ? new NameMatcher(floating.map((r) => rules[r]!.segments[1] as Glob)) : NO_NAMES;
  }

  /**
   * What the level says about folder `sub` (relative to the level's folder, `''` for itself):
   * whether it is ignored by this level alone (the package's `test(`${sub}/`).ignored`), and
   * the name tests for its entries.
   */
  folder(sub: string): FolderState {
    // Kept small: this runs per level and folder; the work for a new folder is in addFolder.
    return this.folders.get(sub) ?? this.addFolder(sub);
  }

  /** A folder seen for the first time: its state from its parent's and its name. */
  private addFolder(sub: string): FolderState {
    let state: FolderState;
    if (sub === '') {
      const live: Array<readonly [number, readonly number[]]> = [];
      for (let r = 0; r < this.rules.length; r++) {
        const rule = this.rules[r]!;
        if (isAnchored(rule) && !isFloating(rule)) live.push([r, closure(rule.segments, [0])]);
      }
      state = this.withLive(false, live, undefined);
    } else {
      const slash = sub.lastIndexOf('/');
      state = this.subfolder(this.folder(slash < 0 ? '' : sub.slice(0, slash)), sub.slice(slash + 1));
    }
    this.folders.set(sub, state);
    return state;
  }

  /**
   * The state of folder `name` inside the folder whose state is `parent`: what {@link folder}
   * gives for its path, without a path to hash. Most folders inherit everything from their
   * parent, and then get the parent's own state object, so that a walk can tell that their
   * entries are tested exactly as their parent's were.
   */
  subfolder(parent: FolderState, name: string): FolderState {
    const ignored = parent.ignored || decide(parent.names.dirs, name) === true;
    if (parent.stable && !parent.movers.test(name) && !this.floating.test(name)) {
      return ignored === parent.ignored ? parent : { ignored, names: parent.names, live: parent.live, movers: parent.movers, stable: parent.stable };
    }
    return this.stepInto(parent, name, ignored);
  }

  /** The state of folder `name` in `parent` when a live position or a floating rule may move. */
  private stepInto(parent: FolderState, name: string, ignored: boolean): FolderState {
    const byRule = new Map<number, number[]>();
    for (const [r, positions] of parent.live) {
      const next = step(this.rules[r]!.segments, positions, name);
      if (next.length > 0) byRule.set(r, next);
    }
    for (const r of this.floatingRules) {
      const segments = this.rules[r]!.segments;
      if (!(segments[1] as Glob).regex.test(name)) continue;
      const moved = closure(segments, [2]);
      const known = byRule.get(r);
      byRule.set(r, known ? closure(segments, [...known, ...moved]) : moved);
    }
    return this.withLive(ignored, [...byRule].sort((a, b) => a[0] - b[0]), parent);
  }

  /** A state with `live` positions; the parent's tests when they are the same positions. */
  private withLive(ignored: boolean, live: LiveRules, parent: FolderState | undefined): FolderState {
    if (live.length === 0) return { ignored, names: this.basenameRules, live: NONE_LIVE, movers: NO_NAMES, stable: true };
    if (parent && sameLive(live, parent.live)) return { ignored, names: parent.names, live: parent.live, movers: parent.movers, stable: parent.stable };
    // Folders with the same live positions (siblings, mostly) share their tests: built once, each holds regular expressions.
    const key = live.map(([r, positions]) => `${r}:${positions.join(',')}`).join(';');
    let tests = this.byLive.get(key);
    if (!tests) this.byLive.set(key, (tests = this.liveTests(live)));
    return { ignored, names: tests.names, live, movers: tests.movers, stable: tests.stable };
  }

  private liveTests(live: LiveRules): LiveTests {
    const globs: Glob[] = [];
    let stable = true;
    for (const [r, positions] of live) {
      const segments = this.rules[r]!.segments;
      for (const p of positions) {
        const segment = segments[p];
        if (segment === undefined || segment === GLOBSTAR) continue;
        if (!globs.includes(segment)) globs.push(segment);
        // Held by the `**` before it: stepping over a name it does not match keeps it.
        if (segments[p - 1] !== GLOBSTAR || !positions.includes(p - 1)) stable = false;
      }
      // A `**` position is kept by any name, with its closure: stable as long as the above holds.
    }
    return { names: this.nameRules(live), movers: globs.length > 0 ? new NameMatcher(globs) : NO_NAMES, stable };
  }

  private nameRules(live: LiveRules): FolderNameRules {
    const tests: NameTest[] = [];
    let next = 0;
    for (let r = 0; r < this.rules.length; r++) {
      const rule = this.rules[r]!;
      if (!isAnchored(rule)) {
        // A basename pattern: its glob, whatever the folder.
        tests.push({ rule, globs: [rule.segments[1] as Glob] });
        continue;
      }
      if (live[next]?.[0] !== r) continue;
      const globs = completingGlobs(rule.segments, live[next++]![1]);
      if (globs === undefined || globs.length > 0) tests.push({ rule, globs });
    }
    return { files: groups(tests.filter((t) => !t.rule.dirOnly)), dirs: groups(tests) };
  }
}

/** An anchored rule led by `**` (a basename pattern is `**` + one glob, and is not one). */
function isFloating(rule: CompiledRule): boolean {
  return rule.segments[0] === GLOBSTAR && isAnchored(rule);
}

const NONE_LIVE: LiveRules = [];

function sameLive(a: LiveRules, b: LiveRules): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const [ra, pa] = a[i]!;
    const [rb, pb] = b[i]!;
    if (ra !== rb || pa.length !== pb.length) return false;
    for (let k = 0; k < pa.length; k++) if (pa[k] !== pb[k]) return false;
  }
  return true;
}

/** Consecutive rules of one sign as one matcher, last rule first; nothing after a group that takes any name. */
function groups(tests: readonly NameTest[]): NameGroup[] {
  const out: NameGroup[] = [];
  let i = tests.length - 1;
  while (i >= 0) {
    const negative = tests[i]!.rule.negative;
    const globs: Glob[] = [];
    let any = false;
    for (; i >= 0 && tests[i]!.rule.negative === negative; i--) {
      const more = tests[i]!.globs;
      if (more === undefined) any = true;
      else for (const g of more) if (!globs.includes(g)) globs.push(g);
    }
    out.push({ negative, matcher: new NameMatcher(any ? undefined : globs) });
    if (any) break;
  }
  return out;
}

/**
 * True when a name matches any of a group's globs (case-insensitive, as the package is by
 * default). Plain names are looked up in a set and `*.ext` globs by the name's dotted tails,
 * each only when the name's length or last character can match one; a hit is confirmed by the
 * whole group's expression, so the answer is the expression's in every case (Unicode case
 * folding included). Other globs are tested one by one, each only when the lower-cased name
 * holds the plain run every match of it holds. Most names cost a few integer checks.
 */
export class NameMatcher {
  private readonly any: boolean;
  private readonly literals: Set<string>;
  /** 1 at the lengths of the plain names (a case-insensitive match has the same length). */
  private readonly literalLengths = new Uint8Array(MAX_GATED_LENGTH + 1);
  private readonly longLiterals: boolean;
  private readonly suffixes: Set<string>;
  /** 1 at the lower-case last character of each suffix. */
  private readonly suffixLast = new Uint8Array(128);
  /** The most dots in one suffix (`.tar.gz`: 2): how many dotted tails of a name to look up. */
  private readonly suffixDots: number;
  private readonly rest: readonly Glob[];
  private readonly exact: RegExp;

  /** `globs` undefined: every name matches. */
  constructor(globs: readonly Glob[] | undefined) {
    this.any = globs === undefined;
    const all = globs ?? [];
    const literals: string[] = [];
    const suffixes: string[] = [];
    const rest: Glob[] = [];
    let longLiterals = false;
    let suffixDots = 0;
    for (const glob of all) {
      if (glob.literal !== '') {
        literals.push(glob.literal);
        if (glob.literal.length > MAX_GATED_LENGTH) longLiterals = true;
        else this.literalLengths[glob.literal.length] = 1;
      } else if (glob.suffix !== '') {
        suffixes.push(glob.suffix);
        this.suffixLast[glob.suffix.charCodeAt(glob.suffix.length - 1)] = 1;
        suffixDots = Math.max(suffixDots, glob.suffix.split('.').length - 1);
      } else rest.push(glob);
    }
    this.literals = new Set(literals);
    this.longLiterals = longLiterals;
    this.suffixes = new Set(suffixes);
    this.suffixDots = suffixDots;
    this.rest = rest;
    this.exact = new RegExp(all.length === 0 ? '^(?!)' : `^(?:${all.map((g) => g.source).join('|')})$`, 'i');
  }

  test(name: string): boolean {
    if (this.any) return true;
    const n = name.length;
    let lower: string | undefined;
    if (n <= MAX_GATED_LENGTH ? this.literalLengths[n] === 1 : this.longLiterals) {
      lower = name.toLowerCase();
      if (this.literals.has(lower)) return this.exact.test(name);
    }
    if (this.suffixDots > 0 && n > 0) {
      let last = name.charCodeAt(n - 1);
      if (last >= 65 && last <= 90) last += 32;
      // A suffix is ASCII, and no other character matches an ASCII one case-insensitively.
      if (last < 128 && this.suffixLast[last] === 1) {
        lower ??= name.toLowerCase();
        let dot = lower.length;
        for (let k = 0; k < this.suffixDots; k++) {
          dot = dot > 0 ? lower.lastIndexOf('.', dot - 1) : -1;
          if (dot < 0) break;
          if (this.suffixes.has(lower.slice(dot))) return this.exact.test(name);
        }
      }
    }
    const rest = this.rest;
    for (let i = 0; i < rest.length; i++) {
      const glob = rest[i]!;
      if (glob.required !== '') {
        // A match holds its plain run in some case; the name's lower-case form then holds it lower-cased.
        lower ??= name.toLowerCase();
        if (!lower.includes(glob.required)) continue;
      }
      if (glob.regex.test(name)) return true;
    }
    return false;
  }
}

/** Names up to this long are checked against the plain names' lengths first. */
const MAX_GATED_LENGTH = 255;

/** Matches no name: the movers of a folder where nothing is alive. */
const NO_NAMES = new NameMatcher([]);

/** A basename pattern is `**` + one glob; anything else was anchored to the level's folder. */
function isAnchored(rule: CompiledRule): boolean {
  return !(rule.segments.length === 2 && rule.segments[0] === GLOBSTAR && rule.segments[1] !== GLOBSTAR);
}

/**
 * The globs one more segment (the entry's name) may match to complete a rule from `positions`,
 * or undefined when any name completes it (a trailing `**` is alive).
 */
function completingGlobs(segments: readonly Segment[], positions: readonly number[]): Glob[] | undefined {
  const last = segments.length;
  const globs: Glob[] = [];
  for (const p of positions) {
    const segment = segments[p];
    if (segment === undefined) continue;
    if (segment === GLOBSTAR) {
      // `**` takes the name, and completes the rule when it is the last segment.
      if (p === last - 1) return undefined;
      continue;
    }
    if (closure(segments, [p + 1]).includes(last) && !globs.includes(segment)) globs.push(segment);
  }
  return globs;
}

/**
 * The first group (last rule first) that matches `name`: true for an ignoring rule, false for a
 * negation, undefined when no rule matches.
 */
export function decide(groups: readonly NameGroup[], name: string): boolean | undefined {
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i]!;
    if (group.matcher.test(name)) return !group.negative;
  }
  return undefined;
}

/** `positions` and every position reachable from them through `**` (which may match nothing). */
function closure(segments: readonly Segment[], positions: readonly number[]): number[] {
  const out: number[] = [];
  for (const start of positions) {
    for (let p = start; p <= segments.length; p++) {
      if (!out.includes(p)) out.push(p);
      if (segments[p] !== GLOBSTAR) break;
    }
  }
  return out;
}

/** The positions after matching one path segment `name` from `positions`. */
function step(segments: readonly Segment[], positions: readonly number[], name: string): number[] {
  let next: number[] | undefined;
  for (const p of positions) {
    const segment = segments[p];
    if (segment === undefined) continue;
    if (segment === GLOBSTAR || segment.regex.test(name)) (next ??= []).push(segment === GLOBSTAR ? p : p + 1);
  }
  return next === undefined ? NO_POSITIONS : closure(segments, next);
}

const NO_POSITIONS: number[] = [];
