/**
 * How each language writes comments and the things that look like comments but are not
 * (strings, raw strings, heredocs, regex literals, …), and how a file's language is found.
 * The rows are data (languages/*.ts) that one lexer (`lexer.ts`) reads, so adding a language
 * means adding a row, never new scanning code.
 */
import { execTrickInterpreter, interpreterNames, modeLine, shebangInterpreter } from './languages/shebang';
import type { CellFormat } from './cells';
import { LANGUAGES } from './languages/table';

/** Where a line comment marker counts. */
export type CommentPosition =
  /** Anywhere outside strings (C `//`, Python `#`). */
  | 'anywhere'
  /** At the start of a line or after whitespace (YAML: `a#b` is text). */
  | 'afterSpace'
  /** At the start of a shell word: after whitespace or `;&|()` (`echo a#b`, `${#v}` are not comments). */
  | 'wordStart'
  /** At the start of a PowerShell token: as `wordStart`, and after `{` or `}` (`@{ a = 1 }# note`). */
  | 'tokenStart'
  /** Only whitespace before it on its line (INI, Dockerfile, .gitignore). */
  | 'lineStart'
  /** Where a command starts: at the start of a line or after `;` (Tcl: `set x 1 ;# note`). */
  | 'commandStart'
  /** In the first column, with nothing before it (fixed-form Fortran `C`, `*`). */
  | 'column0';

/** A comment that runs to the end of the line. */
export interface LineCommentSpec {
  marker: string;
  /** Default `anywhere`. */
  at?: CommentPosition;
  /** Characters that, right after the marker, make it something else (PHP `#[` attribute, Haskell `-->` operator). */
  notFollowedBy?: string;
  /** Characters that, right before the marker, make it something else (Perl `$#array`). */
  notPrecededBy?: string;
  /** The marker is a word in any case, with no identifier character next to it (BASIC `REM`, m4 `dnl`). */
  word?: boolean;
  /** The lines after it that are indented deeper belong to the comment (Pug `//-`, Haml `-#`, indented Sass `//`). */
  indentedBody?: boolean;
}

/** A comment with an opening and a closing marker. */
export interface BlockCommentSpec {
  open: string;
  /** `''`: the comment ends where it opens, a mark the lexer reports and reads on after (latex.ts finds `\todo` so). */
  close: string;
  /** Nested pairs must balance (Rust, Swift, Haskell `{- {- -} -}`). */
  nests?: boolean;
  /** Open and close only count at column 0 (Ruby `=begin`/`=end`, Perl POD). */
  lineStart?: boolean;
  /** Characters that, right after the opener, make it something else (CoffeeScript `####`, F# `(*)`). */
  notFollowedBy?: string;
}

/**
 * Special literal shapes the lexer knows how to skip. Each is parameterised by the
 * {@link StringForm} fields; none is specific to one language.
 */
export type LiteralKind =
  /** Plain: `open` … `close` with `escape`, optional doubling and interpolation. */
  | 'plain'
  /** A short character literal `'a'`, `'\n'`; a quote that does not close within a few characters is code (Rust lifetimes, Haskell primes). */
  | 'char'
  /** `#…#"…"#…#` with the same number of hashes (Rust `r#"…"#` via a prefix, Swift `#"…"#`). */
  | 'hashRaw'
  /**
   * An opener, a short tag ending at `tagEnd`, and a closer built around the same tag: C++
   * `R"delim(…)delim"` (`close: ')"'`), OCaml `{id|…|id}` (`close: '|}'`). The tag goes between
   * the closer's first character and the rest.
   */
  | 'taggedRaw'
  /** A run of N `open` characters closed by a run of exactly N (C# 11 `"""…"""`, Markdown code spans and fences). */
  | 'quoteRun'
  /** PostgreSQL `$tag$…$tag$`. */
  | 'dollarTag'
  /** Lua and CMake long brackets `[[…]]`, `[==[…]==]`. */
  | 'longBracket'
  /** Elixir sigils `~r/…/`, `~S"""…"""`. */
  | 'sigil'
  /** Ruby percent literals `%w(…)`, `%q{…}`, `%(…)`. */
  | 'percent'
  /**
   * Perl quote-like operators: the word `open` (`q`, `qq`, `qw`, `m`, `qr`, `s`, `tr`, `y`, …)
   * then a delimiter; bracket pairs nest, and `parts: 2` reads a second part (`s{a}{b}`, `s/a/b/`).
   */
  | 'quoteLike'
  /** A regex literal `/…/`, told from division by the previous significant token. */
  | 'regex';

/** One way the language writes a string (or other literal whose text is not code). */
export interface StringForm {
  /** The opening text, e.g. `"`, `'''`, `` ` ``, `@"`, `#` (for `hashRaw`), `/` (for `regex`). */
  open: string;
  /** Default: same as `open`. */
  close?: string;
  /** Default `plain`. */
  kind?: LiteralKind;
  /** Escape character inside the literal; default `\`, `''` for none. */
  escape?: string;
  /** A doubled close is a literal close (`''` in SQL, `""` in C# verbatim strings). */
  doubled?: boolean;
  /** Default false: an unescaped line break ends the literal (so an unterminated one does not swallow the file). */
  multiline?: boolean;
  /** The literal only has this form with one of these prefixes written right before `open` (`r"`, `b'`, `@"`). */
  prefixes?: readonly string[];
  /** Any identifier right before `open` is a prefix (Scala interpolators `s"…"`, `sql"…"`). */
  anyPrefix?: boolean;
  /**
   * Code inside the literal: `${…}`, `#{…}`, `\(…)`, `$(…)` (Julia) or `{…}` (C# `$"…"` and
   * Python f-strings, where `{{` is a literal brace).
   */
  interpolation?: '${' | '#{' | '\\(' | '$(' | '{';
  /** Opens only at the start of a value: line start, after whitespace or `[{,` (YAML `don't` is text). */
  afterSpace?: boolean;
  /** Not right after one of these characters (Tcl: `{"}` is a braced word holding a quote). */
  notAfter?: string;
  /** Opens only with nothing but indentation before it on the line (Markdown fences). */
  lineStart?: boolean;
  /**
   * A single-line string left unclosed on its line was a comment: the opener starts a line
   * comment there instead (Vim script's `"`: `set number " show them`, `let x = 1 " note`).
   */
  unclosedIsComment?: boolean;
  /**
   * Opens only where an operand can start: not right after an identifier character, a closing
   * bracket, a `.` or a quote, where the same character is an operator (MATLAB's transpose `a'`,
   * `x.'`, `(1:n)'`).
   */
  notAfterOperand?: boolean;
  /** `hashRaw`: `#"""` followed by a line break opens a multi-line raw string closed by `"""#` (Swift). */
  tripleQuotes?: boolean;
  /** Extra closing characters right before the closer belong to the text (Kotlin, Scala, TOML `"""a""""`). */
  closeRun?: boolean;
  /** The closer only counts with nothing but indentation before it on its line (PowerShell `"@`). */
  closeAtLineStart?: boolean;
  /** A closer followed by one of these characters is an escape, not the end (Nix `''$`, `'''`). */
  closeNotFollowedBy?: string;
  /** `taggedRaw`: the character that ends the tag (`(` in C++, `|` in OCaml). */
  tagEnd?: string;
  /** `taggedRaw`: the tag is lower-case letters and `_` only (OCaml's `{id|…|id}`; `{x=[||]}` is a record). */
  lowerTag?: boolean;
  /** `quoteLike`: how many delimited parts follow the word (2 for `s/a/b/`, `tr/a/b/`). */
  parts?: number;
  /**
   * `dollarTag`: after one of these words (lower case) the literal's body is code of the same
   * language, read for comments: PostgreSQL's function bodies `AS $$ … $$` and `DO $$ … $$`.
   */
  codeAfterWords?: readonly string[];
}

/** Heredocs: `<<EOF` … `EOF`; the body starts on the next line. */
export interface HeredocSpec {
  introducer: '<<' | '<<<';
  /** `<<-EOF` (shell, HCL, Ruby): the terminator may be indented. */
  dash?: boolean;
  /** `<<~EOS` (Ruby, Perl): the terminator may be indented. */
  tilde?: boolean;
  /** Whitespace may separate the introducer and the word (`<< EOF`). */
  spaceBeforeWord?: boolean;
  /** A bare (unquoted, un-flagged) word must start with an upper-case letter (Ruby, where `a <<b` is a shift). */
  bareUpperOnly?: boolean;
  /** The terminator may always be indented (PHP 7.3+, HCL). */
  indentedClose?: boolean;
  /** The terminator only has to start the line's text (PHP `EOT;`). */
  closePrefix?: boolean;
}

/** How one language writes comments and strings; the lexer is driven by this data. */
export interface LanguageSpec {
  /** VS Code language id. */
  id: string;
  /** Display name for docs and UI. */
  name?: string;
  /** File extensions with the dot, lower case. */
  extensions?: readonly string[];
  /** Exact file names (case-insensitive), e.g. `Dockerfile`, `.bashrc`. */
  fileNames?: readonly string[];
  /** File name globs with one `*` at the start or end, e.g. `Dockerfile.*`. */
  fileNamePatterns?: readonly string[];
  /** Other VS Code language ids that read the same way. */
  aliases?: readonly string[];
  lineComments?: readonly LineCommentSpec[];
  blockComments?: readonly BlockCommentSpec[];
  /** A long-bracket block comment opened by this marker: `--` for Lua `--[[ ]]`, `#` for CMake `#[[ ]]`. */
  longBracketComment?: string;
  strings?: readonly StringForm[];
  heredoc?: HeredocSpec;
  /** Characters that in code escape the next one (`\#` in shell, `$"` in Erlang, `\;` in Clojure). */
  codeEscapes?: string;
  /** YAML block scalars (`key: |`): their indented body is text. */
  blockScalars?: boolean;
  /** Markup: `<script>` and `<style>` elements hold JavaScript/TypeScript and CSS/SCSS/Less. */
  embedsScriptAndStyle?: boolean;
  /** Markup with code islands (PHP `<?php … ?>`, Astro's `---` front matter), read as this language. */
  codeIslands?: LanguageSpec;
  /** What opens a code island; default PHP's `<?php`, `<?=` and `<?`. */
  islandOpens?: readonly string[];
  /** An island opens only at the start of the file (Astro front matter). */
  islandAtStart?: boolean;
  /** In a code island, this ends the island even inside a line comment (PHP `?>`). */
  islandClose?: string;
  /** The island close counts only with nothing but indentation before it, and not inside comments (Astro `---`). */
  islandCloseAtLineStart?: boolean;
  /**
   * A line that holds one of these, from its first column, ends the code: the rest of the file is
   * data (Perl's and Ruby's `__END__`, Perl's `__DATA__`), where only {@link dataComments} count.
   */
  dataMarkers?: readonly string[];
  /** Block comments read in the data after a {@link dataMarkers} line (Perl's POD). */
  dataComments?: readonly BlockCommentSpec[];
  /**
   * A format of prose with code lines in it (Cram tests, whose commands and their output are
   * indented by two spaces): a line that starts with one of these is code, every other non-blank
   * line prose, read as comments, one paragraph at a time.
   */
  proseAroundCode?: readonly string[];
  /**
   * Extensions another row lists (and reads by default), with the first lines that make a file
   * this language instead: MATLAB's `.m`, which Objective-C also uses.
   */
  contentClaims?: readonly ContentClaim[];
  /**
   * Interpreters that name this language on a `#!` line (`python3`, `tclsh`): the language of an
   * extensionless script, or of one whose extension says less than its first line (see shebang.ts).
   */
  interpreters?: readonly string[];
  /** A file of cells (a Jupyter notebook, Markdown with code chunks), read cell by cell, each in its own language (cells.ts), never lexed whole. */
  cells?: CellFormat;
}

/**
 * How many times `scan.maxFileSize` a notebook may be: its bytes are mostly outputs (plots as
 * base64, tables as HTML), which are not read, so a notebook of a few plots is not "large".
 */
export const NOTEBOOK_SIZE_FACTOR = 16;

/** The largest `name` that is read, given `scan.maxFileSize`. */
export function fileSizeLimit(name: string, maxFileSize: number): number {
  return name.length > 6 && name.slice(-6).toLowerCase() === '.ipynb' ? maxFileSize * NOTEBOOK_SIZE_FACTOR : maxFileSize;
}

/** A file with `extension` is this language when its first lines match `lines` and not `unless`. */
export interface ContentClaim {
  extension: string;
  /** The rule in words, for docs/languages.md: "a line starts with `%` …". */
  when: string;
  /** Tried on the first {@link CLAIM_WINDOW} characters (with the `m` flag, `^` is any line's start). */
  lines: RegExp;
  unless?: RegExp;
  /** `lines` is tried on the whole text: its mark may come late in a long file (a MyST directive after pages of prose). */
  wholeText?: boolean;
}

/** How much of a file a {@link ContentClaim} looks at. */
export const CLAIM_WINDOW = 4096;

/** A supported language as listed in the docs. */
export interface LanguageInfo {
  /** VS Code language id (what `paydown.languages` settings and `languageById` take). */
  id: string;
  name: string;
  /** Extensions with the dot. */
  extensions: readonly string[];
  /** Extensions another language reads unless a file's first lines claim it for this one (MATLAB's `.m`), with the rule in words. */
  claims: readonly { extension: string; when: string; wholeText?: boolean }[];
  /** Special file names and patterns (`Dockerfile`, `Dockerfile.*`). */
  fileNames: readonly string[];
  /** Other VS Code language ids read the same way. */
  aliases: readonly string[];
  /** Interpreters that name it on a `#!` line. */
  interpreters: readonly string[];
  /** Line comment markers, with where they count when that is not anywhere (`# (at line start)`). */
  lineComments: readonly string[];
  /** Block comments as `open … close`, with `(nests)` when they nest. */
  blockComments: readonly string[];
  /** For prose with code lines in it (Cram tests): what a code line starts with, in words; the rest is read as comments. */
  proseAround?: string;
  /** A file of cells: they are read, each in its own language; this says which. */
  cells?: string;
}

const POSITION_NOTES: Record<CommentPosition, string> = {
  anywhere: '',
  afterSpace: ' (after a space)',
  wordStart: ' (at a word start)',
  tokenStart: ' (at a token start)',
  lineStart: ' (at line start)',
  commandStart: ' (where a command starts)',
  column0: ' (in column 1)',
};

/** Every supported language, for docs and settings UIs. */
export function supportedLanguages(): LanguageInfo[] {
  return LANGUAGES.map((l) => {
    const island = l.codeIslands;
    const lines = [...(l.lineComments ?? []), ...(island?.lineComments ?? [])];
    const blocks = [...(l.blockComments ?? []), ...(island?.blockComments ?? [])];
    const longBracket = l.longBracketComment ?? island?.longBracketComment;
    return {
      id: l.id,
      name: l.name ?? l.id,
      extensions: l.extensions ?? [],
      claims: (l.contentClaims ?? []).map((c) => ({ extension: c.extension, when: c.when, ...(c.wholeText ? { wholeText: true } : {}) })),
      fileNames: [...(l.fileNames ?? []), ...(l.fileNamePatterns ?? [])],
      aliases: l.aliases ?? [],
      interpreters: l.interpreters ?? [],
      lineComments: unique(lines.map((c) => `${c.marker}${c.word ? (/[a-z]/i.test(c.marker) ? ' (any case)' : ' (a word)') : ''}${POSITION_NOTES[c.at ?? 'anywhere']}`)),
      blockComments: unique([...describeBlocks(blocks), ...(longBracket ? [`${longBracket}[[ … ]]`] : [])]),
      ...(l.proseAroundCode ? { proseAround: l.proseAroundCode.map(describeCodePrefix).join(' or ') } : {}),
      ...(l.cells ? { cells: CELL_FORMATS[l.cells] } : {}),
    };
  });
}

const CELL_FORMATS: Record<CellFormat, string> = {
  jupyter:
    "code cells in the notebook's language (its kernel's, or the cell's own as VS Code records it, or a cell magic's: `%%bash`, `%%sql`, `%%writefile name`), Markdown cells as Markdown (as MyST Markdown once one of them opens a MyST directive); outputs, metadata and raw cells are not read",
  chunks: 'code chunks (```` ```{r} ````, ```` ```{python} ````, …) in their language, the rest as Markdown; a plain ```` ``` ```` block is text, as in Markdown',
  'jupytext-markdown':
    "code cells (a block fenced at the line's start with a kernel language's name: ```` ```python ````, ```` ```R ````, not marked `.noeval`) in their language, the rest as Markdown; a block of another language (```` ```json ````) and anything in a `<!-- #region -->` … `<!-- #endregion -->` region is text",
  literate: '`\\begin{code}` … `\\end{code}` blocks as Haskell and the rest as LaTeX; in a file without them, lines starting with `>` as Haskell and the prose as Markdown',
  'literate-agda': '`\\begin{code}` … `\\end{code}` blocks as Agda and the rest as LaTeX',
  'literate-agda-md': 'code blocks fenced with ```` ``` ```` or ```` ```agda ```` as Agda and the rest as Markdown; a block fenced for another language is text',
  'literate-agda-typst': 'code blocks fenced with ```` ``` ```` or ```` ```agda ```` as Agda and the rest as Typst; a block fenced for another language is text',
  'literate-agda-org': '`#+begin_src agda2` … `#+end_src` blocks (any case) as Agda and the rest as Org; a source block of another language is text',
  'literate-idris': 'lines starting with `>` as Idris and the prose as Markdown',
  restructuredtext:
    "`..` comments where docutils reads one (an explicit markup block and the lines indented under it that is no directive, target, footnote, citation or substitution), and Sphinx's `.. todo::` as a `TODO`; prose, literal blocks (after `::`) and the bodies of code, data and math directives (`.. code-block::`, `.. math::`, …) are text",
  'literate-agda-rst': 'each literal block after a line ending in `::` (one not starting with `..`) as Agda, the rest as reStructuredText',
  myst:
    "`%` comment lines (in a blockquote or list item too) and `<!-- … -->`; Sphinx's ```` ```{todo} ```` (or `:::{todo}`) as a `TODO`; a notebook's ```` ```{code-cell} ```` in its language (its argument's, else the front matter's kernel's, else Python); `{eval-rst}` as reStructuredText; the bodies of code, data and math directives (`{code-block}`, `{math}`, …) and plain code blocks are text; any other directive's body is MyST Markdown",
  org:
    "`#` comment lines and `#+BEGIN_COMMENT` blocks; a todo headline (`** TODO [#A] Write the parser :parser:`) as an annotation of its keyword (`TODO`, or the not-done states a `#+TODO:` line declares) when that keyword is a tag: its text the title, without the priority cookie, its tags labels, the `DEADLINE` of its planning line the due date, the `Effort` of its property drawer its effort; a subtree archived in place (`:ARCHIVE:`) is left out; source and example blocks are text",
  latex:
    "`%` comments and `\\begin{comment} … \\end{comment}`, and the `\\todo` command (todonotes, todo, easy-todo: `\\todo{…}`, `\\todo[inline]{…}`) as a `TODO` whose text is its argument, where TeX would run it: not in a comment, in verbatim text (`verbatim`, `lstlisting`, `minted`, `\\verb`) or in a command's definition"
};

/** A code line's prefix in words: `indented by two spaces`, `` starting with `>` ``. */
function describeCodePrefix(prefix: string): string {
  if (/^ +$/.test(prefix)) return `indented by ${prefix.length === 2 ? 'two spaces' : `${prefix.length} spaces`}`;
  return `starting with \`${prefix}\``;
}

/** `open … close`, with the openers of one closer together (Perl's `=pod, =head1, … … =cut`). */
function describeBlocks(blocks: readonly BlockCommentSpec[]): string[] {
  const byClose = new Map<string, BlockCommentSpec[]>();
  for (const b of blocks) byClose.set(b.close, [...(byClose.get(b.close) ?? []), b]);
  return [...byClose.entries()].map(([close, list]) => `${list.map((b) => b.open).join(', ')} … ${close}${list.some((b) => b.nests) ? ' (nests)' : ''}`);
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}

interface Lookup {
  byId: Map<string, LanguageSpec>;
  byInterpreter: Map<string, LanguageSpec>;
  byExtension: Map<string, LanguageSpec>;
  byFileName: Map<string, LanguageSpec>;
  prefixPatterns: [string, LanguageSpec][];
  suffixPatterns: [string, LanguageSpec][];
  longestExtensionDots: number;
  claimsByExtension: Map<string, [ContentClaim, LanguageSpec][]>;
}

let lookup: Lookup | undefined;

function getLookup(): Lookup {
  if (lookup) return lookup;
  const built: Lookup = { byId: new Map(), byInterpreter: new Map(), byExtension: new Map(), byFileName: new Map(), prefixPatterns: [], suffixPatterns: [], longestExtensionDots: 1, claimsByExtension: new Map() };
  for (const language of LANGUAGES) {
    built.byId.set(language.id, language);
    for (const command of language.interpreters ?? []) if (!built.byInterpreter.has(command.toLowerCase())) built.byInterpreter.set(command.toLowerCase(), language);
    for (const alias of language.aliases ?? []) if (!built.byId.has(alias)) built.byId.set(alias, language);
    for (const ext of language.extensions ?? []) {
      if (!built.byExtension.has(ext)) built.byExtension.set(ext, language);
      built.longestExtensionDots = Math.max(built.longestExtensionDots, ext.split('.').length - 1);
    }
    for (const claim of language.contentClaims ?? []) {
      const list = built.claimsByExtension.get(claim.extension) ?? [];
      list.push([claim, language]);
      built.claimsByExtension.set(claim.extension, list);
    }
    for (const name of language.fileNames ?? []) built.byFileName.set(name.toLowerCase(), language);
    for (const pattern of language.fileNamePatterns ?? []) {
      const lower = pattern.toLowerCase();
      if (lower.endsWith('*')) built.prefixPatterns.push([lower.slice(0, -1), language]);
      else if (lower.startsWith('*')) built.suffixPatterns.push([lower.slice(1), language]);
    }
  }
  lookup = built;
  return built;
}

function baseName(file: string): string {
  const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return (slash >= 0 ? file.slice(slash + 1) : file).toLowerCase();
}

/** The language of a workspace-relative path, by file name then extension; undefined when unknown. */
export function languageForFile(file: string): LanguageSpec | undefined {
  const base = baseName(file);
  if (!base) return undefined;
  const byName = knownByName(base);
  if (byName) return byName;
  const table = getLookup();
  // Longest extension first, so `.tftest.hcl` and `.app.src` win over `.hcl` and `.src`.
  let dot = base.indexOf('.', 1);
  while (dot > 0) {
    const ext = base.slice(dot);
    if (ext.split('.').length - 1 <= table.longestExtensionDots) {
      const found = table.byExtension.get(ext);
      if (found) return found;
    }
    dot = base.indexOf('.', dot + 1);
  }
  // A file switched off by its name (`websocket_test.ts.disabled`), or the template a build fills
  // in (`config.h.in`, `_sigtools.pyx.in`, `loops.c.src`), is still the code it names.
  for (const suffix of INNER_NAME_SUFFIXES) {
    if (base.endsWith(suffix) && base.indexOf('.', 1) < base.length - suffix.length) return languageForFile(base.slice(0, -suffix.length));
  }
  return undefined;
}

/** Suffixes after a file's own extension that leave its language as that extension names it. */
const INNER_NAME_SUFFIXES: readonly string[] = ['.disabled', '.in', '.src'];

/** Extensions that make a file a variant of the one it is named after (an include, a template), not another language's file. */
const VARIANT_EXTENSIONS: ReadonlySet<string> = new Set(['.inc', '.in', '.j2', '.jinja', '.jinja2', '.erb', '.mustache', '.hbs', '.liquid', '.njk', '.twig', '.ejs', '.tmpl', '.tpl']);

/** The language a file name (lower case) names by itself: `Makefile`, `Dockerfile.dev`, `Makefile.inc`. */
function knownByName(base: string): LanguageSpec | undefined {
  const table = getLookup();
  const byName = table.byFileName.get(base);
  if (byName) return byName;
  for (const [prefix, language] of table.prefixPatterns) {
    if (!base.startsWith(prefix) || base.length <= prefix.length) continue;
    // `Dockerfile.dev`, `Kconfig.debug`, `Makefile.inc`, `Dockerfile.j2`: a variant of that file. But
    // `kconfig.vim` (Vim's syntax file for Kconfig) and `kconfig.py` are named after it, in their own language.
    const rest = base.slice(prefix.length - 1);
    if (!table.byExtension.has(rest) || VARIANT_EXTENSIONS.has(rest)) return language;
  }
  for (const [suffix, language] of table.suffixPatterns) if (base.endsWith(suffix) && base.length > suffix.length) return language;
  return undefined;
}

/** The language for a VS Code language id; undefined when unknown. */
export function languageById(id: string): LanguageSpec | undefined {
  return getLookup().byId.get(id) ?? getLookup().byId.get(id.toLowerCase());
}

const asCells = new Map<string, LanguageSpec | undefined>();
/**
 * A file of cells' row as its own cells are lexed (reStructuredText's prose, MyST's Markdown, the
 * LaTeX and Org around their todos): its comments and strings, not cut into cells again.
 */
export function rowReadInCells(id: string): LanguageSpec | undefined {
  if (!asCells.has(id)) {
    const row = languageById(id);
    asCells.set(id, row ? { ...row, cells: undefined } : undefined);
  }
  return asCells.get(id);
}

/** Names notebooks and code chunks give languages that are not language ids. */
const LANGUAGE_NAMES: Readonly<Record<string, string>> = { 'c++': 'cpp', 'c#': 'csharp', 'f#': 'fsharp', 'q#': 'qsharp', ir: 'r', rcpp: 'cpp', js: 'javascript', ojs: 'javascript', ts: 'typescript', py: 'python' };

/** The language a notebook's kernel or a code chunk names (`python`, `R`, `c++`, `python3`, `bash`), or undefined. */
export function languageNamed(name: string): LanguageSpec | undefined {
  const lower = name.trim().toLowerCase();
  return languageById(LANGUAGE_NAMES[lower] ?? lower) ?? languageByInterpreter(lower);
}

/** The language an interpreter runs (`python3.12`, `tclsh`, `node`), or undefined. */
export function languageByInterpreter(command: string): LanguageSpec | undefined {
  const table = getLookup();
  for (const name of interpreterNames(command.toLowerCase())) {
    const found = table.byInterpreter.get(name);
    if (found) return found;
  }
  return undefined;
}

/** Extensions that scripts of several languages use: the `#!` line decides (`git-gui.sh` is Tcl, `run.pl` may be Prolog). */
const SCRIPT_EXTENSIONS: ReadonlySet<string> = new Set(['.sh', '.bash', '.command', '.cgi', '.fcgi', '.pl', '.t']);

/**
 * Whether a file's first lines may say more about its language than its name: a name without
 * an extension (`bin/release`, `Makefile`), or with an extension scripts of several languages
 * use (`.sh`, `.cgi`, `.pl`). Dotfiles (`.bashrc`) are known by name or not at all.
 */
export function mayBeScript(file: string): boolean {
  const base = baseName(file);
  const dot = base.lastIndexOf('.');
  if (dot < 0) return base !== '';
  return dot > 0 && SCRIPT_EXTENSIONS.has(base.slice(dot));
}

/** A zsh function file's first line: `#compdef git`, `#autoload`. */
const ZSH_FUNCTION_FILE = /^#(?:compdef|autoload)\b/;

/**
 * The language a script's first lines name: its `#!` line, a zsh function file's `#compdef` or
 * `#autoload`, a shell script's `exec tclsh "$0"` hand-over to Tcl, or an Emacs or Vim mode line.
 * Undefined when they name none Paydown reads.
 */
export function languageFromFirstLines(text: string): LanguageSpec | undefined {
  const command = shebangInterpreter(text);
  let language = command === undefined ? undefined : languageByInterpreter(command);
  // zsh's completion and autoloaded functions (`_git`, oh-my-zsh's plugins) have no `#!` line.
  if (command === undefined && ZSH_FUNCTION_FILE.test(text)) language = languageById('shellscript');
  if (language?.id === 'shellscript') {
    const exec = execTrickInterpreter(text);
    const handedTo = exec === undefined ? undefined : languageByInterpreter(exec);
    if (handedTo) return handedTo;
  }
  if (language === undefined || language.id === 'shellscript') {
    const mode = modeLine(text);
    const byMode = mode === undefined ? undefined : (languageById(mode) ?? languageByInterpreter(mode) ?? (mode === 'shell-script' ? languageById('shellscript') : undefined));
    language = byMode ?? language;
  }
  return language;
}

/**
 * The language whose {@link ContentClaim} a file's first lines meet (a `.m` file with `%`
 * comments or a `function` is MATLAB, not Objective-C), or undefined: its name decides then.
 */
export function languageClaimedByContent(file: string, text: string): LanguageSpec | undefined {
  const base = baseName(file);
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const claims = getLookup().claimsByExtension.get(base.slice(dot));
  // A well-known name says more than the extension it happens to have (`Makefile.inc`).
  if (!claims || knownByName(base)) return undefined;
  const head = text.length > CLAIM_WINDOW ? text.slice(0, CLAIM_WINDOW) : text;
  for (const [claim, language] of claims) {
    const read = claim.wholeText ? text : head;
    if (claim.lines.test(read) && !claim.unless?.test(read)) return language;
  }
  return undefined;
}
