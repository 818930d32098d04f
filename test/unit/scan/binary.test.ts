import * as assert from 'node:assert/strict';
import { looksBinary, SNIFF_BYTES } from '../../../src/engine/scanner/decode';

/** What looksBinary must say: a NUL in the first min(len, SNIFF_BYTES) bytes, unless a UTF-16 BOM. */
function expected(buf: Buffer, len: number): boolean {
  if (len >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) return false;
  return buf.subarray(0, Math.min(len, SNIFF_BYTES)).includes(0);
}

describe('scan: binary detection in a reused buffer', () => {
  it('looks only at the file bytes and the sniff window, and leaves the buffer as it was', () => {
    const size = SNIFF_BYTES * 2;
    const lengths = [0, 1, 2, 3, 100, SNIFF_BYTES - 1, SNIFF_BYTES, SNIFF_BYTES + 1, size - 1, size];
    for (const len of lengths) {
      // NUL just inside, at, or just past the boundary; stale NULs past the file; none at all.
      const nulAt = [-1, 0, len - 1, len, len + 1, SNIFF_BYTES - 1, SNIFF_BYTES, SNIFF_BYTES + 1];
      for (const at of nulAt) {
        for (const stale of [false, true]) {
          const buf = Buffer.alloc(size, 0x61);
          if (stale) buf.fill(0, Math.min(len + 1, size));
          if (at >= 0 && at < size) buf[at] = 0;
          const before = Buffer.from(buf);
          assert.equal(looksBinary(buf, len), expected(buf, len), `len ${len}, NUL at ${at}, stale ${stale}`);
          assert.ok(buf.equals(before), `buffer changed: len ${len}, NUL at ${at}`);
        }
      }
    }
  });

  it('treats files with a UTF-16 BOM as text', () => {
    const buf = Buffer.alloc(64, 0);
    buf[0] = 0xff;
    buf[1] = 0xfe;
    assert.equal(looksBinary(buf, 10), false);
    buf[0] = 0xfe;
    buf[1] = 0xff;
    assert.equal(looksBinary(buf, 10), false);
    buf[0] = 0x61;
    assert.equal(looksBinary(buf, 10), true);
  });

  it('works on a buffer that ends where the file ends', () => {
    assert.equal(looksBinary(Buffer.from('abc'), 3), false);
    assert.equal(looksBinary(Buffer.from('a\0c'), 3), true);
    assert.equal(looksBinary(Buffer.from('abc\0'), 3), false);
  });
});
