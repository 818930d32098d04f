/**
 * Jupyter notebooks (`.ipynb`): JSON whose cells hold code and Markdown. A notebook is read as
 * its cells, each in its own language: code cells in the kernel's language (or the cell's own,
 * as VS Code records it, or a cell magic's: `%%bash`), Markdown cells as Markdown. Outputs,
 * attachments, metadata and raw cells are never read: they are results and settings, not code.
 *
 * Invariants:
 * - A cell's text is its source exactly as Jupyter shows it (the JSON strings decoded and
 *   joined), and every offset into it maps back to an offset in the file's own text, so an
 *   item's line and column are where its tag is in the `.ipynb` file, and an edit made to a
 *   cell's text can be made to the file's bytes (see {@link DocumentCell.fileOffset}).
 * - Cell numbers count every cell, of every kind, from 0, as the notebook editor numbers them.
 * - Text that is not a notebook (invalid JSON, no cell list) has no cells; nothing here throws
 *   on bad input.
 */
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import type { DocumentCell } from './cells';
import { languageById, languageByInterpreter, languageForFile, languageNamed, type LanguageSpec } from './languages';

/** The cells of a notebook that hold code or Markdown, in order; none when `text` is not a notebook. */
export function notebookCells(text: string): DocumentCell[] {
  const root = parseQuietly(text);
  if (root?.type !== 'object') return [];
  const kernel = kernelLanguage(property(root, 'metadata'));
  const cells: DocumentCell[] = [];
  let index = 0;
  for (const list of cellLists(root)) {
    for (const node of list.children ?? []) {
      const cell = readCell(text, node, index++, kernel);
      if (cell) cells.push(cell);
    }
  }
  return cells;
}

/** The JSON tree of `text`; undefined for text with any syntax error (no cell is guessed at there). */
function parseQuietly(text: string): Node | undefined {
  const errors: ParseError[] = [];
  try {
    const root = parseTree(text, errors, { disallowComments: true });
    return errors.length === 0 ? root : undefined;
  } catch {
    return undefined;
  }
}

/** The cell arrays: `cells` (nbformat 4), or each worksheet's `cells` (nbformat 3). */
function cellLists(root: Node): Node[] {
  const cells = property(root, 'cells');
  if (cells?.type === 'array') return [cells];
  const worksheets = property(root, 'worksheets');
  if (worksheets?.type !== 'array') return [];
  return (worksheets.children ?? []).map((w) => property(w, 'cells')).filter((c): c is Node => c?.type === 'array');
}

/** Cell magics whose body is another language; `%%writefile name` goes by the file's name. */
const CELL_MAGICS: Readonly<Record<string, string>> = {
  bash: 'shellscript',
  sh: 'shellscript',
  zsh: 'shellscript',
  html: 'html',
  javascript: 'javascript',
  js: 'javascript',
  latex: 'latex',
  markdown: 'markdown',
  perl: 'perl',
  ruby: 'ruby',
  sql: 'sql',
  svg: 'xml',
  R: 'r',
};

function readCell(text: string, node: Node, index: number, kernel: LanguageSpec | undefined): DocumentCell | undefined {
  if (node.type !== 'object') return undefined;
  const kind = stringValue(property(node, 'cell_type'));
  if (kind !== 'code' && kind !== 'markdown') return undefined;
  const source = property(node, kind === 'code' && property(node, 'input') ? 'input' : 'source');
  const decoded = decodeSource(text, source);
  if (!decoded) return undefined;
  let language: LanguageSpec | undefined;
  if (kind === 'markdown') language = languageById('markdown');
  else {
    const metadata = property(node, 'metadata');
    const ownId = stringValue(property(property(metadata, 'vscode'), 'languageId')) ?? stringValue(property(node, 'language'));
    language = magicLanguage(decoded.text) ?? (ownId !== undefined ? languageNamed(ownId) : undefined) ?? kernel;
  }
  if (!language) return undefined;
  const fileOffsets = decoded.fileOffsets;
  return {
    index,
    language,
    text: decoded.text,
    fileOffset: (offset) => fileOffsets[offset < 0 ? 0 : offset >= fileOffsets.length ? fileOffsets.length - 1 : offset] as number,
  };
}

/** The language a cell magic on the cell's first line names (`%%bash`, `%%writefile setup.cfg`). */
function magicLanguage(source: string): LanguageSpec | undefined {
  const magic = /^%%(\w+)[ \t]*([^\s]*)/.exec(source);
  if (!magic) return undefined;
  const [, name = '', argument = ''] = magic;
  if (name === 'writefile' || name === 'file') return argument ? languageForFile(argument) : undefined;
  if (name === 'script') return argument ? languageByInterpreter(argument) : undefined;
  const id = CELL_MAGICS[name];
  return id ? languageById(id) : undefined;
}

/** The notebook's code language: its kernel's language, else its language_info's name, else the kernel's name or file extension. */
function kernelLanguage(metadata: Node | undefined): LanguageSpec | undefined {
  const kernelspec = property(metadata, 'kernelspec');
  const info = property(metadata, 'language_info');
  for (const name of [stringValue(property(kernelspec, 'language')), stringValue(property(info, 'name')), stringValue(property(kernelspec, 'name'))]) {
    const language = name === undefined ? undefined : languageNamed(name);
    if (language) return language;
  }
  const extension = stringValue(property(info, 'file_extension'));
  if (extension && /^\.\w+$/.test(extension)) return languageForFile(`cell${extension}`);
  // nbformat's own default: a notebook that names no language is Python's.
  return metadata === undefined || (kernelspec === undefined && info === undefined) ? languageById('python') : undefined;
}


/** A cell's source (a string or an array of strings) decoded, with each character's offset in the file. */
function decodeSource(text: string, source: Node | undefined): { text: string; fileOffsets: number[] } | undefined {
  const parts = source?.type === 'string' ? [source] : source?.type === 'array' ? (source.children ?? []) : [];
  if (parts.length === 0 || parts.some((p) => p.type !== 'string')) return undefined;
  const out: string[] = [];
  const fileOffsets: number[] = [];
  for (const part of parts) decodeJsonString(text, part.offset + 1, part.offset + part.length - 1, out, fileOffsets);
  // Past the last character: just before the last string's closing quote.
  const last = parts[parts.length - 1] as Node;
  fileOffsets.push(last.offset + last.length - 1);
  return { text: out.join(''), fileOffsets };
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Appends the JSON string body `text[start, end)` decoded to `out`, and each UTF-16 unit's offset in `text` to `offsets`. */
function decodeJsonString(text: string, start: number, end: number, out: string[], offsets: number[]): void {
  let i = start;
  while (i < end) {
    const ch = text[i] as string;
    if (ch !== '\\') {
      out.push(ch);
      offsets.push(i);
      i++;
      continue;
    }
    const next = text[i + 1] ?? '';
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
      out.push(String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)));
      offsets.push(i);
      i += 6;
      continue;
    }
    out.push(SIMPLE_ESCAPES[next] ?? next);
    offsets.push(i);
    i += 2;
  }
}

function property(node: Node | undefined, key: string): Node | undefined {
  if (node?.type !== 'object') return undefined;
  for (const p of node.children ?? []) {
    const [name, value] = p.children ?? [];
    if (name?.value === key) return value;
  }
  return undefined;
}

function stringValue(node: Node | undefined): string | undefined {
  return node?.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
}

/** One cell of a notebook as the editor holds it, saved or not. */
export interface NotebookCellText {
  kind: 'code' | 'markdown' | 'raw';
  /** The cell's language id (a code cell's; Markdown and raw cells need none). */
  languageId: string;
  text: string;
}

/**
 * A notebook's cells as `.ipynb` text (nbformat 4, a string per source line, as Jupyter writes
 * it), for a notebook with unsaved changes: read like a saved one, each code cell in the language
 * the editor gives it. Its lines are not the saved file's: positions in it hold until the save.
 */
export function notebookText(cells: readonly NotebookCellText[]): string {
  const notebook = {
    cells: cells.map((cell) => ({
      cell_type: cell.kind,
      metadata: cell.kind === 'code' ? { vscode: { languageId: cell.languageId } } : {},
      source: cell.text.split(/(?<=\n)/).filter((line) => line !== ''),
    })),
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  };
  return `${JSON.stringify(notebook, null, 1)}\n`;
}
