import assert from 'node:assert/strict';
import type { CommentSpan } from '../../../src/engine/scanner/comments';
import { findComments } from '../../../src/engine/scanner/lexer';
import { languageById, languageForFile, supportedLanguages } from '../../../src/engine/scanner/languages';

function comments(id: string, text: string): CommentSpan[] {
  const language = languageById(id);
  assert.ok(language, `unknown language ${id}`);
  return findComments(text, language);
}

/** Each comment as `marker|content|language`. */
function read(id: string, text: string): string[] {
  return comments(id, text).map((s) => `${s.marker}|${text.slice(s.contentStart, s.contentEnd)}|${s.language}`);
}

describe('lexer: the CommentSpan contract', () => {
  it('gives a line comment its marker, content after the marker, and an end before the line break (CRLF too)', () => {
    const text = 'a /// TODO: x\r\nb';
    assert.deepEqual(comments('typescript', text), [
      { start: 2, end: 13, contentStart: 4, contentEnd: 13, block: false, marker: '//', language: 'typescript' },
    ]);
  });

  it('gives a block comment offsets of its markers', () => {
    const text = 'x /* TODO */ y';
    assert.deepEqual(comments('c', text), [{ start: 2, end: 12, contentStart: 4, contentEnd: 10, block: true, marker: '/*', language: 'c' }]);
  });

  it('keeps consecutive line comments as separate spans, in document order', () => {
    assert.deepEqual(read('python', '# TODO: a\n# body\n\nx = 1 # c'), ['#| TODO: a|python', '#| body|python', '#| c|python']);
  });

  it('runs an unterminated block comment to the end of the text', () => {
    const text = 'int x; /* TODO: never closed\nmore';
    const [span] = comments('c', text);
    assert.ok(span);
    assert.equal(span.end, text.length);
    assert.equal(span.contentEnd, text.length);
  });

  it('ends an unterminated single-line string at its line, so the next line still counts', () => {
    assert.deepEqual(read('python', 's = "oops\n# TODO: next'), ['#| TODO: next|python']);
    assert.deepEqual(read('typescript', "const s = 'oops // no\n// TODO: next"), ['//| TODO: next|typescript']);
  });

  it('writes the opening marker as written', () => {
    assert.deepEqual(read('lua', '--[==[ a ]==] --[[ b ]] -- c'), ['--[==[| a |lua', '--[[| b |lua', '--| c|lua']);
    // A long bracket only right after `--`: `---[x]` and `---[[` are line comments (nvim-lspconfig's types).
    assert.deepEqual(read('lua', '---[fmt.Printf] a\n---[[ b\n-- c'), ['--|-[fmt.Printf] a|lua', '--|-[[ b|lua', '--| c|lua']);
    assert.deepEqual(read('ruby', '=begin\nx\n=end\n# y'), ['=begin|\nx\n|ruby', '#| y|ruby']);
    assert.deepEqual(read('powershell', '<# a #> # b'), ['<#| a |powershell', '#| b|powershell']);
    assert.deepEqual(read('haskell', '{- a {- b -} -} -- c'), ['{-| a {- b -} |haskell', '--| c|haskell']);
    assert.deepEqual(read('html', '<!-- a -->'), ['<!--| a |html']);
    assert.deepEqual(read('erlang', '% a'), ['%| a|erlang']);
    assert.deepEqual(read('clojure', ';; a'), [';|; a|clojure']);
    assert.deepEqual(read('sql', '-- a\n/* b */'), ['--| a|sql', '/*| b |sql']);
    assert.deepEqual(read('cmake', '#[[ a ]] # b'), ['#[[| a |cmake', '#| b|cmake']);
  });

  it('skips a shebang line but not a Rust inner attribute, and reads past a byte-order mark', () => {
    assert.deepEqual(read('shellscript', '#!/bin/sh # no\n# yes'), ['#| yes|shellscript']);
    assert.deepEqual(read('javascript', '\ufeff#!/usr/bin/env node\n// yes'), ['//| yes|javascript']);
    assert.deepEqual(read('rust', '#![allow(x)] // yes'), ['//| yes|rust']);
  });

  it('never throws on empty text or a language it was not built for', () => {
    assert.deepEqual(findComments('', languageById('typescript')!), []);
    assert.deepEqual(findComments('// x', { id: 'mystery' }), []);
  });
});

describe('lexer: embedded languages', () => {
  it('reads <script> as JavaScript or TypeScript and <style> as CSS, SCSS or Less', () => {
    const html = [
      '<!-- page -->',
      '<script>// js</script>',
      '<script lang="ts">// ts</script>',
      "<SCRIPT type='text/typescript'>/* ts2 */</SCRIPT>",
      '<script lang="tsx">// tsx</script>',
      '<style>/* css */ // not a css comment\n</style>',
      '<style lang="scss">// scss</style>',
      '<style lang=less>// less</style>',
      '<script src="x.js" />',
      '<p>// text</p>',
    ].join('\n');
    assert.deepEqual(read('html', html), [
      '<!--| page |html',
      '//| js|javascript',
      '//| ts|typescript',
      '/*| ts2 |typescript',
      '//| tsx|typescriptreact',
      '/*| css |css',
      '//| scss|scss',
      '//| less|less',
    ]);
  });

  it('gives Vue and Svelte template comments the file language', () => {
    const sfc = '<template>\n  <!-- tpl -->\n</template>\n<script setup lang="ts">\n// code\n</script>\n<style scoped>\n/* style */\n</style>\n';
    assert.deepEqual(read('vue', sfc), ['<!--| tpl |vue', '//| code|typescript', '/*| style |css']);
    assert.deepEqual(read('svelte', '<script>/* s */</script><!-- t -->'), ['/*| s |javascript', '<!--| t |svelte']);
  });

  it('leaves data and template scripts alone', () => {
    assert.deepEqual(read('html', '<script type="application/ld+json">{"a": "// x"}</script><script type="text/x-template"><!-- t --></script>'), [
      '<!--| t |html',
    ]);
  });

  it('reads PHP islands as PHP and the page around them as markup', () => {
    assert.deepEqual(read('php', '<p><!-- h --></p><?php // a ?>// text<?= $x /* b */ ?>'), ['<!--| h |php', '//| a |php', '/*| b |php']);
  });
});

describe('languages: lookup', () => {
  const byFile: [string, string][] = [
    ['src/a.ts', 'typescript'],
    ['src/a.tsx', 'typescriptreact'],
    ['a.mjs', 'javascript'],
    ['App.jsx', 'javascriptreact'],
    ['x/y.py', 'python'],
    ['main.go', 'go'],
    ['lib.rs', 'rust'],
    ['A.java', 'java'],
    ['build.gradle.kts', 'kotlin'],
    ['a.c', 'c'],
    ['a.h', 'c'],
    ['a.hpp', 'cpp'],
    ['a.m', 'objective-c'],
    ['P.cs', 'csharp'],
    ['a.swift', 'swift'],
    ['Rakefile', 'ruby'],
    ['Gemfile', 'ruby'],
    ['a.php', 'php'],
    ['deploy.sh', 'shellscript'],
    ['home/.bashrc', 'shellscript'],
    ['.zshrc', 'shellscript'],
    ['.profile', 'shellscript'],
    ['ci.yml', 'yaml'],
    ['q.sql', 'sql'],
    ['i.html', 'html'],
    ['pom.xml', 'xml'],
    ['A.vue', 'vue'],
    ['A.svelte', 'svelte'],
    ['a.css', 'css'],
    ['a.scss', 'scss'],
    ['a.less', 'less'],
    ['README.md', 'markdown'],
    ['init.lua', 'lua'],
    ['Main.hs', 'haskell'],
    ['mix.exs', 'elixir'],
    ['a.erl', 'erlang'],
    ['core.clj', 'clojure'],
    ['main.dart', 'dart'],
    ['A.scala', 'scala'],
    ['analysis.R', 'r'],
    ['x.ps1', 'powershell'],
    ['Dockerfile', 'dockerfile'],
    ['docker/Dockerfile.prod', 'dockerfile'],
    ['Containerfile', 'dockerfile'],
    ['api.Dockerfile', 'dockerfile'],
    ['Makefile', 'makefile'],
    ['GNUmakefile', 'makefile'],
    ['rules.mk', 'makefile'],
    ['main.tf', 'terraform'],
    ['a.tftest.hcl', 'terraform'],
    ['Cargo.toml', 'toml'],
    ['setup.cfg', 'ini'],
    ['php.ini', 'ini'],
    ['CMakeLists.txt', 'cmake'],
    ['Jenkinsfile', 'groovy'],
    ['.gitignore', 'ignore'],
    ['.env.local', 'dotenv'],
    ['C:\\src\\a.ts', 'typescript'],
  ];
  for (const [file, id] of byFile) {
    it(`${file} → ${id}`, () => assert.equal(languageForFile(file)?.id, id));
  }

  it('does not know plain text, binaries or extension-less files', () => {
    for (const file of ['notes.txt', 'a.png', 'LICENSE', '', 'dir/']) assert.equal(languageForFile(file), undefined, file);
  });

  it('maps VS Code language ids, including aliases', () => {
    const ids: [string, string][] = [
      ['typescriptreact', 'typescriptreact'],
      ['javascriptreact', 'javascriptreact'],
      ['shellscript', 'shellscript'],
      ['bash', 'shellscript'],
      ['dockerfile', 'dockerfile'],
      ['makefile', 'makefile'],
      ['terraform', 'terraform'],
      ['hcl', 'terraform'],
      ['csharp', 'csharp'],
      ['cpp', 'cpp'],
      ['objective-c', 'objective-c'],
      ['objective-cpp', 'objective-c'],
      ['jsonc', 'jsonc'],
      ['github-actions-workflow', 'yaml'],
    ];
    for (const [id, expected] of ids) assert.equal(languageById(id)?.id, expected, id);
    assert.equal(languageById('plaintext'), undefined);
  });

  it('lists every language once with a name and a way to find it', () => {
    const list = supportedLanguages();
    assert.ok(list.length >= 45, `only ${list.length} languages`);
    assert.equal(new Set(list.map((l) => l.id)).size, list.length);
    for (const l of list) {
      assert.ok(l.name, l.id);
      assert.ok(l.extensions.length + l.fileNames.length + l.claims.length > 0, l.id);
      assert.equal(languageById(l.id)?.id, l.id);
    }
  });
});
