import * as assert from 'node:assert/strict';
import { DEFAULT_ANNOTATION_OPTIONS } from '../../../src/engine/model';
import { resolveLanguage, scanDocument } from '../../../src/engine/scanner/document';
import { languageForFile, languageFromFirstLines, mayBeScript } from '../../../src/engine/scanner/languages';
import { shebangInterpreter } from '../../../src/engine/scanner/languages/shebang';
import { scan } from '../../../src/engine/scanner/scan';
import { makeTree, options, removeTree } from './helpers';

/** A Tcl script that starts as a shell script: Tcl continues the comment over the next line, sh runs it. */
const TCL_VIA_SH = '#!/bin/sh\n# the next line restarts with tclsh \\\nexec tclsh "$0" "$@"\n\nproc greet {} {\n    # TODO: real\n    puts "hello # TODO: decoy"\n}\n';
/** The same idiom as git-gui.sh: several continued lines, then `exec wish`. */
const WISH_VIA_SH = '#!/bin/sh\n# Tcl ignores the next line -*- tcl -*- \\\n if test "z$*" = zversion \\\n then \\\n\techo version; exit; \\\n fi; \\\n exec wish "$0" -- "$@"\n\n# TODO: real\n';

describe('scan: a file\'s language from its #! line, its name and scan.languages', () => {
  it('reads the interpreter of a #! line: path, env, env -S, flags and versions', () => {
    const cases: [string, string | undefined][] = [
      ['#!/usr/bin/env perl\n', 'perl'],
      ['#!/usr/bin/perl -w\n', 'perl'],
      ['#! /bin/sh\n', 'sh'],
      ['#!/usr/bin/env -S deno run --allow-net\n', 'deno'],
      ['#!/usr/bin/env -S node --no-warnings\n', 'node'],
      ['#!/usr/bin/env -i PATH=/bin python3\n', 'python3'],
      ['\ufeff#!/usr/bin/env ruby\n', 'ruby'],
      ['#!/usr/local/bin/tclsh8.6\n', 'tclsh8.6'],
      ['#!/usr/bin/env python3.12', 'python3.12'],
      ['# not a shebang\n', undefined],
      ['#![allow(dead_code)]\n', undefined],
    ];
    for (const [text, expected] of cases) assert.equal(shebangInterpreter(text), expected, text);
  });

  it('knows each interpreter\'s language', () => {
    const cases: [string, string][] = [
      ['#!/usr/bin/env perl', 'perl'],
      ['#!/usr/bin/perl -w', 'perl'],
      ['#!/usr/bin/env tclsh', 'tcl'],
      ['#!/usr/bin/wish8.6', 'tcl'],
      ['#!/usr/bin/env python3', 'python'],
      ['#!/usr/bin/env python3.12', 'python'],
      ['#!/bin/bash', 'shellscript'],
      ['#!/bin/sh', 'shellscript'],
      ['#!/usr/bin/env zsh', 'shellscript'],
      ['#!/usr/bin/env node', 'javascript'],
      ['#!/usr/bin/env -S deno run', 'typescript'],
      ['#!/usr/bin/env ruby', 'ruby'],
      ['#!/usr/bin/env -S uv run --script', 'python'],
      ['#!/usr/bin/env Rscript', 'r'],
      ['#!/usr/bin/make -f', 'makefile'],
      ['#!/usr/bin/env swipl', 'prolog'],
      ['#!/usr/bin/env lua5.4', 'lua'],
      ['#!/usr/bin/env escript', 'erlang'],
    ];
    for (const [line, id] of cases) assert.equal(languageFromFirstLines(`${line}\n# TODO: x\n`)?.id, id, line);
    assert.equal(languageFromFirstLines('#!/usr/bin/env nonesuch\n'), undefined);
    assert.equal(languageFromFirstLines('plain text\n'), undefined);
  });

  it('sees the Tcl hand-over of a shell script (git-gui.sh), and Emacs and Vim mode lines', () => {
    assert.equal(languageFromFirstLines(TCL_VIA_SH)?.id, 'tcl');
    assert.equal(languageFromFirstLines(WISH_VIA_SH)?.id, 'tcl');
    assert.equal(languageFromFirstLines('#!/bin/sh\n# not continued\nexec tclsh "$@"\n')?.id, 'shellscript');
    assert.equal(languageFromFirstLines('#!/bin/sh\nexec scala "$0" "$@"\n!#\nobject A\n')?.id, 'scala');
    assert.equal(languageFromFirstLines('# -*- mode: python; coding: utf-8 -*-\nx = 1\n')?.id, 'python');
    assert.equal(languageFromFirstLines('#!/bin/sh\n# -*- tcl -*-\n')?.id, 'tcl');
    assert.equal(languageFromFirstLines('# vim: set ft=perl:\n')?.id, 'perl');
  });

  it('reads a .t file of prose and indented commands as a Cram test, and a Perl test as Perl', () => {
    const cram = 'Dune builds the parser:\n\n  $ dune build\n  Error: no rule\n\nFIXME: unexpectedly, Dune generated the missing parser\n  $ ls\n';
    assert.equal(resolveLanguage({ file: 'test/blackbox-tests/no-gen.t' }, cram)?.id, 'cram');
    assert.deepEqual(scanDocument(cram, { file: 'test/no-gen.t' }, DEFAULT_ANNOTATION_OPTIONS).items.map((i) => i.title), ['unexpectedly, Dune generated the missing parser']);
    const perl = 'use Mojo::Base -strict;\nuse Test::More;\n# TODO: real\nmy $t = 1;\n  $ x\n';
    assert.equal(resolveLanguage({ file: 't/app.t' }, perl)?.id, 'perl');
    assert.equal(resolveLanguage({ file: 't/app.t' }, 'ok(1);\n')?.id, 'perl');
  });

  it('reads a Raku test or module that keeps Perl\'s .t or .pm as Raku, and Perl\'s as Perl', () => {
    assert.equal(resolveLanguage({ file: 't/01-parse.t' }, 'use v6;\nuse Test;\nmy @t = Q<<"x">>;\n')?.id, 'raku');
    assert.equal(resolveLanguage({ file: 'lib/Win32.pm' }, 'my class IO::Spec::Win32 is IO::Spec::Unix {\n}\n')?.id, 'raku');
    assert.equal(resolveLanguage({ file: 'lib/Contains.pm' }, 'module ContainsUnicode {\n}\n')?.id, 'raku');
    assert.equal(resolveLanguage({ file: 'lib/Ack.pm' }, 'package App::Ack;\nuse strict;\nuse warnings;\n')?.id, 'perl');
    assert.equal(resolveLanguage({ file: 'lib/Point.pm' }, 'use v5.38;\nuse feature "class";\nclass Point { field $x; }\n')?.id, 'perl');
  });

  it('reads a zsh function file without #! by its #compdef or #autoload line', () => {
    assert.equal(languageFromFirstLines('#compdef supervisorctl\n\ntypeset -A opt_args\n# TODO: add all\n')?.id, 'shellscript');
    assert.equal(languageFromFirstLines('#autoload\n_git_branches() {}\n')?.id, 'shellscript');
    assert.equal(languageFromFirstLines('#compdefs are listed below\n'), undefined);
    assert.equal(languageFromFirstLines('x\n#compdef git\n'), undefined);
    const scan = scanDocument('#compdef supervisorctl\n# TODO: add all\n', { file: 'plugins/supervisor/_supervisorctl' }, DEFAULT_ANNOTATION_OPTIONS);
    assert.deepEqual(scan.items.map((i) => i.title), ['add all']);
  });

  it('reads a file named after a well-known one in its own language, and a variant of it as that file', () => {
    const cases: [string, string | undefined][] = [
      ['runtime/syntax/kconfig.vim', 'vim'],
      ['runtime/syntax/dockerfile.vim', 'vim'],
      ['scripts/kconfig/kconfig.py', 'python'],
      ['src/makefile.rs', 'rust'],
      ['Kconfig.debug', 'kconfig'],
      ['Dockerfile.dev', 'dockerfile'],
      ['Dockerfile.j2', 'dockerfile'],
      ['Makefile.inc', 'makefile'],
      ['Makefile.in', 'makefile'],
      ['Jenkinsfile.release', 'groovy'],
    ];
    for (const [file, id] of cases) assert.equal(languageForFile(file)?.id, id, file);
  });

  it('reads a file switched off by its name (.disabled) or a template a build fills in (.in, .src) as the file it names, and CSL styles as XML', () => {
    const cases: [string, string | undefined][] = [
      ['tests/unit/websocketstream_test.ts.disabled', 'typescript'],
      ['config.h.in', 'c'],
      ['scipy/signal/_sigtools.pyx.in', 'python'],
      ['cmake/FooConfig.cmake.in', 'cmake'],
      ['numpy/core/src/loops.c.src', 'c'],
      // A compound extension of the table's own wins (Erlang's `.app.src`); a name keeps its language.
      ['src/rebar.app.src', 'erlang'],
      ['Makefile.in', 'makefile'],
      ['tests/input.in', undefined],
      ['Makefile.disabled', 'makefile'],
      ['src/lib.rs.disabled', 'rust'],
      ['notes.disabled', undefined],
      ['.disabled', undefined],
      ['data/default.csl', 'xml'],
    ];
    for (const [file, id] of cases) assert.equal(languageForFile(file)?.id, id, file);
    const scan = scanDocument('// TODO(mmastrac): This fails\nDeno.test(() => {});\n', { file: 'tests/unit/ws_test.ts.disabled' }, DEFAULT_ANNOTATION_OPTIONS);
    assert.deepEqual(scan.items.map((i) => [i.language, i.title]), [['typescript', 'This fails']]);
  });

  it('knows well-known file names', () => {
    const names: [string, string][] = [
      ['Makefile', 'makefile'],
      ['Dockerfile', 'dockerfile'],
      ['Rakefile', 'ruby'],
      ['Gemfile', 'ruby'],
      ['Vagrantfile', 'ruby'],
      ['Jenkinsfile', 'groovy'],
      ['CMakeLists.txt', 'cmake'],
      ['meson.build', 'meson'],
      ['meson_options.txt', 'meson'],
      ['BUILD', 'python'],
      ['pkg/BUILD.bazel', 'python'],
      ['WORKSPACE', 'python'],
      ['MODULE.bazel', 'python'],
      ['Tiltfile', 'python'],
      ['justfile', 'just'],
      ['Kconfig', 'kconfig'],
      ['configure.ac', 'm4'],
      ['Makefile.PL', 'perl'],
      ['go.mod', 'go.mod'],
      ['Earthfile', 'dockerfile'],
      ['requirements.txt', 'pip-requirements'],
      ['.vimrc', 'vim'],
      ['.emacs', 'emacs-lisp'],
      ['nginx.conf', 'nginx'],
      ['.htaccess', 'apacheconf'],
      ['pylintrc', 'ini'],
      ['docs/pixi.coffee.md', 'coffeescript'],
      ['src/parser.yrl', 'erlang'],
      ['src/Trace.aj', 'java'],
      ['installscript.qs', 'javascript'],
      ['bindings/linear_solver.swg', 'cpp'],
      ['locale/english.lbx', 'latex'],
      ['dom/Fetch.webidl', 'webidl'],
      ['wit/io.wit', 'wit'],
      ['scripts/main.zeek', 'zeek'],
      ['lib/core.fth', 'forth'],
      ['src/parse.y', 'yacc'],
      ['src/scanner.l', 'yacc'],
      ['src/LexScan.flex', 'yacc'],
      ['src/builtin.jq', 'jq'],
      ['app/components/greeting.gts', 'glimmer-ts'],
      ['app/components/card.gjs', 'glimmer-js'],
      ['Cabal/Cabal.cabal', 'cabal'],
      ['cabal.project.local', 'cabal'],
      ['cabal.project.ci', 'cabal'],
      ['src/dune', 'dune'],
      ['dune-project', 'dune'],
      ['man/onBookmark.Rd', 'rd'],
      ['.bazelrc', 'ini'],
      ['lib/app_web/components/layouts/root.html.heex', 'eex'],
      ['lib/app_web/live/page_live.html.leex', 'eex'],
      ['priv/templates/phx.gen.html/index.html.eex', 'eex'],
      ['lib/app.ex', 'elixir'],
      ['charts/app/templates/_helpers.tpl', 'gotmpl'],
      ['resources/views/welcome.blade.php', 'blade'],
      ['doc/asdf.texinfo', 'texinfo'],
      ['share/completions/nvim.fish', 'fish'],
      ['crates/nu-std/std/help/mod.nu', 'nushell'],
      ['src/cold/build-order.lisp-expr', 'lisp'],
      ['src/runtime/x86-assem.S', 'asm'],
      ['app/Http/Kernel.php', 'php'],
      ['layouts/partials/head.gohtml', 'gotmpl'],
      ['tools/ci.bazelrc', 'ini'],
      ['R/bookmark.R', 'r'],
      ['src/emitter.tl', 'lua'],
      ['plugins/Cinema4D.pyp', 'python'],
      ['lib/tools.4TH', 'forth'],
      ['ui/app.slint', 'slint'],
      ['src/lulesh.chpl', 'chapel'],
      ['lib/FakeFile.pike', 'pike'],
      ['gamemodes/fixes.pwn', 'pawn'],
      ['src/Main.as', 'actionscript'],
      ['meta/recipes/qtbase_%.bbappend', 'bitbake'],
      ['classes/cmake.bbclass', 'bitbake'],
      ['etc/default.vcl', 'vcl'],
      ['docs/curl.1', 'roff'],
      ['man/URI.3pm', 'roff'],
      // Still the more common language of a shared extension, until the first lines say otherwise.
      ['rtl/top.v', 'verilog'],
      ['src/f.m', 'objective-c'],
    ];
    for (const [file, id] of names) assert.equal(languageForFile(file)?.id, id, file);
  });

  it('looks at the first lines only of files without an extension or with one scripts share', () => {
    for (const file of ['bin/release', 'configure', 'Makefile', 'tools/git-gui.sh', 'cgi-bin/form.cgi', 'run.pl', 't/basic.t']) assert.equal(mayBeScript(file), true, file);
    for (const file of ['src/a.ts', 'x.py', '.bashrc', '.env', 'notes.txt', 'Dockerfile.dev']) assert.equal(mayBeScript(file), false, file);
  });

  it('reads an extensionless script by its #! line, a .sh that is Tcl as Tcl, and leaves other extensionless files alone', () => {
    const options = DEFAULT_ANNOTATION_OPTIONS;
    const release = scanDocument('#!/usr/bin/env python3\ns = "# TODO: decoy"\n# TODO: real\n', { file: 'bin/release' }, options);
    assert.deepEqual(release.items.map((i) => [i.title, i.language]), [['real', 'python']]);
    const gui = scanDocument(TCL_VIA_SH, { file: 'git-gui.sh' }, options);
    assert.deepEqual(gui.items.map((i) => [i.title, i.language]), [['real', 'tcl']]);
    // In the editor, VS Code calls it shell by its extension: the first lines still win.
    assert.equal(resolveLanguage({ file: 'git-gui.sh', languageId: 'shellscript' }, TCL_VIA_SH)?.id, 'tcl');
    assert.deepEqual(scanDocument('TODO: not a script\n# TODO: no language\n', { file: 'NOTES' }, options).items, []);
    // A name wins when the first lines say nothing.
    assert.deepEqual(scanDocument('# TODO: real\nall:\n', { file: 'Makefile' }, options).items.map((i) => i.language), ['makefile']);
  });

  it('reads a .m file as MATLAB when its first lines say so (% comments, function, classdef), else as Objective-C', () => {
    const options = DEFAULT_ANNOTATION_OPTIONS;
    const matlab = "function y = f(x)\n% F squares. \n  y = x' * x; % TODO: vectorise\n  s = 'a % TODO: decoy';\nend\n";
    assert.deepEqual(scanDocument(matlab, { file: 'lib/f.m' }, options).items.map((i) => [i.title, i.language]), [['vectorise', 'matlab']]);
    // VS Code calls every .m file Objective-C: the first lines still win.
    assert.equal(resolveLanguage({ file: 'lib/f.m', languageId: 'objective-c' }, matlab)?.id, 'matlab');
    assert.equal(resolveLanguage({ file: 'lib/Shape.m' }, 'classdef Shape < handle\n  properties\n  end\nend\n')?.id, 'matlab');
    assert.equal(resolveLanguage({ file: 'lib/run.m' }, '## Octave: run it\nx = 1;\n')?.id, 'matlab');
    // Objective-C stays Objective-C, even with a line that starts with % (a format string continued).
    const objc = '#import <Foundation/Foundation.h>\n@implementation Foo\n- (void)bar {\n  NSLog(@"%d",\n%d); // TODO: real\n}\n@end\n';
    assert.deepEqual(scanDocument(objc, { file: 'Foo.m' }, options).items.map((i) => [i.title, i.language]), [['real', 'objective-c']]);
    assert.equal(resolveLanguage({ file: 'Foo.m' }, '@interface Foo : NSObject\n@end\n% x\n')?.id, 'objective-c');
    // Nothing to tell by: the extension's reader, as before; .mm is never MATLAB.
    assert.equal(resolveLanguage({ file: 'x.m' }, 'x = 1;\n')?.id, 'objective-c');
    assert.equal(resolveLanguage({ file: 'x.mm' }, '% TODO: x\n')?.id, 'objective-c');
    assert.equal(resolveLanguage({ file: 'x.m' })?.id, 'objective-c');
  });

  it('reads a .sql file as MySQL-flavoured SQL when its first lines say so (a dump header, ENGINE=, `backticks`), else as standard SQL', () => {
    const options = DEFAULT_ANNOTATION_OPTIONS;
    const dump = "-- MySQL dump 10.13\n/*!40101 SET NAMES utf8 */;\nINSERT INTO `t` VALUES ('didn\\'t -- TODO: decoy');\n-- TODO: real\n";
    assert.deepEqual(scanDocument(dump, { file: 'db/dump.sql' }, options).items.map((i) => [i.title, i.language]), [['real', 'mysql']]);
    assert.equal(resolveLanguage({ file: 'a.sql' }, 'CREATE TABLE t (id int) ENGINE=InnoDB;\n')?.id, 'mysql');
    // PostgreSQL, or SQL with nothing to tell by: standard SQL, where a backslash is a character.
    assert.equal(resolveLanguage({ file: 'a.sql' }, "SELECT 'C:\\' AS dir; -- x\n")?.id, 'sql');
    assert.deepEqual(scanDocument("SELECT 'C:\\'; -- TODO: real\n", { file: 'a.sql' }, options).items.map((i) => i.title), ['real']);
  });

  it('tells other shared extensions apart by their first lines: Prolog .pl, Apex .cls, Free Pascal .pp, GLSL .fs, Forth .fs .f .for, C, Pascal and BitBake .inc, Qt .ts', () => {
    const cases: [string, string, string][] = [
      ['src/format_spec.pl', ':- module(format_spec, [format_spec/2]).\n% TODO loading this module is optional\n', 'prolog'],
      ['lib/Foo.pl', 'package Foo;\nuse strict;\n:- not prolog\n', 'perl'],
      // Linguist's ex6.pl: no directive, only rules.
      ['ex6.pl', '%6.8\nsubset(Set, Subset) :-\n\tappend(L1, Subset, Set).\n', 'prolog'],
      ['bin/run.pl', 'my %h = (a => 1);\nprint "x :-\n";\n', 'perl'],
      ['lib/run.pl', 'my $x = 1; # TODO: x\n', 'perl'],
      ['classes/AccountService.cls', '@isTest\npublic with sharing class AccountService {\n  // TODO: bulkify\n}\n', 'apex'],
      ['vba/Colors.cls', 'VERSION 1.0 CLASS\nBEGIN\nEND\nAttribute VB_Name = "Colors"\nPublic Enum Colors\n', 'latex'],
      ['tex/thesis.cls', '\\NeedsTeXFormat{LaTeX2e}\n\\ProvidesClass{thesis}\n% TODO: margins\n', 'latex'],
      ['src/unit1.pp', 'unit Unit1;\n\ninterface\n{ TODO: real }\n', 'pascal'],
      ['manifests/init.pp', "class nginx {\n  # TODO: real\n  package { 'nginx': ensure => installed }\n}\n", 'puppet'],
      ['shaders/blur.fs', '#version 330 core\nout vec4 color; /* TODO: real */\n', 'glsl'],
      ['src/Program.fs', 'module Program\n(* TODO: real *)\nlet x = 1\n', 'fsharp'],
      ['src/initClasses.inc', '// define cpp macros\n#define SET_SYMBOL(x) x\n', 'cpp'],
      ['include/fixes.inc', '/*\n * fixes.inc\n */\n#include <a_samp>\nnative foo();\n', 'cpp'],
      ['scenes/table.inc', '#declare Table = union { box { 0, 1 } }\n', 'cpp'],
      ['rtl/libc.inc', '{\n  Free Pascal\n}\n{$mode objfpc}\nfunction puts(s: PChar): Integer; cdecl;\n', 'pascal'],
      ['recipes/xorg-driver-common.inc', 'SUMMARY = "X driver"\nDEPENDS = "virtual/xserver"\ninherit autotools\n', 'bitbake'],
      ['lib/header.inc', '<?php\n// TODO: real\n#include nothing\n', 'php'],
      ['lib/legacy.inc', 'function foo() { return 1; }\n', 'php'],
      // A well-known name wins over what the first lines would claim for its extension.
      ['stand/Makefile.inc', 'S=${.CURDIR}/../../..\n# TODO: real\n.include <bsd.prog.mk>\n', 'makefile'],
      ['kernel/kernel.fs', '\\ Gforth kernel\n: sq ( n -- n*n ) dup * ;\n', 'forth'],
      ['bin/hello', '#! /usr/bin/env gforth\n.( hello) cr bye\n', 'forth'],
      ['src/core.f', ': 2over ( a b c d -- a b c d a b ) 3 pick 3 pick ;\n', 'forth'],
      ['src/solver.f', 'C     SOLVE THE SYSTEM\n      PROGRAM MAIN\n      END\n', 'fortran-fixed'],
      ['src/legacy.for', '      SUBROUTINE X\n* TODO: real\n      END\n', 'fortran-fixed'],
      ['i18n/app_de.ts', '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1"><!-- TODO: real --></TS>\n', 'xml'],
      ['src/app.ts', '// TODO: real\nconst x = "<?xml";\n', 'typescript'],
    ];
    for (const [file, text, id] of cases) assert.equal(resolveLanguage({ file }, text)?.id, id, file);
    const apex = scanDocument("public class A {\n  String s = '// TODO: decoy'; // TODO: bulkify\n}\n", { file: 'A.cls' }, DEFAULT_ANNOTATION_OPTIONS);
    assert.deepEqual(apex.items.map((i) => [i.title, i.language]), [['bulkify', 'apex']]);
  });

  it('reads a .v file as Rocq (Coq) when its first lines say so (Require, Theorem, Definition, …), else as Verilog', () => {
    const options = DEFAULT_ANNOTATION_OPTIONS;
    const rocq = 'From Coq Require Import List.\n(* TODO: generalise *)\nDefinition s := "(* TODO: decoy *)".\nLemma l : True. Proof. auto. Qed.\n';
    assert.deepEqual(scanDocument(rocq, { file: 'theories/L.v' }, options).items.map((i) => [i.title, i.language]), [['generalise', 'coq']]);
    assert.equal(resolveLanguage({ file: 'theories/L.v', languageId: 'verilog' }, rocq)?.id, 'coq');
    const verilog = '`timescale 1ns/1ps\nmodule top(input clk);\n  // TODO: real\n  /* Definition of the bus */\nendmodule\n';
    assert.deepEqual(scanDocument(verilog, { file: 'rtl/top.v' }, options).items.map((i) => [i.title, i.language]), [['real', 'verilog']]);
    assert.equal(resolveLanguage({ file: 'rtl/x.v' }, 'module x;\nDefinition of nothing\nendmodule\n')?.id, 'verilog');
  });

  it('maps files by scan.languages first: custom formats, and files read as another language', () => {
    const options = { ...DEFAULT_ANNOTATION_OPTIONS, languages: { '**/*.test': 'python', 'templates/*.inc': 'html' } };
    const test = scanDocument('x = "# TODO: decoy"  # TODO: real\n', { file: 'cases/a.test' }, options);
    assert.deepEqual(test.items.map((i) => [i.title, i.language]), [['real', 'python']]);
    const inc = scanDocument('<?php // TODO: decoy ?>\n<!-- TODO: real -->\n', { file: 'templates/head.inc', languageId: 'php' }, options);
    assert.deepEqual(inc.items.map((i) => [i.title, i.language]), [['real', 'html']]);
    // A glob without a slash matches names anywhere; other files keep their language.
    assert.equal(resolveLanguage({ file: 'deep/x/y.test' }, undefined, options)?.id, 'python');
    assert.equal(resolveLanguage({ file: 'lib/other.inc' }, undefined, options)?.id, 'php');
    assert.equal(resolveLanguage({ file: 'a.test' }, undefined, DEFAULT_ANNOTATION_OPTIONS), undefined);
  });
});

describe('scan: scripts and mapped files in a workspace scan', () => {
  let root = '';
  afterEach(() => root && removeTree(root));

  it('finds debt in extensionless scripts and mapped files, and still skips other unknown files', async () => {
    root = makeTree({
      'bin/release': '#!/usr/bin/env perl\nmy $s = q{# TODO: decoy}; # TODO: perl script\n',
      'bin/notes': 'TODO: prose, not a script\n# TODO: no language\n',
      'tools/git-gui.sh': TCL_VIA_SH,
      'BUILD': 'cc_library(name = "x")  # TODO: starlark\n',
      'cases/one.test': '# TODO: mapped\n',
      'other.xyz': '# TODO: unknown\n',
    });
    const result = await scan(options(root, { annotations: { ...DEFAULT_ANNOTATION_OPTIONS, languages: { '*.test': 'python' } } }));
    assert.deepEqual(result.items.map((i) => `${i.file} ${i.language} ${i.title}`), [
      'BUILD python starlark',
      'bin/release perl perl script',
      'cases/one.test python mapped',
      'tools/git-gui.sh tcl real',
    ]);
    assert.equal(result.stats.skipped.unknownLanguage, 1);
  });
});
