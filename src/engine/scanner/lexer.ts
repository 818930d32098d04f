/**
 * The comment-aware lexer: one state machine, driven by each language's data
 * (`languages.ts`), that finds where comments are and skips everything that only looks like
 * one (strings, raw strings, heredocs, regex literals, template text). Speed matters (it runs
 * on every keystroke): code between tokens is skipped with `indexOf` where every character that
 * can start one is rare punctuation (`CompiledLanguage.sparse`), else with a tight `charCodeAt`
 * loop, and the only strings it creates are the spans' markers.
 */
import type { CommentSpan, ReadFailure } from './comments';
import { languageById, type LanguageSpec } from './languages';
import { readBlockScalar, readHeredocOpener, skipIndentedBody, skipPendingBodies, type PendingBody } from './lexer/heredoc';
import { longBracketOpen, matchLiteral, MAX_INTERPOLATION_DEPTH, scanStringBody, type ScanState } from './lexer/literals';
import {
  compileLanguage,
  isBlank,
  isIdentChar,
  onlyIndentBefore,
  startsAt,
  TOKEN_BLOCK,
  TOKEN_BLOCK_SCALAR,
  TOKEN_EMBED,
  TOKEN_HEREDOC,
  TOKEN_ISLAND,
  TOKEN_ISLAND_CLOSE,
  TOKEN_LINE,
  TOKEN_LITERAL,
  TOKEN_LONG_COMMENT,
  type CompiledForm,
  type CompiledLanguage,
  type SparseSet,
  type Token,
} from './lexer/tables';

interface Run extends ScanState {
  out: CommentSpan[];
  /** The literal form last matched, for opening an interpolation frame. */
  lastForm: CompiledForm | undefined;
  /** How many function bodies (`AS $$ … $$`) the reading is inside: see {@link readDollarBody}. */
  bodyDepth: number;
  /** Where the innermost code range was when a bug threw; -1 until then. */
  failedAt: number;
  /** See {@link LexOptions.stopAfter}. */
  stopAfter: number;
  /** See {@link LexOptions.everyCharacter}. */
  everyCharacter: boolean;
  /** See {@link nextSparse}: by character code, where its last search started, and what it found. */
  searchedFrom: Int32Array | undefined;
  foundAt: Int32Array | undefined;
}

/** What a caller needs of a text, when it needs less than every comment. */
export interface LexOptions {
  /**
   * No comment that begins after this offset matters, except a line comment continuing the
   * group of the comment before it (only whitespace between): the scanner passes where the last
   * tag begins, and reading stops at the first code past it. Every comment up to there is found
   * exactly as without the option.
   */
  stopAfter?: number;
  /**
   * Skip code between tokens one character at a time, even in a language whose token-starting
   * characters are searched for (`CompiledLanguage.sparse`): the plain reading that search is
   * tested against. Same comments. Token bodies (a fence's, a comment's) are read as always.
   */
  everyCharacter?: boolean;
}

/** Returned by a token to end the current code range (PHP `?>`). */
const STOP = -2;

/** Every comment of `text` read as `language`, in document order. Never throws (see {@link lexComments}). */
export function findComments(text: string, language: LanguageSpec): CommentSpan[] {
  return lexComments(text, language).comments;
}

/** What the lexer read of a text: its comments and, when a lexer bug cut the reading short, where. */
export interface LexResult {
  /** Every comment before the failure (all of them without one), in document order. */
  comments: CommentSpan[];
  failure?: ReadFailure;
}

/**
 * Every comment of `text` read as `language`, in document order. Never throws: a lexer bug
 * must not cost the user their scan, so the comments found before it are kept and the failure
 * is returned, for the grammar to report as an `internal-error` problem.
 */
export function lexComments(text: string, language: LanguageSpec, options?: LexOptions): LexResult {
  const stopAfter = options?.stopAfter;
  const run: Run = {
    text,
    out: [],
    interpolationHit: false,
    regexFailedUntil: -1,
    lastForm: undefined,
    bodyDepth: 0,
    failedAt: -1,
    stopAfter: typeof stopAfter === 'number' && stopAfter >= -1 ? stopAfter : Number.POSITIVE_INFINITY,
    everyCharacter: options?.everyCharacter === true,
    searchedFrom: undefined,
    foundAt: undefined,
  };
  try {
    if (typeof text !== 'string' || text.length === 0) return { comments: [] };
    const compiled = compileLanguage(language);
    let from = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    // A shebang line is not a comment (`#![…]` is a Rust inner attribute, not a shebang).
    if (!compiled.markup && text.charCodeAt(from) === 35 && text.charCodeAt(from + 1) === 33 && text.charCodeAt(from + 2) !== 91) {
      const nl = text.indexOf('\n', from);
      from = nl < 0 ? text.length : nl;
    }
    if (compiled.proseAroundCode) readProse(run, from, compiled.proseAroundCode, compiled.id);
    else if (compiled.dataMarkers.length > 0 && isDataMarkerLine(text, from, text.length, compiled.dataMarkers)) {
      if (compiled.dataLanguage) scanCode(run, from, text.length, compiled.dataLanguage, true);
    } else scanCode(run, from, text.length, compiled, true);
  } catch (error) {
    return { comments: run.out, failure: { offset: Math.max(run.failedAt, 0), error } };
  }
  return { comments: run.out };
}

/**
 * Reads `[from, to)` as code of `language`, appending comments to `run.out`. Returns where it
 * stopped: `to`, or just past an island close (`?>`). The outermost range also stops at the
 * first code past `run.stopAfter`.
 */
function scanCode(run: Run, from: number, to: number, language: CompiledLanguage, outermost: boolean): number {
  const text = run.text;
  const interesting = language.interesting;
  const sparse = run.everyCharacter ? undefined : language.sparse;
  const byFirst = language.byFirst;
  const codeEscape = language.codeEscape;
  // Open interpolations (`${` in a template literal): their string forms and brace depths.
  const forms: CompiledForm[] = [];
  const depths: number[] = [];
  // Heredoc and block-scalar bodies that start at the next line break.
  const pending: PendingBody[] = [];
  const stopAfter = outermost ? run.stopAfter : Number.POSITIVE_INFINITY;
  // Where the last token ended: past `stopAfter`, anything but whitespace from there is code.
  let tokenEnd = from;
  let i = from;
  try {
    while (i < to) {
      let c = text.charCodeAt(i);
      // The hot loop: most characters of most code cannot start anything.
      if (c >= 128 || interesting[c] === 0) {
        if (sparse !== undefined) {
          const at = nextSparse(run, sparse, i);
          if (at < 0 || at >= to) return to;
          i = at;
          c = text.charCodeAt(i);
        } else {
          do {
            if (++i >= to) return to;
            c = text.charCodeAt(i);
          } while (c >= 128 || interesting[c] === 0);
        }
      }
      // A line break may be interesting (heredocs); whitespace never ends the reading.
      const past = i > stopAfter && c !== 32 && (c < 9 || c > 13) && forms.length === 0 && pending.length === 0;
      if (past && !onlyWhitespace(text, tokenEnd, i)) return to;
      const tokens = byFirst[c];
      let next = -1;
      const found = run.out.length;
      if (tokens !== undefined) {
        for (let t = 0; t < tokens.length; t++) {
          const token = tokens[t] as Token;
          if (!startsAt(text, i, token.open, to, token.ignoreCase)) continue;
          next = readToken(run, token, i, from, to, language, pending, forms.length < MAX_INTERPOLATION_DEPTH);
          if (next !== -1) break;
        }
      }
      if (next === STOP) return Math.min(i + (language.islandClose?.length ?? 2), to);
      // Past the last tag, only a line comment (which may continue the group before it) is read on.
      if (past && !(next >= 0 && run.out.length > found && !(run.out[run.out.length - 1] as CommentSpan).block)) return to;
      if (next >= 0) tokenEnd = next;
      if (next >= 0) {
        if (run.interpolationHit) {
          run.interpolationHit = false;
          const form = run.lastForm;
          if (form) {
            forms.push(form);
            depths.push(0);
          }
        }
        i = Math.max(next, i + 1);
        continue;
      }
      const top = forms.length - 1;
      if (top >= 0) {
        const form = forms[top] as CompiledForm;
        if (c === form.interpolationOpen) {
          depths[top] = (depths[top] as number) + 1;
        } else if (c === form.interpolationClose) {
          const depth = depths[top] as number;
          if (depth > 0) {
            depths[top] = depth - 1;
          } else {
            // Back into the string the interpolation was in.
            const end = scanStringBody(run, form, i + 1, to, true);
            if (run.interpolationHit) run.interpolationHit = false;
            else {
              forms.pop();
              depths.pop();
            }
            i = Math.max(end, i + 1);
            continue;
          }
        }
      }
      if (c === 10 && pending.length > 0) {
        i = Math.max(skipPendingBodies(text, i + 1, to, pending), i + 1);
        continue;
      }
      if (c === 10 && forms.length === 0 && language.dataMarkers.length > 0 && isDataMarkerLine(text, i + 1, to, language.dataMarkers)) {
        if (language.dataLanguage) scanCode(run, i + 1, to, language.dataLanguage, false);
        return to;
      }
      if (codeEscape[c] === 1) {
        // Erlang `$\n` escapes two characters; `\` itself escapes one.
        i += c !== 92 && text.charCodeAt(i + 1) === 92 ? 3 : 2;
        continue;
      }
      i++;
    }
  } catch (err) {
    // The innermost range (an island, embedded code) knows best where reading stopped.
    if (run.failedAt < 0) run.failedAt = i;
    throw err;
  }
  return to;
}

/**
 * Prose with code lines in it: each paragraph of prose (non-blank lines that do not start with
 * one of `code`) is one block comment, so a tag starts an item on any of its lines and its body
 * ends with the paragraph.
 */
function readProse(run: Run, from: number, code: readonly string[], languageId: string): void {
  const text = run.text;
  let start = -1;
  let end = -1;
  for (let at = from; at < text.length; ) {
    let next = text.indexOf('\n', at);
    if (next < 0) next = text.length;
    let lineEnd = next;
    if (lineEnd > at && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    const prose = !onlyWhitespace(text, at, lineEnd) && !code.some((prefix) => startsAt(text, at, prefix, lineEnd, false));
    if (prose) {
      if (start < 0) start = at;
      end = lineEnd;
    } else if (start >= 0) {
      push(run, start, end, start, end, true, '', languageId);
      start = -1;
    }
    at = next + 1;
  }
  if (start >= 0) push(run, start, end, start, end, true, '', languageId);
}

/** Whether the line at `at` is one of `markers` (`__END__`), with nothing after it but blanks. */
function isDataMarkerLine(text: string, at: number, to: number, markers: readonly string[]): boolean {
  if (text.charCodeAt(at) !== 95 /* _ */) return false;
  for (const marker of markers) {
    if (!startsAt(text, at, marker, to, false)) continue;
    let k = at + marker.length;
    while (k < to && isBlank(text.charCodeAt(k))) k++;
    const c = text.charCodeAt(k);
    if (k >= to || c === 10 || c === 13) return true;
  }
  return false;
}

/**
 * The first offset at or after `at` that holds one of `sparse`'s characters, -1 for none. Each
 * character's last search is remembered for the whole text (nested ranges read the same text):
 * a search that started at or before `at` and found nothing before `at` still holds, so each
 * character is searched again only once the reading has passed where it was last found. `indexOf`
 * has no end: a range's caller checks the result against the range's end.
 */
function nextSparse(run: Run, sparse: SparseSet, at: number): number {
  const text = run.text;
  const from = (run.searchedFrom ??= new Int32Array(128).fill(0x7fffffff));
  const found = (run.foundAt ??= new Int32Array(128));
  const codes = sparse.codes;
  let first = -1;
  for (let k = 0; k < codes.length; k++) {
    const code = codes[k] as number;
    let next = found[code] as number;
    if ((from[code] as number) > at || (next !== -1 && next < at)) {
      next = text.indexOf(sparse.chars[k] as string, at);
      found[code] = next;
      from[code] = at;
    }
    if (next !== -1 && (first === -1 || next < first)) first = next;
  }
  return first;
}

/** Reads the token at `at` (its opener already matched). Returns the offset past it, -1 if it is not one after all, or {@link STOP}. */
function readToken(
  run: Run,
  token: Token,
  at: number,
  from: number,
  to: number,
  language: CompiledLanguage,
  pending: PendingBody[],
  allowInterpolation: boolean,
): number {
  const text = run.text;
  switch (token.kind) {
    case TOKEN_LINE:
      return readLineComment(run, token, at, from, to, language);
    case TOKEN_BLOCK:
      return readBlockComment(run, token, at, from, to, language.id);
    case TOKEN_LITERAL: {
      const form = token.form as CompiledForm;
      run.lastForm = form;
      const end = matchLiteral(run, form, at, from, to, allowInterpolation);
      if (end > at && form.codeAfterWords && previousWordIn(text, at, from, form.codeAfterWords)) readDollarBody(run, at, end, language);
      if (end > at && form.unclosedIsComment && !closedBefore(text, at, end, form)) {
        push(run, at, end, at + form.open.length, end, false, form.open, language.id);
      }
      return end;
    }
    case TOKEN_LONG_COMMENT: {
      const open = longBracketOpen(text, at + token.open.length, to);
      if (!open) return -1;
      const close = text.indexOf(open.close, open.bodyStart);
      const contentEnd = close < 0 || close + open.close.length > to ? to : close;
      const end = contentEnd === to ? to : close + open.close.length;
      push(run, at, end, open.bodyStart, contentEnd, true, text.slice(at, open.bodyStart), language.id);
      return end;
    }
    case TOKEN_HEREDOC:
      return language.heredoc ? readHeredocOpener(text, at, to, language.heredoc, pending) : -1;
    case TOKEN_BLOCK_SCALAR:
      return readBlockScalar(text, at, from, to, pending);
    case TOKEN_EMBED:
      return readEmbedded(run, token, at, to);
    case TOKEN_ISLAND: {
      const island = language.islands;
      if (!island) return -1;
      // `<?xml` is an XML declaration, not a PHP short tag.
      if (token.open === '<?' && startsAt(text, at + 2, 'xml', to, true)) return -1;
      if (language.islandAtStart && !onlyBlankBefore(text, at, from)) return -1;
      return scanCode(run, at + token.open.length, to, island, false);
    }
    case TOKEN_ISLAND_CLOSE:
      return language.islandCloseAtLineStart && !onlyIndentBefore(text, at, from) ? -1 : STOP;
    default:
      return -1;
  }
}

function readLineComment(run: Run, token: Token, at: number, from: number, to: number, language: CompiledLanguage): number {
  const text = run.text;
  const marker = token.open;
  const prev = at > from ? text.charCodeAt(at - 1) : 10;
  switch (token.position) {
    case 'afterSpace':
      if (!(isBlank(prev) || prev === 10 || prev === 13)) return -1;
      break;
    case 'wordStart':
      // ; & | ( )
      if (!(isBlank(prev) || prev === 10 || prev === 13 || prev === 59 || prev === 38 || prev === 124 || prev === 40 || prev === 41)) return -1;
      break;
    case 'tokenStart':
      // ; & | ( ) { }
      if (!(isBlank(prev) || prev === 10 || prev === 13 || prev === 59 || prev === 38 || prev === 124 || prev === 40 || prev === 41 || prev === 123 || prev === 125)) return -1;
      break;
    case 'lineStart':
      if (!onlyIndentBefore(text, at, from)) return -1;
      break;
    case 'commandStart': {
      let k = at - 1;
      while (k >= from && isBlank(text.charCodeAt(k))) k--;
      if (k >= from && text.charCodeAt(k) !== 10 && text.charCodeAt(k) !== 13 && text.charCodeAt(k) !== 59) return -1;
      break;
    }
    case 'column0':
      if (!(prev === 10 || prev === 13)) return -1;
      break;
  }
  const contentStart = at + marker.length;
  if (token.notFollowedBy && contentStart < to && token.notFollowedBy.includes(text.charAt(contentStart))) return -1;
  if (token.notPrecededBy && at > from && token.notPrecededBy.includes(text.charAt(at - 1))) return -1;
  if (token.word && ((at > from && isIdentChar(prev)) || (contentStart < to && isIdentChar(text.charCodeAt(contentStart))))) return -1;
  let end = text.indexOf('\n', contentStart);
  if (end < 0 || end > to) end = to;
  if (token.indentedBody && end < to) end = Math.max(end, skipIndentedBody(text, end + 1, to, indentOf(text, at, from), false));
  // PHP: `?>` ends the code island even inside a line comment.
  const islandClose = language.islandClose;
  if (islandClose && !language.islandCloseAtLineStart) {
    // Searched within the line only: an unbounded search would be quadratic in files without `?>`.
    const close0 = islandClose.charCodeAt(0);
    for (let k = contentStart; k < end; k++) {
      if (text.charCodeAt(k) === close0 && startsAt(text, k, islandClose, end)) {
        end = k;
        break;
      }
    }
  }
  let contentEnd = end;
  if (contentEnd > contentStart && text.charCodeAt(contentEnd - 1) === 13) contentEnd--;
  push(run, at, contentEnd, contentStart, contentEnd, false, marker, language.id);
  return end;
}

function readBlockComment(run: Run, token: Token, at: number, from: number, to: number, languageId: string): number {
  const text = run.text;
  const block = token.block;
  if (!block) return -1;
  const { open, close } = block;
  if (block.notFollowedBy && at + open.length < to && block.notFollowedBy.includes(text.charAt(at + open.length))) return -1;
  if (block.lineStart) {
    if (at > from && text.charCodeAt(at - 1) !== 10) return -1;
    // `=begin` must be a whole word.
    if (isIdentChar(text.charCodeAt(at + open.length))) return -1;
  }
  const contentStart = at + open.length;
  let closeAt = -1;
  if (block.nests) {
    let depth = 0;
    const open0 = open.charCodeAt(0);
    const close0 = close.charCodeAt(0);
    for (let i = contentStart; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === close0 && startsAt(text, i, close, to)) {
        if (depth === 0) {
          closeAt = i;
          break;
        }
        depth--;
        i += close.length - 1;
      } else if (c === open0 && startsAt(text, i, open, to)) {
        depth++;
        i += open.length - 1;
      }
    }
  } else if (block.lineStart) {
    let search = contentStart;
    for (;;) {
      const found = text.indexOf('\n' + close, search);
      if (found < 0 || found + 1 + close.length > to) break;
      if (!isIdentChar(text.charCodeAt(found + 1 + close.length))) {
        closeAt = found + 1;
        break;
      }
      search = found + 1;
    }
  } else {
    const found = text.indexOf(close, contentStart);
    if (found >= 0 && found + close.length <= to) closeAt = found;
  }
  const contentEnd = closeAt < 0 ? to : closeAt;
  const end = closeAt < 0 ? to : closeAt + close.length;
  push(run, at, end, contentStart, contentEnd, true, open, languageId);
  return end;
}

/** `<script>` / `<style>`: reads the element's content as its language. */
function readEmbedded(run: Run, token: Token, at: number, to: number): number {
  const text = run.text;
  const nameEnd = at + token.open.length;
  const after = text.charCodeAt(nameEnd);
  // `<scripts>` or `<style-guide>` are other elements.
  if (!(isBlank(after) || after === 10 || after === 13 || after === 62 || after === 47)) return -1;
  // The start tag ends at the first `>` outside quotes.
  let i = nameEnd;
  let quote = 0;
  for (; i < to; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) break;
  }
  if (i >= to) return to;
  if (text.charCodeAt(i - 1) === 47) return i + 1; // <script src="…" />
  const contentStart = i + 1;
  const tag = token.open.slice(1).toLowerCase();
  let contentEnd = contentStart;
  for (;;) {
    const found = text.indexOf('</', contentEnd);
    if (found < 0 || found >= to) {
      contentEnd = to;
      break;
    }
    if (startsAt(text, found + 2, tag, to, true)) {
      contentEnd = found;
      break;
    }
    contentEnd = found + 2;
  }
  const attributes = text.slice(nameEnd, i);
  // `<script type="text/x-template">` holds markup: keep reading it as the page.
  if (tag === 'script' && /\btype\s*=\s*["']?[^"'\s>]*(?:template|html)/i.test(attributes)) return contentStart;
  const embedded = embeddedLanguage(tag, attributes);
  if (embedded) {
    scanCode(run, contentStart, contentEnd, compileLanguage(embedded), false);
  }
  return Math.max(contentEnd, at + 1);
}

const SCRIPT_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript', 'text/ecmascript', 'application/ecmascript', 'text/babel', 'text/jsx', 'text/typescript', 'application/typescript', 'text/tsx']);

/** The language of a `<script>`/`<style>` element from its `lang` and `type` attributes; undefined for data or templates. */
function embeddedLanguage(tag: string, attributes: string): LanguageSpec | undefined {
  const lang = attribute(attributes, 'lang');
  const type = attribute(attributes, 'type');
  if (tag === 'style') {
    if (lang === undefined || lang === 'css' || lang === 'postcss') return languageById('css');
    if (lang === 'scss' || lang === 'sass' || lang === 'stylus' || lang === 'styl') return languageById('scss');
    if (lang === 'less') return languageById('less');
    return undefined;
  }
  if (type !== undefined && !SCRIPT_TYPES.has(type)) return undefined;
  const kind = lang ?? (type?.includes('typescript') ? 'ts' : type === 'text/jsx' || type === 'text/babel' ? 'jsx' : type === 'text/tsx' ? 'tsx' : 'js');
  switch (kind) {
    case 'js':
    case 'javascript':
      return languageById('javascript');
    case 'ts':
    case 'typescript':
      return languageById('typescript');
    case 'jsx':
      return languageById('javascriptreact');
    case 'tsx':
      return languageById('typescriptreact');
    default:
      return undefined;
  }
}

/** A lower-cased attribute value from a start tag's attribute text (tags are rare: a regex is fine here). */
function attribute(attributes: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attributes);
  if (!match) return undefined;
  return (match[1] ?? match[2] ?? match[3] ?? '').trim().toLowerCase();
}

/** The indentation (spaces and tabs) of the line `at` is on. */
function indentOf(text: string, at: number, from: number): number {
  let lineStart = at;
  while (lineStart > from && text.charCodeAt(lineStart - 1) !== 10) lineStart--;
  let k = lineStart;
  while (k < at && isBlank(text.charCodeAt(k))) k++;
  return k - lineStart;
}

/** Only whitespace (spaces, tabs, line breaks, form feeds) in `[from, to)`. */
function onlyWhitespace(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && (c < 9 || c > 13)) return false;
  }
  return true;
}

/** Only whitespace, line breaks included, between `from` and `at`. */
function onlyBlankBefore(text: string, at: number, from: number): boolean {
  for (let k = from; k < at; k++) {
    const c = text.charCodeAt(k);
    if (!isBlank(c) && c !== 10 && c !== 13) return false;
  }
  return true;
}

function push(run: Run, start: number, end: number, contentStart: number, contentEnd: number, block: boolean, marker: string, language: string): void {
  run.out.push({ start, end, contentStart, contentEnd, block, marker, language });
}

/** Whether the word before `at` (across blanks and line breaks) is one of `words` (lower case). */
function previousWordIn(text: string, at: number, from: number, words: readonly string[]): boolean {
  let k = at - 1;
  while (k >= from && (isBlank(text.charCodeAt(k)) || text.charCodeAt(k) === 10 || text.charCodeAt(k) === 13)) k--;
  const end = k + 1;
  while (k >= from && isIdentChar(text.charCodeAt(k))) k--;
  return end - k - 1 > 0 && words.includes(text.slice(k + 1, end).toLowerCase());
}

/** Function bodies nest this deep at most; a deeper one stays a string (a real one nests one or two). */
const MAX_BODY_DEPTH = 32;

/** The body of the dollar-quoted literal `text[at, end)` (`$tag$ … $tag$`) read as code of `language`. */
function readDollarBody(run: Run, at: number, end: number, language: CompiledLanguage): void {
  if (run.bodyDepth >= MAX_BODY_DEPTH) return;
  const text = run.text;
  const tagLength = text.indexOf('$', at + 1) - at + 1;
  const closed = end - at >= 2 * tagLength && startsAt(text, end - tagLength, text.slice(at, at + tagLength), end);
  run.bodyDepth++;
  try {
    scanCode(run, at + tagLength, closed ? end - tagLength : end, language, false);
  } finally {
    run.bodyDepth--;
  }
}

/** Whether the single-line string `text[at, end)` ends with its closer, not at its line's end. */
function closedBefore(text: string, at: number, end: number, form: CompiledForm): boolean {
  const closeAt = end - form.close.length;
  if (closeAt <= at || !startsAt(text, closeAt, form.close, end)) return false;
  // An escaped closer (`"a\"`) did not close it: count the escapes before it.
  let escapes = 0;
  while (form.escape >= 0 && closeAt - escapes - 1 > at && text.charCodeAt(closeAt - escapes - 1) === form.escape) escapes++;
  return escapes % 2 === 0;
}
