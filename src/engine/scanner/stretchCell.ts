/**
 * A stretch of a file as one cell: how every reader of a file of cells but the notebook's (whose
 * cells are JSON strings, escaped) builds its cells.
 *
 * Invariants: a cell is added only when it has a language and holds at least one character; its
 * offsets map into the file's `[start, end)` stretch one to one, clamped at both ends, so an
 * offset past the cell's text (a reader may blank or shorten what is not read) stays in the
 * stretch. The cell's number is its place in `cells`.
 */
import type { DocumentCell } from './cells';
import type { LanguageSpec } from './languages';

/** Appends to `cells` the file's stretch `[start, end)` read as `language`, its text `cellText`. */
export function addStretchCell(cells: DocumentCell[], start: number, end: number, language: LanguageSpec | undefined, cellText: string): void {
  if (!language || end <= start) return;
  const length = end - start;
  cells.push({ index: cells.length, language, text: cellText, fileOffset: (offset) => start + (offset < 0 ? 0 : offset > length ? length : offset) });
}
