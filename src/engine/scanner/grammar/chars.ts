/** Character classes the annotation grammar needs, on UTF-16 code units. */

/** Horizontal whitespace: spaces, tabs and the Unicode space separators. Never a line break. */
export function isSpace(c: number): boolean {
  if (c === 32 || c === 9) return true;
  if (c < 128) return c === 11 || c === 12;
  return c === 0xa0 || c === 0xfeff || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** `\n` or `\r`: the line breaks VS Code's text model knows. */
export function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}

const NON_ASCII_WORD = /[\p{L}\p{N}\p{M}]/u;

/** A character that continues a word (`TODOS`, `TODO_LIST`, `TODOé`): letters, digits, `_`. */
export function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
  // Surrogates are letters of astral scripts more often than not; treating them as word characters
  // errs on the side of "not a tag".
  if (c >= 0xd800 && c <= 0xdfff) return true;
  return NON_ASCII_WORD.test(String.fromCharCode(c));
}

/** ASCII letters. */
export function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** ASCII letters and digits. */
export function isAsciiAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/** Lower-cases one code unit, cheaply for ASCII. */
export function lowerCode(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  if (c < 128) return c;
  return String.fromCharCode(c).toLowerCase().charCodeAt(0);
}

/** Upper-cases one code unit, cheaply for ASCII. */
export function upperCode(c: number): number {
  if (c >= 97 && c <= 122) return c - 32;
  if (c < 128) return c;
  return String.fromCharCode(c).toUpperCase().charCodeAt(0);
}
