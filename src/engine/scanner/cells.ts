/**
 * Files made of cells, each in its own language: Jupyter notebooks (JSON, notebook.ts),
 * R Markdown, Quarto and Jupytext's Markdown notebooks (Markdown with fenced code, chunks.ts), literate
 * Haskell, Agda and Idris (literate.ts), reStructuredText and MyST Markdown, whose comments are
 * read where the structure of the document says they are (restructuredText.ts, myst.ts), and LaTeX
 * and Org, whose `\todo` commands and todo headlines are notes of debt (latex.ts, org.ts). Such a file is never lexed as a
 * whole; each cell is, in its language.
 *
 * Invariants:
 * - A cell's text maps back into the file's text offset by offset ({@link DocumentCell.fileOffset},
 *   ascending), so an item found in a cell has its place in the file, and an edit made to a cell's
 *   text can be made to the file once its text is written in the file's form ({@link encodeForFile}).
 * - Cells come in file order, numbered from 0; a file that is not of its format has no cells.
 */
import type { CellPosition, Position } from '../model';
import { jupytextMarkdownCells, markdownChunks } from './chunks';
import { latexCells, type LatexFormat } from './latex';
import { literateCells, type LiterateFormat } from './literate';
import { PositionMapper } from './grammar/positions';
import { PositionFinder } from './grammar/positions';
import type { LanguageSpec } from './languages';
import { mystCells, type MystFormat } from './myst';
import { notebookCells } from './notebook';
import { orgCells, type OrgFormat } from './org';
import { isRestructuredTextFormat, restructuredTextCells, type RestructuredTextFormat } from './restructuredText';

/** How a file is made of cells: a Jupyter notebook, Markdown with code chunks (R Markdown's `{r}`, a Jupytext notebook's ```` ```python ````), a literate program, reStructuredText or MyST Markdown. */
export type CellFormat = 'jupyter' | 'chunks' | 'jupytext-markdown' | LiterateFormat | RestructuredTextFormat | MystFormat | LatexFormat | OrgFormat;

/** One cell of a file that Paydown reads. */
export interface DocumentCell {
  /** The cell's number in the file, from 0 (a notebook counts cells of every kind, as its editor does). */
  index: number;
  /** The language the cell is read as. */
  language: LanguageSpec;
  /** The cell's text as its editor shows it. */
  text: string;
  /** Where the cell's `offset` (0 … `text.length`) is in the file's text. */
  fileOffset(offset: number): number;
}

/** The cells of `text`, a file of `format`. */
export function documentCells(text: string, format: CellFormat): DocumentCell[] {
  if (format === 'jupyter') return notebookCells(text);
  if (format === 'chunks') return markdownChunks(text);
  if (format === 'jupytext-markdown') return jupytextMarkdownCells(text);
  if (format === 'myst') return mystCells(text);
  if (format === 'latex') return latexCells(text);
  if (format === 'org') return orgCells(text);
  if (isRestructuredTextFormat(format)) return restructuredTextCells(text, format);
  return literateCells(text, format);
}

/** `text` as it is written inside a cell of the file: escaped as JSON string content in a notebook. */
export function encodeForFile(text: string, format: CellFormat): string {
  return format === 'jupyter' ? JSON.stringify(text).slice(1, -1) : text;
}

/** The cell holding the file's `offset`, if any: of two cells that meet there, the one it starts. */
export function cellAt(cells: readonly DocumentCell[], offset: number): DocumentCell | undefined {
  let ending: DocumentCell | undefined;
  for (const cell of cells) {
    if (cell.text.length === 0) continue;
    const end = cell.fileOffset(cell.text.length);
    if (cell.fileOffset(0) <= offset && offset < end) return cell;
    if (offset === end) ending ??= cell;
  }
  return ending;
}

/** The 1-based line and column in `cell` of the file's `offset` (the first character at or after it). */
export function positionInCell(cell: DocumentCell, offset: number): Position {
  let at = 0;
  while (at < cell.text.length && cell.fileOffset(at) < offset) at++;
  return new PositionMapper(cell.text).at(at);
}


/**
 * The cell holding the file's `position` and the position there, for the editor to open an item
 * in its notebook cell; undefined when the position is in no cell that Paydown reads.
 */
export function cellPosition(text: string, format: CellFormat, position: Position): CellPosition | undefined {
  const offset = new PositionFinder(text).offsetOf(position);
  const cell = cellAt(documentCells(text, format), offset);
  return cell ? { index: cell.index, ...positionInCell(cell, offset) } : undefined;
}
