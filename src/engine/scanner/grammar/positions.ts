import type { Position } from '../../model';

/**
 * Turns offsets into 1-based line/column positions (columns in UTF-16 units). The line index is
 * built on first use only, so a document without annotations never pays for it.
 */
export class PositionMapper {
  private lineStarts: number[] | undefined;

  constructor(private readonly text: string) {}

  /** The position of `offset`, clamped into the text. */
  at(offset: number): Position {
    const starts = this.lineStarts ?? (this.lineStarts = buildLineStarts(this.text));
    const o = offset < 0 ? 0 : offset > this.text.length ? this.text.length : offset;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - starts[lo]! + 1 };
  }
}

function buildLineStarts(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') === -1) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}
