/**
 * Fingerprints: a stable short hash that identifies an annotation by what it says, not where it
 * sits, so the ledger can follow an item across moves, renames and re-indentation.
 */

const OFFSET_HI = 0xcbf29ce4;
const OFFSET_LO = 0x84222325;
const PRIME_LO = 0x1b3; // the 64-bit FNV prime is 2^40 + 0x1b3
const TWO_32 = 0x100000000;

/**
 * 64-bit FNV-1a over the UTF-8 bytes of `input`, as 16 lower-case hex digits. Computed on two
 * 32-bit halves so it needs no BigInt; equal to the reference FNV-1a 64.
 */
export function fnv1a64(input: string): string {
  let hi = OFFSET_HI;
  let lo = OFFSET_LO;
  for (let i = 0; i < input.length; i++) {
    let pending: number; // the UTF-8 bytes of this code point, packed most significant first
    let count: number;
    let cp = input.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < input.length) {
      const low = input.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (cp < 0x80) {
      pending = cp;
      count = 1;
    } else if (cp < 0x800) {
      pending = ((0xc0 | (cp >> 6)) << 8) | (0x80 | (cp & 63));
      count = 2;
    } else if (cp < 0x10000) {
      pending = ((0xe0 | (cp >> 12)) << 16) | ((0x80 | ((cp >> 6) & 63)) << 8) | (0x80 | (cp & 63));
      count = 3;
    } else {
      pending = ((0xf0 | (cp >> 18)) << 24) | ((0x80 | ((cp >> 12) & 63)) << 16) | ((0x80 | ((cp >> 6) & 63)) << 8) | (0x80 | (cp & 63));
      count = 4;
    }
    for (let b = count - 1; b >= 0; b--) {
      lo = (lo ^ ((pending >>> (b * 8)) & 0xff)) >>> 0;
      // (hi·2^32 + lo) · (2^40 + 0x1b3) mod 2^64, on 32-bit halves.
      const loProduct = lo * PRIME_LO;
      hi = (Math.imul(hi, PRIME_LO) + Math.floor(loProduct / TWO_32) + (lo << 8)) >>> 0;
      lo = loProduct >>> 0;
    }
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/** What a fingerprint is computed from: the title lower-cased with its whitespace collapsed. */
export function normaliseTitle(title: string): string {
  const lower = title.toLowerCase();
  // Titles from the grammar are already collapsed; only other callers pay for the replace.
  return /\s\s|[^\S ]|^ | $/.test(lower) ? lower.replace(/\s+/g, ' ').trim() : lower;
}

/** The fingerprint of an annotation: its tag and its normalised title (tokens already removed). */
export function annotationFingerprint(tag: string, title: string): string {
  return fnv1a64(`${tag}\u0000${normaliseTitle(title)}`);
}
