/**
 * `scanDocument` looks for the tags' text once: a text without it costs that search alone, and
 * where the last one begins bounds the lexer. With tags matched in any case the text cannot be
 * searched that way, and the prefilter's own test decides.
 */
import * as assert from 'node:assert/strict';
import { DEFAULT_ANNOTATION_OPTIONS, type AnnotationOptions } from '../../../src/engine/model';
import { scanDocument } from '../../../src/engine/scanner/document';

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
