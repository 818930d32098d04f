/**
 * MyST Markdown (Jupyter Book, Sphinx's myst-parser and MyST-NB, mystmd), read as those tools
 * read it. Its comments are CommonMark's HTML comments and MyST's own `%` lines. A directive is a
 * fence with a name in braces (```` ```{note} ````, `:::{note}`), closed by a fence of the same
 * character at least as long; options follow its first line (`:key: value` lines, or a YAML block
 * between `---` lines). What its body is depends on the directive:
 * - `{todo}` (Sphinx's todo extension) is a note of debt by design: read as a `TODO` comment whose
 *   text is the directive's.
 * - `{code-cell}` (a MyST notebook's code cell) is code: in the language its argument names
 *   (`{code-cell} ipython3`), else the kernel's from the front matter's `kernelspec`, else Python
 *   (nbformat's default); a `%%bash` cell magic names its own.
 * - `{eval-rst}`'s body is reStructuredText, read as restructuredText.ts reads it.
 * - Directives that show code, data or math (`{code-block}`, `{math}`, `{mermaid}`, …, the same list
 *   as reStructuredText's), `{raw-cell}` and a block fenced with a language's name in braces
 *   (```` ```{python} ````, no directive) are text: an example, not a comment.
 * - Any other directive's body (`{note}`, `{admonition}`, an unknown name) is MyST Markdown, whose
 *   own comments and nested directives count.
 * A plain code fence (```` ```python ````, `~~~`) is text, as in Markdown. YAML front matter is
 * read as YAML.
 *
 * Invariants: cells are in file order and do not overlap; each cell's text is as long as its
 * stretch of the file, with the file's line breaks where the file has them (offset for offset). In
 * a Markdown cell a directive's fence and option lines are blanked to spaces. A todo directive's
 * cell is the directive with its opening fence written `<!--TODO:` (the tag where the file has
 * `todo`) and its closing fence `-->`, its option lines blanked, so its text is the comment's.
 */
import type { DocumentCell } from './cells';
import { splitTextLines, type TextLine } from './textLines';
import { isClosingFence } from './chunks';
import { languageById, languageNamed, rowReadInCells, type LanguageSpec } from './languages';
import { cellMagicLanguage } from './notebook';
import { addStretchCell } from './stretchCell';
import { restructuredTextCells, TEXT_BODY_DIRECTIVES } from './restructuredText';

export type MystFormat = 'myst';

/** A directive's opening fence: indentation, three or more backticks or colons, `{name}`, its argument. */
const DIRECTIVE_OPEN = /^([ \t]*)(`{3,}|:{3,})[ \t]*\{([A-Za-z][\w.:+-]*)\}[ \t]*(.*?)[ \t]*$/;
/** A plain code fence, whose text is shown as written. */
const CODE_FENCE_OPEN = /^[ \t]*(`{3,}|~{3,})/;
const YAML_FENCE = /^-{3,}[ \t]*$/;
/**
 * Directives nested deeper than this are read as text. Real pages nest a few levels; a file of
 * unclosed fences (each one's body holds the rest) would otherwise cost a search to the end per
 * level, and a stack frame each.
 */
const MAX_NESTING = 32;
/** Blockquote and list markers before a `%` comment: MyST reads it as one there too (`> % note`, `- % note`). */
const NESTED_COMMENT = /^(?:[ \t]*(?:>[ \t]?|(?:[-*+]|\d{1,9}[.)])[ \t]+))+(?=%)/;
/** A directive's option: `:key: value` (a nested colon fence is no option). */
const OPTION_LINE = /^[ \t]*:[\w.-]+:(?:[ \t]|$)/;
const KERNEL_LANGUAGE = /^kernelspec:[ \t]*\r?\n(?:[ \t]+.*\r?\n)*?[ \t]+language:[ \t]*["']?([\w+#-]+)/m;
const KERNEL_NAME = /^kernelspec:[ \t]*\r?\n(?:[ \t]+.*\r?\n)*?[ \t]+name:[ \t]*["']?([\w+#.-]+)/m;

/** How a line of the document is read. */
const enum Read {
  /** MyST Markdown. */
  Markdown,
  /** In a Markdown cell, blanked: a directive's fence or option line. */
  Hidden,
  /** In no cell: text the page shows as written, or a code cell's fences and options. */
  Text,
  /** YAML front matter. */
  FrontMatter,
  /** A code cell's body (its language in {@link Reading.code}). */
  Code,
  /** An `{eval-rst}` body. */
  Rst,
  /** A todo directive, fences included. */
  Todo,
}

interface Reading {
  reads: Read[];
  /** Where a run starts that is not the previous line's run even when it reads alike (two code cells, two todos). */
  runStarts: Set<number>;
  /** A code cell's language, by the line its body starts on. */
  code: Map<number, LanguageSpec | undefined>;
}

/** Whether a file's name may hold MyST Markdown (`.md`, claimed by its content, or `.myst`, `.mystnb`, `.mnb`): asked of every file the walker reads, so its first test is one character. */
export function mayBeMystName(name: string): boolean {
  const last = name.charCodeAt(name.length - 1) | 32;
  return (last === 100 /* d */ && /\.md$/i.test(name)) || (last === 116 /* t */ && /\.myst$/i.test(name)) || (last === 98 /* b */ && /\.(?:mystnb|mnb)$/i.test(name));
}

/** The cells of a MyST Markdown document. */
export function mystCells(text: string): DocumentCell[] {
  const lines = splitTextLines(text);
  const reading = readDocument(text, lines);
  const cells: DocumentCell[] = [];
  const startOf = (i: number): number => (i < lines.length ? lines[i]!.start : text.length);
  let runStart = 0;
  for (let i = 1; i <= lines.length; i++) {
    if (i < lines.length && !reading.runStarts.has(i) && sameRun(reading.reads[i]!, reading.reads[runStart]!)) continue;
    const start = startOf(runStart);
    const end = startOf(i);
    switch (reading.reads[runStart]) {
      case Read.Markdown:
      case Read.Hidden:
        addStretchCell(cells, start, end, rowReadInCells('myst'), blankHidden(text, lines, reading.reads, runStart, i));
        break;
      case Read.FrontMatter:
        addStretchCell(cells, start, end, languageById('yaml'), text.slice(start, end));
        break;
      case Read.Code:
        addStretchCell(cells, start, end, reading.code.get(runStart), text.slice(start, end));
        break;
      case Read.Todo:
        addStretchCell(cells, start, end, rowReadInCells('myst'), todoText(text, lines, runStart, i));
        break;
      case Read.Rst:
        for (const inner of restructuredTextCells(text.slice(start, end), 'restructuredtext')) {
          cells.push({ ...inner, index: cells.length, fileOffset: (offset) => start + inner.fileOffset(offset) });
        }
        break;
      default:
        break;
    }
    runStart = i;
  }
  return cells;
}

function sameRun(a: Read, b: Read): boolean {
  const markdown = (r: Read): boolean => r === Read.Markdown || r === Read.Hidden;
  return a === b || (markdown(a) && markdown(b));
}


function readDocument(text: string, lines: readonly TextLine[]): Reading {
  const reading: Reading = { reads: new Array<Read>(lines.length).fill(Read.Markdown), runStarts: new Set(), code: new Map() };
  let from = 0;
  if (lines.length > 0 && YAML_FENCE.test(lineText(text, lines[0]!))) {
    let close = 1;
    while (close < lines.length && !/^(?:-{3,}|\.{3})[ \t]*$/.test(lineText(text, lines[close]!))) close++;
    if (close < lines.length) {
      mark(reading, 0, close + 1, Read.Hidden);
      mark(reading, 1, close, Read.FrontMatter);
      from = close + 1;
    }
  }
  readBlocks(text, lines, from, lines.length, reading, kernelLanguage(text, lines, from), 0);
  return reading;
}

/** Marks how lines `first` … `last` (exclusive), MyST Markdown, are read: each directive by its kind, those nested in a Markdown body too. */
function readBlocks(text: string, lines: readonly TextLine[], first: number, last: number, reading: Reading, kernel: LanguageSpec | undefined, depth: number): void {
  if (depth > MAX_NESTING) {
    mark(reading, first, last, Read.Text);
    return;
  }
  let i = first;
  while (i < last) {
    const line = lineText(text, lines[i]!);
    const open = DIRECTIVE_OPEN.exec(line);
    if (!open) {
      const fence = CODE_FENCE_OPEN.exec(line);
      // A plain code block stays in the Markdown, whose lexer reads it as text.
      i = fence ? closingLine(text, lines, i + 1, last, fence[1]!) + 1 : i + 1;
      continue;
    }
    const fence = open[2]!;
    const name = open[3]!.toLowerCase();
    const close = closingLine(text, lines, i + 1, last, fence);
    const end = Math.min(close + 1, last);
    const bodyStart = afterOptions(text, lines, i + 1, close);
    if (name === 'todo') {
      mark(reading, i, end, Read.Todo);
      reading.runStarts.add(i);
    } else if (name === 'code-cell') {
      mark(reading, i, i + 1, Read.Hidden);
      mark(reading, i + 1, end, Read.Text);
      if (bodyStart < close) {
        mark(reading, bodyStart, close, Read.Code);
        reading.runStarts.add(bodyStart);
        const firstBodyLine = lineText(text, lines[bodyStart]!);
        reading.code.set(bodyStart, cellMagicLanguage(firstBodyLine) ?? (open[4] ? languageNamed(open[4].split(/\s/)[0]!) : undefined) ?? kernel);
      }
    } else if (name === 'eval-rst') {
      mark(reading, i, i + 1, Read.Hidden);
      mark(reading, i + 1, end, Read.Text);
      if (bodyStart < close) {
        mark(reading, bodyStart, close, Read.Rst);
        reading.runStarts.add(bodyStart);
      }
    } else if (name === 'raw-cell' || TEXT_BODY_DIRECTIVES.has(name) || languageNamed(name) !== undefined) {
      // A language's name (```` ```{python} ````, Quarto's way) is no MyST directive: its block is shown as written.
      mark(reading, i, i + 1, Read.Hidden);
      mark(reading, i + 1, end, Read.Text);
    } else {
      mark(reading, i, bodyStart, Read.Hidden);
      if (close < last) mark(reading, close, close + 1, Read.Hidden);
      readBlocks(text, lines, bodyStart, close, reading, kernel, depth + 1);
    }
    i = end;
  }
}

/** The line (index) of the fence that closes one opened with `fence`, or `last` when none does. */
function closingLine(text: string, lines: readonly TextLine[], from: number, last: number, fence: string): number {
  for (let k = from; k < last; k++) if (isClosingFence(lineText(text, lines[k]!), fence)) return k;
  return last;
}

/** The first line of a directive's body after its options (`:key: value` lines, or a YAML block between `---` lines, and one blank line after them). */
function afterOptions(text: string, lines: readonly TextLine[], from: number, close: number): number {
  let k = from;
  if (k < close && YAML_FENCE.test(lineText(text, lines[k]!).trim())) {
    k++;
    while (k < close && !/^-{3,}/.test(lineText(text, lines[k]!).trim())) k++;
    return Math.min(k + 1, close);
  }
  const optionsStart = k;
  while (k < close && OPTION_LINE.test(lineText(text, lines[k]!))) k++;
  if (k > optionsStart && k < close && lineText(text, lines[k]!).trim() === '') k++;
  return k;
}

/** The language of code cells that name none: the front matter's kernel's, else Python's. */
function kernelLanguage(text: string, lines: readonly TextLine[], frontMatterEnd: number): LanguageSpec | undefined {
  if (frontMatterEnd === 0) return languageById('python');
  const frontMatter = text.slice(0, lines[frontMatterEnd - 1]!.start);
  const named = KERNEL_LANGUAGE.exec(frontMatter)?.[1] ?? KERNEL_NAME.exec(frontMatter)?.[1];
  return (named ? languageNamed(named) : undefined) ?? languageById('python');
}

function mark(reading: Reading, from: number, to: number, read: Read): void {
  for (let k = from; k < to; k++) reading.reads[k] = read;
}

/**
 * A Markdown stretch as the lexer reads it: hidden lines' text replaced by spaces, and the
 * blockquote and list markers before a `%` comment too, which MyST reads inside those blocks.
 */
function blankHidden(text: string, lines: readonly TextLine[], reads: readonly Read[], from: number, to: number): string {
  let out = '';
  for (let k = from; k < to; k++) {
    const line = lines[k]!;
    if (reads[k] === Read.Hidden) {
      out += `${' '.repeat(line.end - line.start)}${text.slice(line.end, line.next)}`;
      continue;
    }
    const nested = text.charCodeAt(line.start + line.indent) !== 37 /* % */ ? NESTED_COMMENT.exec(lineText(text, line)) : null;
    out += nested ? `${' '.repeat(nested[0].length)}${text.slice(line.start + nested[0].length, line.next)}` : text.slice(line.start, line.next);
  }
  return out;
}

/** A todo directive as an HTML comment: `<!--TODO:` where its opening fence and name are, `-->` for its closing fence, option lines blank. */
function todoText(text: string, lines: readonly TextLine[], from: number, to: number): string {
  const first = lines[from]!;
  const open = DIRECTIVE_OPEN.exec(lineText(text, first))!;
  const nameAt = lineText(text, first).indexOf('{', open[1]!.length) + 1;
  const indent = open[1]!;
  // `{todo}` → `TODO:`, the comment's opener right before it.
  let out = `${indent}${'<!--'.padStart(nameAt - indent.length)}TODO:${text.slice(first.start + nameAt + 5, first.next)}`;
  const bodyStart = afterOptions(text, lines, from + 1, to);
  for (let k = from + 1; k < to; k++) {
    const line = lines[k]!;
    const written = lineText(text, line);
    const lineBreak = text.slice(line.end, line.next);
    if (k < bodyStart) out += ' '.repeat(written.length) + lineBreak;
    else if (k === to - 1 && isClosingFence(written, open[2]!)) {
      const fenceAt = written.length - written.trimStart().length;
      out += `${written.slice(0, fenceAt)}${'-->'.padEnd(written.length - fenceAt)}${lineBreak}`;
    } else out += written + lineBreak;
  }
  return out;
}

function lineText(text: string, line: TextLine): string {
  return text.slice(line.start, line.end);
}
