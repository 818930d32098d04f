import { strict as assert } from 'node:assert';
import { DEFAULT_ANNOTATION_OPTIONS } from '../../../src/engine/model';
import { scanDocument } from '../../../src/engine/scanner/document';
import { only, parse } from './helpers';

/** `TAG: title` of every item. */
function titles(text: string, lineMarkers?: string[]): string[] {
  return parse(text, {}, lineMarkers ? { lineMarkers } : {}).items.map((i) => `${i.tag}: ${i.title}`);
}

describe('grammar: the annotations real code writes', () => {
  describe('a directive before the tag, in the same comment', () => {
    const cases: [string, string, string[]?][] = [
      ['// @ts-expect-error FIXME: the types lag behind the API\n', 'FIXME: the types lag behind the API'],
      ['// @ts-ignore TODO remove once typed\n', 'TODO: remove once typed'],
      // svelte's SnippetBlock.js.
      ['// @ts-expect-error - TODO remove this hack once $$render_inner is gone\n', 'TODO: remove this hack once $$render_inner is gone'],
      ['// NOLINT: FIXME the cast loses precision\n', 'FIXME: the cast loses precision'],
      ['// NOLINT(bugprone-branch-clone): TODO merge the two branches\n', 'TODO: merge the two branches'],
      ['// NOLINTNEXTLINE(cert-err58-cpp, misc-x) TODO: static init order\n', 'TODO: static init order'],
      ['// eslint-disable-next-line no-console -- TODO: use the logger\n', 'TODO: use the logger'],
      ['/* eslint-disable no-var -- TODO: port to let */\n', 'TODO: port to let'],
      ['// biome-ignore lint/suspicious/noExplicitAny: TODO type the payload\n', 'TODO: type the payload'],
      ['//nolint:errcheck // TODO: handle the error\n', 'TODO: handle the error'],
      ['x = 1  # noqa: Y026  # TODO: use TypeAlias\n', 'TODO: use TypeAlias', ['#']],
      ['import a  # type: ignore[import-untyped] #TODO: add stubs\n', 'TODO: add stubs', ['#']],
      ['def f():  # pylint: disable=too-many-branches # TODO split it\n', 'TODO: split it', ['#']],
    ];
    for (const [text, expected, markers] of cases) {
      it(JSON.stringify(text.trim()), () => assert.deepEqual(titles(text, markers), [expected]));
    }

    it('a list item labelled with a tag: - TODO:', () => {
      // swift-nio's EventLoop.swift, jellyfin's EnumerableExtensions.cs, ruff's function.rs.
      assert.deepEqual(titles('/// - TODO: Investigate optimizing the call away on other platforms too.\n'), ['TODO: Investigate optimizing the call away on other platforms too.']);
      assert.deepEqual(titles('// Sorted by:\n//  - the community rating\n//  - TODO: Images that match the original language\n'), ['TODO: Images that match the original language']);
      assert.deepEqual(titles('/*\n * - Known functions need special treatment.\n * - TODO(carljm): Some functions are synthesized.\n */\n'), ['TODO: Some functions are synthesized.']);
      // Without the colon a tag word in a list is as often a placeholder (brotli's decode.c), and a
      // dash without a space or a word before the tag is no list item.
      assert.deepEqual(titles('/* the bits are XXXHPPP:\n *  - XXX represent the number of extra distance bits\n */\n'), []);
      assert.deepEqual(titles('// -TODO: x\n// - see TODO: y\n// - TODO(unclosed: z\n'), []);
    });

    it("a doc comment's todo tag: JSDoc's and PHPDoc's @todo, Doxygen's \\todo, marked as a todo the docs show", () => {
      // symfony's PdoSessionHandler.php, duckdb's SkipList.h, babel's util.ts.
      assert.deepEqual(titles('/**\n * @todo implement missing advisory locks\n *       - for oci using DBMS_LOCK.REQUEST\n */\n'), ['TODO: implement missing advisory locks']);
      assert.deepEqual(titles('/// \\todo Handle NaN\n// @todo: one more\n/** @todo */\n'), ['TODO: Handle NaN', 'TODO: one more', 'TODO: ']);
      const doc = parse('/**\n * Checks.\n * @todo Respect transparent expression wrappers\n * @see {@link util.js}\n * @param {NodePath} path\n */\n').items;
      assert.deepEqual(doc.map((i) => [i.line, i.column, i.title, i.body, i.directive]), [[3, 5, 'Respect transparent expression wrappers', '', 'todo']]);
      // Only in lower case, as the tools write it; `@TODO` stays a tag of its own, into which a reference may be written.
      assert.deepEqual(parse('// @TODO rename\n').items.map((i) => i.directive ?? null), [null]);
      // Not a word that starts with it, commented-out Ruby, or LaTeX's \todo command in a comment.
      assert.deepEqual(titles('// @todos are listed\n# @todo = Queue.new\n# @todo << job\n# @todo.pop\n% \\todo{commented out}\n', ['//', '#', '%']), []);
      // Without a TODO tag configured, it is no tag.
      assert.deepEqual(parse('// @todo x\n', { tags: [{ name: 'FIXME' }] }).items, []);
    });

    it('a doc tag line (@param, @returns, \\see) ends the annotation above it', () => {
      assert.deepEqual(parse('/**\n * TODO: fix the retry\n *   when the server is down\n * @param x the x\n * @returns {boolean}\n */\n').items.map((i) => [i.title, i.body]), [['fix the retry', 'when the server is down']]);
      // A line of owners and tokens is the annotation's, not a doc tag.
      assert.deepEqual(parse('// TODO: replace the loop\n//   @alice effort:3\n').items.map((i) => [i.owners, i.effort]), [[['alice'], 3]]);
    });

    it('JSDoc style: @TODO', () => {
      assert.deepEqual(titles('/** @TODO rename the helper */\n// @FIXME: flaky on CI\n'), ['TODO: rename the helper', 'FIXME: flaky on CI']);
      assert.equal(only('/**\n * Adds.\n * @TODO handle overflow\n */').column, 5);
    });

    it('but a tag in the middle of prose or of a directive\'s arguments is still prose', () => {
      const decoys = [
        '// we should TODO this\n',
        '// eslint-disable-next-line no-console TODO later\n',
        '// eslint-disable-next-line TODO-rule\n',
        '// @ts-expect-error\n',
        '// @param TODO the value\n',
        '// pragma once TODO\n',
      ];
      for (const text of decoys) assert.deepEqual(titles(text), [], text);
      assert.deepEqual(titles('# noqa: E501 see the TODO list\n# type: ignore  # see the TODO list\n', ['#']), []);
    });
  });

  describe('a tag after prose, in the same comment line, with its colon', () => {
    // Each from real code: thrift, duckdb, gopls, mypyc, ruff, ansible, efcore, rails, tokio, spring.
    const cases: [string, string][] = [
      ['// refetch rBase_ from memory.  TODO(dreiss): Verify this.\n', 'TODO: Verify this.'],
      ['// validate source and dest are strings FIXME: use basic.py and module specs\n', 'FIXME: use basic.py and module specs'],
      ['// #30915 TODO: currently throws on base; flip to assert results if/when fixed.\n', 'TODO: currently throws on base; flip to assert results if/when fixed.'],
      ['// maybe FIXME: decide when wrapper parens are needed\n', 'FIXME: decide when wrapper parens are needed'],
      ['// TESTING HACK: use Debug output to check the stored data\n', 'HACK: use Debug output to check the stored data'],
      ['// for now just make a new array; TODO: optimize\n', 'TODO: optimize'],
      ['// Step 12-19: TODO(@satyarohith): do the insertion in background.\n', 'TODO: do the insertion in background.'],
      ['// Checks a file is private (600 on linux, TODO: always true on windows)\n', 'TODO: always true on windows'],
      ['// the end .  TODO: spaced\n', 'TODO: spaced'],
      // Without its colon, with a list that names someone (hugo).
      ['cfs = nil // Set later. TODO(bep) this needs to be cleaned up.\n', 'TODO: this needs to be cleaned up.'],
      ['quiet bool // true reduces STDOUT // TODO(bep) remove, this is a global feature.\n', 'TODO: remove, this is a global feature.'],
      // A parenthesis of its own (pandoc, redis, gopls).
      ['// (TODO: change this on parsing side?)\n', 'TODO: change this on parsing side?'],
      ['// key not found - bail (FIXME: could we emit constant NULL here?)\n', 'FIXME: could we emit constant NULL here?'],
      ['x := 1 // if true, content is unsaved (TODO(rfindley): rename this field)\n', 'TODO: rename this field'],
      ['// 1. TODO: guarantee by primary/foreign key\n', 'TODO: guarantee by primary/foreign key'],
      ['/* Passthrough not supported. TODO: could pass through more operators */\n', 'TODO: could pass through more operators'],
      ['// BaseException. XXX: Taking the first element is wrong I think though.\n', 'XXX: Taking the first element is wrong I think though.'],
      ['// Is it safe? FIXME(ann): check the bounds\n', 'FIXME: check the bounds'],
    ];
    for (const [text, expected] of cases) {
      it(JSON.stringify(text.trim()), () => {
        assert.deepEqual(titles(text), [expected], 'read without the tag search');
        assert.deepEqual(
          scanDocument(text, { file: 'a.c' }, DEFAULT_ANNOTATION_OPTIONS).items.map((i) => `${i.tag}: ${i.title}`),
          [expected],
          'read with it, as a scan reads',
        );
      });
    }

    it('stands at the tag, with its owners; the sentence before it goes to an item already open', () => {
      const item = only('x();\n// refetch it.  TODO(dreiss): Verify this.\n');
      assert.deepEqual([item.line, item.column, item.owners], [2, 17, ['dreiss']]);
      const items = scanDocument('// TODO: first\n//   it retries. FIXME: second\n', { file: 'a.c' }, DEFAULT_ANNOTATION_OPTIONS).items;
      assert.deepEqual(items.map((i) => [i.tag, i.title, i.body]), [['TODO', 'first', 'it retries.'], ['FIXME', 'second', '']]);
    });

    it('but not without its colon, without the blank, when the word goes on, in quotes, after no word, or XXX as a value; in any case too', () => {
      const decoys = [
        '// Done. TODO list next\n',
        '// v1.TODO: a path\n',
        '// ok. TODOS: none\n',
        '// e.g.  \tTODO later\n',
        '// the "cannot populate chunk XXX: not found" error\n',
        '// prints `TODO: x` for each item\n',
        '// after LINE XXX: comes a caret\n',
        '// * TODO: None\n',
        '// call(TODO: x) here\n',
        // A list without its colon names no one: words, a string.
        '// it returns TODO(Babel 9) here\n',
        '// it calls TODO("x") there\n',
        // A code span wrapped onto the tag's line, in a doc comment's example.
        '/**\n * Where a tag stands (`// 1. TODO: x`, `# validate the\n * strings FIXME: use the specs`).\n */\n',
        '// the output in some cases (FIXME?).\n',
        // A tag after an article or "see" is a noun of the sentence.
        '// see the TODO: list\n',
        '// - see TODO: y\n',
        '// for each TODO: comment we check the author\n',
      ];
      for (const text of decoys) {
        assert.deepEqual(titles(text), [], text);
        assert.deepEqual(scanDocument(text, { file: 'a.c' }, DEFAULT_ANNOTATION_OPTIONS).items, [], text);
      }
      // After a sentence, XXX is a tag as any other.
      assert.deepEqual(titles('// But incorrect in general.  XXX: check the bounds\n'), ['XXX: check the bounds']);
      const anyCase = scanDocument('// done.  todo: later\n', { file: 'a.c' }, { ...DEFAULT_ANNOTATION_OPTIONS, caseSensitive: false }).items;
      assert.deepEqual(anyCase.map((i) => [i.tag, i.title]), [['TODO', 'later']]);
    });
  });

  describe('a comment in the comment, or a heading', () => {
    const scan = (text: string, file: string) => scanDocument(text, { file }, DEFAULT_ANNOTATION_OPTIONS).items.map((i) => [i.line, i.column, `${i.tag}: ${i.title}`, i.body]);

    it('code commented out with its comment: # # FIXME, // // TODO, its body the inner comment\'s lines only', () => {
      // DuckDB's tests, spring's SpelCompiler.
      assert.deepEqual(scan('# # FIXME: this test triggers an internal exception\n# # Upstream has a fix.\n# x = 1\n', 'a.py'), [[1, 5, 'FIXME: this test triggers an internal exception', 'Upstream has a fix.']]);
      const java = '\t//\tprivate static void save() {\n\t//\t\t// TODO Make target directory configurable.\n\t//\t\tString targetDir = "build";\n';
      assert.deepEqual(scan(java, 'a.java'), [[2, 9, 'TODO: Make target directory configurable.', '']]);
      assert.deepEqual(scan('# ## XXX: what is this\n', 'a.sh'), [[1, 6, 'XXX: what is this', '']]);
    });

    it('a heading with the tag: the lines under it are its text (Go doc\'s # TODO, a Cram test\'s # TODO(bob))', () => {
      const goDoc = '// Benchmarks.\n//\n// # TODO\n//   - add more benchmarks\n//   - fix the dashboard\npackage bench\n';
      assert.deepEqual(scan(goDoc, 'doc.go'), [[3, 6, 'TODO: add more benchmarks', '- fix the dashboard']]);
      const cram = 'Adding Fields\n-------------\n\n# TODO(shonfeder)\nAdding fields to existing stanzas is not supported\n\n  $ dune init exe x\n  Success\n';
      const [item] = scanDocument(cram, { file: 'run.t' }, DEFAULT_ANNOTATION_OPTIONS).items;
      assert.deepEqual([item?.line, item?.title, item?.owners], [4, 'Adding fields to existing stanzas is not supported', ['shonfeder']]);
    });

    it("but not in a doc comment's fenced example, nor without the blank, nor after one /", () => {
      // ruff's rule docs show the comments they flag.
      const example = '/// For example:\n/// ```python\n/// # TODO: fix this\n/// // FIXME: and this\n/// ```\n/// # TODO: after the example\nfn f() {}\n';
      assert.deepEqual(scan(example, 'a.rs'), [[6, 7, 'TODO: after the example', '']]);
      for (const decoy of ['// #TODO tag\n', '// /TODO is a path\n', '// #  #TODO: x\n', '// # Todo list\n']) assert.deepEqual(scan(decoy, 'a.ts'), [], decoy);
      // Nor under YARD's or JSDoc's @example, indented (rubocop's cops show the comments they flag); the doc goes on after it.
      const yard = [
        '# Checks empty blocks.',
        '#',
        '# @example AllowComments: true (default)',
        '#   items.each do |item|',
        '#     # TODO: implement later (inner comment)',
        '#   end',
        '#',
        '#   items.each { |item| } # TODO: implement later (inline comment)',
        '#',
        '# @see the style guide',
        '# It is slow.  TODO: cache the parse',
        'class EmptyBlock; end',
      ].join('\n');
      assert.deepEqual(scan(yard, 'empty_block.rb'), [[11, 16, 'TODO: cache the parse', '']]);
    });
  });

  describe('a tag without a title on its line', () => {
    const read = (text: string) => parse(text).items.map((i) => [i.title, i.body]);

    it('takes the next line as its title when it is prose; a list item without its marker', () => {
      // gopls' doc.go, pandoc's FB2.hs, a task list.
      assert.deepEqual(read('// TODO:\n//   - add more benchmarks\n//   - fix the dashboard\nx();\n'), [['add more benchmarks', '- fix the dashboard']]);
      assert.deepEqual(read('// TODO:\n// 1. expand this to more types.\n// 2. share the logic.\nx();\n'), [['expand this to more types.', '2. share the logic.']]);
      assert.deepEqual(read('// TODO:\n// - [ ] parsed literals\nx();\n'), [['parsed literals', '']]);
      assert.deepEqual(read('// TODO:\n// let binding in a destructure assignment is not handled\nx();\n'), [['let binding in a destructure assignment is not handled', '']]);
    });

    it('has none when the next line is code commented out under it (deno, duckdb, efcore, zls)', () => {
      for (const code of ['{', '"parallel/test-inspector.js": {},', 'auto &collation = GetCollation(type);', 'try testContext(', '</summary>', '==', 'x = f(a, b)']) {
        assert.deepEqual(read(`// TODO(bob):\n// ${code}\nx();\n`), [['', code]], code);
      }
    });

    it('loses a parenthesis it did not open: a tag inside one (duckdb), not a smiley', () => {
      assert.deepEqual(read('// private (600 on linux, TODO: always true on windows)\n'), [['always true on windows', '']]);
      assert.deepEqual(read('// TODO: approximate a valid curl test :-)\n'), [['approximate a valid curl test :-)', '']]);
    });
  });

  it('template comments with whitespace control: {#- TODO: x -#}', () => {
    const spans = { blocks: [['{#', '#}'] as [string, string]] };
    assert.deepEqual(parse('{#- TODO: trim the cache -#}\n', {}, spans).items.map((i) => i.title), ['trim the cache']);
    assert.deepEqual(parse('{#~ FIXME: x ~#}\n', {}, spans).items.map((i) => i.title), ['x']);
  });

  describe('what follows the tag', () => {
    it('[@owner] as a list', () => {
      const item = only('// TODO[@fisker]: remove the workaround\n');
      assert.deepEqual(item.owners, ['fisker']);
      assert.equal(item.title, 'remove the workaround');
    });

    it('; , . ? ! as punctuation of the tag', () => {
      assert.deepEqual(titles('// TODO; handle errors\n\n// TODO, later\n\n// TODO. Rename\n\n// TODO? is this needed\n\n// FIXME! breaks on Windows\n\n// FIXME!!! broken\n'), [
        'TODO: handle errors',
        'TODO: later',
        'TODO: Rename',
        'TODO: is this needed',
        'FIXME: breaks on Windows',
        'FIXME: broken',
      ]);
    });

    it('TODO/FIXME: is one item, with the first tag', () => {
      const { items } = parse('// TODO/FIXME: the parser drops BOMs\n');
      assert.deepEqual(items.map((i) => [i.tag, i.title, i.impact]), [['TODO', 'the parser drops BOMs', 'low']]);
    });

    it('words stay prose: TODOS, TODO_LIST, TODOList, TODO/later, TODO?x, TODO;x, TODO.md', () => {
      assert.deepEqual(titles('// TODOS\n// TODO_LIST\n// TODOList\n// TODO/later\n// TODO?x\n// TODO;x\n// TODO.md\n'), []);
    });
  });

  describe('owners, references and text in the list after the tag', () => {
    it('an issue number is a reference: TODO(59983), TODO(#123)', () => {
      const bare = only('// TODO(59983): drop after the upstream fix\n');
      assert.deepEqual([bare.owners, bare.issueRefs, bare.title], [[], [{ kind: 'number', text: '59983' }], 'drop after the upstream fix']);
      assert.deepEqual(only('// TODO(#123): x\n').issueRefs, [{ kind: 'number', text: '#123' }]);
      assert.deepEqual(only('// TODO(bob, 123): x\n').owners, ['bob']);
      const repo = only('// TODO(golang/go#63472): this looks wrong with the new syntax\n');
      assert.deepEqual([repo.issueRefs, repo.title], [[{ kind: 'github', text: 'golang/go#63472' }], 'this looks wrong with the new syntax']);
    });

    it('a list with words keeps them in the title and still gives its owners: TODO(rfindley, low priority)', () => {
      const item = only('// TODO(rfindley, low priority): these pre-existing cases\n');
      assert.deepEqual([item.owners, item.title], [['rfindley'], '(rfindley, low priority): these pre-existing cases']);
    });

    it('words are not owners: TODO(Babel 9), TODO(see below), TODO(v2), TODO(XOR2)', () => {
      for (const [text, title] of [
        ['// TODO(Babel 9): remove this\n', '(Babel 9): remove this'],
        // Capitals with a digit: a topic (prometheus), a PEP (mypy), a Phabricator task (ruff).
        ['// TODO(XOR2): Once XOR2 is stable, merge putVarbitInt and putVarbitIntFast.\n', '(XOR2): Once XOR2 is stable, merge putVarbitInt and putVarbitIntFast.'],
        ['# TODO(PEP612): support ParamSpec here\n', '(PEP612): support ParamSpec here'],
        ['# TODO(T130415563): fix the break\n', '(T130415563): fix the break'],
        ['// TODO(see below)\n', '(see below)'],
        ['// TODO(v2): drop the shim\n', '(v2): drop the shim'],
        ['// TODO(prettier 4): flip the default\n', '(prettier 4): flip the default'],
      ]) {
        const item = only(text!);
        assert.deepEqual([item.owners, item.issueRefs, item.title], [[], [], title], text);
      }
    });

    it('a handle is an owner where an owner can stand: TODO(fisker), TODO(@org/team)', () => {
      assert.deepEqual(only('// TODO(fisker): x\n').owners, ['fisker']);
      // Mixed case, a digit in a handle, initials in capitals, and capitals with a digit written as a handle.
      for (const [handle, owner] of [['rFindley', 'rFindley'], ['bob2', 'bob2'], ['JB', 'JB'], ['@XOR2', 'XOR2']]) {
        assert.deepEqual(only(`// TODO(${handle}): x\n`).owners, [owner], handle);
      }
      assert.deepEqual(only('// TODO(@org/team, bob-smith): x\n').owners, ['org/team', 'bob-smith']);
    });

    it('a list after a blank, when its colon follows: TODO (ronag): (deno\'s Node polyfills); not TODO (maybe) do it', () => {
      assert.deepEqual([only('// TODO (ronag): highWaterMark?\n').owners, only('// TODO (ronag): highWaterMark?\n').title], [['ronag'], 'highWaterMark?']);
      assert.deepEqual([only('// TODO (maybe) do it\n').owners, only('// TODO (maybe) do it\n').title], [[], '(maybe) do it']);
      assert.deepEqual(only('// TODO (Babel 9): remove\n').title, '(Babel 9): remove');
    });

    it('scoped packages, doc tags, decorators and directives stay in the title', () => {
      const cases: [string, string][] = [
        ['// TODO: We probably need @types/node\n', 'We probably need @types/node'],
        ['// TODO: bump @babel/core to 8\n', 'bump @babel/core to 8'],
        ['// FIXME: drop the @ts-expect-error below\n', 'drop the @ts-expect-error below'],
        ['// TODO: add an @overload for strings\n', 'add an @overload for strings'],
        ['// TODO: remove once @Deprecated APIs are gone\n', 'remove once @Deprecated APIs are gone'],
        ['// TODO: document @param and @returns\n', 'document @param and @returns'],
      ];
      for (const [text, title] of cases) {
        const item = only(text);
        assert.deepEqual([item.owners, item.title], [[], title], text);
      }
      assert.deepEqual(only('// TODO: ask @alice about @types/node\n').owners, ['alice']);
    });
  });

  it('Doxygen in Fortran: !> and LAPACK\'s fixed-form *>', () => {
    const fixed = scanDocument('*> \\param[in] UPLO\n*> TODO: put further details\n      SUBROUTINE DSYTF2_RK( UPLO )\n', { file: 'SRC/dsytf2_rk.f' }, DEFAULT_ANNOTATION_OPTIONS).items;
    assert.deepEqual(fixed.map((i) => i.title), ['put further details']);
    const free = scanDocument('!> TODO: document the solver\nsubroutine solve()\n  integer :: n !< FIXME: unused\nend subroutine\n', { file: 'src/solve.f90' }, DEFAULT_ANNOTATION_OPTIONS).items;
    assert.deepEqual(free.map((i) => i.title), ['document the solver', 'unused']);
  });

  it('a Vim script comment among continuation lines: "\\ TODO', () => {
    // vim's runtime/syntax/vim.vim and ftplugin/algol68.vim.
    const text = ['syn match vimFoo "x"', '      \\ contains=vimBar', '      "\\ TODO: default to \\<echowindow\\>', '      \\ skipwhite', ''].join('\n');
    const items = scanDocument(text, { file: 'runtime/syntax/vim.vim' }, DEFAULT_ANNOTATION_OPTIONS).items;
    assert.deepEqual(items.map((i) => i.title), ['default to \\<echowindow\\>']);
  });
});
