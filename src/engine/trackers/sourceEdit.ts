/**
 * Editing an annotation in its source file on a tracker's behalf (writing a ticket reference
 * into it, removing it): finding it again, proving an edit safe, and writing the file back.
 *
 * Invariants:
 * - An edit is made only where the scanner, run again on the text, still finds the annotation at
 *   the line, column, tag and title the caller scanned (and, when given, its end); else refused.
 * - Every edit is checked before anything is written: the edited text is lexed and read again
 *   with the real scanner, and must have the same comments (only the edited one changed or gone),
 *   the same other annotations and no new problem. A refused edit writes nothing.
 * - A file is written back byte for byte except the edited range: the bytes around the edit are
 *   copied, not re-encoded, so the encoding (UTF-8 with or without BOM, UTF-16 LE/BE, Latin-1),
 *   line endings, indentation and anything the decoder could not round-trip stay as they were.
 *   The write is atomic and keeps the file's permissions.
 * - Batches: one result per file and per item; one refusal never sinks the rest.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isInside } from '../config/workspace';
import { writeFileAtomic } from '../ledger/atomic';
import type { AnnotationOptions, DebtItem, Position } from '../model';
import type { CommentSpan } from '../scanner/comments';
import { decodeText, detectEncoding, looksBinary, type TextEncoding } from '../scanner/decode';
import { prepareAnnotationOptions, resolveLanguage } from '../scanner/document';
import { withPlaceholders } from '../scanner/codeTodos';
import { parseAnnotations, type CompiledAnnotationOptions } from '../scanner/grammar';
import type { LanguageSpec } from '../scanner/languages';
import { PositionFinder } from '../scanner/grammar/positions';
import { lexComments } from '../scanner/lexer';
import { cellAt, documentCells, encodeForFile, positionInCell, type CellFormat, type DocumentCell } from '../scanner/cells';

/** Where an annotation was when it was scanned: the edit is refused unless it is still there. */
export interface AnnotationTarget {
  /** Workspace-relative path with `/` separators. */
  file: string;
  /** The item's ledger id. */
  id: string;
  /** The tag as the scan reported it (canonical spelling). */
  tag: string;
  /** 1-based line of the tag. */
  line: number;
  /** 1-based column of the tag, when known (a scan's item has it; a ledger item does not). */
  column?: number;
  /** The title as scanned. */
  title: string;
  /** Where the annotation ended when scanned (its last title or body line), when known; a removal stops there. */
  end?: Position;
  /** VS Code language id, when the editor knows it better than the file name. */
  languageId?: string;
}

/** A replacement in a decoded text: `[start, end)` becomes `insert` (UTF-16 offsets). */
export interface TextEdit {
  start: number;
  end: number;
  insert: string;
}

/** The result of planning one edit on a text: the edit and the text it gives, or why not. */
export type PlannedEdit = { kind: 'edit'; edit: TextEdit; text: string } | EditRefusal;

/** Why an edit was not made. */
export type EditRefusalReason =
  /** No such annotation at that place any more: the file changed since the scan. */
  | 'changed'
  /** Two annotations with that tag on that line, and no column to tell them apart. */
  | 'ambiguous'
  /** The comment carries another ledger id than the item's. */
  | 'id-conflict'
  /** The comment's form cannot take this edit safely (see the message). */
  | 'unsupported'
  /** A reference that is not one the scanner reads back as an issue reference. */
  | 'invalid-reference'
  /** The edited text would not read back as intended: nothing was written. */
  | 'unverified'
  /** The file cannot be read as text (missing, binary, not a file, behind a link leaving the workspace). */
  | 'unreadable'
  /** The file or its folder cannot be written. */
  | 'not-writable';

/** An edit that was not made, and why, in words a user can act on. */
export interface EditRefusal {
  kind: 'refused';
  reason: EditRefusalReason;
  message: string;
}

export function refusal(reason: EditRefusalReason, message: string): EditRefusal {
  return { kind: 'refused', reason, message };
}

/** A text read the way the scanner reads it: its language, comments and annotations. */
export interface ReadText {
  text: string;
  language: LanguageSpec;
  comments: CommentSpan[];
  items: DebtItem[];
  /** Problem codes and messages of the whole text, for the "no new problem" check. */
  problems: string[];
}

/** Reads `text` as the scanner would read `file`; null when Paydown does not know its language. */
export function readText(text: string, file: string, annotations: CompiledAnnotationOptions, languageId?: string, language?: LanguageSpec): ReadText | null {
  const lang = language ?? resolveLanguage({ file, languageId }, text, annotations.options);
  if (!lang) return null;
  const lexed = lexComments(text, lang);
  const comments = parseAnnotations(text, lexed.comments, file, annotations, lexed.failure);
  // A placeholder (`todo!()`) is an item too, which no edit may touch: found, then refused as no comment.
  const scan = withPlaceholders(comments, text, lang, file, annotations);
  return { text, language: lang, comments: lexed.comments, items: scan.items, problems: scan.problems.map((p) => `${p.code} ${p.message}`) };
}

/** What planning an edit on a read text gives: the edit and the text it leaves, nothing to do, or why not. */
export type Plan = { kind: 'edit'; edit: TextEdit; after: ReadText } | { kind: 'present' } | EditRefusal;

/**
 * Plans one item's edit on a read text. `target` is where the annotation is in `read` (an item
 * of a notebook is planned on its cell, at its place there), so a planner locates it by this
 * argument, never by the target it was made for.
 */
export type Planner = (read: ReadText, compiled: CompiledAnnotationOptions, target: AnnotationTarget) => Plan;

/** Runs `plan` on `text` read as `target.file` would be: the pure form of an edit, for the editor's own document. */
export function planOnText(text: string, target: AnnotationTarget, annotations: AnnotationOptions | CompiledAnnotationOptions, plan: Planner): PlannedEdit | { kind: 'present' } {
  const compiled = prepareAnnotationOptions(annotations);
  const language = resolveLanguage({ file: target.file, languageId: target.languageId }, text, compiled.options);
  if (language?.cells) return planInCells(text, language.cells, target, compiled, plan);
  const read = language ? readText(text, target.file, compiled, undefined, language) : null;
  if (!read) return refusal('unsupported', `${target.file}: Paydown does not know this file's language`);
  const planned = plan(read, compiled, target);
  return planned.kind === 'edit' ? { kind: 'edit', edit: planned.edit, text: planned.after.text } : planned;
}

/**
 * `plan` for an annotation in a file of cells (a notebook, Markdown with code chunks): planned
 * and checked on the text of the cell that holds it, in the cell's language, then made to the
 * file (the inserted text in the file's form: JSON string content in a notebook). An edit that
 * starts and ends inside a notebook cell's source strings leaves valid JSON whatever it spans
 * (strings it cuts through join up); the edited file is read again and must hold the same cells,
 * only the edited one changed, to the planned text.
 */
function planInCells(text: string, format: CellFormat, target: AnnotationTarget, compiled: CompiledAnnotationOptions, plan: Planner): PlannedEdit | { kind: 'present' } {
  const at = `${target.file}:${target.line}`;
  const before = documentCells(text, format);
  const cell = cellAt(before, offsetOf(text, target.line, target.column ?? 1));
  if (!cell) return refusal('changed', `${at}: no cell there any more; the file changed since it was scanned (scan again)`);
  const inCell = (p: Position): Position => positionInCell(cell, offsetOf(text, p.line, p.column));
  const tag = inCell({ line: target.line, column: target.column ?? 1 });
  const cellTarget: AnnotationTarget = { ...target, line: tag.line, ...(target.column !== undefined ? { column: tag.column } : {}), ...(target.end ? { end: inCell(target.end) } : {}) };
  const planned = planInCell(cell, cellTarget, compiled, plan);
  if (planned.kind !== 'edit') return planned.kind === 'refused' ? { ...planned, message: planned.message.split(`${target.file}:${tag.line}`).join(at) } : planned;
  const edit: TextEdit = { start: cell.fileOffset(planned.edit.start), end: cell.fileOffset(planned.edit.end), insert: encodeForFile(planned.edit.insert, format) };
  const edited = applyEdit(text, edit);
  const after = documentCells(edited, format);
  const same = after.length === before.length && after.every((c, i) => c.index === before[i]!.index && c.language === before[i]!.language && c.text === (c.index === cell.index ? planned.text : before[i]!.text));
  if (!same) return refusal('unverified', `${at}: the edited file would not read back as the edited cell; nothing was written`);
  return { kind: 'edit', edit, text: edited };
}

/** `plan` on one cell's text, `target` placed in it: in the cell's language, or in its own cells when it is a file of cells too (a notebook's MyST Markdown cell). */
function planInCell(cell: DocumentCell, target: AnnotationTarget, compiled: CompiledAnnotationOptions, plan: Planner): PlannedEdit | { kind: 'present' } {
  if (cell.language.cells && cell.language.cells !== 'jupyter') return planInCells(cell.text, cell.language.cells, target, compiled, plan);
  const read = readText(cell.text, target.file, compiled, undefined, cell.language);
  if (!read) return refusal('unsupported', `${target.file}:${target.line}: Paydown does not know this cell's language`);
  const planned = plan(read, compiled, target);
  return planned.kind === 'edit' ? { kind: 'edit', edit: planned.edit, text: planned.after.text } : planned;
}

/** The annotation `target` names, found again in `read`, with the offset of its tag. */
export interface Located {
  kind: 'located';
  item: DebtItem;
  index: number;
  tagOffset: number;
  /** Offset just past the annotation's last title or body character (the item's `end`). */
  endOffset: number;
  /** The comment (the first one, for a group of line comments) the tag is in. */
  comment: number;
}

/** Finds `target` in `read`, or says why it is not there as scanned. */
export function locate(read: ReadText, target: AnnotationTarget): Located | EditRefusal {
  const at = `${target.file}:${target.line}`;
  if (read.problems.some((p) => p.startsWith('internal-error '))) return refusal('unsupported', `${target.file}: Paydown could not read the whole file (an internal error is reported for it), so it edits nothing there`);
  const candidates: number[] = [];
  read.items.forEach((item, i) => {
    if (item.tag === target.tag && item.line === target.line && (target.column === undefined || item.column === target.column)) candidates.push(i);
  });
  if (candidates.length === 0) return refusal('changed', `${at}: no ${target.tag} annotation there any more; the file changed since it was scanned (scan again)`);
  if (candidates.length > 1) return refusal('ambiguous', `${at}: ${candidates.length} ${target.tag} annotations on this line; give the column to say which`);
  const index = candidates[0]!;
  const item = read.items[index]!;
  if (item.title !== target.title) return refusal('changed', `${at}: the ${target.tag} annotation now reads ${JSON.stringify(item.title)}, not ${JSON.stringify(target.title)}; the file changed since it was scanned (scan again)`);
  if (target.end && (item.end.line !== target.end.line || item.end.column !== target.end.column)) {
    return refusal('changed', `${at}: the annotation now ends at line ${item.end.line}, column ${item.end.column}, not line ${target.end.line}, column ${target.end.column}; the file changed since it was scanned (scan again)`);
  }
  if (item.id !== null && item.id !== target.id) return refusal('id-conflict', `${at}: the comment carries the id ${item.id}, not ${target.id}`);
  const tagOffset = offsetOf(read.text, item.line, item.column);
  const endOffset = offsetOf(read.text, item.end.line, item.end.column);
  const comment = read.comments.findIndex((c) => c.contentStart <= tagOffset && tagOffset < Math.max(c.contentEnd, c.contentStart + 1));
  if (comment === -1) return refusal('unsupported', `${at}: the tag is not inside a comment Paydown can edit`);
  return { kind: 'located', item, index, tagOffset, endOffset, comment };
}

/** The offset of a 1-based line and column (UTF-16 units), with `\r\n`, `\r` and `\n` as line breaks, as the scanner counts them. */
export function offsetOf(text: string, line: number, column: number): number {
  return new PositionFinder(text).offsetOf({ line, column });
}

/** The start of the line after the one holding `offset`, or -1 on the last line. */
export function nextLineStart(text: string, offset: number): number {
  for (let i = offset; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return i + 1;
    if (c === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }
  return -1;
}

/** The start of the line holding `offset`. */
export function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text.charCodeAt(i - 1) !== 10 && text.charCodeAt(i - 1) !== 13) i--;
  return i;
}

/** The end of the line holding `offset`, before its line break. */
export function lineEndOf(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
  return i;
}

/** `text` with `edit` applied. */
export function applyEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.start) + edit.insert + text.slice(edit.end);
}

/** What an edit must leave of the annotation it targets. */
export type Expectation =
  /** Removed: the comments inside the edit are gone and the annotation with them. */
  | { kind: 'removed' }
  /** Still there, reading as `item` does (compared by {@link readsAs}). */
  | { kind: 'kept'; item: DebtItem };

/**
 * Checks `edit` on `before` by reading the result again: comments outside the edit unchanged
 * (moved by the edit's length), comments inside it gone (removal) or the edited one still one
 * comment; other annotations read the same, in the same order; no new problem. Returns the
 * edited text, or why the edit is refused.
 */
export function verifyEdit(before: ReadText, located: Located, edit: TextEdit, expect: Expectation, file: string, annotations: CompiledAnnotationOptions): ReadText | EditRefusal {
  const afterText = applyEdit(before.text, edit);
  const after = readText(afterText, file, annotations, undefined, before.language)!;
  const delta = edit.insert.length - (edit.end - edit.start);
  const insertion = edit.start === edit.end;
  // Where an offset of the old text lies in the new one; null inside a removed range. An offset at
  // an insertion point is a start before it or an end after it (the comment grew).
  const mapStart = (o: number): number | null => (o <= edit.start ? o : o >= edit.end ? o + delta : null);
  const mapEnd = (o: number): number | null => (o < edit.start || (o === edit.start && !insertion) ? o : o >= edit.end ? o + delta : null);
  const expected: CommentSpan[] = [];
  for (const c of before.comments) {
    if (expect.kind === 'removed' && c.start >= edit.start && c.end <= edit.end) continue;
    const start = mapStart(c.start);
    const contentStart = mapStart(c.contentStart);
    const contentEnd = mapEnd(c.contentEnd);
    const end = mapEnd(c.end);
    if (start === null || contentStart === null || contentEnd === null || end === null) {
      return refusal('unverified', `${file}: the edit would cut through a comment; nothing was written`);
    }
    expected.push({ ...c, start, contentStart, contentEnd, end });
  }
  const unverified = (what: string): EditRefusal => refusal('unverified', `${file}:${located.item.line}: ${what}; nothing was written`);
  if (after.comments.length !== expected.length || after.comments.some((c, i) => !sameComment(c, expected[i]!))) return unverified('the edit would change where comments begin or end');
  const wanted = expect.kind === 'kept' ? before.items.map((item, i) => (i === located.index ? expect.item : item)) : before.items.filter((_, i) => i !== located.index);
  if (after.items.length !== wanted.length) return unverified(`the edited file would hold ${after.items.length} annotations, not ${wanted.length}`);
  for (let i = 0; i < wanted.length; i++) {
    if (!readsAs(after.items[i]!, wanted[i]!)) return unverified(`the ${wanted[i]!.tag} annotation at line ${after.items[i]!.line} would read differently after the edit`);
  }
  const known = new Set(before.problems);
  const added = after.problems.find((p) => !known.has(p));
  if (added !== undefined) return unverified(`the edit would add a problem (${added.slice(0, added.indexOf(' '))})`);
  return after;
}

function sameComment(a: CommentSpan, b: CommentSpan): boolean {
  return a.start === b.start && a.end === b.end && a.contentStart === b.contentStart && a.contentEnd === b.contentEnd && a.block === b.block && a.marker === b.marker && a.language === b.language;
}

/** Whether two readings of an annotation say the same (positions aside; references and owners as sets). */
export function readsAs(a: DebtItem, b: DebtItem): boolean {
  const set = (values: readonly string[]): string => JSON.stringify([...values].sort());
  return (
    a.tag === b.tag &&
    a.title === b.title &&
    a.body === b.body &&
    a.fingerprint === b.fingerprint &&
    a.id === b.id &&
    a.effort === b.effort &&
    a.impact === b.impact &&
    a.sprint === b.sprint &&
    a.due === b.due &&
    a.outcome === b.outcome &&
    a.language === b.language &&
    set(a.owners) === set(b.owners) &&
    set(a.labels) === set(b.labels) &&
    set(a.issueRefs.map((r) => `${r.kind} ${r.text}`)) === set(b.issueRefs.map((r) => `${r.kind} ${r.text}`)) &&
    set(a.problems.map((p) => p.code)) === set(b.problems.map((p) => p.code))
  );
}

// ---------------------------------------------------------------------------------------------
// Files

/** What happened to one item of a batch. */
export interface ItemEditResult {
  id: string;
  /** `edited`/`removed`: done (or, in a dry run, would be); `present`: the reference was already there; `refused`: see `reason`. */
  outcome: 'edited' | 'removed' | 'present' | 'refused';
  reason?: EditRefusalReason;
  message?: string;
}

/** What happened to one file of a batch. */
export interface FileEditResult {
  /** Workspace-relative path. */
  file: string;
  /** `edited`: written (in a dry run: would be); `unchanged`: nothing to write; `refused`: left as it was (see `reason` or the items). */
  status: 'edited' | 'unchanged' | 'refused';
  /** Why the whole file was refused. */
  reason?: EditRefusalReason;
  message?: string;
  /** The file's encoding, as the scanner detected it. */
  encoding?: TextEncoding;
  items: ItemEditResult[];
  /** The edits made, in the decoded text as it was before, last first (each applies to the text the previous one left). */
  edits: TextEdit[];
}

/**
 * Why an item of `result` was not edited, in words a user can act on, or null when it was edited
 * (or already so): the one line a sync report or an editor message shows for it.
 */
export function refusalMessage(result: FileEditResult, itemId?: string): string | null {
  const item = result.items.find((i) => itemId === undefined || i.id === itemId);
  if (item?.outcome === 'refused') return item.message ?? result.message ?? `${result.file}: not edited`;
  return item ? null : (result.message ?? null);
}

/** Options of the file-writing functions. */
export interface SourceEditOptions {
  /** The workspace's annotation options (the config's `annotations`): how the file is scanned. */
  annotations: AnnotationOptions;
  /** Compute and check every edit but write nothing. */
  dryRun?: boolean;
  signal?: AbortSignal;
}

/** One item's job in a file: plan its edit on the text as the jobs below it left it. */
export interface FileJob {
  target: AnnotationTarget;
  plan: Planner;
  /** The outcome word when the edit is made. */
  done: 'edited' | 'removed';
}

/**
 * Runs `jobs` file by file: reads each file once, applies its items' edits from the bottom up
 * (so positions above an edit stay valid), and writes it once, atomically, when anything changed.
 */
export async function editFiles(root: string, jobs: readonly FileJob[], options: SourceEditOptions): Promise<FileEditResult[]> {
  const annotations = prepareAnnotationOptions(options.annotations);
  const byFile = new Map<string, FileJob[]>();
  for (const job of jobs) {
    const list = byFile.get(job.target.file);
    if (list) list.push(job);
    else byFile.set(job.target.file, [job]);
  }
  const results: FileEditResult[] = [];
  for (const [file, fileJobs] of byFile) {
    options.signal?.throwIfAborted();
    results.push(editFile(root, file, fileJobs, annotations, options.dryRun === true));
  }
  return results;
}

function editFile(root: string, file: string, jobs: FileJob[], annotations: CompiledAnnotationOptions, dryRun: boolean): FileEditResult {
  const refuseFile = (reason: EditRefusalReason, message: string, encoding?: TextEncoding): FileEditResult => ({
    file,
    status: 'refused',
    reason,
    message,
    ...(encoding ? { encoding } : {}),
    items: jobs.map((j) => ({ id: j.target.id, outcome: 'refused', reason, message })),
    edits: [],
  });
  const opened = openSource(root, file);
  if ('reason' in opened) return refuseFile(opened.reason, opened.message);
  const { real, bytes, encoding, mode } = opened;
  const text = decodeText(bytes, bytes.length, encoding);
  const languageId = jobs.find((j) => j.target.languageId)?.target.languageId;
  const language = resolveLanguage({ file, languageId }, text, annotations.options);
  if (!language) return refuseFile('unsupported', `${file}: Paydown does not know this file's language`, encoding);
  const cells = language.cells;
  // A file of cells is read cell by cell, for each edit (planInCells); any other file once, then as edited.
  let read = cells ? null : readText(text, file, annotations, undefined, language);
  let current = text;
  const planJob = (job: FileJob): PlannedEdit | { kind: 'present' } => {
    if (cells) return planInCells(current, cells, job.target, annotations, job.plan);
    const planned = job.plan(read!, annotations, job.target);
    if (planned.kind !== 'edit') return planned;
    read = planned.after;
    return { kind: 'edit', edit: planned.edit, text: planned.after.text };
  };

  // Bottom up: an edit never moves what lies above it.
  const order = [...jobs].sort((a, b) => b.target.line - a.target.line || (b.target.column ?? 0) - (a.target.column ?? 0));
  const outcomes = new Map<FileJob, ItemEditResult>();
  const edits: TextEdit[] = [];
  let out: Buffer = bytes;
  for (const job of order) {
    const planned = planJob(job);
    if (planned.kind === 'refused') {
      outcomes.set(job, { id: job.target.id, outcome: 'refused', reason: planned.reason, message: planned.message });
      continue;
    }
    if (planned.kind === 'present') {
      outcomes.set(job, { id: job.target.id, outcome: 'present' });
      continue;
    }
    out = spliceBytes(out, current, planned.edit, encoding);
    edits.push(planned.edit);
    current = planned.text;
    outcomes.set(job, { id: job.target.id, outcome: job.done });
  }
  const items = jobs.map((j) => outcomes.get(j)!);
  if (edits.length === 0) {
    const refused = items.filter((i) => i.outcome === 'refused');
    return { file, status: refused.length > 0 ? 'refused' : 'unchanged', encoding, items, edits };
  }
  // The bytes must decode to the text that was checked: anything else is a bug, and writes nothing.
  if (decodeText(out, out.length, encoding) !== current) return refuseFile('unverified', `${file}: the edited bytes would not decode to the checked text; nothing was written`, encoding);
  // Removing a Latin-1 file's last odd byte could make it valid UTF-8, and read differently next time.
  const detected = detectEncoding(out, out.length);
  if (detected !== encoding && decodeText(out, out.length, detected) !== current) {
    return refuseFile('unverified', `${file}: after the edit the file would read as ${detected}, not ${encoding}; nothing was written`, encoding);
  }
  if (!dryRun) {
    const problem = writeSource(real, file, bytes, out, mode);
    if (problem) return refuseFile(problem.reason, problem.message, encoding);
  }
  return { file, status: 'edited', encoding, items, edits };
}

interface OpenedSource {
  real: string;
  bytes: Buffer;
  encoding: TextEncoding;
  mode: number;
}

/** Reads a workspace file for editing; refuses links that leave the workspace, non-files, binaries. */
function openSource(root: string, file: string): OpenedSource | EditRefusal {
  const absolute = path.resolve(root, file);
  if (path.isAbsolute(file) || !isInside(root, absolute)) return refusal('unreadable', `${file}: not a path inside the workspace`);
  let real: string;
  let stat: fs.Stats;
  let bytes: Buffer;
  try {
    real = fs.realpathSync(absolute);
    // A link is followed only when it stays in the workspace: the file is written where it lives.
    if (!isInside(fs.realpathSync(root), real)) return refusal('unreadable', `${file}: a symbolic link to a file outside the workspace; Paydown does not write there`);
    stat = fs.statSync(real);
    if (!stat.isFile()) return refusal('unreadable', `${file}: not a regular file`);
    bytes = fs.readFileSync(real);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return refusal('changed', `${file}: the file is gone; it changed since it was scanned (scan again)`);
    return refusal('unreadable', `${file}: cannot read it (${code ?? String(err)})`);
  }
  if (looksBinary(bytes, bytes.length)) return refusal('unreadable', `${file}: looks binary now; it changed since it was scanned`);
  return { real, bytes, encoding: detectEncoding(bytes, bytes.length), mode: stat.mode & 0o7777 };
}

/** Writes `next` over `real` atomically, unless the file changed since it was read as `before`. */
function writeSource(real: string, file: string, before: Buffer, next: Buffer, mode: number): EditRefusal | null {
  // A rename replaces a read-only file as long as its folder is writable (and root writes
  // anything): the file's own mode is the user's word (Perforce keeps files read-only until opened for edit).
  let writable = (mode & 0o222) !== 0;
  try {
    fs.accessSync(real, fs.constants.W_OK);
  } catch {
    writable = false;
  }
  if (!writable) return refusal('not-writable', `${file}: the file is read-only; nothing was written`);
  try {
    // The file may have been saved from an editor since it was read: never overwrite that.
    if (!fs.readFileSync(real).equals(before)) return refusal('changed', `${file}: the file changed while Paydown was editing it; nothing was written (try again)`);
    writeFileAtomic(real, next, { mode });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return refusal('not-writable', `${file}: its folder cannot be written (${code}); nothing was written`);
    return refusal('not-writable', `${file}: cannot write it (${code ?? String(err)}); nothing was written`);
  }
  return null;
}

/** `bytes` (which decode to `text` as `encoding`) with `edit` applied, copying every byte outside it. */
function spliceBytes(bytes: Buffer, text: string, edit: TextEdit, encoding: TextEncoding): Buffer {
  const start = byteOffset(text, edit.start, encoding);
  const end = byteOffset(text, edit.end, encoding);
  return Buffer.concat([bytes.subarray(0, start), encodeText(edit.insert, encoding), bytes.subarray(end)]);
}

function byteOffset(text: string, offset: number, encoding: TextEncoding): number {
  switch (encoding) {
    case 'utf8':
      return Buffer.byteLength(text.slice(0, offset), 'utf8');
    case 'utf8-bom':
      return 3 + Buffer.byteLength(text.slice(0, offset), 'utf8');
    case 'utf16le':
    case 'utf16be':
      return 2 + 2 * offset;
    case 'latin1':
      return offset;
  }
}

function encodeText(text: string, encoding: TextEncoding): Buffer {
  switch (encoding) {
    case 'utf8':
    case 'utf8-bom':
      return Buffer.from(text, 'utf8');
    case 'utf16le':
      return Buffer.from(text, 'utf16le');
    case 'utf16be':
      return Buffer.from(text, 'utf16le').swap16();
    case 'latin1':
      return Buffer.from(text, 'latin1');
  }
}
