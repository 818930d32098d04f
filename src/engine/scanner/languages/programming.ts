/** Programming languages: one row of data each (the fields are described in ../languages.ts). */
import type { BlockCommentSpec, LanguageSpec, LineCommentSpec, StringForm } from '../languages';
import {
  BRACE_DASH_NESTED,
  C_BLOCK,
  C_BLOCK_NESTED,
  CHAR,
  DASHES,
  DQ,
  DQ_DOUBLED,
  DQ_ML,
  HASH,
  HASH_BAR_NESTED,
  JS_STRINGS,
  PAREN_STAR_NESTED,
  PERCENT,
  SEMICOLON,
  SLASH,
  SQ,
  SQ_DOUBLED,
  SQ_ML,
  TRIPLE_DQ,
  TRIPLE_SQ,
} from './common';

export const javascript: LanguageSpec = {
  id: 'javascript',
  name: 'JavaScript',
  extensions: ['.js', '.mjs', '.cjs', '.es', '.es6', '.jsm', '.gs', '.qs'],
  aliases: ['js', 'node'],
  interpreters: ['node', 'nodejs', 'qjs', 'gjs', 'zx'],
  lineComments: SLASH,
  blockComments: C_BLOCK,
  strings: JS_STRINGS,
};
export const typescript: LanguageSpec = {
  ...javascript,
  id: 'typescript',
  name: 'TypeScript',
  extensions: ['.ts', '.mts', '.cts'],
  aliases: ['ts'],
  interpreters: ['deno', 'bun', 'ts-node', 'tsx'],
};

export const shell: LanguageSpec = {
  id: 'shellscript',
  name: 'Shell (bash, sh, zsh)',
  extensions: ['.sh', '.bash', '.zsh', '.ksh', '.command', '.bats', '.ebuild', '.eclass', '.zsh-theme'],
  fileNames: [
    '.bashrc', '.bash_profile', '.bash_aliases', '.bash_logout', '.zshrc', '.zshenv', '.zprofile', '.zlogin', '.zlogout', '.profile', '.kshrc', '.envrc',
    'PKGBUILD', 'APKBUILD',
  ],
  aliases: ['bash', 'sh', 'zsh', 'shell', 'ksh'],
  interpreters: ['sh', 'bash', 'zsh', 'ksh', 'mksh', 'pdksh', 'dash', 'ash', 'busybox', 'openrc-run'],
  lineComments: [{ marker: '#', at: 'wordStart' }],
  strings: [
    { open: "'", prefixes: ['$'], multiline: true },
    { open: "'", escape: '', multiline: true },
    // `"$(cmd "arg")"`: a command substitution in a string is code again, with its own strings.
    { ...DQ_ML, interpolation: '$(' },
    { open: '`', multiline: true },
  ],
  heredoc: { introducer: '<<', dash: true, spaceBeforeWord: true },
  codeEscapes: '\\',
};

export const ruby: LanguageSpec = {
  id: 'ruby',
  name: 'Ruby',
  extensions: ['.rb', '.rake', '.gemspec', '.ru', '.rbw', '.jbuilder', '.podspec', '.thor', '.builder'],
  fileNames: [
    'Rakefile', 'Gemfile', 'Podfile', 'Vagrantfile', 'Guardfile', 'Brewfile', 'Fastfile', 'Appfile', 'Capfile', 'Dangerfile', 'Berksfile', 'Thorfile',
    'Puppetfile', 'Steepfile', 'Matchfile', '.irbrc', '.pryrc',
  ],
  interpreters: ['ruby', 'jruby', 'truffleruby', 'macruby', 'rbx', 'rake'],
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
  // `$"`, `$'` and `` $` `` are globals (the loaded features, the post- and pre-match), not quotes.
  codeEscapes: '$',
  // Past `__END__`, the rest of the file is `DATA`.
  dataMarkers: ['__END__'],
};

const phpCode: LanguageSpec = {
  id: 'php',
  lineComments: [{ marker: '//' }, { marker: '#', notFollowedBy: '[' }],
  blockComments: C_BLOCK,
  strings: [DQ_ML, SQ_ML, { open: '`', multiline: true }],
  heredoc: { introducer: '<<<', spaceBeforeWord: true, indentedClose: true, closePrefix: true },
  islandClose: '?>',
};

/** Perl's POD blocks, from any `=command` at the start of a line to `=cut`. */
const POD: readonly BlockCommentSpec[] = ['=pod', '=head1', '=head2', '=head3', '=head4', '=over', '=item', '=begin', '=for', '=encoding'].map(
  (open): BlockCommentSpec => ({ open, close: '=cut', lineStart: true }),
);

/** Perl's strings, quote-like operators (`q{}`, `s{…}{…}`, `tr///`) and regex literals. */
const PERL_STRINGS: readonly StringForm[] = [
  DQ_ML,
  SQ_ML,
  { open: '`', multiline: true },
  ...['q', 'qq', 'qw', 'qx', 'm', 'qr'].map((open): StringForm => ({ open, kind: 'quoteLike' })),
  ...['s', 'tr', 'y'].map((open): StringForm => ({ open, kind: 'quoteLike', parts: 2 })),
  { open: '/', kind: 'regex' },
];

/** Haskell-family `--`, except inside an operator (`-->`, `<--`, `|--`). */
const HASKELL_DASHES: readonly LineCommentSpec[] = [{ marker: '--', notFollowedBy: '!#$%&*+./<=>?@\\^|~:', notPrecededBy: '!#$%&*+./<=>?@\\^|~:-' }];

/** C-like languages whose strings are `"…"` and `'c'`. */
function cLike(id: string, name: string, extensions: readonly string[], more: Partial<LanguageSpec> = {}): LanguageSpec {
  return { id, name, extensions, lineComments: SLASH, blockComments: C_BLOCK, strings: [DQ, CHAR], ...more };
}

/** PHP's opening tag: a `.inc` file holding one is PHP's. */
const PHP_OPEN = /<\?(?:php\b|=)/i;

/** Every programming language, in display order. */
export const PROGRAMMING: readonly LanguageSpec[] = [
  typescript,
  { ...typescript, id: 'typescriptreact', name: 'TypeScript JSX', extensions: ['.tsx'], aliases: [], interpreters: [] },
  javascript,
  { ...javascript, id: 'javascriptreact', name: 'JavaScript JSX', extensions: ['.jsx'], aliases: [], interpreters: [] },
  {
    id: 'python',
    name: 'Python (and Starlark, Cython, Mojo)',
    extensions: ['.py', '.pyw', '.pyi', '.bzl', '.star', '.pyx', '.pxd', '.pxi', '.mojo', '.gyp', '.gypi', '.vy', '.pyp', '.pyt'],
    fileNames: ['BUILD', 'BUILD.bazel', 'WORKSPACE', 'WORKSPACE.bazel', 'MODULE.bazel', 'BUCK', 'Tiltfile', 'Snakefile', 'SConstruct', 'SConscript', '.pythonrc'],
    aliases: ['starlark', 'bazel', 'cython', 'mojo', 'snakemake'],
    interpreters: ['python', 'python2', 'python3', 'pypy', 'pypy3', 'pythonw', 'uv', 'pipx', 'jython', 'mojo'],
    lineComments: HASH,
    strings: [TRIPLE_DQ, TRIPLE_SQ, DQ, SQ],
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
    interpreters: ['rust-script'],
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
  cLike('java', 'Java (and AspectJ)', ['.java', '.jav', '.jsh', '.aj'], { interpreters: ['java', 'jshell'], strings: [TRIPLE_DQ, DQ, CHAR] }),
  cLike('apex', 'Apex (Salesforce)', ['.apex', '.trigger'], {
    strings: [SQ],
    // `.cls` is LaTeX's too: an Apex class declares itself in its first lines.
    contentClaims: [
      {
        extension: '.cls',
        when: 'a line declares a class, interface or enum with Apex modifiers (`public with sharing class …`), and it is no Visual Basic class module',
        lines: /^[ \t]*(?:(?:public|private|global|protected|virtual|abstract|with|without|inherited|sharing)[ \t]+)+(?:class|interface|enum)[ \t]+\w/im,
        // A Visual Basic class module (`VERSION 1.0 CLASS`, `Attribute VB_Name`) is not Apex.
        unless: /^(?:VERSION[ \t]+\d|Attribute[ \t]+VB_)/m,
      },
    ],
  }),
  {
    id: 'kotlin',
    name: 'Kotlin',
    extensions: ['.kt', '.kts'],
    interpreters: ['kotlin', 'kscript'],
    lineComments: SLASH,
    blockComments: C_BLOCK_NESTED,
    strings: [{ open: '"""', escape: '', multiline: true, interpolation: '${', closeRun: true }, { open: '"', interpolation: '${' }, CHAR],
  },
  cLike('c', 'C', ['.c', '.h'], { interpreters: ['tcc'] }),
  cLike('cpp', 'C++', ['.cpp', '.cc', '.cxx', '.c++', '.hpp', '.hh', '.hxx', '.h++', '.ipp', '.tpp', '.inl', '.ino', '.cu', '.cuh', '.cppm', '.ixx', '.mpp', '.swg'], {
    aliases: ['cuda-cpp', 'c++', 'cuda', 'arduino'],
    strings: [{ open: '"', kind: 'taggedRaw', tagEnd: '(', close: ')"', prefixes: ['R', 'LR', 'uR', 'UR', 'u8R'] }, DQ, CHAR],
    // `.inc` is PHP's unless it holds no PHP: a C or C++ include (Pawn, POV-Ray and others write
    // `//` and `/* */` the same way).
    contentClaims: [
      {
        extension: '.inc',
        when: 'a line starts with `//`, `/*` or a preprocessor directive (`#include`, `#define`, `#if`, …), and there is no `<?php`',
        lines: /^[ \t]*(?:\/\/|\/\*|#[ \t]*(?:include|define|undef|if|ifdef|ifndef|pragma|declare)\b)/m,
        unless: PHP_OPEN,
      },
    ],
  }),
  cLike('objective-c', 'Objective-C and Objective-C++', ['.m', '.mm'], { aliases: ['objective-cpp', 'objc', 'objcpp'] }),
  cLike('actionscript', 'ActionScript and AngelScript', ['.as'], { strings: [DQ, SQ, { open: '/', kind: 'regex' }] }),
  cLike('pike', 'Pike', ['.pike', '.pmod'], { interpreters: ['pike'], strings: [{ open: '"', prefixes: ['#'], multiline: true }, DQ, CHAR] }),
  cLike('pawn', 'Pawn', ['.pwn', '.sma']),
  {
    id: 'chapel',
    name: 'Chapel',
    extensions: ['.chpl'],
    lineComments: SLASH,
    blockComments: C_BLOCK_NESTED,
    strings: [TRIPLE_DQ, TRIPLE_SQ, DQ, SQ],
  },
  {
    id: 'csharp',
    name: 'C#',
    extensions: ['.cs', '.csx', '.cake'],
    aliases: ['c#'],
    interpreters: ['dotnet-script'],
    lineComments: SLASH,
    blockComments: C_BLOCK,
    strings: [
      // Verbatim strings open at their `@`, before a `"""` in them can read as a raw string's opener:
      // `@"/*[name()="""` is `/*[name()="`.
      { open: '@"', close: '"', prefixes: ['$'], escape: '', doubled: true, multiline: true, interpolation: '{' },
      { open: '@"', close: '"', escape: '', doubled: true, multiline: true },
      { open: '"""', kind: 'quoteRun', multiline: true },
      { open: '"', prefixes: ['@$'], escape: '', doubled: true, multiline: true, interpolation: '{' },
      { open: '"', prefixes: ['$'], interpolation: '{' },
      DQ,
      CHAR,
    ],
  },
  {
    id: 'swift',
    name: 'Swift',
    extensions: ['.swift'],
    interpreters: ['swift'],
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
    extensions: ['.php', '.phtml', '.php3', '.php4', '.php5', '.php7', '.php8', '.phps', '.inc', '.ctp', '.module'],
    interpreters: ['php'],
    blockComments: [{ open: '<!--', close: '-->' }],
    codeIslands: phpCode,
  },
  shell,
  {
    id: 'fish',
    name: 'fish',
    extensions: ['.fish'],
    interpreters: ['fish'],
    lineComments: [{ marker: '#', at: 'wordStart' }],
    // Unlike sh, fish escapes `\'` and `\\` inside single quotes (`'Don\'t use swap files'`), and has
    // no heredocs and no backtick substitution.
    strings: [{ open: "'", multiline: true }, DQ_ML],
    codeEscapes: '\\',
  },
  {
    id: 'nushell',
    name: 'Nushell',
    extensions: ['.nu'],
    interpreters: ['nu'],
    aliases: ['nu'],
    lineComments: [{ marker: '#', at: 'afterSpace' }],
    // `r#'…'#` raw strings, `"…"` with escapes, `'…'` and `` `…` `` without.
    strings: [{ open: '#', kind: 'hashRaw', prefixes: ['r'] }, DQ_ML, { open: "'", escape: '', multiline: true }, { open: '`', escape: '', multiline: true }],
  },
  {
    id: 'powershell',
    name: 'PowerShell',
    extensions: ['.ps1', '.psm1', '.psd1', '.pssc', '.psrc'],
    aliases: ['pwsh', 'ps1'],
    interpreters: ['pwsh', 'powershell'],
    lineComments: [{ marker: '#', at: 'tokenStart' }],
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
    id: 'batch',
    name: 'Batch (cmd)',
    extensions: ['.bat', '.cmd'],
    aliases: ['bat'],
    lineComments: [
      { marker: 'rem', word: true, at: 'commandStart' },
      { marker: '::', at: 'lineStart' },
    ],
  },
  {
    id: 'perl',
    name: 'Perl',
    extensions: ['.pl', '.pm', '.perl', '.psgi', '.cgi', '.pod', '.t', '.ph', '.plx', '.fcgi'],
    fileNames: ['Makefile.PL', 'Build.PL', 'cpanfile', 'Rexfile'],
    interpreters: ['perl', 'perl5', 'cperl'],
    lineComments: [{ marker: '#', notPrecededBy: '$' }],
    blockComments: POD,
    strings: PERL_STRINGS,
    heredoc: { introducer: '<<', tilde: true },
    // `$"`, `$'` and `` $` `` are variables (the list separator, the post- and pre-match), not quotes.
    codeEscapes: '\\$',
    // Past `__END__` or `__DATA__`, only POD is more than data.
    dataMarkers: ['__END__', '__DATA__'],
    dataComments: POD,
  },
  {
    id: 'raku',
    name: 'Raku',
    extensions: ['.raku', '.rakumod', '.rakutest', '.rakudoc', '.pm6', '.p6', '.pl6', '.nqp'],
    aliases: ['perl6'],
    interpreters: ['raku', 'rakudo', 'perl6'],
    // Raku's tests and modules often keep Perl's `.t` and `.pm`.
    contentClaims: ['.t', '.pm'].map((extension) => ({
      extension,
      when: 'a line says `use v6`, or starts a `unit`, a `module`, or a `class`, `role` or `grammar` with a body or traits, and none says `use strict`, `use warnings`, `use v5`, `use feature` or `package`',
      lines: /^\s*(?:use\s+v6\b|unit\s+(?:class|module|grammar|role)\b|module\s+[\w:]+\s*[;{]|(?:my\s+|our\s+)?(?:class|role|grammar)\s+[\w:-]+.*(?:\{|\bis\b|\bdoes\b))/m,
      unless: /^\s*(?:use\s+(?:strict|warnings|v?5|feature)\b|package\s)/m,
    })),
    lineComments: [{ marker: '#', notPrecededBy: '$' }],
    // Pod blocks end at `=end`, not at Perl's `=cut`.
    blockComments: [{ open: '=begin', close: '=end', lineStart: true }],
    strings: PERL_STRINGS,
    codeEscapes: '\\',
  },
  {
    id: 'lua',
    name: 'Lua (and Teal)',
    extensions: ['.lua', '.luau', '.rockspec', '.wlua', '.nse', '.p8', '.tl'],
    fileNames: ['.luacheckrc'],
    aliases: ['luau', 'teal'],
    interpreters: ['lua', 'luajit', 'texlua', 'luau'],
    lineComments: DASHES,
    longBracketComment: '--',
    strings: [DQ, SQ, { open: '[', kind: 'longBracket' }],
  },
  {
    id: 'tcl',
    name: 'Tcl',
    extensions: ['.tcl', '.tk', '.itcl', '.tm', '.exp'],
    fileNames: ['pkgIndex.tcl'],
    aliases: ['expect'],
    interpreters: ['tclsh', 'wish', 'expect', 'jimsh'],
    // `#` is a comment where a command starts: `set x 1 ;# note`, not `puts a#b`.
    lineComments: [{ marker: '#', at: 'commandStart' }],
    // A `"` quotes only at a word's start: inside a word (`{[ '"]}`, git-gui.sh's regexes) it is a
    // character, and so it is first in a braced word (`string trim $s {"}`).
    strings: [{ ...DQ_ML, afterSpace: true, notAfter: '{' }],
    codeEscapes: '\\',
  },
  {
    id: 'r',
    name: 'R',
    extensions: ['.r', '.rhistory'],
    fileNames: ['.Rprofile'],
    interpreters: ['rscript', 'r', 'littler'],
    lineComments: HASH,
    strings: [DQ_ML, SQ_ML, { open: '`', multiline: true }],
  },
  {
    id: 'matlab',
    name: 'MATLAB and Octave',
    // `.m` is Objective-C's, unless the first lines claim it (below).
    aliases: ['octave'],
    interpreters: ['octave', 'octave-cli', 'matlab'],
    // `...` continues a line and makes the rest of it a comment; `#` is Octave's comment.
    lineComments: [{ marker: '%' }, { marker: '#' }, { marker: '...' }],
    strings: [
      // `a'`, `x.'`, `(1:n)'` transpose: a quote after an operand is an operator.
      { open: "'", escape: '', doubled: true, notAfterOperand: true },
      { open: '"', doubled: true },
    ],
    contentClaims: [
      {
        extension: '.m',
        when: 'a line starts with `%`, `##`, `function` or `classdef`, and none with an Objective-C directive (`#import`, `#include`, `@interface`, `@implementation`, …)',
        lines: /^[ \t]*(?:%|##|function\b|classdef\b)/m,
        unless: /^[ \t]*(?:#[ \t]*(?:import|include|define|pragma|ifn?def|if)\b|@(?:interface|implementation|protocol|class|end|import)\b)/m,
      },
    ],
  },
  {
    id: 'julia',
    name: 'Julia',
    extensions: ['.jl'],
    interpreters: ['julia'],
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
    id: 'nim',
    name: 'Nim',
    extensions: ['.nim', '.nims', '.nimble'],
    interpreters: ['nim'],
    lineComments: HASH,
    blockComments: [{ open: '#[', close: ']#', nests: true }],
    strings: [{ open: '"""', escape: '', multiline: true, closeRun: true }, { open: '"', prefixes: ['r', 'R'], escape: '', doubled: true }, DQ, CHAR],
  },
  {
    id: 'crystal',
    name: 'Crystal',
    extensions: ['.cr'],
    interpreters: ['crystal'],
    lineComments: HASH,
    strings: [
      { open: '"', multiline: true, interpolation: '#{' },
      CHAR,
      { open: '`', multiline: true, interpolation: '#{' },
      { open: '%', kind: 'percent' },
      { open: '/', kind: 'regex' },
    ],
    heredoc: { introducer: '<<', dash: true, bareUpperOnly: true },
  },
  {
    id: 'gdscript',
    name: 'GDScript',
    extensions: ['.gd'],
    aliases: ['godot'],
    lineComments: HASH,
    strings: [TRIPLE_DQ, TRIPLE_SQ, { open: '"', prefixes: ['r'], escape: '' }, { open: "'", prefixes: ['r'], escape: '' }, DQ, SQ],
  },
  {
    id: 'coffeescript',
    name: 'CoffeeScript',
    extensions: ['.coffee', '.cjsx', '.litcoffee', '.coffee.md', '.cson', '.iced'],
    fileNames: ['Cakefile'],
    aliases: ['coffee'],
    interpreters: ['coffee'],
    lineComments: HASH,
    // `###` opens a block comment, `####…` is a line of hashes.
    blockComments: [{ open: '###', close: '###', notFollowedBy: '#' }],
    strings: [
      { open: '"""', multiline: true, interpolation: '#{' },
      { open: "'''", multiline: true },
      { open: '"', multiline: true, interpolation: '#{' },
      SQ_ML,
      { open: '```', escape: '', multiline: true },
      { open: '`', multiline: true },
      { open: '///', escape: '\\', multiline: true },
      { open: '/', kind: 'regex' },
    ],
  },
  {
    id: 'elixir',
    name: 'Elixir',
    extensions: ['.ex', '.exs'],
    fileNames: ['mix.lock'],
    interpreters: ['elixir', 'iex'],
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
    extensions: ['.erl', '.hrl', '.escript', '.app.src', '.yrl'],
    fileNames: ['rebar.config', 'sys.config', 'Emakefile'],
    interpreters: ['escript'],
    lineComments: PERCENT,
    strings: [{ open: '"""', kind: 'quoteRun', escape: '', multiline: true }, DQ_ML, SQ_ML],
    codeEscapes: '$',
  },
  {
    id: 'haskell',
    name: 'Haskell',
    extensions: ['.hs', '.hsc', '.hs-boot'],
    interpreters: ['runhaskell', 'runghc', 'stack', 'cabal'],
    lineComments: HASKELL_DASHES,
    blockComments: BRACE_DASH_NESTED,
    strings: [DQ, CHAR],
  },
  {
    id: 'literate-haskell',
    name: 'Literate Haskell',
    extensions: ['.lhs', '.lhs-boot'],
    // VS Code's Haskell extension names it `literate haskell`.
    aliases: ['literate haskell', 'lhaskell'],
    cells: 'literate',
  },
  {
    id: 'elm',
    name: 'Elm',
    extensions: ['.elm'],
    lineComments: DASHES,
    blockComments: BRACE_DASH_NESTED,
    strings: [TRIPLE_DQ, DQ, CHAR],
  },
  {
    id: 'purescript',
    name: 'PureScript',
    extensions: ['.purs'],
    lineComments: HASKELL_DASHES,
    blockComments: BRACE_DASH_NESTED,
    strings: [{ open: '"""', escape: '', multiline: true }, DQ, CHAR],
  },
  {
    id: 'idris',
    name: 'Idris and Agda',
    extensions: ['.idr', '.agda'],
    aliases: ['agda'],
    lineComments: HASKELL_DASHES,
    blockComments: BRACE_DASH_NESTED,
    strings: [TRIPLE_DQ, DQ, CHAR],
  },
  {
    id: 'literate-agda',
    name: 'Literate Agda (LaTeX)',
    extensions: ['.lagda', '.lagda.tex'],
    // The Agda extension's language ids.
    aliases: ['lagda-tex', 'lagda'],
    cells: 'literate-agda',
  },
  {
    id: 'literate-agda-markdown',
    name: 'Literate Agda (Markdown)',
    extensions: ['.lagda.md'],
    // agda-mode's language id, and the short one.
    aliases: ['lagda-markdown', 'lagda-md'],
    cells: 'literate-agda-md',
  },
  {
    id: 'literate-agda-typst',
    name: 'Literate Agda (Typst)',
    extensions: ['.lagda.typ'],
    aliases: ['lagda-typst', 'lagda-typ'],
    cells: 'literate-agda-typst',
  },
  {
    id: 'literate-agda-org',
    name: 'Literate Agda (Org)',
    extensions: ['.lagda.org'],
    aliases: ['lagda-org'],
    cells: 'literate-agda-org',
  },
  {
    id: 'literate-idris',
    name: 'Literate Idris',
    extensions: ['.lidr'],
    aliases: ['lidr', 'literate idris'],
    cells: 'literate-idris',
  },
  {
    id: 'lean',
    name: 'Lean',
    extensions: ['.lean'],
    aliases: ['lean4'],
    lineComments: DASHES,
    blockComments: [{ open: '/-', close: '-/', nests: true }],
    strings: [DQ, CHAR],
  },
  {
    id: 'ocaml',
    name: 'OCaml',
    extensions: ['.ml', '.mli', '.mll', '.mly', '.eliom'],
    interpreters: ['ocaml', 'ocamlrun'],
    blockComments: PAREN_STAR_NESTED,
    strings: [{ open: '{', kind: 'taggedRaw', tagEnd: '|', close: '|}', lowerTag: true }, DQ_ML, CHAR],
  },
  {
    id: 'reason',
    name: 'ReasonML',
    extensions: ['.re', '.rei'],
    aliases: ['reasonml'],
    lineComments: SLASH,
    blockComments: C_BLOCK,
    // `` `Red `` is a polymorphic variant, not a string: Reason has no backtick strings.
    strings: [{ open: '{', kind: 'taggedRaw', tagEnd: '|', close: '|}', lowerTag: true }, DQ_ML, CHAR],
  },
  {
    id: 'rescript',
    name: 'ReScript',
    extensions: ['.res', '.resi'],
    lineComments: SLASH,
    blockComments: C_BLOCK,
    strings: [{ open: '`', multiline: true, interpolation: '${' }, { open: '{', kind: 'taggedRaw', tagEnd: '|', close: '|}' }, DQ_ML, CHAR],
  },
  {
    id: 'fsharp',
    name: 'F#',
    extensions: ['.fs', '.fsi', '.fsx', '.fsscript'],
    lineComments: SLASH,
    // `(*)` is the multiplication operator.
    blockComments: [{ open: '(*', close: '*)', nests: true, notFollowedBy: ')' }],
    strings: [
      { open: '"""', prefixes: ['$', '$$', '$$$'], escape: '', multiline: true, interpolation: '{' },
      { open: '"""', multiline: true, escape: '' },
      { open: '"', prefixes: ['$@', '@$'], escape: '', doubled: true, multiline: true, interpolation: '{' },
      { open: '"', prefixes: ['@'], escape: '', doubled: true, multiline: true },
      { open: '"', prefixes: ['$'], multiline: true, interpolation: '{' },
      DQ_ML,
      CHAR,
    ],
  },
  {
    id: 'clojure',
    name: 'Clojure',
    extensions: ['.clj', '.cljs', '.cljc', '.cljx', '.edn', '.bb'],
    interpreters: ['bb', 'clojure', 'clj', 'lumo', 'planck'],
    lineComments: SEMICOLON,
    strings: [DQ_ML],
    codeEscapes: '\\',
  },
  {
    id: 'lisp',
    name: 'Common Lisp',
    extensions: ['.lisp', '.lsp', '.asd', '.ros', '.lisp-expr'],
    aliases: ['commonlisp', 'common-lisp'],
    interpreters: ['sbcl', 'clisp', 'ecl', 'ros'],
    lineComments: SEMICOLON,
    blockComments: HASH_BAR_NESTED,
    strings: [DQ_ML],
    codeEscapes: '\\',
  },
  {
    id: 'scheme',
    name: 'Scheme and Racket',
    extensions: ['.scm', '.sld', '.sls', '.sps', '.rkt', '.rktl', '.rktd', '.scrbl'],
    aliases: ['racket', 'guile'],
    interpreters: ['racket', 'guile', 'chez', 'scheme', 'csi', 'gsi', 'chibi-scheme'],
    lineComments: SEMICOLON,
    blockComments: HASH_BAR_NESTED,
    strings: [DQ_ML],
    codeEscapes: '\\',
  },
  {
    id: 'emacs-lisp',
    name: 'Emacs Lisp',
    extensions: ['.el', '.eld'],
    fileNames: ['.emacs', '_emacs', '.gnus', '.spacemacs', '.viper', 'Cask', 'Project.ede'],
    aliases: ['elisp'],
    interpreters: ['emacs'],
    lineComments: SEMICOLON,
    strings: [DQ_ML],
    // `?;` and `?\"` are characters.
    codeEscapes: '?\\',
  },
  {
    id: 'prolog',
    name: 'Prolog',
    // `.pl` is Perl's, unless a `#!` line or the first lines claim it (below).
    extensions: ['.prolog'],
    interpreters: ['swipl', 'gprolog', 'yap', 'scryer-prolog'],
    contentClaims: [
      {
        extension: '.pl',
        when: 'a line starts with a Prolog directive (`:- module`, `:- use_module`, …) or is a rule\'s head (`subset(Set, Sub) :-`), and none with `use strict`, `package` or `sub` (a `#!` line decides first)',
        lines: /^(?::-[ \t]*(?:module|use_module|ensure_loaded|dynamic|discontiguous|initialization)\b|[a-z]\w*\([^)\n]*\)[ \t]*:-[ \t]*$)/m,
        unless: /^[ \t]*(?:use[ \t]+(?:strict|warnings)\b|package[ \t]+\w|sub[ \t]+\w)/m,
      },
    ],
    lineComments: PERCENT,
    blockComments: C_BLOCK,
    strings: [{ open: "'", doubled: true, multiline: true }, DQ_ML, { open: '`', multiline: true }],
  },
  {
    id: 'dart',
    name: 'Dart',
    extensions: ['.dart'],
    interpreters: ['dart'],
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
    interpreters: ['scala', 'amm', 'scala-cli'],
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
    id: 'groovy',
    name: 'Groovy and Gradle',
    extensions: ['.groovy', '.gradle', '.gvy', '.gy', '.gsh'],
    fileNames: ['Jenkinsfile'],
    fileNamePatterns: ['Jenkinsfile.*', '*.Jenkinsfile'],
    aliases: ['jenkinsfile'],
    interpreters: ['groovy'],
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
  },
  cLike('haxe', 'Haxe', ['.hx', '.hxsl'], {
    strings: [{ open: "'", multiline: true, interpolation: '${' }, DQ_ML, { open: '~/', close: '/', multiline: false }],
  }),
  cLike('vala', 'Vala', ['.vala', '.vapi'], { aliases: ['genie'], strings: [{ open: '"""', escape: '', multiline: true }, DQ, CHAR] }),
  {
    id: 'd',
    name: 'D',
    extensions: ['.d', '.di'],
    interpreters: ['rdmd', 'dub'],
    lineComments: SLASH,
    blockComments: [...C_BLOCK, { open: '/+', close: '+/', nests: true }],
    strings: [
      { open: '"', prefixes: ['r'], escape: '', multiline: true },
      { open: '`', escape: '', multiline: true },
      { open: '"', prefixes: ['q'], kind: 'taggedRaw', tagEnd: '(', close: ')"' },
      DQ_ML,
      CHAR,
    ],
  },
  {
    id: 'odin',
    name: 'Odin',
    extensions: ['.odin'],
    lineComments: SLASH,
    blockComments: C_BLOCK_NESTED,
    strings: [DQ, { open: '`', escape: '', multiline: true }, CHAR],
  },
  {
    id: 'zig',
    name: 'Zig',
    extensions: ['.zig', '.zon'],
    lineComments: SLASH,
    strings: [DQ, { open: '\\\\', close: '\n', escape: '' }, CHAR],
  },
  {
    id: 'v',
    name: 'V',
    extensions: ['.vsh', '.vv'],
    interpreters: ['v'],
    lineComments: SLASH,
    blockComments: C_BLOCK_NESTED,
    strings: [
      { open: "'", prefixes: ['r'], escape: '' },
      { open: '"', prefixes: ['r'], escape: '' },
      { open: "'", interpolation: '${' },
      { open: '"', interpolation: '${' },
      { open: '`', escape: '' },
    ],
  },
  {
    id: 'gleam',
    name: 'Gleam',
    extensions: ['.gleam'],
    lineComments: SLASH,
    strings: [DQ_ML],
  },
  cLike('solidity', 'Solidity', ['.sol'], { strings: [DQ, SQ] }),
  cLike('move', 'Move', ['.move'], { strings: [DQ] }),
  {
    id: 'cairo',
    name: 'Cairo',
    extensions: ['.cairo'],
    lineComments: SLASH,
    strings: [DQ, SQ],
  },
  cLike('glsl', 'GLSL, HLSL and WGSL shaders', ['.glsl', '.vert', '.frag', '.geom', '.comp', '.tesc', '.tese', '.hlsl', '.hlsli', '.fx', '.fxh', '.wgsl', '.metal', '.cginc', '.shader', '.vs'], {
    aliases: ['hlsl', 'wgsl', 'shaderlab', 'metal'],
    strings: [DQ],
    // A `.fs` fragment shader, which F# shares: by a `#version` line or GLSL declarations.
    contentClaims: [
      {
        extension: '.fs',
        when: 'a line starts with `#version`, `precision`, `uniform`, `varying`, `attribute` or `layout(`, or `gl_FragColor` or `gl_Position` appears',
        lines: /^[ \t]*(?:#version[ \t]+\d|precision[ \t]+(?:lowp|mediump|highp)\b|(?:uniform|varying|attribute)[ \t]+\w|layout[ \t]*\()|\bgl_(?:FragColor|Position)\b/m,
      },
    ],
  }),
  {
    id: 'verilog',
    name: 'Verilog and SystemVerilog',
    extensions: ['.v', '.vh', '.sv', '.svh', '.svi'],
    aliases: ['systemverilog'],
    lineComments: SLASH,
    blockComments: C_BLOCK,
    strings: [DQ],
  },
  {
    id: 'zeek',
    name: 'Zeek',
    extensions: ['.zeek', '.bro'],
    lineComments: HASH,
    strings: [DQ],
  },
  {
    id: 'slint',
    name: 'Slint',
    extensions: ['.slint'],
    lineComments: SLASH,
    blockComments: C_BLOCK,
    strings: [DQ],
  },
  {
    id: 'coq',
    name: 'Rocq (Coq)',
    // `.v` is Verilog's, unless the first lines claim it (below).
    aliases: ['rocq'],
    blockComments: PAREN_STAR_NESTED,
    strings: [{ open: '"', escape: '', doubled: true, multiline: true }],
    contentClaims: [
      {
        extension: '.v',
        when: 'a line starts with `Require`, `From … Require`, `Theorem`, `Lemma`, `Definition`, `Inductive`, `Fixpoint` or `Proof.`, and none with `module` or a Verilog directive (`` `timescale ``, `` `include ``, …)',
        lines: /^[ \t]*(?:(?:From[ \t]+\S+[ \t]+)?Require[ \t]|Theorem[ \t]|Lemma[ \t]|Definition[ \t]|Inductive[ \t]|Fixpoint[ \t]|Proof\.)/m,
        unless: /^[ \t]*(?:module[ \t]|`(?:timescale|include|define|ifdef)\b)/m,
      },
    ],
  },
  {
    id: 'vhdl',
    name: 'VHDL',
    extensions: ['.vhd', '.vhdl', '.vho', '.vht'],
    lineComments: DASHES,
    blockComments: C_BLOCK,
    strings: [DQ_DOUBLED, CHAR],
  },
  {
    id: 'asm',
    name: 'Assembly',
    extensions: ['.asm', '.s', '.nasm', '.a51'],
    aliases: ['nasm', 'gas', 'arm', 'x86', 'assembly', 'asm-intel-x86-generic', 'arm64'],
    lineComments: [
      { marker: ';' },
      // In a preprocessed `.S` file, `#define`, `#if…`, `#include`, `#undef`, `#pragma` and `#warning`
      // are directives, whose `/* … */` comments count.
      { marker: '#', at: 'lineStart', notFollowedBy: 'deipuw' },
      { marker: '//' },
      // ARM's `@ comment` and `@@ comment`; `@function`, `@PLT`, MSP430's `@r4` are operands.
      { marker: '@', at: 'afterSpace', notFollowedBy: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_' },
    ],
    blockComments: C_BLOCK,
    strings: [DQ, CHAR],
  },
  // The grammar's rules, patterns and actions: `/* … */` and `//` comments, `"…"` strings and `'x'`
  // tokens, whether the actions are C, C++, Go, Java or JavaScript.
  cLike('yacc', 'Yacc, Bison, Lex and Flex grammars', ['.y', '.yy', '.ypp', '.l', '.ll', '.lex', '.flex', '.jflex', '.jison', '.jisonlex'], {
    aliases: ['bison', 'lex', 'flex', 'jflex', 'jison'],
  }),
  {
    id: 'jq',
    name: 'jq',
    extensions: ['.jq'],
    lineComments: HASH,
    strings: [{ open: '"', interpolation: '\\(' }],
  },
  {
    id: 'forth',
    name: 'Forth',
    extensions: ['.fth', '.4th', '.forth', '.frt'],
    interpreters: ['gforth'],
    // Every Forth token is a word between blanks: `\ ` comments to the line's end, `( … )` is a
    // comment where `(` stands alone (`(local)` is a word), and a string is the text after a word
    // ending in a quote (`." Hello"`, `s" x"`, `abort" failed"`) up to the next `"`.
    lineComments: [{ marker: '\\', word: true }],
    blockComments: [{ open: '( ', close: ')' }],
    strings: [
      { open: '"', prefixes: ['s\\', 'S\\'] },
      { open: '"', prefixes: ['.', 's', 'S', 'c', 'C', ',', 'z', 'Z', 'abort', 'ABORT'], escape: '' },
      { open: '.(', close: ')', escape: '' },
    ],
    // Gforth's `.fs` (F#'s otherwise), and Forth's `.f` and `.for` (fixed-form Fortran's).
    contentClaims: ['.fs', '.f', '.for'].map((extension) => ({
      extension,
      when: 'a line starts with a `\\ ` comment or a `: name` definition',
      lines: /^[ \t]*\\(?:[ \t]|$)|^:[ \t]+\S+[ \t]/m,
    })),
  },
  {
    id: 'fortran',
    name: 'Fortran (free form)',
    extensions: ['.f90', '.f95', '.f03', '.f08', '.f18'],
    aliases: ['fortran-modern', 'fortranfreeform', 'fortran_free-form'],
    lineComments: [{ marker: '!' }],
    strings: [DQ_DOUBLED, SQ_DOUBLED],
  },
  {
    id: 'fortran-fixed',
    name: 'Fortran (fixed form)',
    extensions: ['.f', '.for', '.f77', '.ftn'],
    aliases: ['fortranfixedform', 'fortran_fixed-form'],
    // A `C`, `c` or `*` in the first column makes the line a comment; `!` works anywhere.
    lineComments: [{ marker: '!' }, { marker: 'C', at: 'column0' }, { marker: 'c', at: 'column0' }, { marker: '*', at: 'column0' }],
    strings: [DQ_DOUBLED, SQ_DOUBLED],
  },
  {
    id: 'ada',
    name: 'Ada',
    extensions: ['.adb', '.ads', '.ada', '.gpr'],
    lineComments: DASHES,
    strings: [DQ_DOUBLED, CHAR],
  },
  {
    id: 'pascal',
    name: 'Pascal and Delphi',
    extensions: ['.pas', '.dpr', '.dpk', '.lpr', '.lpk'],
    aliases: ['objectpascal', 'delphi'],
    // Free Pascal's `.pp`, which Puppet shares: by a `unit`, `program` or `library` heading.
    contentClaims: [
      { extension: '.pp', when: 'a line is a `unit`, `program` or `library` heading', lines: /^[ \t]*(?:unit|program|library)[ \t]+[\w.]+[ \t]*;/im },
      {
        extension: '.inc',
        when: 'a line starts with a compiler directive `{$…}`, is a `procedure` or `function … : Type;` heading, a `uses …;` clause or `implementation`, and there is no `<?php`',
        lines: /^[ \t]*(?:\{\$[A-Za-z]|procedure[ \t]+[\w.]+[^{\n]*;|function[ \t]+[\w.]+[^{\n]*:[ \t]*\w+[ \t]*;|uses[ \t]+[\w., \t]+;|implementation[ \t]*$)/im,
        unless: PHP_OPEN,
      },
    ],
    interpreters: ['instantfpc'],
    lineComments: SLASH,
    blockComments: [
      { open: '{', close: '}' },
      { open: '(*', close: '*)' },
    ],
    strings: [SQ_DOUBLED],
  },
  {
    id: 'vb',
    name: 'Visual Basic and VBA',
    extensions: ['.vb', '.vbs', '.bas', '.vba', '.frm', '.bi'],
    aliases: ['vbs', 'vbscript', 'vba'],
    lineComments: [{ marker: "'" }, { marker: 'rem', word: true, at: 'commandStart' }],
    strings: [DQ_DOUBLED],
  },
  {
    id: 'awk',
    name: 'Awk',
    extensions: ['.awk', '.gawk', '.mawk', '.nawk'],
    interpreters: ['awk', 'gawk', 'mawk', 'nawk', 'busybox-awk'],
    lineComments: HASH,
    strings: [DQ, { open: '/', kind: 'regex' }],
  },
  {
    id: 'autohotkey',
    name: 'AutoHotkey',
    extensions: ['.ahk', '.ahkl'],
    aliases: ['ahk', 'ahk2'],
    lineComments: [{ marker: ';', at: 'afterSpace' }],
    blockComments: [{ open: '/*', close: '*/', lineStart: true }],
    strings: [DQ_DOUBLED],
    codeEscapes: '`',
  },
  {
    id: 'mathematica',
    name: 'Wolfram Language',
    extensions: ['.wl', '.wls', '.nb', '.mt', '.wlt'],
    aliases: ['wolfram'],
    interpreters: ['wolframscript'],
    blockComments: PAREN_STAR_NESTED,
    strings: [DQ_ML],
  },
];
