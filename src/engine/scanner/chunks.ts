/**
 * R Markdown (`.Rmd`) and Quarto (`.qmd`) documents: Markdown with executable code chunks,
 * fenced with an engine in braces (```` ```{r setup, echo=FALSE} ````, ```` ```{python} ````).
 * A chunk is read in its engine's language; the Markdown around it as Markdown. A fence without
 * braces (```` ```r ````) or with a class (```` ```{.python} ````) is shown, not run: it stays in
 * the Markdown, where a code block is text.
 *
 * Invariants: cells are contiguous slices of the file (a chunk's text is the lines between its
 * fences), in file order; an unclosed chunk runs to the end of the file, as knitr and Quarto read it.
 */
import type { DocumentCell } from './cells';
import { languageById, languageNamed, type LanguageSpec } from './languages';

/** A chunk's opening fence: indentation, three or more backticks, `{engine …}`. */
const CHUNK_OPEN = /^([ \t]*)(`{3,})[ \t]*\{[ \t]*([A-Za-z][\w+-]*)[^}\n]*\}[ \t]*$/;

/** The cells of a Markdown document with code chunks: the Markdown between chunks, and each chunk. */
export function markdownChunks(text: string): DocumentCell[] {
  const markdown = languageById('markdown');
  const cells: DocumentCell[] = [];
  const add = (start: number, end: number, language: LanguageSpec | undefined): void => {
    if (!language || end <= start) return;
    cells.push({ index: cells.length, language, text: text.slice(start, end), fileOffset: (offset) => start + (offset < 0 ? 0 : offset > end - start ? end - start : offset) });
  };
  let proseStart = 0;
  let at = 0;
  while (at < text.length) {
    const lineEnd = endOfLine(text, at);
    const open = CHUNK_OPEN.exec(text.slice(at, lineEnd));
    if (!open) {
      at = nextLine(text, lineEnd);
      continue;
    }
    const fence = open[2] as string;
    const bodyStart = nextLine(text, lineEnd);
    let close = bodyStart;
    while (close < text.length && !isClosingFence(text.slice(close, endOfLine(text, close)), fence)) close = nextLine(text, endOfLine(text, close));
    add(proseStart, at, markdown);
    add(bodyStart, close, languageNamed(open[3] as string));
    at = close < text.length ? nextLine(text, endOfLine(text, close)) : close;
    proseStart = at;
  }
  add(proseStart, text.length, markdown);
  return cells;
}

/** A line of only the fence's character (a backtick or a tilde), at least as many as the opening fence's (CommonMark's rule). */
export function isClosingFence(line: string, fence: string): boolean {
  const trimmed = line.trim();
  return trimmed.length >= fence.length && [...trimmed].every((c) => c === fence[0]);
}

function endOfLine(text: string, from: number): number {
  const lf = text.indexOf('\n', from);
  const end = lf === -1 ? text.length : lf;
  return end > from && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
}

function nextLine(text: string, lineEnd: number): number {
  const lf = text.indexOf('\n', lineEnd);
  return lf === -1 ? text.length : lf + 1;
}
