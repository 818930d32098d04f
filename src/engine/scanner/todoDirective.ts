/**
 * A todo the document shows: Sphinx's todo directive, written in reStructuredText (`.. todo::`) or
 * in MyST Markdown (```` ```{todo} ````, `:::{todo}`), LaTeX's `\todo{…}` command (todonotes) and
 * an Org todo headline (`* TODO …`): a note of debt by design, which the readers of those formats
 * (restructuredText.ts, myst.ts, latex.ts, org.ts) hand the lexer as a comment, its tag where the
 * file has the name `todo` or the keyword. It is an item like any other, except that no reference
 * can be written into it (`.. todo(GH-9)::` is no directive, `\todo(GH-9){…}` no command,
 * `* TODO(GH-9)` no keyword): the ledger keeps its link. The directive may be written in another
 * case than the `TODO` tag's, so the prefilter has needles for it in the files that may hold it;
 * the command's `\todo` is a needle of every file (a doc comment's, grammar/tags.ts), and an Org
 * keyword is the tag as written.
 */
import { mayBeMystName } from './myst';
import { isRestructuredTextFormat, isRestructuredTextName } from './restructuredText';

/** Whether a file of cells in `format` is read with Sphinx's todo directive (reStructuredText, MyST Markdown). */
export function readsTodoDirectives(format: string | undefined): boolean {
  return format === 'myst' || isRestructuredTextFormat(format);
}

/** Whether a file of cells in `format` may hold a todo directive: one read with it, or a notebook, whose Markdown cells may be MyST. */
export function mayHoldTodoDirectives(format: string | undefined): boolean {
  return format === 'jupyter' || readsTodoDirectives(format);
}

/** Whether the tag read at `offset` of a file of cells in `format` is a todo directive's or command's name, or an Org headline's keyword, not a comment's tag. */
export function isTodoDirectiveAt(text: string, offset: number, format: string | undefined): boolean {
  if (format === 'org') return /(?:^|\n)\*+[ \t]+$/.test(text.slice(Math.max(0, text.lastIndexOf('\n', offset - 1)), offset));
  const name = text.slice(offset, offset + 7);
  if (format === 'latex') return text.charCodeAt(offset - 1) === 92 /* \ */ && /^todo(?![A-Za-z@])/.test(name);
  return readsTodoDirectives(format) && /^todo(?: ?::|\})/i.test(name);
}

/** Whether a file's name may say it is read with the todo directive (reStructuredText, MyST, a notebook's MyST Markdown cells): the byte prefilter looks for the directive in those files only. */
export function mayHoldTodoDirectiveByName(name: string): boolean {
  return isRestructuredTextName(name) || mayBeMystName(name) || isNotebookName(name);
}

function isNotebookName(name: string): boolean {
  return (name.charCodeAt(name.length - 1) | 32) === 98 /* b */ && /\.ipynb$/i.test(name);
}
