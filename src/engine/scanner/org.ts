/**
 * Org mode, with its todo headlines (`** TODO [#A] Write the parser  :parser:`): Org's own way to
 * write a todo, read as an annotation of its keyword when that keyword is a tag. The keywords are
 * Org's: `TODO`, or the not-done states a `#+TODO:` line (`#+SEQ_TODO:`, `#+TYP_TODO:`) declares
 * (`#+TODO: TODO FIXME | DONE`), which replace the default as they do in Org. The headline's text is
 * the title, without its priority cookie; its tags are labels; the `DEADLINE` of the planning line
 * under it is the due date. The rest of the document is read as Org (its `#` comments,
 * `#+BEGIN_COMMENT`, source and example blocks as text). A headline is one wherever its stars
 * start a line, as Org reads it (inside a block too: Org asks for `,*` there).
 *
 * Invariants: cells are in file order, do not overlap and hold each offset of their stretch of the
 * file, with the file's line breaks. A text without a todo headline is one cell, the file's own
 * text. A todo headline's cell is its line, and its planning line when that has a deadline, written
 * as `#` comment lines: the keyword where the file has it, the cookie blanked, the tags `:a:b:`
 * written ` #a #b` where they and the blanks before them are, the deadline `due:YYYY-MM-DD`,
 * everything else blank.
 */
import type { DocumentCell } from './cells';
import { rowReadInCells } from './languages';
import { splitTextLines, type TextLine } from './textLines';

export type OrgFormat = 'org';

/** Stars, blanks, the keyword, and the rest of the line. */
const HEADLINE = /^(\*+[ \t]+)([A-Z][A-Z0-9_-]*)(?=[ \t]|$)(.*)$/;
const KEYWORD_SETTING = /^[ \t]*#\+(?:SEQ_|TYP_)?TODO:(.*)$/gim;
const PRIORITY = /^([ \t]+)\[#[A-Za-z0-9]\](?=[ \t]|$)/;
const TAGS = /[ \t]+(:(?:[\w@#%]+:)+)[ \t]*$/;
const PLANNING = /^[ \t]*(?:DEADLINE|SCHEDULED|CLOSED):/;
const DEADLINE = /DEADLINE:[ \t]*<(\d{4}-\d{2}-\d{2})[^>]*>/;

/** The cells of an Org document: its text, cut around each todo headline. */
export function orgCells(text: string): DocumentCell[] {
  const document = rowReadInCells('org');
  if (!document) return [];
  const cells: DocumentCell[] = [];
  const push = (start: number, end: number, cellText: string): void => {
    if (end <= start) return;
    cells.push({ index: cells.length, language: document, text: cellText, fileOffset: (offset) => start + Math.min(Math.max(offset, 0), end - start) });
  };
  // Most Org files hold no todo headline: no line to split.
  const keywords = text.includes('*') ? todoKeywords(text) : undefined;
  let at = 0;
  if (keywords) {
    const lines = splitTextLines(text);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (text.charCodeAt(line.start) !== 42 /* * */) continue;
      const headline = HEADLINE.exec(lineText(text, line));
      if (!headline || !keywords.has(headline[2]!)) continue;
      const planning = lines[i + 1];
      const deadline = planning && PLANNING.test(lineText(text, planning)) ? DEADLINE.exec(lineText(text, planning)) : null;
      const end = deadline ? planning!.next : line.next;
      push(at, line.start, text.slice(at, line.start));
      let cellText = `${headlineComment(headline)}${text.slice(line.end, line.next)}`;
      if (deadline) cellText += `${dueComment(lineText(text, planning!), deadline)}${text.slice(planning!.end, planning!.next)}`;
      push(line.start, end, cellText);
      at = end;
      if (deadline) i++;
    }
  }
  push(at, text.length, at === 0 ? text : text.slice(at));
  return cells;
}

/** The not-done keywords of the file: those its `#+TODO:` lines declare, else Org's `TODO`. */
function todoKeywords(text: string): ReadonlySet<string> {
  const declared = new Set<string>();
  for (const setting of text.matchAll(KEYWORD_SETTING)) {
    const words = setting[1]!.trim().split(/[ \t]+/).filter((w) => w !== '');
    const bar = words.indexOf('|');
    // Without a `|`, the last keyword is the done state.
    const open = bar === -1 ? words.slice(0, -1) : words.slice(0, bar);
    for (const word of open) declared.add(word.replace(/\(.*\)$/, ''));
  }
  return declared.size > 0 ? declared : new Set(['TODO']);
}

/** A todo headline as a `#` comment: `#` for its first star, its keyword in place, its title, its tags as labels. */
function headlineComment(headline: RegExpExecArray): string {
  const [, lead, keyword, rest] = headline as unknown as [string, string, string, string];
  let title = rest;
  const priority = PRIORITY.exec(title);
  if (priority) title = `${priority[1]}${' '.repeat(priority[0].length - priority[1]!.length)}${title.slice(priority[0].length)}`;
  const tags = TAGS.exec(title);
  if (tags) {
    // `   :a:b:` → ` #a #b`, in the room the tags and the blanks before them take (aligned tags
    // leave plenty; a tag that finds none is left out).
    const names = tags[1]!.slice(1, -1).split(':');
    while (names.length > 1 && names.reduce((n, tag) => n + tag.length + 2, 0) > tags[0].length) names.pop();
    const labels = names.map((tag) => ` #${tag}`).join('');
    title = `${title.slice(0, tags.index)}${labels.length <= tags[0].length ? labels.padEnd(tags[0].length) : ' '.repeat(tags[0].length)}`;
  }
  return `#${' '.repeat(lead.length - 1)}${keyword}${title}`;
}

/** A planning line as the comment's next line: `due:` and the deadline's date, the rest blank. */
function dueComment(planning: string, deadline: RegExpExecArray): string {
  const due = `due:${deadline[1]}`;
  const at = Math.max(1, deadline.index);
  return `#${' '.repeat(at - 1)}${due}`.padEnd(planning.length);
}

function lineText(text: string, line: TextLine): string {
  return text.slice(line.start, line.end);
}

