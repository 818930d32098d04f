/**
 * The lexer on real files (test/fixtures/lexer-real): the comments it finds, and what happens when
 * a file is cut. Cutting real code at random is how a literal that swallows the rest of a file
 * shows up (ruff's `r#"""""#` hid 3,000 lines of comments).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { CommentSpan } from '../../../src/engine/scanner/comments';
import { findComments } from '../../../src/engine/scanner/lexer';
import { languageForFile, type LanguageSpec } from '../../../src/engine/scanner/languages';

const DIR = join(__dirname, '../../fixtures/lexer-real');

/** The line (1-based) of every comment in each real file, checked by hand. */
const EXPECTED: Record<string, number[]> = {
  'duckdb-default_table_functions.cpp': [3, 80],
  'gopls-change_quote.go': [1, 15],
  'prettier-conditional-comment.js': [3, 5, 11, 17, 22, 28, 43],
  'prettier-dev-test.yml': [12, 14, 18, 22, 23, 24, 25, 33, 36, 53],
  'prettier-print-number.js': [8, 10, 12, 14, 16],
  'ruff-generate.py': [11],
  'ruff-nodes.rs': [1, 10, 11, 16, 17, 27, 28, 29, 38, 39, 40, 45, 46, 47],
};

interface RealFile {
  name: string;
  text: string;
  language: LanguageSpec;
  comments: CommentSpan[];
  /** Offsets of line starts whose line begins (after indentation) with a comment: code state for sure. */
  commentLines: number[];
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function load(): RealFile[] {
  return readdirSync(DIR)
    .filter((name) => !name.endsWith('.md'))
    .sort()
    .map((name) => {
      const text = readFileSync(join(DIR, name), 'utf8');
      const language = languageForFile(name);
      assert.ok(language, `no language for ${name}`);
      const comments = findComments(text, language);
      const commentLines: number[] = [];
      // Comments of the file's own syntax: one in a `<script>` or a code island (`<?php`, Astro's
      // `---`) starts in code only inside it, and a cut that removes the opener rightly changes it.
      const own = new Set([...(language.lineComments ?? []).map((m) => m.marker), ...(language.blockComments ?? []).map((b) => b.open)]);
      for (const c of comments) {
        if (!own.has(c.marker)) continue;
        let lineStart = c.start;
        while (lineStart > 0 && (text[lineStart - 1] === ' ' || text[lineStart - 1] === '\t')) lineStart--;
        if (lineStart === 0 || text[lineStart - 1] === '\n') commentLines.push(lineStart);
      }
      return { name, text, language, comments, commentLines };
    });
}

/** A comment that surely starts a line in `language`, to probe whether a text ends in code. */
function probe(language: LanguageSpec): string {
  const line = language.lineComments?.find((m) => !m.notFollowedBy && (m.at ?? 'anywhere') !== 'afterSpace');
  if (line) return `${line.marker} probe`;
  const block = language.blockComments?.[0];
  return block ? `${block.open} probe ${block.close}` : '';
}

describe('lexer: real files', () => {
  const files = load();

  it('has the expected comments in every real file, and nothing else', () => {
    const actual = Object.fromEntries(files.filter((f) => EXPECTED[f.name]).map((f) => [f.name, f.comments.map((c) => lineOf(f.text, c.start))]));
    assert.deepEqual(actual, EXPECTED);
  });

  it('finds every comment after a chunk cut out of a real file, once the cut line has ended', () => {
    fc.assert(
      fc.property(fc.constantFrom(...files.filter((f) => f.commentLines.length > 0)), fc.nat(), fc.nat(), (file, x, y) => {
        const { text, language, comments, commentLines } = file;
        const b = commentLines[y % commentLines.length]!;
        const a = x % (b + 1);
        // The head must end in code: a cut inside a multi-line string or block comment legitimately
        // runs on (the cut's own string); anything else may not lose what follows it.
        const head = text.slice(0, a) + '\n';
        const marker = probe(language);
        const probed = findComments(head + marker, language);
        fc.pre(probed.some((c) => c.start === head.length));
        const cut = head + text.slice(b);
        const found = new Set(findComments(cut, language).map((c) => `${c.start - head.length}:${c.end - c.start}`));
        for (const c of comments) {
          if (c.start < b) continue;
          assert.ok(found.has(`${c.start - b}:${c.end - c.start}`), `${file.name}: the comment on line ${lineOf(text, c.start)} is lost after cutting ${a}–${b}`);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('keeps every comment before the cut line when a real file is cut short', () => {
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.nat(), (file, x) => {
        const { text, language, comments } = file;
        const p = x % (text.length + 1);
        const lineStart = text.lastIndexOf('\n', p - 1) + 1;
        const found = new Set(findComments(text.slice(0, p), language).map((c) => `${c.start}:${c.end}`));
        for (const c of comments) {
          if (c.end >= lineStart) continue;
          assert.ok(found.has(`${c.start}:${c.end}`), `${file.name}: the comment on line ${lineOf(text, c.start)} is lost when cut at ${p}`);
        }
      }),
      { numRuns: 1500 },
    );
  });
});
