/**
 * Jupyter notebooks (`.ipynb`): JSON whose cells hold code and Markdown. A notebook is read as
 * its cells, each in its own language: code cells in the kernel's language (or the cell's own,
 * as VS Code records it, or a cell magic's: `%%bash`), Markdown cells as Markdown (as MyST
 * Markdown where one of them opens a MyST directive, as Jupyter Book's do). Outputs,
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
import { visit } from 'jsonc-parser';
import type { DocumentCell } from './cells';
import { languageById, languageByInterpreter, languageForFile, languageNamed, type LanguageSpec } from './languages';
import { MYST_DIRECTIVE_LINE } from './languages/common';

/** The cells of a notebook that hold code or Markdown, in order; none when `text` is not a notebook. */
export function notebookCells(text: string): DocumentCell[] {
  const notebook = readNotebook(text);
  if (!notebook) return [];
  const kernel = kernelLanguage(notebook.kernel);
  const cells: DocumentCell[] = [];
  notebook.cells.forEach((raw, index) => {
    const cell = readCell(text, raw, index, kernel);
    if (cell) cells.push(cell);
  });
  // Jupyter Book and MyST-NB read a notebook's Markdown cells as MyST: so does Paydown, once one of them opens a directive.
  if (isMystNotebook(cells.filter((cell) => cell.language.id === 'markdown').map((cell) => cell.text))) {
    const myst = languageById('myst');
    for (const cell of cells) if (cell.language.id === 'markdown' && myst) cell.language = myst;
  }
  return cells;
}

/** Whether a notebook whose Markdown cells hold `markdownTexts` is written in MyST: one of them opens a directive (```` ```{note} ````, `:::{todo}`). */
export function isMystNotebook(markdownTexts: readonly string[]): boolean {
  return markdownTexts.some((text) => MYST_DIRECTIVE_LINE.test(text));
}

/** Where a JSON string is in the file: its offset and length, quotes included. */
interface Span {
  offset: number;
  length: number;
}

/** What Paydown needs of one cell, as found in the JSON. */
interface RawCell {
  kind?: string;
  /** `source` (or nbformat 3's `input`): one string, or a list of them; null when it holds anything else. */
  source?: Span[] | null;
  input?: Span[] | null;
  /** The cell's own language: VS Code's `metadata.vscode.languageId`, or nbformat 3's `language`. */
  ownLanguage?: string;
}

/** The notebook's language, as its metadata names it. */
interface KernelNames {
  language?: string;
  infoName?: string;
  kernelName?: string;
  extension?: string;
  /** The metadata has a `kernelspec` or `language_info`: without one, the notebook is Python's. */
  described: boolean;
}

/** An open object (`key`: its property being read) or array (`key`: the index of its element being read). */
interface Frame {
  key: string | number | undefined;
  array: boolean;
  /** The cell this frame is, or is inside. */
  cell?: RawCell;
  /** How deep inside the cell's object this frame is (0: the cell's object). */
  inCell?: number;
}

/**
 * The cells and kernel names of a notebook, read in one pass without building the document's
 * tree: a notebook's outputs (a plot's data, a table's HTML) can be most of its megabytes and
 * millions of values, none of which matter here. Undefined for text with any syntax error (no
 * cell is guessed at there).
 */
function readNotebook(text: string): { cells: RawCell[]; kernel: KernelNames } | undefined {
  const cells: RawCell[] = [];
  const kernel: KernelNames = { described: false };
  const frames: Frame[] = [];
  let failed = false;
  let rootIsObject = false;
  const valueDone = (): void => {
    const top = frames[frames.length - 1];
    if (top?.array) top.key = (top.key as number) + 1;
  };
  /** True when the array just opened, at `frames`' top, is a list of cells (nbformat 4's `cells`, or a worksheet's in nbformat 3). */
  const isCellList = (): boolean =>
    (frames.length === 2 && frames[0]!.key === 'cells') || (frames.length === 4 && frames[0]!.key === 'worksheets' && frames[2]!.key === 'cells');
  const open = (array: boolean): void => {
    const parent = frames[frames.length - 1];
    if (!parent) rootIsObject = !array;
    const frame: Frame = { key: array ? 0 : undefined, array };
    if (parent?.cell) {
      frame.cell = parent.cell;
      frame.inCell = (parent.inCell as number) + 1;
      const owner = frames[frames.length - 2];
      if (array && frame.inCell === 1 && (parent.key === 'source' || parent.key === 'input')) parent.cell[parent.key] = [];
      // A source list holds strings only.
      else if (frame.inCell === 2 && parent.array && (owner?.key === 'source' || owner?.key === 'input')) parent.cell[owner.key] = null;
    } else if (!array && parent?.array && isCellList()) {
      frame.cell = {};
      frame.inCell = 0;
      cells.push(frame.cell);
    }
    if (!array && frames.length === 2 && frames[0]!.key === 'metadata' && (frames[1]!.key === 'kernelspec' || frames[1]!.key === 'language_info')) kernel.described = true;
    frames.push(frame);
  };
  const close = (): void => {
    frames.pop();
    valueDone();
  };
  try {
    visit(
      text,
      {
        onObjectBegin: () => open(false),
        onArrayBegin: () => open(true),
        onObjectEnd: close,
        onArrayEnd: close,
        onObjectProperty: (name) => {
          const top = frames[frames.length - 1];
          if (top) top.key = name;
        },
        onLiteralValue: (value: unknown, offset, length) => {
          literal(frames, kernel, value, { offset, length });
          valueDone();
        },
        onError: () => {
          failed = true;
        },
      },
      { disallowComments: true },
    );
  } catch {
    return undefined;
  }
  return failed || !rootIsObject ? undefined : { cells, kernel };
}

/** Records a literal value where it matters: a cell's kind, source or language, the kernel's names. */
function literal(frames: readonly Frame[], kernel: KernelNames, value: unknown, span: Span): void {
  const top = frames[frames.length - 1];
  if (!top) return;
  const cell = top.cell;
  if (cell) {
    const depth = top.inCell as number;
    if (depth === 0) {
      if (top.key === 'cell_type' && typeof value === 'string') cell.kind = value;
      else if (top.key === 'language' && typeof value === 'string') cell.ownLanguage ??= value;
      else if (top.key === 'source' || top.key === 'input') cell[top.key] = typeof value === 'string' ? [span] : null;
    } else if (depth === 1) {
      const owner = frames[frames.length - 2]!;
      if (owner.key === 'source' || owner.key === 'input') {
        const list = cell[owner.key];
        if (list && typeof value === 'string') list.push(span);
        else cell[owner.key] = null;
      }
    } else if (depth === 2 && top.key === 'languageId' && typeof value === 'string' && frames[frames.length - 3]!.key === 'metadata' && frames[frames.length - 2]!.key === 'vscode') {
      cell.ownLanguage = value;
    }
    return;
  }
  if (frames.length !== 3 || frames[0]!.key !== 'metadata' || typeof value !== 'string') return;
  const section = frames[1]!.key;
  if (section === 'kernelspec' && top.key === 'language') kernel.language = value;
  else if (section === 'kernelspec' && top.key === 'name') kernel.kernelName = value;
  else if (section === 'language_info' && top.key === 'name') kernel.infoName = value;
  else if (section === 'language_info' && top.key === 'file_extension') kernel.extension = value;
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

function readCell(text: string, raw: RawCell, index: number, kernel: LanguageSpec | undefined): DocumentCell | undefined {
  const kind = raw.kind;
  if (kind !== 'code' && kind !== 'markdown') return undefined;
  const decoded = decodeSource(text, kind === 'code' && raw.input !== undefined ? raw.input : raw.source);
  if (!decoded) return undefined;
  let language: LanguageSpec | undefined;
  if (kind === 'markdown') language = languageById('markdown');
  else language = cellMagicLanguage(decoded.text) ?? (raw.ownLanguage !== undefined ? languageNamed(raw.ownLanguage) : undefined) ?? kernel;
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
export function cellMagicLanguage(source: string): LanguageSpec | undefined {
  const magic = /^%%(\w+)[ \t]*([^\s]*)/.exec(source);
  if (!magic) return undefined;
  const [, name = '', argument = ''] = magic;
  if (name === 'writefile' || name === 'file') return argument ? languageForFile(argument) : undefined;
  if (name === 'script') return argument ? languageByInterpreter(argument) : undefined;
  const id = CELL_MAGICS[name];
  return id ? languageById(id) : undefined;
}

/** The notebook's code language: its kernel's language, else its language_info's name, else the kernel's name or file extension. */
function kernelLanguage(names: KernelNames): LanguageSpec | undefined {
  for (const name of [names.language, names.infoName, names.kernelName]) {
    const language = name === undefined ? undefined : languageNamed(name);
    if (language) return language;
  }
  if (names.extension && /^\.\w+$/.test(names.extension)) return languageForFile(`cell${names.extension}`);
  // nbformat's own default: a notebook that names no language is Python's.
  return names.described ? undefined : languageById('python');
}

/** A cell's source (its strings) decoded, with each character's offset in the file. */
function decodeSource(text: string, parts: Span[] | null | undefined): { text: string; fileOffsets: number[] } | undefined {
  if (!parts || parts.length === 0) return undefined;
  const out: string[] = [];
  const fileOffsets: number[] = [];
  for (const part of parts) decodeJsonString(text, part.offset + 1, part.offset + part.length - 1, out, fileOffsets);
  // Past the last character: just before the last string's closing quote.
  const last = parts[parts.length - 1] as Span;
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
