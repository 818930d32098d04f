import { supportedLanguages } from '../../../src/engine/scanner/languages';

/** Every language id and alias, sorted: what `scan.languages` accepts (schemas/config.schema.json). */
export function configSchemaLanguageIds(): string[] {
  return [...new Set(supportedLanguages().flatMap((l) => [l.id, ...l.aliases]))].sort();
}

/** `a` `b` `c`, or a dash for none. */
function codes(list: readonly string[]): string {
  return list.length === 0 ? '–' : list.map((s) => `\`${s.replace(/\|/g, '\\|')}\``).join(' ');
}

/** docs/languages.md, rendered from the language table so the docs cannot drift from the code. */
export function renderLanguagesDoc(): string {
  const languages = supportedLanguages();
  const rows = languages.map((language) => {
    const claimed = language.claims.map((c) => `\`${c.extension}\` (by its ${c.wholeText ? 'text' : 'first lines'})`);
    const names = [codes([...language.extensions, ...language.fileNames]), ...claimed].filter((s) => s !== '–').join(' ') || '–';
    const comments = language.cells
      ? `its cells: ${language.cells}`
      : language.proseAround
        ? `the prose: every line but the code, ${language.proseAround}`
        : codes([...language.lineComments, ...language.blockComments]);
    return `| ${language.name} | \`${language.id}\` | ${names} | ${codes(language.interpreters)} | ${comments} |`;
  });
  return [
    '# Languages Paydown reads',
    '',
    `Only text inside comments counts, in ${languages.length} languages. Each language is a row of data (comment markers`,
    'and where they count, block comments and whether they nest, string forms, heredocs, …) that',
    'drives one lexer; `<script>` and `<style>` in HTML and the templates below, the code islands',
    'of PHP (`<?php … ?>`) and Astro (the `---` front matter), and the `<template>` islands of Ember\'s',
    '`.gjs`/`.gts` components (Handlebars), are read as the language they hold. Past a Perl or Ruby',
    '`__END__` (or Perl\'s `__DATA__`) line the rest of the file is data: only Perl\'s POD counts there.',
    'A Jupyter notebook (`.ipynb`) is read cell by cell, each cell in its language; an item\'s line and',
    'column are where its tag is in the `.ipynb` file, and the editor opens it in its cell. A notebook',
    'may be 16 times `scan.maxFileSize` (its bytes are mostly outputs, which are not read); its Markdown',
    'cells are read as MyST Markdown (below) once one of them opens a MyST directive. R Markdown',
    'and Quarto documents are read the same way: each code chunk (```` ```{r} ````) in its engine\'s',
    'language, the Markdown around the chunks as Markdown; so are Jupytext\'s Markdown notebooks (a `.md`',
    'file whose front matter says `format_name: markdown`): each code cell (```` ```python ````) in its',
    'language. reStructuredText is read as docutils reads it: a comment is an explicit markup block',
    '(`.. ` and the lines indented under it) that is no directive, hyperlink target, footnote,',
    'citation or substitution, and Sphinx\'s `.. todo::` (any case, its text on its line or in its',
    'body) is a `TODO`. The prose, literal blocks (the indented',
    'block after a paragraph ending in `::`) and the bodies of directives that hold code, data or math',
    '(`code-block`, `code`, `sourcecode`, `literalinclude`, `math`, `raw`, `csv-table`, `doctest`,',
    '`testcode`, `ipython`, `jupyter-execute`, `plot`, `graphviz`, `mermaid`, …) are what the page',
    'shows, not comments; a comment inside another directive\'s body (`.. note::`, `.. py:function::`)',
    'counts. MyST Markdown (Jupyter Book, Sphinx\'s myst-parser and MyST-NB) is read as those tools',
    'read it: `%` comment lines and `<!-- … -->`, also in the Markdown body of a directive',
    '(```` ```{note} ````, `:::{tip}`, nested ones); Sphinx\'s `{todo}` directive is a `TODO`; a MyST',
    'notebook\'s `{code-cell}` is code in its argument\'s language (`{code-cell} ipython3`), else its',
    'kernel\'s, else Python\'s; `{eval-rst}` is reStructuredText; the bodies of code, data and math',
    'directives (the list above), `{raw-cell}` and plain code blocks are text. A `.md` file is MyST',
    'when a line opens a directive or its front matter says so (below); `scan.languages` maps the',
    'rest (`{ "docs/**/*.md": "myst" }`). LaTeX\'s `\\todo` command (the todonotes, todo and easy-todo',
    'packages: `\\todo{Cite the 2019 paper}`, `\\todo[inline, color=red]{…}`) is a `TODO` whose text is',
    'its argument, read where TeX would run it: not in a `%` comment, a `comment` environment, verbatim',
    'text (`verbatim`, `lstlisting`, `minted`, `\\verb`) or a command\'s definition (`\\newcommand\\todo`,',
    'a macro passing its own argument on, `\\todo{#1}`); its argument ends at the brace that balances',
    'its opening one, and a `%` comment inside it is not its text; in literate Haskell and Agda\'s',
    'LaTeX prose and a notebook\'s `%%latex` cells too. An Org todo headline (`** TODO [#A] Write the',
    'parser   :parser:urgent:`) is an item of its keyword when that keyword is a tag: Org\'s `TODO`, or',
    'the not-done states a `#+TODO:` line declares (`#+TODO: FIXME WAIT | DONE`), which replace it as',
    'they do in Org; `DONE` and the other done states are not. Its text is the title, without the',
    'priority cookie; its tags are labels (those that fit where the tags and the blanks before them',
    'are); the `DEADLINE` of the planning line under it is its due date, and the `Effort` of its',
    'property drawer its effort (`1:30` is `1.5h`; `2h`, `1d` and `45min` are read too); a subtree',
    'archived in place (its headline tagged `:ARCHIVE:`) is left out, as Org\'s agenda leaves it. The',
    'placeholders five languages give unfinished code are `TODO` items where code holds them (not in a',
    'comment, a string or a doc example): Rust\'s `todo!()` (also `std::todo!`, and with `[…]` or `{…}`),',
    'Kotlin\'s `TODO()` (not another object\'s `x.TODO()` or a `fun TODO(…)` of its own), Scala\'s `???`',
    '(not inside an operator such as `???=`), Elm\'s `Debug.todo` and Gleam\'s `todo` keyword; the title',
    'is the message, the first argument when it is a string literal (Gleam: `todo as "…"`), read as a',
    'comment\'s text; `"scan": { "placeholders": false }` leaves them out. A ticket reference is not',
    'written into a todo directive, command, headline or placeholder (it would break), nor is one removed by',
    'Paydown; the ledger keeps the link.',
    '',
    'A file is read as:',
    '',
    '1. the language `scan.languages` in `.paydown/config.jsonc` gives it (`{ "**/*.tmpl": "html" }`,',
    '   the first matching glob wins; a glob without `/` matches file names anywhere);',
    '2. for a file without an extension, or with one that scripts of several languages use (`.sh`,',
    '   `.bash`, `.command`, `.cgi`, `.fcgi`, `.pl`, `.t`): the interpreter of its `#!` line',
    '   (`#!/usr/bin/env python3`, `#!/usr/bin/perl -w`, `#!/usr/bin/env -S deno run`), a shell script\'s',
    '   hand-over to Tcl (`exec wish "$0"` after a comment line ending in `\\`, as in `git-gui.sh`), a zsh',
    '   function file\'s first line (`#compdef git`, `#autoload`), or an Emacs (`-*- tcl -*-`) or Vim',
    '   (`vim: set ft=perl:`) mode line;',
    '3. for an extension two languages share, its first 4 KB: the table marks these extensions',
    '   "(by its first lines)", and the rules are listed below it;',
    '4. in the editor, its VS Code language id;',
    '5. its file name, then its extension (the longest that matches). A name pattern such as',
    '   `Dockerfile.*` or `Kconfig.*` takes a variant of that file (`Dockerfile.dev`, `Makefile.inc`,',
    '   `Dockerfile.j2`), not a file of another language named after it (`kconfig.vim`, `kconfig.py`).',
    '   A file switched off by its name, or a template a build fills in, is read as the file it names',
    '   when its extension names none of its own (`websocket_test.ts.disabled`, `config.h.in`,',
    '   `_sigtools.pyx.in`, `loops.c.src`; Erlang\'s `.app.src` stays Erlang).',
    '',
    'A file without an extension whose first lines name no language is skipped, like any file in a',
    'language Paydown does not read.',
    '',
    '| Language | Id | Extensions and file names | `#!` interpreters | Comments |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    'Extensions read by their first lines, or by their text where said (else as the language that lists them above; a file known by its name, such as `Makefile.inc`, keeps that language):',
    '',
    ...languages.flatMap((language) => language.claims.map((c) => ({ ...c, name: language.name }))).sort((a, b) => a.extension.localeCompare(b.extension)).map((c) => `- \`${c.extension}\` is ${c.name} when ${c.when}.`),
    '',
    'Generated from `src/engine/scanner/languages/` (`npm run docs:languages`); a unit test fails when it is stale.',
    '',
  ].join('\n');
}
