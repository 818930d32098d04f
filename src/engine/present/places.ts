/** Where something is in a notebook, as its editor shows it: the status bar counts cells from 1. */
export function cellPlace(cell: { index: number; line: number }): string {
  return `cell ${cell.index + 1}, line ${cell.line}`;
}
