import * as fc from 'fast-check';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_ANNOTATION_OPTIONS, type AnnotationOptions } from '../../../src/engine/model';
import { scanDocument } from '../../../src/engine/scanner/document';
import { supportedLanguages } from '../../../src/engine/scanner/languages';
import { mystCells } from '../../../src/engine/scanner/myst';
import { scan } from '../../../src/engine/scanner/scan';
import { removeAnnotation } from '../../../src/engine/trackers/removal';
import { writeReference } from '../../../src/engine/trackers/writeBack';
import { tagAsDebtEdit } from '../../../src/extension/editor/tagAsDebt';
import { assertCellsFollowTheFile, itemsAtTheirTags, makeTree, removeTree } from './helpers';

const FENCE = '```';

/** A Jupyter Book page: a MyST notebook with prose, directives and code cells. */
const NOTEBOOK = [
  '---',
  'jupytext:',
  '  text_representation:',
  '    extension: .md',
  '    format_name: myst',
  'kernelspec:',
  '  display_name: Python 3',
  '  language: python',
  '  name: python3',
  '# FIXME: pin the kernel version',
  '---',
  '',
  '# Loading the data',
  '',
  'TODO: decoy, prose is what the page shows',
  '',
  '% TODO: explain where the data comes from',
  '% and how often it changes.',
  '',
  '<!-- HACK: an HTML comment counts too -->',
  '',
  `${FENCE}{note}`,
  ':class: dropdown',
  '',
  '% XXX: a comment inside a note counts',
  '',
  ':::{tip}',
  '% TODO(ann): so does one in a nested tip',
  ':::',
  FENCE,
  '',
  `${FENCE}{code-cell} ipython3`,
  ':tags: [hide-input]',
  '',
  'import pandas as pd  # TODO: read it lazily',
  'url = "# TODO: decoy, a string"',
  FENCE,
  '',
  `${FENCE}{code-block} python`,
  '# TODO: decoy, an example',
  FENCE,
  '',
  `${FENCE}python`,
  '# FIXME: decoy, a plain code block',
  FENCE,
  '',
  `${FENCE}{math}`,
  '% TODO: decoy, a line of the equation',
  FENCE,
  '',
  `${FENCE}{todo} Say which columns are optional`,
  'and what their defaults are.',
  FENCE,
  '',
  ':::{Todo}',
  ':class: margin',
  '',
  'Add the plot of the second dataset.',
  ':::',
  '',
  `${FENCE}{eval-rst}`,
  '.. FIXME: reStructuredText inside MyST',
  '',
  '.. code-block:: rst',
  '',
  '   .. TODO: decoy, an rst example',
  FENCE,
  '',
  '````md',
  `${FENCE}{todo} decoy, an example inside a plain block`,
  FENCE,
  '````',
  '',
].join('\n');

function found(text: string, file = 'intro.md', options: AnnotationOptions = DEFAULT_ANNOTATION_OPTIONS): string[] {
  return itemsAtTheirTags(text, file, options);
}

describe('scan: MyST Markdown', () => {
  it('reads % and HTML comments, the todo directive, code cells in their language and eval-rst; code, math and plain blocks are text', () => {
    assert.deepEqual(found(NOTEBOOK), [
      '10:3 yaml FIXME pin the kernel version',
      '17:3 myst TODO explain where the data comes from and how often it changes.',
      '20:6 myst HACK an HTML comment counts too',
      '25:3 myst XXX a comment inside a note counts',
      '28:3 myst TODO so does one in a nested tip',
      '35:24 python TODO read it lazily',
      '51:5 myst TODO Say which columns are optional',
      '55:5 myst TODO Add the plot of the second dataset.',
      '62:4 restructuredtext FIXME reStructuredText inside MyST',
    ]);
    const items = scanDocument(NOTEBOOK, { file: 'intro.md' }, DEFAULT_ANNOTATION_OPTIONS).items;
    assert.deepEqual(items[4]!.owners, ['ann']);
    assert.equal(items[6]!.body, 'and what their defaults are.');
    assert.equal(items[7]!.body, '', 'the options are not its text');
    assert.deepEqual(items.map((i) => i.directive ?? null), [null, null, null, null, null, null, 'todo', 'todo', null], 'the todo directives are marked as such');
    // The same with Windows line breaks, in a `.myst` file and under VS Code's language id for `.md`.
    assert.deepEqual(found(NOTEBOOK.replace(/\n/g, '\r\n')), found(NOTEBOOK));
    assert.deepEqual(found(NOTEBOOK, 'intro.myst'), found(NOTEBOOK));
    assert.equal(scanDocument(NOTEBOOK, { file: 'intro.md', languageId: 'markdown' }, DEFAULT_ANNOTATION_OPTIONS).items.length, 9);
  });

  it('is claimed for a .md file by a directive or by Jupytext front matter; plain Markdown keeps its reading', () => {
    const plain = '# Notes\n\n% TODO: decoy, a percent line is text in CommonMark\n\n<!-- TODO: a comment -->\n';
    assert.deepEqual(found(plain), ['5:6 markdown TODO a comment']);
    assert.deepEqual(found(`${plain}\n:::{note}\nText.\n:::\n`), ['3:3 myst TODO decoy, a percent line is text in CommonMark', '5:6 myst TODO a comment']);
    assert.deepEqual(found(`---\njupytext:\n  text_representation:\n    format_name: myst\n---\n${plain}`).map((f) => f.split(' ')[1]), ['myst', 'myst']);
    // A directive after pages of prose claims the file too.
    const long = `# Notes\n\n${'A line of prose.\n'.repeat(1_000)}\n% TODO: a comment far down\n\n:::{note}\nText.\n:::\n`;
    assert.deepEqual(found(long), ['1004:3 myst TODO a comment far down']);
    // Pandoc's fenced divs and code attributes (`::: {.note}`, ```` ```{.python} ````) are no directives.
    assert.deepEqual(found(`${plain}\n::: {.note}\nText.\n:::\n\n${FENCE}{.python}\nx = 1\n${FENCE}\n`), ['5:6 markdown TODO a comment']);
    // scan.languages maps the rest.
    assert.deepEqual(found(plain, 'intro.md', { ...DEFAULT_ANNOTATION_OPTIONS, languages: { '**/*.md': 'myst' } }).length, 2);
  });

  it("reads a code cell in its argument's language, else the kernel's, else Python's, and a cell magic's", () => {
    const cells = (front: string, info: string, body: string): string[] => found(`${front}${FENCE}{code-cell}${info}\n${body}\n${FENCE}\n`, 'nb.md');
    assert.deepEqual(cells('', '', '# TODO: python by default'), ['2:3 python TODO python by default']);
    assert.deepEqual(cells('---\nkernelspec:\n  name: ir\n  display_name: R\n---\n', '', '# TODO: R by the kernel'), ['7:3 r TODO R by the kernel']);
    assert.deepEqual(cells('---\nkernelspec:\n  language: julia\n---\n', '', '# TODO: julia by the kernel'), ['6:3 julia TODO julia by the kernel']);
    assert.deepEqual(cells('', ' r', '# TODO: R by the argument'), ['2:3 r TODO R by the argument']);
    assert.deepEqual(cells('', ' ipython3', '%%bash\necho hi  # FIXME: bash by the magic'), ['3:12 shellscript FIXME bash by the magic']);
    assert.deepEqual(cells('', ' python', '---\ntags: [remove-input]\n# TODO: decoy, a YAML option\n---\nx = 1'), []);
    // A block fenced with a language's name in braces is no directive: shown as written, like a plain code block.
    assert.deepEqual(found(`:::{note}\nText.\n:::\n\n${FENCE}{python}\n% TODO: decoy, a line of code\n${FENCE}\n`), []);
  });

  it('reads a % comment inside a blockquote or a list item, as MyST does; not in a code block', async () => {
    const page = ['# Page', '', ':::{note}', 'x', ':::', '', '> A quote.', '> % TODO: in a quote', '>% FIXME: no space', '', '- item', '  - % HACK: in a nested list', '1. % XXX: numbered', '', 'Text 50% done', FENCE, '> % TODO: in a code block', FENCE, ''].join('\n');
    assert.deepEqual(found(page), ['8:5 myst TODO in a quote', '9:4 myst FIXME no space', '12:7 myst HACK in a nested list', '13:6 myst XXX numbered']);
    const root = makeTree({ 'page.md': page });
    try {
      const [quoted] = scanDocument(page, { file: 'page.md' }, DEFAULT_ANNOTATION_OPTIONS).items;
      const target = { file: 'page.md', id: 'PD-7Q2K', tag: quoted!.tag, line: quoted!.line, column: quoted!.column, title: quoted!.title, end: quoted!.end };
      assert.equal((await writeReference(root, target, ['GH-9'], { annotations: DEFAULT_ANNOTATION_OPTIONS })).status, 'edited');
      assert.equal(fs.readFileSync(path.join(root, 'page.md'), 'utf8'), page.replace('> % TODO: in a quote', '> % TODO(PD-7Q2K, GH-9): in a quote'));
    } finally {
      removeTree(root);
    }
  });

  it('finds a todo directive alone in a file, with tags matched in their case only, and not without a TODO tag', () => {
    const text = `# Guide\n\n${FENCE}{todo}\nWrite this section.\n${FENCE}\n`;
    assert.deepEqual(found(text), ['3:5 myst TODO Write this section.']);
    assert.deepEqual(found(text, 'a.md', { ...DEFAULT_ANNOTATION_OPTIONS, caseSensitive: false }), ['3:5 myst TODO Write this section.']);
    assert.deepEqual(found(text, 'a.md', { ...DEFAULT_ANNOTATION_OPTIONS, tags: [{ name: 'FIXME' }] }), []);
    // An unclosed directive runs to the end of the file, as MyST reads it; todolist is no todo.
    assert.deepEqual(found('::::{todo} Unclosed\nstill its text\n'), ['1:6 myst TODO Unclosed']);
    assert.deepEqual(found(`${FENCE}{todolist}\n${FENCE}\n`), []);
  });

  it('reads a file of thousands of unclosed directives, each nested in the last, without failing: past 32 levels it is text', () => {
    const nested = (depth: number) => `${':::{note}\n'.repeat(depth)}% TODO: at depth ${depth}\n`;
    assert.deepEqual(found(nested(3), 'a.myst'), ['4:3 myst TODO at depth 3']);
    for (const depth of [32, 33, 5_000]) {
      const scanned = scanDocument(nested(depth), { file: 'a.myst' }, DEFAULT_ANNOTATION_OPTIONS);
      assert.deepEqual(scanned.problems, [], `no problem at depth ${depth}`);
      assert.equal(scanned.items.length, depth <= 32 ? 1 : 0, `depth ${depth}`);
    }
  });

  it('is listed among the languages, with how it is read and the .md claim', () => {
    const row = supportedLanguages().find((l) => l.id === 'myst');
    assert.deepEqual(row?.extensions, ['.myst', '.mystnb', '.mnb']);
    assert.deepEqual(row?.claims.map((c) => c.extension), ['.md']);
    assert.match(row?.cells ?? '', /code-cell/);
  });

  it("is found by a scan of a folder, whose prefilter lets a .md file with only a todo directive through", async () => {
    const root = makeTree({
      'book/intro.md': `# Intro\n\n${FENCE}{todo} link the chapters\n${FENCE}\n`,
      'book/plain.md': '# Nothing to do\n',
      'book/nb.mystnb': `${FENCE}{code-cell}\n# FIXME: a notebook cell\n${FENCE}\n`,
      'src/a.py': '# {todo} decoy in Python\n',
    });
    try {
      const result = await scan({ root, annotations: DEFAULT_ANNOTATION_OPTIONS });
      assert.deepEqual(result.items.map((i) => `${i.file}:${i.line} ${i.tag} ${i.title}`), ['book/intro.md:3 TODO link the chapters', 'book/nb.mystnb:2 FIXME a notebook cell']);
      // A file mapped to MyST by scan.languages is prefiltered as one.
      fs.writeFileSync(path.join(root, 'book/notes.txt'), `${FENCE}{todo} map this one\n${FENCE}\n`);
      const mapped = await scan({ root, annotations: { ...DEFAULT_ANNOTATION_OPTIONS, languages: { '**/*.txt': 'myst' } } });
      assert.deepEqual(mapped.items.map((i) => `${i.file}:${i.line} ${i.title}`), ['book/intro.md:3 link the chapters', 'book/nb.mystnb:2 a notebook cell', 'book/notes.txt:1 map this one']);
    } finally {
      removeTree(root);
    }
  });

  it("tags prose with a % comment line, a code cell in its language, and a comment in place; nothing in a code block", () => {
    const edit = (line: number) => tagAsDebtEdit({ text: NOTEBOOK, languageId: 'markdown', file: '/w/intro.md', startLine: line, endLine: line, id: 'PD-AAAAAA', tags: ['TODO'] });
    assert.deepEqual(edit(12), { kind: 'insertLine', line: 12, before: '% DEBT(PD-AAAAAA): ', after: '' }, 'a heading');
    assert.deepEqual(edit(21), { kind: 'insertLine', line: 21, before: '% DEBT(PD-AAAAAA): ', after: '' }, "a note's opening fence");
    assert.deepEqual(edit(35), { kind: 'insertLine', line: 35, before: '# DEBT(PD-AAAAAA): ', after: '' }, 'a line of a code cell');
    assert.deepEqual(edit(40), { kind: 'refused', why: 'shownAsWritten' }, 'a code-block example');
    const comment = tagAsDebtEdit({ text: '# Title\n\n% a plain remark\n', languageId: 'markdown', file: '/w/a.myst', startLine: 2, endLine: 2, id: 'PD-AAAAAA', tags: ['TODO'] });
    assert.deepEqual(comment, { kind: 'tagComment', line: 2, character: 2, text: 'DEBT(PD-AAAAAA): ' });
  });

  describe('edits', () => {
    let root = '';
    afterEach(() => root && removeTree(root));

    it('writes a ticket reference into a comment and removes one; a todo directive is refused, not broken', async () => {
      root = makeTree({ 'intro.md': NOTEBOOK });
      const items = scanDocument(NOTEBOOK, { file: 'intro.md' }, DEFAULT_ANNOTATION_OPTIONS).items;
      const target = (i: number) => ({ file: 'intro.md', id: 'PD-7Q2K', tag: items[i]!.tag, line: items[i]!.line, column: items[i]!.column, title: items[i]!.title, end: items[i]!.end });
      assert.equal((await writeReference(root, target(3), ['GH-9'], { annotations: DEFAULT_ANNOTATION_OPTIONS })).status, 'edited');
      const written = fs.readFileSync(path.join(root, 'intro.md'), 'utf8');
      assert.equal(written, NOTEBOOK.replace('% XXX: a comment', '% XXX(PD-7Q2K, GH-9): a comment'));
      assert.equal((await writeReference(root, target(5), ['GH-9'], { annotations: DEFAULT_ANNOTATION_OPTIONS })).status, 'edited');
      assert.ok(fs.readFileSync(path.join(root, 'intro.md'), 'utf8').includes('# TODO(PD-7Q2K, GH-9): read it lazily'), "a code cell's comment");
      assert.equal((await removeAnnotation(root, target(1), { annotations: DEFAULT_ANNOTATION_OPTIONS })).status, 'edited');
      const removed = fs.readFileSync(path.join(root, 'intro.md'), 'utf8');
      assert.ok(!removed.includes('where the data comes from'), 'the comment is gone');
      assert.equal(found(removed).length, 8);
      const todoLine = removed.split('\n').findIndex((l) => l.includes('{todo}')) + 1;
      const todo = await writeReference(root, { ...target(6), line: todoLine }, ['GH-9'], { annotations: DEFAULT_ANNOTATION_OPTIONS });
      assert.notEqual(todo.status, 'edited');
      assert.equal(fs.readFileSync(path.join(root, 'intro.md'), 'utf8'), removed, 'nothing written');
    });
  });
});

describe('scan: MyST cells, at random', () => {
  const LINES = ['% TODO: t', '<!-- FIXME: f -->', `${FENCE}{note}`, `${FENCE}{todo} x`, ':::{todo}', ':::{note}', ':::', '::::', FENCE, '````', `${FENCE}{code-cell} python`, `${FENCE}{code-block}`, `${FENCE}{eval-rst}`, '.. TODO: r', '# TODO: p', '> % TODO: q', '- % n', '>', `${FENCE}python`, ':class: c', '---', 'prose', '', '  indented'];
  it("cells are as long as the file's stretches, with its line breaks, in order, without overlap (random files)", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LINES), { maxLength: 40 }), fc.boolean(), (lines, crlf) => {
        const text = lines.join(crlf ? '\r\n' : '\n');
        assertCellsFollowTheFile(text, mystCells(text));
        // Whatever the file, every item found is at its tag in the file.
        found(text, 'a.myst');
      }),
      { numRuns: 300 },
    );
  });
});
