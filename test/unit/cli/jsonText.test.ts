import assert from 'node:assert/strict';
import fc from 'fast-check';
import { jsonText, toJsonDocument } from '../../../src/cli/reporters/jsonDocument';

const whole = (document: object): string => `${JSON.stringify(document, null, 2)}\n`;
const joined = (document: object): string => [...jsonText(document)].join('');

describe('CLI: JSON documents written in pieces', () => {
  it('joins to exactly what JSON.stringify writes, for the shapes reporters build', () => {
    const documents: object[] = [
      { list: Array.from({ length: 700 }, (_, i) => (i % 3 ? { i, nested: [i, { deep: 'x' }] } : i % 2 ? null : [i])) },
      {},
      { items: [] },
      { items: [], problems: [{ file: 'a.ts', range: { start: { line: 1, column: 0 } } }] },
      { title: 'line\nbreak "quoted" \u2028 ✓ 😀', nested: { list: [[1, [2, []]], {}, [], null] } },
      { skipped: undefined, fn: () => 1, kept: 0, list: [undefined, () => 2, Symbol('s'), 'x'] },
      { when: new Date(Date.UTC(2026, 11, 6)), big: [{ when: new Date(0) }], emptyObject: {}, n: -0, f: 1.5e-7 },
      { 1: 'integer-like keys come first', a: [1], 0: [true, false] },
    ];
    for (const document of documents) assert.equal(joined(document), whole(document));
  });

  it('joins to what JSON.stringify writes for any JSON value under any keys (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (document) => assert.equal(joined(document), whole(document))),
      { numRuns: 500 },
    );
  });

  it('stringifies a large array a few hundred elements at a time, as the writer reaches them', () => {
    const reached: number[] = [];
    const items = Array.from({ length: 2000 }, (_, i) => ({ toJSON: () => (reached.push(i), { i }) }));
    const pieces = toJsonDocument('scan', { items: items as never, problems: [], skipped: [], stats: {} as never })[Symbol.iterator]();
    let text = '';
    while (!text.includes('"i": 2')) text += pieces.next().value as string;
    assert.ok(reached.length <= 256, `${reached.length} of 2,000 items stringified before the third was written`);
    for (let next = pieces.next(); !next.done; next = pieces.next()) text += next.value;
    assert.equal(reached.length, 2000);
    assert.match(text, /^\{\n {2}"\$schema": /);
    assert.match(text, /\n {4}\{\n {6}"i": 255\n {4}\},\n {4}\{\n {6}"i": 256\n {4}\},/, 'runs joined as one array');
    assert.match(text, /\n {4}\{\n {6}"i": 1999\n {4}\}\n {2}\],\n/);
  });
});
