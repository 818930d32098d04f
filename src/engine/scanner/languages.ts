/**
 * How each language writes comments and the things that look like comments but are not
 * (strings, raw strings, heredocs, regex literals, …). This file is data only: one lexer
 * (`lexer.ts`) reads it, so adding a language means adding a row, never new scanning code.
 */

/** Where a line comment marker counts. */
export type CommentPosition =
  /** Anywhere outside strings (C `//`, Python `#`). */
  | 'anywhere'
  /** At the start of a line or after whitespace (YAML: `a#b` is text). */
  | 'afterSpace'
  /** At the start of a shell word: after whitespace or `;&|()` (`echo a#b`, `${#v}` are not comments). */
  | 'wordStart'
  /** Only whitespace before it on its line (INI, Dockerfile, .gitignore). */
  | 'lineStart';

/** A comment that runs to the end of the line. */
export interface LineCommentSpec {
  marker: string;
  /** Default `anywhere`. */
  at?: CommentPosition;
  /** Characters that, right after the marker, make it something else (PHP `#[` attribute, Haskell `-->` operator). */
  notFollowedBy?: string;
  /** Characters that, right before the marker, make it something else (Perl `$#array`). */
  notPrecededBy?: string;
}

/** A comment with an opening and a closing marker. */
export interface BlockCommentSpec {
  open: string;
  close: string;
  /** Nested pairs must balance (Rust, Swift, Haskell `{- {- -} -}`). */
  nests?: boolean;
  /** Open and close only count at column 0 (Ruby `=begin`/`=end`, Perl POD). */
  lineStart?: boolean;
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
  /** Opens only with nothing but indentation before it on the line (Markdown fences). */
  lineStart?: boolean;
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
  /** `quoteLike`: how many delimited parts follow the word (2 for `s/a/b/`, `tr/a/b/`). */
  parts?: number;
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
  /** Markup with code islands (PHP `<?php … ?>`), read as this language. */
  codeIslands?: LanguageSpec;
  /** In a code island, this ends the island even inside a line comment (PHP `?>`). */
  islandClose?: string;
}

// ---------------------------------------------------------------------------------------------
// Building blocks shared by many rows.

const SLASH: readonly LineCommentSpec[] = [{ marker: '//' }];
const HASH: readonly LineCommentSpec[] = [{ marker: '#' }];
const C_BLOCK: readonly BlockCommentSpec[] = [{ open: '/*', close: '*/' }];
const C_BLOCK_NESTED: readonly BlockCommentSpec[] = [{ open: '/*', close: '*/', nests: true }];
const HTML_BLOCK: readonly BlockCommentSpec[] = [{ open: '<!--', close: '-->' }];

const DQ: StringForm = { open: '"' };
const SQ: StringForm = { open: "'" };
const DQ_ML: StringForm = { open: '"', multiline: true };
const SQ_ML: StringForm = { open: "'", multiline: true };
const CHAR: StringForm = { open: "'", kind: 'char' };
const JS_STRINGS: readonly StringForm[] = [
  DQ,
  SQ,
  { open: '`', multiline: true, interpolation: '${' },
  { open: '/', kind: 'regex' },
];

const javascript: LanguageSpec = {
  id: 'javascript',
  name: 'JavaScript',
  extensions: ['.js', '.mjs', '.cjs'],
  lineComments: SLASH,
  blockComments: C_BLOCK,
  strings: JS_STRINGS,
};
const typescript: LanguageSpec = { ...javascript, id: 'typescript', name: 'TypeScript', extensions: ['.ts', '.mts', '.cts'] };
const css: LanguageSpec = {
  id: 'css',
  name: 'CSS',
  extensions: ['.css'],
  blockComments: C_BLOCK,
  strings: [DQ, SQ],
};
const scssStrings: readonly StringForm[] = [DQ, SQ, { open: '(', close: ')', prefixes: ['url', 'URL', 'Url'] }];
const scss: LanguageSpec = { ...css, id: 'scss', name: 'SCSS / Sass', extensions: ['.scss', '.sass'], aliases: ['sass'], lineComments: SLASH, strings: scssStrings };
const less: LanguageSpec = { ...scss, id: 'less', name: 'Less', extensions: ['.less'], aliases: [] };
const phpCode: LanguageSpec = {
  id: 'php',
  lineComments: [{ marker: '//' }, { marker: '#', notFollowedBy: '[' }],
  blockComments: C_BLOCK,
  strings: [DQ_ML, SQ_ML, { open: '`', multiline: true }],
  heredoc: { introducer: '<<<', spaceBeforeWord: true, indentedClose: true, closePrefix: true },
  islandClose: '?>',
};
const shell: LanguageSpec = {
  id: 'shellscript',
  name: 'Shell (bash, sh, zsh)',
  extensions: ['.sh', '.bash', '.zsh', '.ksh', '.fish', '.command'],
  fileNames: ['.bashrc', '.bash_profile', '.bash_aliases', '.bash_logout', '.zshrc', '.zshenv', '.zprofile', '.zlogin', '.zlogout', '.profile', '.kshrc', '.envrc', 'PKGBUILD', 'APKBUILD'],
  aliases: ['bash', 'sh', 'zsh', 'shell', 'fish', 'ksh'],
  lineComments: [{ marker: '#', at: 'wordStart' }],
  strings: [
    { open: "'", prefixes: ['$'], multiline: true },
    { open: "'", escape: '', multiline: true },
    DQ_ML,
    { open: '`', multiline: true },
  ],
  heredoc: { introducer: '<<', dash: true, spaceBeforeWord: true },
  codeEscapes: '\\',
};
const ruby: LanguageSpec = {
  id: 'ruby',
  name: 'Ruby',
  extensions: ['.rb', '.rake', '.gemspec', '.ru', '.rbw', '.jbuilder', '.podspec'],
  fileNames: ['Rakefile', 'Gemfile', 'Podfile', 'Vagrantfile', 'Guardfile', 'Brewfile', 'Fastfile', 'Appfile', 'Capfile', 'Dangerfile', '.irbrc', '.pryrc'],
  lineComments: HASH,
  blockComments: [{ open: '=begin', close: '=end', lineStart: true }],
  strings: [
    { open: '"', multiline: true, interpolation: '#{' },
    SQ_ML,
    { open: '`', multiline: true, interpolation: '#{' },
    { open: '%', kind: 'percent' },
    { open: '/', kind: 'regex', multiline: true },
  ],
  heredoc: { introducer: '<<', dash: true, tilde: true, bareUpperOnly: true },
};
const groovy: LanguageSpec = {
  id: 'groovy',
  name: 'Groovy',
  extensions: ['.groovy', '.gradle', '.gvy', '.gy', '.gsh'],
  fileNames: ['Jenkinsfile'],
  fileNamePatterns: ['Jenkinsfile.*', '*.Jenkinsfile'],
  aliases: ['jenkinsfile'],
  lineComments: SLASH,
  blockComments: C_BLOCK,
  strings: [
    { open: '"""', multiline: true, interpolation: '${' },
    { open: "'''", multiline: true },
    { open: '"', interpolation: '${' },
    SQ,
    { open: '$/', close: '/$', escape: '$', multiline: true },
    { open: '/', kind: 'regex', multiline: true },
  ],
};

/** Every language Paydown reads, in display order. */
const LANGUAGES: readonly LanguageSpec[] = [
  typescript,
  { ...typescript, id: 'typescriptreact', name: 'TypeScript JSX', extensions: ['.tsx'] },
  javascript,
  { ...javascript, id: 'javascriptreact', name: 'JavaScript JSX', extensions: ['.jsx'] },
  {
    id: 'python',
    name: 'Python',
    extensions: ['.py', '.pyw', '.pyi', '.bzl', '.star'],
    fileNames: ['BUILD.bazel', 'WORKSPACE', 'SConstruct', 'SConscript'],
    aliases: ['starlark', 'bazel'],
    lineComments: HASH,
    strings: [{ open: '"""', multiline: true }, { open: "'''", multiline: true }, DQ, SQ],
  },
  {
    id: 'go',
    name: 'Go',
    extensions: ['.go'],
    lineComments: SLASH,
    blockComments: C_BLOCK,
    strings: [DQ, { open: '`', escape: '', multiline: true }, CHAR],
  },
  {
    id: 'rust',
    name: 'Rust',
    extensions: ['.rs'],
    lineComments: SLASH,
    blockComments: C_BLOCK_NESTED,
    strings: [
      { open: '#', kind: 'hashRaw', prefixes: ['r', 'br', 'cr'] },
      { open: '"', prefixes: ['r', 'br', 'cr'], escape: '', multiline: true },
      DQ_ML,
      { open: "'", kind: 'char', prefixes: ['b'] },
      CHAR,
    ],
  },
  {
    id: 'java',
    name: 'Java',
    extensions: ['.java'],
    lineComments: SLASH,
    blockComments: C_BLOCK,
    strings: [{ open: '"""', multiline: true }, DQ, CHAR],
  },
  {
    id: 'kotlin',
    name: 'Kotlin',
    extensions: ['.kt', '.kts'],
    lineComments: SLASH,
    blockComments: C_BLOCK_NESTED,
    strings: [{ open: '"""', escape: '', multiline: true, interpolation: '${', closeRun: true }, { open: '"', interpolation: '${' }, CHAR],
  },
  {
    id: 'c',
    name: 'C',
    extensions: ['.c', '.h'],
    lineComments: SLASH,
    blockComments: C_BLOCK,
    strings: [DQ, CHAR],
  },
  {
    id: 'cpp',
    name: 'C++',
    extensions: ['.cpp', '.cc', '.cxx', '.c++', '.hpp', '.hh', '.hxx', '.h++', '.ipp', '.tpp', '.inl', '.ino', '.cu', '.cuh'],
    aliases: ['cuda-cpp', 'c++'],
    lineComments: SLASH,
    blockComments: C_BLOCK,
    strings: [{ open: '"', kind: 'taggedRaw', tagEnd: '(', close: ')"', prefixes: ['R', 'LR', 'uR', 'UR', 'u8R'] }, DQ, CHAR],
  },
  {
    id: 'objective-c',
    name: 'Objective-C',
    extensions: ['.m'],
    aliases: ['objective-cpp', 'objc', 'objcpp'],
    lineComments: SLASH,
    blockComments: C_BLOCK,
    strings: [DQ, CHAR],
  },
  {
    id: 'csharp',
    name: 'C#',
    extensions: ['.cs', '.csx', '.cake'],
    aliases: ['c#'],
    lineComments: SLASH,
    blockComments: C_BLOCK,
    strings: [
      { open: '"""', kind: 'quoteRun', multiline: true },
      { open: '"', prefixes: ['$@', '@$'], escape: '', doubled: true, multiline: true, interpolation: '{' },
      { open: '"', prefixes: ['@'], escape: '', doubled: true, multiline: true },
      { open: '"', prefixes: ['$'], interpolation: '{' },
      DQ,
      CHAR,
    ],
  },
  {
    id: 'swift',
    name: 'Swift',
    extensions: ['.swift'],
    lineComments: SLASH,
    blockComments: C_BLOCK_NESTED,
    strings: [
      { open: '#', kind: 'hashRaw', tripleQuotes: true },
      { open: '"""', multiline: true, interpolation: '\\(' },
      { open: '"', interpolation: '\\(' },
    ],
  },
  ruby,
  {
    id: 'php',
    name: 'PHP',
    extensions: ['.php', '.phtml', '.php3', '.php4', '.php5', '.php7', '.php8', '.phps', '.inc'],
    blockComments: HTML_BLOCK,
    codeIslands: phpCode,
  },
  shell,
  {
    id: 'yaml',
    name: 'YAML',
    extensions: ['.yml', '.yaml'],
    fileNames: ['.clang-format', '.clang-tidy'],
    aliases: ['github-actions-workflow', 'dockercompose', 'yml'],
    lineComments: [{ marker: '#', at: 'afterSpace' }],
    strings: [
      { open: "'", escape: '', doubled: true, multiline: true, afterSpace: true },
      { open: '"', multiline: true, afterSpace: true },
    ],
    blockScalars: true,
  },
  {
    id: 'sql',
    name: 'SQL',
    extensions: ['.sql', '.psql', '.pgsql', '.mysql', '.ddl', '.dml', '.hql', '.plsql'],
    aliases: ['plsql', 'mssql', 'mysql', 'postgres', 'pgsql', 'oraclesql'],
    lineComments: [{ marker: '--' }],
    blockComments: C_BLOCK,
    strings: [
      { open: "'", escape: '', doubled: true, multiline: true },
      { open: '"', escape: '', doubled: true, multiline: true },
      { open: '`', escape: '', doubled: true, multiline: true },
      { open: '$', kind: 'dollarTag' },
    ],
  },
  {
    id: 'html',
    name: 'HTML',
    extensions: ['.html', '.htm', '.xhtml', '.shtml', '.hta'],
    blockComments: HTML_BLOCK,
    embedsScriptAndStyle: true,
  },
  {
    id: 'xml',
    name: 'XML',
    extensions: ['.xml', '.xsd', '.xsl', '.xslt', '.svg', '.plist', '.csproj', '.fsproj', '.vbproj', '.props', '.targets', '.nuspec', '.resx', '.xaml', '.wsdl', '.rss', '.atom', '.xliff', '.xlf'],
    aliases: ['xsl', 'svg'],
    blockComments: HTML_BLOCK,
    strings: [{ open: '<![CDATA[', close: ']]>', escape: '', multiline: true }],
  },
  { id: 'vue', name: 'Vue', extensions: ['.vue'], aliases: ['vue-html'], blockComments: HTML_BLOCK, embedsScriptAndStyle: true },
  { id: 'svelte', name: 'Svelte', extensions: ['.svelte'], blockComments: HTML_BLOCK, embedsScriptAndStyle: true },
  css,
  scss,
  less,
  {
    id: 'markdown',
    name: 'Markdown',
    extensions: ['.md', '.markdown', '.mdown', '.mkd', '.mkdn'],
    blockComments: HTML_BLOCK,
    strings: [
      { open: '`', kind: 'quoteRun', escape: '', multiline: true },
      { open: '~~~', escape: '', multiline: true, lineStart: true },
    ],
  },
  {
    id: 'lua',
    name: 'Lua',
    extensions: ['.lua', '.luau', '.rockspec'],
    aliases: ['luau'],
    lineComments: [{ marker: '--' }],
    longBracketComment: '--',
    strings: [DQ, SQ, { open: '[', kind: 'longBracket' }],
  },
  {
    id: 'haskell',
    name: 'Haskell',
    extensions: ['.hs', '.hsc', '.hs-boot'],
    lineComments: [{ marker: '--', notFollowedBy: '!#$%&*+./<=>?@\\^|~:' }],
    blockComments: [{ open: '{-', close: '-}', nests: true }],
    strings: [DQ, CHAR],
  },
  {
    id: 'elixir',
    name: 'Elixir',
    extensions: ['.ex', '.exs', '.heex', '.leex'],
    fileNames: ['mix.lock'],
    lineComments: HASH,
    strings: [
      { open: '"""', multiline: true, interpolation: '#{' },
      { open: "'''", multiline: true, interpolation: '#{' },
      { open: '"', multiline: true, interpolation: '#{' },
      { open: "'", multiline: true, interpolation: '#{' },
      { open: '~', kind: 'sigil' },
    ],
    codeEscapes: '?',
  },
  {
    id: 'erlang',
    name: 'Erlang',
    extensions: ['.erl', '.hrl', '.escript', '.app.src'],
    fileNames: ['rebar.config', 'sys.config'],
    lineComments: [{ marker: '%' }],
    strings: [{ open: '"""', multiline: true }, DQ_ML, SQ_ML],
    codeEscapes: '$',
  },
  {
    id: 'clojure',
    name: 'Clojure',
    extensions: ['.clj', '.cljs', '.cljc', '.cljx', '.edn', '.bb'],
    lineComments: [{ marker: ';' }],
    strings: [DQ_ML],
    codeEscapes: '\\',
  },
  {
    id: 'dart',
    name: 'Dart',
    extensions: ['.dart'],
    lineComments: SLASH,
    blockComments: C_BLOCK_NESTED,
    strings: [
      { open: '"""', prefixes: ['r'], escape: '', multiline: true },
      { open: "'''", prefixes: ['r'], escape: '', multiline: true },
      { open: '"', prefixes: ['r'], escape: '' },
      { open: "'", prefixes: ['r'], escape: '' },
      { open: '"""', multiline: true, interpolation: '${' },
      { open: "'''", multiline: true, interpolation: '${' },
      { open: '"', interpolation: '${' },
      { open: "'", interpolation: '${' },
    ],
  },
  {
    id: 'scala',
    name: 'Scala',
    extensions: ['.scala', '.sc', '.sbt', '.mill'],
    lineComments: SLASH,
    blockComments: C_BLOCK_NESTED,
    strings: [
      { open: '"""', anyPrefix: true, escape: '', multiline: true, interpolation: '${', closeRun: true },
      { open: '"""', escape: '', multiline: true, closeRun: true },
      { open: '"', anyPrefix: true, interpolation: '${' },
      DQ,
      CHAR,
    ],
  },
  {
    id: 'r',
    name: 'R',
    extensions: ['.r', '.rprofile', '.rhistory'],
    fileNames: ['.Rprofile'],
    lineComments: HASH,
    strings: [DQ_ML, SQ_ML, { open: '`', multiline: true }],
  },
  {
    id: 'powershell',
    name: 'PowerShell',
    extensions: ['.ps1', '.psm1', '.psd1', '.pssc', '.psrc'],
    aliases: ['pwsh', 'ps1'],
    lineComments: [{ marker: '#', at: 'wordStart' }],
    blockComments: [{ open: '<#', close: '#>' }],
    strings: [
      { open: '@"', close: '"@', escape: '', multiline: true, closeAtLineStart: true },
      { open: "@'", close: "'@", escape: '', multiline: true, closeAtLineStart: true },
      { open: '"', escape: '`', doubled: true, multiline: true },
      { open: "'", escape: '', doubled: true, multiline: true },
    ],
    codeEscapes: '`',
  },
  {
    id: 'dockerfile',
    name: 'Dockerfile',
    extensions: ['.dockerfile', '.containerfile'],
    fileNames: ['Dockerfile', 'Containerfile'],
    fileNamePatterns: ['Dockerfile.*', 'Containerfile.*', '*.Dockerfile'],
    aliases: ['containerfile'],
    lineComments: [{ marker: '#', at: 'lineStart' }],
    heredoc: { introducer: '<<', dash: true },
  },
  {
    id: 'makefile',
    name: 'Makefile',
    extensions: ['.mk', '.mak', '.make'],
    fileNames: ['Makefile', 'makefile', 'GNUmakefile', 'BSDmakefile'],
    fileNamePatterns: ['Makefile.*', '*.makefile'],
    aliases: ['make'],
    lineComments: HASH,
    codeEscapes: '\\',
  },
  {
    id: 'terraform',
    name: 'Terraform / HCL',
    extensions: ['.tf', '.tfvars', '.hcl', '.nomad', '.tftest.hcl', '.pkr.hcl'],
    aliases: ['hcl', 'terraform-vars', 'terragrunt', 'packer'],
    lineComments: [{ marker: '#' }, { marker: '//' }],
    blockComments: C_BLOCK,
    strings: [{ open: '"', interpolation: '${' }],
    heredoc: { introducer: '<<', dash: true, indentedClose: true },
  },
  {
    id: 'toml',
    name: 'TOML',
    extensions: ['.toml'],
    fileNames: ['Pipfile', 'Cargo.lock', 'poetry.lock', 'uv.lock'],
    lineComments: HASH,
    strings: [{ open: '"""', multiline: true, closeRun: true }, { open: "'''", escape: '', multiline: true, closeRun: true }, DQ, { open: "'", escape: '' }],
  },
  {
    id: 'ini',
    name: 'INI',
    extensions: ['.ini', '.cfg', '.editorconfig', '.gitconfig', '.npmrc', '.pylintrc', '.flake8', '.coveragerc', '.desktop', '.inf', '.reg'],
    fileNames: ['.editorconfig', '.gitconfig', '.gitmodules', '.npmrc', '.yarnrc', '.pylintrc', '.flake8', '.coveragerc', 'setup.cfg', 'tox.ini', 'pytest.ini', 'mypy.ini'],
    aliases: ['properties', 'editorconfig', 'git-config'],
    lineComments: [
      { marker: ';', at: 'lineStart' },
      { marker: '#', at: 'lineStart' },
    ],
  },
  {
    id: 'java-properties',
    name: 'Java properties',
    extensions: ['.properties'],
    lineComments: [
      { marker: '#', at: 'lineStart' },
      { marker: '!', at: 'lineStart' },
    ],
  },
  {
    id: 'dotenv',
    name: 'dotenv',
    extensions: ['.env'],
    fileNames: ['.env'],
    fileNamePatterns: ['.env.*'],
    aliases: ['env'],
    lineComments: [{ marker: '#', at: 'afterSpace' }],
    strings: [DQ_ML, { open: "'", escape: '', multiline: true }],
  },
  {
    id: 'ignore',
    name: 'Ignore files',
    fileNames: ['.gitignore', '.dockerignore', '.npmignore', '.eslintignore', '.prettierignore', '.vscodeignore', '.gitattributes', 'CODEOWNERS', '.hgignore'],
    aliases: ['gitignore', 'git-ignore', 'gitattributes'],
    lineComments: [{ marker: '#', at: 'lineStart' }],
  },
  {
    id: 'cmake',
    name: 'CMake',
    extensions: ['.cmake'],
    fileNames: ['CMakeLists.txt'],
    lineComments: HASH,
    longBracketComment: '#',
    strings: [DQ_ML, { open: '[', kind: 'longBracket' }],
    codeEscapes: '\\',
  },
  groovy,
  {
    id: 'perl',
    name: 'Perl',
    extensions: ['.pl', '.pm', '.psgi', '.cgi', '.pod'],
    aliases: ['perl6', 'raku'],
    lineComments: [{ marker: '#', notPrecededBy: '$' }],
    blockComments: ['=pod', '=head1', '=head2', '=head3', '=head4', '=over', '=item', '=begin', '=for', '=encoding'].map(
      (open): BlockCommentSpec => ({ open, close: '=cut', lineStart: true }),
    ),
    strings: [
      DQ_ML,
      SQ_ML,
      { open: '`', multiline: true },
      ...['q', 'qq', 'qw', 'qx', 'm', 'qr'].map((open): StringForm => ({ open, kind: 'quoteLike' })),
      ...['s', 'tr', 'y'].map((open): StringForm => ({ open, kind: 'quoteLike', parts: 2 })),
      { open: '/', kind: 'regex' },
    ],
    heredoc: { introducer: '<<', tilde: true },
    codeEscapes: '\\',
  },
  {
    id: 'fsharp',
    name: 'F#',
    extensions: ['.fs', '.fsi', '.fsx', '.fsscript'],
    lineComments: SLASH,
    blockComments: [{ open: '(*', close: '*)', nests: true }],
    strings: [{ open: '"""', multiline: true, escape: '' }, { open: '"', prefixes: ['@'], escape: '', doubled: true, multiline: true }, DQ_ML, CHAR],
  },
  {
    id: 'ocaml',
    name: 'OCaml',
    extensions: ['.ml', '.mli', '.mll', '.mly'],
    blockComments: [{ open: '(*', close: '*)', nests: true }],
    strings: [DQ_ML, CHAR],
  },
  {
    id: 'zig',
    name: 'Zig',
    extensions: ['.zig', '.zon'],
    lineComments: SLASH,
    strings: [DQ, { open: '\\\\', close: '\n', escape: '' }, CHAR],
  },
  {
    id: 'nim',
    name: 'Nim',
    extensions: ['.nim', '.nims', '.nimble'],
    lineComments: HASH,
    blockComments: [{ open: '#[', close: ']#', nests: true }],
    strings: [{ open: '"""', escape: '', multiline: true }, { open: '"', prefixes: ['r', 'R'], escape: '', doubled: true }, DQ, CHAR],
  },
  {
    id: 'julia',
    name: 'Julia',
    extensions: ['.jl'],
    lineComments: HASH,
    blockComments: [{ open: '#=', close: '=#', nests: true }],
    strings: [
      { open: '"""', multiline: true, interpolation: '$(' },
      { open: '"', prefixes: ['raw'], multiline: true },
      { open: '"', multiline: true, interpolation: '$(' },
      { open: '`', multiline: true, interpolation: '$(' },
      CHAR,
    ],
  },
  {
    id: 'proto',
    name: 'Protocol Buffers',
    extensions: ['.proto'],
    aliases: ['proto3'],
    lineComments: SLASH,
    blockComments: C_BLOCK,
    strings: [DQ, SQ],
  },
  {
    id: 'graphql',
    name: 'GraphQL',
    extensions: ['.graphql', '.gql', '.graphqls'],
    lineComments: HASH,
    strings: [{ open: '"""', multiline: true }, DQ],
  },
  {
    id: 'solidity',
    name: 'Solidity',
    extensions: ['.sol'],
    lineComments: SLASH,
    blockComments: C_BLOCK,
    strings: [DQ, SQ],
  },
  {
    id: 'jsonc',
    name: 'JSON with comments',
    extensions: ['.jsonc', '.json5', '.json'],
    fileNames: ['tsconfig.json', 'jsconfig.json', '.eslintrc', '.babelrc', 'devcontainer.json'],
    aliases: ['json', 'json5', 'snippets'],
    lineComments: SLASH,
    blockComments: C_BLOCK,
    strings: [DQ, SQ],
  },
  {
    id: 'vb',
    name: 'Visual Basic',
    extensions: ['.vb', '.vbs', '.bas'],
    lineComments: [{ marker: "'" }],
    strings: [{ open: '"', escape: '', doubled: true }],
  },
  {
    id: 'latex',
    name: 'LaTeX',
    extensions: ['.tex', '.sty', '.ltx'],
    aliases: ['tex', 'bibtex'],
    lineComments: [{ marker: '%' }],
    codeEscapes: '\\',
  },
];

/** A supported language as listed in the docs. */
export interface LanguageInfo {
  /** VS Code language id (what `paydown.languages` settings and `languageById` take). */
  id: string;
  name: string;
  /** Extensions with the dot. */
  extensions: readonly string[];
  /** Special file names and patterns (`Dockerfile`, `Dockerfile.*`). */
  fileNames: readonly string[];
  /** Other VS Code language ids read the same way. */
  aliases: readonly string[];
}

/** Every supported language, for docs and settings UIs. */
export function supportedLanguages(): LanguageInfo[] {
  return LANGUAGES.map((l) => ({
    id: l.id,
    name: l.name ?? l.id,
    extensions: l.extensions ?? [],
    fileNames: [...(l.fileNames ?? []), ...(l.fileNamePatterns ?? [])],
    aliases: l.aliases ?? [],
  }));
}

interface Lookup {
  byId: Map<string, LanguageSpec>;
  byExtension: Map<string, LanguageSpec>;
  byFileName: Map<string, LanguageSpec>;
  prefixPatterns: [string, LanguageSpec][];
  suffixPatterns: [string, LanguageSpec][];
  longestExtensionDots: number;
}

let lookup: Lookup | undefined;

function getLookup(): Lookup {
  if (lookup) return lookup;
  const built: Lookup = { byId: new Map(), byExtension: new Map(), byFileName: new Map(), prefixPatterns: [], suffixPatterns: [], longestExtensionDots: 1 };
  for (const language of LANGUAGES) {
    built.byId.set(language.id, language);
    for (const alias of language.aliases ?? []) if (!built.byId.has(alias)) built.byId.set(alias, language);
    for (const ext of language.extensions ?? []) {
      if (!built.byExtension.has(ext)) built.byExtension.set(ext, language);
      built.longestExtensionDots = Math.max(built.longestExtensionDots, ext.split('.').length - 1);
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

/** The language of a workspace-relative path, by file name then extension; undefined when unknown. */
export function languageForFile(file: string): LanguageSpec | undefined {
  const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  const base = (slash >= 0 ? file.slice(slash + 1) : file).toLowerCase();
  if (!base) return undefined;
  const table = getLookup();
  const byName = table.byFileName.get(base);
  if (byName) return byName;
  for (const [prefix, language] of table.prefixPatterns) if (base.startsWith(prefix) && base.length > prefix.length) return language;
  for (const [suffix, language] of table.suffixPatterns) if (base.endsWith(suffix) && base.length > suffix.length) return language;
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
  return undefined;
}

/** The language for a VS Code language id; undefined when unknown. */
export function languageById(id: string): LanguageSpec | undefined {
  return getLookup().byId.get(id) ?? getLookup().byId.get(id.toLowerCase());
}
