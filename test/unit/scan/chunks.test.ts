import * as fc from 'fast-check';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_ANNOTATION_OPTIONS } from '../../../src/engine/model';
import { jupytextMarkdownCells, markdownChunks } from '../../../src/engine/scanner/chunks';
import { scanDocument } from '../../../src/engine/scanner/document';
import { removeAnnotation } from '../../../src/engine/trackers/removal';
import { writeReference } from '../../../src/engine/trackers/writeBack';
import { tagAsDebtEdit } from '../../../src/extension/editor/tagAsDebt';
import { assertCellsFollowTheFile, itemsAtTheirTags, makeTree, removeTree } from './helpers';

const RMD = [
  '---',
  'title: "Churn"',
  '---',
  '',
  '<!-- TODO: say where the data comes from -->',
  'TODO: decoy, prose is not a comment',
  '',
  '```{r setup, include=FALSE}',
  "library(dplyr) # FIXME(alice): pin the version",
  "x <- '# TODO: decoy in a string'",
  '```',
  '',
  '```r',
  '# TODO: decoy, a shown (not run) block is text',
  '```',
  '',
  '```{python}',
  '#| label: fit',
  'model.fit(x)  # TODO: cross-validate',
  '```',
  '',
  '```{.python}',
  '# TODO: decoy, a class fence is shown, not run',
  '```',
  '',
  '````{bash}',
  'echo "```" # TODO: a longer fence holds backticks',
  '````',
  '',
].join('\n');

function found(text: string, file: string, languageId?: string): string[] {
  const lines = text.split('\n');
  return scanDocument(text, { file, ...(languageId ? { languageId } : {}) }, DEFAULT_ANNOTATION_OPTIONS).items.map((i) => {
    assert.equal(lines[i.line - 1]!.slice(i.column - 1, i.column - 1 + i.tag.length), i.tag, `the file has ${i.tag} at ${i.line}:${i.column}`);
    return `${i.line} ${i.language} ${i.tag} ${i.title}`;
  });
}

describe('scan: R Markdown and Quarto documents (Markdown with code chunks)', () => {
  it('reads each chunk in its engine\'s language and the rest as Markdown, at the lines of the file', () => {
    const expected = ['5 markdown TODO say where the data comes from', '9 r FIXME pin the version', '19 python TODO cross-validate', '27 shellscript TODO a longer fence holds backticks'];
    assert.deepEqual(found(RMD, 'analysis.Rmd'), expected);
    assert.deepEqual(found(RMD, 'report/analysis.qmd'), expected);
    // The editor's language ids for them (the R and Quarto extensions' own) change nothing.
    assert.deepEqual(found(RMD, 'analysis.Rmd', 'rmd'), expected);
    assert.deepEqual(found(RMD, 'analysis.qmd', 'quarto'), expected);
  });

  it('reads an unclosed chunk to the end of the file, and CRLF line ends', () => {
    assert.deepEqual(found('intro\r\n```{r}\r\nx <- 1 # TODO: unclosed chunk\r\n', 'a.Rmd'), ['3 r TODO unclosed chunk']);
    assert.deepEqual(markdownChunks('```{r}\r\nx\r\n```\r\nafter\r\n').map((c) => [c.language.id, c.text]), [['r', 'x\r\n'], ['markdown', 'after\r\n']]);
  });

  it('skips a chunk whose engine Paydown does not read, and keeps reading after it', () => {
    assert.deepEqual(found('```{mermaid}\n%% TODO: decoy\n```\n```{r}\n# TODO: after it\n```\n', 'a.qmd'), ['5 r TODO after it']);
  });

  describe('edits in a chunk', () => {
    let root = '';
    afterEach(() => root && removeTree(root));

    it('writes a ticket reference and removes an annotation, leaving the rest of the document as it was', async () => {
      root = makeTree({ 'a.Rmd': RMD });
      const items = scanDocument(RMD, { file: 'a.Rmd' }, DEFAULT_ANNOTATION_OPTIONS).items;
      const target = (i: number) => ({ file: 'a.Rmd', id: 'PD-7Q2K', tag: items[i]!.tag, line: items[i]!.line, column: items[i]!.column, title: items[i]!.title, end: items[i]!.end });
      assert.equal((await writeReference(root, target(2), ['GH-9'], { annotations: DEFAULT_ANNOTATION_OPTIONS })).status, 'edited');
      const written = fs.readFileSync(path.join(root, 'a.Rmd'), 'utf8');
      assert.equal(written, RMD.replace('# TODO: cross-validate', '# TODO(PD-7Q2K, GH-9): cross-validate'));
      assert.equal((await removeAnnotation(root, target(1), { annotations: DEFAULT_ANNOTATION_OPTIONS })).status, 'edited');
      assert.equal(fs.readFileSync(path.join(root, 'a.Rmd'), 'utf8'), written.replace('library(dplyr) # FIXME(alice): pin the version', 'library(dplyr)'));
    });
  });
});

/** A notebook Jupytext pairs with its `.ipynb`, in Jupytext's Markdown format. */
const JUPYTEXT_MD = [
  '---',
  'jupyter:',
  '  jupytext:',
  '    text_representation:',
  '      extension: .md',
  '      format_name: markdown',
  '      format_version: "1.3"',
  '  kernelspec:',
  '    display_name: Python 3',
  '    language: python',
  '    name: python3',
  '---',
  '',
  '# Churn',
  '',
  '<!-- TODO: say where the data comes from -->',
  '',
  '```python',
  'frame = load("churn.csv")  # FIXME: read it once',
  'url = "# TODO: decoy, a string"',
  '```',
  '',
  '```json',
  '{"note": "// TODO: decoy, a block of another language is the Markdown cell\'s"}',
  '```',
  '',
  '```python .noeval',
  '# TODO: decoy, a .noeval block is shown',
  '```',
  '',
  '<!-- #region -->',
  'An example inside a Markdown cell:',
  '```python',
  '# TODO: decoy, a region is a Markdown cell',
  '```',
  '<!-- #endregion -->',
  '',
  '```R',
  'x <- 1  # HACK: an R cell, by its magic',
  '```',
  '',
  '```bash',
  'echo hi  # XXX: a bash cell',
  '```',
].join('\n');

describe('scan: Jupytext Markdown notebooks', () => {
  it('reads each code cell in its language and the Markdown around them; other blocks, .noeval and regions are text', () => {
    assert.deepEqual(found(JUPYTEXT_MD, 'churn.md'), [
      '16 markdown TODO say where the data comes from',
      '19 python FIXME read it once',
      '39 r HACK an R cell, by its magic',
      '43 shellscript XXX a bash cell',
    ]);
    assert.deepEqual(found(JUPYTEXT_MD, 'churn.md', 'markdown'), found(JUPYTEXT_MD, 'churn.md'), "under VS Code's language id too");
    // Without Jupytext's front matter the same file is plain Markdown, where a code block is text.
    assert.deepEqual(found(JUPYTEXT_MD.replace('format_name: markdown', 'format_name: other'), 'churn.md'), ['16 markdown TODO say where the data comes from']);
  });

  it('tags a code cell in its language, the Markdown with an HTML comment', () => {
    const at = (line: number) => tagAsDebtEdit({ text: JUPYTEXT_MD, languageId: 'markdown', file: '/w/churn.md', startLine: line, endLine: line, id: 'PD-AAAAAA', tags: ['TODO'] });
    assert.deepEqual(at(19), { kind: 'insertLine', line: 19, before: '# DEBT(PD-AAAAAA): ', after: '' });
    assert.deepEqual(at(13), { kind: 'insertLine', line: 13, before: '<!-- DEBT(PD-AAAAAA): ', after: ' -->' });
  });
});

describe('scan: fenced code cells, at random', () => {
  // Lines that open, close or look like a block in R Markdown or Jupytext, and plain ones.
  const LINES = ['```{r}', '```{python}', '```r', '```python', '```PYTHON', '```json', '```python .noeval', '````', '```', '~~~', '<!-- #region -->', '<!-- #endregion -->', '<!-- #raw -->', '<!-- #endraw -->', '# TODO: t', '<!-- FIXME: f -->', 'prose', '', '  indented'];
  const FORMATS = [
    { name: 'R Markdown', cells: markdownChunks, file: 'a.Rmd', head: '' },
    { name: 'Jupytext Markdown', cells: jupytextMarkdownCells, file: 'a.md', head: '---\njupyter:\n  jupytext:\n    text_representation:\n      format_name: markdown\n---\n' },
  ];
  for (const format of FORMATS) {
    it(`${format.name}: cells are the file's own text, in order, without overlap; every item is at its tag (random files)`, () => {
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...LINES), { maxLength: 40 }), fc.boolean(), (lines, crlf) => {
          const text = (format.head + lines.join('\n')).replace(/\n/g, crlf ? '\r\n' : '\n');
          const cells = format.cells(text);
          assertCellsFollowTheFile(text, cells);
          for (const cell of cells) assert.equal(cell.text, text.slice(cell.fileOffset(0), cell.fileOffset(cell.text.length)));
          itemsAtTheirTags(text, format.file);
        }),
        { numRuns: 300 },
      );
    });
  }
});
