/** Markup, templates and style sheets: one row of data each (the fields are described in ../languages.ts). */
import type { BlockCommentSpec, LanguageSpec, StringForm } from '../languages';
import { C_BLOCK, C_BLOCK_NESTED, DQ, GO_TEMPLATE_BLOCK, HTML_BLOCK, MYST_DIRECTIVE_LINE, PERCENT, SLASH, SQ } from './common';
import { javascript, typescript } from './programming';

const css: LanguageSpec = {
  id: 'css',
  name: 'CSS',
  extensions: ['.css', '.wxss', '.acss'],
  blockComments: C_BLOCK,
  strings: [DQ, SQ],
};
const scssStrings: readonly StringForm[] = [DQ, SQ, { open: '(', close: ')', prefixes: ['url', 'URL', 'Url'] }];
const scss: LanguageSpec = { ...css, id: 'scss', name: 'SCSS', extensions: ['.scss'], lineComments: SLASH, strings: scssStrings };

/** Markdown code spans and fences: examples, not comments. */
const MARKDOWN_CODE: readonly StringForm[] = [
  { open: '`', kind: 'quoteRun', escape: '', multiline: true },
  { open: '~~~', escape: '', multiline: true, lineStart: true },
];

/** Markup that holds `<script>` and `<style>` and has HTML comments, plus its own comment forms. */
function template(id: string, name: string, extensions: readonly string[], comments: readonly BlockCommentSpec[], more: Partial<LanguageSpec> = {}): LanguageSpec {
  return { id, name, extensions, blockComments: [...comments, ...HTML_BLOCK], embedsScriptAndStyle: true, ...more };
}

/** `{# … #}`: Twig, Jinja, Nunjucks, Django. */
const HASH_BRACE: readonly BlockCommentSpec[] = [{ open: '{#', close: '#}' }];
/** `<%-- … --%>`: JSP, ASP.NET, SilverStripe. */
const SERVER_PAGE: readonly BlockCommentSpec[] = [{ open: '<%--', close: '--%>' }];
/** `{% comment %} … {% endcomment %}`: Liquid and Django. */
const COMMENT_TAG: readonly BlockCommentSpec[] = [
  { open: '{% comment %}', close: '{% endcomment %}' },
  { open: '{%- comment -%}', close: '{%- endcomment -%}' },
];

const handlebars = template('handlebars', 'Handlebars and Mustache', ['.hbs', '.handlebars', '.mustache', '.hgn', '.hogan'], [
  { open: '{{!--', close: '--}}' },
  { open: '{{!', close: '}}' },
], { aliases: ['mustache', 'hogan', 'hbs', 'glimmer'] });

/**
 * Ember's template-tag components: JavaScript or TypeScript whose `<template> … </template>`
 * expressions hold Handlebars, read with Handlebars' comments (a backtick or quote in a template's
 * text is not a string). A `<template>` element nested in a template ends the island at its own
 * close: rare, and its cost is the rest of that template read as code.
 */
function glimmer(host: LanguageSpec, id: string, name: string, extension: string): LanguageSpec {
  return {
    ...host,
    id,
    name,
    extensions: [extension],
    aliases: [],
    interpreters: [],
    codeIslands: { ...handlebars, islandClose: '</template>' },
    islandOpens: ['<template>'],
  };
}

/** Every markup, template and style language, in display order. */
export const MARKUP: readonly LanguageSpec[] = [
  {
    id: 'html',
    name: 'HTML',
    extensions: ['.html', '.htm', '.xhtml', '.shtml', '.hta'],
    // Hugo's layouts are HTML with Go template actions.
    blockComments: [...HTML_BLOCK, ...GO_TEMPLATE_BLOCK],
    embedsScriptAndStyle: true,
  },
  {
    id: 'xml',
    name: 'XML',
    extensions: [
      '.xml', '.xsd', '.xsl', '.xslt', '.csl', '.svg', '.plist', '.csproj', '.fsproj', '.vbproj', '.vcxproj', '.props', '.targets', '.nuspec', '.resx',
      '.xaml', '.axaml', '.wsdl', '.rss', '.atom', '.xliff', '.xlf', '.xib', '.storyboard', '.kml', '.gpx', '.wxs', '.wxi', '.xul', '.fxml', '.iml',
      '.ui', '.pom', '.tld', '.dita', '.ditamap',
    ],
    aliases: ['xsl', 'svg'],
    // Qt Linguist's translations are XML in `.ts` files.
    contentClaims: [{ extension: '.ts', when: 'the file starts with `<?xml` or `<!DOCTYPE TS>` (a Qt Linguist translation)', lines: /^\s*<(?:\?xml\b|!DOCTYPE TS>)/ }],
    blockComments: HTML_BLOCK,
    strings: [{ open: '<![CDATA[', close: ']]>', escape: '', multiline: true }],
  },
  { id: 'vue', name: 'Vue', extensions: ['.vue'], aliases: ['vue-html'], blockComments: HTML_BLOCK, embedsScriptAndStyle: true },
  { id: 'svelte', name: 'Svelte', extensions: ['.svelte'], blockComments: HTML_BLOCK, embedsScriptAndStyle: true },
  {
    id: 'astro',
    name: 'Astro',
    extensions: ['.astro'],
    blockComments: HTML_BLOCK,
    embedsScriptAndStyle: true,
    // The `---` front matter at the top is TypeScript.
    codeIslands: { ...typescript, islandClose: '---', islandCloseAtLineStart: true },
    islandOpens: ['---'],
    islandAtStart: true,
  },
  {
    id: 'markdown',
    name: 'Markdown',
    extensions: ['.md', '.markdown', '.mdown', '.mkd', '.mkdn', '.mdwn', '.ronn', '.workbook'],
    blockComments: HTML_BLOCK,
    strings: MARKDOWN_CODE,
  },
  {
    id: 'rmd',
    name: 'R Markdown',
    extensions: ['.rmd'],
    aliases: ['rmarkdown'],
    cells: 'chunks',
  },
  {
    id: 'quarto',
    name: 'Quarto',
    extensions: ['.qmd'],
    cells: 'chunks',
  },
  {
    id: 'jupytext-markdown',
    name: 'Jupytext Markdown notebook',
    cells: 'jupytext-markdown',
    contentClaims: [
      {
        extension: '.md',
        when: 'its front matter says `format_name: markdown` (a notebook Jupytext pairs with an `.ipynb`)',
        lines: /^[ \t]*format_name:[ \t]*["']?markdown\b/m,
      },
    ],
  },
  {
    id: 'myst',
    name: 'MyST Markdown',
    extensions: ['.myst', '.mystnb', '.mnb'],
    aliases: ['mystmd', 'myst-markdown'],
    // How a Markdown stretch is lexed, in the cells myst.ts makes of the document.
    lineComments: [{ marker: '%', at: 'lineStart' }],
    blockComments: HTML_BLOCK,
    strings: MARKDOWN_CODE,
    cells: 'myst',
    contentClaims: [
      {
        extension: '.md',
        when: 'a line anywhere in it opens a directive (```` ```{note} ````, `:::{todo}`), or the front matter says `format_name: myst` (Jupytext) or `file_format: mystnb`',
        lines: new RegExp(`${MYST_DIRECTIVE_LINE.source}|^[ \\t]*(?:format_name:[ \\t]*["']?myst\\b|file_format:[ \\t]*["']?mystnb\\b)`, 'm'),
        wholeText: true,
      },
    ],
  },
  {
    id: 'mdx',
    name: 'MDX',
    extensions: ['.mdx'],
    blockComments: [{ open: '{/*', close: '*/}' }, ...HTML_BLOCK],
    strings: MARKDOWN_CODE,
  },
  css,
  { ...css, id: 'postcss', name: 'PostCSS', extensions: ['.pcss', '.postcss'], aliases: ['sugarss'] },
  scss,
  {
    id: 'sass',
    name: 'Sass (indented)',
    extensions: ['.sass'],
    // A `//` comment takes the deeper-indented lines after it.
    lineComments: [{ marker: '//', indentedBody: true }],
    blockComments: C_BLOCK,
    strings: scssStrings,
  },
  { ...scss, id: 'less', name: 'Less', extensions: ['.less'] },
  { ...scss, id: 'stylus', name: 'Stylus', extensions: ['.styl', '.stylus'] },
  handlebars,
  glimmer(javascript, 'glimmer-js', 'Glimmer JavaScript (Ember template tags)', '.gjs'),
  glimmer(typescript, 'glimmer-ts', 'Glimmer TypeScript (Ember template tags)', '.gts'),
  template('ejs', 'EJS', ['.ejs'], [{ open: '<%#', close: '%>' }]),
  // Helm's `_helpers.tpl`, Hugo's and Go's templates; Smarty's `.tpl` has `{* … *}`.
  template('gotmpl', 'Go templates (Helm, Hugo) and Smarty', ['.tpl', '.gotmpl', '.gohtml', '.tmpl'], [...GO_TEMPLATE_BLOCK, { open: '{*', close: '*}' }], {
    aliases: ['go-template', 'helm', 'smarty'],
  }),
  // Phoenix's HEEx and LiveView templates are markup, not Elixir: `<p># x</p>` and `don't` are text.
  template('eex', 'EEx and HEEx templates (Elixir)', ['.eex', '.heex', '.leex'], [{ open: '<%!--', close: '--%>' }, { open: '<%#', close: '%>' }], {
    aliases: ['phoenix-heex', 'html-eex'],
  }),
  template('erb', 'ERB', ['.erb', '.rhtml'], [{ open: '<%#', close: '%>' }], { aliases: ['html.erb', 'eruby'] }),
  template('twig', 'Twig', ['.twig'], HASH_BRACE),
  // Laravel's views: `{{-- … --}}` is Blade's comment, never sent to the page.
  template('blade', 'Blade templates (Laravel)', ['.blade.php'], [{ open: '{{--', close: '--}}' }]),
  template('nunjucks', 'Nunjucks', ['.njk', '.nunjucks', '.nunjs'], HASH_BRACE),
  template('jinja', 'Jinja and Django templates', ['.jinja', '.jinja2', '.j2', '.djhtml'], [...HASH_BRACE, ...COMMENT_TAG], {
    aliases: ['jinja-html', 'django-html', 'django-txt', 'jinja2'],
  }),
  template('liquid', 'Liquid', ['.liquid'], [...COMMENT_TAG, { open: '{% #', close: '%}' }, { open: '{%- #', close: '-%}' }]),
  template('razor', 'Razor (cshtml)', ['.cshtml', '.razor', '.vbhtml'], [{ open: '@*', close: '*@' }], { aliases: ['aspnetcorerazor'] }),
  template('jsp', 'JSP and ASP.NET pages', ['.jsp', '.jspf', '.tag', '.asp', '.aspx', '.ascx', '.master'], SERVER_PAGE, { aliases: ['aspnet', 'asp'] }),
  template('silverstripe', 'SilverStripe templates', ['.ss'], SERVER_PAGE, { aliases: ['ss'] }),
  {
    id: 'jade',
    name: 'Pug (Jade)',
    extensions: ['.pug', '.jade'],
    aliases: ['pug'],
    // `//` and `//-` at the start of a line, with the deeper-indented lines after them.
    lineComments: [{ marker: '//', at: 'lineStart', indentedBody: true }],
  },
  {
    id: 'haml',
    name: 'Haml',
    extensions: ['.haml', '.hamlc'],
    lineComments: [
      { marker: '-#', at: 'lineStart', indentedBody: true },
      { marker: '/', at: 'lineStart', indentedBody: true },
    ],
    blockComments: HTML_BLOCK,
  },
  {
    id: 'slim',
    name: 'Slim',
    extensions: ['.slim'],
    lineComments: [
      { marker: '/!', at: 'lineStart', indentedBody: true },
      { marker: '/', at: 'lineStart', indentedBody: true },
    ],
  },
  {
    id: 'roff',
    name: 'Roff and man pages',
    extensions: ['.roff', '.man', '.mdoc', '.tmac', '.ms', '.me', '.nr', '.1', '.2', '.3', '.4', '.5', '.6', '.7', '.8', '.9', '.1p', '.3p', '.3pm', '.n'],
    aliases: ['groff', 'troff', 'nroff', 'manpage'],
    // `.\" …` on a line of its own, `\" …` after text; `\#` is groff's. `\\"` is a backslash and a quote.
    lineComments: [
      { marker: '\\"', notPrecededBy: '\\' },
      { marker: '\\#', notPrecededBy: '\\' },
    ],
  },
  {
    id: 'latex',
    name: 'LaTeX and BibTeX',
    extensions: ['.tex', '.sty', '.ltx', '.cls', '.dtx', '.ins', '.bib', '.bbx', '.cbx', '.lbx'],
    aliases: ['tex', 'bibtex'],
    lineComments: PERCENT,
    blockComments: [{ open: '\\begin{comment}', close: '\\end{comment}' }],
    strings: [
      ...['verbatim', 'verbatim*', 'Verbatim', 'lstlisting', 'minted', 'alltt'].map(
        (env): StringForm => ({ open: `\\begin{${env}}`, close: `\\end{${env}}`, escape: '', multiline: true }),
      ),
      { open: '\\verb*', kind: 'quoteLike' },
      { open: '\\verb', kind: 'quoteLike' },
      { open: '\\lstinline', kind: 'quoteLike' },
    ],
    codeEscapes: '\\',
    cells: 'latex',
  },
  {
    id: 'texinfo',
    name: 'Texinfo',
    extensions: ['.texi', '.texinfo', '.txi'],
    // `@c` and `@comment` as words (`@code{…}` is markup); `@ignore … @end ignore` leaves text out.
    lineComments: [
      { marker: '@c', at: 'lineStart', word: true },
      { marker: '@comment', at: 'lineStart', word: true },
    ],
    blockComments: [{ open: '@ignore', close: '@end ignore', lineStart: true }],
  },
  {
    id: 'rd',
    name: 'R documentation (Rd)',
    extensions: ['.rd'],
    // `%` starts a comment everywhere, `\examples{…}` included (Rd escapes a literal one as `\%`); the
    // rest is markup, where an apostrophe in prose opens nothing.
    lineComments: PERCENT,
    codeEscapes: '\\',
  },
  {
    id: 'typst',
    name: 'Typst',
    extensions: ['.typ'],
    lineComments: SLASH,
    blockComments: C_BLOCK_NESTED,
    strings: [DQ, { open: '`', kind: 'quoteRun', escape: '', multiline: true }],
  },
  {
    id: 'asciidoc',
    name: 'AsciiDoc',
    extensions: ['.adoc', '.asciidoc'],
    lineComments: [{ marker: '//', at: 'column0', notFollowedBy: '/' }],
    blockComments: [{ open: '////', close: '////', lineStart: true }],
    strings: [
      { open: '----', escape: '', multiline: true, lineStart: true, closeAtLineStart: true },
      { open: '....', escape: '', multiline: true, lineStart: true, closeAtLineStart: true },
    ],
  },
  {
    id: 'restructuredtext',
    name: 'reStructuredText',
    extensions: ['.rst', '.rest'],
    aliases: ['rst'],
    // How a comment's text is lexed, in the stretches restructuredText.ts leaves of the document.
    lineComments: [{ marker: '..', at: 'lineStart', indentedBody: true }],
    cells: 'restructuredtext',
  },
  {
    id: 'org',
    name: 'Org mode',
    extensions: ['.org'],
    lineComments: [{ marker: '#', at: 'lineStart', notFollowedBy: '+' }],
    blockComments: [
      { open: '#+BEGIN_COMMENT', close: '#+END_COMMENT' },
      { open: '#+begin_comment', close: '#+end_comment' },
    ],
    strings: [
      { open: '#+BEGIN_SRC', close: '#+END_SRC', escape: '', multiline: true },
      { open: '#+begin_src', close: '#+end_src', escape: '', multiline: true },
      { open: '#+BEGIN_EXAMPLE', close: '#+END_EXAMPLE', escape: '', multiline: true },
      { open: '#+begin_example', close: '#+end_example', escape: '', multiline: true },
    ],
    cells: 'org',
  },
  {
    id: 'cram',
    name: 'Cram tests',
    // Dune's and Mercurial's `.t` tests: prose, with each command (`  $ dune build`) and its output
    // indented by two spaces. A FIXME in the prose is the test's own note.
    contentClaims: [
      {
        extension: '.t',
        when: 'a line starts with two spaces and `$ ` (a command), and none with Perl\'s `use`, `my`, `sub` or `package`',
        lines: /^ {2}\$ /m,
        unless: /^(?:use|my|sub|package)\b/m,
      },
    ],
    proseAroundCode: ['  '],
  },
];
