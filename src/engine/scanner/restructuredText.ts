/**
 * reStructuredText (`.rst`), read as docutils reads it. A comment is an explicit markup block (a
 * line starting `.. `) that is none of the other explicit markup: a directive (`.. note::`,
 * `.. py:function::`), a hyperlink target (`.. _name:`, `.. __:`), a footnote or citation
 * (`.. [1]`, `.. [RFC]`) or a substitution definition (`.. |name| image::`). Its text runs on over
 * the lines indented under it. Sphinx's `.. todo::` directive is a note of debt by design and reads
 * as a `TODO` comment. Everything else is what the document shows: prose, literal blocks (the
 * indented block after a paragraph ending in `::`) and the bodies of directives that hold code,
 * data or math (`.. code-block::`, `.. math::`, …), where a `.. TODO:` is an example, not a comment.
 * The body of any other directive (`.. note::`, a domain's `.. py:function::`) is reStructuredText,
 * whose own comments count.
 *
 * Literate Agda in reStructuredText (`.lagda.rst`), as Agda reads it: each literal block after a
 * line ending in `::` (one not starting with `..`) is Agda; the rest is reStructuredText.
 *
 * Invariants: a cell's text is as long as its stretch of the file and has the file's line breaks
 * where the file has them (offset for offset). In a reStructuredText cell, the lines of comments
 * (and of `.. todo::`, its `todo::` written `TODO: `) are the file's; every other line that is not
 * blank keeps its indentation and has the rest replaced by one `|` and spaces, so that a comment's
 * indented body ends where docutils ends it and no text outside comments is read. Cells are in
 * file order and do not overlap.
 */
import type { DocumentCell } from './cells';
import { splitTextLines, type TextLine } from './textLines';
import { languageById, rowReadInCells, type LanguageSpec } from './languages';
import { addStretchCell } from './stretchCell';

export type RestructuredTextFormat = 'restructuredtext' | 'literate-agda-rst';

/** Whether a file of cells is read as reStructuredText (its prose, at least). */
export function isRestructuredTextFormat(format: string | undefined): format is RestructuredTextFormat {
  return format === 'restructuredtext' || format === 'literate-agda-rst';
}

/** An explicit markup start: indentation, `..`, then whitespace and the rest (or nothing). */
const EXPLICIT = /^([ \t]*)\.\.(?:[ \t]+(.*))?$/;
/** A directive's type and its `::` (docutils allows one space before them). */
const DIRECTIVE = /^([A-Za-z0-9]+(?:[-_.:+][A-Za-z0-9]+)*) ?::(?:[ \t]|$)/;
const FOOTNOTE_OR_CITATION = /^\[[^\]\s][^\]]*\](?:[ \t]|$)/;
const TARGET = /^_(?:_|`[^`]*`|[^:`]*):(?:[ \t]|$)/;
/** The name and colons of a todo directive's line, in any case. */
const TODO_DIRECTIVE = /todo ?::/i;
const SUBSTITUTION = /^\|[^|\s](?:[^|]*[^|\s])?\|[ \t]+\S/;
/** A list item's marker, whose width is where its paragraph's text starts. */
const LIST_MARKER = /^(?:[-*+\u2022]|\(?(?:\d+|#|[A-Za-z])[.)])[ \t]+/;

/**
 * Directives whose body is code, data, math or markup of another kind, shown as written: their
 * bodies are text. Any other directive's body is reStructuredText.
 */
export const TEXT_BODY_DIRECTIVES: ReadonlySet<string> = new Set([
  'code', 'code-block', 'sourcecode', 'literalinclude', 'parsed-literal', 'highlight', 'math', 'raw', 'csv-table',
  'productionlist', 'doctest', 'testcode', 'testsetup', 'testcleanup', 'testoutput', 'ipython', 'jupyter-execute',
  'jupyter-input', 'jupyter-output', 'code-cell', 'code-tab', 'prompt', 'plot', 'graphviz', 'graph', 'digraph', 'uml',
  'plantuml', 'mermaid', 'jinja', 'exec', 'runblock', 'program-output', 'command-output', 'tabularcolumns',
]);


/** How a line of a reStructuredText stretch is read. */
const enum Read {
  Text,
  Comment,
  /** The line of a `.. todo::` (its body reads as a comment's). */
  SphinxTodo,
  /** Literate Agda's code. */
  Code,
}

/** Whether a file's name says reStructuredText (`.rst`, `.rest`, `.lagda.rst`): asked of every file the walker reads, so its first test is one character. */
export function isRestructuredTextName(name: string): boolean {
  return (name.charCodeAt(name.length - 1) | 32) === 116 /* t */ && /\.re?st$/i.test(name);
}

/** The cells of a reStructuredText document (`restructuredtext`) or of a literate Agda one. */
export function restructuredTextCells(text: string, format: RestructuredTextFormat): DocumentCell[] {
  const lines = splitTextLines(text);
  const reads = readLines(text, lines, format === 'literate-agda-rst');
  const rst = rowReadInCells('restructuredtext');
  const agda = languageById('idris');
  const cells: DocumentCell[] = [];
  const add = (from: number, to: number, language: LanguageSpec | undefined, code: boolean): void => {
    if (!language || to <= from) return;
    const start = lines[from]!.start;
    const end = to < lines.length ? lines[to]!.start : text.length;
    const cellText = code ? text.slice(start, end) : proseText(text, lines, reads, from, to);
    addStretchCell(cells, start, end, language, cellText);
  };
  let runStart = 0;
  for (let i = 0; i <= lines.length; i++) {
    const isCode = i < lines.length && reads[i] === Read.Code;
    const wasCode = i > runStart && reads[runStart] === Read.Code;
    if (i === lines.length || (i > runStart && isCode !== wasCode)) {
      add(runStart, i, wasCode ? agda : rst, wasCode);
      runStart = i;
    }
  }
  return cells;
}


/** How each line reads; blank lines as their block does. */
function readLines(text: string, lines: readonly TextLine[], agdaCode: boolean): Read[] {
  const reads = new Array<Read>(lines.length).fill(Read.Text);
  const paragraphs = paragraphStarts(lines);
  const mark = (from: number, to: number, read: Read): void => {
    for (let k = from; k < to; k++) reads[k] = read;
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.blank) {
      i++;
      continue;
    }
    const content = text.slice(line.start + line.indent, line.end);
    const explicit = EXPLICIT.exec(text.slice(line.start, line.end));
    if (explicit) {
      const rest = explicit[2]?.trimEnd() ?? '';
      const bodyEnd = indentedBlockEnd(lines, i + 1, line.indent);
      const directive = DIRECTIVE.exec(rest);
      if (directive) {
        const name = directive[1]!.toLowerCase();
        if (name === 'todo') {
          mark(i, bodyEnd, Read.Comment);
          reads[i] = Read.SphinxTodo;
          i = bodyEnd;
        } else if (TEXT_BODY_DIRECTIVES.has(name)) {
          i = bodyEnd;
        } else {
          // Its options and body are read on: a nested comment counts.
          i++;
        }
      } else if (SUBSTITUTION.test(rest)) {
        i = bodyEnd;
      } else if (FOOTNOTE_OR_CITATION.test(rest) || TARGET.test(rest)) {
        i++;
      } else if (rest === '' && (i + 1 >= lines.length || lines[i + 1]!.blank)) {
        // An empty comment: what follows the blank line is not part of it.
        i++;
      } else {
        // A comment: every line indented under its marker, as docutils reads it.
        mark(i, bodyEnd, Read.Comment);
        i = bodyEnd;
      }
      continue;
    }
    if (content.endsWith('::')) {
      const after = indentedBlockEnd(lines, i + 1, paragraphColumn(text, lines, paragraphs[i]!));
      if (agdaCode) mark(firstNonBlank(lines, i + 1, after), after, Read.Code);
      i = after;
      continue;
    }
    i++;
  }
  return reads;
}

/** The stretch's text as the lexer reads it: comments as written, every other line's text blanked. */
function proseText(text: string, lines: readonly TextLine[], reads: readonly Read[], from: number, to: number): string {
  let out = '';
  for (let k = from; k < to; k++) {
    const line = lines[k]!;
    const read = reads[k];
    if (line.blank || read === Read.Comment) {
      out += text.slice(line.start, line.next);
    } else if (read === Read.SphinxTodo) {
      // `.. todo::` → `.. TODO: `, the same length.
      const written = text.slice(line.start, line.next);
      const todo = TODO_DIRECTIVE.exec(written)!;
      out += `${written.slice(0, todo.index)}${'TODO:'.padEnd(todo[0].length)}${written.slice(todo.index + todo[0].length)}`;
    } else {
      const textStart = line.start + line.indent;
      out += `${text.slice(line.start, textStart)}|${' '.repeat(line.end - textStart - 1)}${text.slice(line.end, line.next)}`;
    }
  }
  return out;
}

/** The end (a line index) of the block after `from`: blank lines and lines indented deeper than `column`. */
function indentedBlockEnd(lines: readonly TextLine[], from: number, column: number): number {
  let end = from;
  for (let k = from; k < lines.length; k++) {
    const line = lines[k]!;
    if (line.blank) continue;
    if (line.indent <= column) break;
    end = k + 1;
  }
  return end;
}

/** For each line, the first line of its paragraph (the lines before it with its indentation and no blank between), in one pass. */
function paragraphStarts(lines: readonly TextLine[]): number[] {
  const starts = new Array<number>(lines.length);
  for (let k = 0; k < lines.length; k++) {
    const continues = k > 0 && !lines[k - 1]!.blank && lines[k - 1]!.indent === lines[k]!.indent;
    starts[k] = continues ? starts[k - 1]! : k;
  }
  return starts;
}

/** The column where the text of the paragraph starting at line `first` starts (after a list item's marker). */
function paragraphColumn(text: string, lines: readonly TextLine[], first: number): number {
  const line = lines[first]!;
  const marker = LIST_MARKER.exec(text.slice(line.start + line.indent, line.end));
  return line.indent + (marker ? marker[0].length : 0);
}

function firstNonBlank(lines: readonly TextLine[], from: number, to: number): number {
  let k = from;
  while (k < to && lines[k]!.blank) k++;
  return k;
}
