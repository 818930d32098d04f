import type { Impact, TagDefinition } from '../../model';
import { isSpace, isWordChar, lowerCode, upperCode } from './chars';

/** A configured tag, ready for matching. */
export interface TagEntry {
  /** The canonical spelling, as configured. */
  readonly name: string;
  readonly lower: string;
  /** The impact items with this tag get when their comment gives none. */
  readonly impact: Impact | null;
}

/**
 * Sphinx's todo directive, which reStructuredText and MyST Markdown are read with as a `TODO`
 * (todoDirective.ts): where tags match in their case only, a file holding `.. todo::`,
 * `.. Todo ::` or ```` ```{todo} ```` may hold a `TODO`. Its name in capitals is the tag's text,
 * which the tag's own search finds; these needles find the rest of its spellings. It is looked
 * for only in files that may be in those formats ({@link TagTable.mightContainTodoDirective}): a
 * search for `odo` would cost every file of code. (LaTeX's `\todo{…}` is found by the doc
 * comments' needle, `\todo`, below.)
 */
const TODO_DIRECTIVE_NEEDLES = ['odo::', 'odo ::', 'odo}'];
const TODO_DIRECTIVE_BYTES = TODO_DIRECTIVE_NEEDLES.map((needle) => Buffer.from(needle, 'latin1'));

/**
 * A documentation comment's todo tag, in the lower case its tools want: JSDoc's and PHPDoc's
 * `@todo`, Doxygen's `\todo` (or `@todo`). It is the `TODO` tag's ({@link TagTable.matchDocTodo});
 * where tags match in their case only, the prefilter looks for these spellings too.
 */
const DOC_TODO_NEEDLES = ['@todo', '\\todo'];

const IMPACT_NAMES: ReadonlySet<string> = new Set(['low', 'medium', 'high', 'critical']);

/**
 * The configured tags, indexed by first character so that a comment line which cannot start a
 * tag is rejected with one array read.
 */
export class TagTable {
  readonly entries: readonly TagEntry[];
  private readonly asciiFirst: (TagEntry[] | undefined)[] = new Array<TagEntry[] | undefined>(128);
  private readonly otherFirst = new Map<number, TagEntry[]>();
  private readonly textNeedles: readonly string[];
  /** Whether a todo directive needs its own search to be found: tags match in their case, and `TODO` is one. */
  private readonly readsTodoDirective: boolean;
  private readonly anyCase: RegExp | undefined;
  private readonly byteNeedles: readonly Buffer[];
  /** The `TODO` tag, which documentation comments write `@todo` or `\todo`. */
  private readonly docTodo: TagEntry | undefined;
  private readonly bytesNeedDecoding: boolean;
  private readonly bytesFallBackToTrue: boolean;

  constructor(tags: readonly TagDefinition[], readonly caseSensitive: boolean) {
    const entries: TagEntry[] = [];
    const seen = new Set<string>();
    for (const tag of Array.isArray(tags) ? tags : []) {
      const name = typeof tag?.name === 'string' ? tag.name.trim() : '';
      if (name === '' || /\s/.test(name)) continue;
      const key = caseSensitive ? name : name.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      const impact = typeof tag.impact === 'string' && IMPACT_NAMES.has(tag.impact) ? tag.impact : null;
      entries.push({ name, lower: name.toLowerCase(), impact });
    }
    // Longest first, so `FIXME` is tried before a configured `FIX`.
    entries.sort((a, b) => b.name.length - a.name.length);
    this.entries = entries;
    for (const entry of entries) {
      const first = entry.name.charCodeAt(0);
      this.index(first, entry);
      if (!caseSensitive) {
        const lower = lowerCode(first);
        const upper = upperCode(first);
        if (lower !== first) this.index(lower, entry);
        if (upper !== first && upper !== lower) this.index(upper, entry);
      }
    }
    this.readsTodoDirective = caseSensitive && entries.some((e) => e.name === 'TODO');
    this.docTodo = entries.find((e) => e.lower === 'todo');
    const docNeedles = caseSensitive && this.docTodo ? DOC_TODO_NEEDLES : [];
    this.textNeedles = [...entries.map((e) => e.name), ...docNeedles];
    this.anyCase = caseSensitive || entries.length === 0 ? undefined : new RegExp(entries.map((e) => escapeRegExp(e.name)).join('|'), 'i');
    const needles: Buffer[] = [];
    let allAscii = true;
    for (const entry of entries) {
      // eslint-disable-next-line no-control-regex
      const ascii = /^[\x00-\x7f]*$/.test(entry.name);
      allAscii &&= ascii;
      const variants = caseSensitive ? [entry.name] : [entry.name, entry.name.toLowerCase(), entry.name.toUpperCase(), capitalise(entry.name)];
      for (const variant of new Set(variants)) {
        needles.push(Buffer.from(variant, 'utf8'));
        // eslint-disable-next-line no-control-regex
        if (!ascii && /^[\x00-\xff]*$/.test(variant)) needles.push(Buffer.from(variant, 'latin1'));
      }
    }
    for (const needle of docNeedles) needles.push(Buffer.from(needle, 'latin1'));
    this.byteNeedles = needles;
    this.bytesNeedDecoding = !caseSensitive && entries.length > 0;
    this.bytesFallBackToTrue = !caseSensitive && !allAscii;
  }

  private index(code: number, entry: TagEntry): void {
    if (code < 128) (this.asciiFirst[code] ??= []).push(entry);
    else {
      let list = this.otherFirst.get(code);
      if (!list) this.otherFirst.set(code, (list = []));
      list.push(entry);
    }
  }

  /** False when no tag begins with the character `c` (NaN, past the end, is false too). */
  canStart(c: number): boolean {
    return c < 128 ? this.asciiFirst[c] !== undefined : this.otherFirst.has(c);
  }

  /**
   * The tag that begins exactly at `pos` as a whole word and is followed by something a tag may be
   * followed by, or undefined. `end` is the end of the line. What may follow: the end of the line,
   * whitespace, `:`, `(`, `[` (`TODO[@bob]`), punctuation that is not part of a word (`TODO -`,
   * `TODO;`, `TODO,`, `TODO.`, `TODO?`, `FIXME!`), or `/` and another tag (`TODO/FIXME:`). Words
   * stay prose: `TODOS`, `TODO_LIST`, `TODOList`, `TODO-list`, `TODO.md`, `TODO/later`.
   */
  matchAt(text: string, pos: number, end: number): TagEntry | undefined {
    const first = text.charCodeAt(pos);
    const candidates = first < 128 ? this.asciiFirst[first] : this.otherFirst.get(first);
    if (candidates === undefined) return undefined;
    for (const entry of candidates) {
      const after = pos + entry.name.length;
      if (after > end) continue;
      if (this.caseSensitive ? !text.startsWith(entry.name, pos) : !sameIgnoringCase(text, pos, entry.lower)) continue;
      if (after === end) return entry;
      const c = text.charCodeAt(after);
      if (isSpace(c) || c === 58 /* : */ || c === 40 /* ( */ || c === 91 /* [ */) return entry;
      // - ; , . ! ?
      if (c === 45 || c === 59 || c === 44 || c === 46 || c === 33 || c === 63) {
        if (after + 1 === end || !isWordChar(text.charCodeAt(after + 1))) return entry;
      } else if (c === 47 /* / */ && this.matchAt(text, after + 1, end) !== undefined) return entry;
    }
    return undefined;
  }

  /**
   * The `TODO` tag when a documentation comment's todo tag begins at `pos`: `@todo` or `\todo` in
   * lower case, then the line's end, `:` or blanks and its text. Not `@todo = …` or `@todo << …`:
   * commented-out Ruby, whose instance variable it is.
   */
  matchDocTodo(text: string, pos: number, end: number): TagEntry | undefined {
    const entry = this.docTodo;
    const c = text.charCodeAt(pos);
    if (entry === undefined || (c !== 64 /* @ */ && c !== 92) /* \ */ || !text.startsWith('todo', pos + 1)) return undefined;
    const after = pos + 5;
    if (after > end) return undefined;
    if (after === end || text.charCodeAt(after) === 58 /* : */) return entry;
    if (!isSpace(text.charCodeAt(after))) return undefined;
    let q = after;
    while (q < end && isSpace(text.charCodeAt(q))) q++;
    const first = text.charCodeAt(q);
    return first === 61 /* = */ || first === 60 /* < */ ? undefined : entry;
  }

  /** Whether a documentation comment's todo tag may begin at `pos` (its first two characters). */
  mayStartDocTodo(text: string, pos: number): boolean {
    const c = text.charCodeAt(pos);
    return this.docTodo !== undefined && (c === 64 || c === 92) && text.charCodeAt(pos + 1) === 116 /* t */;
  }

  /** False when `text` surely contains no tag. */
  mightContainTag(text: string): boolean {
    if (this.anyCase) return this.anyCase.test(text);
    for (const needle of this.textNeedles) if (text.indexOf(needle) !== -1) return true;
    return false;
  }

  /**
   * Where each occurrence of a tag's text begins in `text`, ascending (empty: none); undefined when
   * tags match in any case (a case-blind search would cost a copy of the text). No annotation
   * starts anywhere else: the lexer stops after the last one, and the grammar reads only the
   * comments that hold one or continue one. Searches forward: V8's `indexOf` skips ahead where
   * `lastIndexOf` compares at every position (3.5 times slower on real files).
   */
  tagTextStarts(text: string): number[] | undefined {
    if (this.anyCase) return undefined;
    const starts: number[] = [];
    for (const needle of this.textNeedles) {
      for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) starts.push(at);
    }
    return this.textNeedles.length > 1 ? starts.sort((a, b) => a - b) : starts;
  }

  /** False when the first `length` bytes (UTF-8 or Latin-1) surely contain no tag. */
  mightContainTagBytes(bytes: Uint8Array, length: number): boolean {
    if (this.entries.length === 0) return false;
    if (this.bytesFallBackToTrue) return true;
    const n = Math.max(0, Math.min(length | 0, bytes.length));
    const buf = Buffer.isBuffer(bytes) && n === bytes.length ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, n);
    for (const needle of this.byteNeedles) if (buf.indexOf(needle) !== -1) return true;
    // Mixed case (`ToDo`) is rare; decoding as Latin-1 keeps ASCII intact and is cheap.
    if (this.bytesNeedDecoding) return this.anyCase!.test(buf.toString('latin1'));
    return false;
  }

  /** For a text that holds no tag: false when it surely holds no todo directive read as one. */
  mightContainTodoDirective(text: string): boolean {
    return this.readsTodoDirective && TODO_DIRECTIVE_NEEDLES.some((needle) => text.includes(needle));
  }

  /** For the bytes of a file that may be reStructuredText or MyST and failed {@link mightContainTagBytes}: false when they surely hold no todo directive read as a tag. */
  mightContainTodoDirectiveBytes(bytes: Uint8Array, length: number): boolean {
    if (!this.readsTodoDirective) return false;
    const n = Math.max(0, Math.min(length | 0, bytes.length));
    const buf = Buffer.isBuffer(bytes) && n === bytes.length ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, n);
    return TODO_DIRECTIVE_BYTES.some((needle) => buf.indexOf(needle) !== -1);
  }

  /**
   * False when, in the first `length` bytes, no occurrence of a tag's bytes stands apart from
   * ASCII word characters (letters, digits, `_`) on both sides: a tag that starts an annotation
   * never touches one (before it come only a comment marker, its decoration, spaces or a line
   * start; after it a space, `:`, `(`, `-` or the line end — see `matchAt` and the grammar's
   * `skipLead`). So `TODO_LIST`, `XXXL` or `isHACKed` alone cost no lexing. True when unsure
   * (tags matched in any case).
   */
  mightHoldTagWordBytes(bytes: Uint8Array, length: number): boolean {
    if (this.entries.length === 0) return false;
    if (this.bytesFallBackToTrue || this.bytesNeedDecoding) return true;
    const n = Math.max(0, Math.min(length | 0, bytes.length));
    const buf = Buffer.isBuffer(bytes) && n === bytes.length ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, n);
    for (const needle of this.byteNeedles) {
      const end = needle.length;
      // `@todo` and `\todo` bring their own boundary: `work\todo{…}` is LaTeX's command.
      const bounded = !isAsciiWordByte(needle[0]!);
      for (let at = buf.indexOf(needle); at !== -1; at = buf.indexOf(needle, at + 1)) {
        if ((bounded || at === 0 || !isAsciiWordByte(buf[at - 1]!)) && (at + end >= n || !isAsciiWordByte(buf[at + end]!))) return true;
      }
    }
    return false;
  }
}

function isAsciiWordByte(b: number): boolean {
  return (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b === 95;
}

function sameIgnoringCase(text: string, pos: number, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) {
    if (lowerCode(text.charCodeAt(pos + i)) !== lower.charCodeAt(i)) return false;
  }
  return true;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
}

function escapeRegExp(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}
