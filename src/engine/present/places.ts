/** Where something is in a notebook, as its editor shows it: the status bar counts cells from 1. */
export function cellPlace(cell: { index: number; line: number }): string {
  return `cell ${cell.index + 1}, line ${cell.line}`;
}

/**
 * Where an item is, as its editor shows it: `src/a.ts:42`, or `explore.ipynb, cell 3, line 2` in a
 * notebook, whose file lines are JSON that no reader counts.
 */
export function itemPlace(place: { file: string; line: number; cell?: { index: number; line: number } | null }): string {
  return place.cell ? `${place.file}, ${cellPlace(place.cell)}` : `${place.file}:${place.line}`;
}
