/**
 * Heredocs and YAML block scalars: text whose body starts on the next line and ends at a
 * terminator line (`EOF`) or when the indentation drops. The opener is read where it stands;
 * the body is skipped when the lexer reaches the end of that line, so the rest of the opening
 * line (`cat <<EOF | grep x  # real comment`) is still read as code.
 */
import type { HeredocSpec } from '../languages';
import { isBlank, isIdentChar, startsAt } from './tables';

/** A body waiting for the end of the current line. */
export interface PendingBody {
  /** The terminator word, or undefined for an indentation-ended body (YAML). */
  word: string | undefined;
  /** The terminator may be indented. */
  indented: boolean;
  /** The terminator only has to start the line's text (PHP `EOT;`). */
  prefix: boolean;
  /** YAML: body lines are indented more than this. */
  indent: number;
}

function isWordStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * Reads a heredoc opener at `at` (where the introducer matched). Returns the offset past it
 * and queues its body in `pending`, or -1 when this is a shift or a here-string.
 */
export function readHeredocOpener(text: string, at: number, to: number, spec: HeredocSpec, pending: PendingBody[]): number {
  let i = at + spec.introducer.length;
  // `<<<` is a here-string (bash, zsh): neither its first two `<` nor its last two open a heredoc.
  if (i >= to || text.charCodeAt(i) === 60 || (at > 0 && text.charCodeAt(at - 1) === 60)) return -1;
  let flagged = false;
  const f = text.charCodeAt(i);
  if ((spec.dash && f === 45) || (spec.tilde && f === 126)) {
    flagged = true;
    i++;
  }
  if (spec.spaceBeforeWord) while (i < to && isBlank(text.charCodeAt(i))) i++;
  if (i >= to) return -1;
  let q = text.charCodeAt(i);
  if (q === 92) q = text.charCodeAt(++i); // shell `<<\EOF` quotes the word
  let word: string;
  if (q === 39 || q === 34 || q === 96) {
    const start = i + 1;
    let end = start;
    while (end < to && text.charCodeAt(end) !== q && text.charCodeAt(end) !== 10) end++;
    // `<<""` (Perl, shell): the body ends at the first empty line.
    if (end >= to || text.charCodeAt(end) !== q) return -1;
    word = text.slice(start, end);
    i = end + 1;
  } else {
    if (!isWordStart(q)) return -1;
    if (spec.bareUpperOnly && !flagged && !(q >= 65 && q <= 90)) return -1;
    const start = i;
    while (i < to && isIdentChar(text.charCodeAt(i)) && text.charCodeAt(i) !== 36) i++;
    word = text.slice(start, i);
    // `$((1 << i))`, `(( m = 1 << n ))`: a shift in arithmetic, whose operand the brackets close.
    // Not `foo(<<~RUBY)`, `eq(<<OUT)`, `f(a, <<EOS)`: a `~` or `-`, or nothing to shift before it.
    let k = i;
    while (k < to && isBlank(text.charCodeAt(k))) k++;
    const after = text.charCodeAt(k);
    if ((after === 41 /* ) */ || after === 93) /* ] */ && !flagged && !opensArgument(text, at)) return -1;
  }
  pending.push({ word, indented: flagged || Boolean(spec.indentedClose), prefix: Boolean(spec.closePrefix), indent: 0 });
  return i;
}

/** Whether the introducer at `at` stands where an argument starts (after `(`, `[` or `,`), so no operand to shift comes before it. */
function opensArgument(text: string, at: number): boolean {
  let k = at - 1;
  while (k >= 0 && isBlank(text.charCodeAt(k))) k--;
  const c = k >= 0 ? text.charCodeAt(k) : -1;
  return c === 40 /* ( */ || c === 91 /* [ */ || c === 44 /* , */;
}

/**
 * Skips the queued bodies, starting at `at` (the start of the line after the opener).
 * Returns the offset of the line break that ends the last body, or `to`.
 */
export function skipPendingBodies(text: string, at: number, to: number, pending: PendingBody[]): number {
  let pos = at;
  for (const body of pending) {
    pos = body.word === undefined ? skipIndentedBody(text, pos, to, body.indent) : skipHeredocBody(text, pos, to, body);
    if (pos >= to) break;
  }
  pending.length = 0;
  return Math.min(pos, to);
}

function lineEnd(text: string, at: number, to: number): number {
  const nl = text.indexOf('\n', at);
  return nl < 0 || nl > to ? to : nl;
}

function skipHeredocBody(text: string, at: number, to: number, body: PendingBody): number {
  const word = body.word ?? '';
  let pos = at;
  while (pos < to) {
    const end = lineEnd(text, pos, to);
    let k = pos;
    if (body.indented) while (k < end && isBlank(text.charCodeAt(k))) k++;
    let stop = end;
    if (stop > k && text.charCodeAt(stop - 1) === 13) stop--;
    if (startsAt(text, k, word, stop)) {
      const after = k + word.length;
      if (after === stop || (body.prefix && !isIdentChar(text.charCodeAt(after)))) return end;
    }
    pos = end + 1;
  }
  return to;
}

/**
 * An indented body (YAML block scalar, Pug and Haml comment blocks, reStructuredText comments):
 * blank lines and lines indented more than `indent`; for a block scalar (`keepsFirstIndent`) no
 * less than its first line either, as YAML sets a scalar's indentation by it. A comment takes
 * every line indented under its marker. Returns the offset of the line break before the first
 * line that is not in the body.
 */
export function skipIndentedBody(text: string, at: number, to: number, indent: number, keepsFirstIndent = true): number {
  let pos = at;
  let lastBreak = at - 1;
  let bodyIndent = -1;
  while (pos < to) {
    const end = lineEnd(text, pos, to);
    let k = pos;
    while (k < end && isBlank(text.charCodeAt(k))) k++;
    const blank = k === end || (k === end - 1 && text.charCodeAt(k) === 13);
    if (!blank) {
      const column = k - pos;
      if (column <= indent || column < bodyIndent) return Math.max(lastBreak, at - 1);
      if (bodyIndent < 0 && keepsFirstIndent) bodyIndent = column;
    }
    lastBreak = end;
    pos = end + 1;
  }
  return to;
}

/**
 * Reads a YAML block scalar indicator (`|`, `>`, `|-`, `>+2`) at `at`. Returns the offset
 * past it and queues the body, or -1 when the character is not one.
 */
export function readBlockScalar(text: string, at: number, from: number, to: number, pending: PendingBody[]): number {
  // Must start a value: after `: `, `- `, `? ` or alone at the start of the line.
  let k = at - 1;
  while (k >= from && isBlank(text.charCodeAt(k))) k--;
  let lineStart = k + 1;
  if (k >= from) {
    const p = text.charCodeAt(k);
    if (p !== 58 && p !== 45 && p !== 63 && p !== 10 && p !== 13) return -1;
    if (k === at - 1 && p !== 10 && p !== 13) return -1;
  }
  let i = at + 1;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 43 || c === 45 || (c >= 48 && c <= 57)) i++;
    else break;
  }
  let j = i;
  while (j < to && isBlank(text.charCodeAt(j))) j++;
  if (j < to) {
    const c = text.charCodeAt(j);
    if (c !== 10 && c !== 13 && !(c === 35 && j > i)) return -1;
  }
  // The parent's indentation: the column where the key (or the last `- ` entry) starts.
  while (lineStart > from && text.charCodeAt(lineStart - 1) !== 10) lineStart--;
  let col = lineStart;
  let indent = -1;
  for (;;) {
    while (col < at && isBlank(text.charCodeAt(col))) col++;
    if (col < at && text.charCodeAt(col) === 45 && isBlank(text.charCodeAt(col + 1))) {
      indent = col - lineStart;
      col++;
      continue;
    }
    break;
  }
  if (col < at) indent = col - lineStart;
  pending.push({ word: undefined, indented: false, prefix: false, indent });
  return i;
}
