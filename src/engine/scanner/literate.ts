/**
 * Literate Haskell (`.lhs`): a document with Haskell in it, in one of two styles. With
 * `\begin{code}` … `\end{code}` blocks (the LaTeX style), each block is Haskell and the rest
 * LaTeX; otherwise (the Bird style) each run of lines starting with `>` is Haskell, the `>` read as
 * a blank, and the prose around them Markdown, where only `<!-- -->` comments count. `\begin{spec}`
 * blocks are shown, not compiled: they stay in the LaTeX.
 *
 * Invariants: cells are the file's own lines, offset for offset (a Bird cell's text is its lines
 * with each `>` blanked, so its length and line breaks are the file's), in file order; one style per
 * file, as GHC's unlit reads it.
 */
import type { DocumentCell } from './cells';
import { languageById, type LanguageSpec } from './languages';

/** `\begin{code}` on a line of its own, maybe indented or with options (`[hide]`, as Agda writes them). */
const BEGIN_CODE = /^[ \t]*\\begin\{code\}(?:\[[^\]\n]*\])?[ \t]*\r?$/m;
const END_CODE = /^[ \t]*\\end\{code\}[ \t]*\r?$/;

/** The cells of a literate Haskell file. */
export function literateCells(text: string): DocumentCell[] {
  const haskell = languageById('haskell');
  const cells: DocumentCell[] = [];
  const add = (start: number, end: number, language: LanguageSpec | undefined, cellText = text.slice(start, end)): void => {
    if (!language || end <= start) return;
    cells.push({ index: cells.length, language, text: cellText, fileOffset: (offset) => start + Math.min(Math.max(offset, 0), end - start) });
  };
  return BEGIN_CODE.test(text) ? latexStyle(text, haskell, add, cells) : birdStyle(text, haskell, add, cells);
}

type Add = (start: number, end: number, language: LanguageSpec | undefined, cellText?: string) => void;

function latexStyle(text: string, haskell: LanguageSpec | undefined, add: Add, cells: DocumentCell[]): DocumentCell[] {
  const latex = languageById('latex');
  let proseStart = 0;
  for (let at = 0; at < text.length; at = nextLine(text, at)) {
    if (!isLine(text, at, BEGIN_CODE)) continue;
    const codeStart = nextLine(text, at);
    let close = codeStart;
    while (close < text.length && !isLine(text, close, END_CODE)) close = nextLine(text, close);
    add(proseStart, at, latex);
    add(codeStart, close, haskell);
    at = close;
    proseStart = nextLine(text, close);
  }
  add(proseStart, text.length, latex);
  return cells;
}

function birdStyle(text: string, haskell: LanguageSpec | undefined, add: Add, cells: DocumentCell[]): DocumentCell[] {
  const markdown = languageById('markdown');
  let runStart = 0;
  let inCode = false;
  for (let at = 0; ; at = nextLine(text, at)) {
    const code = at < text.length && text.charCodeAt(at) === 62 /* > */;
    if (at >= text.length || code !== inCode) {
      if (inCode) add(runStart, at, haskell, text.slice(runStart, at).replace(/^>/gm, ' '));
      else add(runStart, at, markdown);
      if (at >= text.length) return cells;
      runStart = at;
      inCode = code;
    }
  }
}

/** Whether the line at `at` matches `pattern` (anchored to the line). */
function isLine(text: string, at: number, pattern: RegExp): boolean {
  const lf = text.indexOf('\n', at);
  return pattern.test(text.slice(at, lf === -1 ? text.length : lf));
}

function nextLine(text: string, from: number): number {
  const lf = text.indexOf('\n', from);
  return lf === -1 ? text.length : lf + 1;
}
