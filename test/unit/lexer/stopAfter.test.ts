/**
 * The scanner lexes a file only up to its last tag (and the comment group around it): the comments
 * after it can hold no annotation. Whatever the text, that must find exactly the items a full
 * reading finds, and stop where the first code past the last tag begins.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DEFAULT_ANNOTATION_OPTIONS } from '../../../src/engine/model';
import { scanDocument } from '../../../src/engine/scanner/document';
import { compileAnnotationOptions, parseAnnotations } from '../../../src/engine/scanner/grammar';
import { lexComments } from '../../../src/engine/scanner/lexer';
import { languageById, languageForFile, supportedLanguages, type LanguageSpec } from '../../../src/engine/scanner/languages';
import { PIECES } from './pieces';
import { SAMPLES } from './samples';

const compiled = compileAnnotationOptions(DEFAULT_ANNOTATION_OPTIONS);
const languages = supportedLanguages().map((l) => languageById(l.id) as LanguageSpec);

/** Annotation-shaped pieces, body lines and code, to mix with the lexer's pieces. */
const ANNOTATED = [
  ...PIECES,
  '// TODO: a',
  '# FIXME(@bob): b',
  '-- HACK: c',
  '/* DEBT: d */',
  // Tags that end their comment: the grammar must still read a comment whose last word is the tag.
  '// TODO',
  '#FIXME',
  '/*HACK*/',
  '--XXX',
  '<!-- XXX: e -->',
  '\n// @alice effort:3',
  '\n# impact:high #payments',
  '\n-- more text',
  '\n//',
  'code();',
  'x = 1',
  '\n',
  '\n\n',
];

/** Where the last tag's text begins in `text`, -1 for nowhere. */
function lastTag(text: string): number {
  const starts = compiled.tags.tagTextStarts(text) as number[];
  return starts.length > 0 ? (starts[starts.length - 1] as number) : -1;
}

/**
 * The items of `text` read in full, and read as the scanner reads it: up to its last tag, the
 * grammar told where the tags' text is (it reads only the comments that hold one or continue one).
 */
function both(text: string, language: LanguageSpec) {
  const full = parseAnnotations(text, lexComments(text, language).comments, 'f', compiled);
  const starts = compiled.tags.tagTextStarts(text);
  const stopped = parseAnnotations(text, lexComments(text, language, { stopAfter: lastTag(text) }).comments, 'f', compiled, undefined, starts);
  return { full, stopped };
}

describe('lexer: reading stops after the last tag', () => {
  it('finds the same items and problems as a full reading, in every language (random pieces)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ANNOTATED), { maxLength: 50 }), fc.constantFrom(...languages), (pieces, language) => {
        const { full, stopped } = both(pieces.join(''), language);
        assert.deepEqual(stopped, full);
      }),
      { numRuns: 3000 },
    );
  });

  it('finds the same items in every language sample, and in the samples joined and cut at random', () => {
    const samples = Object.entries(SAMPLES).flatMap(([id, texts]) => texts.map((text) => ({ text, language: languageById(id) as LanguageSpec })));
    for (const { text, language } of samples) {
      const { full, stopped } = both(text, language);
      assert.deepEqual(stopped, full, `${language.id}: ${JSON.stringify(text)}`);
    }
    fc.assert(
      fc.property(fc.constantFrom(...samples), fc.constantFrom(...samples), fc.nat(), (a, b, cut) => {
        const joined = `${a.text}\n${b.text}`;
        const text = joined.slice(0, cut % (joined.length + 1));
        const { full, stopped } = both(text, a.language);
        assert.deepEqual(stopped, full);
      }),
      { numRuns: 2000 },
    );
  });

  it('finds the same items in real files with an annotation planted on any line', () => {
    const dir = join(__dirname, '../../fixtures/lexer-real');
    const files = readdirSync(dir)
      .filter((name) => !name.endsWith('.md'))
      .map((name) => ({ text: readFileSync(join(dir, name), 'utf8'), language: languageForFile(name) as LanguageSpec }));
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.nat(), fc.constantFrom('// TODO: planted\n// @carol effort:2\n', '# TODO: planted\n# @carol\n', '/* FIXME: planted */\n'), (file, at, planted) => {
        const lines = file.text.split('\n');
        const line = at % (lines.length + 1);
        const text = [...lines.slice(0, line), planted, ...lines.slice(line)].join('\n');
        const { full, stopped } = both(text, file.language);
        assert.deepEqual(stopped, full);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the comment lines that continue the last annotation, and reads nothing after the code that follows', () => {
    const ts = languageById('typescript') as LanguageSpec;
    const tail = Array.from({ length: 200 }, (_, i) => `// note ${i}\nconst s${i} = "/* ${i} */";`).join('\n');
    const text = `// TODO: retry with backoff\n//   @alice effort:3 impact:high\n\n// still the same group? no: a blank line\nrun();\n${tail}\n`;
    const stopped = lexComments(text, ts, { stopAfter: lastTag(text) }).comments;
    // The annotation's group, then the comments up to the first code (`run();`), and no more.
    assert.deepEqual(
      stopped.map((c) => text.slice(c.start, c.end)),
      ['// TODO: retry with backoff', '//   @alice effort:3 impact:high', '// still the same group? no: a blank line'],
    );
    assert.equal(lexComments(text, ts).comments.length, 203);
    const [item] = scanDocument(text, { file: 'a.ts' }, compiled).items;
    assert.equal(item?.title, 'retry with backoff');
    assert.deepEqual(item?.owners, ['alice']);
    assert.equal(item?.effort, 3);
  });

  it('reads a block comment or string that holds the last tag to its end, whatever follows', () => {
    const py = languageById('python') as LanguageSpec;
    const text = 'x = 1  # FIXME: first\n"""\nTODO: in a docstring, not a comment\n"""\n# TODO: after the docstring\ny = 2\n# later\n';
    const items = scanDocument(text, { file: 'a.py' }, compiled).items.map((i) => i.title);
    assert.deepEqual(items, ['first', 'after the docstring']);
    assert.deepEqual(
      lexComments(text, py, { stopAfter: lastTag(text) }).comments.map((c) => text.slice(c.start, c.end)),
      ['# FIXME: first', '# TODO: after the docstring'],
    );
    const c = languageById('c') as LanguageSpec;
    const block = 'int a; /* TODO: spans\n * @dave effort:1\n */ int b; // later\n';
    const [item] = scanDocument(block, { file: 'a.c' }, compiled).items;
    assert.deepEqual(item?.owners, ['dave']);
    assert.equal(lexComments(block, c, { stopAfter: lastTag(block) }).comments.length, 1);
  });
  it('finds every start of a tag\'s text, in order, as a search at every offset would: overlaps and misses included', () => {
    const needles = DEFAULT_ANNOTATION_OPTIONS.tags.map((t) => t.name);
    const everyOffset = (text: string) => {
      const starts: number[] = [];
      for (let at = 0; at < text.length; at++) for (const n of needles) if (text.startsWith(n, at)) starts.push(at);
      return starts;
    };
    const piece = fc.constantFrom(...needles, 'X', 'XX', 'TOD', 'O', ' ', '\n', 'é', 'DEB', 'T', 'FIX', 'ME');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        assert.deepEqual(compiled.tags.tagTextStarts(text), everyOffset(text));
      }),
      { numRuns: 2000 },
    );
    assert.deepEqual(compiled.tags.tagTextStarts('XXXXX'), [0, 1, 2]);
    assert.deepEqual(compiled.tags.tagTextStarts('no tags here'), []);
    assert.equal(compileAnnotationOptions({ ...DEFAULT_ANNOTATION_OPTIONS, caseSensitive: false }).tags.tagTextStarts('todo'), undefined);
  });
});
