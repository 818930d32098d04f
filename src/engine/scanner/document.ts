import type { AnnotationOptions, DebtItem, DocumentScan, Position, Problem } from '../model';
import { compileAnnotationOptions, parseAnnotations, type CompiledAnnotationOptions } from './grammar';
import { PositionFinder, PositionMapper } from './grammar/positions';
import { lexComments } from './lexer';
import { languageMapOf } from './languageMap';
import { documentCells, type CellFormat } from './cells';
import { isTodoDirectiveAt, mayHoldTodoDirectives } from './todoDirective';
import { mayHoldPlaceholders, mayNamePlaceholder, placeholderItems, withPlaceholders } from './codeTodos';
import { languageById, languageClaimedByContent, languageForFile, languageFromFirstLines, mayBeScript, type LanguageSpec } from './languages';

/** Where a document's text comes from: its workspace-relative path and, in the editor, its language id. */
export interface DocumentSource {
  /** Workspace-relative path with `/` separators (or an untitled name). */
  file: string;
  /** VS Code language id; when absent or unknown the language is taken from the file name. */
  languageId?: string;
  /** The text is one cell of `file` (a notebook's, in the editor): read in `languageId` alone. */
  inCell?: boolean;
}

const compiledCache = new WeakMap<AnnotationOptions, CompiledAnnotationOptions>();

/** Prepares options once; pass the result to {@link scanDocument} on hot paths. */
export function prepareAnnotationOptions(options: AnnotationOptions | CompiledAnnotationOptions): CompiledAnnotationOptions {
  if ('mightContainTag' in options) return options;
  let compiled = compiledCache.get(options);
  if (!compiled) {
    compiled = compileAnnotationOptions(options);
    compiledCache.set(options, compiled);
  }
  return compiled;
}

/**
 * The language a document is read as, or undefined when Paydown does not know it: for a cell, its
 * language id; otherwise the config's `scan.languages` (with `options`); with `text`, a script's
 * `#!` line, Tcl hand-over or mode line when its name says too little (no extension, `.sh`,
 * `.pl`, …: see `mayBeScript`), and the first lines that claim a shared extension for another
 * language (MATLAB's `.m`); then VS Code's language id, except for a file of cells (a notebook,
 * R Markdown), known by its name whatever the editor calls it; then the file's name and extension.
 */
export function resolveLanguage(source: DocumentSource, text?: string, options?: AnnotationOptions): LanguageSpec | undefined {
  if (source.inCell) {
    const language = source.languageId ? languageById(source.languageId) : undefined;
    return language?.cells === 'jupyter' ? undefined : language;
  }
  const map = options === undefined ? undefined : languageMapOf(options);
  const mapped = map === undefined || map.empty ? undefined : map.languageFor(source.file);
  if (mapped) return mapped;
  const scripted = text !== undefined && mayBeScript(source.file) ? languageFromFirstLines(text) : undefined;
  if (scripted) return scripted;
  // Before the editor's language id, which for a shared extension is only the default reader's.
  const claimed = text !== undefined ? languageClaimedByContent(source.file, text) : undefined;
  if (claimed) return claimed;
  const byName = languageForFile(source.file);
  // The editor calls a notebook's file JSON, and may not know a chunked format: its cells are what counts.
  if (byName?.cells) return byName;
  return (source.languageId ? languageById(source.languageId) : undefined) ?? byName;
}

/**
 * The one-document API: the annotations in one text. Fast enough to run on every keystroke;
 * a text without any tag costs one substring search.
 */
export function scanDocument(
  text: string,
  source: DocumentSource,
  options: AnnotationOptions | CompiledAnnotationOptions,
): DocumentScan {
  const compiled = prepareAnnotationOptions(options);
  return scanText(text, source.file, compiled, (sniffed) => resolveLanguage(source, sniffed, compiled.options));
}

/** {@link scanDocument} of a text whose language is known already (an edit's, which resolved it to find where to write). */
export function scanInLanguage(text: string, file: string, language: LanguageSpec, options: AnnotationOptions | CompiledAnnotationOptions): DocumentScan {
  return scanText(text, file, prepareAnnotationOptions(options), () => language);
}

/** {@link scanDocument} with the language given, or found by `languageOf` once the text may hold a tag. */
function scanText(text: string, file: string, compiled: CompiledAnnotationOptions, languageOf: (text: string) => LanguageSpec | undefined): DocumentScan {
  // One search finds every tag's text: none, no annotation; past the last, the lexer stops; and the
  // grammar reads only comments that hold one or continue one. Tags matched in any case are looked
  // for by the prefilter's own test.
  const tagTexts = tagTextStarts(compiled, text);
  const lastTag = tagTexts === undefined ? text.length : tagTexts.length > 0 ? (tagTexts[tagTexts.length - 1] as number) : -1;
  if (lastTag === -1 || (tagTexts === undefined && !compiled.mightContainTag(text))) {
    if (compiled.mightContainTodoDirective(text)) return scanTodoDirectives(text, file, compiled, languageOf);
    return mayNamePlaceholder(text) ? scanPlaceholders(text, file, compiled, languageOf) : { items: [], problems: [] };
  }
  // Only now, for the few texts that may hold a tag, may the language need a look at the first lines.
  const language = languageOf(text);
  if (!language) return { items: [], problems: [] };
  if (language.cells) return scanCells(text, language.cells, file, compiled);
  // Comments after the last tag can hold no annotation: the lexer stops at the first code past it.
  const lexed = lexComments(text, language, { stopAfter: lastTag });
  const scan = parseAnnotations(text, lexed.comments, file, compiled, lexed.failure, tagTexts);
  return withPlaceholders(scan, text, language, file, compiled);
}

/** A text without a tag, but with a placeholder's name (`todo!`, `???`, `Debug.todo`): Rust, Scala, Elm and Gleam read it as a `TODO`. */
function scanPlaceholders(text: string, file: string, compiled: CompiledAnnotationOptions, languageOf: (text: string) => LanguageSpec | undefined): DocumentScan {
  const language = languageOf(text);
  return language && !language.cells && mayHoldPlaceholders(text, language, compiled) ? placeholderItems(text, language, file, compiled) : { items: [], problems: [] };
}

/** A text without a tag, but with a todo directive (`.. todo::`, ```` ```{todo} ````): reStructuredText and MyST (a notebook's MyST cells too) read it as a `TODO`. */
function scanTodoDirectives(text: string, file: string, compiled: CompiledAnnotationOptions, languageOf: (text: string) => LanguageSpec | undefined): DocumentScan {
  const cells = languageOf(text)?.cells;
  return cells !== undefined && mayHoldTodoDirectives(cells) ? scanCells(text, cells, file, compiled) : { items: [], problems: [] };
}

/** A file of cells' annotations: each cell's, read in the cell's language, at their places in the file. */
function scanCells(text: string, format: CellFormat, file: string, compiled: CompiledAnnotationOptions): DocumentScan {
  const items: DebtItem[] = [];
  const problems: Problem[] = [];
  const inFile = new PositionMapper(text);
  for (const cell of documentCells(text, format)) {
    // A cell may be a file of cells of another kind (a notebook's MyST Markdown cell); never a notebook.
    const scan = scanText(cell.text, file, compiled, () => (cell.language.cells === 'jupyter' ? undefined : cell.language));
    if (scan.items.length === 0 && scan.problems.length === 0) continue;
    const inCell = new PositionFinder(cell.text);
    const place = (p: Position): Position => inFile.at(cell.fileOffset(inCell.offsetOf(p)));
    // A notebook's cells are what its editor shows; a chunk's lines are the file's own.
    const showsCells = format === 'jupyter';
    const placed = new Map<Problem, Problem>();
    const placeProblem = (p: Problem): Problem => {
      let moved = placed.get(p);
      if (!moved) {
        const inCell = showsCells ? { cell: { index: cell.index, range: p.range } } : {};
        placed.set(p, (moved = { ...p, range: { start: place(p.range.start), end: place(p.range.end) }, ...inCell }));
      }
      return moved;
    };
    for (const item of scan.items) {
      const tagOffset = cell.fileOffset(inCell.offsetOf(item));
      const at = inFile.at(tagOffset);
      const inCellAt = showsCells ? { cell: { index: cell.index, line: item.line, column: item.column } } : {};
      const directive = isTodoDirectiveAt(text, tagOffset, format) ? { directive: 'todo' as const } : {};
      items.push({ ...item, line: at.line, column: at.column, end: place(item.end), problems: item.problems.map(placeProblem), ...inCellAt, ...directive });
    }
    for (const problem of scan.problems) problems.push(placeProblem(problem));
  }
  return { items, problems };
}

/** Where each tag's text begins in `text`, ascending; undefined when that cannot be told. */
function tagTextStarts(compiled: CompiledAnnotationOptions, text: string): number[] | undefined {
  try {
    return compiled.tags ? compiled.tags.tagTextStarts(text) : undefined;
  } catch {
    return undefined;
  }
}
