import assert from 'node:assert/strict';
import { findComments } from '../../../src/engine/scanner/lexer';
import { languageById, supportedLanguages } from '../../../src/engine/scanner/languages';
import { SAMPLES } from './samples';

const REAL = 'TODO: real';
const DECOY = 'TODO: decoy';

function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) found.push(at);
  return found;
}

function describeSpans(text: string, id: string): string {
  const language = languageById(id);
  if (!language) return '(no language)';
  return JSON.stringify(findComments(text, language).map((s) => `${s.marker}|${text.slice(s.contentStart, s.contentEnd)}`));
}

describe('lexer: only text inside comments counts, per language', () => {
  it('has samples for every supported language', () => {
    // A notebook is not lexed: its cells are, in their own languages (test/unit/scan/notebook.test.ts).
    const missing = supportedLanguages()
      .filter((l) => l.cells === undefined)
      .map((l) => l.id)
      .filter((id) => !SAMPLES[id]);
    assert.deepEqual(missing, []);
  });

  for (const [id, snippets] of Object.entries(SAMPLES)) {
    describe(id, () => {
      for (const text of snippets) {
        it(JSON.stringify(text).slice(0, 90), () => {
          const language = languageById(id);
          assert.ok(language, `unknown language ${id}`);
          const spans = findComments(text, language);
          const reals = occurrences(text, REAL);
          const decoys = occurrences(text, DECOY);
          assert.ok(reals.length + decoys.length > 0, 'sample without markers');
          for (const at of reals) {
            assert.ok(
              spans.some((s) => s.contentStart <= at && at + REAL.length <= s.contentEnd),
              `"${REAL}" at ${at} should be in a comment; got ${describeSpans(text, id)}`,
            );
          }
          for (const at of decoys) {
            assert.ok(
              !spans.some((s) => s.start < at + DECOY.length && at < s.end),
              `"${DECOY}" at ${at} should not be in a comment; got ${describeSpans(text, id)}`,
            );
          }
        });
      }
    });
  }
});
