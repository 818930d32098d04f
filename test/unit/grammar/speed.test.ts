import { strict as assert } from 'node:assert';
import { parseAnnotations } from '../../../src/engine/scanner/grammar';
import { compiled, findTestComments, syntheticFile } from './helpers';

describe('grammar: speed', () => {
  it('parses a 2,000-line file with 200 comments, 20 annotations, in well under 0.5 ms', function () {
    const text = syntheticFile();
    const spans = findTestComments(text);
    const options = compiled();
    const first = parseAnnotations(text, spans, 'f.ts', options);
    assert.equal(spans.length, 200);
    assert.equal(first.items.length, 20);
    for (let i = 0; i < 300; i++) parseAnnotations(text, spans, 'f.ts', options);
    const times: number[] = [];
    for (let round = 0; round < 15; round++) {
      const runs = 100;
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < runs; i++) parseAnnotations(text, spans, 'f.ts', options);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6 / runs);
    }
    times.sort((a, b) => a - b);
    const median = times[times.length >> 1]!;
    this.test!.title += ` (median ${median.toFixed(3)} ms for ${spans.length} comments, ${first.items.length} items)`;
    assert.ok(median < 0.5, `median ${median} ms`);
  });

  it('rejects comments without a tag cheaply', function () {
    const text = Array.from({ length: 2000 }, (_, i) => `// comment number ${i} with some words in it`).join('\n');
    const spans = findTestComments(text);
    const options = compiled();
    for (let i = 0; i < 300; i++) parseAnnotations(text, spans, 'f.ts', options);
    const runs = 500;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < runs; i++) parseAnnotations(text, spans, 'f.ts', options);
    const perRun = Number(process.hrtime.bigint() - t0) / 1e6 / runs;
    this.test!.title += ` (${((perRun * 1e6) / spans.length).toFixed(1)} ns per comment)`;
    assert.ok(perRun < 0.5, `${perRun} ms for 2,000 comments`);
  });
});
