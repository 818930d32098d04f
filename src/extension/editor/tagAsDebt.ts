/**
 * "Tag as debt": where a new `DEBT(PD-XXXXXX): ` annotation goes and how it is written, in the
 * comment syntax of the file's language (or of the comment the cursor is in). Pure: the command
 * and the code action turn the result into an edit.
 */
import { cellAt, documentCells, findComments } from '../../engine';
import { DEFAULT_ANNOTATION_OPTIONS, placeholderOnLine, resolveLanguage, scanInLanguage } from '../../engine';
import type { CommentSpan } from '../../engine';
import type { AnnotationOptions, CellFormat, LanguageSpec } from '../../engine';

/** The tag "Tag as debt" writes. */
export const DEBT_TAG = 'DEBT';

/** How a language writes a new comment: a line comment marker when it has one, else a block. */
export interface CommentSyntax {
  line: string | null;
  block: { open: string; close: string } | null;
}

/** The comment syntax of a language (by VS Code id, else by file name); null when Paydown does not know the language. */
export function commentSyntax(languageId: string | undefined, file = ''): CommentSyntax | null {
  const language = resolveLanguage({ file, languageId });
  return language ? syntaxOf(language) : null;
}

function syntaxOf(language: LanguageSpec): CommentSyntax | null {
  const line = language.lineComments?.find((c) => !c.notFollowedBy || c.marker.length > 0)?.marker ?? null;
  const blockSpec = language.blockComments?.find((b) => !b.lineStart);
  const block = blockSpec ? { open: blockSpec.open, close: blockSpec.close } : null;
  return line || block ? { line, block } : null;
}

/** Where and what to insert; `text` is split where the title goes, so a command can put the cursor (or a snippet placeholder) there. */
export type TagEdit =
  /** A comment without a tag: the tag goes into it, before its text. */
  | { kind: 'tagComment'; line: number; character: number; text: string }
  /** Code (or a selection): a new comment line above `line`, `before` + title + `after` + line break. */
  | { kind: 'insertLine'; line: number; before: string; after: string };

/** Why there is no edit: the language has no comments Paydown writes, the comment has a tag, or the line is text the document shows as written (a code example in Markdown, MyST or R Markdown). */
export interface TagRefusal {
  kind: 'refused';
  why: 'noComments' | 'tagged' | 'shownAsWritten' | 'placeholder';
}

const refused = (why: TagRefusal['why']): TagRefusal => ({ kind: 'refused', why });

export interface TagRequest {
  text: string;
  languageId: string | undefined;
  /** Workspace-relative where the file is in a workspace folder, for `scan.languages`. */
  file: string;
  /** The text is one cell of `file` (a notebook's), in `languageId`. */
  inCell?: boolean;
  /** 0-based lines of the selection (equal for a cursor). */
  startLine: number;
  endLine: number;
  /** The id to write, e.g. from `newItemId`. */
  id: string;
  /** Tag words that already make a comment an annotation (the config's tags). */
  tags: readonly string[];
  /** The workspace's annotation options: their `scan.languages` decides a file's language first, as in a scan. */
  annotations?: AnnotationOptions;
}

/**
 * The edit that tags `startLine` as debt: on a one-line selection inside a comment that has no
 * tag, the tag goes into the comment; otherwise a new comment line goes above the selection,
 * indented like its first line. Refused when the language has no comments Paydown knows, when
 * the comment already starts with a tag, or on a line of text the document shows as written.
 */
export function tagAsDebtEdit(request: TagRequest): TagEdit | TagRefusal {
  // As a scan reads it: `scan.languages`, then the text (a shared extension's file may be another
  // language's: MyST's `.md`, MATLAB's `.m`).
  const language = resolveLanguage({ file: request.file, languageId: request.languageId, inCell: request.inCell }, request.text, request.annotations);
  if (!language) return refused('noComments');
  if (language.cells && language.cells !== 'jupyter') return inCellOfFile(request, language.cells);
  return tagInLanguage(request, language);
}

function tagInLanguage(request: TagRequest, language: LanguageSpec): TagEdit | TagRefusal {
  const lines = splitLines(request.text);
  // `todo!("…")` is listed already: a comment above it would be a second item for the same debt.
  const first = lines[request.startLine];
  if (first && placeholderOnLine(request.text, language, first.start, first.end)) return refused('placeholder');
  const annotation = `${DEBT_TAG}(${request.id}): `;
  if (request.startLine === request.endLine) {
    const inComment = commentOnLine(request.text, lines, request.startLine, language);
    if (inComment) {
      const { offset, needsSpace } = inComment;
      const rest = request.text.slice(offset, lineEndOffset(lines, request.startLine));
      if (startsWithTag(rest, request.tags) || annotatedAt(request, language)) return refused('tagged');
      const character = offset - lines[request.startLine]!.start;
      return { kind: 'tagComment', line: request.startLine, character, text: (needsSpace ? ' ' : '') + annotation };
    }
  }
  const syntax = syntaxOf(language);
  if (!syntax) return refused('noComments');
  const indent = indentationFor(request.text, lines, request.startLine);
  if (language.id === 'restructuredtext') return explicitMarkupComment(request.text, lines, request.startLine, `${indent}.. ${annotation}`);
  if (syntax.line) return { kind: 'insertLine', line: request.startLine, before: `${indent}${syntax.line} ${annotation}`, after: '' };
  const block = syntax.block!;
  return { kind: 'insertLine', line: request.startLine, before: `${indent}${block.open} ${annotation}`, after: ` ${block.close}` };
}

/**
 * R Markdown, Quarto and literate programs: the chunk (or the prose around chunks) the selection
 * starts in is tagged, in its language, up to its last line; a cell's lines are the file's own.
 * A new line in Bird-style code starts with the `>` that makes it code.
 */
function inCellOfFile(request: TagRequest, format: Exclude<CellFormat, 'jupyter'>): TagEdit | TagRefusal {
  const lines = splitLines(request.text);
  const cell = cellAt(documentCells(request.text, format), lines[request.startLine]?.start ?? 0);
  if (!cell) return refused('shownAsWritten');
  const start = cell.fileOffset(0);
  const first = lines.findIndex((l) => l.start >= start);
  const last = first + splitLines(cell.text).length - 1;
  const edit = tagInLanguage({ ...request, text: cell.text, languageId: cell.language.id, inCell: true, startLine: request.startLine - first, endLine: Math.min(request.endLine, last) - first }, cell.language);
  if (edit.kind === 'refused') return edit;
  const line = edit.line + first;
  const bird = edit.kind === 'insertLine' && request.text.charCodeAt(lines[line]?.start ?? -1) === 62 /* > */ && edit.before.startsWith(' ');
  return bird ? { ...edit, line, before: `>${edit.before.slice(1)}` } : { ...edit, line };
}

/**
 * A reStructuredText comment above `line`: docutils reads `..` as markup only after a blank line
 * (else it continues the paragraph above), and the text after it must not continue the comment.
 */
function explicitMarkupComment(text: string, lines: readonly LineSpan[], line: number, comment: string): TagEdit {
  const isBlank = (k: number): boolean => k < 0 || k >= lines.length || text.slice(lines[k]!.start, lines[k]!.end).trim() === '';
  return { kind: 'insertLine', line, before: `${isBlank(line - 1) ? '' : '\n'}${comment}`, after: isBlank(line) ? '' : '\n' };
}

interface LineSpan {
  start: number;
  /** Offset of the line break (or the text's end). */
  end: number;
}

function splitLines(text: string): LineSpan[] {
  const out: LineSpan[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) {
      out.push({ start, end: text.length });
      return out;
    }
    out.push({ start, end: nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl });
    start = nl + 1;
  }
}

function lineEndOffset(lines: readonly LineSpan[], line: number): number {
  return lines[line]?.end ?? 0;
}

/** Where a tag would go in the comment on `line`: after its marker (and a block's leading `*`) and the space after it. */
function commentOnLine(text: string, lines: readonly LineSpan[], line: number, language: LanguageSpec): { offset: number; needsSpace: boolean } | null {
  const span = lines[line];
  if (!span) return null;
  // Only the comments around this line matter; lexing from the start keeps strings and nesting right.
  const comments = findComments(text.slice(0, Math.min(text.length, span.end + 1)), language);
  const comment = comments.find((c: CommentSpan) => c.start < span.end && (c.block ? c.end > span.start : c.start >= span.start));
  if (!comment) return null;
  let p: number;
  // After a marker, a space separates it from the tag; inside a block without a leading `*`, indentation does.
  let afterMarker = true;
  if (comment.start >= span.start) {
    p = comment.contentStart;
    // `///`, `//!`, `##`, `/**`, `<!---`: the marker's repeats belong to the marker.
    const last = comment.marker[comment.marker.length - 1]!;
    while (p < span.end && (text[p] === last || (comment.marker === '//' && text[p] === '!'))) p++;
  } else {
    p = span.start;
    while (p < span.end && isBlank(text[p]!)) p++;
    if (text[p] === '*' && text[p + 1] !== '/') p++;
    else afterMarker = false;
  }
  const contentEnd = Math.min(span.end, comment.contentEnd);
  if (p > contentEnd) return null;
  const hadSpace = p < contentEnd && isBlank(text[p]!);
  while (p < contentEnd && isBlank(text[p]!)) p++;
  return { offset: p, needsSpace: afterMarker && !hadSpace };
}

/**
 * Whether the engine reads an annotation on the request's line: a tag after a sentence
 * (`// it retries. TODO: cap it`) or after a directive (`// NOLINT: FIXME …`) as well as at the
 * comment's start. Tagging it would split one comment into two items.
 */
function annotatedAt(request: TagRequest, language: LanguageSpec): boolean {
  const options = request.annotations ?? { ...DEFAULT_ANNOTATION_OPTIONS, tags: request.tags.map((name) => ({ name })) };
  return scanInLanguage(request.text, request.file, language, options).items.some((item) => item.line === request.startLine + 1);
}

/** Whether a comment's text starts with a tag: as written, after a JSDoc `@` (`@TODO`), or as a doc comment's `@todo` or `\todo`. */
function startsWithTag(rest: string, tags: readonly string[]): boolean {
  const docTag = rest.startsWith('@') || rest.startsWith('\\');
  const text = docTag ? rest.slice(1) : rest;
  return tags.some((tag) => (text.startsWith(tag) || (docTag && tag === 'TODO' && text.startsWith('todo'))) && !/[\p{L}\p{N}_]/u.test(text.charAt(tag.length)));
}

/** The indentation of `line`, or of the next non-blank line when it is blank. */
function indentationFor(text: string, lines: readonly LineSpan[], line: number): string {
  for (let i = line; i < lines.length; i++) {
    const content = text.slice(lines[i]!.start, lines[i]!.end);
    if (content.trim() !== '') return /^[ \t]*/.exec(content)![0];
  }
  return '';
}

function isBlank(ch: string): boolean {
  return ch === ' ' || ch === '\t';
}
