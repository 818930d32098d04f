import * as assert from 'node:assert/strict';
import { DEFAULT_ANNOTATION_OPTIONS, type DebtItem } from '../../../src/engine/model';
import { scanDocument } from '../../../src/engine/scanner/document';
import { supportedLanguages } from '../../../src/engine/scanner/languages';
import { cellPosition } from '../../../src/engine/scanner/cells';
import { notebookCells, notebookText } from '../../../src/engine/scanner/notebook';
import { scan } from '../../../src/engine/scanner/scan';
import { removalEdit, removeAnnotation } from '../../../src/engine/trackers/removal';
import type { AnnotationTarget } from '../../../src/engine/trackers/sourceEdit';
import { describeAction } from '../../../src/engine/trackers/present';
import { commentLines, ticketDraft } from '../../../src/engine/trackers/ticketDraft';
import { sampleItem } from '../ledger/helpers';
import { referenceEdit, writeReference } from '../../../src/engine/trackers/writeBack';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTree, options, removeTree } from './helpers';

type Cell = { cell_type: 'code' | 'markdown' | 'raw'; source: string | string[]; outputs?: unknown[]; metadata?: Record<string, unknown> };

/** A notebook as Jupyter writes one: one-space indent, each source line a string of its own. */
function notebook(cells: Cell[], metadata: Record<string, unknown> = PYTHON): string {
  const lines = (s: string | string[]): string | string[] => (Array.isArray(s) ? s : s.split(/(?<=\n)/));
  return `${JSON.stringify(
    {
      cells: cells.map((c) => ({ cell_type: c.cell_type, metadata: c.metadata ?? {}, ...(c.cell_type === 'code' ? { execution_count: null, outputs: c.outputs ?? [] } : {}), source: lines(c.source) })),
      metadata,
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  )}\n`;
}

const PYTHON = { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { name: 'python', file_extension: '.py' } };

function items(text: string, file = 'analysis.ipynb'): DebtItem[] {
  return scanDocument(text, { file }, DEFAULT_ANNOTATION_OPTIONS).items;
}

/** `file:line:column tag title` for each item, with the text found at that place in the file. */
function placed(text: string): string[] {
  const lines = text.split('\n');
  return items(text).map((i) => {
    assert.equal(lines[i.line - 1]!.slice(i.column - 1, i.column - 1 + i.tag.length), i.tag, `the file has ${i.tag} at ${i.line}:${i.column}`);
    return `${i.line}:${i.column} ${i.language} ${i.tag} ${i.title}`;
  });
}

describe('scan: Jupyter notebooks', () => {
  it('reads code cells in the kernel language and Markdown cells as Markdown, at their places in the file', () => {
    const text = notebook([
      { cell_type: 'markdown', source: '# Churn model\n<!-- TODO: explain the features -->\nTODO: decoy, Markdown prose is not a comment\n' },
      {
        cell_type: 'code',
        source: 'import pandas as pd\nlabel = "# TODO: decoy in a string"  # FIXME(alice): handle "quoted" names\ndf = pd.read_csv(\'x.csv\')  # TODO: real one',
        outputs: [{ name: 'stdout', output_type: 'stream', text: ['# TODO: decoy in an output\n'] }],
      },
      { cell_type: 'raw', source: '# TODO: decoy in a raw cell\n' },
    ]);
    const found = placed(text);
    assert.deepEqual(found.map((f) => f.replace(/^\d+:\d+ /, '')), ['markdown TODO explain the features', 'python FIXME handle "quoted" names', 'python TODO real one']);
    assert.deepEqual(items(text)[1]!.owners, ['alice']);
  });

  it('ends an annotation with its line, and keeps a title whole when escapes come before it', () => {
    const text = notebook([{ cell_type: 'code', source: 'path = "C:\\\\data\\\\café"\tx = 1  # TODO: tab and backslashes before me\n# body line that is not a tag\ny = 2\n' }]);
    const [item] = items(text);
    assert.equal(item?.title, 'tab and backslashes before me');
    const line = text.split('\n')[item!.line - 1]!;
    assert.equal(item!.end.line, item!.line);
    assert.equal(line.slice(item!.column - 1, item!.end.column - 1), 'TODO: tab and backslashes before me');
  });

  it('takes the language from the kernel, a cell of its own (VS Code), or a cell magic', () => {
    const r = notebook([{ cell_type: 'code', source: "x <- 'a # TODO: decoy'  # TODO: in R\n" }], { kernelspec: { language: 'R', name: 'ir' } });
    assert.deepEqual(items(r).map((i) => [i.language, i.title]), [['r', 'in R']]);
    const julia = notebook([{ cell_type: 'code', source: '#= TODO: a Julia block comment =#\n' }], { language_info: { name: 'julia', file_extension: '.jl' } });
    assert.deepEqual(items(julia).map((i) => [i.language, i.title]), [['julia', 'a Julia block comment']]);
    const mixed = notebook([
      { cell_type: 'code', source: '%%bash\necho "# TODO: decoy" # TODO: in a bash cell\n' },
      { cell_type: 'code', source: '%%sql\nSELECT 1 -- TODO: in an SQL cell\n' },
      { cell_type: 'code', source: '%%writefile setup.cfg\n; TODO: in an INI file written by the cell\n' },
      { cell_type: 'code', metadata: { vscode: { languageId: 'javascript' } }, source: 'let s = `# TODO: decoy`; // TODO: a JavaScript cell\n' },
    ]);
    assert.deepEqual(items(mixed).map((i) => [i.language, i.title]), [
      ['shellscript', 'in a bash cell'],
      ['sql', 'in an SQL cell'],
      ['ini', 'in an INI file written by the cell'],
      ['javascript', 'a JavaScript cell'],
    ]);
  });

  it('reads an older notebook (nbformat 3) and a source written as one string', () => {
    const v3 = JSON.stringify({ metadata: { name: 'old' }, nbformat: 3, worksheets: [{ cells: [{ cell_type: 'code', language: 'python', input: ['x = 1\n', '# TODO: from nbformat 3'], outputs: [] }] }] }, null, 1);
    assert.deepEqual(placed(v3).map((f) => f.replace(/^\d+:\d+ /, '')), ['python TODO from nbformat 3']);
    const oneString = JSON.stringify({ cells: [{ cell_type: 'code', metadata: {}, outputs: [], source: 'a = 1\n# TODO: first\nb = 2 # TODO: second\n' }], metadata: PYTHON, nbformat: 4, nbformat_minor: 2 });
    assert.deepEqual(placed(oneString).map((f) => f.replace(/^\d+:\d+ /, '')), ['python TODO first', 'python TODO second']);
  });

  it('is read as a notebook when the editor opens its file as JSON', () => {
    const text = notebook([{ cell_type: 'code', source: '# TODO: seen in the raw file too\n' }]);
    assert.deepEqual(scanDocument(text, { file: 'a.ipynb', languageId: 'json' }, DEFAULT_ANNOTATION_OPTIONS).items.map((i) => i.title), ['seen in the raw file too']);
  });

  it("reads a cell's own text in its language, as the editor shows one cell", () => {
    const read = (text: string, languageId: string) => scanDocument(text, { file: 'a.ipynb', languageId, inCell: true }, DEFAULT_ANNOTATION_OPTIONS).items.map((i) => [i.line, i.column, i.title]);
    assert.deepEqual(read('x = 1\n# TODO: in a cell', 'python'), [[2, 3, 'in a cell']]);
    assert.deepEqual(read('<!-- TODO: in a Markdown cell -->', 'markdown'), [[1, 6, 'in a Markdown cell']]);
    assert.deepEqual(read('{"cells": []} // TODO: not a notebook cell language', 'jupyter'), []);
  });

  it('reads what the notebook editor holds, unsaved, as it would read the saved file', () => {
    const text = notebookText([
      { kind: 'markdown', languageId: 'markdown', text: '# Title\n<!-- TODO: intro -->' },
      { kind: 'code', languageId: 'python', text: 'x = 1\n# TODO: typed, not saved\n' },
      { kind: 'raw', languageId: 'raw', text: '# TODO: decoy in a raw cell' },
      { kind: 'code', languageId: 'r', text: "y <- '# TODO: decoy' # FIXME: an R cell" },
    ]);
    assert.deepEqual(placed(text).map((f) => f.replace(/^\d+:\d+ /, '')), ['markdown TODO intro', 'python TODO typed, not saved', 'r FIXME an R cell']);
    assert.deepEqual(notebookCells(text).map((c) => [c.index, c.language.id]), [[0, 'markdown'], [1, 'python'], [3, 'r']]);
  });

  it('finds nothing, and never throws, in a file that is not a notebook', () => {
    for (const text of ['{"cells": "TODO: not a list"}', '# TODO: not JSON at all', '{"cells": [{"cell_type": "code", "source": [1, "# TODO: not all strings"]}]}', '{"cells": [{"cell_type": "code", "source": "# TODO: unclosed']) {
      assert.deepEqual(items(text), [], text);
    }
  });

  it('numbers cells as the notebook editor does, and finds the cell position of a file position', () => {
    const text = notebook([
      { cell_type: 'markdown', source: 'intro\n' },
      { cell_type: 'raw', source: 'raw\n' },
      { cell_type: 'code', source: 'x = 1\ny = 2  # TODO: third cell, second line\n' },
    ]);
    assert.deepEqual(notebookCells(text).map((c) => [c.index, c.language.id]), [[0, 'markdown'], [2, 'python']]);
    const [item] = items(text);
    assert.deepEqual(cellPosition(text, 'jupyter', item!), { index: 2, line: 2, column: 10 });
    assert.deepEqual(item!.cell, { index: 2, line: 2, column: 10 }, 'the scan says it too');
    assert.equal(cellPosition(text, 'jupyter', { line: 2, column: 1 }), undefined, 'outside every cell');
  });


  it("places a malformed annotation's problem in the file and in its cell, as an item is", () => {
    const text = notebook([
      { cell_type: 'markdown', source: 'intro\n' },
      { cell_type: 'code', source: 'x = 1\n# TODO(effort: lots): cache the frame\n' },
    ]);
    const scan = scanDocument(text, { file: 'analysis.ipynb' }, DEFAULT_ANNOTATION_OPTIONS);
    const [problem] = scan.problems;
    assert.equal(problem?.code, 'effort-invalid');
    assert.deepEqual(problem!.cell, { index: 1, range: { start: { line: 2, column: 8 }, end: { line: 2, column: 15 } } });
    const fileLine = text.split('\n')[problem!.range.start.line - 1]!;
    assert.equal(fileLine.slice(problem!.range.start.column - 1, problem!.range.end.column - 1), 'effort:', 'the file range covers the same text');
    assert.equal(scan.items[0]!.problems[0], problem, "the item's problem is the same one");
    const chunked = scanDocument('```{r}\n# TODO(effort: lots): in a chunk\n```\n', { file: 'a.Rmd' }, DEFAULT_ANNOTATION_OPTIONS);
    assert.equal(chunked.problems.length, 1);
    assert.equal(chunked.problems[0]!.cell, undefined, "a chunk's lines are the file's own");
  });
  it('is listed among the languages, with how its cells are read', () => {
    const row = supportedLanguages().find((l) => l.id === 'jupyter');
    assert.deepEqual(row?.extensions, ['.ipynb']);
    assert.match(row?.cells ?? '', /kernel/);
  });
});

describe('scan: Jupyter notebooks in a workspace', () => {
  let root = '';
  afterEach(() => root && removeTree(root));

  it('reads a notebook whose outputs make it larger than maxFileSize, up to 16 times the limit', async () => {
    const plot = { output_type: 'display_data', data: { 'image/png': 'iVBORw0KGgo'.repeat(400) }, metadata: {} };
    const big = notebook([{ cell_type: 'code', source: '# TODO: plot the residuals\n', outputs: [plot] }]);
    root = makeTree({ 'plots.ipynb': big, 'big.py': `# TODO: a large script\n${'x = 1\n'.repeat(1000)}` });
    const result = await scan(options(root, { maxFileSize: 2048 }));
    assert.ok(big.length > 2048 && big.length < 16 * 2048);
    assert.deepEqual(result.items.map((i) => `${i.file} ${i.title}`), ['plots.ipynb plot the residuals']);
    assert.deepEqual(result.problems.map((p) => [p.file, p.code]), [['big.py', 'file-too-large']]);
  });

  it("skips Jupyter's checkpoints, the autosaved copies beside the notebooks", async () => {
    const text = notebook([{ cell_type: 'code', source: '# TODO: listed once\n' }]);
    root = makeTree({ 'nb/model.ipynb': text, 'nb/.ipynb_checkpoints/model-checkpoint.ipynb': text });
    const result = await scan(options(root));
    assert.deepEqual(result.items.map((i) => i.file), ['nb/model.ipynb']);
  });

  it('writes a ticket reference into a notebook cell and removes an annotation, leaving a notebook that reads the same', async () => {
    const text = notebook([
      { cell_type: 'markdown', source: 'Notes "quoted"\n' },
      { cell_type: 'code', source: 'print("hi")\n# TODO: cache the "raw" frame\n# FIXME: drop me\nz = 3\n' },
    ]);
    root = makeTree({ 'nb/model.ipynb': text });
    const target = (index: number, source = text): AnnotationTarget => {
      const item = items(source, 'nb/model.ipynb')[index]!;
      return { file: 'nb/model.ipynb', id: 'PD-7Q2K', tag: item.tag, line: item.line, column: item.column, title: item.title, end: item.end };
    };
    // The pure form, as the editor uses it on an open document.
    const planned = referenceEdit(text, target(0), ['GH-412'], DEFAULT_ANNOTATION_OPTIONS);
    assert.equal(planned.kind, 'edit', JSON.stringify(planned));

    const written = await writeReference(root, target(0), ['GH-412'], { annotations: DEFAULT_ANNOTATION_OPTIONS });
    assert.equal(written.status, 'edited', JSON.stringify(written));
    const afterWrite = fs.readFileSync(path.join(root, 'nb/model.ipynb'), 'utf8');
    assert.equal(afterWrite, (planned as { text: string }).text);
    const parsed = JSON.parse(afterWrite) as { cells: { source: string[] }[] };
    assert.equal(parsed.cells[1]!.source.join(''), 'print("hi")\n# TODO(PD-7Q2K, GH-412): cache the "raw" frame\n# FIXME: drop me\nz = 3\n');
    assert.deepEqual(items(afterWrite).map((i) => [i.id, i.title, i.issueRefs.map((r) => r.text)]), [['PD-7Q2K', 'cache the "raw" frame', ['GH-412']], [null, 'drop me', []]]);

    const removed = await removeAnnotation(root, target(1, afterWrite), { annotations: DEFAULT_ANNOTATION_OPTIONS });
    assert.equal(removed.status, 'edited', JSON.stringify(removed));
    const afterRemoval = fs.readFileSync(path.join(root, 'nb/model.ipynb'), 'utf8');
    assert.equal((JSON.parse(afterRemoval) as { cells: { source: string[] }[] }).cells[1]!.source.join(''), 'print("hi")\n# TODO(PD-7Q2K, GH-412): cache the "raw" frame\nz = 3\n');
    assert.equal(removalEdit(afterRemoval, { ...target(0, afterRemoval), line: 2 }, DEFAULT_ANNOTATION_OPTIONS).kind, 'refused', 'a place outside every cell is refused');
  });
});

describe('Jupyter notebooks: a ticket for an item in a cell', () => {
  const text = notebook([
    { cell_type: 'markdown', source: '# Model\n' },
    { cell_type: 'code', source: 'x = 1\n# DEBT: retrain weekly effort:3\n#   the drift shows after ten days\nmodel.fit(x)\n' },
  ]);
  const [debt] = items(text);

  it('quotes the comment from its cell, as the notebook shows it, not from the JSON lines', () => {
    assert.deepEqual(commentLines(text, debt!), ['# DEBT: retrain weekly effort:3', '#   the drift shows after ten days']);
    // Every other file: its own lines.
    assert.deepEqual(commentLines('a\n  // TODO: x\n  // more\nb\n', { line: 2, end: { line: 3, column: 10 } }), ['  // TODO: x', '  // more']);
  });

  it('says where by the cell, and links to the file\'s lines', () => {
    const item = { ...sampleItem('PD-7Q2K00', { title: 'retrain weekly', file: 'model.ipynb', line: debt!.line }), tag: 'DEBT' };
    const draft = ticketDraft({ item, file: 'model.ipynb', line: debt!.line, cell: debt!.cell, snippet: commentLines(text, debt!), language: 'python', permalink: `https://github.com/acme/ml/blob/abc/model.ipynb?plain=1#L${debt!.line}`, labels: [], assignees: [] });
    assert.match(draft.body, /^Technical debt found at \[`model\.ipynb, cell 2, line 2`\]\(https:\/\/github\.com\/acme\/ml\/blob\/abc\/model\.ipynb\?plain=1#L\d+\)\./);
    assert.match(draft.body, /```python\n# DEBT: retrain weekly effort:3\n# {3}the drift shows after ten days\n```/);
    assert.equal(describeAction({ kind: 'create', itemId: 'PD-7Q2K00', title: 'retrain weekly', why: 'asked', file: 'model.ipynb', line: debt!.line, cell: debt!.cell! }), 'retrain weekly (model.ipynb, cell 2, line 2, asked for)');
    assert.equal(describeAction({ kind: 'write-reference', itemId: 'PD-7Q2K00', reference: 'GH-7', file: 'src/a.ts', line: 4 }), 'GH-7 into src/a.ts:4');
  });
});

describe('Jupyter notebooks written in MyST (Jupyter Book)', () => {
  const FENCE = '```';
  const BOOK = notebook([
    { cell_type: 'markdown', source: `# Churn\n\n${FENCE}{note}\n% TODO: say where the data comes from\n${FENCE}\n` },
    { cell_type: 'markdown', source: `:::{todo}\nPlot the churn by region.\n:::\n\n${FENCE}{code-block} python\n# TODO: decoy, an example\n${FENCE}\n` },
    { cell_type: 'markdown', source: '% FIXME: a comment in a cell without a directive\n' },
    { cell_type: 'code', source: 'frame = load()  # HACK: read it once\n' },
  ]);

  it('reads every Markdown cell as MyST once one opens a directive: comments, todo directives, nested ones; examples are text', () => {
    const found = items(BOOK);
    assert.deepEqual(found.map((i) => [i.tag, i.title, i.language, i.cell?.index, i.cell?.line, i.cell?.column, i.directive ?? null]), [
      ['TODO', 'say where the data comes from', 'myst', 0, 4, 3, null],
      ['TODO', 'Plot the churn by region.', 'myst', 1, 1, 5, 'todo'],
      ['FIXME', 'a comment in a cell without a directive', 'myst', 2, 1, 3, null],
      ['HACK', 'read it once', 'python', 3, 1, 19, null],
    ]);
    const lines = BOOK.split('\n');
    for (const i of found) assert.equal(lines[i.line - 1]!.slice(i.column - 1, i.column - 1 + i.tag.length).toUpperCase(), i.tag, `the file has ${i.tag} at ${i.line}:${i.column}`);
    // Without a directive anywhere, a Markdown cell is CommonMark: a % line is text.
    const plain = notebook([{ cell_type: 'markdown', source: '% TODO: decoy, text in plain Markdown\n<!-- TODO: a comment -->\n' }]);
    assert.deepEqual(items(plain).map((i) => [i.title, i.language]), [['a comment', 'markdown']]);
  });

  it('is found by a scan of a folder, whose prefilter lets a notebook with only a todo directive through', async () => {
    const root = makeTree({ 'book/explore.ipynb': notebook([{ cell_type: 'markdown', source: `${FENCE}{todo} check the outliers\n${FENCE}\n` }]) });
    try {
      const result = await scan({ root, annotations: DEFAULT_ANNOTATION_OPTIONS });
      assert.deepEqual(result.items.map((i) => `${i.file} ${i.tag} ${i.title} cell ${i.cell?.index}`), ['book/explore.ipynb TODO check the outliers cell 0']);
      // A notebook under another name, mapped by scan.languages, is prefiltered as one.
      fs.writeFileSync(path.join(root, 'book/explore.nb'), fs.readFileSync(path.join(root, 'book/explore.ipynb')));
      const mapped = await scan({ root, annotations: { ...DEFAULT_ANNOTATION_OPTIONS, languages: { '**/*.nb': 'jupyter' } } });
      assert.deepEqual(mapped.items.map((i) => i.file), ['book/explore.ipynb', 'book/explore.nb']);
    } finally {
      removeTree(root);
    }
  });

  it("reads a cell as the editor holds it (its language id myst) at the cell's own places", () => {
    const cell = `${FENCE}{note}\n% TODO: in the cell\n${FENCE}\n`;
    assert.deepEqual(scanDocument(cell, { file: 'book.ipynb', languageId: 'myst', inCell: true }, DEFAULT_ANNOTATION_OPTIONS).items.map((i) => [i.line, i.column, i.title]), [[2, 3, 'in the cell']]);
  });

  describe('edits', () => {
    let root = '';
    afterEach(() => root && removeTree(root));

    it('writes a ticket reference into a comment inside a directive of a MyST cell; a todo directive is refused, not broken', async () => {
      root = makeTree({ 'book.ipynb': BOOK });
      const target = (index: number): AnnotationTarget => {
        const item = items(BOOK, 'book.ipynb')[index]!;
        return { file: 'book.ipynb', id: 'PD-7Q2K', tag: item.tag, line: item.line, column: item.column, title: item.title, end: item.end };
      };
      const written = await writeReference(root, target(0), ['GH-9'], { annotations: DEFAULT_ANNOTATION_OPTIONS });
      assert.equal(written.status, 'edited', JSON.stringify(written));
      const after = fs.readFileSync(path.join(root, 'book.ipynb'), 'utf8');
      assert.equal((JSON.parse(after) as { cells: { source: string[] }[] }).cells[0]!.source.join(''), `# Churn\n\n${FENCE}{note}\n% TODO(PD-7Q2K, GH-9): say where the data comes from\n${FENCE}\n`);
      const todo = await writeReference(root, { ...target(1), line: items(after, 'book.ipynb')[1]!.line }, ['GH-9'], { annotations: DEFAULT_ANNOTATION_OPTIONS });
      assert.notEqual(todo.status, 'edited');
      assert.equal(fs.readFileSync(path.join(root, 'book.ipynb'), 'utf8'), after, 'nothing written');
    });
  });
});
