import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findComments, lexComments } from '../../../src/engine/scanner/lexer';
import { languageById, supportedLanguages, type LanguageSpec } from '../../../src/engine/scanner/languages';
import { ownSource, PIECES } from './pieces';
import { SAMPLES } from './samples';


function checkSpans(text: string, language: LanguageSpec): void {
  const spans = findComments(text, language);
  let previous = -1;
  for (const s of spans) {
    assert.ok(
      0 <= s.start && s.start <= s.contentStart && s.contentStart <= s.contentEnd && s.contentEnd <= s.end && s.end <= text.length,
      `bad span ${JSON.stringify(s)} in ${JSON.stringify(text)}`,
    );
    assert.ok(s.start >= previous, `spans out of order in ${JSON.stringify(text)}`);
    assert.equal(typeof s.marker, 'string');
    // Prose read as comments (Cram tests) has no marker; every comment in code has one.
    assert.ok(s.marker.length > 0 || language.proseAroundCode !== undefined);
    previous = s.start;
  }
}


describe('lexer: properties', () => {
  const languages = supportedLanguages().map((l) => languageById(l.id) as LanguageSpec);
  const realText = [
    ...ownSource(40),
    ...Object.values(SAMPLES).flat(),
  ];

  for (const language of languages) {
    it(`${language.id}: never throws and every span lies inside the text (random pieces)`, () => {
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }), (pieces) => checkSpans(pieces.join(''), language)),
        { numRuns: 150 },
      );
    });
  }

  it('never throws and keeps spans inside real source cut at random points, in every language', () => {
    fc.assert(
      fc.property(fc.constantFrom(...realText), fc.nat(), fc.nat(), fc.constantFrom(...languages), (text, a, b, language) => {
        const from = a % (text.length + 1);
        const to = from + (b % (text.length - from + 1));
        checkSpans(text.slice(from, to), language);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on arbitrary unicode strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom(...languages), (text, language) => checkSpans(text, language)),
      { numRuns: 2000 },
    );
  });

  it('survives deep nesting without recursion limits', () => {
    const deep = '`${'.repeat(20000) + '/* TODO */' + '}`'.repeat(20000);
    checkSpans(deep, languageById('typescript') as LanguageSpec);
    checkSpans('{-'.repeat(50000), languageById('haskell') as LanguageSpec);
    checkSpans('<<EOF\n'.repeat(20000), languageById('shellscript') as LanguageSpec);
    checkSpans('"#{'.repeat(20000), languageById('ruby') as LanguageSpec);
    // PostgreSQL function bodies are read as code: 20,000 nested ones, each with a tag of its own.
    const tags = Array.from({ length: 20000 }, (_, i) => `$t${i}$`);
    const bodies = `${tags.map((t) => `AS ${t} `).join('')}/* TODO */ ${[...tags].reverse().join(' ')}`;
    const sql = languageById('sql') as LanguageSpec;
    checkSpans(bodies, sql);
    assert.equal(lexComments(bodies, sql).failure, undefined, 'read to the end');
  });
});
