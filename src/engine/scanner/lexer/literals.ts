/**
 * Skipping literals: everything whose text looks like code or comments but is not
 * (strings, raw strings, regexes, sigils, long brackets, …). Each function takes the offset
 * of the opening text and returns the offset just past the literal, or -1 when the text at
 * that offset is not this literal after all (the lexer then tries the next token).
 */
import { isBlank, isIdentChar, onlyIndentBefore, startsAt, type CompiledForm } from './tables';

/** Mutable state shared by one `findComments` run. */
/** Where a comment lies: all {@link expressionExpected} needs of one. */
interface Extent {
  start: number;
  end: number;
}

export interface ScanState {
  text: string;
  /** The comments read so far, in order: what stands before a `/` is looked for past them. */
  out: readonly Extent[];
  /** Set by {@link scanStringBody} when it stopped at an interpolation opener (`${`). */
  interpolationHit: boolean;
  /** A regex scan that failed reached here: no `/` before it starts a regex (keeps odd lines linear). */
  regexFailedUntil: number;
}

/** At most this many nested interpolations are followed; deeper ones are read as string text. */
export const MAX_INTERPOLATION_DEPTH = 64;
/** Longest `#…#` / `=…=` raw-string delimiter considered. */
const MAX_DELIMITER = 16;
/** Longest regex literal considered; a failed scan costs at most this much. */
const MAX_REGEX = 2000;

/**
 * Scans the body of a plain string from `at` (just past the opener). Returns the offset past
 * the closer, the offset of an ending line break (single-line strings), `to`, or — with
 * `state.interpolationHit` set — the offset just past an interpolation opener.
 */
export function scanStringBody(state: ScanState, form: CompiledForm, at: number, to: number, allowInterpolation: boolean): number {
  const text = state.text;
  const { close, close0, escape, interpolation0, multiline, doubled } = form;
  const interpolation = allowInterpolation ? form.interpolation : undefined;
  const closeLength = close.length;
  state.interpolationHit = false;
  let i = at;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (interpolation !== undefined && c === interpolation0 && startsAt(text, i, interpolation, to)) {
      // C# `{{` is a literal brace, not code.
      if (interpolation === '{' && text.charCodeAt(i + 1) === 123) {
        i += 2;
        continue;
      }
      state.interpolationHit = true;
      return i + interpolation.length;
    }
    if (c === escape) {
      i += 2;
      continue;
    }
    if (c === close0 && (closeLength === 1 || startsAt(text, i, close, to))) {
      if (doubled && startsAt(text, i + closeLength, close, to)) {
        i += 2 * closeLength;
        continue;
      }
      const end = i + closeLength;
      if (form.closeNotFollowedBy !== undefined && end < to && form.closeNotFollowedBy.includes(text.charAt(end))) {
        i = end + 1;
        continue;
      }
      if (form.closeAtLineStart && !onlyIndentBefore(text, i, at)) {
        i++;
        continue;
      }
      return form.closeRun ? runEnd(text, end, to, close.charCodeAt(closeLength - 1)) : end;
    }
    if ((c === 10 || c === 13) && !multiline) return i;
    i++;
  }
  return to;
}

/** The offset past a run of `code` starting at `at`. */
function runEnd(text: string, at: number, to: number, code: number): number {
  let i = at;
  while (i < to && text.charCodeAt(i) === code) i++;
  return i;
}

function prefixAllowed(text: string, form: CompiledForm, at: number, from: number): boolean {
  if (form.anyPrefix) return at > from && isIdentChar(text.charCodeAt(at - 1));
  const prefixes = form.prefixes;
  if (!prefixes) return true;
  for (const prefix of prefixes) {
    const start = at - prefix.length;
    if (start < from || !startsAt(text, start, prefix, at)) continue;
    if (start === from || !isIdentChar(text.charCodeAt(start - 1))) return true;
  }
  return false;
}

/**
 * Whether a `/` (or Ruby `%`) at `at` starts a literal rather than being division: decided by
 * the previous significant character or keyword, past whitespace and the `comments` before it.
 */
export function expressionExpected(text: string, at: number, from: number, comments: readonly Extent[] = []): boolean {
  let k = at - 1;
  let next = comments.length - 1;
  for (;;) {
    while (k >= from) {
      const c = text.charCodeAt(k);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
      k--;
    }
    // A comment between the operator and the `/` says nothing: look before it (`{\n  # Quote\n  /"/`).
    while (next >= 0 && (comments[next] as Extent).start > k) next--;
    const comment = comments[next];
    if (comment === undefined || k >= comment.end) break;
    k = comment.start - 1;
    next--;
  }
  if (k < from) return true;
  const p = text.charCodeAt(k);
  if (isIdentChar(p)) {
    let w = k;
    while (w > from && k - w < 12 && isIdentChar(text.charCodeAt(w - 1))) w--;
    return k - w < 10 && KEYWORDS_BEFORE_EXPRESSION.has(text.slice(w, k + 1));
  }
  // `)` `]` end an operand; quotes end a string; `.` is a member access or a number.
  if (p === 41 || p === 93 || p === 34 || p === 39 || p === 96 || p === 46) return false;
  // Postfix `++` / `--`.
  if ((p === 43 || p === 45) && k > from && text.charCodeAt(k - 1) === p) return false;
  return true;
}

const KEYWORDS_BEFORE_EXPRESSION = new Set([
  'return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await',
  'and', 'or', 'not', 'if', 'unless', 'while', 'until', 'when', 'puts', 'print', 'split', 'grep', 'map', 'join',
]);

function scanRegex(state: ScanState, at: number, from: number, to: number, multiline: boolean): number {
  const text = state.text;
  if (at < state.regexFailedUntil) return -1;
  const prev = at > from ? text.charCodeAt(at - 1) : -1;
  const next = text.charCodeAt(at + 1);
  // `</div>` and `/>` in JSX; `/=`-less division is decided below.
  if (prev === 60 || next === 62 || next === 32 || next === 9) return -1;
  if (!expressionExpected(text, at, from, state.out)) return -1;
  let inClass = false;
  const limit = Math.min(to, at + MAX_REGEX);
  let i = at + 1;
  for (; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if ((c === 10 || c === 13) && !multiline) break;
    else if (c === 91) inClass = true;
    else if (c === 93) inClass = false;
    else if (c === 47 && !inClass) return i + 1;
  }
  state.regexFailedUntil = i;
  return -1;
}

/** A character literal; `prefixed` when a required prefix (Rust `b'x'`) was already matched before it. */
function scanChar(text: string, at: number, from: number, to: number, prefixed: boolean): number {
  if (!prefixed && at > from && isIdentChar(text.charCodeAt(at - 1))) return -1;
  const c1 = text.charCodeAt(at + 1);
  if (c1 === 92) {
    for (let i = at + 2; i < to && i < at + 14; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) return -1;
      if (c === 39 && i > at + 2) return i + 1;
    }
    return -1;
  }
  if (c1 === 39 || c1 === 10 || c1 === 13 || at + 2 >= to) return -1;
  if (text.charCodeAt(at + 2) === 39) return at + 3;
  if (c1 >= 0xd800 && c1 <= 0xdbff && at + 3 < to && text.charCodeAt(at + 3) === 39) return at + 4;
  return -1;
}

function indexOrEnd(text: string, needle: string, at: number, to: number): number {
  const found = text.indexOf(needle, at);
  return found < 0 || found + needle.length > to ? to : found + needle.length;
}

/**
 * `#…#"…"#…#`. Only with `tripleQuotes` (Swift), and only when a line break follows, does
 * `#"""` open a multi-line string closed by `"""#`: Rust's `r#"""""#` is a string of three
 * quotes closed by the first `"#`.
 */
function scanHashRaw(text: string, at: number, to: number, tripleQuotes: boolean): number {
  // Bounded, so a long run of `#` costs linear time, not quadratic.
  const limit = Math.min(to, at + MAX_DELIMITER);
  let i = at;
  while (i < limit && text.charCodeAt(i) === 35) i++;
  const hashes = i - at;
  // `"` (Rust, Swift), or `'` (Nushell's `r#'…'#`).
  const quote = text.charCodeAt(i);
  if ((quote !== 34 && quote !== 39) || i >= to) return -1;
  const q = String.fromCharCode(quote);
  const quotes = tripleQuotes && quote === 34 && startsAt(text, i, '"""', to) && lineBreakFollows(text, i + 3, to) ? 3 : 1;
  return indexOrEnd(text, q.repeat(quotes) + '#'.repeat(hashes), i + quotes, to);
}

/** Only spaces and tabs between `at` and the next line break. */
function lineBreakFollows(text: string, at: number, to: number): boolean {
  let i = at;
  while (i < to && isBlank(text.charCodeAt(i))) i++;
  const c = text.charCodeAt(i);
  return c === 10 || c === 13;
}

/** C++ `R"tag(…)tag"`, OCaml `{tag|…|tag}`: a short tag of printable characters, then `tagEnd`. */
function scanTaggedRaw(text: string, form: CompiledForm, at: number, to: number): number {
  const tagStart = at + form.open.length;
  const limit = Math.min(to, tagStart + MAX_DELIMITER + 1);
  for (let i = tagStart; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === form.tagEnd) return indexOrEnd(text, form.close.charAt(0) + text.slice(tagStart, i) + form.close.slice(1), i + 1, to);
    if (form.lowerTag && !((c >= 97 && c <= 122) || c === 95)) return -1;
    // Whitespace ( ) \ " ; { } |: not in a tag, so this is something else (`{ x = 1 }`).
    if (c <= 32 || c === 40 || c === 41 || c === 92 || c === 34 || c === 59 || c === 123 || c === 125 || c === 124 || c >= 127) return -1;
  }
  return -1;
}

function scanQuoteRun(text: string, at: number, to: number, quote: number, minimum: number): number {
  let i = at;
  while (i < to && text.charCodeAt(i) === quote) i++;
  const run = i - at;
  if (run < minimum) return -1;
  // A run of three or more (a Markdown fence, a `"""` string) ends only at a run of the same
  // length, so its body is searched for the quote, not read.
  const quoteChar = run >= 3 ? String.fromCharCode(quote) : '';
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c !== quote && quoteChar !== '') {
      const next = text.indexOf(quoteChar, i);
      i = next === -1 || next > to ? to : next;
      continue;
    }
    if (c !== quote) {
      // A short run (Markdown code span) does not cross a blank line: a lone backtick is text.
      if (c === 10 && run < 3) {
        let k = i + 1;
        while (k < to && (isBlank(text.charCodeAt(k)) || text.charCodeAt(k) === 13)) k++;
        if (k >= to || text.charCodeAt(k) === 10) return -1;
      }
      i++;
      continue;
    }
    const start = i;
    while (i < to && text.charCodeAt(i) === quote) i++;
    if (i - start === run) return i;
  }
  return to;
}

function scanDollarTag(text: string, at: number, from: number, to: number): number {
  if (at > from && isIdentChar(text.charCodeAt(at - 1))) return -1;
  let i = at + 1;
  const first = text.charCodeAt(i);
  if (first !== 36) {
    if (!isIdentChar(first) || (first >= 48 && first <= 57) || first === 36) return -1;
    while (i < to && isIdentChar(text.charCodeAt(i)) && text.charCodeAt(i) !== 36) i++;
    if (text.charCodeAt(i) !== 36 || i >= to) return -1;
  }
  return indexOrEnd(text, text.slice(at, i + 1), i + 1, to);
}

/** Lua / CMake `[[`, `[==[`: returns the offset past the opener and the closer to look for, or undefined. */
export function longBracketOpen(text: string, at: number, to: number): { bodyStart: number; close: string } | undefined {
  // `---[[` and `---[x]` are line comments: the bracket must come right after the `--`.
  if (at >= to || text.charCodeAt(at) !== 91) return undefined;
  const limit = Math.min(to, at + 1 + MAX_DELIMITER);
  let i = at + 1;
  while (i < limit && text.charCodeAt(i) === 61) i++;
  if (i >= to || text.charCodeAt(i) !== 91) return undefined;
  return { bodyStart: i + 1, close: ']' + '='.repeat(i - at - 1) + ']' };
}

const PAIRS: Record<number, number> = { 40: 41, 91: 93, 123: 125, 60: 62 };

/** Skips to just past the delimiter that closes `open` (bracket pairs nest); `to` (or `unclosed`) when none does. */
function scanDelimited(text: string, at: number, to: number, open: number, unclosed = to): number {
  const close = PAIRS[open] ?? open;
  let depth = 0;
  for (let i = at; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === close) {
      if (depth === 0) return i + 1;
      depth--;
    } else if (c === open && close !== open) depth++;
  }
  return unclosed;
}

function scanSigil(text: string, at: number, to: number): number {
  let i = at + 1;
  const first = text.charCodeAt(i);
  if (first >= 97 && first <= 122) i++;
  else if (first >= 65 && first <= 90) while (i < to && text.charCodeAt(i) >= 65 && text.charCodeAt(i) <= 90) i++;
  else return -1;
  if (i >= to) return -1;
  if (startsAt(text, i, '"""', to)) return indexOrEnd(text, '"""', i + 3, to);
  if (startsAt(text, i, "'''", to)) return indexOrEnd(text, "'''", i + 3, to);
  const d = text.charCodeAt(i);
  // / | " ' ( [ { <
  if (d === 47 || d === 124 || d === 34 || d === 39 || d === 40 || d === 91 || d === 123 || d === 60) return scanDelimited(text, i + 1, to, d);
  return -1;
}

function scanPercent(text: string, at: number, from: number, to: number, comments: readonly Extent[]): number {
  let i = at + 1;
  const c = text.charCodeAt(i);
  // q Q w W i I r s x
  const typed = c === 113 || c === 81 || c === 119 || c === 87 || c === 105 || c === 73 || c === 114 || c === 115 || c === 120;
  if (typed) i++;
  if (i >= to) return -1;
  const d = text.charCodeAt(i);
  if (typed) {
    // A closing bracket or `,` `.` `;` after `%i` is no delimiter: Crystal's macro variables (`%i]`, `%i.size`).
    if (isIdentChar(d) || d === 32 || d === 9 || d === 10 || d === 13 || d === 61) return -1;
    if (d === 41 || d === 93 || d === 125 || d === 62 || d === 44 || d === 46 || d === 59) return -1;
  } else if (!(d === 40 || d === 91 || d === 123 || d === 60 || d === 124 || d === 33) || !expressionExpected(text, at, from, comments)) {
    return -1;
  }
  return scanDelimited(text, i + 1, to, d);
}

/**
 * Perl `q{…}`, `qq|…|`, `s{a}{b}`, `s/a/b/`, `tr/a-z/A-Z/`, LaTeX `\\verb|…|`: the word `form.open`,
 * then a delimiter. An unclosed one is not a literal (a bare `s` or `y` is more often code).
 */
function scanQuoteLike(text: string, form: CompiledForm, at: number, from: number, to: number): number {
  if (at > from) {
    const p = text.charCodeAt(at - 1);
    // `$s`, `@q`, `%y`, `&m`, `->s`, `Foo::q`, and words that merely end in the letters.
    if (isIdentChar(p) || p === 64 || p === 37 || p === 38 || p === 42 || p === 58 || (p === 62 && text.charCodeAt(at - 2) === 45)) return -1;
  }
  let i = at + form.open.length;
  let d = text.charCodeAt(i);
  if (i >= to || isIdentChar(d)) return -1;
  if (isBlank(d)) {
    while (i < to && isBlank(text.charCodeAt(i))) i++;
    d = text.charCodeAt(i);
    // After a space only a bracket or a slash is taken as a delimiter (`y => 1`, `s = 2` are code).
    if (!(d === 123 || d === 40 || d === 91 || d === 60 || d === 47)) return -1;
  } else if (d === 61 || d === 44 || d === 59 || d === 41 || d === 93 || d === 125 || d === 62 || d === 10 || d === 13 || (d === 58 && text.charCodeAt(i + 1) === 58)) {
    return -1;
  }
  let end = scanDelimited(text, i + 1, to, d, -1);
  if (end < 0) return -1;
  if (form.parts > 1) {
    if (PAIRS[d] !== undefined) {
      // `s{a} {b}`: the second part has its own brackets, after optional whitespace.
      let k = end;
      while (k < to && (isBlank(text.charCodeAt(k)) || text.charCodeAt(k) === 10 || text.charCodeAt(k) === 13)) k++;
      const d2 = text.charCodeAt(k);
      if (k >= to || PAIRS[d2] === undefined) return end;
      const second = scanDelimited(text, k + 1, to, d2, -1);
      if (second < 0) return end;
      // `s{…}{ code }e`: with the `e` flag the replacement is code, comments and all.
      let flags = second;
      while (flags < to && isIdentChar(text.charCodeAt(flags)) && text.charCodeAt(flags) !== 101) flags++;
      return text.charCodeAt(flags) === 101 /* e */ ? k + 1 : second;
    } else {
      end = scanDelimited(text, end, to, d, -1);
    }
  }
  return end;
}

/**
 * Skips the literal `form` opening at `at` (where `form.open` matched). Returns the offset
 * past it, or -1 when it is not that literal. Plain strings may stop at an interpolation
 * (see {@link scanStringBody}).
 */
export function matchLiteral(state: ScanState, form: CompiledForm, at: number, from: number, to: number, allowInterpolation: boolean): number {
  const text = state.text;
  state.interpolationHit = false;
  if (!prefixAllowed(text, form, at, from)) return -1;
  if (form.afterSpace && at > from) {
    const p = text.charCodeAt(at - 1);
    if (!(isBlank(p) || p === 10 || p === 13 || p === 91 || p === 123 || p === 44)) return -1;
  }
  if (form.notAfter !== undefined && at > from && form.notAfter.includes(text.charAt(at - 1))) return -1;
  if (form.lineStart && !onlyIndentBefore(text, at, from)) return -1;
  if (form.notAfterOperand && at > from) {
    const p = text.charCodeAt(at - 1);
    // ) ] } . ' "
    if (isIdentChar(p) || p === 41 || p === 93 || p === 125 || p === 46 || p === 39 || p === 34) return -1;
  }
  switch (form.kind) {
    case 'plain':
      return scanStringBody(state, form, at + form.open.length, to, allowInterpolation);
    case 'char':
      return scanChar(text, at, from, to, form.prefixes !== undefined);
    case 'regex':
      return scanRegex(state, at, from, to, form.multiline);
    case 'hashRaw':
      return scanHashRaw(text, at, to, form.tripleQuotes);
    case 'taggedRaw':
      return scanTaggedRaw(text, form, at, to);
    case 'quoteLike':
      return scanQuoteLike(text, form, at, from, to);
    case 'quoteRun':
      return scanQuoteRun(text, at, to, form.open.charCodeAt(0), form.open.length);
    case 'dollarTag':
      return scanDollarTag(text, at, from, to);
    case 'longBracket': {
      const open = longBracketOpen(text, at, to);
      return open ? indexOrEnd(text, open.close, open.bodyStart, to) : -1;
    }
    case 'sigil':
      return scanSigil(text, at, to);
    case 'percent':
      return scanPercent(text, at, from, to, state.out);
    default:
      return -1;
  }
}
