/**
 * The per-language tables the lexer runs on, compiled once from a {@link LanguageSpec} and
 * cached: which characters can start something interesting, and what may start with each.
 */
import type { BlockCommentSpec, CommentPosition, HeredocSpec, LanguageSpec, LiteralKind, StringForm } from '../languages';

/** Token kinds; numbers so the hot loop compares integers. */
export const TOKEN_LINE = 0;
export const TOKEN_BLOCK = 1;
export const TOKEN_LITERAL = 2;
export const TOKEN_LONG_COMMENT = 3;
export const TOKEN_HEREDOC = 4;
export const TOKEN_EMBED = 5;
export const TOKEN_ISLAND = 6;
export const TOKEN_ISLAND_CLOSE = 7;
export const TOKEN_BLOCK_SCALAR = 8;

/** A {@link StringForm} with defaults applied and character codes precomputed. */
export interface CompiledForm {
  kind: LiteralKind;
  open: string;
  close: string;
  close0: number;
  /** Escape character code, -1 for none. */
  escape: number;
  doubled: boolean;
  multiline: boolean;
  prefixes: readonly string[] | undefined;
  anyPrefix: boolean;
  interpolation: string | undefined;
  interpolation0: number;
  /** `{` or `(`: nesting inside the interpolated code. */
  interpolationOpen: number;
  /** `}` or `)`: ends the interpolated code at depth 0. */
  interpolationClose: number;
  afterSpace: boolean;
  notAfter: string | undefined;
  lineStart: boolean;
  notAfterOperand: boolean;
  unclosedIsComment: boolean;
  tripleQuotes: boolean;
  closeRun: boolean;
  closeAtLineStart: boolean;
  closeNotFollowedBy: string | undefined;
  tagEnd: number;
  lowerTag: boolean;
  parts: number;
  codeAfterWords: readonly string[] | undefined;
}

/** Something that may start at a given character. */
export interface Token {
  kind: number;
  open: string;
  /** Compare `open` ignoring ASCII case (`<SCRIPT`). */
  ignoreCase: boolean;
  /** Tie-breaker: longer and more specific tokens are tried first. */
  priority: number;
  position: CommentPosition;
  notFollowedBy: string | undefined;
  notPrecededBy: string | undefined;
  /** A line comment marker that is a word (`REM`): no identifier character next to it. */
  word: boolean;
  /** A line comment that takes the deeper-indented lines after it (Pug, Haml). */
  indentedBody: boolean;
  block: BlockCommentSpec | undefined;
  form: CompiledForm | undefined;
}

/** Everything the lexer needs for one language. */
export interface CompiledLanguage {
  id: string;
  /** 1 for ASCII characters that can start a token or need attention in code. */
  interesting: Uint8Array;
  /**
   * The interesting characters, when every one of them is rare in code (no letter, digit, `_`,
   * `$`, blank or line break): the lexer then finds the next one with `indexOf`, which V8 runs as
   * a memchr-like search, instead of reading every character. Undefined otherwise.
   */
  sparse: SparseSet | undefined;
  /** Tokens by first character code (ASCII), most specific first. */
  byFirst: (Token[] | undefined)[];
  heredoc: HeredocSpec | undefined;
  /** 1 for ASCII characters that escape the next one in code. */
  codeEscape: Uint8Array;
  islands: CompiledLanguage | undefined;
  /** Islands open only at the start of the text (Astro front matter). */
  islandAtStart: boolean;
  /** Ends a code island even inside a line comment (PHP `?>`). */
  islandClose: string | undefined;
  /** The island close counts only at the start of a line, never in a comment (Astro `---`). */
  islandCloseAtLineStart: boolean;
  /** Lines that end the code (`__END__`); the rest is read as {@link dataLanguage}. Empty for none. */
  dataMarkers: readonly string[];
  /** What counts in the data after a data marker: Perl's POD, or nothing. */
  dataLanguage: CompiledLanguage | undefined;
  /** Prefixes of code lines in prose (Cram's two spaces); undefined for code with comments in it. */
  proseAroundCode: readonly string[] | undefined;
  embedsScriptAndStyle: boolean;
  /** Markup languages have no shebang. */
  markup: boolean;
}

/** The same characters twice: as codes, and as the one-character strings `indexOf` takes. */
export interface SparseSet {
  codes: readonly number[];
  chars: readonly string[];
}

const cache = new WeakMap<LanguageSpec, CompiledLanguage>();

/** The compiled tables of a language, built on first use. */
export function compileLanguage(spec: LanguageSpec): CompiledLanguage {
  let compiled = cache.get(spec);
  if (!compiled) {
    compiled = build(spec);
    cache.set(spec, compiled);
  }
  return compiled;
}

function compileForm(form: StringForm): CompiledForm {
  const close = form.close ?? form.open;
  const escape = form.escape ?? '\\';
  const interpolation = form.interpolation;
  return {
    kind: form.kind ?? 'plain',
    open: form.open,
    close,
    close0: close.charCodeAt(0),
    escape: escape ? escape.charCodeAt(0) : -1,
    doubled: form.doubled ?? false,
    multiline: form.multiline ?? false,
    prefixes: form.prefixes,
    anyPrefix: form.anyPrefix ?? false,
    interpolation,
    interpolation0: interpolation ? interpolation.charCodeAt(0) : -1,
    interpolationOpen: interpolation?.endsWith('(') ? 40 : 123,
    interpolationClose: interpolation?.endsWith('(') ? 41 : 125,
    afterSpace: form.afterSpace ?? false,
    notAfter: form.notAfter,
    lineStart: form.lineStart ?? false,
    notAfterOperand: form.notAfterOperand ?? false,
    unclosedIsComment: form.unclosedIsComment ?? false,
    tripleQuotes: form.tripleQuotes ?? false,
    closeRun: form.closeRun ?? false,
    closeAtLineStart: form.closeAtLineStart ?? false,
    closeNotFollowedBy: form.closeNotFollowedBy || undefined,
    tagEnd: form.tagEnd ? form.tagEnd.charCodeAt(0) : -1,
    lowerTag: form.lowerTag ?? false,
    parts: form.parts ?? 1,
    codeAfterWords: form.codeAfterWords,
  };
}

function token(kind: number, open: string, priority: number, extra: Partial<Token> = {}): Token {
  return {
    kind,
    open,
    ignoreCase: false,
    priority,
    position: 'anywhere',
    notFollowedBy: undefined,
    notPrecededBy: undefined,
    word: false,
    indentedBody: false,
    block: undefined,
    form: undefined,
    ...extra,
  };
}

function build(spec: LanguageSpec): CompiledLanguage {
  const tokens: Token[] = [];
  const interesting = new Uint8Array(128);
  const codeEscape = new Uint8Array(128);

  for (const line of spec.lineComments ?? []) {
    if (!line.marker) continue;
    tokens.push(
      token(TOKEN_LINE, line.marker, line.marker.length, {
        position: line.at ?? 'anywhere',
        notFollowedBy: line.notFollowedBy,
        notPrecededBy: line.notPrecededBy,
        word: line.word ?? false,
        ignoreCase: line.word ?? false,
        indentedBody: line.indentedBody ?? false,
      }),
    );
  }
  for (const block of spec.blockComments ?? []) {
    if (!block.open || typeof block.close !== 'string' || (block.close === '' && block.nests)) continue;
    tokens.push(token(TOKEN_BLOCK, block.open, block.open.length, { block }));
  }
  if (spec.longBracketComment) tokens.push(token(TOKEN_LONG_COMMENT, spec.longBracketComment, spec.longBracketComment.length + 0.5));
  for (const form of spec.strings ?? []) {
    if (!form.open) continue;
    const compiled = compileForm(form);
    tokens.push(token(TOKEN_LITERAL, form.open, form.open.length, { form: compiled }));
    if (compiled.interpolation) {
      interesting[compiled.interpolationOpen] = 1;
      interesting[compiled.interpolationClose] = 1;
    }
  }
  if (spec.heredoc) {
    tokens.push(token(TOKEN_HEREDOC, spec.heredoc.introducer, spec.heredoc.introducer.length));
    interesting[10] = 1;
  }
  if (spec.blockScalars) {
    tokens.push(token(TOKEN_BLOCK_SCALAR, '|', 1));
    tokens.push(token(TOKEN_BLOCK_SCALAR, '>', 1));
    interesting[10] = 1;
  }
  if (spec.embedsScriptAndStyle) {
    tokens.push(token(TOKEN_EMBED, '<script', 7, { ignoreCase: true }));
    tokens.push(token(TOKEN_EMBED, '<style', 6, { ignoreCase: true }));
  }
  if (spec.codeIslands) {
    if (spec.islandOpens) for (const open of spec.islandOpens) tokens.push(token(TOKEN_ISLAND, open, open.length));
    else {
      tokens.push(token(TOKEN_ISLAND, '<?php', 5, { ignoreCase: true }));
      tokens.push(token(TOKEN_ISLAND, '<?=', 3));
      tokens.push(token(TOKEN_ISLAND, '<?', 2));
    }
  }
  if (spec.islandClose) tokens.push(token(TOKEN_ISLAND_CLOSE, spec.islandClose, spec.islandClose.length + 1));
  // Data markers are looked for at line breaks: an `_` in every identifier would cost more.
  if (spec.dataMarkers?.length) interesting[10] = 1;
  for (const ch of spec.codeEscapes ?? '') {
    const code = ch.charCodeAt(0);
    if (code < 128) {
      codeEscape[code] = 1;
      interesting[code] = 1;
    }
  }

  const byFirst: (Token[] | undefined)[] = new Array<Token[] | undefined>(128).fill(undefined);
  for (const t of tokens) {
    const firsts = t.ignoreCase ? [t.open.charCodeAt(0), t.open.toUpperCase().charCodeAt(0), t.open.toLowerCase().charCodeAt(0)] : [t.open.charCodeAt(0)];
    for (const code of new Set(firsts)) {
      if (code >= 128) continue;
      interesting[code] = 1;
      (byFirst[code] ??= []).push(t);
    }
  }
  // Stable sort: among equally long openers the order of the data wins (prefixed forms first).
  for (const list of byFirst) list?.sort((a, b) => b.priority - a.priority);

  return {
    id: spec.id,
    interesting,
    sparse: sparseSet(interesting),
    byFirst,
    heredoc: spec.heredoc,
    codeEscape,
    islands: spec.codeIslands ? compileLanguage(spec.codeIslands) : undefined,
    islandAtStart: spec.islandAtStart ?? false,
    islandClose: spec.islandClose,
    islandCloseAtLineStart: spec.islandCloseAtLineStart ?? false,
    dataMarkers: spec.dataMarkers ?? [],
    proseAroundCode: spec.proseAroundCode,
    dataLanguage: spec.dataComments ? compileLanguage({ id: `${spec.id}-data`, blockComments: spec.dataComments }) : undefined,
    embedsScriptAndStyle: spec.embedsScriptAndStyle ?? false,
    markup: Boolean(spec.embedsScriptAndStyle || spec.codeIslands || spec.blockComments?.some((b) => b.open === '<!--')),
  };
}

/** The interesting characters as a {@link SparseSet}, or undefined when one of them is common in code. */
function sparseSet(interesting: Uint8Array): SparseSet | undefined {
  const codes: number[] = [];
  for (let code = 0; code < 128; code++) {
    if (interesting[code] === 0) continue;
    if (isIdentChar(code) || isBlank(code) || code === 10 || code === 13) return undefined;
    codes.push(code);
  }
  return { codes, chars: codes.map((code) => String.fromCharCode(code)) };
}

/** Identifier characters (ASCII letters, digits, `_`, `$`, and anything non-ASCII). */
export function isIdentChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36 || code >= 128;
}

/** Space or tab. */
export function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

/** Does `text` contain `s` at `at`, entirely before `to`? */
export function startsAt(text: string, at: number, s: string, to: number, ignoreCase = false): boolean {
  const n = s.length;
  if (at < 0 || at + n > to) return false;
  for (let k = 0; k < n; k++) {
    let a = text.charCodeAt(at + k);
    const b = s.charCodeAt(k);
    if (a !== b) {
      if (!ignoreCase) return false;
      if (a >= 65 && a <= 90) a += 32;
      if (a !== (b >= 65 && b <= 90 ? b + 32 : b)) return false;
    }
  }
  return true;
}

/** Is `at` preceded only by spaces and tabs on its line (or by nothing at all from `from`)? */
export function onlyIndentBefore(text: string, at: number, from: number): boolean {
  for (let k = at - 1; k >= from; k--) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 13) return true;
    if (!isBlank(c)) return false;
  }
  return true;
}
