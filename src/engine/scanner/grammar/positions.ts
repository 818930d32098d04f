import type { Position } from '../../model';

/**
 * Turns offsets into 1-based line/column positions (columns in UTF-16 units). A cursor walks
 * forward through the text, so a document's positions, asked for in document order, cost one
 * pass up to the last annotation and no allocation; asking for an earlier line restarts it.
 */
export class PositionMapper {
  private line = 1;
  private lineStart = 0;
  private readonly crFree: boolean;

  constructor(private readonly text: string) {
    this.crFree = text.indexOf('\r') === -1;
  }

  /** The position of `offset`, clamped into the text. */
  at(offset: number): Position {
    const text = this.text;
    const o = offset > 0 ? (offset > text.length ? text.length : offset) : 0;
    if (o < this.lineStart) {
      this.line = 1;
      this.lineStart = 0;
    }
    for (;;) {
      const next = this.nextLineStart(this.lineStart);
      if (next === -1 || next > o) break;
      this.lineStart = next;
      this.line++;
    }
    return { line: this.line, column: o - this.lineStart + 1 };
  }

  /** The start of the line after the one containing `from`, or -1 on the last line. */
  private nextLineStart(from: number): number {
    const text = this.text;
    const lf = text.indexOf('\n', from);
    if (this.crFree) return lf === -1 ? -1 : lf + 1;
    const cr = text.indexOf('\r', from);
    if (cr === -1 || (lf !== -1 && lf < cr)) return lf === -1 ? -1 : lf + 1;
    return text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
  }
}

/**
 * The other way: the offset of a 1-based line and column (as {@link PositionMapper} gives them);
 * a line past the last is the end of the text, a column past the end is clamped to it.
 */
export class PositionFinder {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  offsetOf(position: Position): number {
    const starts = (this.starts ??= lineStarts(this.text));
    if (position.line > starts.length) return this.text.length;
    const offset = (starts[Math.max(position.line, 1) - 1] as number) + position.column - 1;
    return offset < 0 ? 0 : offset > this.text.length ? this.text.length : offset;
  }
}

/** Where each line starts: after `\n`, `\r\n` or a lone `\r`, as {@link PositionMapper} counts them. */
function lineStarts(text: string): number[] {
  const starts = [0];
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
