/**
 * A text's lines with their offsets, for the readers that go by lines (restructuredText.ts,
 * myst.ts). Invariant: the lines cover the text in order, each from its `start` to the next one's;
 * `end` is before the line break (`\n` or `\r\n`), so a line's text never holds one.
 */
export interface TextLine {
  start: number;
  /** Before the line break. */
  end: number;
  /** Where the next line starts. */
  next: number;
  /** Spaces and tabs at its start. */
  indent: number;
  /** Nothing but spaces and tabs. */
  blank: boolean;
}

export function splitTextLines(text: string): TextLine[] {
  const lines: TextLine[] = [];
  for (let start = 0; start < text.length; ) {
    const lf = text.indexOf('\n', start);
    const next = lf === -1 ? text.length : lf + 1;
    let end = lf === -1 ? text.length : lf;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    let indent = 0;
    while (start + indent < end && (text.charCodeAt(start + indent) === 32 || text.charCodeAt(start + indent) === 9)) indent++;
    lines.push({ start, end, next, indent, blank: start + indent === end });
    start = next;
  }
  return lines;
}
