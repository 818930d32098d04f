/**
 * The annotation grammar: reads what the comments found by the lexer say.
 *
 * ```
 * // DEBT(PD-7Q2K): Replace the hand-rolled retry loop with the shared backoff helper
 * //   It retries on 4xx too, which hammers the payments API during incidents.
 * //   @alice effort:3 impact:high #payments GH-412
 * ```
 *
 * A tag counts only where it begins a comment line (after the marker, extra marker characters,
 * whitespace, and a block comment's leading `*`), as a whole word; or right after a JSDoc `@`
 * (`@TODO`), or after a tool directive that opens the line (`@ts-expect-error FIXME:`,
 * `# noqa: E501  # TODO:`, see grammar/directives.ts), after a comment marker or heading in the
 * comment (`# # FIXME`, `/// # TODO`, not in a fenced example), or after prose on its line when its
 * colon follows, outside quotes (`// refetch it.  TODO(dreiss): Verify this.`, `# strings FIXME: …`).
 * After it: more tags joined by `/`
 * (`TODO/FIXME:` is one item with the first tag), an optional `(owner, PD-ID, issue)` or
 * `[@owner]` list, an optional `:`, `;`, `,`, `.` or `-`, and the title. The following comment lines
 * without a tag are the body, up to an empty comment line, the end of the comment group, or (for a
 * tag in a list item: `// - TODO: …`, `// * it fails. TODO: …`) the list's next item. Tokens
 * anywhere in the title and body are taken out of the text and become the item's metadata.
 *
 * This runs on every keystroke: a comment line that cannot begin a tag is rejected after skipping
 * its marker, with one table read and no allocation.
 */
import type { AnnotationOptions, DebtItem, DocumentScan, Problem } from '../model';
import type { CommentSpan, ReadFailure } from './comments';
import { isAsciiAlnum, isLineBreak, isSpace } from './grammar/chars';
import { canStartDirective, directiveAt, tagAfterDirective, type TagFinder } from './grammar/directives';
import { annotationFingerprint } from './grammar/fingerprint';
import { PositionMapper } from './grammar/positions';
import { TagTable, type TagEntry } from './grammar/tags';
import { Metadata, opensDocTag, readList, readProse, type EffortConversion } from './grammar/tokens';

export { annotationFingerprint, fnv1a64 } from './grammar/fingerprint';

/** Annotation options prepared once for fast matching (tag lookup, prefilter needles). */
export interface CompiledAnnotationOptions {
  readonly options: AnnotationOptions;
  /** The configured tags, indexed for matching at the start of a comment line. */
  readonly tags: TagTable;
  /** Cheap test on raw text: false means the text surely holds no tag. */
  mightContainTag(text: string): boolean;
  /** The same test on raw bytes, before any decoding. */
  mightContainTagBytes(bytes: Uint8Array, length: number): boolean;
  /** Stricter, on raw bytes that passed `mightContainTagBytes`: false when no tag there stands apart from word characters. */
  mightHoldTagWordBytes(bytes: Uint8Array, length: number): boolean;
  /** For a text without a tag: whether a todo directive (`.. todo::`, ```` ```{todo} ````) there may be read as one, in reStructuredText or MyST. */
  mightContainTodoDirective(text: string): boolean;
  /** For the bytes of a file that may be reStructuredText or MyST and failed the tests above: whether a todo directive there may be read as a tag. */
  mightContainTodoDirectiveBytes(bytes: Uint8Array, length: number): boolean;
}

/** Prepares `options` once: the tag table and the prefilters. Never throws. */
export function compileAnnotationOptions(options: AnnotationOptions): CompiledAnnotationOptions {
  const tags = new TagTable(options?.tags ?? [], options?.caseSensitive !== false);
  return {
    options,
    tags,
    mightContainTag(text: string): boolean {
      try {
        return tags.mightContainTag(text);
      } catch {
        return true;
      }
    },
    mightContainTagBytes(bytes: Uint8Array, length: number): boolean {
      try {
        return tags.mightContainTagBytes(bytes, length);
      } catch {
        return true;
      }
    },
    mightHoldTagWordBytes(bytes: Uint8Array, length: number): boolean {
      try {
        return tags.mightHoldTagWordBytes(bytes, length);
      } catch {
        return true;
      }
    },
    mightContainTodoDirective(text: string): boolean {
      try {
        return tags.mightContainTodoDirective(text);
      } catch {
        return true;
      }
    },
    mightContainTodoDirectiveBytes(bytes: Uint8Array, length: number): boolean {
      try {
        return tags.mightContainTodoDirectiveBytes(bytes, length);
      } catch {
        return true;
      }
    },
  };
}

/**
 * Reads the annotations in `comments` of `text`. `file` is copied onto items and problems, each
 * item's language is its comment's. Problems are the items' problems in document order, then an
 * `internal-error` problem when a reader failed: the lexer (`lexFailure`, from `lexComments`) or
 * this grammar. Never throws: a bug must not cost the editor its diagnostics, so the items read
 * before it are kept, and the problem says where reading stopped.
 */
export function parseAnnotations(
  text: string,
  comments: readonly CommentSpan[],
  file: string,
  options: CompiledAnnotationOptions,
  lexFailure?: ReadFailure,
  tagTextStarts?: readonly number[],
): DocumentScan {
  const items: DebtItem[] = [];
  const source = String(text ?? '');
  let parser: DocumentParser | undefined;
  let failure = lexFailure;
  try {
    parser = new DocumentParser(source, file, options, items);
    parser.run(comments, tagTextStarts);
  } catch (error) {
    failure = { offset: parser?.reading ?? 0, error };
  }
  if (items.length === 0 && failure === undefined) return { items, problems: [] };
  const problems: Problem[] = [];
  for (const item of items) for (const problem of item.problems) problems.push(problem);
  if (failure !== undefined) problems.push(internalErrorProblem(source, file, failure, failure === lexFailure ? 'comment reader (lexer)' : 'annotation reader (grammar)'));
  return { items, problems };
}

/** The problem that tells a user a file was read only up to `failure`, and why that is Paydown's fault. */
function internalErrorProblem(text: string, file: string, failure: ReadFailure, reader: string): Problem {
  const at = new PositionMapper(text).at(failure.offset);
  const reason = failure.error instanceof Error ? failure.error.message : String(failure.error);
  return {
    file,
    range: { start: at, end: at },
    code: 'internal-error',
    severity: 'error',
    message: `Paydown's ${reader} failed at line ${at.line}, column ${at.column} (${reason}): annotations after this point in ${file} were not read. This is a bug in Paydown: please report it with this file.`,
  };
}

/** An annotation being read: its header is parsed, body lines are added as they come. */
interface Draft {
  tag: TagEntry;
  tagStart: number;
  language: string;
  /** For a comment after code on its line, the column its continuation lines must start at; else -1. */
  alignColumn: number;
  /** When the tag's line is a list item (`- TODO: …`, `* done. TODO: …`), its marker's column: the next item at it or left of it ends the body. Else -1. */
  listColumn: number;
  /** The column of that list item's text, where its wrapped lines go on; else -1. */
  listTextColumn: number;
  /** For a comment in the comment with a title (`# # FIXME: …`), the character its marker repeats (`#`, `/`): its body lines start with one too. Else 0. */
  inner: number;
  lastSpan: CommentSpan;
  meta: Metadata;
  title: string;
  /** The title line as written: the fingerprint's input when the title is nothing but tokens. */
  rawTitle: string;
  /** The title line's shape, for telling whether the next lines go on with its sentence. */
  titleShape: LineShape;
  body: string[];
  /** Each body line's shape, as {@link titleShape}. */
  bodyShapes: LineShape[];
  lastEnd: number;
}

class DocumentParser implements TagFinder {
  private readonly tags: TagTable;
  private readonly conversion: EffortConversion;
  private positions: PositionMapper | undefined;
  private open: Draft | null = null;
  /** The tag {@link findTag} found. */
  private found: TagEntry | undefined;
  /** Whether the text has no `\r`, so `\n` alone ends lines; looked up on first need. */
  private crFree: boolean | undefined;
  /** Offset of the comment being read: where reading stopped, should a bug throw. */
  reading = 0;
  /** Where each tag's text begins, when known (see {@link parseAnnotations}), and the first of them not before the line last looked at. */
  private tagTexts: readonly number[] | undefined;
  private nextTagText = 0;

  constructor(
    private readonly text: string,
    private readonly file: string,
    compiled: CompiledAnnotationOptions,
    private readonly items: DebtItem[],
  ) {
    this.tags = compiled.tags ?? compileAnnotationOptions(compiled.options).tags;
    this.conversion = { hoursPerPoint: compiled.options?.hoursPerPoint ?? 4, hoursPerDay: compiled.options?.hoursPerDay ?? 8 };
  }

  run(comments: readonly CommentSpan[], tagTextStarts: readonly number[] | undefined): void {
    const text = this.text;
    this.tagTexts = tagTextStarts;
    const n = text.length;
    let nextTag = 0;
    for (let i = 0; i < comments.length; i++) {
      const span = comments[i];
      if (!span) continue;
      const start = clamp(span.contentStart, n);
      const end = clamp(span.contentEnd, n);
      const open = this.open;
      if (open === null && tagTextStarts !== undefined) {
        // Nothing is open, so only a comment holding a tag's text can change anything.
        while (nextTag < tagTextStarts.length && (tagTextStarts[nextTag] as number) < start) nextTag++;
        if (nextTag === tagTextStarts.length) break;
        if ((tagTextStarts[nextTag] as number) >= end) continue;
      }
      this.reading = span.start;
      if (open !== null && (span.block || !continuesGroup(text, open.lastSpan, span, open.alignColumn))) this.finish();
      // The hot path: most comments are prose, rejected by their first character.
      if (!span.block && this.open === null && !this.mayHoldTag(skipLead(text, start, end, span.marker, false, true), end) && !holdsLineBreak(text, start, end) && this.findTagAfterProse(start, end) === -1) continue;
      // Line comments hold one line; a lexer that joins continued lines still gets each one read.
      this.readLines(span, start, end < start ? start : end);
      if (span.block) this.finish();
    }
    this.finish();
  }

  private readLines(span: CommentSpan, start: number, end: number): void {
    const text = this.text;
    let lineStart = start;
    let first = true;
    for (;;) {
      const lineEnd = this.lineEnd(lineStart, end);
      this.readLine(span, lineStart, lineEnd, first, lineEnd === end);
      if (lineEnd >= end) return;
      lineStart = lineEnd + (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? 2 : 1);
      first = false;
    }
  }

  /** The end of the line that starts at `lineStart`, at most `end`. */
  private lineEnd(lineStart: number, end: number): number {
    const text = this.text;
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1 || lineEnd > end) lineEnd = end;
    if (!(this.crFree ??= text.indexOf('\r') === -1)) {
      const cr = text.indexOf('\r', lineStart);
      if (cr !== -1 && cr < lineEnd) lineEnd = cr;
    }
    return lineEnd;
  }

  private readLine(span: CommentSpan, lineStart: number, lineEnd: number, first: boolean, last: boolean): void {
    const text = this.text;
    let p = skipLead(text, lineStart, lineEnd, span.marker, span.block, first);
    const inner = this.open?.inner ?? 0;
    if (inner !== 0) {
      // `# # FIXME: a` then `# # b` is its body; `# x = 1`, code commented out around it, is not.
      const innerStart = text.charCodeAt(p) === inner ? innerCommentStart(text, p, lineEnd) : -1;
      if (innerStart === -1) this.finish();
      else p = innerStart;
    }
    if (this.open === null && !this.mayHoldTag(p, lineEnd) && this.findTagAfterProse(p, lineEnd) === -1) return;
    const contentEnd = trimEnd(text, p, lineEnd, span.block && last);
    if (p >= contentEnd) {
      // An empty comment line ends the body, unless the tag has no title yet: its title is the next
      // text (`TODO:`, a blank line, then what to do). Not a doc template's empty field, though:
      // the next field (`Returns:`) is not its title.
      const open = this.open;
      if (open !== null && open.title === '' && open.body.length === 0 && !(open.meta.isEmpty && this.isTemplateField(open, ''))) {
        open.lastSpan = span;
        return;
      }
      this.finish();
      return;
    }
    const tagStart = this.findTag(p, contentEnd, span);
    if (tagStart !== -1) {
      this.finish();
      const innerStart = tagStart > p && innerCommentStart(text, p, contentEnd) === tagStart ? p : -1;
      this.open = this.startItem(this.found!, tagStart, contentEnd, span, listMarkerEnd(text, p, tagStart) !== -1 ? p : -1, innerStart);
      return;
    }
    // The next item of the list the open item's tag line is an item of: `// - TODO: a` then `// - b`.
    if (this.open !== null && this.open.listColumn !== -1) {
      if (listMarkerEnd(text, p, contentEnd) !== -1 && columnOf(text, p) <= this.open.listColumn) this.finish();
    }
    const afterProse = this.findTagAfterProse(p, contentEnd);
    // Not in a doc comment's example: `///     return x  # TODO: …` in a fenced Python block, or a
    // code span its paragraph opened on a line above.
    if (afterProse !== -1 && !this.insideExample(span, p) && !this.insideCodeSpan(span, p, afterProse)) {
      // A sentence before the tag is the open item's, if any: `//   it retries. FIXME: …`; not
      // code commented out with its comment (`# assert x  # TODO: …`).
      const found = this.found!;
      const proseEnd = proseEndBefore(text, afterProse);
      const lastChar = text.charCodeAt(proseEnd - 1);
      if (this.open !== null && (lastChar === 46 || lastChar === 33 || lastChar === 63)) this.addBodyLine(span, p, proseEnd);
      this.finish();
      const listItem = listMarkerEnd(text, p, afterProse) !== -1 ? p : this.enclosingListItem(span, p);
      this.open = this.startItem(found, afterProse, contentEnd, span, listItem);
      return;
    }
    // `@param x`, `@returns {T}`, `\see`: the doc comment goes on to its next part.
    if (this.open !== null && opensDocTag(text, p, contentEnd)) {
      this.finish();
      return;
    }
    this.addBodyLine(span, p, contentEnd);
  }

  /**
   * Where the marker is of the list item whose text goes on in the comment line at `p`, or -1:
   * the nearest line above that starts a list item (`// * a point that`, then on the tag's line
   * `// goes on. TODO: …`), over lines of the item's text, up to a blank comment line or the
   * comment's start.
   */
  private enclosingListItem(span: CommentSpan, p: number): number {
    let physical = lineStartOf(this.text, p);
    for (let lines = 0; lines < MAX_LIST_ITEM_LINES; lines++) {
      const above = this.lineAbove(span, physical);
      if (above === null || above.text >= above.end) return -1;
      if (listMarkerEnd(this.text, above.text, above.end) !== -1) return above.text;
      physical = above.start;
    }
    return -1;
  }

  /** Whether the comment line at `p` is inside a fenced code block (```` ``` ````, `~~~`) of its comment: a doc comment's example. */
  private insideFence(span: CommentSpan, p: number): boolean {
    const text = this.text;
    let fences = 0;
    let physical = lineStartOf(text, p);
    for (let lines = 0; lines < MAX_FENCE_LINES; lines++) {
      const above = this.lineAbove(span, physical);
      if (above === null) break;
      const c = text.charCodeAt(above.text);
      if ((c === 96 || c === 126) && text.startsWith(c === 96 ? '```' : '~~~', above.text)) fences++;
      physical = above.start;
    }
    return fences % 2 === 1;
  }

  /**
   * Whether the comment line at `p` is a line of a doc comment's example: in a fenced block
   * (```` ``` ````), or indented under an `@example` tag (YARD, JSDoc), as rubocop's docs show the
   * comments their cops flag (`#   # TODO make better`).
   */
  private insideExample(span: CommentSpan, p: number): boolean {
    if (this.insideFence(span, p)) return true;
    const text = this.text;
    let column = columnOf(text, p);
    let physical = lineStartOf(text, p);
    for (let lines = 0; lines < MAX_FENCE_LINES; lines++) {
      const above = this.lineAbove(span, physical);
      if (above === null) return false;
      physical = above.start;
      if (above.text >= above.end) continue;
      const aboveColumn = columnOf(text, above.text);
      if (text.charCodeAt(above.text) === 64 /* @ */ && isAsciiAlnum(text.charCodeAt(above.text + 1))) {
        return text.startsWith('@example', above.text) && column > aboveColumn;
      }
      column = Math.min(column, aboveColumn);
    }
    return false;
  }

  /** Whether `t` on the comment line at `p` is inside a code span (`` `…` ``) opened earlier in its paragraph, on this line or above. */
  private insideCodeSpan(span: CommentSpan, p: number, t: number): boolean {
    const text = this.text;
    let ticks = countBackticks(text, p, t);
    let physical = lineStartOf(text, p);
    for (let lines = 0; lines < MAX_LIST_ITEM_LINES; lines++) {
      const above = this.lineAbove(span, physical);
      if (above === null || above.text >= above.end || text.startsWith('```', above.text)) break;
      ticks += countBackticks(text, above.text, above.end);
      physical = above.start;
    }
    return ticks % 2 === 1;
  }

  /**
   * The line above the one starting at `physical`, when it is a line of the same comment: where it
   * starts, where its text starts (after the marker or a block's `*`, and blanks) and ends.
   */
  private lineAbove(span: CommentSpan, physical: number): { start: number; text: number; end: number } | null {
    if (physical === 0) return null;
    const text = this.text;
    const marker = span.marker ?? '';
    const end = text.charCodeAt(physical - 2) === 13 ? physical - 2 : physical - 1;
    const start = text.lastIndexOf('\n', physical - 2) + 1;
    let q: number;
    if (span.block) {
      if (start <= span.contentStart) return null;
      q = skipLead(text, start, end, marker, true, false);
    } else {
      q = skipBlanks(text, start, end);
      if (marker === '' || !text.startsWith(marker, q)) return null;
      q = skipLead(text, q + marker.length, end, marker, false, true);
    }
    return { start, text: q, end };
  }

  /** Adds the comment text `[p, end)` to the open item's body, if an item is open. */
  private addBodyLine(span: CommentSpan, p: number, end: number): void {
    const open = this.open;
    if (open === null) return;
    const prose = readProse(this.text, p, end, open.meta, true);
    open.body.push(prose);
    open.bodyShapes.push(lineShape(this.text, p, end, prose));
    open.lastEnd = end;
    open.lastSpan = span;
  }

  /**
   * Where a tag stands after prose in the comment line `[p, end)` (its entry in `this.found`), or
   * -1: after one to three blanks, with its `:` or its list and then `:`, outside quotes
   * (`// refetch it from memory.  TODO(dreiss): Verify this.`, `// 1. TODO: …`,
   * `# the strings FIXME: use the specs`, `// #30915 TODO: …`). Without the colon a tag word after
   * prose is as often prose itself (`// Done. TODO list next`).
   */
  private findTagAfterProse(p: number, end: number): number {
    const text = this.text;
    const starts = this.tagTexts;
    if (starts !== undefined) {
      let i = this.nextTagText;
      while (i > 0 && (starts[i - 1] as number) >= p) i--;
      while (i < starts.length && (starts[i] as number) < p) i++;
      this.nextTagText = i;
      for (; i < starts.length && (starts[i] as number) < end; i++) {
        if (this.tagAfterProseAt(p, starts[i] as number, end)) return starts[i] as number;
      }
      return -1;
    }
    for (let q = p + 1; q < end; q++) {
      const before = text.charCodeAt(q - 1);
      if ((isSpace(before) || before === 40) && this.tags.canStart(text.charCodeAt(q)) && this.tagAfterProseAt(p, q, end)) return q;
    }
    return -1;
  }

  /** Whether a tag at `t` stands after prose that starts at or after `p` (see {@link findTagAfterProse}). */
  private tagAfterProseAt(p: number, t: number, end: number): boolean {
    const text = this.text;
    // A parenthesis of its own: `-- (TODO: change this on the parsing side?)`.
    if (t > p && text.charCodeAt(t - 1) === 40 /* ( */) {
      if (t - 1 > p && !isSpace(text.charCodeAt(t - 2))) return false;
      const found = (this.found = this.tags.matchAt(text, t, end));
      return found !== undefined && labelColonAfter(text, tagWordEnd(text, t, found, end, this.tags), end) && !insideQuotes(text, p, t);
    }
    let q = t - 1;
    while (q > p && isSpace(text.charCodeAt(q))) q--;
    const blanks = t - 1 - q;
    if (blanks === 0 || blanks > 3 || q < p || isSpace(text.charCodeAt(q))) return false;
    const found = (this.found = this.tags.matchAt(text, t, end));
    if (found === undefined) return false;
    const wordEnd = tagWordEnd(text, t, found, end, this.tags);
    // With its colon, or with a list that names someone or something (`// Set later. TODO(bep) clean it up`).
    if (!labelColonAfter(text, wordEnd, end) && !this.namingListAt(wordEnd, end)) return false;
    // `XXX` also stands for a value in prose (`after LINE XXX: comes a caret`): only after a sentence.
    const c = text.charCodeAt(q);
    if (found.lower === 'xxx' && c !== 46 && c !== 33 && c !== 63) return false;
    // Prose has a word: `// * TODO: None` is a list bullet, `/// # TODO` a heading or an inner comment.
    return holdsWord(text, p, q + 1) && !insideQuotes(text, p, t) && !NOUN_BEFORE.test(text.slice(Math.max(p, q - 6), q + 1));
  }

  /** Whether a `(…)` list at `q` names an owner or a reference: `(bep)`, `(#12)`, not `(Babel 9)` or `(x)`'s code. */
  private namingListAt(q: number, end: number): boolean {
    const text = this.text;
    if (text.charCodeAt(q) !== 40 /* ( */) return false;
    const close = text.indexOf(')', q + 1);
    if (close === -1 || close >= end) return false;
    const scratch = new Metadata(this.conversion);
    return readList(text, q + 1, close, scratch) && scratch.owners.length + scratch.issueRefs.length > 0;
  }

  /**
   * Whether the comment line starting at `p` may hold a tag: it starts with a tag's first letter,
   * a JSDoc `@` and one, a list item's `- ` and one, or a directive. Most prose fails on its first character.
   */
  private mayHoldTag(p: number, end: number): boolean {
    const text = this.text;
    const c = text.charCodeAt(p);
    if (this.tags.canStart(c)) return true;
    if (c === 64 /* @ */ && this.tags.canStart(text.charCodeAt(p + 1))) return true;
    if (this.tags.mayStartDocTodo(text, p)) return true;
    if (c === 45 /* - */ && text.charCodeAt(p + 1) === 32 && this.tags.canStart(text.charCodeAt(p + 2))) return true;
    const inner = innerCommentStart(text, p, end);
    if (inner !== -1 && this.tags.canStart(text.charCodeAt(inner))) return true;
    return canStartDirective(c) && directiveAt(text, p, end) !== -1;
  }

  /**
   * Where the comment line `[p, end)` holds a tag (its entry in `this.found`), or -1: at its
   * start, after a JSDoc `@` (`@TODO`) or a list item's `- `, or after a tool directive that
   * opens the line.
   */
  private findTag(p: number, end: number, span: CommentSpan): number {
    const text = this.text;
    const tags = this.tags;
    if ((this.found = tags.matchAt(text, p, end)) !== undefined) return p;
    const c = text.charCodeAt(p);
    // A doc comment's `@todo` or `\todo` first: in any case `@todo` is its tag, not `@TODO`.
    if ((this.found = tags.matchDocTodo(text, p, end)) !== undefined) return p + 1;
    if (c === 64 /* @ */ && (this.found = tags.matchAt(text, p + 1, end)) !== undefined) return p + 1;
    // A list item labelled with a tag: `/// - TODO: …` (Swift's doc callouts), `//! - TODO(bob): …`.
    // Without the colon, a tag word in a list is as often a placeholder (`- XXX represent the bits`).
    if (c === 45 /* - */ && text.charCodeAt(p + 1) === 32 && (this.found = tags.matchAt(text, p + 2, end)) !== undefined) {
      if (labelColonAfter(text, tagWordEnd(text, p + 2, this.found, end, tags), end)) return p + 2;
      this.found = undefined;
    }
    // A comment in the comment (`# # FIXME: …` in code commented out, `// // TODO`), or a
    // heading in prose that is a comment (a Cram test's `# TODO(bob)`).
    const inner = innerCommentStart(text, p, end);
    if (inner !== -1 && (this.found = tags.matchAt(text, inner, end)) !== undefined && !this.insideExample(span, p)) return inner;
    this.found = undefined;
    if (!canStartDirective(c)) return -1;
    const after = directiveAt(text, p, end);
    if (after === -1) return -1;
    return tagAfterDirective(text, after, end, span.block ? undefined : span.marker, this);
  }

  canStartTag(c: number): boolean {
    return this.tags.canStart(c);
  }

  tagAt(pos: number, end: number): boolean {
    return (this.found = this.tags.matchAt(this.text, pos, end)) !== undefined;
  }

  /** `listItem`: where the marker is of the list item the tag is in, or -1; `innerStart`: of the inner comment marker (`# # FIXME`), or -1. */
  private startItem(tag: TagEntry, tagStart: number, lineEnd: number, span: CommentSpan, listItem: number, innerStart = -1): Draft {
    const text = this.text;
    const meta = new Metadata(this.conversion);
    let q = listStart(text, tagWordEnd(text, tagStart, tag, lineEnd, this.tags), lineEnd);
    const opener = text.charCodeAt(q);
    if (opener === 91 /* [ */) {
      const close = text.indexOf(']', q + 1);
      if (close !== -1 && close < lineEnd && readList(text, q + 1, close, meta)) q = close + 1;
    } else if (opener === 40 /* ( */) {
      const close = text.indexOf(')', q + 1);
      if (close !== -1 && close < lineEnd) {
        // `TODO(see below)`, `TODO(Babel 9)`: not a list, so the title starts with it.
        if (readList(text, q + 1, close, meta)) q = close + 1;
      } else {
        meta.problem(q, lineEnd, 'paren-unclosed', `the "(" after ${tag.name} is never closed: write ${tag.name}(owner, PD-ID, issue): title, with ")" before the title`);
        // Read `TAG(bob: title` as the list `bob` and the title; without such a colon, all as title.
        const colon = findSeparatorColon(text, q + 1, lineEnd);
        if (colon !== -1) {
          readList(text, q + 1, colon, meta);
          q = colon;
        } else {
          q++;
        }
      }
    }
    while (q < lineEnd && isSpace(text.charCodeAt(q))) q++;
    const separator = text.charCodeAt(q);
    // : ; ,   and . before a space (`TODO. Rename`, not `TODO .5 more`)
    if (separator === 58 || separator === 59 || separator === 44 || (separator === 46 && (q + 1 === lineEnd || isSpace(text.charCodeAt(q + 1))))) q++;
    else if (separator === 45 /* - */) {
      let r = q;
      while (r < lineEnd && text.charCodeAt(r) === 45) r++;
      if (r === lineEnd || isSpace(text.charCodeAt(r))) q = r;
    }
    const title = q < lineEnd ? readProse(text, q, lineEnd, meta) : '';
    let titleStart = q;
    while (titleStart < lineEnd && isSpace(text.charCodeAt(titleStart))) titleStart++;
    return {
      tag,
      tagStart,
      language: typeof span.language === 'string' ? span.language : '',
      alignColumn: span.block ? -1 : columnAfterCode(text, clamp(span.start, text.length)),
      listColumn: listItem === -1 ? -1 : columnOf(text, listItem),
      // A heading (`/// # TODO`, a Cram test's `# TODO(bob)`) has no title there: the lines after it are its text.
      inner: innerStart === -1 || title === '' ? 0 : text.charCodeAt(innerStart),
      listTextColumn: listItem === -1 ? -1 : columnOf(text, skipBlanks(text, listMarkerEnd(text, listItem, lineEnd), lineEnd)),
      lastSpan: span,
      meta,
      title,
      rawTitle: q < lineEnd ? text.slice(q, lineEnd) : '',
      titleShape: lineShape(text, titleStart, trimEnd(text, titleStart, lineEnd, false), title),
      body: [],
      bodyShapes: [],
      lastEnd: lineEnd,
    };
  }

  private finish(): void {
    const draft = this.open;
    if (draft === null) return;
    this.open = null;
    const positions = (this.positions ??= new PositionMapper(this.text));
    const lines = draft.body;
    let k = 0;
    const shapes = draft.bodyShapes;
    let title = draft.title;
    let shape = draft.titleShape;
    if (title === '') {
      while (k < lines.length && lines[k] === '') k++;
      // The next line is the title when it is prose: not code commented out under the tag (`{`,
      // `</summary>`, `"key": {},`); a list's first item, without its marker (`TODO:` over a list).
      if (k < lines.length && readsAsTitle(lines[k]!)) {
        title = lines[k]!.replace(LIST_ITEM_MARKER, '');
        shape = shapes[k]!;
        k++;
      }
    }
    // A title wrapped onto the next lines goes on there, up to where its sentence ends; the rest
    // of that line starts the body. When a sentence already ended on the title's line, that
    // sentence is the title and the one wrapped on starts the body.
    let rest = '';
    const columns: TextColumns = { title: draft.titleShape.column, tag: columnOf(this.text, draft.tagStart), listText: draft.listTextColumn };
    const wraps = k < lines.length && continuesOn(title, shape, lines[k]!, shapes[k]!, columns);
    const firstEnd = wraps ? sentenceEnd(title) : -1;
    if (firstEnd !== -1) {
      rest = title.slice(firstEnd).trimStart();
      title = title.slice(0, firstEnd);
    }
    for (; firstEnd === -1 && k < lines.length && title.length < MAX_JOINED_TITLE && continuesOn(title, shape, lines[k]!, shapes[k]!, columns); k++) {
      const next = lines[k]!;
      const end = sentenceEnd(next);
      if (end !== -1) {
        title = `${title} ${next.slice(0, end)}`;
        rest = next.slice(end).trimStart();
        k++;
        break;
      }
      title = `${title} ${next}`;
      shape = shapes[k]!;
    }
    const after = k === 0 ? lines : lines.slice(k);
    // A tag inside a parenthesis of its comment (`// checks it (on linux, TODO: not on windows)`).
    if (title.endsWith(')') && !title.includes('(') && !/[:;]-?\)$/.test(title)) title = title.slice(0, -1).trimEnd();
    const body = (rest === '' ? after : [rest, ...after]).filter((line) => line !== '');
    const meta = draft.meta;
    if (body.length === 0 && meta.isEmpty && this.isTemplateField(draft, title)) return;
    meta.problems.sort((a, b) => a.start - b.start);
    const problems: Problem[] = meta.problems.map((p) => ({
      file: this.file,
      range: { start: positions.at(p.start), end: positions.at(p.end) },
      code: p.code,
      severity: 'warning',
      message: p.message,
    }));
    const start = positions.at(draft.tagStart);
    this.items.push({
      file: this.file,
      line: start.line,
      column: start.column,
      end: positions.at(draft.lastEnd),
      tag: draft.tag.name,
      title,
      body: body.join('\n'),
      owners: meta.owners,
      labels: meta.labels,
      effort: meta.effort,
      effortSpec: meta.effortSpec,
      impact: meta.impact ?? draft.tag.impact,
      sprint: meta.sprint,
      due: meta.due,
      outcome: meta.outcome,
      issueRefs: meta.issueRefs,
      id: meta.id,
      language: draft.language,
      fingerprint: annotationFingerprint(draft.tag.name, title !== '' ? title : draft.rawTitle),
      problems,
      ...(this.isDocTodo(draft) ? { directive: 'todo' as const } : {}),
    });
  }

  /** Whether the draft's tag is a doc comment's `@todo` or `\todo`, which the docs list: no reference is written into it. */
  private isDocTodo(draft: Draft): boolean {
    const before = this.text.charCodeAt(draft.tagStart - 1);
    return (before === 64 /* @ */ || before === 92) /* \ */ && this.text.startsWith('todo', draft.tagStart);
  }

  /**
   * Whether an annotation with no body and no tokens is a field of a doc template, not debt: one
   * that says there is nothing to do (`TODO: None`), or a `TODO:` left empty under another field
   * of its comment (`Side Effects:` then `TODO:`, in a header every function of a file repeats).
   */
  private isTemplateField(draft: Draft, title: string): boolean {
    if (title !== '') return NOTHING_TO_DO.test(title);
    const text = this.text;
    if (text.charCodeAt(tagWordEnd(text, draft.tagStart, draft.tag, draft.lastEnd, this.tags)) !== 58 /* : */) return false;
    const lineStart = text.lastIndexOf('\n', draft.tagStart - 1) + 1;
    const span = draft.lastSpan;
    if (lineStart === 0 || (span.block && span.contentStart >= lineStart)) return false;
    const previousStart = Math.max(text.lastIndexOf('\n', lineStart - 2) + 1, span.block ? span.contentStart : 0);
    let previous = text.slice(previousStart, lineStart - 1).trimStart();
    if (!span.block) {
      if (span.marker === undefined || !previous.startsWith(span.marker)) return false;
      previous = previous.slice(span.marker.length);
    }
    // Another annotation above (`// TODO: track it` then `// TODO:`) is no template's field.
    const field = FIELD_LINE.exec(previous);
    return field !== null && this.tags.matchAt(previous, field[1]!.length, previous.length) === undefined;
  }
}

/** A title that says there is nothing to do: a doc template's field filled in. */
const NOTHING_TO_DO = /^(?:none|n\/a|nothing)\.?$/i;
/** A doc template's field: `Returns:`, `Side Effects: none`, after the comment's marker or `*`; a short value, not a sentence (`Note: ids are never reused across servers.`). */
const FIELD_LINE = /^([\s*/#!;%-]*)[A-Z][A-Za-z]*(?: [A-Za-z]+){0,2}:(?:[ \t]+[^\s.]+){0,3}[ \t]*$/;

/** A word before a tag that makes it a noun of the sentence (`see the TODO: list`, `for each TODO: comment`, `the list and FIXME: later`). */
const NOUN_BEFORE = /(?:^|[^\p{L}\p{N}_])(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Ee]ach|[Ee]very|[Aa]ny|[Nn]o|[Ss]ee|and|or)$/u;
/** How far up a tag after prose looks for the list item its line goes on with. */
const MAX_LIST_ITEM_LINES = 8;
/** How far up an inner comment's tag (`/// # TODO`) looks for the fence of the example it may be in. */
const MAX_FENCE_LINES = 400;
/** A title is not joined with more lines once it is this long. */
const MAX_JOINED_TITLE = 200;
/** A source line at least this wide may have been wrapped by its writer (or their formatter). */
const WRAPPED_WIDTH = 50;
const SENTENCE_END = /[.!?:;]$/;
/** A line that cannot end a sentence (`… component,`, `… the`): its writer broke it on purpose, however short. */
const OPEN_ENDED = /(?:,|\s(?:and|or|but|nor|the|a|an|to|of|with|from|into|than|whether|via|when|if|until|unless|because|for|as|which|between|against|within))$/;
/** A command line's flag (`RUN strip --strip-all`): an upper-case word starting such a line is an instruction, not an acronym. */
const COMMAND_FLAG = /\s--?[a-z]/;
/**
 * Lines that read as code, not as the rest of a sentence: `foo();`, `if (x) {`, `return x`,
 * `call(a, b)`, `x = y`, `"item",`, `"key": x`. `if`, `for` and `while` start prose as often
 * (`for the cancelled request.`, `if we pruned them`): code only with a condition's syntax.
 */
const CODE_LINE =
  /[;{]$|^(?:return|throw|assert|class|type|const|let|var|def|func|import|export)\b|^(?:if|for|while)\b(?:\s*\(|.*(?::=|==|!=|&&|\|\||<-|:$))|^[\w.$]+\(|^[\w.$[\]]+\s*(?:=|:=|\+=|-=)\s|^(["'])[^"']*\1(?:\s*:|,?$)/;

/** A list item's marker, and a task list's box after it: `- `, `1. `, `* [ ] `, `[x] `. */
const LIST_ITEM_MARKER = /^(?:(?:[-*+\u2022]|\d{1,2}[.)])\s+)?(?:\[[ xX]\]\s+)?/;

/**
 * Code commented out under a tag without a title: a statement (`x = f();`), a call, a block's
 * brace, a JSON entry (`"key": {},`), a markup tag (`</summary>`). Prose may start with a keyword
 * (`let binding in a destructure…`), so keywords are not enough here.
 */
const CODE_UNDER_TAG = /[;{([]$|^[\w.$]+\(|^[\w.$[\]]+\s*(?:=|:=|\+=|-=)\s|^(["'])[^"']*\1(?:\s*:|,?$)|^<\/?[A-Za-z]|^[})\]]/;

/** Whether a line under a tag without a title reads as its title: it has a word, and is not code. */
function readsAsTitle(line: string): boolean {
  return holdsWord(line, 0, line.length) && !CODE_UNDER_TAG.test(line);
}

/** What tells a wrapped line from the start of a body: how a comment line's text sits on its line. */
interface LineShape {
  /** Characters from the line's start to the text's end (a tab counts as one). */
  width: number;
  /** The text's first character's column. */
  column: number;
  /** Blanks right before the text: one after a marker in `// text`, more in an indented `//   text`. */
  gap: number;
  /** The text ends in prose, not in tokens (`… loop effort:3 @bob` ends its sentence where the tokens begin). */
  endsInProse: boolean;
}

function lineShape(text: string, start: number, end: number, prose: string): LineShape {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let gap = 0;
  while (start - gap > lineStart && isSpace(text.charCodeAt(start - gap - 1))) gap++;
  const tail = prose.slice(-Math.min(prose.length, 8));
  return { width: end - lineStart, column: start - lineStart, gap, endsInProse: prose !== '' && text.slice(start, end).endsWith(tail) };
}

/** Where the tag's line has its text: the title's first character, and the tag's. */
interface TextColumns {
  title: number;
  tag: number;
  /** The text's of the list item the tag is in (-1: none). */
  listText: number;
}

/**
 * Whether the comment line `next` (its prose, and its shape) goes on with the sentence of a
 * title whose last line has `shape`: that line was wide enough to have been wrapped (or ends where
 * no sentence can) and ended in prose, the sentence has not ended, and the next line sits where a wrapped line does (one blank
 * after its marker, under the title's first character, or under the tag's in a block comment
 * without leading `*`s) and starts as the rest of a sentence does (a lower-case letter, `(`, a
 * quote, a backtick, or a word in capitals: `HTML`, `SENTINEL SET`), not as code.
 */
function continuesOn(title: string, shape: LineShape, next: string, nextShape: LineShape, columns: TextColumns): boolean {
  if ((shape.width < WRAPPED_WIDTH && !OPEN_ENDED.test(title)) || !shape.endsInProse || next === '' || SENTENCE_END.test(title)) return false;
  if (nextShape.gap > 1 && nextShape.column !== columns.title && nextShape.column !== columns.tag && nextShape.column !== columns.listText) return false;
  const c = next.charCodeAt(0);
  // A line's prose starts with `#` or a URL only where it kept a reference as its subject (`#59097 is fixed.`).
  const startsSentenceRest = (c >= 97 && c <= 122) || c === 40 || c === 96 || c === 34 || c === 39 || c === 35 || next.startsWith('http') || (c > 127 && /^\p{Ll}/u.test(next)) || (/^[A-Z]{2,}\b(?![.@])/.test(next) && !COMMAND_FLAG.test(next));
  return startsSentenceRest && !CODE_LINE.test(next);
}

/**
 * Where the blank after the list item marker is that the comment text at `p` starts with, when
 * one does before `end`: `- `, `* `, `+ `, `• `, or `1. `, `2) `, `a. ` (one or two digits, or
 * one letter); else -1.
 */
function listMarkerEnd(text: string, p: number, end: number): number {
  const c = text.charCodeAt(p);
  let q = p + 1;
  if (c !== 45 /* - */ && c !== 42 /* * */ && c !== 43 /* + */ && c !== 0x2022 /* • */) {
    if (isAsciiDigit(c)) {
      if (isAsciiDigit(text.charCodeAt(q))) q++;
    } else if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90))) return -1;
    const close = text.charCodeAt(q);
    if (close !== 46 /* . */ && close !== 41 /* ) */) return -1;
    q++;
  }
  return q < end && isSpace(text.charCodeAt(q)) ? q : -1;
}

/**
 * Where the text starts after a run of `#` or of at least two `/` at `p` and the blanks after
 * it (at least one), or -1: `# # FIXME` is a comment in the comment, not `#FIXME` or `/path`.
 */
function innerCommentStart(text: string, p: number, end: number): number {
  const c = text.charCodeAt(p);
  if (c !== 35 /* # */ && c !== 47 /* / */) return -1;
  let q = p + 1;
  while (q < end && text.charCodeAt(q) === c) q++;
  if ((c === 47 && q - p < 2) || q >= end || !isSpace(text.charCodeAt(q))) return -1;
  return skipBlanks(text, q, end);
}

function holdsWord(text: string, p: number, end: number): boolean {
  for (let q = p; q < end; q++) {
    const c = text.charCodeAt(q);
    if (isAsciiAlnum(c) || (c > 127 && /[\p{L}\p{N}]/u.test(text.charAt(q)))) return true;
  }
  return false;
}

/** Whether `[p, t)` opens a quote or a code span it does not close: `// the "cannot read XXX: not found" error`. */
function insideQuotes(text: string, p: number, t: number): boolean {
  let quotes = 0;
  let backticks = 0;
  for (let q = p; q < t; q++) {
    const c = text.charCodeAt(q);
    if (c === 34) quotes++;
    else if (c === 96) backticks++;
  }
  return quotes % 2 === 1 || backticks % 2 === 1;
}

/**
 * Where the list after a tag that ends at `q` opens: at `q`, or after blanks when a `(…)` and its
 * `:` follow them (`TODO (ronag): …`; `TODO (maybe) do it` has no list).
 */
export function listStart(text: string, q: number, lineEnd: number): number {
  if (!isSpace(text.charCodeAt(q))) return q;
  const list = skipBlanks(text, q, lineEnd);
  if (text.charCodeAt(list) !== 40 /* ( */) return q;
  const close = text.indexOf(')', list + 1);
  return close !== -1 && close < lineEnd && text.charCodeAt(close + 1) === 58 /* : */ ? list : q;
}

function countBackticks(text: string, from: number, to: number): number {
  let n = 0;
  for (let q = text.indexOf('`', from); q !== -1 && q < to; q = text.indexOf('`', q + 1)) n++;
  return n;
}

/** The column of offset `p` on its line. */
function columnOf(text: string, p: number): number {
  return p - lineStartOf(text, p);
}

function lineStartOf(text: string, p: number): number {
  return text.lastIndexOf('\n', p - 1) + 1;
}

function skipBlanks(text: string, p: number, end: number): number {
  let q = p;
  while (q < end && isSpace(text.charCodeAt(q))) q++;
  return q;
}

function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Where the first sentence in `line` ends before more of the line (`… package). It is`), or -1. */
function sentenceEnd(line: string): number {
  const candidate = /[.!?](?=\s+[A-Z(`"'])/g;
  for (let m = candidate.exec(line); m !== null; m = candidate.exec(line)) {
    if (line.charCodeAt(m.index) !== 46 /* . */ || !NOT_A_SENTENCE_END.test(line.slice(Math.max(0, m.index - 8), m.index))) return m.index + 1;
  }
  return -1;
}

/** Abbreviations a full stop follows inside a sentence: `e.g. Foo`, `i.e. Bar` (`etc. We` ends one). */
const NOT_A_SENTENCE_END = /(?:^|[\s(])(?:e\.g|i\.e|vs|cf)$/i;

/** Whether a label's `:` follows at `q`, after an optional `(…)` or `[…]` list: `TODO:`, `TODO(bob):`. */
/** Just past the prose before the tag at `tagStart`. */
function proseEndBefore(text: string, tagStart: number): number {
  let q = tagStart;
  while (q > 0 && isSpace(text.charCodeAt(q - 1))) q--;
  return q;
}

function labelColonAfter(text: string, q: number, end: number): boolean {
  const open = text.charCodeAt(q);
  if (open === 40 /* ( */ || open === 91 /* [ */) {
    const close = text.indexOf(open === 40 ? ')' : ']', q + 1);
    if (close === -1 || close >= end) return false;
    q = close + 1;
  }
  return text.charCodeAt(q) === 58 /* : */;
}

/**
 * Where the tag word that starts at `tagStart` ends, with what belongs to it: more tags joined by
 * `/` (`TODO/FIXME:` is one item, with the first tag) and `?`/`!` (`TODO?`, `FIXME!`). The
 * `(…)` or `[…]` list, if any, starts here.
 */
export function tagWordEnd(text: string, tagStart: number, tag: TagEntry, lineEnd: number, tags: TagTable): number {
  let q = tagStart + tag.name.length;
  while (text.charCodeAt(q) === 47 /* / */) {
    const other = tags.matchAt(text, q + 1, lineEnd);
    if (other === undefined) break;
    q += 1 + other.name.length;
  }
  while (text.charCodeAt(q) === 33 || text.charCodeAt(q) === 63) q++;
  return q;
}

/** Whether `[start, end)` runs onto another line: a line comment with an indented body (Pug's `//-`, reStructuredText's `..`), whose first line may be empty. */
function holdsLineBreak(text: string, start: number, end: number): boolean {
  const lf = text.indexOf('\n', start);
  return lf !== -1 && lf < end;
}

function clamp(offset: number, length: number): number {
  if (!(offset > 0)) return 0;
  return offset > length ? length : Math.floor(offset);
}

/**
 * Where a comment line's content begins: after extra marker characters (`///`, `//!`, `##`, `---`,
 * `;;`, `%%`, `/**`, `/*!`, `<!---`, R's `#'`, Fortran's `!>` and `*>`) on a comment's first line, after the leading `*` on a block
 * comment's other lines, and after whitespace.
 */
function skipLead(text: string, start: number, end: number, marker: string | undefined, block: boolean, first: boolean): number {
  let p = start;
  if (first) {
    const m = marker ?? '';
    while (p < end && isExtraMarkerChar(text.charCodeAt(p), m, block)) p++;
  } else if (block) {
    while (p < end && isSpace(text.charCodeAt(p))) p++;
    while (p < end && text.charCodeAt(p) === 42 /* * */) p++;
  }
  while (p < end && isSpace(text.charCodeAt(p))) p++;
  return p;
}

/**
 * Marker characters repeated or decorated after the marker, a block comment's `*`, and the
 * whitespace control of template comments (`{#- … -#}`, `{{~! … }}`).
 */
function isExtraMarkerChar(c: number, marker: string, block: boolean): boolean {
  if (c === 33 /* ! */ || (block && (c === 42 /* * */ || c === 45 /* - */ || c === 126) /* ~ */)) return true;
  // R's roxygen `#'`.
  if (c === 39 /* ' */ && marker === '#') return true;
  // Doxygen in Fortran: `!>`, `!<`, and LAPACK's fixed-form `*>`.
  if ((c === 62 /* > */ || c === 60) /* < */ && (marker === '!' || marker === '*' || marker === 'C' || marker === 'c')) return true;
  if (isAsciiAlnum(c) || isSpace(c)) return false;
  for (let i = 0; i < marker.length; i++) if (marker.charCodeAt(i) === c) return true;
  return false;
}

/** The end of a line's content: trailing whitespace (and, on a block comment's last line, `*`, `-`, `~`) dropped. */
function trimEnd(text: string, start: number, end: number, blockLast: boolean): number {
  let e = end;
  while (e > start && isSpace(text.charCodeAt(e - 1))) e--;
  if (blockLast) {
    for (let c = text.charCodeAt(e - 1); e > start && (c === 42 || c === 45 || c === 126); c = text.charCodeAt(e - 1)) e--;
    while (e > start && isSpace(text.charCodeAt(e - 1))) e--;
  }
  return e;
}

/** The first `:` in `text[start, end)` that ends a word (followed by whitespace or the line end), or -1. */
function findSeparatorColon(text: string, start: number, end: number): number {
  for (let i = text.indexOf(':', start); i !== -1 && i < end; i = text.indexOf(':', i + 1)) {
    if (i + 1 === end || isSpace(text.charCodeAt(i + 1))) return i;
  }
  return -1;
}

/** The column offset of a comment that follows code on its line, or -1 when only whitespace precedes it. */
function columnAfterCode(text: string, start: number): number {
  let p = start;
  let code = false;
  while (p > 0 && !isLineBreak(text.charCodeAt(p - 1))) {
    if (!isSpace(text.charCodeAt(p - 1))) code = true;
    p--;
  }
  return code ? start - p : -1;
}

/**
 * True when the line comment `cur` continues the group that `prev` ends: same marker, on the
 * directly following line, with nothing but whitespace before it (and, when the group began after
 * code, at the same column).
 */
function continuesGroup(text: string, prev: CommentSpan, cur: CommentSpan, alignColumn: number): boolean {
  if (prev.block || cur.block || prev.marker !== cur.marker) return false;
  const n = text.length;
  let p = clamp(prev.end, n);
  const curStart = clamp(cur.start, n);
  while (p < curStart && isSpace(text.charCodeAt(p))) p++;
  const c = text.charCodeAt(p);
  if (c === 13) p += text.charCodeAt(p + 1) === 10 ? 2 : 1;
  else if (c === 10) p++;
  else return false;
  const lineStart = p;
  while (p < curStart && isSpace(text.charCodeAt(p))) p++;
  if (p !== curStart) return false;
  return alignColumn < 0 || curStart - lineStart === alignColumn;
}
