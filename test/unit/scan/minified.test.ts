import * as assert from 'node:assert/strict';
import { looksMinified } from '../../../src/engine/scanner/decode';
import { scan } from '../../../src/engine/scanner/scan';
import { makeTree, options, removeTree } from './helpers';

const DATA_URL = `data:image/png;base64,${'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg'.repeat(90)}`;
const CODE = (n: number): string => Array.from({ length: n }, (_, i) => `export const value${i} = compute(${i}); // line ${i}\n`).join('');
/** Terser-like output: statements and calls, no newline. */
const MINIFIED = '!function(e,t){"use strict";var n=function(e){return e&&e.__esModule?e:{default:e}};function r(e){for(var t=1;t<arguments.length;t++)e=n(e);return e}t.exports=r(e)}(this,module);'.repeat(120);

function minified(text: string): boolean {
  const buf = Buffer.from(text);
  return looksMinified(buf, buf.length);
}

describe('scan: minified-code heuristic, decided on the whole file', () => {
  describe('ordinary source with long lines is not minified', () => {
    it('one 8 KiB+ data URL among ordinary lines', () => {
      assert.ok(DATA_URL.length > 8192);
      assert.equal(minified(`${CODE(5)}// TODO: crop the icon\nconst icon = "${DATA_URL}";\n${CODE(20)}`), false);
    });

    it('the data URL on the very first line, filling the first 8 KiB', () => {
      assert.equal(minified(`const icon = "${DATA_URL}";\n// TODO: crop the icon\n${CODE(3)}`), false);
    });

    it('a file of icons: several data URLs, few other lines', () => {
      const icons = Array.from({ length: 10 }, (_, i) => `export const icon${i} = '${DATA_URL}';\n`).join('');
      assert.equal(minified(`// TODO: move the icons to sprites\n${icons}`), false);
    });

    it('a long string of prose and a one-line JSON literal', () => {
      const prose = 'The quick brown fox, tired of jumping, sat down (at last) and wrote a letter. '.repeat(150);
      const json = JSON.stringify(Array.from({ length: 300 }, (_, i) => ({ id: i, name: `item ${i}`, tags: ['a', 'b'] })));
      assert.equal(minified(`// TODO: move to a file\nexport const text = "${prose}";\nexport const data = ${json};\n${CODE(4)}`), false);
    });

    it('ordinary code around an inlined minified snippet', () => {
      assert.equal(minified(`${CODE(120)}export const polyfill = ${MINIFIED.slice(0, 9000)};\n${CODE(10)}`), false);
    });
  });

  describe('real minified code still is', () => {
    it('a bundle: license comment, then one huge line', () => {
      assert.equal(minified(`/*! lib v1.2.3 | MIT License | https://example.com */\n${MINIFIED}\n`), true);
    });

    it('a bundle without any newline', () => {
      assert.equal(minified(MINIFIED), true);
    });

    it('a bundle wrapped at 2 KiB lines, with a source-map comment', () => {
      const wrapped = MINIFIED.match(/.{1,2000}/g)!.join('\n');
      assert.equal(minified(`${wrapped}\n//# sourceMappingURL=app.js.map\n`), true);
    });

    it('a bundle whose huge line starts with an embedded base64 font', () => {
      assert.equal(minified(`/*! app */\nvar font="${DATA_URL.slice(0, 6000)}";${MINIFIED}\n`), true);
    });

    it('minified CSS', () => {
      const css = '.btn{display:inline-block;padding:6px 12px;color:#333;background:rgba(0,0,0,.1)}.btn:hover{color:#000;border:1px solid #ccc}'.repeat(100);
      assert.equal(minified(css), true);
    });
  });

  it('through a scan: the data-URL file is scanned, the bundle is skipped', async () => {
    const root = makeTree({
      'src/icon.ts': `${CODE(5)}// TODO: crop the icon\nconst icon = "${DATA_URL}";\n${CODE(20)}`,
      'dist/app.js': `/*! app */\n${MINIFIED.slice(0, 5000)}/* TODO: inside the bundle */${MINIFIED.slice(0, 5000)}\n`,
    });
    try {
      for (const workers of [0, 2]) {
        const result = await scan(options(root, { workers }));
        assert.deepEqual(result.items.map((i) => `${i.file}:${i.line} ${i.title}`), ['src/icon.ts:6 crop the icon']);
        assert.deepEqual(result.skipped, [{ path: 'dist/app.js', reason: 'minified' }]);
      }
    } finally {
      removeTree(root);
    }
  });
});
