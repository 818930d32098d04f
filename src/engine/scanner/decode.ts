/**
 * Byte-level checks and decoding of a file read into a buffer: binary and minified detection,
 * and the text encoding (BOMs, UTF-8, Latin-1 fallback). Positions the parser reports are in
 * the decoded text, so the decoding must be exact: a BOM is dropped, every other byte or code
 * unit maps to one UTF-16 code unit (Latin-1) or follows UTF-8/UTF-16 rules.
 */
import { isUtf8 } from 'node:buffer';

/** How many leading bytes the binary check looks at, and the minified check looks in for a long line. */
export const SNIFF_BYTES = 8192;

/** A line longer than this (in bytes) is a long line: in the first {@link SNIFF_BYTES}, it hints at minified code. */
export const MINIFIED_LINE_BYTES = 1000;

/** The encodings Paydown reads. */
export type TextEncoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be' | 'latin1';

/** The encoding of `len` bytes of `buf`: by BOM, else UTF-8 when valid, else Latin-1. */
export function detectEncoding(buf: Buffer, len: number): TextEncoding {
  if (len >= 2) {
    const b0 = buf[0];
    const b1 = buf[1];
    if (b0 === 0xff && b1 === 0xfe) return 'utf16le';
    if (b0 === 0xfe && b1 === 0xff) return 'utf16be';
    if (len >= 3 && b0 === 0xef && b1 === 0xbb && buf[2] === 0xbf) return 'utf8-bom';
  }
  return isUtf8(buf.subarray(0, len)) ? 'utf8' : 'latin1';
}

/** True when `len` bytes of `buf` start with a UTF-16 BOM: the cases where {@link detectEncoding} says UTF-16. */
export function hasUtf16Bom(buf: Buffer, len: number): boolean {
  return len >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff));
}

/** True for UTF-16 encodings, whose bytes an ASCII prefilter cannot search. */
export function isWideEncoding(encoding: TextEncoding): boolean {
  return encoding === 'utf16le' || encoding === 'utf16be';
}

/**
 * True when the file looks binary: a NUL byte in its first {@link SNIFF_BYTES} (as git and
 * ripgrep decide). Files with a UTF-16 BOM are text even though they hold NULs. The byte at
 * `min(len, SNIFF_BYTES)`, when `buf` has one, is set to 0 during the search and put back.
 */
export function looksBinary(buf: Buffer, len: number): boolean {
  if (len >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) return false;
  const end = len < SNIFF_BYTES ? len : SNIFF_BYTES;
  if (end < buf.length) {
    // Bounded by a NUL placed at `end` for the search (and put back): no view to allocate per file.
    const saved = buf[end]!;
    buf[end] = 0;
    const at = buf.indexOf(0);
    buf[end] = saved;
    return at < end;
  }
  return buf.indexOf(0) !== -1;
}

const MINIFIED_NAME = /\.min\.[^./]+$|[.-]bundle\.js$/i;

/** True for names that say the file is minified (`app.min.js`, `site.min.css`, `vendor-bundle.js`). */
export function hasMinifiedName(name: string): boolean {
  return MINIFIED_NAME.test(name);
}

/** At most this many ordinary lines (up to {@link MINIFIED_LINE_BYTES}) in a file that looks minified. */
const MINIFIED_MAX_SHORT_LINES = 100;
/** A long line is code when it holds at least one `;` or `(` per this many bytes. */
const CODE_BYTES_PER_MARK = 50;

/**
 * Minified-code heuristic, decided on the whole file, never on one line. Files whose first
 * {@link SNIFF_BYTES} hold no line over {@link MINIFIED_LINE_BYTES} bytes are not minified (most
 * stop here). Otherwise the file looks minified when its long lines that are dense with code
 * (`;` and `(`) hold at least half of its bytes and it has at most
 * {@link MINIFIED_MAX_SHORT_LINES} ordinary lines. So a bundle (a license comment, then one
 * huge line) is skipped, while source files with one or several long lines of data — a data
 * URL, a base64 blob, a long string or JSON literal — among ordinary code are scanned.
 */
export function looksMinified(buf: Buffer, len: number): boolean {
  const sniff = len < SNIFF_BYTES ? len : SNIFF_BYTES;
  if (sniff <= MINIFIED_LINE_BYTES) return false;
  let start = 0;
  let hinted = false;
  while (start < sniff && !hinted) {
    let nl = buf.indexOf(10, start);
    if (nl === -1 || nl >= len) nl = len;
    hinted = nl - start > MINIFIED_LINE_BYTES;
    start = nl + 1;
  }
  if (!hinted) return false;
  let codeBytes = 0;
  let shortLines = 0;
  start = 0;
  while (start < len) {
    let nl = buf.indexOf(10, start);
    if (nl === -1 || nl >= len) nl = len;
    if (nl - start <= MINIFIED_LINE_BYTES) {
      if (++shortLines > MINIFIED_MAX_SHORT_LINES) return false;
    } else if (isDenseCode(buf, start, nl)) codeBytes += nl - start;
    start = nl + 1;
  }
  return codeBytes * 2 >= len;
}

/**
 * Whether the line `start`–`end` reads like code (statements, calls) rather than one long
 * literal, over the whole line: a bundle that embeds a base64 font is still code.
 */
function isDenseCode(buf: Buffer, start: number, end: number): boolean {
  const needed = Math.ceil((end - start) / CODE_BYTES_PER_MARK);
  let marks = 0;
  for (let i = start; i < end; i++) {
    const b = buf[i];
    // Counting stops once the line has enough: code reaches it within its first fifth or so.
    if ((b === 0x3b || b === 0x28) && ++marks >= needed) return true;
  }
  return false;
}

/** Decodes `len` bytes of `buf` as `encoding`, dropping a BOM. */
export function decodeText(buf: Buffer, len: number, encoding: TextEncoding): string {
  switch (encoding) {
    case 'utf8':
      return buf.toString('utf8', 0, len);
    case 'utf8-bom':
      return buf.toString('utf8', 3, len);
    case 'utf16le':
      return buf.toString('utf16le', 2, len - ((len - 2) & 1));
    case 'utf16be': {
      const even = len - ((len - 2) & 1);
      // A copy: swapping in place would corrupt the reused read buffer's next user (none today),
      // and a fresh buffer is cheap next to the parse that follows.
      const swapped = Buffer.from(buf.subarray(2, even));
      swapped.swap16();
      return swapped.toString('utf16le');
    }
    case 'latin1':
      return buf.toString('latin1', 0, len);
  }
}
