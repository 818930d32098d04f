/**
 * The one Markdown escaper of everything Paydown writes as Markdown: the `md` export, the sprint
 * review, the editor's hovers and tooltips. Titles, names and paths come from code comments and
 * config anyone can write; through here they show exactly as written, in CommonMark, GitHub
 * Flavored Markdown and VS Code alike: no HTML, no links or images, no emphasis, no table cell
 * breaking out, no heading or list made of a title, no math (`$`) or theme icon (`$(…)`).
 */

/** How line breaks in the text come out. */
export interface MarkdownTextOptions {
  /** `space` (default): joined into one line; `br`: `<br>`, for a table cell that keeps them. */
  lineBreaks?: 'space' | 'br';
}

const SPECIAL = /[&<>\\`*_[\]#|~$\r\n]/;
/** What would start a list, a setext heading or an ordered list at the start of a line. */
const LEADING = /^(\s*)([-+=]|\d+(?=[.)]))/;

/**
 * `text` as literal Markdown inline text (a paragraph, list item, heading or table cell):
 * `&`, `<`, `>` as entities (no HTML, no autolinks), the punctuation that opens inline syntax
 * backslash-escaped (`\ ` * _ [ ] # | ~ $`), and a leading `-`, `+`, `=` or `1.` escaped so the
 * text cannot start a list or a heading.
 */
export function escapeMarkdown(text: string, options: MarkdownTextOptions = {}): string {
  // Most cells (ids, statuses, numbers) need nothing: one test instead of six replacements.
  if (!SPECIAL.test(text) && !LEADING.test(text)) return text;
  const flat = text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]#|~$]/g, '\\$&')
    .replace(/\r\n|\r|\n/g, options.lineBreaks === 'br' ? '<br>' : ' ');
  return flat.replace(LEADING, (_, space: string, lead: string) => (/\d/.test(lead) ? `${space}${lead}\\` : `${space}\\${lead}`));
}

/**
 * `text` as a code span (a path, an id): backslashes show as written, a fence longer than any
 * run of backticks inside, line breaks as spaces. `inTable` escapes `|`, which GFM splits table
 * cells on even inside code spans (and shows as `|`).
 */
export function markdownCode(text: string, options: { inTable?: boolean } = {}): string {
  let body = text.replace(/\r\n|\r|\n/g, ' ');
  if (options.inTable) body = body.replace(/\|/g, '\\|');
  let longest = 0;
  for (const run of body.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') || (body.startsWith(' ') && body.endsWith(' ') && body.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}
