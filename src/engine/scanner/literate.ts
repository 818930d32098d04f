/**
 * Literate programs: documents with code in them, read as their compilers read them.
 * - Literate Haskell (`.lhs`), in one of two styles. With `\begin{code}` … `\end{code}` blocks (the
 *   LaTeX style), each block is Haskell and the rest LaTeX; otherwise (the Bird style) each run of
 *   lines starting with `>` is Haskell, the `>` read as a blank, and the prose around them Markdown,
 *   where only `<!-- -->` comments count. `\begin{spec}` blocks are shown, not compiled: they stay
 *   in the LaTeX.
 * - Literate Agda in LaTeX (`.lagda`, `.lagda.tex`): the LaTeX style only, its blocks Agda.
 * - Literate Agda in Markdown (`.lagda.md`): each code block fenced with ```` ``` ```` or
 *   ```` ```agda ```` is Agda, the rest Markdown; a block fenced for another language is text.
 *   Literate Agda in Typst (`.lagda.typ`) the same, its prose Typst.
 * - Literate Agda in Org (`.lagda.org`): each `#+begin_src agda2` … `#+end_src` block (any case)
 *   is Agda, the rest Org, where another language's source block stays text.
 * - Literate Idris (`.lidr`): the Bird style only, its lines Idris.
 *
 * Invariants: cells are the file's own lines, offset for offset (a Bird cell's text is its lines
 * with each `>` blanked, so its length and line breaks are the file's), in file order; one style per
 * file, as GHC's unlit reads it.
 */
import type { DocumentCell } from './cells';
import { isClosingFence } from './chunks';
import { languageById, type LanguageSpec } from './languages';
import { addStretchCell } from './stretchCell';

/** The literate formats, each named as `CellFormat` names it. */
export type LiterateFormat = 'literate' | 'literate-agda' | 'literate-agda-md' | 'literate-agda-typst' | 'literate-agda-org' | 'literate-idris';

type Style = 'latex-or-bird' | 'latex' | 'bird' | 'fenced' | 'org';

/**
 * What each format's code is, the style its compiler reads (`latex-or-bird`: LaTeX when the file
 * has a code block) and the language of its prose where the style allows more than one.
 */
const FORMATS: Record<LiterateFormat, { code: string; style: Style; prose?: string }> = {
  literate: { code: 'haskell', style: 'latex-or-bird' },
  'literate-agda': { code: 'idris', style: 'latex' },
  'literate-agda-md': { code: 'idris', style: 'fenced', prose: 'markdown' },
  'literate-agda-typst': { code: 'idris', style: 'fenced', prose: 'typst' },
  'literate-agda-org': { code: 'idris', style: 'org' },
  'literate-idris': { code: 'idris', style: 'bird' },
};

/** `\begin{code}` on a line of its own, maybe indented or with options (`[hide]`, as Agda writes them). */
const BEGIN_CODE = /^[ \t]*\\begin\{code\}(?:\[[^\]\n]*\])?[ \t]*\r?$/m;
const END_CODE = /^[ \t]*\\end\{code\}[ \t]*\r?$/;
/** A fenced block's opening line: three or more backticks or tildes, then its info (`agda`, `haskell`, none). */
const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})[ \t]*([^`\s]*)[^`\n]*$/;
/** An Org source block of Agda (`agda2`, as agda-mode names it; options may follow), and a source block's end. */
const ORG_BEGIN_AGDA = /^[ \t]*#\+begin_src[ \t]+agda2(?:[ \t].*)?\r?$/i;
const ORG_END = /^[ \t]*#\+end_src\b/i;

/** The cells of a literate file of `format`. */
export function literateCells(text: string, format: LiterateFormat = 'literate'): DocumentCell[] {
  const { code, style: formatStyle, prose } = FORMATS[format];
  const language = languageById(code);
  const cells: DocumentCell[] = [];
  const add = (start: number, end: number, cellLanguage: LanguageSpec | undefined, cellText = text.slice(start, end)): void => {
    addStretchCell(cells, start, end, cellLanguage, cellText);
  };
  const style = formatStyle === 'latex-or-bird' ? (BEGIN_CODE.test(text) ? 'latex' : 'bird') : formatStyle;
  if (style === 'latex') delimitedStyle(text, language, languageById('latex'), BEGIN_CODE, END_CODE, add);
  else if (style === 'bird') birdStyle(text, language, add);
  else if (style === 'org') delimitedStyle(text, language, languageById('org'), ORG_BEGIN_AGDA, ORG_END, add);
  else fencedStyle(text, language, languageById(prose ?? 'markdown'), add);
  return cells;
}

type Add = (start: number, end: number, language: LanguageSpec | undefined, cellText?: string) => void;

/** Prose with code blocks between a line matching `begin` and one matching `end`; an unclosed block runs to the end. */
function delimitedStyle(text: string, code: LanguageSpec | undefined, prose: LanguageSpec | undefined, begin: RegExp, end: RegExp, add: Add): void {
  let proseStart = 0;
  for (let at = 0; at < text.length; at = nextLine(text, at)) {
    if (!isLine(text, at, begin)) continue;
    const codeStart = nextLine(text, at);
    let close = codeStart;
    while (close < text.length && !isLine(text, close, end)) close = nextLine(text, close);
    add(proseStart, at, prose);
    add(codeStart, close, code);
    at = close;
    proseStart = nextLine(text, close);
  }
  add(proseStart, text.length, prose);
}

function birdStyle(text: string, code: LanguageSpec | undefined, add: Add): void {
  const markdown = languageById('markdown');
  let runStart = 0;
  let inCode = false;
  for (let at = 0; ; at = nextLine(text, at)) {
    const isCode = at < text.length && text.charCodeAt(at) === 62 /* > */;
    if (at >= text.length || isCode !== inCode) {
      if (inCode) add(runStart, at, code, text.slice(runStart, at).replace(/^>/gm, ' '));
      else add(runStart, at, markdown);
      if (at >= text.length) return;
      runStart = at;
      inCode = isCode;
    }
  }
}

/**
 * Prose whose ```` ``` ```` and ```` ```agda ```` blocks are code; any other fenced block is
 * text, skipped whole (its closing fence opens nothing). An unclosed block runs to the end.
 */
function fencedStyle(text: string, code: LanguageSpec | undefined, prose: LanguageSpec | undefined, add: Add): void {
  let proseStart = 0;
  for (let at = 0; at < text.length; at = nextLine(text, at)) {
    const open = FENCE.exec(lineAt(text, at).replace(/\r$/, ''));
    if (!open) continue;
    const fence = open[1]!;
    const bodyStart = nextLine(text, at);
    let close = bodyStart;
    while (close < text.length && !isClosingFence(lineAt(text, close), fence)) close = nextLine(text, close);
    if (fence.startsWith('`') && (open[2] === '' || open[2]!.toLowerCase() === 'agda')) {
      add(proseStart, at, prose);
      add(bodyStart, close, code);
      proseStart = nextLine(text, close);
    }
    at = close;
  }
  add(proseStart, text.length, prose);
}

/** Whether the line at `at` matches `pattern` (anchored to the line). */
function isLine(text: string, at: number, pattern: RegExp): boolean {
  return pattern.test(lineAt(text, at));
}

function lineAt(text: string, at: number): string {
  const lf = text.indexOf('\n', at);
  return text.slice(at, lf === -1 ? text.length : lf);
}

function nextLine(text: string, from: number): number {
  const lf = text.indexOf('\n', from);
  return lf === -1 ? text.length : lf + 1;
}
