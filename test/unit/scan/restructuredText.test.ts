import * as fc from 'fast-check';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_ANNOTATION_OPTIONS, type AnnotationOptions } from '../../../src/engine/model';
import { scanDocument } from '../../../src/engine/scanner/document';
import { supportedLanguages } from '../../../src/engine/scanner/languages';
import { restructuredTextCells, type RestructuredTextFormat } from '../../../src/engine/scanner/restructuredText';
import { scan } from '../../../src/engine/scanner/scan';
import { removeAnnotation } from '../../../src/engine/trackers/removal';
import { writeReference } from '../../../src/engine/trackers/writeBack';
import { tagAsDebtEdit } from '../../../src/extension/editor/tagAsDebt';
import { assertCellsFollowTheFile, itemsAtTheirTags, makeTree, removeTree } from './helpers';

const GUIDE = [
  'Installing',
  '==========',
  '',
  'TODO: decoy, prose is what the page shows',
  '',
  '.. TODO: say which versions are supported',
  '   and where to report a failed install.',
  '',
  '..',
  '   FIXME(ann): a comment whose text starts on the next line',
  '',
  '.. note:: TODO: decoy, a note is shown',
  '',
  '   .. HACK: a comment inside the note counts',
  '',
  'Run this::',
  '',
  '   .. TODO: decoy, a literal block is shown as written',
  '   pip install paydown  # TODO: decoy',
  '',
  '.. code-block:: rst',
  '',
  '   .. todo:: decoy, an example of the directive',
  '',
  '.. _TODO: https://example.com/todo',
  '.. [#TODO] decoy, a footnote is shown',
  '.. |TODO| replace:: decoy',
  '',
  '..',
  '',
  '   TODO: decoy, a block quote after an empty comment',
  '',
  '- An item with an example::',
  '',
  '    .. FIXME: decoy in the item\'s literal block',
  '',
  '  .. XXX: a comment in the item, after its literal block',
  '',
  '.. todo:: write the upgrade section',
  '',
  '.. Todo::',
  '',
  '   Document the proxy settings.',
  '',
  '..TODO: decoy, not explicit markup without the space',
  '',
].join('\n');

function found(text: string, file = 'install.rst', options: AnnotationOptions = DEFAULT_ANNOTATION_OPTIONS): string[] {
  return itemsAtTheirTags(text, file, options);
}

describe('scan: reStructuredText', () => {
  it("reads comments where docutils reads them, and Sphinx's todo directive as a TODO; prose, literal blocks and code directives are text", () => {
    assert.deepEqual(found(GUIDE), [
      '6:4 restructuredtext TODO say which versions are supported',
      '10:4 restructuredtext FIXME a comment whose text starts on the next line',
      '14:7 restructuredtext HACK a comment inside the note counts',
      '37:6 restructuredtext XXX a comment in the item, after its literal block',
      '39:4 restructuredtext TODO write the upgrade section',
      '41:4 restructuredtext TODO Document the proxy settings.',
    ]);
    const items = scanDocument(GUIDE, { file: 'install.rst' }, DEFAULT_ANNOTATION_OPTIONS).items;
    assert.equal(items[0]!.body, 'and where to report a failed install.');
    assert.deepEqual(items[1]!.owners, ['ann']);
    assert.deepEqual(items.map((i) => i.directive ?? null), [null, null, null, null, 'todo', 'todo'], "Sphinx's todo directives are marked as such");
    // The same with Windows line breaks, and under VS Code's language id.
    assert.deepEqual(found(GUIDE.replace(/\n/g, '\r\n')), found(GUIDE));
    assert.deepEqual(scanDocument(GUIDE, { file: 'notes.txt', languageId: 'restructuredtext' }, DEFAULT_ANNOTATION_OPTIONS).items.length, 6);
  });

  it("finds a todo directive alone in a file, with tags matched in their case only, and not without a TODO tag", () => {
    const text = 'Title\n=====\n\n.. todo:: Write this section.\n';
    assert.deepEqual(found(text), ['4:4 restructuredtext TODO Write this section.']);
    assert.deepEqual(found(text, 'a.rst', { ...DEFAULT_ANNOTATION_OPTIONS, caseSensitive: false }), ['4:4 restructuredtext TODO Write this section.']);
    assert.deepEqual(found(text, 'a.rst', { ...DEFAULT_ANNOTATION_OPTIONS, tags: [{ name: 'FIXME' }] }), []);
    // Sphinx's todolist directive is not a todo.
    assert.deepEqual(found('.. todolist::\n'), []);
  });

  it('ends a comment where its indentation ends, as docutils does', () => {
    const text = ['.. TODO: the first', '   line goes on', 'A paragraph ends it.', '', '   .. FIXME: in a block quote', ''].join('\n');
    assert.deepEqual(found(text), ['1:4 restructuredtext TODO the first', '5:7 restructuredtext FIXME in a block quote']);
    assert.deepEqual(scanDocument(text, { file: 'a.rst' }, DEFAULT_ANNOTATION_OPTIONS).items.map((i) => i.body), ['line goes on', '']);
    // Every line indented under the marker is the comment's, also one indented less than the first.
    const ragged = ['..', '      The first line, deeply indented.', '   FIXME: a later line indented less', '', 'Prose.', ''].join('\n');
    assert.deepEqual(found(ragged), ['3:4 restructuredtext FIXME a later line indented less']);
  });

  it('reads a paragraph of 200,000 lines ending in `::` within the test timeout (each line walked back to its paragraph\'s start)', () => {
    const text = `${'Example::\n'.repeat(200_000)}\n.. TODO: after the long paragraph\n`;
    assert.deepEqual(found(text).map((f) => f.split(' ').slice(2).join(' ')), ['TODO after the long paragraph']);
  });

  it('is listed among the languages, with how it is read', () => {
    const rows = new Map(supportedLanguages().map((l) => [l.id, l]));
    assert.deepEqual(rows.get('restructuredtext')?.extensions, ['.rst', '.rest']);
    assert.match(rows.get('restructuredtext')?.cells ?? '', /todo::/);
    assert.deepEqual(rows.get('literate-agda-rst')?.extensions, ['.lagda.rst']);
  });

  it('is found by a scan of a folder, whose prefilter lets a file with only a todo directive through', async () => {
    const root = makeTree({ 'docs/index.rst': 'Index\n=====\n\n.. todo:: link the guides\n', 'docs/other.rst': '.. Todo ::\n\n   in another case\n', 'docs/plain.rst': 'No debt here.\n', 'src/a.py': '# .. todo:: decoy in Python\n' });
    try {
      const result = await scan({ root, annotations: DEFAULT_ANNOTATION_OPTIONS });
      assert.deepEqual(result.items.map((i) => `${i.file}:${i.line} ${i.tag} ${i.title}`), ['docs/index.rst:4 TODO link the guides', 'docs/other.rst:1 TODO in another case']);
      // A file mapped to reStructuredText by scan.languages is prefiltered as one.
      fs.writeFileSync(path.join(root, 'docs/notes.txt'), '.. todo:: map this one\n');
      const mapped = await scan({ root, annotations: { ...DEFAULT_ANNOTATION_OPTIONS, languages: { '**/*.txt': 'restructuredtext' } } });
      assert.deepEqual(mapped.items.map((i) => `${i.file}:${i.line} ${i.title}`), ['docs/index.rst:4 link the guides', 'docs/notes.txt:1 map this one', 'docs/other.rst:1 in another case']);
    } finally {
      removeTree(root);
    }
  });

  it('tags prose with a comment set apart by blank lines, and tags a comment in place', () => {
    const text = 'Intro\n=====\n\nSome prose.\nMore prose.\n\n.. a plain comment\n';
    assert.deepEqual(tagAsDebtEdit({ text, languageId: 'restructuredtext', file: '/w/intro.rst', startLine: 3, endLine: 3, id: 'PD-AAAAAA', tags: ['TODO'] }), { kind: 'insertLine', line: 3, before: '.. DEBT(PD-AAAAAA): ', after: '\n' });
    assert.deepEqual(tagAsDebtEdit({ text, languageId: 'restructuredtext', file: '/w/intro.rst', startLine: 4, endLine: 4, id: 'PD-AAAAAA', tags: ['TODO'] }), { kind: 'insertLine', line: 4, before: '\n.. DEBT(PD-AAAAAA): ', after: '\n' });
    assert.deepEqual(tagAsDebtEdit({ text, languageId: 'restructuredtext', file: '/w/intro.rst', startLine: 6, endLine: 6, id: 'PD-AAAAAA', tags: ['TODO'] }), { kind: 'tagComment', line: 6, character: 3, text: 'DEBT(PD-AAAAAA): ' });
  });

  describe('edits', () => {
    let root = '';
    afterEach(() => root && removeTree(root));

    it('writes a ticket reference into a comment and removes one; a todo directive is refused, not broken', async () => {
      root = makeTree({ 'install.rst': GUIDE });
      const items = scanDocument(GUIDE, { file: 'install.rst' }, DEFAULT_ANNOTATION_OPTIONS).items;
      const target = (i: number) => ({ file: 'install.rst', id: 'PD-7Q2K', tag: items[i]!.tag, line: items[i]!.line, column: items[i]!.column, title: items[i]!.title, end: items[i]!.end });
      assert.equal((await writeReference(root, target(2), ['GH-9'], { annotations: DEFAULT_ANNOTATION_OPTIONS })).status, 'edited');
      const written = fs.readFileSync(path.join(root, 'install.rst'), 'utf8');
      assert.equal(written, GUIDE.replace('   .. HACK: a comment', '   .. HACK(PD-7Q2K, GH-9): a comment'));
      assert.equal((await removeAnnotation(root, target(0), { annotations: DEFAULT_ANNOTATION_OPTIONS })).status, 'edited');
      const removed = fs.readFileSync(path.join(root, 'install.rst'), 'utf8');
      assert.ok(!removed.includes('say which versions'), 'the comment is gone');
      assert.deepEqual(found(removed).length, 5);
      const todo = await writeReference(root, { ...target(4), line: target(4).line - 3 }, ['GH-9'], { annotations: DEFAULT_ANNOTATION_OPTIONS });
      assert.notEqual(todo.status, 'edited');
      assert.equal(fs.readFileSync(path.join(root, 'install.rst'), 'utf8'), removed, 'nothing written');
    });
  });
});

const AGDA_RST = [
  'Naturals',
  '========',
  '',
  '.. TODO: cite the book',
  '',
  'The module::',
  '',
  '  module Nat where',
  '  -- FIXME: use the builtin',
  '  name = "-- TODO: decoy in a string"',
  '',
  'Prose with -- TODO: decoy dashes.',
  '',
  '.. code-block:: haskell',
  '',
  '  -- TODO: decoy, a block for another language is text',
  '',
].join('\n');

describe('scan: literate Agda in reStructuredText', () => {
  it('reads each literal block as Agda and the rest as reStructuredText', () => {
    assert.deepEqual(found(AGDA_RST, 'Nat.lagda.rst'), ['4:4 restructuredtext TODO cite the book', '9:6 idris FIXME use the builtin']);
    assert.deepEqual(tagAsDebtEdit({ text: AGDA_RST, languageId: 'lagda-rst', file: '/w/Nat.lagda.rst', startLine: 7, endLine: 7, id: 'PD-AAAAAA', tags: ['TODO'] }), { kind: 'insertLine', line: 7, before: '  -- DEBT(PD-AAAAAA): ', after: '' });
  });
});

describe('scan: reStructuredText cells, at random', () => {
  const LINES = ['.. TODO: t', '..', '.. note::', '.. code-block:: rst', '.. todo:: x', '.. Todo ::', '.. _t: u', '.. [1] f', '.. |s| image:: i', 'text::', '- item::', '::', 'prose', '', '  indented', '    deeper', '  .. FIXME: f', '\t.. XXX: tab'];
  const FORMATS: RestructuredTextFormat[] = ['restructuredtext', 'literate-agda-rst'];
  for (const format of FORMATS) {
    it(`${format}: cells are as long as the file's stretches, with its line breaks, in order, without overlap (random files)`, () => {
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...LINES), { maxLength: 40 }), fc.boolean(), (lines, crlf) => {
          const text = lines.join(crlf ? '\r\n' : '\n');
          assertCellsFollowTheFile(text, restructuredTextCells(text, format));
          // Whatever the file, every item found is at its tag in the file.
          found(text, format === 'restructuredtext' ? 'a.rst' : 'a.lagda.rst');
        }),
        { numRuns: 300 },
      );
    });
  }
});
