import * as fc from 'fast-check';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_ANNOTATION_OPTIONS, type AnnotationOptions } from '../../../src/engine/model';
import { scanDocument } from '../../../src/engine/scanner/document';
import { supportedLanguages } from '../../../src/engine/scanner/languages';
import { latexCells } from '../../../src/engine/scanner/latex';
import { scan } from '../../../src/engine/scanner/scan';
import { removeAnnotation } from '../../../src/engine/trackers/removal';
import { writeReference } from '../../../src/engine/trackers/writeBack';
import { tagAsDebtEdit } from '../../../src/extension/editor/tagAsDebt';
import { assertCellsFollowTheFile, itemsAtTheirTags, makeTree, removeTree } from './helpers';

const PAPER = String.raw`\documentclass{article}
\usepackage[colorinlistoftodos]{todonotes}
\newcommand\todox[1]{#1}
\providecommand\todo[2][]{}
\begin{document}
% TODO: pick a title
Results\todo{Cite the 2019 paper} follow. \todo[inline, color=red!20]{Rewrite this
  section once the \emph{results} are in % not before Friday
  }
\todo [author=Ann, color={rgb,1:red,1}] {Check the bound}\todo{and this one}
% \todo{commented out}
\begin{comment}
\todo{inside a comment environment}
\end{comment}
\begin{verbatim}
\todo{shown as written}
\end{verbatim}
See \verb|\todo{x}|, a line break \\todo{not a command}, \todonotes{other} and \listoftodos.
\todo{TODO: said twice} \todo{A set \{x\} and 100\% done}
\end{document}
`;

function found(text: string, file = 'paper.tex', options: AnnotationOptions = DEFAULT_ANNOTATION_OPTIONS): string[] {
  return itemsAtTheirTags(text, file, options);
}

describe('scan: LaTeX todo commands', () => {
  it("reads \\todo's argument as a TODO where TeX runs it; comments, verbatim text, \\verb, definitions and other commands are not", () => {
    assert.deepEqual(found(PAPER), [
      '6:3 latex TODO pick a title',
      '7:9 latex TODO Cite the 2019 paper',
      '7:44 latex TODO Rewrite this',
      '10:2 latex TODO Check the bound',
      '10:59 latex TODO and this one',
      '19:2 latex TODO said twice',
      '19:26 latex TODO A set \\{x\\} and 100\\% done',
    ]);
    const items = scanDocument(PAPER, { file: 'paper.tex' }, DEFAULT_ANNOTATION_OPTIONS).items;
    assert.deepEqual(items.map((i) => i.directive ?? 'comment'), ['comment', 'todo', 'todo', 'todo', 'todo', 'todo', 'todo']);
    // The argument's later lines are its body; its % comment is not its text.
    assert.equal(items[2]!.body, 'section once the \\emph{results} are in');
    assert.deepEqual(items[2]!.end, { line: 8, column: 41 });
  });

  it('finds a todo command alone in a file, with tags matched in their case only or in any case, and not without a TODO tag', () => {
    const text = 'Text.\\todo{Write the conclusion}\n';
    assert.deepEqual(found(text), ['1:7 latex TODO Write the conclusion']);
    assert.deepEqual(found(text, 'a.tex', { ...DEFAULT_ANNOTATION_OPTIONS, caseSensitive: false }), ['1:7 latex TODO Write the conclusion']);
    assert.deepEqual(found(text, 'a.tex', { ...DEFAULT_ANNOTATION_OPTIONS, tags: [{ name: 'FIXME' }] }), []);
    // `\todo` with no argument, or an argument that never closes (which swallows the rest, as in TeX).
    assert.deepEqual(found('\\todo\\relax\n% FIXME: after it\n'), ['2:3 latex FIXME after it']);
    assert.deepEqual(found('\\todo{never closed\n% FIXME: a comment still\n\\todo{nor this}\n'), ['2:3 latex FIXME a comment still']);
    assert.deepEqual(found('\\todo[inline{x}\n'), []);
  });

  it("reads literate Haskell's LaTeX prose with its todo commands, and a notebook's %%latex cell", () => {
    const lhs = ['Prose.', '', '\\todo[inline]{Generalise |Prob|}', '\\begin{code}', 'main = pure () -- FIXME: later', '\\end{code}', ''].join('\n');
    assert.deepEqual(found(lhs, 'Delta.lhs'), ['3:2 latex TODO Generalise |Prob|', '5:19 haskell FIXME later']);
    const notebook = JSON.stringify({ cells: [{ cell_type: 'code', metadata: {}, source: ['%%latex\n', 'Euler: \\todo{check the sign}\n'], outputs: [], execution_count: null }], metadata: { kernelspec: { language: 'python', name: 'python3' } }, nbformat: 4, nbformat_minor: 5 }, null, 1);
    const [item] = scanDocument(notebook, { file: 'maths.ipynb' }, DEFAULT_ANNOTATION_OPTIONS).items;
    assert.deepEqual([item?.language, item?.title, item?.directive, item?.cell], ['latex', 'check the sign', 'todo', { index: 0, line: 2, column: 9 }]);
  });

  it('is listed among the languages, with how its todo command is read', () => {
    const row = supportedLanguages().find((l) => l.id === 'latex');
    assert.ok(row?.extensions.includes('.tex'));
    assert.match(row?.cells ?? '', /\\todo/);
  });

  it('reads a file of thousands of todo commands on one line, and of unclosed ones, in linear time', () => {
    const many = (n: number) => `${'\\todo{a}'.repeat(n)}\n`;
    assert.equal(scanDocument(many(20_000), { file: 'a.tex' }, DEFAULT_ANNOTATION_OPTIONS).items.length, 20_000);
    const unclosed = '\\todo{a\n'.repeat(20_000);
    assert.deepEqual(scanDocument(unclosed, { file: 'a.tex' }, DEFAULT_ANNOTATION_OPTIONS).items, []);
    const almost = '\\todox{a} \\todo\n'.repeat(20_000);
    assert.deepEqual(scanDocument(almost, { file: 'a.tex' }, DEFAULT_ANNOTATION_OPTIONS).items, []);
  });

  it('is found by a scan of a folder, whose prefilter lets a .tex file with only a todo command through', async () => {
    const root = makeTree({
      // Right after a word, as LaTeX writes it: the prefilter's word test lets it through.
      'paper/main.tex': 'Intro and more\\todo{Link the chapters}\n',
      // A macro passing its argument on to \todo is no note; the notes are where it is used.
      'paper/macros.sty': '\\newcommand{\\note}[1]{\\todo[inline]{#1}}\n',
      'paper/plain.tex': 'Nothing to do.\n',
      'src/a.py': '# \\todo{decoy} in Python\n',
    });
    try {
      const result = await scan({ root, annotations: DEFAULT_ANNOTATION_OPTIONS });
      assert.deepEqual(result.items.map((i) => `${i.file}:${i.line} ${i.tag} ${i.title}`), ['paper/main.tex:1 TODO Link the chapters']);
      // A file mapped to LaTeX by scan.languages is prefiltered as one.
      fs.writeFileSync(path.join(root, 'paper/notes.txt'), 'See \\todo{map this one}\n');
      const mapped = await scan({ root, annotations: { ...DEFAULT_ANNOTATION_OPTIONS, languages: { '**/*.txt': 'latex' } } });
      assert.deepEqual(mapped.items.map((i) => `${i.file}:${i.line} ${i.title}`), ['paper/main.tex:1 Link the chapters', 'paper/notes.txt:1 map this one']);
    } finally {
      removeTree(root);
    }
  });

  it('tags a line with a % comment, the comment on a line in place; a todo command is tagged already', () => {
    const edit = (line: number) => tagAsDebtEdit({ text: PAPER, languageId: 'latex', file: '/w/paper.tex', startLine: line, endLine: line, id: 'PD-AAAAAA', tags: ['TODO'] });
    assert.deepEqual(edit(4), { kind: 'insertLine', line: 4, before: '% DEBT(PD-AAAAAA): ', after: '' }, 'a line of LaTeX');
    assert.deepEqual(edit(6), { kind: 'insertLine', line: 6, before: '% DEBT(PD-AAAAAA): ', after: '' }, 'a line of text with a todo command in it');
    assert.deepEqual(edit(9), { kind: 'refused', why: 'tagged' }, 'a line starting with a todo command');
    const comment = tagAsDebtEdit({ text: 'Text.\n% a plain remark\n', languageId: 'latex', file: '/w/a.tex', startLine: 1, endLine: 1, id: 'PD-AAAAAA', tags: ['TODO'] });
    assert.deepEqual(comment, { kind: 'tagComment', line: 1, character: 2, text: 'DEBT(PD-AAAAAA): ' });
  });

  describe('edits', () => {
    let root = '';
    afterEach(() => root && removeTree(root));

    it('writes a ticket reference into a % comment; a todo command is refused, not broken, when written into or removed', async () => {
      root = makeTree({ 'paper.tex': PAPER });
      const items = scanDocument(PAPER, { file: 'paper.tex' }, DEFAULT_ANNOTATION_OPTIONS).items;
      const target = (i: number) => ({ file: 'paper.tex', id: 'PD-7Q2K', tag: items[i]!.tag, line: items[i]!.line, column: items[i]!.column, title: items[i]!.title, end: items[i]!.end });
      assert.equal((await writeReference(root, target(0), ['GH-9'], { annotations: DEFAULT_ANNOTATION_OPTIONS })).status, 'edited');
      const written = fs.readFileSync(path.join(root, 'paper.tex'), 'utf8');
      assert.equal(written, PAPER.replace('% TODO: pick a title', '% TODO(PD-7Q2K, GH-9): pick a title'));
      const todo = await writeReference(root, target(1), ['GH-9'], { annotations: DEFAULT_ANNOTATION_OPTIONS });
      assert.notEqual(todo.status, 'edited');
      assert.equal(fs.readFileSync(path.join(root, 'paper.tex'), 'utf8'), written, 'nothing written');
      assert.notEqual((await removeAnnotation(root, target(1), { annotations: DEFAULT_ANNOTATION_OPTIONS })).status, 'edited');
      assert.equal(fs.readFileSync(path.join(root, 'paper.tex'), 'utf8'), written, 'nothing removed');
    });
  });
});

describe('scan: LaTeX cells, at random', () => {
  const PIECES = ['\\todo{a}', '\\todo[inline]{b\nc}', '\\todo', '{', '}', '[', ']', '%', '% TODO: t', '\\{', '\\}', '\\\\', '\\verb|x|', '\\begin{verbatim}', '\\end{verbatim}', '\\begin{comment}', '\\end{comment}', '\\newcommand', 'text', ' ', '\n', '\r\n'];
  it("cells are as long as the file's stretches, with its line breaks, in order, without overlap (random files)", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }), (pieces) => {
        const text = pieces.join('');
        assertCellsFollowTheFile(text, latexCells(text));
        // Whatever the file, every item found is at its tag in the file.
        found(text);
      }),
      { numRuns: 400 },
    );
  });
});
