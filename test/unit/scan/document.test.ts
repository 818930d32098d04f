/**
 * `scanDocument` looks for the tags' text once: a text without it costs that search alone, and
 * where the last one begins bounds the lexer. With tags matched in any case the text cannot be
 * searched that way, and the prefilter's own test decides.
 */
import * as assert from 'node:assert/strict';
import { DEFAULT_ANNOTATION_OPTIONS, type AnnotationOptions } from '../../../src/engine/model';
import { scanDocument } from '../../../src/engine/scanner/document';
import { scan } from '../../../src/engine/scanner/scan';
import { makeTree, removeTree } from './helpers';

function titles(text: string, overrides: Partial<AnnotationOptions> = {}, file = 'src/a.ts'): string[] {
  return scanDocument(text, { file }, { ...DEFAULT_ANNOTATION_OPTIONS, ...overrides }).items.map((i) => `${i.tag}: ${i.title}`);
}

describe('scanDocument: the search for the tags', () => {
  it('finds the annotations of a text whose tags are in its last line, and none in a text without a tag', () => {
    assert.deepEqual(titles('const a = 1;\n// plain comment\nconst b = 2; // FIXME: last line'), ['FIXME: last line']);
    assert.deepEqual(titles('const a = 1;\n// plain comment\n/* nothing here */\n'), []);
    assert.deepEqual(titles(''), []);
    assert.deepEqual(titles('// TODO: a', { tags: [] }), []);
  });

  it('with tags matched in any case, finds them in any case and still nothing in a text without one', () => {
    assert.deepEqual(titles('// todo: lower\nx();\n# not this language\n// Fixme: title case\n', { caseSensitive: false }), ['TODO: lower', 'FIXME: title case']);
    assert.deepEqual(titles('// nothing to do here\nconst todos = [];\n', { caseSensitive: false }), []);
    // Only the exact case counts when tags are case-sensitive (the default).
    assert.deepEqual(titles('// todo: lower\n// Fixme: title case\n'), []);
  });

  it('finds a tag that only begins the text, and one whose text also appears later in code', () => {
    assert.deepEqual(titles('# TODO: first line\nx = 1\n', {}, 'a.py'), ['TODO: first line']);
    assert.deepEqual(titles('// TODO: real\nconst s = "TODO: decoy";\n'), ['TODO: real']);
  });
});

describe("scan: a doc comment's @todo and \\todo, found by the prefilter", () => {
  it('finds a file whose only debt is a lower-case doc tag, in a folder scan and in one text, with tags matched in their case or in any', async () => {
    const root = makeTree({
      'src/Handler.php': '<?php\n/**\n * @todo implement missing advisory locks\n */\nfunction lock() {}\n',
      'src/skiplist.h': '/// \\todo Reuse removed nodes\nvoid insert();\n',
      'src/plain.ts': 'const todos: string[] = []; // todos, not a tag\n',
    });
    try {
      for (const caseSensitive of [true, false]) {
        const result = await scan({ root, annotations: { ...DEFAULT_ANNOTATION_OPTIONS, caseSensitive } });
        assert.deepEqual(result.items.map((i) => `${i.file}:${i.line}:${i.column} ${i.tag} ${i.title} ${i.directive}`), [
          'src/Handler.php:3:5 TODO implement missing advisory locks todo',
          'src/skiplist.h:1:6 TODO Reuse removed nodes todo',
        ], `caseSensitive ${caseSensitive}`);
      }
    } finally {
      removeTree(root);
    }
    assert.deepEqual(titles('x();\n/** @todo lower */\n'), ['TODO: lower']);
  });
});
