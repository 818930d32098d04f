import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { CommentSpan } from '../../../src/engine/scanner/comments';
import { parseAnnotations } from '../../../src/engine/scanner/grammar';
import type { Position } from '../../../src/engine/model';
import { compiled, findTestComments } from './helpers';

/** Pieces that make annotation-like text likely. */
const piece = fc.constantFrom(
  '// ', '/* ', ' */', '# ', '\n', '\r\n', '\r', ' ', '\t', ' * ', 'TODO', 'FIXME', 'todo', 'DEBT', '(', ')', ':', '-', ',', '.',
  '@', '@bob', '#', '#12', '#x', 'effort:', 'effort:3', 'effort:2h', 'effort:x', 'impact:', 'impact:high', 'due:', 'due:2026-02-30',
  'sprint:', 'outcome:', 'PD-', 'PD-7Q2K', 'pd-oops', 'GH-1', 'ABC-2', 'https://github.com/a/b/issues/1', 'word', '🚀', 'é', '\u00a0',
);
const commentText = fc.oneof(fc.array(piece, { maxLength: 60 }).map((p) => p.join('')), fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 100 }));

function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

function inside(text: string, p: Position): boolean {
  const lines = text.split(/\r\n|\r|\n/);
  const line = lines[p.line - 1];
  return line !== undefined && p.column >= 1 && p.column <= line.length + 1;
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.column <= b.column);
}

describe('grammar: properties', () => {
  it('never throws, and every item and problem range lies inside the input', () => {
    fc.assert(
      fc.property(commentText, fc.boolean(), (text, caseSensitive) => {
        const spans = findTestComments(text);
        const { items, problems } = parseAnnotations(text, spans, 'f.ts', compiled({ caseSensitive }));
        const flattened = items.flatMap((i) => i.problems);
        assert.deepEqual(problems, flattened);
        for (const item of items) {
          const start = { line: item.line, column: item.column };
          assert.ok(inside(text, start), `item start ${JSON.stringify(start)}`);
          assert.ok(inside(text, item.end), `item end ${JSON.stringify(item.end)}`);
          assert.ok(before(start, item.end));
          assert.match(item.fingerprint, /^[0-9a-f]{16}$/);
          for (const p of item.problems) {
            assert.ok(inside(text, p.range.start) && inside(text, p.range.end), `problem ${JSON.stringify(p.range)}`);
            assert.ok(before(p.range.start, p.range.end));
            assert.ok(before(start, p.range.start));
          }
        }
        for (let i = 1; i < problems.length; i++) assert.ok(before(problems[i - 1]!.range.start, problems[i]!.range.start), 'document order');
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on nonsense spans', () => {
    const span = fc.record({
      start: fc.integer({ min: -5, max: 300 }),
      end: fc.integer({ min: -5, max: 300 }),
      contentStart: fc.oneof(fc.integer({ min: -5, max: 300 }), fc.constant(Number.NaN)),
      contentEnd: fc.integer({ min: -5, max: 300 }),
      block: fc.boolean(),
      marker: fc.constantFrom('//', '#', '/*', '', '<!--'),
      language: fc.constantFrom('ts', ''),
    });
    fc.assert(
      fc.property(commentText, fc.array(span, { maxLength: 8 }), (text, spans) => {
        const { items } = parseAnnotations(text, spans as CommentSpan[], 'f.ts', compiled());
        for (const item of items) assert.ok(inside(text, item.end));
      }),
      { numRuns: 1000 },
    );
  });

  it('finds the same titles wherever the comment sits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z ]{0,30}$/), fc.nat({ max: 5 }), fc.nat({ max: 8 }), (title, lines, indent) => {
        const text = `${'x();\n'.repeat(lines)}${' '.repeat(indent)}// TODO: ${title}\n`;
        const [item] = parseAnnotations(text, findTestComments(text), 'f.ts', compiled()).items;
        assert.ok(item);
        assert.equal(item.title, title.replace(/\s+/g, ' ').trim());
        assert.deepEqual({ line: item.line, column: item.column }, positionOf(text, text.indexOf('TODO')));
      }),
    );
  });
});
