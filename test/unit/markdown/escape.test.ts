import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { escapeMarkdown, markdownCode } from '../../../src/engine/markdown';
import { htmlText, renderMarkdown } from './render';

/** Titles written to take over a Markdown page: HTML, images, links, emphasis, block syntax. */
const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '![pixel](http://evil.example/p.png)',
  '[click](javascript:alert(1))',
  '[ref]: http://evil.example',
  '<http://evil.example>',
  '**bold** _em_ ~~gone~~ `code`',
  '# heading',
  '- item',
  '+ item',
  '1. item',
  '2) item',
  '> quote',
  '---',
  '===',
  '```js',
  '| a | b |',
  '$x^2$ and $(alert) icon',
  'C:\\temp\\ and \\*',
  '&lt;img&gt; &amp; &#x3C;',
  'a <b>mixed</b> [link](x) | cell',
];

describe('the one Markdown escaper', () => {
  it('shows hostile titles exactly as written, as a paragraph', () => {
    for (const text of HOSTILE) assert.equal(renderMarkdown(escapeMarkdown(text)), `<p>${htmlText(text)}</p>\n`, text);
  });

  it('shows any printable text exactly as written (property)', () => {
    const printable = fc.string({ unit: fc.constantFrom(...' !"#$%&\'()*+,-./0123456789:;<=>?@AZaz[\\]^_`{|}~é'.split('')), minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(printable, (raw) => {
        const text = raw.trim().replace(/ {2,}/g, ' ');
        if (text === '') return;
        assert.equal(renderMarkdown(escapeMarkdown(text)), `<p>${htmlText(text)}</p>\n`);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a table cell a cell, with line breaks as <br> when asked', () => {
    for (const text of [...HOSTILE, 'one\ntwo', 'pipe | and \\| escaped']) {
      const html = renderMarkdown(`| h | after |\n| --- | --- |\n| ${escapeMarkdown(text, { lineBreaks: 'br' })} | end |\n`);
      const cells = [...html.matchAll(/<td>(.*?)<\/td>/gs)].map((m) => m[1]);
      assert.deepEqual(cells, [htmlText(text).replace(/\n/g, '<br>'), 'end'], text);
    }
  });

  it('joins line breaks into one line by default', () => {
    assert.equal(escapeMarkdown('one\ntwo\r\n# three'), 'one two \\# three');
  });

  it('code spans show paths as written, in a table too', () => {
    for (const path of ['src/a_b*.ts', 'we`ird``name.ts', '`start.ts', 'a|b.ts', 'C:\\x\\y.ts', '<img src=x>']) {
      assert.equal(renderMarkdown(markdownCode(path)), `<p><code>${htmlText(path)}</code></p>\n`, path);
      const html = renderMarkdown(`| h | after |\n| --- | --- |\n| ${markdownCode(path, { inTable: true })} | end |\n`);
      assert.ok(html.includes(`<td><code>${htmlText(path)}</code></td>\n<td>end</td>`), `${path}\n${html}`);
    }
  });
});
