/**
 * What the text reporters put on a terminal. Titles, paths, names and messages come from code
 * comments and ledger files anyone can write, so every such value passes through `safeText`
 * before it is styled: a comment cannot clear the screen, retitle the window, plant an OSC 8
 * link or overwrite a line. Only the reporters' own styling (see style.ts) emits escape
 * sequences. JSON output is never filtered: it is exact, and JSON escapes control characters.
 */

/**
 * C0 controls but tab (newline included: every value is one line of a report), DEL, C1 controls
 * (U+0080–U+009F: 8-bit CSI and OSC on some terminals), and the bidirectional embeddings,
 * overrides and isolates that can make a line read differently from its bytes ("Trojan Source").
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex
const UNSAFE_ALL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** True when `text` holds a character `safeText` would neutralise. */
export function hasControlCharacters(text: string): boolean {
  return UNSAFE.test(text);
}

/**
 * `text` with every control character shown as an escape (`\x1b`, `\n`, `\u202e`), so it prints
 * as inert, visible text on one line.
 */
export function safeText(text: string): string {
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, visible) : text;
}

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r' };

function visible(ch: string): string {
  const code = ch.charCodeAt(0);
  return NAMED[ch] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/**
 * The width of each of the first `columns` columns of `rows` (the longest cell, at least
 * `minimum[c]`), in one pass: `Math.max(...cells)` would overflow the call stack on a few
 * hundred thousand rows.
 */
export function columnWidths(rows: readonly (readonly string[])[], columns: number, minimum: readonly number[] = []): number[] {
  const widths = Array.from({ length: columns }, (_, c) => minimum[c] ?? 0);
  for (const row of rows) {
    for (let c = 0; c < columns; c++) {
      const length = row[c]?.length ?? 0;
      if (length > widths[c]!) widths[c] = length;
    }
  }
  return widths;
}
