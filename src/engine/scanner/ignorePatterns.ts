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
 * trailing `/` (folders only), and segments made of plain characters, `*`, `?`, simple bracket
 * expressions (`[abc]`, `[a-z]`, `[!abc]`) or a whole-segment `**`. Not accepted: backslashes,
 * other characters (spaces, `$`, `(`, `{`, non-ASCII…), empty, `.` or `..` segments, `**` inside
 * a segment, a pattern of only `**`, CR and BOM. Property tests check it against the package.
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

/** One segment of a pattern: a glob (regular expression source for one path segment, no anchors) or `**`. */
type Segment = string | typeof GLOBSTAR;

/** A rule the walk can evaluate per folder. */
interface CompiledRule {
  negative: boolean;
  /** Ends in `/`: matches folders only. */
  dirOnly: boolean;
  /** The segments matched from the level's folder; a basename pattern is `**` + its glob. */
  segments: Segment[];
}

/** Rules of one level that can match an entry of one folder, as name tests: last rule first, grouped by sign. */
export interface NameGroup {
  negative: boolean;
  /** Tested against the entry's name. */
  regex: RegExp;
}

/** What a level's rules say about the entries of one folder. */
export interface FolderNameRules {
  /** For plain files (rules ending in `/` left out). Empty: no rule can match a file here. */
  files: readonly NameGroup[];
  /** For folders. */
  dirs: readonly NameGroup[];
}

/** Characters a segment may hold besides `*`, `?` and bracket expressions. */
const PLAIN = /^[A-Za-z0-9._~+@%=,#!-]$/;

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
    const glob = globSource(part);
    if (glob === undefined) return undefined;
    segments.push(glob);
  }
  if (segments.every((s) => s === GLOBSTAR)) return undefined;
  // A trailing `**` needs at least one segment: `*` then zero or more.
  if (segments[segments.length - 1] === GLOBSTAR) segments.splice(segments.length - 1, 0, '[^/]*');
  return { negative, dirOnly, segments: anchored ? segments : [GLOBSTAR, ...segments] };
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
    } else if (PLAIN.test(c)) out += /[.+]/.test(c) ? `\\${c}` : c;
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

interface FolderState {
  live: LiveRules;
  names?: FolderNameRules;
  /** The folder, or one above it, is ignored by this level alone. */
  ignored?: boolean;
}

/** A rule's contribution to a folder's name tests: the globs that complete it (undefined: any name). */
interface NameTest {
  rule: CompiledRule;
  globs: string[] | undefined;
}

/** One level's compiled rules, with what they say per folder (kept: a walk lists each folder once per level). */
export class CompiledIgnore {
  private readonly folders = new Map<string, FolderState>();
  /** Name rules by the live positions they come from: most folders of a level share a handful. */
  private readonly byLive = new Map<string, FolderNameRules>();
  private readonly regexes = new Map<string, RegExp>();

  constructor(private readonly rules: readonly CompiledRule[]) {}

  /** The name tests for entries of folder `sub` (relative to the level's folder, `''` for itself). */
  folderRules(sub: string): FolderNameRules {
    const state = this.state(sub);
    if (state.names) return state.names;
    const key = state.live.map(([r, positions]) => `${r}:${positions.join(',')}`).join(';');
    let names = this.byLive.get(key);
    if (!names) this.byLive.set(key, (names = this.nameRules(state.live)));
    return (state.names = names);
  }

  /**
   * True when folder `sub` (relative to the level's folder, not empty) or a folder above it is
   * ignored by this level's rules alone: the package's `test(`${sub}/`).ignored`.
   */
  folderIgnored(sub: string): boolean {
    const state = this.state(sub);
    if (state.ignored === undefined) {
      const slash = sub.lastIndexOf('/');
      const parent = slash < 0 ? '' : sub.slice(0, slash);
      state.ignored = (parent !== '' && this.folderIgnored(parent)) || decide(this.folderRules(parent).dirs, sub.slice(slash + 1)) === true;
    }
    return state.ignored;
  }

  private state(sub: string): FolderState {
    let state = this.folders.get(sub);
    if (state) return state;
    const live: Array<readonly [number, readonly number[]]> = [];
    if (sub === '') {
      for (let r = 0; r < this.rules.length; r++) if (isAnchored(this.rules[r]!)) live.push([r, closure(this.rules[r]!.segments, [0])]);
    } else {
      const slash = sub.lastIndexOf('/');
      const parent = this.state(slash < 0 ? '' : sub.slice(0, slash));
      const name = sub.slice(slash + 1);
      for (const [r, positions] of parent.live) {
        const next = step(this.rules[r]!.segments, positions, name);
        if (next.length > 0) live.push([r, next]);
      }
    }
    state = { live };
    this.folders.set(sub, state);
    return state;
  }

  private nameRules(live: LiveRules): FolderNameRules {
    const tests: NameTest[] = [];
    let next = 0;
    for (let r = 0; r < this.rules.length; r++) {
      const rule = this.rules[r]!;
      if (!isAnchored(rule)) {
        // A basename pattern: its glob, whatever the folder.
        tests.push({ rule, globs: [rule.segments[1] as string] });
        continue;
      }
      if (live[next]?.[0] !== r) continue;
      const globs = completingGlobs(rule.segments, live[next++]![1]);
      if (globs === undefined || globs.length > 0) tests.push({ rule, globs });
    }
    return { files: this.groups(tests.filter((t) => !t.rule.dirOnly)), dirs: this.groups(tests) };
  }

  /** Consecutive rules of one sign as one expression, last rule first; nothing after a group that takes any name. */
  private groups(tests: readonly NameTest[]): NameGroup[] {
    const groups: NameGroup[] = [];
    let i = tests.length - 1;
    while (i >= 0) {
      const negative = tests[i]!.rule.negative;
      const sources: string[] = [];
      let any = false;
      for (; i >= 0 && tests[i]!.rule.negative === negative; i--) {
        const globs = tests[i]!.globs;
        if (globs === undefined) any = true;
        else for (const g of globs) if (!sources.includes(g)) sources.push(g);
      }
      groups.push({ negative, regex: this.regex(any ? '' : `^(?:${sources.join('|')})$`) });
      if (any) break;
    }
    return groups;
  }

  private regex(source: string): RegExp {
    let regex = this.regexes.get(source);
    if (!regex) {
      // Case-insensitive, as the package is by default.
      regex = new RegExp(source, 'i');
      this.regexes.set(source, regex);
    }
    return regex;
  }
}

/** A basename pattern is `**` + one glob; anything else was anchored to the level's folder. */
function isAnchored(rule: CompiledRule): boolean {
  return !(rule.segments.length === 2 && rule.segments[0] === GLOBSTAR && typeof rule.segments[1] === 'string');
}

/**
 * The globs one more segment (the entry's name) may match to complete a rule from `positions`,
 * or undefined when any name completes it (a trailing `**` is alive).
 */
function completingGlobs(segments: readonly Segment[], positions: readonly number[]): string[] | undefined {
  const last = segments.length;
  const globs: string[] = [];
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
    if (group.regex.test(name)) return !group.negative;
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

const segmentRegexes = new Map<string, RegExp>();

/** The positions after matching one path segment `name` from `positions`. */
function step(segments: readonly Segment[], positions: readonly number[], name: string): number[] {
  const next: number[] = [];
  for (const p of positions) {
    const segment = segments[p];
    if (segment === undefined) continue;
    if (segment === GLOBSTAR) next.push(p);
    else {
      let regex = segmentRegexes.get(segment);
      if (!regex) segmentRegexes.set(segment, (regex = new RegExp(`^${segment}$`, 'i')));
      if (regex.test(name)) next.push(p + 1);
    }
  }
  return next.length === 0 ? next : closure(segments, next);
}
