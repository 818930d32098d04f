import * as assert from 'node:assert/strict';
import { scan } from '../../../src/engine/scanner/scan';
import { makeTree, options, removeTree } from './helpers';

// Line 2 puts the tag after a non-ASCII character: its column is right only when the
// decoding is (1-based UTF-16 columns: `const é = 1; // ` is 16 code units).
const TEXT = 'const a = 1;\nconst é = 1; // TODO: café débt\n';

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]);
}

describe('scan: encodings and line endings', () => {
  let root = '';
  afterEach(() => root && removeTree(root));

  const cases: Array<[string, Buffer]> = [
    ['UTF-8', Buffer.from(TEXT, 'utf8')],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')])],
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')])],
    ['UTF-16 BE with BOM', utf16be(TEXT)],
    ['Latin-1 (invalid UTF-8)', Buffer.from(TEXT, 'latin1')],
  ];
  for (const [name, bytes] of cases) {
    it(`reads ${name} with the right line, column and text`, async () => {
      root = makeTree({ 'a.ts': bytes });
      const result = await scan(options(root));
      assert.equal(result.stats.skipped.binary, 0);
      assert.deepEqual(result.items.map((i) => [i.line, i.column, i.title]), [[2, 17, 'café débt']]);
    });
  }

  it('counts CRLF lines and columns like LF ones', async () => {
    root = makeTree({ 'a.ts': 'let a = 1;\r\n\r\n  // FIXME: crlf here\r\nlet b = 2; // TODO: second\r\n' });
    const result = await scan(options(root));
    assert.deepEqual(result.items.map((i) => [i.line, i.column, i.title]), [
      [3, 6, 'crlf here'],
      [4, 15, 'second'],
    ]);
  });
});
