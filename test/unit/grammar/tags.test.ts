import { strict as assert } from 'node:assert';
import { only, parse } from './helpers';

const titles = (text: string, ...rest: Parameters<typeof parse> extends [string, ...infer R] ? R : never): string[] =>
  parse(text, ...rest).items.map((i) => `${i.tag}: ${i.title}`);

describe('grammar: where a tag counts', () => {
  describe('at the start of a comment line', () => {
    it('after the marker and whitespace', () => {
      const item = only('const x = 1; // TODO: rename x\n');
      assert.equal(item.tag, 'TODO');
      assert.equal(item.title, 'rename x');
      assert.equal(item.line, 1);
      assert.equal(item.column, 17);
    });

    it('directly after the marker', () => {
      assert.deepEqual(titles('//TODO: tight\n'), ['TODO: tight']);
    });

    it('after repeated or decorated markers: ///, //!, ##, ---, ;;, %%', () => {
      assert.deepEqual(titles('/// TODO: doc\n//! FIXME: inner doc\n'), ['TODO: doc', 'FIXME: inner doc']);
      assert.deepEqual(titles('## TODO: hash\n', {}, { lineMarkers: ['#'] }), ['TODO: hash']);
      assert.deepEqual(titles('--- HACK: lua\n', {}, { lineMarkers: ['--'] }), ['HACK: lua']);
      assert.deepEqual(titles(';; XXX: lisp\n', {}, { lineMarkers: [';'] }), ['XXX: lisp']);
      assert.deepEqual(titles('%% TODO: erlang\n', {}, { lineMarkers: ['%'] }), ['TODO: erlang']);
    });

    it("after R's roxygen marker #': #' TODO: x, #' @TODO x", () => {
      assert.deepEqual(titles("#' TODO: document the return value\n#' @TODO handle NA\n", {}, { lineMarkers: ['#'], language: 'r' }), [
        'TODO: document the return value',
        'TODO: handle NA',
      ]);
    });

    it('in # comments', () => {
      const item = only('x = 1  # TODO(bob): drop the v1 fallback\n', {}, { lineMarkers: ['#'], language: 'python' });
      assert.equal(item.title, 'drop the v1 fallback');
      assert.equal(item.language, 'python');
      assert.deepEqual(item.owners, ['bob']);
    });

    it('on any line of a block comment, after its leading *', () => {
      const text = ['/**', ' * Computes things.', ' * TODO: cache the result', ' *', ' * FIXME: O(n^2) merge', ' */'].join('\n');
      const { items } = parse(text);
      assert.deepEqual(
        items.map((i) => [i.tag, i.title, i.line, i.column]),
        [
          ['TODO', 'cache the result', 3, 4],
          ['FIXME', 'O(n^2) merge', 5, 4],
        ],
      );
    });

    it('right after /** and /*!', () => {
      assert.deepEqual(titles('/** TODO: doc block */\n/*! FIXME: banner */\n'), ['TODO: doc block', 'FIXME: banner']);
    });

    it('in a single-line block comment, without the closer', () => {
      const item = only('/* FIXME: O(n^2) merge, fine under 1k rows */');
      assert.equal(item.title, 'O(n^2) merge, fine under 1k rows');
      assert.deepEqual(item.end, { line: 1, column: 43 });
    });

    it('in other block comment styles, e.g. <!-- -->', () => {
      const item = only('<!-- TODO: alt text for the logo -->', {}, { blocks: [['<!--', '-->']], language: 'html' });
      assert.equal(item.title, 'alt text for the logo');
    });
  });

  describe('decoys that are prose', () => {
    it('a tag mid-sentence', () => {
      assert.deepEqual(titles('// see the TODO list\n// and FIXME: later\n'), []);
    });

    it('partial words: TODOS, myTODO, TODO_LIST, TODO-list, TODO.md', () => {
      assert.deepEqual(titles('// TODOS are tracked elsewhere\n// myTODO\n// TODO_LIST\n// TODO-list\n// TODO.md has them\n// TODO2\n'), []);
    });

    it('a tag outside comments', () => {
      assert.deepEqual(titles('const TODO = "TODO: not a comment";\n'), []);
    });

    it('a doc template\'s field that says there is nothing to do, or is left empty under another field', () => {
      const header = (todo: string) => `/*\n * Routine: mk_w_customer()\n * Side Effects:\n * ${todo}\n */\nint mk_w_customer(void);\n`;
      assert.deepEqual(titles(header('TODO: None')), []);
      assert.deepEqual(titles(header('TODO:')), []);
      assert.deepEqual(titles('// Returns: the count\n// TODO:\n'), []);
      // Nor does the next field, after an empty line, become its title.
      assert.deepEqual(titles(`/*\n * Side Effects:\n * TODO:\n *\n * Returns: the count\n */\n`), []);
      assert.deepEqual(titles('# FIXME: n/a\n// XXX: nothing.\n'), []);
      // Anything more is debt: a title, a token, a body, a bare tag, or a field that is not one.
      assert.deepEqual(titles(header('TODO: None of these are freed')), ['TODO: None of these are freed']);
      assert.deepEqual(titles(header('TODO: 20010615 JMS return code is meaningless')), ['TODO: 20010615 JMS return code is meaningless']);
      assert.equal(only('// TODO: None @bob\n').owners[0], 'bob');
      assert.equal(only('// TODO: none\n//   the cache is never cleared\n').body, 'the cache is never cleared');
      assert.equal(titles(header('TODO')).length, 1);
      assert.equal(titles('// This function is called often:\n// TODO:\n').length, 1);
      assert.equal(titles('/* TODO: */').length, 1);
      // An annotation above is no field: two annotations, the second one empty (the bench corpus plants them).
      assert.deepEqual(titles('// TODO: track the panel once the API is stable\n// TODO: \nx();\n'), ['TODO: track the panel once the API is stable', 'TODO: ']);
      // Nor is a note, a sentence after its label.
      assert.equal(titles('// Note: input ids are empty, never reuse them across servers.\n// TODO: \nx();\n').length, 1);
    });
  });

  describe('what may follow the tag', () => {
    it('":", "(…):", " -", a space and text, or nothing', () => {
      const text = '// TODO: a\n\n// TODO(bob): b\n\n// TODO - c\n\n// TODO d\n\n// TODO\n\n// TODO-\n\n// TODO:e\n';
      assert.deepEqual(titles(text), ['TODO: a', 'TODO: b', 'TODO: c', 'TODO: d', 'TODO: ', 'TODO: ', 'TODO: e']);
    });

    it('a bare tag at the end of a block comment', () => {
      assert.deepEqual(titles('/* TODO */'), ['TODO: ']);
    });
  });

  describe('case', () => {
    it('is exact by default: todo and Todo are prose', () => {
      assert.deepEqual(titles('// todo: lower\n// Todo: title case\n'), []);
    });

    it('with caseSensitive: false matches any case and reports the canonical tag', () => {
      const { items } = parse('// todo: lower\n// Fixme: title case\n// tOdO: odd\n', { caseSensitive: false });
      assert.deepEqual(
        items.map((i) => `${i.tag}: ${i.title}`),
        ['TODO: lower', 'FIXME: title case', 'TODO: odd'],
      );
    });

    it('still wants whole words when case-insensitive', () => {
      assert.deepEqual(titles('// todos are elsewhere\n// Todolist\n', { caseSensitive: false }), []);
    });
  });

  describe('configured tags', () => {
    it('added tags count, with their default impact', () => {
      const item = only('// PERF: slow path on large inputs\n', { tags: [{ name: 'PERF', impact: 'high' }] });
      assert.equal(item.tag, 'PERF');
      assert.equal(item.impact, 'high');
    });

    it('removed tags do not', () => {
      assert.deepEqual(titles('// TODO: gone\n// DEBT: kept\n', { tags: [{ name: 'DEBT' }] }), ['DEBT: kept']);
    });

    it('renamed tags match their new spelling only', () => {
      assert.deepEqual(titles('// TODO: old\n// @todo: new\n', { tags: [{ name: '@todo' }] }), ['@todo: new']);
    });

    it('the longest tag wins when one is a prefix of another', () => {
      assert.deepEqual(titles('// FIXME: long\n// FIX: short\n', { tags: [{ name: 'FIX' }, { name: 'FIXME' }] }), ['FIXME: long', 'FIX: short']);
    });

    it('default impact comes from the tag unless impact: says otherwise', () => {
      const { items } = parse('// TODO: a\n\n// FIXME: b\n\n// TODO: c impact:critical\n\n// X: d\n', { tags: [{ name: 'TODO', impact: 'low' }, { name: 'FIXME', impact: 'medium' }, { name: 'X' }] });
      assert.deepEqual(items.map((i) => i.impact), ['low', 'medium', 'critical', null]);
    });

    it('no tags at all finds nothing', () => {
      assert.deepEqual(titles('// TODO: a\n', { tags: [] }), []);
    });
  });
});
