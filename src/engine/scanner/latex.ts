/**
 * LaTeX, with the `\todo` command of the todonotes, todo and easy-todo packages
 * (`\todo{Cite the 2019 paper}`, `\todo[inline, color=red]{…}`): a note of debt by design, which
 * the PDF shows in the margin, read as a `TODO` whose text is the command's argument. The rest of
 * the document is read as LaTeX (its `%` comments, `\begin{comment}`, verbatim text skipped).
 *
 * A `\todo` counts where TeX would run it: in the document's text, not in a comment, a verbatim
 * environment or `\verb`, and not where a command defines it (`\newcommand\todo[1]{…}`,
 * `\renewcommand*{\todo}`). Its argument runs to the brace that balances its opening one, as TeX
 * reads it: `\{` and `\}` are characters, and a `%` comment inside it is not its text.
 *
 * Invariants: cells are in file order, do not overlap and hold each offset of their stretch of the
 * file, with the file's line breaks. A text without a `\todo` is one cell, the file's own text. A
 * `\todo`'s cell is the command written as a comment of its own kind: `{TODO:` over `\todo` and
 * its options and opening brace (the tag where the file has `todo`), the argument as written
 * (its `%` comments blanked), and a closing mark no text holds over its closing brace.
 */
import type { DocumentCell } from './cells';
import { rowReadInCells, type LanguageSpec } from './languages';
import { lexComments } from './lexer';
import { addStretchCell } from './stretchCell';

export type LatexFormat = 'latex';

const TODO_COMMAND = '\\todo';
/** What closes a todo's cell: a character no LaTeX text holds (one that does is blanked in the cell). */
const NOTE_CLOSE = '\u0001';
const MACRO_PARAMETER = /^\s*#+\d\s*$/;
/** A command that defines the one after it: `\newcommand\todo[1]{…}` is no todo. */
const DEFINED_BY = /\\(?:(?:re)?newcommand|providecommand|DeclareRobustCommand|(?:New|Renew|Provide|Declare)(?:Document|Expandable)?Command|[gex]?def|let|global)\*?[ \t]*\{?[ \t]*$/;

/** The cells of a LaTeX document: its text, cut around each `\todo` command. */
export function latexCells(text: string): DocumentCell[] {
  const document = rowReadInCells('latex');
  if (!document) return [];
  const notes = text.includes(TODO_COMMAND) ? todoCommands(text, document) : [];
  const cells: DocumentCell[] = [];
  let at = 0;
  for (const note of notes) {
    addStretchCell(cells, at, note.start, document, text.slice(at, note.start));
    addStretchCell(cells, note.start, note.end, noteLanguage(), noteText(text, note));
    at = note.end;
  }
  addStretchCell(cells, at, text.length, document, at === 0 ? text : text.slice(at));
  return cells;
}

/** A `\todo` command: from its backslash to past its argument's closing brace. */
interface TodoCommand {
  start: number;
  /** Its argument's opening brace. */
  argument: number;
  end: number;
}

/**
 * The `\todo` commands TeX would run, in file order. The lexer finds them as it finds comments, so
 * that comments and verbatim text are skipped as in any LaTeX file: `\todo` is read as a comment
 * of no text, and the lexing goes on after it. What it reads inside an argument is ignored.
 */
function todoCommands(text: string, document: LanguageSpec): TodoCommand[] {
  const found: TodoCommand[] = [];
  let resumeAt = 0;
  for (const span of lexComments(text, commandFinder(document)).comments) {
    if (span.marker !== TODO_COMMAND || span.start < resumeAt) continue;
    const command = readTodoCommand(text, span.start);
    if (command === undefined) continue;
    // An argument that never closes holds the rest of the file, as it does for TeX.
    if (command === 'unclosed') break;
    found.push(command);
    resumeAt = command.end;
  }
  return found;
}

/** The command at `start` (its backslash), when it is a `\todo` with an argument and is not being defined; `unclosed` when its argument runs to the end of the file. */
function readTodoCommand(text: string, start: number): TodoCommand | 'unclosed' | undefined {
  if (/[A-Za-z@]/.test(text[start + TODO_COMMAND.length] ?? '') || DEFINED_BY.test(text.slice(Math.max(0, start - 40), start))) return undefined;
  let p = skipSpace(text, start + TODO_COMMAND.length);
  if (text[p] === '[') {
    const options = closingOf(text, p, ']');
    if (options === -1) return 'unclosed';
    p = skipSpace(text, options + 1);
  }
  if (text[p] !== '{') return undefined;
  const close = closingOf(text, p, '}');
  if (close === -1) return 'unclosed';
  // `\todo{#1}` is a macro's body passing its argument on (`\newcommand{\note}[1]{\todo{#1}}`), no note.
  return MACRO_PARAMETER.test(text.slice(p + 1, close)) ? undefined : { start, argument: p, end: close + 1 };
}

/** Blanks and at most one line break, as TeX skips them after a command's name and between its arguments. */
function skipSpace(text: string, from: number): number {
  let p = from;
  let breaks = 0;
  for (; p < text.length; p++) {
    const c = text[p];
    if (c === '\n') {
      if (++breaks > 1) break;
    } else if (c !== ' ' && c !== '\t' && c !== '\r') break;
  }
  return p;
}

/**
 * The bracket that closes the one at `open`, or -1: braces nest (an option may be `{a]}`), a
 * backslash escapes the next character and `%` comments out the rest of its line.
 */
function closingOf(text: string, open: number, closer: string): number {
  let depth = 0;
  for (let p = open + 1; p < text.length; p++) {
    const c = text[p];
    if (c === '\\') p++;
    else if (c === '%') {
      const nl = text.indexOf('\n', p);
      if (nl === -1) return -1;
      p = nl;
    } else if (c === '{') depth++;
    else if (c === '}' && depth > 0) depth--;
    else if (c === closer && depth === 0) return p;
  }
  return -1;
}

/** A todo command as its cell reads it: `{TODO:` and blanks up to its argument, the argument, the closing mark. */
function noteText(text: string, note: TodoCommand): string {
  let out = `{TODO${text[note.start + 5] === '\n' || text[note.start + 5] === '\r' ? text[note.start + 5] : ':'}`;
  for (let p = note.start + 6; p <= note.argument; p++) out += blankExceptBreaks(text[p]!);
  // `\todo{TODO: …}` says it twice: the command's tag is the item's.
  const repeated = /^[ \t]*todo(?:[ \t]*:|(?=[ \t]))/i.exec(text.slice(note.argument + 1, Math.min(note.end - 1, note.argument + 16)));
  const textStart = note.argument + 1 + (repeated ? repeated[0].length : 0);
  out += ' '.repeat(textStart - note.argument - 1);
  for (let p = textStart; p < note.end - 1; p++) {
    const c = text[p]!;
    if (c === '\\' && p + 1 < note.end - 1) {
      out += c + (text[p + 1] === NOTE_CLOSE ? ' ' : text[p + 1]);
      p++;
    } else if (c === '%') {
      // TeX drops a comment and the line break after it.
      const nl = text.indexOf('\n', p);
      const lineEnd = nl > p && text[nl - 1] === '\r' ? nl - 1 : nl;
      const commentEnd = nl === -1 || lineEnd > note.end - 1 ? note.end - 1 : lineEnd;
      out += ' '.repeat(commentEnd - p);
      p = commentEnd - 1;
    } else out += c === NOTE_CLOSE ? ' ' : c;
  }
  return `${out}${NOTE_CLOSE}`;
}

function blankExceptBreaks(c: string): string {
  return c === '\n' || c === '\r' ? c : ' ';
}


let finderSpec: LanguageSpec | undefined;
/** LaTeX with `\todo` as a comment that ends where it starts: the lexer reports each one in the text and reads on. */
function commandFinder(document: LanguageSpec): LanguageSpec {
  return (finderSpec ??= { ...document, blockComments: [...(document.blockComments ?? []), { open: TODO_COMMAND, close: '' }] });
}

let noteSpec: LanguageSpec | undefined;
/** A todo command's cell: one comment, from `{TODO:` to its closing mark. */
function noteLanguage(): LanguageSpec {
  return (noteSpec ??= { id: 'latex', name: 'LaTeX', blockComments: [{ open: '{', close: NOTE_CLOSE }] });
}
