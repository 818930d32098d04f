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
  const mix = (byte: number): void => {
    lo = (lo ^ byte) >>> 0;
    // (hi·2^32 + lo) · (2^40 + 0x1b3) mod 2^64
    const loProduct = lo * PRIME_LO;
    const carry = Math.floor(loProduct / TWO_32);
    hi = (Math.imul(hi, PRIME_LO) + carry + (lo << 8)) >>> 0;
    lo = loProduct >>> 0;
  };
  for (let i = 0; i < input.length; i++) {
    let cp = input.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < input.length) {
      const low = input.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (cp < 0x80) {
      mix(cp);
    } else if (cp < 0x800) {
      mix(0xc0 | (cp >> 6));
      mix(0x80 | (cp & 63));
    } else if (cp < 0x10000) {
      mix(0xe0 | (cp >> 12));
      mix(0x80 | ((cp >> 6) & 63));
      mix(0x80 | (cp & 63));
    } else {
      mix(0xf0 | (cp >> 18));
      mix(0x80 | ((cp >> 12) & 63));
      mix(0x80 | ((cp >> 6) & 63));
      mix(0x80 | (cp & 63));
    }
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/** What a fingerprint is computed from: the title lower-cased with its whitespace collapsed. */
export function normaliseTitle(title: string): string {
  return title.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The fingerprint of an annotation: its tag and its normalised title (tokens already removed). */
export function annotationFingerprint(tag: string, title: string): string {
  return fnv1a64(`${tag}\u0000${normaliseTitle(title)}`);
}
