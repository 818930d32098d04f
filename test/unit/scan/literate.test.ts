import * as fc from 'fast-check';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_ANNOTATION_OPTIONS } from '../../../src/engine/model';
import { scanDocument } from '../../../src/engine/scanner/document';
import { supportedLanguages } from '../../../src/engine/scanner/languages';
import { literateCells, type LiterateFormat } from '../../../src/engine/scanner/literate';
import { removeAnnotation } from '../../../src/engine/trackers/removal';
import { writeReference } from '../../../src/engine/trackers/writeBack';
import { tagAsDebtEdit } from '../../../src/extension/editor/tagAsDebt';
import { makeTree, removeTree } from './helpers';

const BIRD = [
  'Parsing the ledger file.',
  'TODO: decoy, prose is not a comment',
  '<!-- TODO: say which format version this reads -->',
  '',
  '> module Ledger where',
  '> -- FIXME(alice): read the header once',
  '> greeting = "-- TODO: decoy in a string"',
  '>main = print 1 {- TODO: a block comment -}',
  '',
  'A prose line with > inside, and -- TODO: decoy dashes in prose.',
  '',
].join('\n');

const LATEX = [
  '\\section{Ledger}',
  '% TODO: a LaTeX comment in the prose',
  'Prose with -- TODO: decoy dashes.',
  '\\begin{code}',
  'module Ledger where',
  '-- HACK: the parser skips blank lines',
  '> notBird = "-- TODO: decoy in a string"',
  '\\end{code}',
  '\\begin{spec}',
  '-- TODO: decoy, a spec block is shown, not compiled',
  '\\end{spec}',
  '',
].join('\n');

function found(text: string, file = 'Ledger.lhs', languageId?: string): string[] {
  const lines = text.split('\n');
  return scanDocument(text, { file, ...(languageId ? { languageId } : {}) }, DEFAULT_ANNOTATION_OPTIONS).items.map((i) => {
    assert.equal(lines[i.line - 1]!.slice(i.column - 1, i.column - 1 + i.tag.length), i.tag, `the file has ${i.tag} at ${i.line}:${i.column}`);
    return `${i.line}:${i.column} ${i.language} ${i.tag} ${i.title}`;
  });
}

describe('scan: literate Haskell', () => {
  it('reads the Bird style: lines starting with > as Haskell, the prose as Markdown, at the places of the file', () => {
    assert.deepEqual(found(BIRD), ['3:6 markdown TODO say which format version this reads', '6:6 haskell FIXME read the header once', '8:20 haskell TODO a block comment']);
    // The Haskell extension's language id for it changes nothing.
    assert.deepEqual(found(BIRD, 'Ledger.lhs', 'literate haskell'), found(BIRD));
    const code = literateCells(BIRD).find((c) => c.language.id === 'haskell')!;
    assert.equal(code.text.length, code.fileOffset(code.text.length) - code.fileOffset(0), 'a Bird cell is as long as its lines');
    assert.ok(!code.text.includes('>main'), 'the > is read as a blank');
  });

  it('reads the LaTeX style: code blocks as Haskell, the rest as LaTeX; a spec block is not code', () => {
    assert.deepEqual(found(LATEX), ['2:3 latex TODO a LaTeX comment in the prose', '6:4 haskell HACK the parser skips blank lines']);
    assert.deepEqual(found('\\begin{code}\r\nx = 1 -- TODO: CRLF, unclosed\r\n'), ['2:10 haskell TODO CRLF, unclosed']);
    // Indented, or with options as Agda writes them.
    assert.deepEqual(found('Prose.\n  \\begin{code}[hide]\nx = 1 -- TODO: indented block\n  \\end{code}\n-- TODO: decoy after it\n'), ['3:10 haskell TODO indented block']);
  });

  it('is listed among the languages, with how it is read', () => {
    const row = supportedLanguages().find((l) => l.id === 'literate-haskell');
    assert.deepEqual(row?.extensions, ['.lhs', '.lhs-boot']);
    assert.match(row?.cells ?? '', /begin\{code\}/);
  });

  it('tags code in the Bird style with a Haskell comment that stays code (its line starts with >)', () => {
    const edit = tagAsDebtEdit({ text: BIRD, languageId: 'literate haskell', file: '/w/Ledger.lhs', startLine: 6, endLine: 6, id: 'PD-AAAAAA', tags: ['TODO'] });
    assert.deepEqual(edit, { kind: 'insertLine', line: 6, before: '> -- DEBT(PD-AAAAAA): ', after: '' });
    const lines = BIRD.split('\n');
    lines.splice(6, 0, `${edit!.kind === 'insertLine' ? edit!.before : ''}parse once`);
    assert.ok(found(lines.join('\n')).includes('7:6 haskell DEBT parse once'));
    assert.deepEqual(tagAsDebtEdit({ text: LATEX, languageId: 'literate haskell', file: '/w/Ledger.lhs', startLine: 4, endLine: 4, id: 'PD-AAAAAA', tags: ['TODO'] }), { kind: 'insertLine', line: 4, before: '-- DEBT(PD-AAAAAA): ', after: '' });
    assert.deepEqual(tagAsDebtEdit({ text: BIRD, languageId: 'literate haskell', file: '/w/Ledger.lhs', startLine: 0, endLine: 0, id: 'PD-AAAAAA', tags: ['TODO'] }), { kind: 'insertLine', line: 0, before: '<!-- DEBT(PD-AAAAAA): ', after: ' -->' });
    // The first line of a run of code is code, though the prose's cell ends where it starts.
    assert.deepEqual(tagAsDebtEdit({ text: BIRD, languageId: 'literate haskell', file: '/w/Ledger.lhs', startLine: 4, endLine: 4, id: 'PD-AAAAAA', tags: ['TODO'] }), { kind: 'insertLine', line: 4, before: '> -- DEBT(PD-AAAAAA): ', after: '' });
  });

  describe('edits', () => {
    let root = '';
    afterEach(() => root && removeTree(root));

    it('writes a ticket reference into a Bird-style comment and removes an annotation, keeping the >', async () => {
      root = makeTree({ 'Ledger.lhs': BIRD });
      const items = scanDocument(BIRD, { file: 'Ledger.lhs' }, DEFAULT_ANNOTATION_OPTIONS).items;
      const target = (i: number) => ({ file: 'Ledger.lhs', id: 'PD-7Q2K', tag: items[i]!.tag, line: items[i]!.line, column: items[i]!.column, title: items[i]!.title, end: items[i]!.end });
      assert.equal((await writeReference(root, target(1), ['GH-9'], { annotations: DEFAULT_ANNOTATION_OPTIONS })).status, 'edited');
      const written = fs.readFileSync(path.join(root, 'Ledger.lhs'), 'utf8');
      assert.equal(written, BIRD.replace('> -- FIXME(alice): read', '> -- FIXME(alice, PD-7Q2K, GH-9): read'));
      assert.equal((await removeAnnotation(root, target(2), { annotations: DEFAULT_ANNOTATION_OPTIONS })).status, 'edited');
      assert.equal(fs.readFileSync(path.join(root, 'Ledger.lhs'), 'utf8'), written.replace('>main = print 1 {- TODO: a block comment -}', '>main = print 1'));
    });
  });
});

const AGDA_MD = [
  '# Naturals',
  '<!-- TODO: cite the book -->',
  'TODO: decoy, prose is not a comment',
  '```agda',
  'module Nat where',
  '-- FIXME: use the builtin',
  'name = "-- TODO: decoy in a string"',
  '```',
  '```haskell',
  '-- TODO: decoy, a block for another language is text',
  '```',
  '```',
  'data ℕ : Set where -- HACK: unicode names',
  '```',
  '',
].join('\n');

describe('scan: literate Agda and Idris', () => {
  it('reads literate Agda in Markdown: ``` and ```agda blocks as Agda, other blocks and the prose as Markdown', () => {
    assert.deepEqual(found(AGDA_MD, 'Nat.lagda.md'), ['2:6 markdown TODO cite the book', '6:4 idris FIXME use the builtin', '13:23 idris HACK unicode names']);
    assert.deepEqual(found(AGDA_MD, 'Nat.lagda.md', 'lagda-md'), found(AGDA_MD, 'Nat.lagda.md'));
    // The same text as plain Markdown: a code block is text there.
    assert.deepEqual(found(AGDA_MD, 'Nat.md'), ['2:6 markdown TODO cite the book']);
    // A tilde fence is not Agda's; an unclosed block runs to the end.
    assert.deepEqual(found('~~~\n-- TODO: decoy\n~~~\n```\nx = 1 -- TODO: unclosed\n', 'Nat.lagda.md'), ['5:10 idris TODO unclosed']);
  });

  it('reads literate Agda in LaTeX (.lagda, .lagda.tex): code blocks as Agda, never Bird lines', () => {
    const text = ['\\section{Nat}', '% TODO: a LaTeX comment', '> -- TODO: decoy, Agda has no Bird style', '\\begin{code}[hide]', '{- FIXME: hidden code -}', '\\end{code}', ''].join('\n');
    assert.deepEqual(found(text, 'Nat.lagda'), ['2:3 latex TODO a LaTeX comment', '5:4 idris FIXME hidden code']);
    assert.deepEqual(found(text, 'Nat.lagda.tex'), found(text, 'Nat.lagda'));
    assert.deepEqual(found('> -- TODO: decoy\n', 'Nat.lagda'), []);
  });

  it('reads literate Agda in Org (.lagda.org): agda2 source blocks as Agda, the rest as Org, other source blocks as text', () => {
    const text = [
      '#+title: Nat',
      '# TODO: an Org comment',
      '#+BEGIN_SRC agda2 :tangle yes',
      'data N : Set where',
      '-- FIXME: in an Agda block',
      '#+END_SRC',
      '#+begin_src haskell',
      '-- TODO: decoy, a Haskell block is text',
      '#+end_src',
      '#+begin_src agda2-foo',
      '-- TODO: decoy, not an Agda block',
      '#+end_src',
      '#+begin_src agda2',
      'x = 1 {- HACK: unclosed block runs to the end -}',
      '',
    ].join('\n');
    assert.deepEqual(found(text, 'Nat.lagda.org'), ['2:3 org TODO an Org comment', '5:4 idris FIXME in an Agda block', '14:10 idris HACK unclosed block runs to the end']);
    assert.deepEqual(found(text, 'Nat.lagda.org', 'lagda-org'), found(text, 'Nat.lagda.org'));
    // The same text as plain Org: every source block is text.
    assert.deepEqual(found(text, 'Nat.org'), ['2:3 org TODO an Org comment']);
    assert.deepEqual(tagAsDebtEdit({ text, languageId: 'lagda-org', file: '/w/Nat.lagda.org', startLine: 3, endLine: 3, id: 'PD-AAAAAA', tags: ['TODO'] }), { kind: 'insertLine', line: 3, before: '-- DEBT(PD-AAAAAA): ', after: '' });
  });

  it('reads literate Agda in Typst (.lagda.typ): ``` and ```agda blocks as Agda, the prose as Typst', () => {
    const text = ['= Nat', '// TODO: a Typst comment', '```agda', 'data N : Set where -- FIXME: use the builtin', '```', '```haskell', '-- TODO: decoy', '```', 'Prose -- TODO: decoy dashes', ''].join('\n');
    assert.deepEqual(found(text, 'Nat.lagda.typ'), ['2:4 typst TODO a Typst comment', '4:23 idris FIXME use the builtin']);
    assert.deepEqual(found(text, 'Nat.lagda.typ', 'lagda-typst'), found(text, 'Nat.lagda.typ'));
  });

  it('reads literate Idris (.lidr): lines starting with > as Idris, the prose as Markdown', () => {
    const text = ['Intro -- TODO: decoy dashes in prose', '> module Main', '> -- TODO: load the config', "> c = '-'", '<!-- FIXME: say why -->', ''].join('\n');
    assert.deepEqual(found(text, 'Main.lidr'), ['3:6 idris TODO load the config', '5:6 markdown FIXME say why']);
    const edit = tagAsDebtEdit({ text, languageId: 'lidr', file: '/w/Main.lidr', startLine: 3, endLine: 3, id: 'PD-AAAAAA', tags: ['TODO'] });
    assert.deepEqual(edit, { kind: 'insertLine', line: 3, before: '> -- DEBT(PD-AAAAAA): ', after: '' });
  });

  it('tags an Agda block with an Agda comment and the Markdown around it with an HTML one', () => {
    assert.deepEqual(tagAsDebtEdit({ text: AGDA_MD, languageId: 'lagda-md', file: '/w/Nat.lagda.md', startLine: 4, endLine: 4, id: 'PD-AAAAAA', tags: ['TODO'] }), { kind: 'insertLine', line: 4, before: '-- DEBT(PD-AAAAAA): ', after: '' });
    assert.deepEqual(tagAsDebtEdit({ text: AGDA_MD, languageId: 'lagda-md', file: '/w/Nat.lagda.md', startLine: 0, endLine: 0, id: 'PD-AAAAAA', tags: ['TODO'] }), { kind: 'insertLine', line: 0, before: '<!-- DEBT(PD-AAAAAA): ', after: ' -->' });
  });

  it('are listed among the languages, with how each is read', () => {
    const rows = new Map(supportedLanguages().map((l) => [l.id, l]));
    assert.deepEqual(rows.get('literate-agda')?.extensions, ['.lagda', '.lagda.tex']);
    assert.deepEqual(rows.get('literate-agda-markdown')?.extensions, ['.lagda.md']);
    assert.deepEqual(rows.get('literate-agda-org')?.extensions, ['.lagda.org']);
    assert.deepEqual(rows.get('literate-agda-typst')?.extensions, ['.lagda.typ']);
    assert.deepEqual(rows.get('literate-idris')?.extensions, ['.lidr']);
    assert.match(rows.get('literate-agda-markdown')?.cells ?? '', /```agda/);
  });
});

describe('scan: literate cells, at random', () => {
  const FORMATS: LiterateFormat[] = ['literate', 'literate-agda', 'literate-agda-md', 'literate-agda-typst', 'literate-agda-org', 'literate-idris'];
  // Lines that open, close or look like a block in one format or another, and plain ones.
  const LINES = ['\\begin{code}', '\\begin{code}[hide]', '\\end{code}', '```', '```agda', '```haskell', '~~~', '#+begin_src agda2', '#+BEGIN_SRC agda2 :tangle yes', '#+begin_src python', '#+end_src', '> x = 1 -- TODO: t', '>', '-- FIXME: f', 'prose', '', '  indented'];

  for (const format of FORMATS) {
    it(`${format}: cells are the file's own text, in order, without overlap (random files)`, () => {
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...LINES), { maxLength: 40 }), fc.boolean(), (lines, crlf) => {
          const text = lines.join(crlf ? '\r\n' : '\n');
          let end = 0;
          for (const cell of literateCells(text, format)) {
            const start = cell.fileOffset(0);
            const stop = cell.fileOffset(cell.text.length);
            assert.ok(start >= end && stop >= start && stop <= text.length, `${format}: [${start}, ${stop}) after ${end} in ${JSON.stringify(text)}`);
            const own = text.slice(start, stop);
            // A Bird cell blanks its `>`s: the same length, the same line breaks.
            if (cell.text !== own) assert.equal(cell.text, own.replace(/^>/gm, ' '));
            end = stop;
          }
        }),
        { numRuns: 300 },
      );
    });
  }
});
