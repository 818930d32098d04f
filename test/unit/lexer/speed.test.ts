import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findComments } from '../../../src/engine/scanner/lexer';
import { languageById, type LanguageSpec } from '../../../src/engine/scanner/languages';

/** A 2,000-line TypeScript file made of the lexer's own sources. */
function twoThousandLines(): string {
  const sources = ['lexer.ts', 'languages.ts', 'lexer/literals.ts', 'lexer/heredoc.ts', 'lexer/tables.ts'].map((f) =>
    readFileSync(join(__dirname, '../../../src/engine/scanner', f), 'utf8').split('\n'),
  );
  const lines: string[] = [];
  while (lines.length < 2000) for (const source of sources) lines.push(...source);
  return lines.slice(0, 2000).join('\n');
}

describe('lexer: speed', () => {
  it('reads a 2,000-line TypeScript file well within the one-document budget', () => {
    const text = twoThousandLines();
    const language = languageById('typescript') as LanguageSpec;
    for (let k = 0; k < 100; k++) findComments(text, language);
    const times: number[] = [];
    for (let k = 0; k < 50; k++) {
      const t0 = process.hrtime.bigint();
      findComments(text, language);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    times.sort((a, b) => a - b);
    const median = times[25] as number;
    // Typically ~0.3 ms; the bound leaves room for slow CI machines.
    assert.ok(median < 2, `median ${median.toFixed(3)} ms for ${text.length} chars`);
  });
});
