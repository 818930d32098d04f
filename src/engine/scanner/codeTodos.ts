/**
 * The todos code writes: the placeholders a language gives unfinished code, which compile and
 * fail when run. Rust's `todo!()` (`todo!("parse the flags")`), Kotlin's `TODO()`
 * (`TODO("Not yet implemented")`, which the IDE writes into every generated stub), Scala's
 * `???`, Elm's `Debug.todo "…"` and Gleam's `todo` (`todo as "…"`). Each is an item of the
 * `TODO` tag, as JetBrains' IDEs list them, when that tag is configured and the config's
 * `scan.placeholders` is not false.
 *
 * Invariants:
 * - Only code holds one: the lexer finds the placeholder's name as it finds comments (a comment
 *   form that ends where it opens, see `BlockCommentSpec.close`), so a name in a comment, a
 *   string or a doc example (`/// todo!()`) is not one; nor is a name inside a longer one
 *   (`my_todo!`, `TODO_LIST`, `todos`), a method of another object (`list.TODO()`), or a
 *   definition (`fun TODO(…)`).
 * - The item stands at the name (`todo` in `Debug.todo`), its title is the message, the first
 *   argument when it is a string literal, read by the annotation grammar as a comment's text
 *   would be (so `todo!("@alice effort:2h …")` has an owner and an effort); without a message
 *   the item has no title, as a bare `// TODO` has none.
 * - No reference can be written into one (`todo!(GH-9)` is no placeholder): it is marked
 *   `directive: 'todo'`, and the ledger keeps its link; an edit of it is refused, since it is
 *   not a comment.
 * - Reading a text costs one substring search unless it holds the placeholder's name.
 */
import type { DebtItem, DocumentScan } from '../model';
import type { CommentSpan } from './comments';
import { isSpace, isWordChar } from './grammar/chars';
import type { CompiledAnnotationOptions } from './grammar';
import { annotationFingerprint, parseAnnotations } from './grammar';
import { PositionFinder } from './grammar/positions';
import { lexComments } from './lexer';
import type { LanguageSpec } from './languages';

/** A placeholder found in code, as offsets into the text. */
interface Placeholder {
  /** Where the item stands: the placeholder's name, or its `todo` part. */
  tag: number;
  /** Where the grammar reads the four letters of the `TODO` tag: {@link tag}, or just before Scala's three-letter `???`. */
  written: number;
  /** Its message's text (a string literal's content), empty when it has none. */
  messageStart: number;
  messageEnd: number;
  /** Just past the placeholder: its closing bracket, its message, or its name. */
  end: number;
  /** Whether the message is raw (no backslash escapes): Rust's `r"…"`, a triple-quoted string. */
  raw: boolean;
}

interface PlaceholderForm {
  /** The placeholder's name as code writes it, the needle of the texts that may hold one. */
  readonly name: string;
  /** The placeholder whose name is at `at`, or undefined when the name there is not one. */
  read(text: string, at: number): Placeholder | undefined;
}

const FORMS: Readonly<Record<string, PlaceholderForm>> = {
  rust: { name: 'todo!', read: readRust },
  kotlin: { name: 'TODO(', read: readKotlin },
  scala: { name: '???', read: readScala },
  elm: { name: 'Debug.todo', read: readElm },
  gleam: { name: 'todo', read: readGleam },
};

const NAME_BYTES = new Map(Object.entries(FORMS).map(([id, form]) => [id, Buffer.from(form.name, 'latin1')]));
/** The languages whose placeholder has no tag's text (`todo!`, `???`), by the extensions that say them. */
const EXTENSIONS = /\.(?:(rs)|(scala|sc|sbt|mill)|(elm)|(gleam))$/i;

/** The bytes of the placeholder's name that `languageId` writes (`todo!`, `TODO(`, `???`, …), if it has one: a needle of the byte prefilter. */
export function placeholderBytes(languageId: string | undefined): Buffer | undefined {
  return languageId === undefined ? undefined : NAME_BYTES.get(languageId);
}

/**
 * {@link placeholderBytes} for a file by its name's extension, when it has no tag's text (Kotlin's
 * `TODO(` is found by the `TODO` tag's needle). Cheap: most names fail on their last letter.
 */
export function placeholderBytesForName(name: string): Buffer | undefined {
  const last = name.charCodeAt(name.length - 1) | 32;
  // s (.rs), a (.scala), c (.sc), t (.sbt), l (.mill), m (.elm, .gleam)
  if (last !== 115 && last !== 97 && last !== 99 && last !== 116 && last !== 108 && last !== 109) return undefined;
  const match = EXTENSIONS.exec(name);
  if (match === null) return undefined;
  return placeholderBytes(match[1] ? 'rust' : match[2] ? 'scala' : match[3] ? 'elm' : 'gleam');
}

/** Whether placeholders are items: the `TODO` tag is configured, and `scan.placeholders` is not false. */
export function readsPlaceholders(compiled: CompiledAnnotationOptions): boolean {
  return todoTagOf(compiled) !== undefined;
}

/** Whether `text` holds the name of some language's placeholder (`todo`, `???`), before its language is known: two substring searches. */
export function mayNamePlaceholder(text: string): boolean {
  return text.includes('todo') || text.includes('???');
}

/** Whether `text`, read as `language`, may hold a placeholder for unfinished code that is an item under `compiled`'s tags: one substring search. */
export function mayHoldPlaceholders(text: string, language: LanguageSpec, compiled: CompiledAnnotationOptions): boolean {
  const form = FORMS[language.id];
  return form !== undefined && text.includes(form.name) && todoTagOf(compiled) !== undefined;
}

/**
 * The placeholders for unfinished code in `text`, read as `language`, as `TODO` items (see the
 * module header), in document order. Never throws: a bug costs the placeholders, not the scan.
 */
export function placeholderItems(text: string, language: LanguageSpec, file: string, compiled: CompiledAnnotationOptions): DocumentScan {
  const form = FORMS[language.id];
  const tag = todoTagOf(compiled);
  if (form === undefined || tag === undefined || !text.includes(form.name)) return { items: [], problems: [] };
  try {
    const found: Placeholder[] = [];
    let resumeAt = 0;
    for (const span of lexComments(text, finderOf(language, form)).comments) {
      if (span.marker !== form.name || span.start < resumeAt) continue;
      const placeholder = form.read(text, span.start);
      if (placeholder === undefined || placeholder.written < resumeAt) continue;
      found.push(placeholder);
      resumeAt = placeholder.end;
    }
    if (found.length === 0) return { items: [], problems: [] };
    const scan = parseAnnotations(messagesAsComments(text, found, tag), found.map((p) => spanOf(p, language)), file, compiled);
    // Scala's item stands at its `???`, which may come a column after its tag's letters.
    const shifted = new Set(found.filter((p) => p.written !== p.tag).map((p) => p.written));
    const offsets = shifted.size > 0 ? new PositionFinder(text) : undefined;
    const items: DebtItem[] = scan.items.map((item) => ({ ...unescaped(item), ...(offsets && shifted.has(offsets.offsetOf(item)) ? { column: item.column + 1 } : {}), directive: 'todo' }));
    return { items, problems: scan.problems };
  } catch {
    return { items: [], problems: [] };
  }
}

/** Stands where an escape's backslash was in a message; never in an item. */
const ESCAPE_MARK = '\u2060';

/** `item` without the marks of its message's escapes, its fingerprint that of the title it shows. */
function unescaped(item: DebtItem): DebtItem {
  if (!item.title.includes(ESCAPE_MARK) && !item.body.includes(ESCAPE_MARK)) return item;
  const title = item.title.replaceAll(ESCAPE_MARK, '');
  return { ...item, title, body: item.body.replaceAll(ESCAPE_MARK, ''), fingerprint: annotationFingerprint(item.tag, title) };
}

/** Whether the line `[lineStart, lineEnd)` of `text`, read as `language`, holds a placeholder for unfinished code in its code, whatever the tags. */
export function placeholderOnLine(text: string, language: LanguageSpec, lineStart: number, lineEnd: number): boolean {
  const form = FORMS[language.id];
  if (form === undefined || !text.slice(lineStart, lineEnd).includes(form.name)) return false;
  try {
    for (const span of lexComments(text, finderOf(language, form), { stopAfter: lineEnd }).comments) {
      if (span.start >= lineEnd) break;
      if (span.marker === form.name && span.start >= lineStart && form.read(text, span.start) !== undefined) return true;
    }
  } catch {
    // A lexer bug: the line is taken as holding none.
  }
  return false;
}

/** `scan`, the comments' items of `text` read as `language`, with the text's placeholders among them in document order. */
export function withPlaceholders(scan: DocumentScan, text: string, language: LanguageSpec, file: string, compiled: CompiledAnnotationOptions): DocumentScan {
  return mayHoldPlaceholders(text, language, compiled) ? mergeScans(scan, placeholderItems(text, language, file, compiled)) : scan;
}

/** `a` and `b`, each in document order, as one list in document order. */
function mergeScans(a: DocumentScan, b: DocumentScan): DocumentScan {
  if (b.items.length === 0 && b.problems.length === 0) return a;
  if (a.items.length === 0 && a.problems.length === 0) return b;
  const before = (x: { line: number; column: number }, y: { line: number; column: number }): boolean => x.line < y.line || (x.line === y.line && x.column < y.column);
  const items: DebtItem[] = [];
  let j = 0;
  for (const item of a.items) {
    while (j < b.items.length && before(b.items[j]!, item)) items.push(b.items[j++]!);
    items.push(item);
  }
  while (j < b.items.length) items.push(b.items[j++]!);
  const problems = [...a.problems, ...b.problems].sort((x, y) => (before(x.range.start, y.range.start) ? -1 : before(y.range.start, x.range.start) ? 1 : 0));
  return { items, problems };
}

/** The configured tag the placeholders are items of: `TODO`, in the case it is configured in. */
function todoTagOf(compiled: CompiledAnnotationOptions): string | undefined {
  if (compiled.options?.placeholders === false) return undefined;
  return compiled.tags.entries.find((entry) => entry.lower === 'todo')?.name;
}

/** What the grammar reads: the text blanked (its line breaks kept) but for each placeholder's tag, then blanks, then its message. Offsets are the text's. */
function messagesAsComments(text: string, found: readonly Placeholder[], tag: string): string {
  let out = '';
  let at = 0;
  for (const p of found) {
    out += blank(text, at, p.written) + tag;
    let q = p.written + tag.length;
    const messageStart = Math.max(p.messageStart, q);
    out += blank(text, q, messageStart);
    q = messageStart;
    // `todo!("TODO: …")` says it twice: the placeholder is the tag.
    const repeated = /^[ \t]*todo[ \t]*:/i.exec(text.slice(q, Math.min(p.messageEnd, q + 16)));
    if (repeated) {
      out += ' '.repeat(repeated[0].length);
      q += repeated[0].length;
    }
    for (; q < p.messageEnd; q++) {
      const c = text[q]!;
      if (c === '\\' && !p.raw && q + 1 < p.messageEnd) {
        const next = text[q + 1]!;
        // An escape stands for one character: `\n` and `\t` for a blank, `\"` for the quote (and
        // a mark that takes the backslash's place, taken out of the item).
        out += next === '\n' || next === '\r' ? ` ${next}` : /[ntr0]/.test(next) ? '  ' : `${next}${ESCAPE_MARK}`;
        q++;
      } else out += c;
    }
    out += blank(text, q, p.end);
    at = p.end;
  }
  return out + blank(text, at, text.length);
}

function blank(text: string, from: number, to: number): string {
  return to <= from ? '' : text.slice(from, to).replace(/[^\r\n]/g, ' ');
}

/** The comment the grammar reads for a placeholder: from its tag to its message's end. */
function spanOf(p: Placeholder, language: LanguageSpec): CommentSpan {
  const contentEnd = Math.max(p.messageEnd, p.written + 4);
  return { start: p.written, end: Math.max(p.end, contentEnd), contentStart: p.written, contentEnd, block: true, marker: '', language: language.id };
}

const finders = new WeakMap<LanguageSpec, LanguageSpec>();
/** `language` with the placeholder's name as a comment that ends where it opens: the lexer reports each one in code and reads on. */
function finderOf(language: LanguageSpec, form: PlaceholderForm): LanguageSpec {
  let finder = finders.get(language);
  if (finder === undefined) {
    finder = { ...language, blockComments: [...(language.blockComments ?? []), { open: form.name, close: '' }] };
    finders.set(language, finder);
  }
  return finder;
}

/** `todo!(…)`, `todo![…]`, `todo!{…}`, also as `std::todo!` or `core::todo!`. */
function readRust(text: string, at: number): Placeholder | undefined {
  if (isWordChar(text.charCodeAt(at - 1))) return undefined;
  let p = skipBlanks(text, at + 5, true);
  const closer = ({ '(': ')', '[': ']', '{': '}' } as Record<string, string>)[text[p] ?? ''];
  if (closer === undefined) return undefined;
  p = skipBlanks(text, p + 1, true);
  const literal = readRustString(text, p);
  return withMessage(at, literal, text, p, closer);
}

/** Kotlin's `TODO()` and `TODO("reason")`; not a method of another object, nor a definition of its own. */
function readKotlin(text: string, at: number): Placeholder | undefined {
  const before = text.charCodeAt(at - 1);
  if (isWordChar(before) || before === 36 /* $ */ || (before === 46 /* . */ && !text.endsWith('kotlin.', at))) return undefined;
  if (/\bfun[ \t]+(?:<[^>]*>[ \t]*)?$/.test(text.slice(Math.max(0, at - 40), at))) return undefined;
  const p = skipBlanks(text, at + 5, true);
  return withMessage(at, readQuoted(text, p), text, p, ')');
}

/**
 * Scala's `???`, an expression of its own (not part of an operator such as `???=`). Its tag's four
 * letters are read over it and the character after it, or the blank before it at a line's end.
 */
function readScala(text: string, at: number): Placeholder | undefined {
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at + 3);
  if (isScalaOperatorChar(before) || isScalaOperatorChar(after)) return undefined;
  const written = at + 3 < text.length && after !== 10 && after !== 13 ? at : isSpace(before) ? at - 1 : -1;
  return written === -1 ? undefined : { tag: at, written, messageStart: written + 4, messageEnd: written + 4, end: written + 4, raw: true };
}

/** Elm's `Debug.todo "reason"`: the item stands at `todo`. */
function readElm(text: string, at: number): Placeholder | undefined {
  const before = text.charCodeAt(at - 1);
  if (isWordChar(before) || before === 46 /* . */ || isWordChar(text.charCodeAt(at + 10))) return undefined;
  const p = skipBlanks(text, at + 10, true);
  const literal = readQuoted(text, p);
  const tag = at + 6;
  return literal ? { tag, written: tag, messageStart: literal.start, messageEnd: literal.end, end: literal.end + literal.quote, raw: literal.raw } : { tag, written: tag, messageStart: at + 10, messageEnd: at + 10, end: at + 10, raw: true };
}

/** Gleam's `todo` keyword, with its message when it has one: `todo as "reason"`. */
function readGleam(text: string, at: number): Placeholder | undefined {
  const before = text.charCodeAt(at - 1);
  if (isWordChar(before) || before === 46 /* . */ || before === 64 /* @ */ || isWordChar(text.charCodeAt(at + 4))) return undefined;
  const bare: Placeholder = { tag: at, written: at, messageStart: at + 4, messageEnd: at + 4, end: at + 4, raw: true };
  let p = skipBlanks(text, at + 4, true);
  if (!text.startsWith('as', p) || isWordChar(text.charCodeAt(p + 2))) return bare;
  p = skipBlanks(text, p + 2, true);
  const literal = readQuoted(text, p);
  return literal ? { tag: at, written: at, messageStart: literal.start, messageEnd: literal.end, end: literal.end + literal.quote, raw: literal.raw } : bare;
}

/** A placeholder whose argument list opened before `p`: its message is `literal`, and it ends at `closer` when only blanks come before it. */
function withMessage(at: number, literal: Literal | undefined, text: string, p: number, closer: string): Placeholder {
  if (literal === undefined) {
    const end = text[p] === closer ? p + 1 : p;
    return { tag: at, written: at, messageStart: end, messageEnd: end, end, raw: true };
  }
  const after = skipBlanks(text, literal.end + literal.quote, true);
  return { tag: at, written: at, messageStart: literal.start, messageEnd: literal.end, end: text[after] === closer ? after + 1 : literal.end + literal.quote, raw: literal.raw };
}

/** A string literal's content, `[start, end)`, and the length of its closing quote. */
interface Literal {
  start: number;
  end: number;
  quote: number;
  raw: boolean;
}

/** `"…"` (backslash escapes) or `"""…"""` (raw) at `p`. */
function readQuoted(text: string, p: number): Literal | undefined {
  if (text[p] !== '"') return undefined;
  if (text.startsWith('"""', p)) {
    const close = text.indexOf('"""', p + 3);
    return close === -1 ? undefined : { start: p + 3, end: close, quote: 3, raw: true };
  }
  for (let q = p + 1; q < text.length; q++) {
    const c = text.charCodeAt(q);
    if (c === 92 /* \ */) q++;
    else if (c === 34 /* " */) return { start: p + 1, end: q, quote: 1, raw: false };
  }
  return undefined;
}

/** Rust's `"…"`, `r"…"` and `r#"…"#` at `p`. */
function readRustString(text: string, p: number): Literal | undefined {
  if (text[p] !== 'r') return readQuoted(text, p);
  let q = p + 1;
  while (text[q] === '#') q++;
  if (text[q] !== '"') return undefined;
  const closing = `"${'#'.repeat(q - p - 1)}`;
  const close = text.indexOf(closing, q + 1);
  return close === -1 ? undefined : { start: q + 1, end: close, quote: closing.length, raw: true };
}

/** The first offset from `p` that is not a blank (nor a line break, with `lines`). */
function skipBlanks(text: string, p: number, lines: boolean): number {
  let q = p;
  for (; q < text.length; q++) {
    const c = text.charCodeAt(q);
    if (!isSpace(c) && !(lines && (c === 10 || c === 13))) break;
  }
  return q;
}

/** Scala's operator characters, which make `???` part of a longer operator. */
function isScalaOperatorChar(c: number): boolean {
  return c === 33 || c === 35 || c === 37 || c === 38 || c === 42 || c === 43 || c === 45 || c === 47 || c === 58 || c === 60 || c === 61 || c === 62 || c === 63 || c === 64 || c === 92 || c === 94 || c === 124 || c === 126;
}
