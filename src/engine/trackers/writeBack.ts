/**
 * Writing a ticket's reference back into the annotation it was created for, in the list after
 * the tag the scanner already reads (`(owner, PD-ID, issue)`, see scanner/grammar.ts):
 *
 * ```
 * // DEBT: fix x            → // DEBT(PD-7Q2K, GH-412): fix x
 * // TODO(PD-7Q2K): x       → // TODO(PD-7Q2K, GH-412): x
 * # FIXME(alice): x         → # FIXME(alice, PD-7Q2K, GH-412): x
 * /* HACK[@bob] x *\/        → /* HACK[@bob, PD-7Q2K, GH-412] x *\/
 * ```
 *
 * The item's ledger id goes in with the reference when the comment has none, so the link survives
 * any later edit of the title. A reference the annotation already carries (anywhere in it, in
 * any case) is not written twice; when all are there the file is left alone. Every edit is proved by reading the
 * edited text again with the real scanner (see sourceEdit.ts): the same item, its title and
 * fingerprint unchanged, the new references read, no new problem — else nothing is written.
 */
import type { AnnotationOptions, DebtItem, IssueRef } from '../model';
import { listStart, tagWordEnd, type CompiledAnnotationOptions } from '../scanner/grammar';
import { isSpace } from '../scanner/grammar/chars';
import { Metadata, readList } from '../scanner/grammar/tokens';
import {
  editFiles,
  lineEndOf,
  locate,
  planOnText,
  refusal,
  verifyEdit,
  type AnnotationTarget,
  type FileEditResult,
  type Plan,
  type PlannedEdit,
  type ReadText,
  type SourceEditOptions,
  type TextEdit,
} from './sourceEdit';

/**
 * The edit that writes `refs` (`GH-412`, `PROJ-12`, `owner/repo#412`, …) and, when the comment
 * has none, the item's id into the annotation `target` names in `text`; `present` when the
 * annotation already carries them all. Pure: the editor applies the edit to its own document.
 */
export function referenceEdit(text: string, target: AnnotationTarget, refs: readonly string[], annotations: AnnotationOptions | CompiledAnnotationOptions): PlannedEdit | { kind: 'present' } {
  return planOnText(text, target, annotations, (read, compiled, at) => planReference(read, at, refs, compiled));
}

/** One annotation and the references to write into it. */
export interface ReferenceRequest {
  target: AnnotationTarget;
  /** What the comment should carry to point at the ticket(s): `GH-412`, `PROJ-12`. */
  refs: readonly string[];
}

/**
 * Writes each request's references into its file: one read and at most one atomic write per
 * file, every edit checked first (see the module header). One result per file, in the order the
 * files first appear; an item that cannot be edited is refused without stopping the others.
 */
export function writeReferences(root: string, requests: readonly ReferenceRequest[], options: SourceEditOptions): Promise<FileEditResult[]> {
  return editFiles(
    root,
    requests.map((r) => ({ target: r.target, done: 'edited' as const, plan: (read: ReadText, compiled: CompiledAnnotationOptions, at: AnnotationTarget) => planReference(read, at, r.refs, compiled) })),
    options,
  );
}

/** {@link writeReferences} for one annotation. */
export async function writeReference(root: string, target: AnnotationTarget, refs: readonly string[], options: SourceEditOptions): Promise<FileEditResult> {
  const [result] = await writeReferences(root, [{ target, refs }], options);
  return result!;
}

function planReference(read: ReadText, target: AnnotationTarget, refs: readonly string[], annotations: CompiledAnnotationOptions): Plan {
  // Where the body ends does not matter here (only the tag's line is edited): a new body line is no reason to refuse.
  const located = locate(read, { ...target, end: undefined });
  if (located.kind === 'refused') return located;
  const { item, tagOffset } = located;
  const conversion = { hoursPerPoint: annotations.options.hoursPerPoint, hoursPerDay: annotations.options.hoursPerDay };
  const added: IssueRef[] = [];
  for (const ref of refs) {
    const parsed = asReference(ref, conversion);
    if (!parsed) return refusal('invalid-reference', `${JSON.stringify(ref)} is not an issue reference Paydown reads in a comment (GH-412, PROJ-12, owner/repo#412, #412)`);
    const same = (r: IssueRef): boolean => r.text.toUpperCase() === ref.toUpperCase();
    if (!item.issueRefs.some(same) && !added.some(same)) added.push(parsed);
  }
  const words = [...(item.id === null ? [target.id] : []), ...added.map((r) => r.text)];
  if (words.length === 0) return { kind: 'present' };

  const text = read.text;
  const comment = read.comments[located.comment]!;
  const lineEnd = Math.min(lineEndOf(text, tagOffset), Math.max(comment.contentEnd, tagOffset));
  const entry = annotations.tags.matchAt(text, tagOffset, lineEnd);
  if (!entry) return refusal('changed', `${target.file}:${target.line}: the tag is not where the scan put it`);
  const q = listStart(text, tagWordEnd(text, tagOffset, entry, lineEnd, annotations.tags), lineEnd);
  const list = words.join(', ');
  let edit: TextEdit;
  const opener = text.charCodeAt(q);
  const close = opener === 40 /* ( */ ? text.indexOf(')', q + 1) : opener === 91 /* [ */ ? text.indexOf(']', q + 1) : -1;
  if (opener === 40 && (close === -1 || close >= lineEnd)) {
    return refusal('unsupported', `${target.file}:${target.line}: the "(" after ${item.tag} is never closed; close it (${item.tag}(owner, ${target.id}): title), then sync again`);
  }
  if (close !== -1 && close < lineEnd && readList(text, q + 1, close, new Metadata(conversion))) {
    // Extend the list the comment has, after its last entry.
    let at = close;
    while (at > q + 1 && isSpace(text.charCodeAt(at - 1))) at--;
    const separator = at === q + 1 ? '' : text.charCodeAt(at - 1) === 44 /* , */ ? ' ' : ', ';
    edit = { start: at, end: at, insert: separator + list };
  } else {
    // No list: one goes right after the tag. Before text in brackets (`TODO(see below)`), with a space.
    edit = { start: q, end: q, insert: `(${list})${opener === 40 || opener === 91 ? ' ' : ''}` };
  }
  const expected: DebtItem = { ...item, id: target.id, issueRefs: [...item.issueRefs, ...added] };
  const after = verifyEdit(read, located, edit, { kind: 'kept', item: expected }, target.file, annotations);
  if ('kind' in after) return after;
  return { kind: 'edit', edit, after };
}

/** `ref` as the scanner reads it in the list after a tag, or null when it is not an issue reference there. */
function asReference(ref: string, conversion: { hoursPerPoint: number; hoursPerDay: number }): IssueRef | null {
  // Printable ASCII without the list's own punctuation: it must stay one entry of the list.
  if (!/^[!-~]+$/.test(ref) || /[(),[\]]/.test(ref)) return null;
  const scratch = new Metadata(conversion);
  scratch.read(ref, 0, ref.length, true);
  const found = scratch.issueRefs.length === 1 && scratch.problems.length === 0 ? scratch.issueRefs[0]! : null;
  if (!found || found.text !== ref) return null;
  // A bare number is an issue only inside the list; written anywhere else it is prose. Write `#412`.
  return found.kind === 'number' && !ref.startsWith('#') ? null : found;
}
