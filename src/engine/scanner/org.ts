/**
 * Org mode, with its todo headlines (`** TODO [#A] Write the parser  :parser:`): Org's own way to
 * write a todo, read as an annotation of its keyword when that keyword is a tag. The keywords are
 * Org's: `TODO`, or the not-done states a `#+TODO:` line (`#+SEQ_TODO:`, `#+TYP_TODO:`) declares
 * (`#+TODO: TODO FIXME | DONE`), which replace the default as they do in Org. The headline's text is
 * the title, without its priority cookie; its tags are labels; the `DEADLINE` of the planning line
 * under it is the due date, and the `Effort` of its property drawer its effort (`1:30` → `1.5h`).
 * A subtree archived in place (its headline tagged `:ARCHIVE:`) is left out, as Org's agenda
 * leaves it. The rest of the document is read as Org (its `#` comments,
 * `#+BEGIN_COMMENT`, source and example blocks as text). A headline is one wherever its stars
 * start a line, as Org reads it (inside a block too: Org asks for `,*` there).
 *
 * Invariants: cells are in file order, do not overlap and hold each offset of their stretch of the
 * file, with the file's line breaks. A text without a todo headline is one cell, the file's own
 * text. A todo headline's cell is its line, and the lines under it that carry its due date and
 * effort (the planning line, the drawer's first), written as `#` comment lines: the keyword where
 * the file has it, the cookie blanked, the tags `:a:b:` written ` #a #b` where they and the blanks
 * before them are, then `due:YYYY-MM-DD` and `effort:…` one to a line, everything else blank.
 */
import type { DocumentCell } from './cells';
import { rowReadInCells } from './languages';
import { addStretchCell } from './stretchCell';
import { splitTextLines, type TextLine } from './textLines';

export type OrgFormat = 'org';

/** Stars, blanks, the keyword, and the rest of the line. */
const HEADLINE = /^(\*+[ \t]+)([A-Z][A-Z0-9_-]*)(?=[ \t]|$)(.*)$/;
const STARS = /^(\*+)[ \t]/;
/** A headline's `ARCHIVE` tag: Org's agenda leaves its subtree out. */
const ARCHIVED = /[ \t]:(?:[\w@#%]+:)*ARCHIVE:(?:[\w@#%]+:)*[ \t]*$/;
const KEYWORD_SETTING = /^[ \t]*#\+(?:SEQ_|TYP_)?TODO:(.*)$/gim;
const PRIORITY = /^([ \t]+)\[#[A-Za-z0-9]\](?=[ \t]|$)/;
const TAGS = /[ \t]+(:(?:[\w@#%]+:)+)[ \t]*$/;
const PLANNING = /^[ \t]*(?:DEADLINE|SCHEDULED|CLOSED):/;
const DEADLINE = /DEADLINE:[ \t]*<(\d{4}-\d{2}-\d{2})[^>]*>/;
const DRAWER_START = /^[ \t]*:PROPERTIES:[ \t]*$/i;
const DRAWER_END = /^[ \t]*:END:[ \t]*$/i;
const EFFORT_PROPERTY = /^[ \t]*:Effort:[ \t]+(.+?)[ \t]*$/i;
/** A property drawer longer than this is not looked through for its effort. */
const MAX_DRAWER_LINES = 64;

/** The cells of an Org document: its text, cut around each todo headline. */
export function orgCells(text: string): DocumentCell[] {
  const document = rowReadInCells('org');
  if (!document) return [];
  const cells: DocumentCell[] = [];
  // A file without a star has no headline: its lines are not split.
  const keywords = text.includes('*') ? todoKeywords(text) : undefined;
  let at = 0;
  if (keywords) {
    const lines = splitTextLines(text);
    // The level of the subtree archived in place that the lines are in (its headline's stars), or 0.
    let archivedLevel = 0;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (text.charCodeAt(line.start) !== 42 /* * */) continue;
      const written = lineText(text, line);
      const level = STARS.exec(written)?.[1]!.length ?? 0;
      if (level === 0) continue;
      if (archivedLevel > 0 && level > archivedLevel) continue;
      archivedLevel = ARCHIVED.test(written) ? level : 0;
      if (archivedLevel > 0) continue;
      const headline = HEADLINE.exec(written);
      if (!headline || !keywords.has(headline[2]!)) continue;
      addStretchCell(cells, at, line.start, document, text.slice(at, line.start));
      // The planning line's deadline and the property drawer's effort, each written on a line of
      // the cell that the comment's metadata lines take: the planning line, then the drawer's first.
      const metadata = headlineMetadata(text, lines, i + 1);
      let cellText = `${headlineComment(headline)}${text.slice(line.end, line.next)}`;
      let end = line.next;
      for (const [k, token] of metadata.entries()) {
        const under = lines[i + 1 + k]!;
        cellText += `${tokenComment(lineText(text, under), token)}${text.slice(under.end, under.next)}`;
        end = under.next;
      }
      addStretchCell(cells, line.start, end, document, cellText);
      at = end;
      i += metadata.length;
    }
  }
  addStretchCell(cells, at, text.length, document, at === 0 ? text : text.slice(at));
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

/**
 * The metadata tokens of the headline whose next line is `lines[from]`: `due:` for the planning
 * line's deadline, `effort:` for the property drawer's `Effort`, one per line under the headline
 * from the first on (a line of the cell without one would end the comment's metadata).
 */
function headlineMetadata(text: string, lines: readonly TextLine[], from: number): string[] {
  let next = from;
  const planning = next < lines.length && PLANNING.test(lineText(text, lines[next]!)) ? lineText(text, lines[next++]!) : undefined;
  const deadline = planning === undefined ? null : DEADLINE.exec(planning);
  let effort: string[] = [];
  if (next < lines.length && DRAWER_START.test(lineText(text, lines[next]!))) {
    for (let k = next + 1; k < lines.length && k <= next + MAX_DRAWER_LINES; k++) {
      const property = lineText(text, lines[k]!);
      if (DRAWER_END.test(property)) break;
      const value = EFFORT_PROPERTY.exec(property);
      if (value) effort = orgEffort(value[1]!);
    }
  }
  const tokens = [...(deadline ? [[`due:${deadline[1]}`]] : []), ...(effort.length > 0 ? [effort.map((e) => `effort:${e}`)] : [])];
  // Each token on the next line, with its `#`, in the first of its spellings that fits there; a
  // line is not skipped, since a line of the cell without a token would end the metadata.
  const placed: string[] = [];
  const last = next + (effort.length > 0 ? 1 : 0);
  for (const spellings of tokens) {
    const room = from + placed.length < last ? lineText(text, lines[from + placed.length]!).length : 0;
    const token = spellings.find((t) => t.length < room);
    if (token) placed.push(token);
  }
  return placed;
}

/**
 * An Org duration (`1:30`, `2h`, `1d`, `45min`) as Paydown efforts, the exact one first
 * (`0.75h`), then to a tenth of an hour (`0.8h`) for a line too short for it; none for any other.
 */
function orgEffort(duration: string): string[] {
  const day = /^(\d+(?:\.\d+)?)[ \t]*d$/.exec(duration);
  if (day) return [`${day[1]}d`];
  const clock = /^(\d+):([0-5]\d)$/.exec(duration);
  const unit = /^(\d+(?:\.\d+)?)[ \t]*(h|min)$/.exec(duration);
  const hours = clock ? Number(clock[1]) + Number(clock[2]) / 60 : unit ? Number(unit[1]) / (unit[2] === 'min' ? 60 : 1) : undefined;
  if (hours === undefined) return [];
  return [...new Set([Math.round(hours * 100) / 100, Math.round(hours * 10) / 10])].filter((h) => h > 0).map((h) => `${h}h`);
}

/** A line under a headline as the comment's next line: `#`, the token, the rest blank. */
function tokenComment(line: string, token: string): string {
  const indent = line.length - line.trimStart().length;
  const at = Math.min(Math.max(1, indent), line.length - token.length);
  return `#${' '.repeat(at - 1)}${token}`.padEnd(line.length);
}

function lineText(text: string, line: TextLine): string {
  return text.slice(line.start, line.end);
}

