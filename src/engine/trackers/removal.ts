/**
 * Removing an annotation from the code when its ticket was closed upstream while the comment
 * stayed (`paydown sync --apply`, the editor's "remove the annotation"). What goes:
 *
 * - a comment on lines of its own (`// TODO: …` and its body lines, as far as the scan's `end`):
 *   those whole lines with their line endings;
 * - a comment after code (`x = 1  # TODO: y`): the comment and the whitespace before it;
 * - a block comment that holds only the annotation (`/* TODO: x *\/`, `<!-- TODO: x -->`): the
 *   whole comment, and its lines when it stands alone on them;
 * - an annotation inside a block comment with other text: only the annotation's lines, the rest
 *   of the comment stays.
 *
 * A comment that holds something before the tag on the tag's line (`// @ts-expect-error FIXME:`,
 * `# noqa: E501  # TODO:`) is refused: that something may matter to a tool. Every removal is
 * proved by reading the edited text again (see sourceEdit.ts): the other comments and
 * annotations unchanged, no new problem — else nothing is written.
 */
import type { AnnotationOptions } from '../model';
import type { CompiledAnnotationOptions } from '../scanner/grammar';
import { isSpace } from '../scanner/grammar/chars';
import {
  editFiles,
  lineEndOf,
  lineStartOf,
  locate,
  nextLineStart,
  planOnText,
  refusal,
  verifyEdit,
  type AnnotationTarget,
  type EditRefusal,
  type FileEditResult,
  type Located,
  type Plan,
  type PlannedEdit,
  type ReadText,
  type SourceEditOptions,
  type TextEdit,
} from './sourceEdit';

/** Letters and digits: what tells text in a comment apart from its decoration (`*`, `-`, `#`, `!`). */
const WORDS = /[\p{L}\p{N}]/u;

/**
 * The edit that removes the annotation `target` names in `text` (see the module header). Pure:
 * the editor applies the edit to its own document.
 */
export function removalEdit(text: string, target: AnnotationTarget, annotations: AnnotationOptions | CompiledAnnotationOptions): PlannedEdit {
  // A removal is never "already present": planRemoval only plans an edit or refuses.
  return planOnText(text, target, annotations, (read, compiled, at) => planRemoval(read, at, compiled)) as PlannedEdit;
}

/**
 * Removes each annotation from its file: one read and at most one atomic write per file, every
 * removal checked first. One result per file; a refused item does not stop the others.
 */
export function removeAnnotations(root: string, targets: readonly AnnotationTarget[], options: SourceEditOptions): Promise<FileEditResult[]> {
  return editFiles(
    root,
    targets.map((target) => ({ target, done: 'removed' as const, plan: (read: ReadText, compiled: CompiledAnnotationOptions, at: AnnotationTarget) => planRemoval(read, at, compiled) })),
    options,
  );
}

/** {@link removeAnnotations} for one annotation. */
export async function removeAnnotation(root: string, target: AnnotationTarget, options: SourceEditOptions): Promise<FileEditResult> {
  const [result] = await removeAnnotations(root, [target], options);
  return result!;
}

function planRemoval(read: ReadText, target: AnnotationTarget, annotations: CompiledAnnotationOptions): Extract<Plan, { kind: 'edit' | 'refused' }> {
  const located = locate(read, target);
  if (located.kind === 'refused') return located;
  const edit = removalRange(read, located, target);
  if ('kind' in edit) return edit;
  const after = verifyEdit(read, located, edit, { kind: 'removed' }, target.file, annotations);
  if ('kind' in after) return after;
  return { kind: 'edit', edit, after };
}

function removalRange(read: ReadText, located: Located, target: AnnotationTarget): TextEdit | EditRefusal {
  const text = read.text;
  const { tagOffset, endOffset } = located;
  const first = read.comments[located.comment]!;
  const at = `${target.file}:${target.line}`;
  const before = text.slice(Math.max(first.contentStart, lineStartOf(text, tagOffset)), tagOffset);
  if (WORDS.test(before)) return refusal('unsupported', `${at}: the comment holds ${JSON.stringify(before.trim())} before the tag, which may matter to a tool; remove the annotation by hand`);

  if (!first.block) {
    // A group of line comments: the one holding the tag to the one holding the annotation's end.
    let last = located.comment;
    while (last + 1 < read.comments.length && read.comments[last + 1]!.contentStart <= endOffset && !read.comments[last + 1]!.block) last++;
    const end = read.comments[last]!;
    const lineStart = lineStartOf(text, first.start);
    if (!isBlank(text, lineStart, first.start)) {
      // After code: the comment and the whitespace before it; continuation lines go whole.
      let from = first.start;
      while (from > lineStart && isSpace(text.charCodeAt(from - 1))) from--;
      return { start: from, end: lineEndOf(text, end.end), insert: '' };
    }
    return wholeLines(text, lineStart, end.end);
  }

  // A block comment.
  const after = text.slice(endOffset, first.contentEnd);
  const whole = !WORDS.test(text.slice(first.contentStart, tagOffset)) && !WORDS.test(after);
  if (whole) return wholeComment(text, first.start, first.end);
  const tagLine = lineStartOf(text, tagOffset);
  const onOpenerLine = tagLine <= first.start;
  const onCloserLine = lineEndOf(text, endOffset) >= first.contentEnd;
  if (!onOpenerLine && !onCloserLine) return wholeLines(text, tagLine, endOffset);
  if (onOpenerLine && !onCloserLine) {
    // `/** TODO: x` then other text: the opener stays, the annotation and the space before it go.
    let from = tagOffset;
    while (from > first.contentStart && isSpace(text.charCodeAt(from - 1))) from--;
    return { start: from, end: endOffset, insert: '' };
  }
  if (!onOpenerLine && onCloserLine) {
    // Other text, then `* TODO: x */`: the closer moves up to the end of the text before.
    let from = tagLine;
    if (text.charCodeAt(from - 1) === 10) from--;
    if (text.charCodeAt(from - 1) === 13) from--;
    return { start: from, end: endOffset, insert: '' };
  }
  return refusal('unsupported', `${at}: the block comment holds other text on the annotation's lines; remove the annotation by hand`);
}

/** The lines from the one starting at `lineStart` to the one holding `end`, with their line endings. */
function wholeLines(text: string, lineStart: number, end: number): TextEdit {
  const next = nextLineStart(text, end);
  if (next !== -1) return { start: lineStart, end: next, insert: '' };
  // The last line of a file without a final line break: the break before it goes instead, so
  // the file still ends the way it did.
  let from = lineStart;
  if (from > 0 && text.charCodeAt(from - 1) === 10) from--;
  if (from > 0 && text.charCodeAt(from - 1) === 13) from--;
  return { start: from, end: text.length, insert: '' };
}

/** A whole block comment: its lines when it stands alone on them, else the comment and the space on one side. */
function wholeComment(text: string, start: number, end: number): TextEdit {
  const lineStart = lineStartOf(text, start);
  const lineEnd = lineEndOf(text, end);
  const codeBefore = !isBlank(text, lineStart, start);
  const codeAfter = !isBlank(text, end, lineEnd);
  if (!codeBefore && !codeAfter) return wholeLines(text, lineStart, end);
  let from = start;
  while (from > lineStart && isSpace(text.charCodeAt(from - 1))) from--;
  let to = end;
  while (to < lineEnd && isSpace(text.charCodeAt(to))) to++;
  if (!codeAfter) return { start: from, end: lineEnd, insert: '' };
  if (!codeBefore) return { start, end: to, insert: '' };
  // Between code on both sides: keep one side's space, or put one in, so tokens never join (`a/**/b`).
  if (to > end) return { start, end: to, insert: '' };
  if (from < start) return { start: from, end, insert: '' };
  return { start, end, insert: ' ' };
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}
