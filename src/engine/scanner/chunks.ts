/**
 * Markdown documents with executable code as fenced blocks:
 * - R Markdown (`.Rmd`) and Quarto (`.qmd`): code chunks fenced with an engine in braces
 *   (```` ```{r setup, echo=FALSE} ````, ```` ```{python} ````). A fence without braces
 *   (```` ```r ````) or with a class (```` ```{.python} ````) is shown, not run: it stays in the
 *   Markdown, where a code block is text.
 * - Jupytext's Markdown notebooks (a `.md` file whose front matter says `format_name: markdown`):
 *   a block fenced at the line's start with a language's name (```` ```python ````, ```` ```R ````)
 *   is a code cell, unless marked `.noeval`; inside a `<!-- #region -->` … `<!-- #endregion -->`
 *   (or `#md`, `#markdown`, `#raw`) region everything is the Markdown cell's, fences too.
 * A code cell is read in its language; the Markdown around it as Markdown.
 *
 * Invariants: cells are contiguous slices of the file (a chunk's text is the lines between its
 * fences), in file order; an unclosed chunk runs to the end of the file, as knitr, Quarto and
 * Jupytext read it.
 */
import type { DocumentCell } from './cells';
import { languageById, languageNamed, type LanguageSpec } from './languages';
import { addStretchCell } from './stretchCell';

/** A chunk's opening fence: indentation, three or more backticks, `{engine …}`. */
const CHUNK_OPEN = /^([ \t]*)(`{3,})[ \t]*\{[ \t]*([A-Za-z][\w+-]*)[^}\n]*\}[ \t]*$/;

/** A Jupytext code cell's opening fence: at the line's start, backticks, a language's name, its options. */
const JUPYTEXT_CODE_OPEN = /^(`{3,})[ \t]*([A-Za-z][\w+#-]*)(?:[ \t]+(.*))?$/;
/**
 * The languages whose fence Jupytext reads as a code cell (its kernel languages and cell magics),
 * written in lower case or in capitals; a block of any other (```` ```json ````, ```` ```text ````)
 * is the Markdown cell's.
 */
const JUPYTEXT_CELL_LANGUAGES: ReadonlySet<string> = new Set([
  'r', 'bash', 'sh', 'python', 'python2', 'python3', 'coconut', 'javascript', 'js', 'perl', 'html', 'latex', 'markdown',
  'pypy', 'ruby', 'script', 'svg', 'matlab', 'octave', 'idl', 'robotframework', 'sas', 'spark', 'sql', 'cython', 'haskell',
  'tcl', 'gnuplot', 'julia', 'c++', 'scheme', 'clojure', 'powershell', 'q', 'typescript', 'scala', 'rust', 'csharp',
  'fsharp', 'c#', 'f#', 'cs', 'fs', 'sos', 'java', 'groovy', 'sage', 'ocaml', 'maxima', 'stata', 'xonsh', 'logtalk', 'lua', 'go',
]);

function isJupytextCellLanguage(name: string): boolean {
  const lower = name.toLowerCase();
  return (name === lower || name === name.toUpperCase()) && JUPYTEXT_CELL_LANGUAGES.has(lower);
}

/** A Jupytext region of a Markdown or raw cell, and its end. */
const JUPYTEXT_REGION_OPEN = /^<!--\s*#(region|markdown|md|raw)\b.*-->\s*$/;

/** Whether a line opens a block of code: its fence and language (undefined: code Paydown does not read), or null. */
type ChunkOpener = (line: string) => { fence: string; language: LanguageSpec | undefined } | null;

/** The cells of an R Markdown or Quarto document: the Markdown between chunks, and each chunk. */
export function markdownChunks(text: string): DocumentCell[] {
  return fencedCells(text, (line) => {
    const open = CHUNK_OPEN.exec(line);
    return open ? { fence: open[2]!, language: languageNamed(open[3]!) } : null;
  });
}

/** The cells of a Jupytext Markdown notebook: the Markdown cells, and each code cell. */
export function jupytextMarkdownCells(text: string): DocumentCell[] {
  let regionEnd: RegExp | undefined;
  return fencedCells(text, (line) => {
    if (regionEnd) {
      if (regionEnd.test(line)) regionEnd = undefined;
      return null;
    }
    const region = JUPYTEXT_REGION_OPEN.exec(line);
    if (region) {
      regionEnd = new RegExp(`^<!--\\s*#end${region[1]}\\s*-->\\s*$`);
      return null;
    }
    const open = JUPYTEXT_CODE_OPEN.exec(line);
    // A block of another language, or marked `.noeval`, is shown in the Markdown cell.
    if (!open || !isJupytextCellLanguage(open[2]!) || /(?:^|\s)\.noeval\b/.test(open[3] ?? '')) return null;
    // A code cell in a language Paydown does not read (gnuplot, SAS) is not read as Markdown either.
    return { fence: open[1]!, language: languageNamed(open[2]!) };
  });
}

/** The cells of a Markdown document whose code is fenced: the Markdown between code blocks, and each block that `opens` says is code. */
function fencedCells(text: string, opens: ChunkOpener): DocumentCell[] {
  const markdown = languageById('markdown');
  const cells: DocumentCell[] = [];
  const add = (start: number, end: number, language: LanguageSpec | undefined): void => {
    addStretchCell(cells, start, end, language, text.slice(start, end));
  };
  let proseStart = 0;
  let at = 0;
  while (at < text.length) {
    const lineEnd = endOfLine(text, at);
    const open = opens(text.slice(at, lineEnd));
    if (!open) {
      at = nextLine(text, lineEnd);
      continue;
    }
    const bodyStart = nextLine(text, lineEnd);
    let close = bodyStart;
    while (close < text.length && !isClosingFence(text.slice(close, endOfLine(text, close)), open.fence)) close = nextLine(text, endOfLine(text, close));
    add(proseStart, at, markdown);
    add(bodyStart, close, open.language);
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
